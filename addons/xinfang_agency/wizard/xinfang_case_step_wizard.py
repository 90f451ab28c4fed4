from odoo import fields, models

from ..models.res_company import office_today
from ..models.xinfang_case import FEEDBACK_METHODS, SATISFACTIONS
from ..models.xinfang_case_review import REVIEW_OUTCOMES

STEPS = [
    ("return_assign", "Return the Assignment"),
    ("return_close", "Return the Reply"),
    ("extension", "Request an Extension"),
    ("escalate", "Escalate"),
    ("feedback", "Record the Feedback"),
    ("review_answer", "Record the Review Answer"),
    ("re_review_answer", "Record the Re-review Answer"),
    ("revisit", "Record the Revisit"),
]


class XinfangCaseStepWizard(models.TransientModel):
    """Collects the input of a flow step and calls the case's transition."""

    _name = "xinfang.case.step.wizard"
    _description = "Petition Case Step"

    case_id = fields.Many2one("xinfang.case", required=True, ondelete="cascade")
    step = fields.Selection(STEPS, required=True)
    comment = fields.Text()
    days = fields.Integer(default=30)
    cross_region = fields.Boolean(
        string="Cross-region or Separated Matter",
        help="三跨三分离: the matter crosses regions, sectors or levels, or the "
        "person, household or property are separated; it goes to the center.",
    )
    date = fields.Date(default=office_today)
    satisfaction = fields.Selection(SATISFACTIONS)
    feedback_method = fields.Selection(FEEDBACK_METHODS, default="visit")
    outcome = fields.Selection(REVIEW_OUTCOMES, string="Review Outcome")
    found_reasonable = fields.Boolean(string="Petition Found Reasonable")
    dual_check_examined = fields.Char(string="Persons Examined")
    dual_check_result = fields.Text(string="Accountability Result")

    def action_confirm(self):
        self.ensure_one()
        case = self.case_id
        comment = self.comment or ""
        if self.step == "return_assign":
            case.action_return_assignment(comment=comment)
        elif self.step == "return_close":
            case.action_return_closure(comment=comment)
        elif self.step == "extension":
            case.action_request_extension(days=self.days, reason=comment)
        elif self.step == "escalate":
            case.action_escalate(reason=comment, cross_region=self.cross_region)
            if not case.with_user(self.env.user).has_access("read"):
                # The case left the user's jurisdiction: back to the board.
                return self.env["ir.actions.act_window"]._for_xml_id(
                    "xinfang_agency.xinfang_case_action"
                )
        elif self.step == "feedback":
            case.action_record_feedback(
                satisfaction=self.satisfaction or False,
                method=self.feedback_method,
                feedback_date=self.date,
            )
        elif self.step in ("review_answer", "re_review_answer"):
            record = (
                case.action_record_review_answer
                if self.step == "review_answer"
                else case.action_record_re_review_answer
            )
            record(
                answer=comment,
                answer_date=self.date,
                outcome=self.outcome or False,
                found_reasonable=self.found_reasonable,
                dual_check_examined=self.dual_check_examined,
                dual_check_result=self.dual_check_result,
            )
        elif self.step == "revisit":
            case.action_record_revisit(
                revisit_date=self.date or office_today(self),
                note=comment or False,
            )
        return {"type": "ir.actions.act_window_close"}
