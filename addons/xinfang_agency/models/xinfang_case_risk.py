from odoo import api, fields, models

SKIP_LEVELS = [
    ("none", "None"),
    ("city", "To the City"),
    ("province", "To the Province"),
    ("beijing", "To Beijing"),
]
# Writing any of these re-runs the warning detection.
WARNING_TRIGGERS = {
    "petitioner_ids",
    "category_id",
    "related_case_id",
    "received_date",
    "skip_level",
    "extreme_behaviour",
    "headcount",
    "handling_unit_id",
    "active",
}


class XinfangCaseRisk(models.AbstractModel):
    """The risks of a case (repeat, skip-level, collective, extreme
    behaviour) and its warning notices (预警提醒单, ``xinfang.case.warning``,
    which detects them), detected again whenever a field they read changes
    (``WARNING_TRIGGERS``).

    A concern of ``xinfang.case`` only.
    """

    _name = "xinfang.case.risk"
    _description = "Petition Case Risks and Warnings"

    related_case_id = fields.Many2one(
        "xinfang.case",
        string="Earlier Case on the Same Matter",
        index=True,
        ondelete="set null",
        tracking=True,
        help="Link a new petition to the earlier one on the same matter: "
        "linked petitions of the same petitioner count as repeats.",
    )
    skip_level = fields.Selection(
        SKIP_LEVELS,
        string="Skip-level Petition",
        default="none",
        required=True,
        tracking=True,
        index=True,
    )
    extreme_behaviour = fields.Boolean(tracking=True)
    is_repeat = fields.Boolean(
        string="Repeat Petition",
        readonly=True,
        index=True,
        copy=False,
        help="Three or more petitions on the same matter by the same "
        "petitioner (matched by ID number).",
    )
    repeat_count = fields.Integer(
        string="Petitions on the Matter", readonly=True, copy=False, default=1
    )
    is_collective = fields.Boolean(
        string="Collective Petition",
        compute="_compute_is_collective",
        store=True,
        precompute=True,
        index=True,
    )
    warning_ids = fields.One2many("xinfang.case.warning", "case_id", string="Warnings")
    warning_count = fields.Integer(
        compute="_compute_warning_stats", store=True, precompute=True
    )
    has_open_warning = fields.Boolean(
        string="Open Warning",
        compute="_compute_warning_stats",
        store=True,
        precompute=True,
        index=True,
    )

    @api.depends("headcount")
    def _compute_is_collective(self):
        collective = self._deadline_limit("collective_headcount")[0]
        for case in self:
            case.is_collective = case.headcount >= collective

    @api.depends("warning_ids", "warning_ids.state")
    def _compute_warning_stats(self):
        for case in self:
            case.warning_count = len(case.warning_ids)
            case.has_open_warning = any(w.state == "open" for w in case.warning_ids)

    def _xinfang_detect_warnings(self):
        """Flag repeats and issue a warning notice for each new risk (the
        detection is the warning model's)."""
        return self.env["xinfang.case.warning"]._xinfang_detect(self)

    def action_view_warnings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "xinfang_agency.xinfang_case_warning_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action
