from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.xinfang_agency.models.res_company import office_today
from odoo.addons.xinfang_agency.models.xinfang_deadline_mixin import in_lang_of

ASSESSOR_GROUP = "xinfang_assessment.group_xinfang_assessor"
# What the petition office enters (and corrects while the item is a draft).
ITEM_FIELDS = (
    "name",
    "period_id",
    "indicator_id",
    "unit_id",
    "points",
    "date",
    "evidence",
    "attachment_ids",
)


class XinfangAssessmentItem(models.Model):
    """A manual deduction (扣分) or bonus (加分) item, with its evidence.

    Entered by the petition office (assessor), approved by a leader; only
    approved items count in a run.
    """

    _name = "xinfang.assessment.item"
    _description = "Assessment Manual Item"
    _inherit = ["mail.thread", "xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "period_id desc, id desc"

    _write_guard_state_field = "state"
    _write_guard_rules = ((("draft",), (ASSESSOR_GROUP,), ITEM_FIELDS),)
    _write_guard_create_rules = (((ASSESSOR_GROUP,), ITEM_FIELDS),)
    _write_guard_author_field = "entered_by_id"

    name = fields.Char(string="Description", required=True, tracking=True)
    period_id = fields.Many2one(
        "xinfang.assessment.period", required=True, index=True, tracking=True
    )
    scheme_id = fields.Many2one(related="period_id.scheme_id", store=True)
    indicator_id = fields.Many2one(
        "xinfang.assessment.indicator",
        required=True,
        index=True,
        tracking=True,
        domain="[('scheme_id', '=', scheme_id), ('kind', '=', 'manual')]",
    )
    rule = fields.Selection(related="indicator_id.rule")
    unit_id = fields.Many2one("xinfang.unit", required=True, index=True, tracking=True)
    points = fields.Float(
        required=True,
        tracking=True,
        compute="_compute_points",
        store=True,
        readonly=False,
        help="Points this item deducts or adds (a positive number).",
    )
    date = fields.Date(default=office_today, required=True)
    evidence = fields.Text(help="What happened and where the proof is.")
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence Files")
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    entered_by_id = fields.Many2one(
        "res.users",
        string="Entered by",
        readonly=True,
        copy=False,
        help="Who last entered or changed the item: another person approves it.",
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "points_positive",
            "CHECK(points > 0)",
            "The points of an item must be positive.",
        ),
    ]

    @api.depends("indicator_id")
    def _compute_points(self):
        for item in self:
            if not item.points:
                item.points = item.indicator_id.points

    @api.constrains("evidence", "attachment_ids")
    def _check_evidence(self):
        for item in self:
            if not (item.evidence or "").strip() and not item.attachment_ids:
                raise ValidationError(
                    self.env._(
                        "The item %s needs evidence: a text or an attached file.",
                        item.name,
                    )
                )

    @api.constrains("indicator_id", "period_id")
    def _check_indicator(self):
        for item in self:
            if item.indicator_id.kind != "manual":
                raise ValidationError(
                    self.env._("%s is not a manual indicator.", item.indicator_id.name)
                )
            if item.indicator_id.scheme_id != item.period_id.scheme_id:
                raise ValidationError(
                    self.env._(
                        "The indicator %(indicator)s is not part of "
                        "the scheme of %(period)s.",
                        indicator=item.indicator_id.name,
                        period=item.period_id.name,
                    )
                )

    @api.model
    def _demo_approve(self, item_ids, approver_id):
        """Demo: a leader approves the items the assessor entered."""
        approver = self.env["res.users"].browse(approver_id)
        self.browse(item_ids).with_user(approver).action_approve()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if self.filtered(lambda i: i.state == "approved"):
            raise UserError(self.env._("An approved item cannot be deleted."))

    def action_approve(self):
        if not self.env.user.has_group("xinfang_agency.group_xinfang_leader"):
            raise AccessError(
                self.env._("Only a leader approves deduction and bonus items.")
            )
        done = self.filtered(lambda i: i.state == "approved")
        if done:
            raise UserError(
                self.env._("The item %s is already approved.", done[0].name)
            )
        self._write_guard_ensure_not_author(
            lambda item: self.env._(
                "You entered the item %s yourself: another person approves it.",
                item.name,
            )
        )
        self.check_access("read")
        # Leaders may not edit items: the approval is all they write.
        self.sudo().write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        return True

    def _creation_message(self):
        # A code term in the readers' language (the model's name is a data
        # term, not yet translated while demo data loads).
        self.ensure_one()
        return in_lang_of(self, self.env.user).env._("Assessment item recorded.")
