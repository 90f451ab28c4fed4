from odoo import models
from odoo.exceptions import UserError

from .res_company import office_today

SATISFACTIONS = [
    ("satisfied", "Satisfied"),
    ("fairly_satisfied", "Fairly Satisfied"),
    ("understanding", "Understanding"),
    ("dissatisfied", "Dissatisfied"),
]
# How the agent tells the petitioner (the citizen also rates online:
# ONLINE_FEEDBACK in xinfang_case_citizen.py).
FEEDBACK_METHODS = [
    ("visit", "In Person"),
    ("phone", "By Phone"),
    ("letter", "By Letter"),
]


class XinfangCaseFeedback(models.AbstractModel):
    """After the 办结签: 反馈评价 (the petitioner told the result, their
    satisfaction recorded), 每件一回访 and 归档 (一案一档). 复查 and 复核
    between feedback and revisit are ``xinfang.case.review.chain``.

    A concern of ``xinfang.case`` only (steps of the flow table).
    """

    _name = "xinfang.case.feedback"
    _description = "Petition Feedback, Revisit and Archive Steps"

    def action_record_feedback(
        self, satisfaction=None, method=None, feedback_date=None
    ):
        """The agent told the petitioner the result; satisfaction recorded."""
        self._ensure_can_move("action_record_feedback")
        if satisfaction is None:
            return self._open_step_wizard("feedback", self.env._("Record the Feedback"))
        if satisfaction not in dict(SATISFACTIONS):
            raise UserError(self.env._("Choose the petitioner's satisfaction."))
        if method not in dict(FEEDBACK_METHODS):
            raise UserError(
                self.env._(
                    "Choose how the petitioner was told: visit, phone or letter."
                )
            )
        feedback_date = feedback_date or office_today(self)
        self._check_not_future(feedback_date, self.env._("The feedback date"))
        for case in self:
            case._flow_write(
                {
                    "satisfaction": satisfaction,
                    "feedback_method": method,
                    "feedback_date": feedback_date,
                }
            )
            if satisfaction != "dissatisfied":
                case._start_revisit("action_start_revisit")
        return True

    def action_start_revisit(self):
        """Feedback → revisit (每件一回访 within 15 days)."""
        self._ensure_can_move("action_start_revisit")
        return self._start_revisit("action_start_revisit")

    def _start_revisit(self, method):
        for case in self:
            case._move_to(method)
            start = case._review_last_answer_date()
            case._deadline_start(
                "revisit", case.agent_id or self.env.user, start_date=start
            )
        return True

    def action_record_revisit(self, revisit_date=None, note=None):
        """The revisit is done; the case is closed."""
        self._ensure_can_move("action_record_revisit")
        if revisit_date is None and note is None:
            return self._open_step_wizard("revisit", self.env._("Record the Revisit"))
        revisit_date = revisit_date or office_today(self)
        self._check_not_future(revisit_date, self.env._("The revisit"))
        for case in self:
            case._flow_write(
                {"revisit_date": revisit_date, "revisit_note": note or False}
            )
            case._deadline_done("revisit", feedback=note)
            case._move_to("action_record_revisit")
        self._on_revisit_recorded()
        return True

    def action_archive_case(self):
        """Closed → archived (一案一档): read-only from now on."""
        self._ensure_can_move("action_archive_case")
        self._move_to("action_archive_case")
        return True
