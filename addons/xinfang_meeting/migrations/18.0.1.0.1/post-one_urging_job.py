"""18.0.1.0.1: the agency's one urging job urges the decisions; their own
job goes. Follow-up activities, created by hand before, are found by mail's
activity API (``activity_feedback``/``_reschedule``) as automated ones."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    job = env.ref(
        "xinfang_meeting.ir_cron_urge_overdue_decisions", raise_if_not_found=False
    )
    if job:
        job.unlink()
    decision_type = env.ref("xinfang_meeting.mail_activity_type_decision")
    env["mail.activity"].search(
        [
            ("res_model", "=", "xinfang.meeting.decision"),
            ("activity_type_id", "=", decision_type.id),
            ("automated", "=", False),
        ]
    ).automated = True
