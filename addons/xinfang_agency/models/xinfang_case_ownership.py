from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_list

from .res_company import office_today
from .xinfang_deadline_mixin import in_lang_of

# The 五包 responsibilities of seed 002 §2(四), each a flag and a note.
FIVE_DUTIES = (
    "duty_situation",
    "duty_mindset",
    "duty_resolution",
    "duty_commitment",
    "duty_stability",
)
DUTY_NOTES = tuple(f"{duty}_note" for duty in FIVE_DUTIES)
LEADER_GROUP = "xinfang_agency.group_xinfang_leader"
CLERK_GROUP = "xinfang_agency.group_xinfang_clerk"


class XinfangCaseOwnership(models.Model):
    """包案: a leader owns a hard case under the 五包 responsibility system."""

    _name = "xinfang.case.ownership"
    _description = "Case Ownership by a Leader"
    _inherit = ["mail.thread", "xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "start_date desc, id desc"
    _rec_name = "case_id"

    # The owning leader records the five duties while the ownership runs
    # (the record rules let a leader write only their own); the petition
    # office assigns a case to a leader. A leader takes a case of their
    # jurisdiction with xinfang.case.action_take_ownership; closing and
    # archiving are action_done / action_archive.
    _write_guard_state_field = "state"
    _write_guard_rules = (
        (("active",), (LEADER_GROUP,), (*FIVE_DUTIES, *DUTY_NOTES, "note")),
    )
    _write_guard_create_rules = (
        (
            (CLERK_GROUP,),
            (
                "case_id",
                "leader_id",
                "start_date",
                "active",
                *FIVE_DUTIES,
                *DUTY_NOTES,
                "note",
            ),
        ),
    )

    case_id = fields.Many2one(
        "xinfang.case", required=True, index=True, ondelete="restrict", tracking=True
    )
    case_summary = fields.Char(related="case_id.summary", string="Case Summary")
    leader_id = fields.Many2one(
        "res.users",
        string="Owning Leader",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    start_date = fields.Date(required=True, default=office_today)
    end_date = fields.Date(readonly=True)
    state = fields.Selection(
        [("active", "In Progress"), ("done", "Resolved")],
        string="Status",
        default="active",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    duty_situation = fields.Boolean(string="Know the Situation", tracking=True)
    duty_situation_note = fields.Text(string="Situation Notes")
    duty_mindset = fields.Boolean(string="Change the Mindset", tracking=True)
    duty_mindset_note = fields.Text(string="Mindset Notes")
    duty_resolution = fields.Boolean(string="Resolve the Issue", tracking=True)
    duty_resolution_note = fields.Text(string="Resolution Notes")
    duty_commitment = fields.Boolean(
        string="Commitment to Stop Petitioning", tracking=True
    )
    duty_commitment_note = fields.Text(string="Commitment Notes")
    duty_stability = fields.Boolean(string="Education and Stability", tracking=True)
    duty_stability_note = fields.Text(string="Stability Notes")
    progress = fields.Integer(
        string="Progress (%)", compute="_compute_progress", store=True, aggregator="avg"
    )
    note = fields.Html(string="Progress Notes")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "case_leader_unique",
            "unique(case_id, leader_id)",
            "This leader already owns the case.",
        ),
    ]

    @api.depends(*FIVE_DUTIES)
    def _compute_progress(self):
        for ownership in self:
            done = sum(1 for duty in FIVE_DUTIES if ownership[duty])
            ownership.progress = done * 100 // len(FIVE_DUTIES)

    @api.constrains("leader_id")
    def _check_leader(self):
        for ownership in self:
            if not ownership.leader_id.has_group(LEADER_GROUP):
                raise ValidationError(
                    self.env._(
                        "%(user)s is not a leader: only leaders own cases (包案).",
                        user=ownership.leader_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        ownerships = super().create(vals_list)
        if not self.env.su:
            # The petition office assigns only the cases it can see.
            ownerships.case_id.check_access("read")
        for ownership in ownerships:
            ownership.message_subscribe(partner_ids=ownership.leader_id.partner_id.ids)
            ownership.case_id.message_post(
                body=in_lang_of(ownership, ownership.leader_id).env._(
                    "%(leader)s took ownership of this case (五包).",
                    leader=ownership.leader_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return ownerships

    def _creation_message(self):
        self.ensure_one()
        readers = self.leader_id | self.env.user
        return in_lang_of(self, readers).env._("Case ownership (包案) started.")

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Case ownerships are never deleted; archive them instead.")
        )

    def _check_owner_or_office(self, message):
        user = self.env.user
        if not user.has_group(CLERK_GROUP) and self.filtered(
            lambda o: o.leader_id != user
        ):
            raise AccessError(message)

    def action_done(self):
        self._check_owner_or_office(
            self.env._("Only the owning leader can close the ownership.")
        )
        for ownership in self:
            if ownership.state != "active":
                raise UserError(
                    self.env._(
                        "The ownership of %(case)s is already closed.",
                        case=ownership.case_id.display_name,
                    )
                )
            missing = [
                ownership._fields[duty]._description_string(self.env)
                for duty in FIVE_DUTIES
                if not ownership[duty]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "The five responsibilities are not all fulfilled: %(duties)s",
                        duties=format_list(self.env, missing),
                    )
                )
        self.sudo().write({"state": "done", "end_date": office_today(self)})
        return True

    def action_archive(self):
        """An archived ownership grants nothing: the owner or the office ends it."""
        self._check_owner_or_office(
            self.env._(
                "Only the owning leader or the petition office archives an ownership."
            )
        )
        self.check_access("write")
        return super(XinfangCaseOwnership, self.sudo()).action_archive()

    def action_unarchive(self):
        """Only the petition office restores an ownership (and the access it grants)."""
        if not self.env.user.has_group(CLERK_GROUP):
            raise AccessError(
                self.env._("Only the petition office restores an archived ownership.")
            )
        self.check_access("write")
        return super(XinfangCaseOwnership, self.sudo()).action_unarchive()
