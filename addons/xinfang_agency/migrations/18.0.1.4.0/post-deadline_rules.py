"""18.0.1.4.0: deadlines become records (xinfang.deadline.rule). The limits
an office had set as system parameters (``xinfang_agency.limit_<key>_days``
/ ``_unit``, ``xinfang_agency.repeat_period_days``) are copied into the
rules and deleted; the disputes' urging job gives way to the one job."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    changed = env["xinfang.deadline.rule"]._xinfang_migrate_parameters()
    _logger.info("Deadline rules taken from the former parameters: %s", changed)
    dispute_job = env.ref(
        "xinfang_agency.ir_cron_xinfang_urge_overdue_dispute", raise_if_not_found=False
    )
    if dispute_job:
        dispute_job.unlink()
    job = env.ref(
        "xinfang_agency.ir_cron_xinfang_urge_overdue", raise_if_not_found=False
    )
    if job:
        job.model_id = env["ir.model"]._get("xinfang.deadline.mixin")
