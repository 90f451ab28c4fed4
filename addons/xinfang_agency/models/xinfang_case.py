from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, create_index

from .res_company import office_today
from .xinfang_case_flow import AGENT, CASE_FLOW, CLERK, FLOW_BY_METHOD, HANDLER
from .xinfang_deadline_mixin import in_lang_of

CHANNELS = [
    ("letter", "Letter"),
    ("visit", "Visit"),
    ("online", "Online"),
    ("phone", "Phone"),
    ("hotline_12345", "12345 Hotline"),
    ("superior", "Assigned by Superior"),
    ("screening", "Proactive Screening"),
]
NATURES = [
    ("admin_livelihood", "Administrative / Livelihood"),
    ("law_litigation", "Law / Litigation"),
]
PETITION_TYPES = [
    ("consult", "Consultation"),
    ("help", "Request for Help"),
    ("opinion", "Opinion"),
    ("suggestion", "Suggestion"),
    ("complaint", "Complaint"),
    ("appeal", "Appeal"),
    ("accusation", "Accusation"),
]
SCREENING_OUTCOMES = [
    ("direct_answer", "Answered on the Spot"),
    ("legal_route", "Legal Route Advised"),
    ("agency", "Accepted for Agency"),
    ("window", "Guided to the Window"),
    ("excluded", "Excluded from Agency"),
]
LEGAL_ROUTES = [
    ("litigation", "Litigation"),
    ("arbitration", "Arbitration"),
    ("admin_review", "Administrative Reconsideration"),
]
EXCLUSION_REASONS = [
    (
        "handled_unreasonable",
        "Handled under the Three-in-Place Rule, Still Unreasonable",
    ),
    ("terminated", "Terminated after Three Levels"),
    ("in_progress", "Already Being Handled"),
    ("judicial", "In Judicial Proceedings"),
]
ASSIGNMENT_BASES = [
    ("policy", "Policy Matter: Line Office"),
    ("local", "Local Execution: Area Leader and Village Group"),
    ("conduct", "Cadre Conduct: Discipline Office"),
]
RESULT_CLASSES = [
    ("solved", "Reasonable: Solved"),
    ("explained", "Unreasonable: Explained"),
    ("aided", "Hardship: Aided"),
    ("lawful", "Unlawful: Dealt with by Law"),
]
SATISFACTIONS = [
    ("satisfied", "Satisfied"),
    ("fairly_satisfied", "Fairly Satisfied"),
    ("understanding", "Understanding"),
    ("dissatisfied", "Dissatisfied"),
]
FEEDBACK_METHODS = [
    ("visit", "In Person"),
    ("phone", "By Phone"),
    ("letter", "By Letter"),
]
EXTENSION_STATES = [
    ("none", "None"),
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("refused", "Refused"),
]

CLOSING_OUTCOMES = ("direct_answer", "legal_route", "window", "excluded")
# The principal leaders sign (待签批) in these states.
SIGNOFF_STATES = ("assign_signoff", "close_signoff")
SIGNOFF_ACTIVITY = "xinfang_agency.mail_activity_type_deadline_signoff"
# The handling deadline runs in these states ("due soon": the rule due_soon).
DEADLINE_STATES = ("handling",)
DEADLINE_STATUSES = [
    ("on_time", "On Time"),
    ("due_soon", "Due Soon"),
    ("overdue", "Overdue"),
]
OPEN_STATES = (
    "registered",
    "screening",
    "assign_signoff",
    "handling",
    "close_signoff",
    "feedback",
    "revisit",
)
# What a person writes about the petition itself, while it is being taken in.
CONTENT_FIELDS = (
    "summary",
    "demands",
    "category_id",
    "nature",
    "headcount",
    "skip_level",
    "extreme_behaviour",
    "related_case_id",
    "complexity",
    "assignment_basis",
)
REGISTRATION_FIELDS = CONTENT_FIELDS + ("channel", "received_date", "petitioner_ids")
# They decide who may see the petitioner (条例 Art. 30): the office's call.
OFFICE_FIELDS = ("petition_type", "accused_unit_id", "agent_id", "leader_id")


class XinfangCase(models.Model):
    _name = "xinfang.case"
    _description = "Petition Case"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "xinfang.deadline.mixin",
        "xinfang.write.guard.mixin",
        "xinfang.input.mixin",
        "xinfang.case.review.chain",
    ]
    _order = "received_date desc, id desc"
    _xinfang_past_date_fields = ("received_date",)
    # Writes by hand (everything else: the steps of CASE_FLOW).
    _write_guard_state_field = "state"
    _write_guard_rules = (
        (("registered",), (AGENT,), REGISTRATION_FIELDS),
        (("screening",), (AGENT,), CONTENT_FIELDS),
        (OPEN_STATES, (CLERK,), OFFICE_FIELDS),
        # The proposed handling unit is what the 交办签 signs.
        (("registered", "screening"), (CLERK,), ("handling_unit_id",)),
        (("assign_signoff", "handling"), (CLERK, HANDLER), ("handler_id",)),
        # The reply freezes once submitted for the 办结签.
        (("handling",), (HANDLER,), ("reply", "result_class")),
        # 一问一核实: the records' own whitelist decides what is typed.
        (("handling",), (HANDLER,), ("contact_ids",)),
    )
    _write_guard_create_rules = (
        (
            (AGENT,),
            REGISTRATION_FIELDS
            + (
                "name",
                "stage_id",
                "active",
                "agency_unit_id",
                "petition_type",
                "accused_unit_id",
            ),
        ),
        ((CLERK,), OFFICE_FIELDS + ("handling_unit_id", "handler_id")),
    )

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index="trigram",
    )
    received_date = fields.Date(
        required=True, default=office_today, tracking=True, index=True
    )
    channel = fields.Selection(CHANNELS, required=True, default="visit", tracking=True)
    summary = fields.Char(required=True, tracking=True)
    demands = fields.Text(tracking=True)
    petitioner_ids = fields.Many2many(
        "res.partner", string="Petitioners", domain=[("is_company", "=", False)]
    )
    stage_id = fields.Many2one(
        "xinfang.case.stage",
        default=lambda self: self._default_stage_id(),
        group_expand="_read_group_stage_ids",
        tracking=True,
        index=True,
        ondelete="restrict",
        copy=False,
    )
    state = fields.Selection(related="stage_id.state", store=True, index=True)
    agency_unit_id = fields.Many2one(
        "xinfang.unit",
        default=lambda self: self.env.user.xinfang_unit_id,
        tracking=True,
        index=True,
    )
    handling_unit_id = fields.Many2one("xinfang.unit", tracking=True, index=True)
    handling_unit_path = fields.Char(
        related="handling_unit_id.complete_name", string="Handling Unit Path"
    )
    agent_id = fields.Many2one("res.users", tracking=True, index=True)
    handler_id = fields.Many2one("res.users", tracking=True, index=True)
    leader_id = fields.Many2one(
        "res.users", string="Leader in Charge", tracking=True, index=True
    )
    # Cases are archived by the flow's last step, never from the form's
    # menu: read-only here hides the menu's Archive / Unarchive.
    active = fields.Boolean(default=True, readonly=True)
    # ------------------------------------------------------------------
    # Classification
    # ------------------------------------------------------------------
    headcount = fields.Integer(
        default=1,
        tracking=True,
        help="Number of people in the petition (a group petition has several).",
    )
    category_id = fields.Many2one("xinfang.case.category", tracking=True, index=True)
    nature = fields.Selection(NATURES, tracking=True, index=True)
    petition_type = fields.Selection(
        PETITION_TYPES, string="Type", tracking=True, index=True
    )

    # ------------------------------------------------------------------
    # Screening (甄别受理)
    # ------------------------------------------------------------------
    screening_outcome = fields.Selection(
        SCREENING_OUTCOMES, tracking=True, index=True, readonly=True, copy=False
    )
    screening_note = fields.Text(
        string="Screening Answer",
        readonly=True,
        copy=False,
        help="The answer given on the spot, the legal advice or the guidance "
        "to the window, as told to the petitioner.",
    )
    legal_route = fields.Selection(LEGAL_ROUTES, readonly=True, copy=False)
    exclusion_reason = fields.Selection(
        EXCLUSION_REASONS, tracking=True, readonly=True, copy=False
    )
    accepted_date = fields.Date(tracking=True, readonly=True, copy=False)
    is_agency = fields.Boolean(
        string="Agency Service",
        compute="_compute_is_agency",
        store=True,
        index=True,
        help="Accepted for agency service (代办).",
    )
    petitioner_agreed = fields.Boolean(
        string="Petitioner Agrees",
        readonly=True,
        copy=False,
        help="The petitioner accepts the terms of the agency service.",
    )
    petitioner_promised = fields.Boolean(
        string="Petitioner Promises",
        readonly=True,
        copy=False,
        help="The petitioner promises not to petition separately while the "
        "agency service handles the matter.",
    )
    assignment_basis = fields.Selection(
        ASSIGNMENT_BASES,
        tracking=True,
        help="Why the proposed handling unit handles the case (seed 002 §1).",
    )

    # ------------------------------------------------------------------
    # Sign-offs (交办签 / 办结签)
    # ------------------------------------------------------------------
    signoff_ids = fields.One2many(
        "xinfang.case.signoff", "case_id", string="Sign-offs", readonly=True
    )
    assign_signed = fields.Boolean(
        string="Assignment Signed", compute="_compute_signed", store=True
    )
    close_signed = fields.Boolean(
        string="Closure Signed", compute="_compute_signed", store=True
    )

    # ------------------------------------------------------------------
    # Handling (办理)
    # ------------------------------------------------------------------
    first_contact_date = fields.Date(
        string="First Contact", tracking=True, readonly=True, copy=False
    )
    contact_ids = fields.One2many(
        "xinfang.case.contact", "case_id", string="Calls and Site Visits", copy=False
    )
    deadline_date = fields.Date(
        string="Handling Deadline", tracking=True, index=True, copy=False
    )
    complexity = fields.Selection(
        [
            ("normal", "Normal"),
            ("multi_department", "Multi-department"),
            ("complex", "Complex or Major"),
        ],
        required=True,
        default="normal",
        tracking=True,
        help="Sets the handling limit: multi-department cases count from the "
        "plan, complex or major cases from the leaders' consultation.",
    )
    extension_state = fields.Selection(
        EXTENSION_STATES, default="none", tracking=True, readonly=True, copy=False
    )
    extension_days = fields.Integer(readonly=True, copy=False)
    extension_reason = fields.Text(readonly=True, copy=False)
    escalated_date = fields.Date(tracking=True, readonly=True, copy=False)
    escalated_from_unit_id = fields.Many2one(
        "xinfang.unit", string="Escalated From", readonly=True, copy=False
    )
    escalation_reason = fields.Text(readonly=True, copy=False)
    supervised_date = fields.Date(tracking=True, readonly=True, copy=False)
    supervisor_id = fields.Many2one(
        "res.users", string="Supervised by", tracking=True, readonly=True, copy=False
    )
    reply = fields.Text(tracking=True, copy=False)
    result_class = fields.Selection(RESULT_CLASSES, tracking=True, copy=False)
    closed_date = fields.Date(tracking=True, readonly=True, copy=False, index=True)

    # ------------------------------------------------------------------
    # Feedback, review, revisit
    # ------------------------------------------------------------------
    satisfaction = fields.Selection(
        SATISFACTIONS, tracking=True, readonly=True, copy=False, index=True
    )
    feedback_method = fields.Selection(
        FEEDBACK_METHODS, tracking=True, readonly=True, copy=False
    )
    feedback_date = fields.Date(tracking=True, readonly=True, copy=False)
    terminated = fields.Boolean(tracking=True, readonly=True, copy=False, index=True)
    revisit_date = fields.Date(tracking=True, readonly=True, copy=False)
    revisit_note = fields.Text(readonly=True, copy=False)
    can_see_identity = fields.Boolean(compute="_compute_can_see_identity")
    flow_actions = fields.Json(
        compute="_compute_flow_actions",
        help="The steps of the flow table the current user may take now.",
    )

    # ------------------------------------------------------------------
    # Board helpers (kanban colour, search filters); computed, not stored:
    # they depend on today and on the current user.
    # ------------------------------------------------------------------
    deadline_status = fields.Selection(
        DEADLINE_STATUSES,
        compute="_compute_deadline_status",
        search="_search_deadline_status",
        help="Handling deadline: on time, due within two days, or overdue.",
    )
    deadline_calendar_unknown = fields.Boolean(
        string="Calendar Not Loaded",
        compute="_compute_deadline_calendar_unknown",
        search="_search_deadline_calendar_unknown",
        help="A deadline of the case falls in a year whose make-up working days "
        "are not in the holiday table yet: it counts Monday to Friday only and "
        "is counted again once the year is entered.",
    )
    in_my_unit = fields.Boolean(
        compute="_compute_in_my_unit",
        search="_search_in_my_unit",
        help="The agency or handling unit is the current user's unit or one below it.",
    )

    _sql_constraints = [
        (
            "headcount_positive",
            "CHECK(headcount >= 1)",
            "A petition has at least one petitioner.",
        ),
        (
            "extension_days_range",
            "CHECK(extension_days >= 0 AND extension_days <= 30)",
            "An extension is at most 30 days.",
        ),
    ]

    def init(self):
        # The kanban's columns: one stage, in _order, first 80. Without it
        # PostgreSQL walks received_date over every case (bench/RESULTS.md).
        create_index(
            self.env.cr,
            "xinfang_case_stage_received_index",
            self._table,
            ["stage_id", "received_date DESC", "id DESC"],
        )

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    @api.model
    def _default_stage_id(self):
        return self.env["xinfang.case.stage"].search([], limit=1)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        # A role's home board shows only the columns its work is in (on a
        # phone the first column is what opens); the full board shows all.
        if self.env.context.get("xinfang_busy_stages_only"):
            return stages
        return stages.search([("active", "=", True)])

    @api.depends("screening_outcome")
    def _compute_is_agency(self):
        for case in self:
            case.is_agency = case.screening_outcome == "agency"

    @api.depends("signoff_ids.kind", "signoff_ids.decision")
    def _compute_signed(self):
        for case in self:
            case.assign_signed = case._last_signoff("assign").decision == "signed"
            case.close_signed = case._last_signoff("close").decision == "signed"

    @api.depends_context("uid")
    def _compute_can_see_identity(self):
        allowed = self.env.user.has_group("xinfang_agency.group_xinfang_agent")
        self.can_see_identity = allowed

    @api.depends("deadline_date", "state")
    @api.depends_context("uid")
    def _compute_deadline_status(self):
        today = office_today(self)
        soon = today + timedelta(days=self._deadline_limit("due_soon")[0])
        for case in self:
            if case.state not in DEADLINE_STATES or not case.deadline_date:
                case.deadline_status = False
            elif case.deadline_date < today:
                case.deadline_status = "overdue"
            elif case.deadline_date <= soon:
                case.deadline_status = "due_soon"
            else:
                case.deadline_status = "on_time"

    @api.depends("activity_ids.date_deadline")
    def _compute_deadline_calendar_unknown(self):
        known = self.env["xinfang.holiday"]._known_years()
        for case in self:
            case.deadline_calendar_unknown = case._deadline_calendar_unknown(known)

    def _search_deadline_calendar_unknown(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on the calendar flag."))
        domain = self._deadline_unknown_domain()
        return domain if (operator == "=") == bool(value) else ["!", *domain]

    @api.model
    def _deadline_status_domains(self):
        today = office_today(self)
        soon = today + timedelta(days=self._deadline_limit("due_soon")[0])
        running = [("state", "in", DEADLINE_STATES), ("deadline_date", "!=", False)]
        return {
            "overdue": running + [("deadline_date", "<", today)],
            "due_soon": running
            + [("deadline_date", ">=", today), ("deadline_date", "<=", soon)],
            "on_time": running + [("deadline_date", ">", soon)],
        }

    def _search_deadline_status(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Unsupported search on the deadline status."))
        values = {value} if operator in ("=", "!=") else set(value)
        domains = self._deadline_status_domains()
        matching = [domains[key] for key in values if key in domains]
        if not all(values):  # no running deadline
            matching.append(["!"] + expression.OR(list(domains.values())))
        domain = expression.OR(matching) if matching else expression.FALSE_DOMAIN
        if operator in ("!=", "not in"):
            return ["!"] + expression.normalize_domain(domain)
        return domain

    def _read_group_groupby(self, groupby_spec, query):
        # Group by (and kanban progress bar on) the deadline status in SQL.
        if groupby_spec != "deadline_status":
            return super()._read_group_groupby(groupby_spec, query)
        today = office_today(self)
        return SQL(
            "CASE WHEN %(state)s NOT IN %(states)s OR %(deadline)s IS NULL THEN NULL"
            " WHEN %(deadline)s < %(today)s THEN 'overdue'"
            " WHEN %(deadline)s <= %(soon)s THEN 'due_soon'"
            " ELSE 'on_time' END",
            state=self._field_to_sql(self._table, "state", query),
            deadline=self._field_to_sql(self._table, "deadline_date", query),
            states=DEADLINE_STATES,
            today=today,
            soon=today + timedelta(days=self._deadline_limit("due_soon")[0]),
        )

    @api.depends("agency_unit_id", "handling_unit_id")
    @api.depends_context("uid")
    def _compute_in_my_unit(self):
        my_path = self.env.user.xinfang_unit_id.parent_path
        for case in self:
            case.in_my_unit = bool(my_path) and any(
                (unit.parent_path or "").startswith(my_path)
                for unit in (case.agency_unit_id, case.handling_unit_id)
            )

    def _search_in_my_unit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'In My Unit'."))
        units = self.env.user.xinfang_unit_id.ids
        domain = [
            "|",
            ("agency_unit_id", "child_of", units),
            ("handling_unit_id", "child_of", units),
        ]
        if (operator == "=") != value:
            return ["!"] + domain
        return domain

    def _last_signoff(self, kind):
        self.ensure_one()
        signoffs = self.signoff_ids.filtered(lambda s: s.kind == kind)
        return signoffs.sorted("id")[-1:] if signoffs else signoffs

    @api.onchange("category_id")
    def _onchange_category_id(self):
        if self.category_id.nature and not self.nature:
            self.nature = self.category_id.nature

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains(
        "received_date",
        "accepted_date",
        "first_contact_date",
        "closed_date",
        "feedback_date",
        "revisit_date",
    )
    def _check_date_order(self):
        # (earlier field, later field): the later may not precede the earlier.
        pairs = [
            ("received_date", "accepted_date"),
            ("received_date", "first_contact_date"),
            ("received_date", "closed_date"),
            ("received_date", "feedback_date"),
            ("closed_date", "feedback_date"),
            ("received_date", "revisit_date"),
            ("closed_date", "revisit_date"),
        ]
        for case in self:
            for earlier, later in pairs:
                if case[earlier] and case[later] and case[later] < case[earlier]:
                    raise ValidationError(
                        self.env._(
                            "On case %(case)s, %(later)s (%(later_date)s) cannot "
                            "be before %(earlier)s (%(earlier_date)s).",
                            case=case.name,
                            later=case._fields[later].get_description(self.env)[
                                "string"
                            ],
                            later_date=case[later],
                            earlier=case._fields[earlier].get_description(self.env)[
                                "string"
                            ],
                            earlier_date=case[earlier],
                        )
                    )

    # ------------------------------------------------------------------
    # ORM overrides: creation and the one stage guard
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_new_case_vals(vals_list)
        for vals in vals_list:
            if not self.env.su or vals.get("name", self.env._("New")) == self.env._(
                "New"
            ):
                vals["name"] = self.env["ir.sequence"].next_by_code("xinfang.case")
        return super().create(vals_list)

    @api.model
    def _check_new_case_vals(self, vals_list):
        """A person's new case starts at registration, active."""
        first = self._stage_for("registered")
        default_stage = self.env.context.get("default_stage_id")
        for vals in vals_list:
            stage_id = vals.get("stage_id", default_stage)
            if stage_id and stage_id != first.id:
                raise UserError(
                    self.env._(
                        "A new case starts at registration; it cannot be "
                        "created in the stage %(stage)s.",
                        stage=self.env["xinfang.case.stage"].browse(stage_id).name,
                    )
                )
            if not vals.get("active", True):
                raise UserError(self.env._("A new case cannot be created archived."))

    def write(self, vals):
        if "stage_id" not in vals or self.env.su:
            result = super().write(vals)
        else:
            # A person sets the stage (kanban drag and drop, RPC write): only
            # a step of the flow table marked ``drag`` does it, by its method.
            other_vals = {key: val for key, val in vals.items() if key != "stage_id"}
            result = super().write(other_vals) if other_vals else True
            self._drag_to(self.env["xinfang.case.stage"].browse(vals["stage_id"]))
        if vals.get("handler_id"):
            self._deadline_follow_handler()
        return result

    def _deadline_follow_handler(self):
        """The handler, once named, holds 一问 and the handling deadline
        (the handling unit's head held them until then)."""
        for case in self.filtered(lambda c: c.state == "handling" and c.handler_id):
            running = case._deadline_open_activity("first_contact") | (
                case._deadline_open_activity("handling")
            )
            case._deadline_hand_to(running.sudo(), case.handler_id)

    def _xinfang_readers(self):
        """The people who act on the case, first who acts now: text the
        system writes on the case (not a person) is in their language."""
        self.ensure_one()
        case = self.sudo()
        return (
            case.handler_id
            | case.handling_unit_id.head_id
            | case.agent_id
            | case.agency_unit_id.head_id
            | case.leader_id
            | self.env.user
        )

    def _creation_message(self):
        # A code term in the readers' language: the model's name is a data
        # term, not yet translated while demo data loads.
        self.ensure_one()
        return in_lang_of(self, self._xinfang_readers()).env._("Petition registered.")

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

    def copy(self, default=None):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "A petition case is not copied: register the new petition, "
                    "and link it to the earlier case on the same matter."
                )
            )
        return super().copy(default)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Petition cases are never deleted; archive them instead.")
        )

    # ------------------------------------------------------------------
    # The one guard of the flow (CASE_FLOW in xinfang_case_flow.py)
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

    def _signoff_request(self):
        """待签批: an activity for each principal leader of the case's unit
        (the nearest unit up the tree that has one), done when one of them
        signs or returns the sign-off."""
        principals = self._xinfang_principal_leaders()
        activity_type = self._deadline_activity_type("signoff")
        for case in self:
            unit = case.handling_unit_id or case.agency_unit_id
            waiting = case.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ).user_id
            due = case._deadline_compute("signoff")
            for user in principals.get(unit.id, self.env["res.users"]) - waiting:
                in_lang = in_lang_of(case.sudo(), user)
                in_lang.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=in_lang._deadline_summary("signoff"),
                    date_deadline=due,
                    user_id=user.id,
                )

    @api.model
    def _signoff_request_waiting(self):
        """Ask the principal leaders of every case awaiting a sign-off who
        has no 待签批 activity yet (demo data, older databases)."""
        self.sudo().search([("state", "in", SIGNOFF_STATES)])._signoff_request()

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

    # Preconditions of the moves: they read records, never a writable flag.
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

    # Why a step does not apply now (its button hides), beyond the stage.
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
    # Helpers of the transitions
    # ------------------------------------------------------------------
    @api.model
    def _stage_for(self, state):
        stage = (
            self.env["xinfang.case.stage"]
            .with_context(active_test=False)
            .search([("state", "=", state)], limit=1)
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

    def _create_signoff(self, kind, decision, comment=None):
        """Record the principal leader's decision on ``kind``; post it."""
        self.ensure_one()
        last = self._last_signoff(kind)
        label = dict(
            self.env["xinfang.case.signoff"]
            ._fields["kind"]
            ._description_selection(self.env)
        )[kind]
        # A reply signed before a review sent the case back is signed again.
        if last.decision == "signed" and not self._review_reopened_since(
            last.signed_at
        ):
            raise UserError(
                self.env._(
                    "The %(signoff)s of case %(case)s was already signed by "
                    "%(user)s on %(date)s.",
                    signoff=label,
                    case=self.name,
                    user=last.user_id.name,
                    date=last.signed_at,
                )
            )
        expected = "assign_signoff" if kind == "assign" else "close_signoff"
        if self.state != expected:
            raise UserError(
                self.env._(
                    "Case %(case)s is not awaiting the %(signoff)s.",
                    signoff=label,
                    case=self.name,
                )
            )
        if decision == "returned":
            comment = self._require_text(
                comment, self.env._("Say why the sign-off is returned.")
            )
        signoff = (
            self.env["xinfang.case.signoff"]
            .sudo()
            .create(
                {
                    "case_id": self.id,
                    "kind": kind,
                    "decision": decision,
                    "user_id": self.env.user.id,
                    "comment": comment or False,
                }
            )
        )
        if decision == "signed":
            body = self.env._(
                "%(signoff)s signed by %(user)s.",
                signoff=label,
                user=self.env.user.name,
            )
        else:
            body = self.env._(
                "%(signoff)s returned by %(user)s.",
                signoff=label,
                user=self.env.user.name,
            )
        if comment:
            comment_text = self.env._("Comment: %(comment)s", comment=comment)
            body = f"{body} {comment_text}"
        self.sudo().activity_feedback([SIGNOFF_ACTIVITY], feedback=body)
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        return signoff

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def action_submit_screening(self):
        """Registered → screening."""
        self._ensure_can_move("action_submit_screening")
        self._move_to("action_submit_screening")
        return True

    def _screen_accept_for_agency(self, vals, note):
        """The screening wizard accepted the petition: 待交办签."""
        self._record_screening("_screen_accept_for_agency", vals, note)

    def _screen_close(self, vals, note):
        """The screening wizard closed the petition (answered, advised,
        guided or excluded)."""
        self._record_screening("_screen_close", vals, note)

    def _record_screening(self, method, vals, note):
        self._ensure_can_move(method)
        self._flow_write(vals)
        self.message_post(body=note, subtype_xmlid="mail.mt_note")
        self._move_to(method)

    def action_open_screening(self):
        """Open the screening wizard (five outcomes)."""
        self.ensure_one()
        self._ensure_can_move("action_open_screening")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Screening"),
            "res_model": "xinfang.case.screening.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def _find_terminated_matter(self, category=None):
        """A terminated case (after 复核) on the same matter, if any.

        Same matter: a petitioner with the same ID number and the same
        category, or the case explicitly linked to this one.
        """
        self.ensure_one()
        category = category or self.category_id
        cases = self.sudo()
        linked = cases["related_case_id"] if "related_case_id" in self._fields else None
        if linked and linked.terminated:
            return linked
        numbers = [n for n in cases.petitioner_ids.mapped("xinfang_id_number") if n]
        if not numbers or not category:
            return self.browse()
        return cases.with_context(active_test=False).search(
            [
                ("id", "!=", self.id),
                ("terminated", "=", True),
                ("category_id", "=", category.id),
                ("petitioner_ids.xinfang_id_number", "in", numbers),
            ],
            limit=1,
        )

    def action_sign_assignment(self, comment=None):
        """The principal leader signs the 交办签; handling starts."""
        self._ensure_can_move("action_sign_assignment")
        for case in self:
            case._create_signoff("assign", "signed", comment)
            case._start_handling()
        return True

    def action_return_assignment(self, comment=None):
        """The principal leader returns the 交办签 to screening."""
        self._ensure_can_move("action_return_assignment")
        if comment is None:
            return self._open_step_wizard(
                "return_assign", self.env._("Return the Assignment")
            )
        for case in self:
            case._create_signoff("assign", "returned", comment)
            case._move_to("action_return_assignment")
        return True

    def _start_handling(self):
        """Awaiting assignment sign-off → handling, once the 交办签 is signed."""
        for case in self:
            case._move_to("action_sign_assignment")
            user = case._responsible_user()
            case._deadline_start("first_contact", user)
            activity = case._deadline_start("handling", user)
            if activity and activity.date_deadline:
                case._flow_write({"deadline_date": activity.date_deadline})
        return True

    def action_record_first_contact(self, contact_date=None, note=None):
        """一问: the handler phoned the petitioner.

        From the form's button (context ``xinfang_contact_dialog``, which
        only chooses the dialog) it opens the call dialog; saving the call
        records the first contact. Called with or without a date and a note,
        it records the call itself.
        """
        self._ensure_can_move("action_record_first_contact")
        if (
            self.env.context.get("xinfang_contact_dialog")
            and contact_date is None
            and not note
        ):
            return self.action_open_contact("call")
        contact_date = contact_date or office_today(self)
        self._check_not_future(contact_date, self.env._("The first contact"))
        self.env["xinfang.case.contact"].create(
            [
                {
                    "case_id": case.id,
                    "kind": "call",
                    "contact_time": case._contact_time_on(contact_date),
                    "answered_by": ", ".join(case.petitioner_ids.mapped("name"))
                    or self.env._("The petitioner in person"),
                    "outcome": note
                    or self.env._("The petitioner was reached by phone."),
                }
                for case in self
            ]
        )
        return True

    def _first_contact_from_call(self, call):
        """The first call recorded on the case is its 一问."""
        self._ensure_can_move("action_record_first_contact")
        contact_date = self.env.company._xinfang_local_day(call.contact_time)
        self._flow_write({"first_contact_date": contact_date})
        self._deadline_done("first_contact", feedback=call.outcome)

    def _contact_time_on(self, day):
        """Now if ``day`` is the office's today, else noon of ``day`` in the
        office's zone."""
        if day == office_today(self):
            return fields.Datetime.now()
        tz = pytz.timezone(self.env.company._xinfang_tz())
        noon = tz.localize(datetime.combine(day, time(12, 0)))
        return noon.astimezone(pytz.utc).replace(tzinfo=None)

    def action_open_contact(self, kind="call"):
        """The dialog recording a call (一问) or a site visit (一核实)."""
        self.ensure_one()
        Contact = self.env["xinfang.case.contact"]
        if not Contact.has_access("create"):
            raise AccessError(
                self.env._(
                    "Only the handler of the case records calls and site visits."
                )
            )
        Contact._check_case_open(self)
        titles = {
            "call": self.env._("Record a Call"),
            "visit": self.env._("Record a Site Visit"),
        }
        return {
            "type": "ir.actions.act_window",
            "name": titles[kind],
            "res_model": "xinfang.case.contact",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_case_id": self.id, "default_kind": kind},
        }

    def action_open_contact_visit(self):
        return self.action_open_contact("visit")

    def action_open_contact_call(self):
        return self.action_open_contact("call")

    def action_request_extension(self, days=None, reason=None):
        """Ask the leader in charge for an extension (≤ 30 days, reason told)."""
        self._ensure_can_move("action_request_extension")
        if days is None and reason is None:
            return self._open_step_wizard(
                "extension", self.env._("Request an Extension")
            )
        max_days = self._deadline_limit("extension")[0]  # ≤ 30: the rule says
        if not days or days < 1 or days > max_days:
            raise UserError(
                self.env._(
                    "An extension is between 1 and %(max)s days.",
                    max=max_days,
                )
            )
        reason = self._require_text(
            reason, self.env._("Give the reason for the extension.")
        )
        for case in self:
            if not case.leader_id:
                raise UserError(
                    self.env._(
                        "Set the leader in charge of case %(case)s, who approves "
                        "the extension.",
                        case=case.name,
                    )
                )
            case._flow_write(
                {
                    "extension_state": "requested",
                    "extension_days": days,
                    "extension_reason": reason,
                }
            )
            case._deadline_start("extension", case.leader_id)
            case.message_post(
                body=self.env._(
                    "Extension of %(days)s days requested: %(reason)s",
                    days=days,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_approve_extension(self):
        """The leader approves the extension; the deadline moves."""
        self._ensure_can_move("action_approve_extension")
        for case in self:
            base = case.deadline_date or office_today(self)
            deadline = case._deadline_add(base, "extension", case.extension_days)
            case._flow_write({"extension_state": "approved", "deadline_date": deadline})
            case._deadline_open_activity("handling").write(
                {
                    "date_deadline": deadline,
                    **case._deadline_provisional_inputs(
                        "extension", base, case.extension_days, deadline
                    ),
                }
            )
            case._deadline_done("extension", feedback=self.env._("Approved"))
            case.message_post(
                body=self.env._(
                    "Extension approved by %(user)s; new deadline %(date)s.",
                    user=self.env.user.name,
                    date=deadline,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_refuse_extension(self):
        """The leader refuses the extension."""
        self._ensure_can_move("action_refuse_extension")
        for case in self:
            case._flow_write({"extension_state": "refused"})
            case._deadline_done("extension", feedback=self.env._("Refused"))
            case.message_post(
                body=self.env._(
                    "Extension refused by %(user)s.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _escalation_target(self, cross_region):
        self.ensure_one()
        current = self.handling_unit_id or self.agency_unit_id
        if not current:
            raise UserError(
                self.env._(
                    "Case %(case)s has no unit to escalate from.",
                    case=self.name,
                )
            )
        if cross_region:
            target = self.env["xinfang.unit"].search(
                [("id", "parent_of", current.id), ("unit_type", "=", "center")],
                order="parent_path desc",
                limit=1,
            )
        else:
            target = current.parent_id
        if not target or target == current:
            raise UserError(
                self.env._(
                    "Case %(case)s cannot be escalated above %(unit)s.",
                    case=self.name,
                    unit=current.display_name,
                )
            )
        return current, target

    def action_escalate(self, reason=None, cross_region=False):
        """上报: hand the case to the unit above (三跨三分离 → the center)."""
        self._ensure_can_move("action_escalate")
        if reason is None:
            return self._open_step_wizard("escalate", self.env._("Escalate"))
        reason = self._require_text(
            reason, self.env._("Give the reason for escalating.")
        )
        for case in self:
            current, target = case._escalation_target(cross_region)
            # The running deadlines go to the head of the unit above (first:
            # the handler may lose access to the case with the move).
            if target.head_id:
                running = case._deadline_open_activity("first_contact") | (
                    case._deadline_open_activity("handling")
                )
                case._deadline_hand_to(running, target.head_id)
            case._flow_write(
                {
                    "handling_unit_id": target.id,
                    "handler_id": False,
                    "escalated_from_unit_id": current.id,
                    "escalated_date": office_today(self),
                    "escalation_reason": reason,
                }
            )
            case.message_post(
                body=self.env._(
                    "Escalated from %(from)s to %(to)s by %(user)s: %(reason)s",
                    **{
                        "from": current.display_name,
                        "to": target.display_name,
                        "user": self.env.user.name,
                        "reason": reason,
                    },
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_supervise(self, note=None):
        """督办: the leader in charge records supervision."""
        self._ensure_can_move("action_supervise")
        for case in self:
            case._flow_write(
                {
                    "supervised_date": office_today(self),
                    "supervisor_id": self.env.user.id,
                }
            )
            body = self.env._("Supervised by %(user)s.", user=self.env.user.name)
            if note:
                body = f"{body} {note}"
            case.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def action_submit_reply(self):
        """Handling → awaiting closure sign-off, with the reply written."""
        self._ensure_can_move("action_submit_reply")
        for case in self:
            # The move checks the reply and the pending extension first.
            case._move_to("action_submit_reply")
            case._deadline_done("handling")
        return True

    def action_sign_closure(self, comment=None):
        """The principal leader signs the 办结签; feedback starts."""
        self._ensure_can_move("action_sign_closure")
        for case in self:
            case._create_signoff("close", "signed", comment)
            case._flow_write({"closed_date": office_today(self)})
            case._move_to("action_sign_closure")
        return True

    def action_return_closure(self, comment=None):
        """The principal leader returns the reply to handling."""
        self._ensure_can_move("action_return_closure")
        if comment is None:
            return self._open_step_wizard(
                "return_close", self.env._("Return the Reply")
            )
        for case in self:
            case._create_signoff("close", "returned", comment)
            case._move_to("action_return_closure")
            activity = case._deadline_start("handling", case._responsible_user())
            if activity and case.deadline_date:
                activity.date_deadline = case.deadline_date
        return True

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
        return True

    def action_archive_case(self):
        """Closed → archived (一案一档): read-only from now on."""
        self._ensure_can_move("action_archive_case")
        self._move_to("action_archive_case")
        return True
