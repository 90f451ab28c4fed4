from odoo import fields, models

from .xinfang_case import XinfangCase as XinfangCaseBase
from .xinfang_case_flow import AGENT


class XinfangCase(models.Model):
    """The grassroots link of a case: the grid it comes from and the
    dispute (矛盾纠纷排查) it was made from."""

    _inherit = "xinfang.case"  # pylint: disable=consider-merging-classes-inherited
    # The agent names the grid while taking the petition in.
    _write_guard_rules = XinfangCaseBase._write_guard_rules + (
        (("registered", "screening"), (AGENT,), ("grid_id",)),
    )
    _write_guard_create_rules = XinfangCaseBase._write_guard_create_rules + (
        ((AGENT,), ("grid_id",)),
    )

    grid_id = fields.Many2one("xinfang.grid", tracking=True, index=True, ondelete="restrict")
    dispute_id = fields.Many2one(
        "xinfang.dispute",
        string="Screened Dispute",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
        help="The dispute found by screening that this case was made from.",
    )
