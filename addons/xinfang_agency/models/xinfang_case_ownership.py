from odoo import api, fields, models
from odoo.exceptions import UserError

# The 五包 responsibilities of seed 002 §2(四), each a flag and a note.
FIVE_DUTIES = (
    "duty_situation",
    "duty_mindset",
    "duty_resolution",
    "duty_commitment",
    "duty_stability",
)


class XinfangCaseOwnership(models.Model):
    """包案: a leader owns a hard case under the 五包 responsibility system."""

    _name = "xinfang.case.ownership"
    _description = "Case Ownership by a Leader"
    _inherit = ["mail.thread", "xinfang.input.mixin"]
    _order = "start_date desc, id desc"
    _rec_name = "case_id"

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
    start_date = fields.Date(required=True, default=fields.Date.context_today)
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

    @api.model_create_multi
    def create(self, vals_list):
        ownerships = super().create(vals_list)
        for ownership in ownerships:
            ownership.message_subscribe(partner_ids=ownership.leader_id.partner_id.ids)
            ownership.case_id.message_post(
                body=self.env._(
                    "%(leader)s took ownership of this case (五包).",
                    leader=ownership.leader_id.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return ownerships

    def write(self, vals):
        if self.filtered(lambda o: o.state == "done") and (
            set(vals) & set(FIVE_DUTIES)
        ):
            raise UserError(self.env._("A resolved case ownership cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Case ownerships are never deleted; archive them instead.")
        )

    def action_done(self):
        for ownership in self:
            if ownership.leader_id != self.env.user and not self.env.user.has_group(
                "xinfang_agency.group_xinfang_manager"
            ):
                raise UserError(
                    self.env._("Only the owning leader can close the ownership.")
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
                        duties="、".join(missing),
                    )
                )
        self.write({"state": "done", "end_date": fields.Date.context_today(self)})
        return True
