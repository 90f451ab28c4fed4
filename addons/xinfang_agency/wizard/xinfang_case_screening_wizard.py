from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.res_company import office_today
from ..models.xinfang_case import (
    ASSIGNMENT_BASES,
    EXCLUSION_REASONS,
    LEGAL_ROUTES,
    SCREENING_OUTCOMES,
)


class XinfangCaseScreeningWizard(models.TransientModel):
    """甄别受理: one of the five outcomes of screening a petition."""

    _name = "xinfang.case.screening.wizard"
    _description = "Petition Screening"

    case_id = fields.Many2one("xinfang.case", required=True, ondelete="cascade")
    outcome = fields.Selection(SCREENING_OUTCOMES, required=True, default="agency")
    note = fields.Text(
        string="Answer or Advice",
        help="The answer given on the spot, the legal advice, or the guidance "
        "to the window or the competent body.",
    )
    legal_route = fields.Selection(LEGAL_ROUTES)
    exclusion_reason = fields.Selection(EXCLUSION_REASONS)
    agent_id = fields.Many2one(
        "res.users",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("xinfang_agency.group_xinfang_agent").ids)
        ],
    )
    handling_unit_id = fields.Many2one("xinfang.unit", string="Proposed Handling Unit")
    assignment_basis = fields.Selection(ASSIGNMENT_BASES)
    category_id = fields.Many2one("xinfang.case.category")
    petitioner_agreed = fields.Boolean(
        string="Petitioner Agrees",
        help="The petitioner accepts the terms of the agency service.",
    )
    petitioner_promised = fields.Boolean(
        string="Petitioner Promises",
        help="The petitioner promises not to petition separately meanwhile.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        case = self.env["xinfang.case"].browse(values.get("case_id"))
        if case:
            values.setdefault("agent_id", (case.agent_id or self.env.user).id)
            values.setdefault("handling_unit_id", case.handling_unit_id.id)
            values.setdefault("assignment_basis", case.assignment_basis)
            values.setdefault("category_id", case.category_id.id)
        return values

    def _outcome_label(self):
        return dict(self._fields["outcome"]._description_selection(self.env))[
            self.outcome
        ]

    def action_confirm(self):
        self.ensure_one()
        case = self.case_id
        case._ensure_can_move("action_open_screening")
        note = (self.note or "").strip()
        vals = {
            "screening_outcome": self.outcome,
            "screening_note": note or False,
            "legal_route": False,
            "exclusion_reason": False,
        }
        if self.category_id:
            vals["category_id"] = self.category_id.id
        if self.outcome == "direct_answer" and not note:
            raise UserError(self.env._("Write the answer given to the petitioner."))
        if self.outcome == "legal_route":
            if not self.legal_route or not note:
                raise UserError(
                    self.env._("Choose the legal route and write the advice given.")
                )
            vals["legal_route"] = self.legal_route
        if self.outcome == "excluded":
            if not self.exclusion_reason:
                raise UserError(self.env._("Choose why the petition is excluded."))
            vals["exclusion_reason"] = self.exclusion_reason
        if self.outcome == "agency":
            if not self.agent_id or not self.handling_unit_id:
                raise UserError(
                    self.env._("Choose the agent and propose the handling unit.")
                )
            # Never to the accused unit (条例 Art. 30): refused before anything moves.
            case._xinfang_check_handling_unit(self.handling_unit_id)
            if not (self.petitioner_agreed and self.petitioner_promised):
                raise UserError(
                    self.env._(
                        "Agency service needs the petitioner's agreement and "
                        "the promise not to petition separately meanwhile."
                    )
                )
            vals.update(
                {
                    "agent_id": self.agent_id.id,
                    "handling_unit_id": self.handling_unit_id.id,
                    "assignment_basis": self.assignment_basis,
                    "petitioner_agreed": True,
                    "petitioner_promised": True,
                    "accepted_date": office_today(self),
                }
            )
        else:
            vals["closed_date"] = office_today(self)
        # Check the terminated matter against the category chosen here.
        if self.outcome == "agency":
            terminated = case._find_terminated_matter(
                self.category_id or case.category_id
            )
            if terminated:
                raise UserError(
                    self.env._(
                        "The matter was terminated after re-review in case "
                        "%(other)s: the same facts are not accepted again. "
                        "Exclude the petition (terminated after three levels) "
                        "and explain it to the petitioner.",
                        other=terminated.name,
                    )
                )
        body = self.env._("Screening: %(outcome)s.", outcome=self._outcome_label())
        if note:
            body = f"{body} {note}"
        if self.outcome == "agency":
            case._screen_accept_for_agency(vals, body)
        else:
            case._screen_close(vals, body)
        return {"type": "ir.actions.act_window_close"}
