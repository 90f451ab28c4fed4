from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .res_company import office_today
from .xinfang_case_flow import CASE_FLOW, FLOW_BY_METHOD
from .xinfang_case_screening import CLOSING_OUTCOMES
from .xinfang_case_signoff_steps import SIGNOFF_STATES


class XinfangCaseFlowGuard(models.AbstractModel):
    """The guard of the flow on the case, the one reader of ``CASE_FLOW``
    (xinfang_case_flow.py): who may take a step now, its preconditions read
    from records, the stage written as superuser; the helpers every step
    uses, and the hooks (``_on_*``) through which other concerns follow the
    steps instead of overriding them.

    A concern of ``xinfang.case`` only; the steps themselves live in the
    mixins of their concern (screening, sign-offs, handling, extension,
    escalation, feedback, review chain).
    """

    _name = "xinfang.case.flow.guard"
    _description = "Petition Flow Guard"

    flow_actions = fields.Json(
        compute="_compute_flow_actions",
        help="The steps of the flow table the current user may take now.",
    )

    # ------------------------------------------------------------------
    # The one guard
    # ------------------------------------------------------------------
    def _ensure_can_move(self, method):
        """Raise unless the current user may take step ``method`` on every
        case now: its state, the user's groups, whether it applies."""
        step = FLOW_BY_METHOD[method]
        if not any(self.env.user.has_group(group) for group in step.groups):
            raise AccessError(
                self.env._("You are not allowed to do this step of the petition flow.")
            )
        for case in self:
            if case.state not in step.from_states:
                raise UserError(
                    self.env._(
                        "Case %(case)s is in the stage %(stage)s; this step is "
                        "not possible there.",
                        case=case.name,
                        stage=case.stage_id.name,
                    )
                )
            reason = step.unless and getattr(case, step.unless)()
            if reason:
                raise UserError(reason)
        return step

    def _move_to(self, method):
        """Move each case as step ``method`` says, once its precondition
        (read from the records) holds. The write runs as superuser: the
        caller has passed _ensure_can_move, and no flag a user can send
        stands in for that."""
        step = FLOW_BY_METHOD[method]
        stage = self._stage_for(step.to_state)
        for case in self:
            problem = step.check and getattr(case, step.check)()
            if problem:
                raise UserError(problem)
        self.sudo().write({"stage_id": stage.id})
        if step.to_state in SIGNOFF_STATES:
            self._signoff_request()

    def _drag_to(self, new_stage):
        for case in self:
            if case.stage_id == new_stage:
                continue
            step = case._flow_drag_step(new_stage.state)
            getattr(case, step.method)()

    def _flow_drag_step(self, new_state):
        self.ensure_one()
        steps = [
            step
            for step in CASE_FLOW
            if self.state in step.from_states and step.to_state == new_state
        ]
        drag = next((step for step in steps if step.drag), None)
        if drag:
            return drag
        new_stage = self._stage_for(new_state)
        if steps:
            raise UserError(
                self.env._(
                    "Case %(case)s cannot be moved to %(stage)s by dragging the "
                    "card: this step needs its button on the case form.",
                    case=self.name,
                    stage=new_stage.name,
                )
            )
        raise UserError(
            self.env._(
                "Case %(case)s cannot move from %(old)s to %(new)s.",
                case=self.name,
                old=self.stage_id.name,
                new=new_stage.name,
            )
        )

    @api.depends(
        "state",
        "extension_state",
        "first_contact_date",
        "satisfaction",
        "review_ids.state",
    )
    @api.depends_context("uid")
    def _compute_flow_actions(self):
        """The steps the user may take now: the form's buttons."""
        user = self.env.user
        mine = [
            step
            for step in CASE_FLOW
            if step.method.startswith("action_")
            and any(user.has_group(group) for group in step.groups)
        ]
        for case in self:
            case.flow_actions = [
                step.method
                for step in mine
                if case.state in step.from_states
                and not (step.unless and getattr(case, step.unless)())
            ]

    # ------------------------------------------------------------------
    # Preconditions of the moves: they read records, never a writable flag.
    # ------------------------------------------------------------------
    def _flow_check_petitioners(self):
        if not self.petitioner_ids:
            return self.env._(
                "Add at least one petitioner to case %(case)s before screening.",
                case=self.name,
            )
        return None

    def _flow_check_accepted_for_agency(self):
        if not (
            self.screening_outcome == "agency"
            and self.agent_id
            and self.handling_unit_id
            and self.petitioner_agreed
            and self.petitioner_promised
        ):
            return self.env._(
                "Case %(case)s must be accepted for agency at screening "
                "(agent, proposed handling unit and the petitioner's "
                "agreement and promise) before the assignment sign-off.",
                case=self.name,
            )
        return None

    def _flow_check_closing_outcome(self):
        if self.screening_outcome not in CLOSING_OUTCOMES:
            return self.env._(
                "Record the screening outcome of case %(case)s before closing it.",
                case=self.name,
            )
        return None

    def _flow_signoff_decision(self, kind):
        return self.sudo()._last_signoff(kind).decision

    def _flow_check_assignment_signed(self):
        if self._flow_signoff_decision("assign") != "signed":
            return self.env._(
                "Handling of case %(case)s cannot start before the principal "
                "leader signs the assignment sign-off.",
                case=self.name,
            )
        return None

    def _flow_check_assignment_returned(self):
        if self._flow_signoff_decision("assign") != "returned":
            return self.env._(
                "Only a returned assignment sign-off sends case %(case)s back "
                "to screening.",
                case=self.name,
            )
        return None

    def _flow_check_closure_signed(self):
        if self._flow_signoff_decision("close") != "signed":
            return self.env._(
                "Feedback on case %(case)s cannot start before the principal "
                "leader signs the closure sign-off.",
                case=self.name,
            )
        return None

    def _flow_check_closure_returned(self):
        if self._flow_signoff_decision("close") != "returned":
            return self.env._(
                "Only a returned closure sign-off sends case %(case)s back to "
                "handling.",
                case=self.name,
            )
        return None

    def _flow_check_reply_ready(self):
        problem = self._reply_problem()
        if problem:
            return problem
        if self.extension_state == "requested":
            return self.env._(
                "The extension request of case %(case)s awaits the leader's decision.",
                case=self.name,
            )
        return None

    def _flow_check_revisit_ready(self):
        if not self.satisfaction:
            return self.env._(
                "Record the petitioner's satisfaction with case %(case)s first.",
                case=self.name,
            )
        if self._review_pending():
            return self.env._(
                "The review of case %(case)s has not been answered yet.",
                case=self.name,
            )
        return None

    def _flow_check_revisit_recorded(self):
        if not self.revisit_date:
            return self.env._(
                "Record the revisit of case %(case)s first.", case=self.name
            )
        return None

    # ------------------------------------------------------------------
    # Why a step does not apply now (its button hides), beyond the stage.
    # ------------------------------------------------------------------
    def _flow_unless_first_contact_due(self):
        if self.first_contact_date:
            return self.env._(
                "The first contact of case %(case)s is already recorded.",
                case=self.name,
            )
        return None

    def _flow_unless_extension_possible(self):
        if self.extension_state == "approved":
            return self.env._(
                "Case %(case)s has already been extended once.", case=self.name
            )
        if self.extension_state == "requested":
            return self.env._(
                "An extension of case %(case)s is already awaiting approval.",
                case=self.name,
            )
        return None

    def _flow_unless_extension_requested(self):
        if self.extension_state != "requested":
            return self.env._(
                "No extension of case %(case)s awaits approval.", case=self.name
            )
        return None

    def _flow_unless_feedback_due(self):
        if self.satisfaction:
            return self.env._(
                "The feedback of case %(case)s is already recorded.", case=self.name
            )
        return None

    def _flow_unless_revisit_possible(self):
        if self._review_pending():
            return self.env._(
                "The review of case %(case)s has not been answered yet.",
                case=self.name,
            )
        if self.satisfaction != "dissatisfied":
            return self.env._(
                "Case %(case)s goes to the revisit by itself once the feedback "
                "or the last review answer is recorded.",
                case=self.name,
            )
        return None

    def _reply_problem(self):
        if not self.first_contact_date:
            return self.env._(
                "Record the first contact with the petitioner of case %(case)s "
                "before submitting the reply.",
                case=self.name,
            )
        if not (self.reply or "").strip():
            return self.env._("Write the reply of case %(case)s first.", case=self.name)
        if not self.result_class:
            return self.env._(
                "Choose the result class of case %(case)s (solved, explained, "
                "aided or dealt with by law).",
                case=self.name,
            )
        return None

    # ------------------------------------------------------------------
    # Helpers of the steps
    # ------------------------------------------------------------------
    @api.model
    def _stage_for(self, state):
        Stage = self.env["xinfang.case.stage"]
        steps = Stage._xinfang_flow()[1]
        stage = Stage.browse(
            [stage_id for stage_id in steps if steps[stage_id] == state]
        )
        if not stage:
            raise UserError(
                self.env._(
                    "No stage is configured for the step %(state)s.",
                    state=state,
                )
            )
        return stage

    def _flow_write(self, vals):
        """Write fields that only the flow's steps change.

        The step has passed _ensure_can_move; the record rules still apply.
        The write runs as superuser, past the write whitelist: a flag sent
        over RPC could be forged, the superuser flag cannot.
        """
        self.check_access("write")
        return self.sudo().write(vals)

    def _require_text(self, value, message):
        if not (value or "").strip():
            raise UserError(message)
        return value.strip()

    def _check_not_future(self, value, label):
        if value and value > office_today(self):
            raise UserError(
                self.env._("%(label)s cannot be in the future.", label=label)
            )

    def _responsible_user(self):
        """Who holds the handling deadlines: the handler, until one is named
        the handling unit's head (never the village agent, who does not
        handle the case), else the leader in charge."""
        self.ensure_one()
        return (
            self.handler_id
            or self.handling_unit_id.sudo().head_id
            or self.leader_id
            or self.env.user
        )

    def _open_step_wizard(self, step, title):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "xinfang.case.step.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id, "default_step": step},
        }

    # ------------------------------------------------------------------
    # Hooks: what another concern does once a step is done (the citizen's
    # SMS, xinfang_case_citizen.py). Each runs on the cases the step has
    # just moved or recorded; an implementation calls super(), and its
    # mixin comes before this one in xinfang.case's _inherit.
    # ------------------------------------------------------------------
    def _on_screening_submitted(self):
        """Registered → screening (action_submit_screening)."""

    def _on_screening_recorded(self, accepted):
        """The screening wizard recorded its outcome: ``accepted`` for
        agency (待交办签), else the petition is closed."""

    def _on_handling_started(self):
        """The 交办签 is signed: handling started, its deadline set."""

    def _on_extension_approved(self):
        """The leader approved the extension: the deadline moved."""

    def _on_closure_signed(self):
        """The 办结签 is signed: the reply is final, feedback starts."""

    def _on_review_decided(self, level):
        """A ``level`` review (复查 "review", 复核 "re_review") was decided."""

    def _on_revisit_recorded(self):
        """The revisit is recorded: the case is closed."""
