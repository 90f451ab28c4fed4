from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_list

from .res_company import office_today
from .xinfang_deadline_mixin import in_lang_of

# Reason flags on the warning, in the order of seed 002 §2(二).
WARNING_REASONS = (
    "reason_repeat",
    "reason_skip_level",
    "reason_collective",
    "reason_extreme",
)

# Fields the handling unit fills in and the leader in charge signs.
ANALYSIS_FIELDS = ("cause_analysis", "resolution_measures", "stabilisation_measures")
HANDLER_GROUP = "xinfang_agency.group_xinfang_handler"
CLERK_GROUP = "xinfang_agency.group_xinfang_clerk"
LEADER_GROUP = "xinfang_agency.group_xinfang_leader"


class XinfangCaseWarning(models.Model):
    """信访事项预警提醒单: issued automatically for a risky case.

    Addressed to the head of the handling unit, copied to the leader in
    charge and the principal leader(s); the unit re-investigates within 7
    working days and the leader in charge signs the analysis.
    """

    _name = "xinfang.case.warning"
    _description = "Petition Warning Notice"
    _inherit = ["mail.thread", "xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "issue_date desc, id desc"

    # The handling unit (handlers; the petition office too) writes the
    # analysis while the notice is open; the petition office readdresses it.
    # Notices are issued by the system only; the signature is action_sign.
    _write_guard_state_field = "state"
    _write_guard_rules = (
        (("open",), (HANDLER_GROUP,), ANALYSIS_FIELDS),
        (("open",), (CLERK_GROUP,), ("head_id", "leader_id", "principal_ids")),
    )
    _write_guard_author_field = "edited_by_id"

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    case_id = fields.Many2one(
        "xinfang.case", required=True, index=True, ondelete="restrict", readonly=True
    )
    case_summary = fields.Char(related="case_id.summary", string="Case Summary")
    reason_repeat = fields.Boolean(string="Repeat Petition", readonly=True)
    reason_skip_level = fields.Boolean(string="Skip-level Petition", readonly=True)
    reason_collective = fields.Boolean(string="Collective Petition", readonly=True)
    reason_extreme = fields.Boolean(string="Extreme Behaviour", readonly=True)
    reason_text = fields.Char(string="Reasons", compute="_compute_reason_text")
    issue_date = fields.Date(
        required=True, default=office_today, readonly=True, index=True
    )
    due_date = fields.Date(
        string="Re-investigation Due",
        readonly=True,
        help="Seven working days after the notice was issued.",
    )
    unit_id = fields.Many2one(
        "xinfang.unit", string="Responsible Unit", index=True, readonly=True
    )
    head_id = fields.Many2one(
        "res.users", string="Addressed To", index=True, tracking=True
    )
    leader_id = fields.Many2one(
        "res.users", string="Leader in Charge", index=True, tracking=True
    )
    principal_ids = fields.Many2many(
        "res.users",
        "xinfang_case_warning_principal_rel",
        "warning_id",
        "user_id",
        string="Principal Leaders",
    )
    cause_analysis = fields.Text(tracking=True)
    resolution_measures = fields.Text(tracking=True)
    stabilisation_measures = fields.Text(tracking=True)
    state = fields.Selection(
        [("open", "Unsigned"), ("signed", "Signed")],
        string="Status",
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    signed_by_id = fields.Many2one("res.users", readonly=True)
    signed_at = fields.Datetime(readonly=True)
    edited_by_id = fields.Many2one(
        "res.users",
        string="Last Edited by",
        readonly=True,
        copy=False,
        help="Who last changed the notice by hand: they cannot also sign it.",
    )

    @api.depends(*WARNING_REASONS)
    def _compute_reason_text(self):
        labels = {
            flag: self._fields[flag]._description_string(self.env)
            for flag in WARNING_REASONS
        }
        for warning in self:
            warning.reason_text = format_list(
                self.env, [labels[flag] for flag in WARNING_REASONS if warning[flag]]
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"]._xinfang_next(
                    "xinfang.case.warning"
                ) or self.env._("New")
        warnings = super().create(vals_list)
        warnings._check_no_duplicate_reason()
        return warnings

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("Warning notices are never deleted; they stay on the case.")
        )

    def _check_no_duplicate_reason(self):
        """One notice per case and reason (seed 002: one 预警提醒单 per risk)."""
        cases = self.case_id
        by_case = {}
        for warning in self.sudo().search([("case_id", "in", cases.ids)]):
            by_case.setdefault(warning.case_id.id, []).append(warning)
        for warnings in by_case.values():
            for flag in WARNING_REASONS:
                if sum(1 for w in warnings if w[flag]) > 1:
                    raise UserError(
                        self.env._(
                            "Case %(case)s already has a warning notice "
                            "for: %(reason)s",
                            case=warnings[0].case_id.display_name,
                            reason=self._fields[flag]._description_string(self.env),
                        )
                    )

    def _xinfang_reason_flags(self):
        self.ensure_one()
        return {flag: self[flag] for flag in WARNING_REASONS}

    # ------------------------------------------------------------------
    # Detection: which cases need a notice. The case calls it whenever a
    # field the risks read changes (WARNING_TRIGGERS, xinfang_case_risk.py).
    # ------------------------------------------------------------------
    @api.model
    def _xinfang_detect(self, cases):
        """Flag repeats on ``cases`` and issue a notice for each new risk.

        A case with no risk costs the repeat count's one query: the notices
        already issued and the principal leaders are looked up only for the
        cases with a risk.
        """
        cases = cases.sudo().filtered(lambda c: c.active and c.state != "archived")
        if not cases:
            return self.browse()
        counts = self._xinfang_repeat_counts(cases)
        # A repeat petition: this many on the same matter by the same petitioner.
        threshold = self.env["xinfang.deadline.rule"]._amount("repeat_threshold")
        by_count = defaultdict(list)
        for case in cases:
            if case.repeat_count != counts[case.id]:
                by_count[counts[case.id]].append(case.id)
        for count, ids in by_count.items():
            cases.browse(ids).write(
                {"repeat_count": count, "is_repeat": count >= threshold}
            )
        reasons = {}
        for case in cases:
            flags = {
                flag
                for flag, value in self._xinfang_case_reasons(case).items()
                if value
            }
            if flags:
                reasons[case] = flags
        notices = self.sudo()
        if not reasons:
            return notices
        risky = cases.browse([case.id for case in reasons])
        covered = defaultdict(set)
        for warning in notices.search([("case_id", "in", risky.ids)]):
            for flag, value in warning._xinfang_reason_flags().items():
                if value:
                    covered[warning.case_id.id].add(flag)
        principals = risky._xinfang_principal_leaders()
        vals_list = []
        for case, flags in reasons.items():
            new = flags - covered[case.id]
            if new:
                vals_list.append(self._xinfang_notice_vals(case, new, principals))
        warnings = notices.create(vals_list)
        warnings._issue()
        return warnings

    @api.model
    def _xinfang_repeat_period(self):
        return self.env["xinfang.deadline.rule"]._amount("repeat_period")

    @api.model
    def _xinfang_repeat_counts(self, cases):
        """Petitions on the same matter by the same petitioner, per case.

        Same petitioner: a shared 身份证号. Same matter: linked through
        ``related_case_id`` (directly or in a chain), or the same category
        within the configured period (days, default 365).
        """
        counts = dict.fromkeys(cases.ids, 1)
        pool = self._xinfang_repeat_pool(cases)
        # Union-find over the links inside the pool.
        root = {case_id: case_id for case_id in pool}

        def find(case_id):
            while root[case_id] != case_id:
                root[case_id] = root[root[case_id]]
                case_id = root[case_id]
            return case_id

        for case_id, other in pool.items():
            if other["related_case_id"] in root:
                root[find(case_id)] = find(other["related_case_id"])
        period = self._xinfang_repeat_period()
        for case_id in cases.ids:
            case = pool.get(case_id)
            if not case:
                continue  # no 身份证号 among its petitioners
            for other_id, other in pool.items():
                if other_id == case_id or not (other["numbers"] & case["numbers"]):
                    continue
                linked = find(other_id) == find(case_id)
                same_category = (
                    case["category_id"]
                    and other["category_id"] == case["category_id"]
                    and abs((other["received_date"] - case["received_date"]).days)
                    <= period
                )
                if linked or same_category:
                    counts[case_id] += 1
        return counts

    @api.model
    def _xinfang_repeat_pool(self, cases):
        """The cases (archived too) of the petitioners of ``cases`` by
        身份证号, ``cases`` with one among them: {case id: {"numbers":
        shared 身份证号, "related_case_id", "category_id", "received_date"}}.

        One query on the number's index, whatever the number of cases, and
        of two tables, which PostgreSQL plans in a fifth of the time of the
        five it took to find the numbers and the cases' fields in SQL too.
        The numbers and the fields are read through the ORM instead: a case
        just registered has them in the cache, and the earlier cases' three
        fields cost one more query.
        """
        numbers = sorted(
            set(
                cases.sudo()
                .with_context(active_test=False)
                .petitioner_ids.xinfang_data_ids.mapped("id_number")
            )
            - {False, ""}
        )
        if not numbers:
            return {}
        self.env["xinfang.case"].flush_model(["petitioner_ids"])
        self.env["xinfang.petitioner.data"].flush_model(["partner_id", "id_number"])
        self.env.cr.execute(
            SQL(
                """SELECT rel.xinfang_case_id, array_agg(DISTINCT data.id_number)
                     FROM xinfang_petitioner_data data
                     JOIN res_partner_xinfang_case_rel rel
                       ON rel.res_partner_id = data.partner_id
                    WHERE data.id_number IN %s
                    GROUP BY rel.xinfang_case_id""",
                tuple(numbers),
            )
        )
        shared = dict(self.env.cr.fetchall())
        pool = cases.browse(list(shared)).sudo().with_context(active_test=False)
        pool.fetch(["related_case_id", "category_id", "received_date"])
        return {
            case.id: {
                "related_case_id": case.related_case_id.id,
                "category_id": case.category_id.id,
                "received_date": case.received_date,
                "numbers": set(shared[case.id]),
            }
            for case in pool
        }

    @api.model
    def _xinfang_case_reasons(self, case):
        """The reason flags a notice on ``case`` would carry now."""
        return {
            "reason_repeat": case.is_repeat,
            "reason_skip_level": case.skip_level not in (False, "none"),
            "reason_collective": case.is_collective,
            "reason_extreme": case.extreme_behaviour,
        }

    @api.model
    def _xinfang_notice_vals(self, case, reasons, principals):
        """A notice on ``case`` for ``reasons``: to the head of its unit,
        copied to the leader in charge and the unit's principal leaders."""
        unit = case.handling_unit_id or case.agency_unit_id
        head = unit.head_id
        leader = case.leader_id
        copied = principals.get(unit.id, self.env["res.users"]) - head - leader
        vals = {
            "case_id": case.id,
            "unit_id": unit.id,
            "head_id": head.id,
            "leader_id": leader.id,
            "principal_ids": [fields.Command.set(copied.ids)],
        }
        vals.update(dict.fromkeys(reasons, True))
        return vals

    def _issue(self):
        """Notify the people concerned and start the 7-working-day deadline."""
        for warning in self:
            partners = (
                warning.head_id | warning.leader_id | warning.principal_ids
            ).partner_id
            if partners:
                warning.message_subscribe(partner_ids=partners.ids)
            assignee = (
                warning.head_id
                or warning.case_id.handler_id
                or warning.leader_id
                or self.env.user
            )
            # One re-investigation deadline per case (7 working days by
            # default), on the head of the unit; done when all are signed.
            activity = warning.case_id.sudo()._deadline_start(
                "warning", assignee, start_date=warning.issue_date
            )
            warning.sudo().due_date = activity[:1].date_deadline
            # In the addressee's language, with code terms: the notice is
            # often issued by the system (a cron, demo data) for them.
            in_lang = in_lang_of(warning, assignee | warning.leader_id)
            warning.message_post(
                body=in_lang.env._(
                    "Warning notice issued for case %(case)s (%(reasons)s): "
                    "re-investigate, analyse the cause and carry out resolution "
                    "and stabilisation measures by %(due)s; the leader in charge "
                    "signs the analysis.",
                    case=warning.case_id.display_name,
                    reasons=in_lang._xinfang_reason_labels(),
                    due=warning.due_date,
                ),
                partner_ids=partners.ids,
                subtype_xmlid="mail.mt_comment",
            )

    def _xinfang_reason_labels(self):
        """The notice's reasons as code terms, in this environment's language."""
        self.ensure_one()
        labels = {
            "reason_repeat": self.env._("repeat petition"),
            "reason_skip_level": self.env._("skip-level petition"),
            "reason_collective": self.env._("collective petition"),
            "reason_extreme": self.env._("extreme behaviour"),
        }
        return format_list(
            self.env, [labels[flag] for flag in WARNING_REASONS if self[flag]]
        )

    def _creation_message(self):
        self.ensure_one()
        readers = self.head_id | self.leader_id | self.env.user
        return in_lang_of(self, readers).env._("Warning notice issued.")

    def action_sign(self):
        """The leader in charge signs the analysis (原因分析及措施签字)."""
        for warning in self:
            if warning.state == "signed":
                raise UserError(self.env._("This warning notice is already signed."))
            if (
                not warning.leader_id
                or warning.leader_id != self.env.user
                or not self.env.user.has_group(LEADER_GROUP)
            ):
                raise UserError(
                    self.env._(
                        "Only the leader in charge of the case "
                        "can sign this warning notice."
                    )
                )
            warning._write_guard_ensure_not_author(
                lambda notice: self.env._(
                    "You wrote the analysis of %(notice)s yourself: the leader "
                    "in charge signs the work of the handling unit, not their own.",
                    notice=notice.name,
                )
            )
            missing = [
                warning._fields[f]._description_string(self.env)
                for f in ANALYSIS_FIELDS
                if not (warning[f] or "").strip()
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Fill in before signing: %(fields)s",
                        fields=format_list(self.env, missing),
                    )
                )
        self.sudo().write(
            {
                "state": "signed",
                "signed_by_id": self.env.user.id,
                "signed_at": fields.Datetime.now(),
            }
        )
        for warning in self:
            case = warning.case_id.sudo()
            if not case.warning_ids.filtered(lambda w: w.state == "open"):
                case._deadline_done(
                    "warning",
                    feedback=self.env._(
                        "Warning analysis signed by the leader in charge."
                    ),
                )
            warning.message_post(
                body=self.env._(
                    "Analysis and measures signed by %(user)s.", user=self.env.user.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_case(self):
        self.ensure_one()
        return self.case_id._get_records_action()
