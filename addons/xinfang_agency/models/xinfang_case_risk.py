from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .res_partner import normalize_id_number

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


class XinfangCase(models.Model):
    """Risk flags, warnings (预警), ownership (包案), privacy and intake key."""

    _inherit = "xinfang.case"  # pylint: disable=consider-merging-classes-inherited

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
    ownership_ids = fields.One2many(
        "xinfang.case.ownership", "case_id", string="Ownerships"
    )
    ownership_count = fields.Integer(compute="_compute_ownership_count")
    external_ref = fields.Char(
        string="External Reference",
        copy=False,
        index=True,
        readonly=True,
        help="Identifier of the record on the platform the case came from.",
    )
    accused_unit_id = fields.Many2one(
        "xinfang.unit",
        index=True,
        tracking=True,
        help="For an accusation: the unit of the people accused. The case is "
        "sealed from its users and those of the units below it (defaults to "
        "the unit where the petition was registered).",
    )
    # Always False: who may read the case sees its petitioners (the record
    # rules seal an accusation whole). Kept while databases upgrade from
    # 18.0.1.1, whose stored case form still names it until it reloads.
    identity_hidden = fields.Boolean(
        string="Petitioner Identity Hidden", compute="_compute_identity_hidden"
    )

    _sql_constraints = [
        (
            "external_ref_channel_unique",
            "unique(channel, external_ref)",
            "A case with this external reference already exists for the channel.",
        ),
    ]

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

    def _compute_ownership_count(self):
        counts = dict(
            self.env["xinfang.case.ownership"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.ownership_count = counts.get(case, 0)

    # ------------------------------------------------------------------
    # The accuser sealed (条例 Art. 30, 46): the record rules of
    # security/xinfang_accusation_rules.xml hide an accusation, and all that
    # points to it, from the accused unit and the units below it. What stays
    # here: the explicit default of the accused unit and the refusal to hand
    # an accusation to the accused unit.
    # ------------------------------------------------------------------
    @api.model
    def _xinfang_default_accused_unit(self, vals, agency_unit):
        """An accusation registered without an accused unit accuses the
        unit where it was registered (the local officials): sealed from it
        until the petition office names the accused unit."""
        if vals.get("petition_type") == "accusation" and not vals.get(
            "accused_unit_id"
        ):
            return dict(vals, accused_unit_id=agency_unit.id)
        return vals

    def _compute_identity_hidden(self):
        self.identity_hidden = False

    @api.constrains("petition_type", "accused_unit_id", "handling_unit_id")
    def _check_accused_not_handling(self):
        for case in self.sudo():
            case._xinfang_check_handling_unit(case.handling_unit_id)

    def _xinfang_check_handling_unit(self, unit):
        """Refuse to hand an accusation to the accused unit or a unit below it."""
        self.ensure_one()
        accused = self.sudo().accused_unit_id
        unit = unit.sudo()
        if (
            self.petition_type == "accusation"
            and accused
            and unit
            and (unit.parent_path or "").startswith(accused.parent_path or "-")
        ):
            raise ValidationError(
                self.env._(
                    "An accusation cannot be handed to the accused unit %(accused)s "
                    "or a unit below it (%(unit)s): choose another handling unit.",
                    accused=accused.display_name,
                    unit=unit.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Petitioners: reuse the partner of a known ID number
    # ------------------------------------------------------------------
    @api.model
    def _xinfang_resolve_petitioners(self, vals):
        """Turn ``Command.create`` of a known 身份证号 into a link to that partner."""
        commands = vals.get("petitioner_ids")
        if not isinstance(commands, list):
            return vals

        def number_of(cmd):
            if (
                isinstance(cmd, list | tuple)
                and len(cmd) == 3
                and cmd[0] == fields.Command.CREATE
                and isinstance(cmd[2], dict)
            ):
                return normalize_id_number(cmd[2].get("xinfang_id_number"))
            return False

        numbers = {number_of(cmd) for cmd in commands} - {False, None, ""}
        if not numbers:
            return vals
        known = self.env["res.partner"]._xinfang_find_by_id_numbers(numbers)
        resolved = [
            fields.Command.link(known[number_of(cmd)].id)
            if number_of(cmd) in known
            else cmd
            for cmd in commands
        ]
        return dict(vals, petitioner_ids=resolved)

    # ------------------------------------------------------------------
    # Warnings (预警提醒单)
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        Unit = self.env["xinfang.unit"]
        vals_list = [
            self._xinfang_default_accused_unit(
                self._xinfang_resolve_petitioners(vals),
                Unit.browse(vals.get("agency_unit_id"))
                or self.env.user.xinfang_unit_id,
            )
            for vals in vals_list
        ]
        cases = super().create(vals_list)
        cases.petitioner_ids._xinfang_seal_personal_data()
        cases._xinfang_detect_warnings()
        return cases

    def write(self, vals):
        vals = self._xinfang_resolve_petitioners(vals)
        result = super().write(vals)
        if {"petition_type", "accused_unit_id"} & set(vals):
            for case in self.filtered(
                lambda c: c.petition_type == "accusation" and not c.accused_unit_id
            ):
                case.accused_unit_id = case.agency_unit_id
        if "petitioner_ids" in vals:
            self.petitioner_ids._xinfang_seal_personal_data()
        if WARNING_TRIGGERS & set(vals):
            self._xinfang_detect_warnings()
        return result

    @api.model
    def _xinfang_repeat_period(self):
        return self._deadline_limit("repeat_period")[0]

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
        threshold = self._deadline_limit("repeat_threshold")[0]
        for count, ids in by_count.items():
            self.browse(ids).sudo().write(
                {"repeat_count": count, "is_repeat": count >= threshold}
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

    def _xinfang_principal_leaders(self):
        """Principal leaders of each case's unit: the nearest unit up the tree
        that has members in the principal leaders' group."""
        units = (self.handling_unit_id | self.agency_unit_id).sudo()
        chains = {
            unit.id: [
                int(i) for i in reversed((unit.parent_path or "").split("/")) if i
            ]
            for unit in units
        }
        all_ids = {i for chain in chains.values() for i in chain}
        group = self.env.ref("xinfang_agency.group_xinfang_principal")
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", group.ids),
                    ("xinfang_unit_id", "in", list(all_ids)),
                ]
            )
        )
        by_unit = defaultdict(lambda: self.env["res.users"])
        for user in users:
            by_unit[user.xinfang_unit_id.id] |= user
        result = {}
        for unit_id, chain in chains.items():
            for ancestor in chain:
                if by_unit.get(ancestor):
                    result[unit_id] = by_unit[ancestor]
                    break
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_take_ownership(self):
        """The current leader owns the case (包案), within their jurisdiction.

        Outside it, the petition office assigns the case to a leader (an
        ownership created by a clerk). Taking a case again revives the
        leader's ended or archived ownership.
        """
        self.ensure_one()
        user = self.env.user
        if not user.has_group("xinfang_agency.group_xinfang_leader"):
            raise UserError(self.env._("Only leaders can take ownership of a case."))
        self.check_access("read")
        if not self._xinfang_in_leader_jurisdiction(user):
            raise AccessError(
                self.env._(
                    "Case %(case)s is outside your jurisdiction: the petition "
                    "office assigns it to a leader.",
                    case=self.display_name,
                )
            )
        Ownership = (
            self.env["xinfang.case.ownership"].sudo().with_context(active_test=False)
        )
        ownership = Ownership.search(
            [("case_id", "=", self.id), ("leader_id", "=", user.id)], limit=1
        )
        if not ownership:
            ownership = Ownership.create({"case_id": self.id, "leader_id": user.id})
        elif not ownership.active or ownership.state != "active":
            ownership.write({"active": True, "state": "active", "end_date": False})
        return ownership._get_records_action(context={})

    def _xinfang_in_leader_jurisdiction(self, user):
        """The case is registered or handled in ``user``'s jurisdiction, or
        ``user`` is its leader in charge (the leaders' record rule)."""
        self.ensure_one()
        case = self.sudo()
        units = user.xinfang_jurisdiction_ids
        return bool(
            (case.agency_unit_id & units)
            or (case.handling_unit_id & units)
            or case.leader_id == user
        )

    def action_view_warnings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "xinfang_agency.xinfang_case_warning_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def action_view_ownerships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "xinfang_agency.xinfang_case_ownership_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action
