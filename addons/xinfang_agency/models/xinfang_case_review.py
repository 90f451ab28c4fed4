from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

REVIEW_LEVELS = [
    ("review", "Review"),
    ("re_review", "Re-review"),
]
REVIEW_OUTCOMES = [
    ("upheld", "Upheld"),
    ("revoked", "Set Aside"),
    ("changed", "Changed"),
]
REVIEW_STATES = [
    ("requested", "Requested"),
    ("decided", "Decided"),
]
# The answer under review is set aside: with the petition found reasonable
# the case is handled again (seed 004 §7(三): 限期化解 and 一案双查).
REOPENING_OUTCOMES = ("revoked", "changed")
DECISION_FIELDS = (
    "decision_date",
    "decided_at",
    "decided_by_id",
    "outcome",
    "reasoning",
    "found_reasonable",
    "redo_deadline_date",
    "dual_check_examined",
    "dual_check_result",
)


class XinfangCaseReview(models.Model):
    """One level of review of a case's answer: 复查 or 复核 (条例 Art. 35/36).

    The petition office of the unit above the one that answered decides it:
    the 复查 goes to the unit above the handling unit, the 复核 to the unit
    above the one that decided the 复查. Lines are made and decided only by
    the case's flow steps (``xinfang.case.action_request_review`` and the
    others); nobody edits them by hand, nobody changes a decided line and
    nobody deletes one: they are the evidence of who decided what, when.
    """

    _name = "xinfang.case.review"
    _description = "Petition Review"
    _inherit = ["xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "case_id, request_date, id"
    _rec_name = "level"
    _xinfang_past_date_fields = ("request_date", "decision_date")
    # Nothing by hand: the case's transition methods write as superuser.
    _write_guard_rules = ()
    _write_guard_create_rules = ()

    case_id = fields.Many2one(
        "xinfang.case", required=True, index=True, ondelete="restrict"
    )
    level = fields.Selection(REVIEW_LEVELS, required=True)
    state = fields.Selection(
        REVIEW_STATES, compute="_compute_state", store=True, string="Status"
    )
    request_date = fields.Date(required=True)
    answered_unit_id = fields.Many2one(
        "xinfang.unit",
        string="Unit that Answered",
        required=True,
        ondelete="restrict",
        help="The unit whose answer the petitioner contests.",
    )
    unit_id = fields.Many2one(
        "xinfang.unit",
        string="Deciding Unit",
        required=True,
        index=True,
        ondelete="restrict",
        help="The unit above the one that answered; its petition office decides.",
    )
    deadline_date = fields.Date(string="Answer Deadline")
    decision_date = fields.Date()
    decided_at = fields.Datetime(string="Recorded on")
    decided_by_id = fields.Many2one(
        "res.users", string="Decided by", ondelete="restrict"
    )
    outcome = fields.Selection(REVIEW_OUTCOMES)
    reasoning = fields.Text(help="The written decision and its reasons.")
    found_reasonable = fields.Boolean(
        string="Petition Found Reasonable",
        help="The deciding unit found the petitioner's request reasonable: the "
        "case is handled again within a new deadline and the handling and the "
        "people responsible are examined (一案双查).",
    )
    redo_deadline_date = fields.Date(
        string="New Handling Deadline",
        help="The deadline of the renewed handling ordered by the decision.",
    )
    dual_check_examined = fields.Char(
        string="Persons Examined",
        help="一案双查: whose handling of the petition is examined for responsibility.",
    )
    dual_check_result = fields.Text(
        string="Accountability Result",
        help="一案双查: what the examination of the handling and of the people "
        "responsible found and decided.",
    )

    @api.depends("decision_date")
    def _compute_state(self):
        for review in self:
            review.state = "decided" if review.decision_date else "requested"

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("unit_id", "answered_unit_id")
    def _check_unit_above(self):
        # Lines moved from the former flat fields keep the unit they had.
        if self.env.su and self.env.context.get("xinfang_migration"):
            return
        for review in self:
            above = [
                int(i)
                for i in (review.answered_unit_id.parent_path or "").split("/")
                if i
            ]
            if review.unit_id.id not in above[:-1]:
                raise ValidationError(
                    self.env._(
                        "The review of case %(case)s is decided by a unit above "
                        "%(answered)s; %(unit)s is not above it.",
                        case=review.case_id.name,
                        answered=review.answered_unit_id.display_name,
                        unit=review.unit_id.display_name,
                    )
                )

    @api.constrains("request_date", "decision_date")
    def _check_dates(self):
        for review in self:
            if review.decision_date and review.decision_date < review.request_date:
                raise ValidationError(
                    self.env._(
                        "The decision on the review of case %(case)s (%(decided)s) "
                        "cannot be before its request (%(requested)s).",
                        case=review.case_id.name,
                        decided=review.decision_date,
                        requested=review.request_date,
                    )
                )

    @api.constrains(
        "decision_date",
        "outcome",
        "reasoning",
        "found_reasonable",
        "dual_check_examined",
        "dual_check_result",
    )
    def _check_decision(self):
        for review in self.filtered("decision_date"):
            problem = self._decision_problem(
                review.outcome,
                review.reasoning,
                review.found_reasonable,
                review.dual_check_examined,
                review.dual_check_result,
            )
            if problem:
                raise ValidationError(problem)

    @api.constrains("case_id", "level", "decision_date")
    def _check_one_open_level(self):
        Review = self.sudo()
        cases = [("case_id", "in", self.case_id.ids)]
        open_twice = Review._read_group(
            cases + [("decision_date", "=", False)],
            ["case_id"],
            ["__count"],
            having=[("__count", ">", 1)],
        )
        for case, _count in open_twice:
            raise ValidationError(
                self.env._(
                    "Case %(case)s already has a review awaiting its decision.",
                    case=case.name,
                )
            )
        level_twice = Review._read_group(
            cases, ["case_id", "level"], ["__count"], having=[("__count", ">", 1)]
        )
        for case, _level, _count in level_twice:
            raise ValidationError(
                self.env._(
                    "Case %(case)s is reviewed once at each level.", case=case.name
                )
            )

    @api.model
    def _decision_problem(self, outcome, reasoning, found_reasonable, examined, result):
        """Why a decision cannot be recorded as given, or None."""
        if outcome not in dict(REVIEW_OUTCOMES):
            return self.env._(
                "Choose the outcome of the review: upheld, revoked or changed."
            )
        if not (reasoning or "").strip():
            return self.env._("Write the review decision and its reasons.")
        if found_reasonable and outcome not in REOPENING_OUTCOMES:
            return self.env._(
                "An upheld answer means the petition was not found reasonable; "
                "revoke or change the answer to have the case handled again."
            )
        if found_reasonable and not (
            (examined or "").strip() and (result or "").strip()
        ):
            return self.env._(
                "A petition found reasonable is examined twice (一案双查): name "
                "the persons examined and record the accountability result."
            )
        return None

    # ------------------------------------------------------------------
    # ORM: evidence is never rewritten or deleted
    # ------------------------------------------------------------------
    def write(self, vals):
        if self.filtered("decision_date"):
            raise UserError(
                self.env._("A review decision cannot be changed once recorded.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A review is never deleted."))

    # ------------------------------------------------------------------
    # Used by the case's flow steps
    # ------------------------------------------------------------------
    def _reopens_handling(self):
        self.ensure_one()
        return bool(
            self.decision_date
            and self.found_reasonable
            and self.outcome in REOPENING_OUTCOMES
        )

    def _decide(
        self,
        decision_date,
        outcome,
        reasoning,
        found_reasonable=False,
        examined=None,
        result=None,
        redo_deadline=None,
    ):
        """Record the decision (as superuser: the caller passed the flow
        guard and the deciding unit's check)."""
        self.ensure_one()
        problem = self._decision_problem(
            outcome, reasoning, found_reasonable, examined, result
        )
        if problem:
            raise UserError(problem)
        self.sudo().write(
            {
                "decision_date": decision_date,
                "decided_at": fields.Datetime.now(),
                "decided_by_id": self.env.user.id,
                "outcome": outcome,
                "reasoning": reasoning.strip(),
                "found_reasonable": bool(found_reasonable),
                "redo_deadline_date": redo_deadline or False,
                "dual_check_examined": (examined or "").strip() or False,
                "dual_check_result": (result or "").strip() or False,
            }
        )
