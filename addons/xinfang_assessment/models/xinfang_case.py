from odoo import api, fields, models


class XinfangCase(models.Model):
    _inherit = "xinfang.case"

    x2211_two_signs = fields.Boolean(
        string="2211: Both Sign-offs",
        compute="_compute_x2211",
        store=True,
        precompute=True,
        index=True,
        help="两签: the principal leader signed both the assignment and the closure.",
    )
    x2211_two_handlings = fields.Boolean(
        string="2211: Agency and Supervision",
        compute="_compute_x2211",
        store=True,
        precompute=True,
        index=True,
        help="两办: an agent handles the case for the petitioner and a leader's "
        "supervision (督办) is recorded.",
    )
    x2211_revisited = fields.Boolean(
        string="2211: Revisited",
        compute="_compute_x2211",
        store=True,
        precompute=True,
        index=True,
        help="每件一回访: the petitioner was revisited after closure.",
    )
    x2211_complete = fields.Boolean(
        string="2211: Complete",
        compute="_compute_x2211",
        store=True,
        precompute=True,
        index=True,
        help="Both sign-offs, agency and supervision, and the revisit are recorded.",
    )
    assess_accepted_on_time = fields.Boolean(
        string="Accepted on Time",
        compute="_compute_assess_flags",
        store=True,
        precompute=True,
        help="Accepted within 15 days of receipt.",
    )
    assess_closed_on_time = fields.Boolean(
        string="Closed on Time",
        compute="_compute_assess_flags",
        store=True,
        precompute=True,
        help="Closed on or before the handling deadline.",
    )

    @api.depends(
        "assign_signed", "close_signed", "agent_id", "supervised_date", "revisit_date"
    )
    def _compute_x2211(self):
        for case in self:
            two_signs = case.assign_signed and case.close_signed
            two_handlings = bool(case.agent_id and case.supervised_date)
            revisited = bool(case.revisit_date)
            case.x2211_two_signs = two_signs
            case.x2211_two_handlings = two_handlings
            case.x2211_revisited = revisited
            case.x2211_complete = two_signs and two_handlings and revisited

    @api.depends("received_date", "accepted_date", "closed_date", "deadline_date")
    def _compute_assess_flags(self):
        # 信访工作条例 Art. 22/23: registered and forwarded or accepted in time.
        acceptance_days = self._deadline_limit("acceptance")[0]
        for case in self:
            accepted, closed, deadline = (
                case.accepted_date,
                case.closed_date,
                case.deadline_date,
            )
            case.assess_accepted_on_time = bool(
                accepted
                and case.received_date
                and (accepted - case.received_date).days <= acceptance_days
            )
            case.assess_closed_on_time = bool(
                closed and (not deadline or closed <= deadline)
            )
