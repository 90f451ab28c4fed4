from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .res_company import office_today
from .xinfang_case_flow import AGENT, CLERK, LEADER
from .xinfang_deadline_mixin import in_lang_of

GRID_WORKER = "xinfang_agency.group_xinfang_grid_worker"

DISPUTE_STATES = [
    ("open", "To Resolve"),
    ("resolved", "Resolved"),
    ("case", "Turned into a Case"),
]
DISPUTE_KINDS = [
    ("neighbourhood", "Neighbourhood"),
    ("family", "Marriage and Family"),
    ("land", "Land and Forest Rights"),
    ("requisition", "Land Requisition and Demolition"),
    ("wages", "Unpaid Wages and Labour"),
    ("property", "Property Management"),
    ("environment", "Environment and Pollution"),
    ("contract", "Contracts and Debts"),
    ("other", "Other"),
]
RISK_LEVELS = [
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
]
# Seed 003 §5(三): who is first responsible, by the level that settles it.
HANDLING_LEVELS = [
    ("grid", "Grid Worker"),
    ("community", "Community"),
    ("street", "Street"),
]
# What the finder describes (问题清单) and what is done about it (任务清单).
CONTENT_FIELDS = (
    "grid_id",
    "found_date",
    "category_id",
    "kind",
    "risk_level",
    "household",
    "party_names",
    "party_ids",
    "description",
    "measures",
    "handling_level",
)
# What ends it on the spot (化解): checked by action_resolve.
OUTCOME_FIELDS = ("outcome", "resolved_date")
# Who answers for it (责任清单): the office and the agents of the unit.
RESPONSIBILITY_FIELDS = ("leader_id", "responsible_unit_id", "responsible_user_id")


class XinfangDispute(models.Model):
    """A dispute found by screening (矛盾纠纷排查) before anyone petitions.

    Agents and grid workers record what they find on household visits; the
    dispute is then resolved on the spot (化解, with its outcome) or turned
    into a petition case (``action_make_case``), the two linked both ways.
    Until then its deadline (an activity of the deadline mixin) runs and the
    daily urging job urges it like a case's.
    """

    _name = "xinfang.dispute"
    _description = "Screened Dispute"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "xinfang.deadline.mixin",
        "xinfang.write.guard.mixin",
        "xinfang.input.mixin",
    ]
    _order = "found_date desc, id desc"
    _xinfang_past_date_fields = ("found_date", "resolved_date")
    _deadline_unit_field = "unit_id"
    _deadline_urge_type = "xinfang_agency.mail_activity_type_urge_dispute"
    _write_guard_state_field = "state"
    _write_guard_rules = (
        (("open",), (AGENT, GRID_WORKER), CONTENT_FIELDS + OUTCOME_FIELDS),
        (("open",), (AGENT, LEADER), RESPONSIBILITY_FIELDS),
        (("open",), (CLERK,), ("unit_id",)),
    )
    _write_guard_create_rules = (
        # The reference comes from the sequence whatever is sent.
        (
            (AGENT, GRID_WORKER),
            CONTENT_FIELDS + OUTCOME_FIELDS + ("name", "unit_id", "active"),
        ),
        ((AGENT, LEADER), RESPONSIBILITY_FIELDS),
    )

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index="trigram",
    )
    unit_id = fields.Many2one(
        "xinfang.unit",
        string="Found by Unit",
        required=True,
        default=lambda self: self._default_unit_id(),
        tracking=True,
        index=True,
        ondelete="restrict",
    )
    grid_id = fields.Many2one(
        "xinfang.grid", tracking=True, index=True, ondelete="restrict"
    )
    found_by_id = fields.Many2one(
        "res.users",
        string="Found by",
        default=lambda self: self.env.user,
        readonly=True,
        tracking=True,
        index=True,
    )
    found_date = fields.Date(
        required=True, default=office_today, tracking=True, index=True
    )
    category_id = fields.Many2one(
        "xinfang.case.category", tracking=True, index=True, ondelete="restrict"
    )
    kind = fields.Selection(
        DISPUTE_KINDS,
        string="Dispute Kind",
        required=True,
        default="neighbourhood",
        tracking=True,
        index=True,
    )
    risk_level = fields.Selection(
        RISK_LEVELS, required=True, default="low", tracking=True, index=True
    )
    household = fields.Char(
        string="Household or Place",
        help="The household visited or the place where the dispute arose.",
    )
    party_names = fields.Char(
        string="Parties", tracking=True, help="The parties to the dispute, as told."
    )
    party_ids = fields.Many2many(
        "res.partner",
        "xinfang_dispute_party_rel",
        "dispute_id",
        "partner_id",
        string="Registered Parties",
        domain=[("is_company", "=", False)],
        help="The parties registered as petitioners: they become the case's "
        "petitioners if the dispute is turned into a case.",
    )
    description = fields.Text(string="Dispute", required=True)
    measures = fields.Text(string="Measures Taken", tracking=True)
    handling_level = fields.Selection(
        HANDLING_LEVELS,
        default="grid",
        required=True,
        tracking=True,
        help="The level that settles it (seed 003: the community secretary or "
        "the street's leader is first responsible).",
    )
    leader_id = fields.Many2one(
        "res.users", string="Leader in Charge", tracking=True, index=True
    )
    responsible_unit_id = fields.Many2one("xinfang.unit", tracking=True, index=True)
    responsible_user_id = fields.Many2one(
        "res.users", string="Responsible Person", tracking=True, index=True
    )
    deadline_date = fields.Date(
        string="Deadline", tracking=True, index=True, readonly=True, copy=False
    )
    state = fields.Selection(
        DISPUTE_STATES,
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    resolved_date = fields.Date(tracking=True, copy=False)
    outcome = fields.Text(string="Resolution Outcome", tracking=True, copy=False)
    case_id = fields.Many2one(
        "xinfang.case",
        string="Petition Case",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
        ondelete="restrict",
    )
    active = fields.Boolean(default=True, tracking=True)

    @api.model
    def _default_unit_id(self):
        """The finder's unit, or the unit of their first grid."""
        user = self.env.user
        return user.xinfang_unit_id or user.sudo().xinfang_grid_ids[:1].unit_id

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.constrains("found_date", "resolved_date")
    def _check_resolved_after_found(self):
        for dispute in self:
            if (
                dispute.resolved_date
                and dispute.found_date
                and dispute.resolved_date < dispute.found_date
            ):
                raise ValidationError(
                    self.env._(
                        "Dispute %(dispute)s cannot be resolved on %(resolved)s, "
                        "before it was found (%(found)s).",
                        dispute=dispute.name,
                        resolved=dispute.resolved_date,
                        found=dispute.found_date,
                    )
                )

    @api.constrains("state", "outcome")
    def _check_outcome_when_resolved(self):
        for dispute in self:
            if dispute.state == "resolved" and not (dispute.outcome or "").strip():
                raise ValidationError(
                    self.env._(
                        "Dispute %(dispute)s is resolved: record the outcome.",
                        dispute=dispute.name,
                    )
                )

    @api.constrains("grid_id", "unit_id")
    def _check_grid_of_unit(self):
        for dispute in self.sudo():
            grid_unit = dispute.grid_id.unit_id
            if grid_unit and not (grid_unit.parent_path or "").startswith(
                dispute.unit_id.parent_path or "-"
            ):
                raise ValidationError(
                    self.env._(
                        "The grid %(grid)s does not lie under %(unit)s, the unit "
                        "that found dispute %(dispute)s.",
                        grid=dispute.grid_id.name,
                        unit=dispute.unit_id.name,
                        dispute=dispute.name,
                    )
                )

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]  # the caller's stay as sent
        for vals in vals_list:
            if not self.env.su or vals.get("name", self.env._("New")) == self.env._(
                "New"
            ):
                vals["name"] = self.env["ir.sequence"]._xinfang_next("xinfang.dispute")
            if vals.get("state", "open") != "open" and not self.env.su:
                raise UserError(self.env._("A new dispute starts open."))
            if not vals.get("unit_id") and vals.get("grid_id"):
                # Found in a grid: by the unit the grid lies under.
                vals["unit_id"] = (
                    self.env["xinfang.grid"].sudo().browse(vals["grid_id"]).unit_id.id
                )
        disputes = super().create(vals_list)
        disputes._deadline_start_dispute()
        return disputes

    def write(self, vals):
        result = super().write(vals)
        if {"grid_id", "unit_id"} & set(vals) and not self.env.su:
            # Odoo checks the rules before a write only: a dispute moved
            # to a grid or unit out of the user's reach is refused.
            self.check_access("write")
        if vals.get("responsible_user_id"):
            for dispute in self.filtered(lambda d: d.state == "open"):
                running = dispute._deadline_open_activity("dispute")
                dispute._deadline_hand_to(running.sudo(), dispute.responsible_user_id)
        if "found_date" in vals:
            self._deadline_recount_dispute()
        return result

    def _deadline_recount_dispute(self):
        """A corrected found date moves the open deadline with it."""
        for dispute in self.filtered(lambda d: d.state == "open"):
            running = dispute._deadline_open_activity("dispute").sudo()
            due = dispute._deadline_compute("dispute", start_date=dispute.found_date)
            if running and running.date_deadline != due:
                dispute.sudo()._deadline_move("dispute", due)
                dispute.sudo().deadline_date = due

    def copy(self, default=None):
        if not self.env.su:
            raise UserError(
                self.env._("A dispute is not copied: record the new dispute found.")
            )
        return super().copy(default)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Screened disputes are never deleted; archive them instead.")
        )

    def _deadline_holder(self):
        self.ensure_one()
        return self.responsible_user_id or self.found_by_id or self.env.user

    def _deadline_start_dispute(self):
        """The dispute must be resolved or turned into a case within the
        limit, counted from the day it was found."""
        for dispute in self.filtered(lambda d: d.state == "open"):
            activity = dispute.sudo()._deadline_start(
                "dispute", dispute._deadline_holder(), start_date=dispute.found_date
            )
            dispute.sudo().write({"deadline_date": activity.date_deadline})

    # ------------------------------------------------------------------
    # Transitions
    # ------------------------------------------------------------------
    def _ensure_step(self, groups, message):
        """The user has one of ``groups`` and may write every dispute, and
        every dispute is still open."""
        if not self.env.user.has_groups(",".join(groups)):
            raise AccessError(message)
        self.check_access("write")
        done = self.filtered(lambda d: d.state != "open")
        if done:
            raise UserError(
                self.env._(
                    "Dispute %(dispute)s is already %(state)s.",
                    dispute=done[0].name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        done[0].state
                    ],
                )
            )

    def action_resolve(self):
        """化解: resolved on the spot, with its outcome."""
        self._ensure_step(
            (AGENT, GRID_WORKER),
            self.env._("Only agents and grid workers resolve disputes."),
        )
        today = office_today(self)
        for dispute in self:
            if not (dispute.outcome or "").strip():
                raise UserError(
                    self.env._(
                        "Record the outcome of dispute %(dispute)s before marking "
                        "it resolved: what was agreed or done.",
                        dispute=dispute.name,
                    )
                )
            dispute.sudo().write(
                {"state": "resolved", "resolved_date": dispute.resolved_date or today}
            )
            dispute.sudo()._deadline_done("dispute")
            dispute.message_post(
                body=self.env._("Dispute resolved on the spot."),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_make_case(self):
        """Turn the dispute into a petition case (登记, channel 主动排查):
        its parties become the petitioners, the two are linked both ways."""
        self._ensure_step(
            (AGENT,), self.env._("Only agents turn a dispute into a petition case.")
        )
        cases = self.env["xinfang.case"]
        for dispute in self:
            case = (
                self.env["xinfang.case"]
                .sudo()
                .create(dispute._case_values())
                .sudo(False)
            )
            dispute.sudo().write({"state": "case", "case_id": case.id})
            dispute.sudo()._deadline_done("dispute")
            dispute.message_post(
                body=self.env._(
                    "Turned into the petition case %(case)s.", case=case.name
                ),
                subtype_xmlid="mail.mt_note",
            )
            in_lang_of(case.sudo(), case.sudo()._xinfang_readers()).message_post(
                body=case.env._(
                    "Registered from the screened dispute %(dispute)s.",
                    dispute=dispute.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
            cases |= case
        if len(cases) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "xinfang.case",
                "res_id": cases.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return cases._get_records_action(name=self.env._("Petition Cases"))

    def _case_values(self):
        """The new case: what the dispute says, as the agent registers it."""
        self.ensure_one()
        dispute = self.sudo()
        lines = (dispute.description or "").strip().splitlines()
        summary = lines[0][:80] if lines else dispute.display_name
        return {
            "channel": "screening",
            "received_date": office_today(self),
            "summary": summary,
            "demands": dispute.description,
            "category_id": dispute.category_id.id,
            "agency_unit_id": dispute.unit_id.id,
            "agent_id": self.env.uid,
            "grid_id": dispute.grid_id.id,
            "dispute_id": dispute.id,
            "petitioner_ids": [fields.Command.set(dispute.party_ids.ids)],
        }

    def action_archive(self):
        self._ensure_office()
        return super(XinfangDispute, self.sudo()).action_archive()

    def action_unarchive(self):
        self._ensure_office()
        return super(XinfangDispute, self.sudo()).action_unarchive()

    def _ensure_office(self):
        if not self.env.user.has_group(CLERK):
            raise AccessError(
                self.env._("Only the petition office archives screened disputes.")
            )
        self.check_access("write")

    def action_open_case(self):
        self.ensure_one()
        return self.case_id._get_records_action()
