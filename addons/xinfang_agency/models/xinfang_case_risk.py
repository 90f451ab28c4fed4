from collections import defaultdict

from odoo import api, fields, models

SKIP_LEVELS = [
    ("none", "None"),
    ("city", "To the City"),
    ("province", "To the Province"),
    ("beijing", "To Beijing"),
]
COLLECTIVE_HEADCOUNT = 5
REPEAT_THRESHOLD = 3
REPEAT_PERIOD_PARAM = "xinfang_agency.repeat_period_days"
REPEAT_PERIOD_DEFAULT = 365
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
    behaviour) and its warning notices (预警提醒单, ``xinfang.case.warning``),
    detected again whenever a field they read changes (``WARNING_TRIGGERS``
    in this file).

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
        index=True,
    )
    warning_ids = fields.One2many("xinfang.case.warning", "case_id", string="Warnings")
    warning_count = fields.Integer(compute="_compute_warning_stats", store=True)
    has_open_warning = fields.Boolean(
        string="Open Warning", compute="_compute_warning_stats", store=True, index=True
    )

    @api.depends("headcount")
    def _compute_is_collective(self):
        for case in self:
            case.is_collective = case.headcount >= COLLECTIVE_HEADCOUNT

    @api.depends("warning_ids", "warning_ids.state")
    def _compute_warning_stats(self):
        for case in self:
            case.warning_count = len(case.warning_ids)
            case.has_open_warning = any(w.state == "open" for w in case.warning_ids)

    # ------------------------------------------------------------------
    # Warnings (预警提醒单)
    # ------------------------------------------------------------------
    @api.model
    def _xinfang_repeat_period(self):
        value = self.env["ir.config_parameter"].sudo().get_param(REPEAT_PERIOD_PARAM)
        try:
            return int(value) if value else REPEAT_PERIOD_DEFAULT
        except ValueError:
            return REPEAT_PERIOD_DEFAULT

    def _xinfang_repeat_counts(self):
        """Petitions on the same matter by the same petitioner, per case.

        Same petitioner: a shared 身份证号. Same matter: linked through
        ``related_case_id`` (directly or in a chain), or the same category
        within the configured period (days, default 365).
        """
        cases = self.sudo().with_context(active_test=False)
        numbers_of = {}
        all_numbers = set()
        for case in cases:
            numbers = set(case.petitioner_ids.mapped("xinfang_id_number")) - {False, ""}
            numbers_of[case.id] = numbers
            all_numbers |= numbers
        counts = dict.fromkeys(cases.ids, 1)
        if not all_numbers:
            return counts
        pool = cases | cases.search(
            [("petitioner_ids.xinfang_id_number", "in", list(all_numbers))]
        )
        for other in pool - cases:
            numbers_of[other.id] = set(
                other.petitioner_ids.mapped("xinfang_id_number")
            ) - {False, ""}
        # Union-find over the links inside the pool.
        root = {case_id: case_id for case_id in pool.ids}

        def find(case_id):
            while root[case_id] != case_id:
                root[case_id] = root[root[case_id]]
                case_id = root[case_id]
            return case_id

        for case in pool:
            if case.related_case_id.id in root:
                root[find(case.id)] = find(case.related_case_id.id)
        period = self._xinfang_repeat_period()
        for case in cases:
            mine = numbers_of[case.id]
            if not mine:
                continue
            for other in pool:
                if other.id == case.id or not (numbers_of[other.id] & mine):
                    continue
                linked = find(other.id) == find(case.id)
                same_category = (
                    case.category_id
                    and other.category_id == case.category_id
                    and abs((other.received_date - case.received_date).days) <= period
                )
                if linked or same_category:
                    counts[case.id] += 1
        return counts

    def _xinfang_warning_reasons(self):
        self.ensure_one()
        return {
            "reason_repeat": self.is_repeat,
            "reason_skip_level": self.skip_level not in (False, "none"),
            "reason_collective": self.is_collective,
            "reason_extreme": self.extreme_behaviour,
        }

    def _xinfang_detect_warnings(self):
        """Flag repeats and issue a warning notice for each new risk."""
        cases = self.sudo().filtered(lambda c: c.active and c.state != "archived")
        if not cases:
            return self.env["xinfang.case.warning"]
        counts = cases._xinfang_repeat_counts()
        by_count = defaultdict(list)
        for case in cases:
            if case.repeat_count != counts[case.id]:
                by_count[counts[case.id]].append(case.id)
        for count, ids in by_count.items():
            self.browse(ids).sudo().write(
                {"repeat_count": count, "is_repeat": count >= REPEAT_THRESHOLD}
            )
        WarningNotice = self.env["xinfang.case.warning"].sudo()
        covered = defaultdict(set)
        for warning in WarningNotice.search([("case_id", "in", cases.ids)]):
            for flag, value in warning._xinfang_reason_flags().items():
                if value:
                    covered[warning.case_id.id].add(flag)
        principals = cases._xinfang_principal_leaders()
        vals_list = []
        for case in cases:
            new = {
                flag
                for flag, value in case._xinfang_warning_reasons().items()
                if value and flag not in covered[case.id]
            }
            if new:
                vals_list.append(case._xinfang_warning_vals(new, principals))
        warnings = WarningNotice.create(vals_list)
        warnings._issue()
        return warnings

    def _xinfang_warning_vals(self, reasons, principals):
        self.ensure_one()
        unit = self.handling_unit_id or self.agency_unit_id
        head = unit.head_id
        leader = self.leader_id
        copied = principals.get(unit.id, self.env["res.users"]) - head - leader
        vals = {
            "case_id": self.id,
            "unit_id": unit.id,
            "head_id": head.id,
            "leader_id": leader.id,
            "principal_ids": [fields.Command.set(copied.ids)],
        }
        vals.update(dict.fromkeys(reasons, True))
        return vals

    def action_view_warnings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "xinfang_agency.xinfang_case_warning_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action
