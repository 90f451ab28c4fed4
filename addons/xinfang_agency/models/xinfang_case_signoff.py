from odoo import api, fields, models
from odoo.exceptions import UserError

SIGNOFF_KINDS = [
    ("assign", "Assignment Sign-off"),
    ("close", "Closure Sign-off"),
]
SIGNOFF_DECISIONS = [
    ("signed", "Signed"),
    ("returned", "Returned"),
]


class XinfangCaseSignoff(models.Model):
    """A principal leader's decision on a case: 交办签 or 办结签.

    Records are created by the case's transition methods only and are
    immutable afterwards: they are the evidence of who decided what, when.
    """

    _name = "xinfang.case.signoff"
    _description = "Petition Case Sign-off"
    _inherit = ["xinfang.input.mixin"]
    _order = "signed_at desc, id desc"
    _rec_name = "kind"

    case_id = fields.Many2one(
        "xinfang.case", required=True, index=True, ondelete="restrict"
    )
    kind = fields.Selection(SIGNOFF_KINDS, required=True)
    decision = fields.Selection(SIGNOFF_DECISIONS, required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Signed by",
        required=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
    )
    signed_at = fields.Datetime(
        string="Signed on", required=True, default=fields.Datetime.now
    )
    comment = fields.Text()

    def write(self, vals):
        if self:
            raise UserError(self.env._("A sign-off cannot be changed once recorded."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A sign-off cannot be deleted."))
