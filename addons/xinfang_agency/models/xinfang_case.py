from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, create_index
from odoo.tools.sql import index_exists

from .res_company import office_today
from .xinfang_case_citizen import ONLINE_FEEDBACK
from .xinfang_case_feedback import FEEDBACK_METHODS, SATISFACTIONS
from .xinfang_case_flow import AGENT, CLERK, HANDLER
from .xinfang_case_risk import WARNING_TRIGGERS
from .xinfang_case_stage import CASE_STATES
from .xinfang_case_visit import DUTY_KEYS
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
EXTENSION_STATES = [
    ("none", "None"),
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("refused", "Refused"),
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

# A covering index of the open cases for the boards' counts: the columns
# the kanban and the pivots group by, then those the record rules test.
BOARD_INDEX = "xinfang_case_board_counts_index"
BOARD_INDEX_KEYS = ("stage_id", "handling_unit_id")
BOARD_INDEX_INCLUDED = (
    "category_id",
    "received_date",
    "state",
    "deadline_date",
    "agency_unit_id",
    "leader_id",
    "petition_type",
    "accused_unit_id",
    "agent_id",
    "handler_id",
    "grid_id",
    "create_uid",
)


class XinfangCase(models.Model):
    """信访事项: a petition from registration to the archive.

    This file holds the case's data, its creation and writes and its
    constraints; each concern is a mixin of its own file (ARCHITECTURE.md):
    the flow guard reading the flow table (xinfang_case_flow.py), the steps
    by concern, privacy, risks and warnings, ownership, the online channel,
    the grassroots link, the reception day and the boards' helpers.
    """

    _name = "xinfang.case"
    _description = "Petition Case"
    # The model's own class comes first in the MRO, then these in order: a
    # mixin that follows a step through a hook (citizen, visit) comes before
    # the mixin defining the hook.
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "xinfang.deadline.mixin",
        "xinfang.write.guard.mixin",
        "xinfang.input.mixin",
        "xinfang.case.citizen",
        "xinfang.case.visit",
        "xinfang.case.grassroots",
        "xinfang.case.privacy",
        "xinfang.case.risk",
        "xinfang.case.ownership.mixin",
        "xinfang.case.board",
        "xinfang.case.screening",
        "xinfang.case.signoff.steps",
        "xinfang.case.handling",
        "xinfang.case.extension",
        "xinfang.case.escalation",
        "xinfang.case.feedback",
        "xinfang.case.review.chain",
        "xinfang.case.flow.guard",
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
        # The agent names the grid while taking the petition in.
        (("registered", "screening"), (AGENT,), ("grid_id",)),
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
        ((AGENT,), ("grid_id",)),
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
    state = fields.Selection(
        CASE_STATES,
        compute="_compute_state",
        store=True,
        index=True,
        precompute=True,
    )
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
    # The intake API's key (xinfang_intake.py): unique per channel.
    external_ref = fields.Char(
        string="External Reference",
        copy=False,
        index=True,
        readonly=True,
        help="Identifier of the record on the platform the case came from.",
    )
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
        precompute=True,
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
        string="Assignment Signed",
        compute="_compute_signed",
        store=True,
        precompute=True,
    )
    close_signed = fields.Boolean(
        string="Closure Signed",
        compute="_compute_signed",
        store=True,
        precompute=True,
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
        FEEDBACK_METHODS + ONLINE_FEEDBACK, tracking=True, readonly=True, copy=False
    )
    feedback_date = fields.Date(tracking=True, readonly=True, copy=False)
    terminated = fields.Boolean(tracking=True, readonly=True, copy=False, index=True)
    revisit_date = fields.Date(tracking=True, readonly=True, copy=False)
    revisit_note = fields.Text(readonly=True, copy=False)

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
        (
            "external_ref_channel_unique",
            "unique(channel, external_ref)",
            "A case with this external reference already exists for the channel.",
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
        # The boards' counts (kanban columns and progress bar, the leaders'
        # pivots) from this index alone, not from the wide rows of every
        # open case: it holds the columns they group by and those the
        # record rules test (a county leader's unit pivot: 363 ms, 1.8
        # times helpdesk's, issue 16). Index-only, given autovacuum's
        # visibility map.
        if not index_exists(self.env.cr, BOARD_INDEX):
            self.env.cr.execute(
                SQL(
                    "CREATE INDEX %s ON %s (%s) INCLUDE (%s) WHERE active",
                    SQL.identifier(BOARD_INDEX),
                    SQL.identifier(self._table),
                    SQL(", ").join(map(SQL.identifier, BOARD_INDEX_KEYS)),
                    SQL(", ").join(map(SQL.identifier, BOARD_INDEX_INCLUDED)),
                )
            )

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    @api.model
    def _default_stage_id(self):
        Stage = self.env["xinfang.case.stage"]
        return Stage.browse(Stage._xinfang_flow()[0])

    @api.depends("stage_id", "stage_id.state")
    def _compute_state(self):
        # The step of the case's stage, from the stages' cached flow: a new
        # case's state costs no query.
        states = self.env["xinfang.case.stage"]._xinfang_flow()[1]
        for case in self:
            case.state = states.get(case.stage_id.id, False)

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
    # ORM overrides: creation and writes (the stage only through the flow)
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # Petitioners matched by 身份证号, an accusation's accused unit.
        vals_list = [self._xinfang_new_case_vals(vals) for vals in vals_list]
        if not self.env.su:
            self._check_new_case_vals(vals_list)
        for vals in vals_list:
            if not self.env.su or vals.get("name", self.env._("New")) == self.env._(
                "New"
            ):
                vals["name"] = self.env["ir.sequence"]._xinfang_next("xinfang.case")
        cases = super().create(vals_list)
        cases.petitioner_ids._xinfang_seal_personal_data()
        cases._xinfang_detect_warnings()
        cases._duty_link()
        return cases

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
        vals = self._xinfang_resolve_petitioners(vals)
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
        if {"petition_type", "accused_unit_id"} & set(vals):
            self._xinfang_default_accused_units()
        if "petitioner_ids" in vals:
            self.petitioner_ids._xinfang_seal_personal_data()
        if WARNING_TRIGGERS & set(vals):
            self._xinfang_detect_warnings()
        if set(DUTY_KEYS) & set(vals):
            self.filtered(lambda c: c.state == "registered")._duty_link()
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
        head = case.env["res.users"].browse
        head_of = case.env["xinfang.unit"]._xinfang_head_id
        return (
            case.handler_id
            | head(head_of(case.handling_unit_id.id))
            | case.agent_id
            | head(head_of(case.agency_unit_id.id))
            | case.leader_id
            | self.env.user
        ).with_env(case.env)

    def _creation_message(self):
        # A code term in the readers' language: the model's name is a data
        # term, not yet translated while demo data loads.
        self.ensure_one()
        return in_lang_of(self, self._xinfang_readers()).env._("Petition registered.")

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
    # Reading
    # ------------------------------------------------------------------
    @api.readonly
    def web_read(self, specification):
        self._prefetch_display_names(specification)
        return super().web_read(specification)

    def _prefetch_display_names(self, specification):
        """The names the form shows of people (handler, agent, leader in
        charge, the signers of its sign-offs...) and of units, fetched at
        once per model: web_read reads each many2one's names apart, two
        queries a user (the user, then their partner). Read as web_read
        reads them: the values as the user, the names with sudo."""
        named = {}
        for records, fname in self._many2ones_named(specification):
            comodel = records._fields[fname].comodel_name
            named.setdefault(comodel, []).append(records[fname])
        for comodel, recordsets in named.items():
            if len(recordsets) > 1:
                self.env[comodel].union(*recordsets).sudo().mapped("display_name")

    def _many2ones_named(self, specification):
        """(records, many2one) of the specification whose name is
        shown: on the case, and on the lines of its lists (as many lines
        as each list shows)."""

        def shows_name(field, field_spec):
            return field.type == "many2one" and "display_name" in (
                (field_spec or {}).get("fields") or {}
            )

        for fname, field_spec in specification.items():
            field = self._fields.get(fname)
            if not field:
                continue
            if shows_name(field, field_spec):
                yield self, fname
            elif field.type in ("one2many", "many2many") and field_spec.get("fields"):
                lines = self[fname][: field_spec.get("limit") or None]
                for line_fname, line_spec in field_spec["fields"].items():
                    line_field = lines._fields.get(line_fname)
                    if line_field and shows_name(line_field, line_spec):
                        yield lines, line_fname
