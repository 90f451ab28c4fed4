from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from .xinfang_write_guard_mixin import ANY_STATE

RULE_UNITS = [
    ("calendar", "Calendar Days"),
    ("working", "Working Days"),
    ("count", "Number"),
]
# The regulation caps an extension at 30 days (信访工作条例 Art. 34).
EXTENSION_CEILING_DAYS = 30
# Rules read as a plain number or as calendar days whatever the list says:
# a count of petitions or people, and windows counted back from today.
FIXED_UNITS = {
    "repeat_threshold": "count",
    "collective_headcount": "count",
    "repeat_period": "calendar",
    "due_soon": "calendar",
}
MANAGER_GROUP = "xinfang_agency.group_xinfang_manager"
EDITABLE_FIELDS = ("name", "sequence", "amount", "unit", "legal_basis", "active")
# Former system parameters of the limits (before 18.0.1.4.0), read once by
# the migration: "xinfang_agency.limit_<key>_days" / "_unit", and the
# repeat period.
LEGACY_PARAM_PREFIX = "xinfang_agency.limit_"
LEGACY_REPEAT_PERIOD_PARAM = "xinfang_agency.repeat_period_days"


class XinfangDeadlineRule(models.Model):
    """A deadline, window or threshold of the procedure, as one record.

    Every reader of a limit (the deadline mixin, the deadline status, the
    warning detection, the assessment) asks ``_amount(key)`` or
    ``_limit(key)``; the office's administrators edit the amounts in one
    list. The key and the activity type are the procedure's and change only
    with the code.
    """

    _name = "xinfang.deadline.rule"
    _description = "Deadline Rule"
    _inherit = ["mail.thread", "xinfang.write.guard.mixin"]
    _order = "sequence, id"

    _write_guard_rules = ((ANY_STATE, (MANAGER_GROUP,), EDITABLE_FIELDS),)
    _write_guard_create_rules = (
        ((MANAGER_GROUP,), ("key", "activity_type_id", *EDITABLE_FIELDS)),
    )

    key = fields.Char(
        required=True,
        index=True,
        help="Technical key the code reads the rule by.",
    )
    name = fields.Char(string="Time Limit", required=True, translate=True)
    sequence = fields.Integer(default=10)
    amount = fields.Integer(required=True, tracking=True)
    unit = fields.Selection(
        RULE_UNITS,
        string="Counted In",
        required=True,
        default="calendar",
        tracking=True,
        help="Working days skip weekends and the days off of the holiday table.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        ondelete="restrict",
        help="The activity the deadline is scheduled as, on the person who must act.",
    )
    legal_basis = fields.Char(
        tracking=True,
        help="The article or local rule the deadline comes from, as cited "
        "(e.g. 《信访工作条例》第三十四条).",
    )
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        ("key_unique", "unique(key)", "Each deadline rule has its own key."),
    ]

    @api.constrains("amount", "key")
    def _check_amount(self):
        for rule in self:
            if rule.amount <= 0:
                raise ValidationError(
                    self.env._(
                        "The amount of %(rule)s must be greater than zero.",
                        rule=rule.name,
                    )
                )
            if rule.key == "extension" and rule.amount > EXTENSION_CEILING_DAYS:
                raise ValidationError(
                    self.env._(
                        "An extension is at most %(max)s days (信访工作条例 Art. 34).",
                        max=EXTENSION_CEILING_DAYS,
                    )
                )

    @api.constrains("unit", "key")
    def _check_unit(self):
        for rule in self:
            fixed = FIXED_UNITS.get(rule.key)
            if fixed and rule.unit != fixed:
                raise ValidationError(
                    self.env._(
                        "%(rule)s is counted in %(unit)s.",
                        rule=rule.name,
                        unit=dict(
                            self._fields["unit"]._description_selection(self.env)
                        )[fixed],
                    )
                )
            if not fixed and rule.unit == "count":
                raise ValidationError(
                    self.env._(
                        "%(rule)s is a number of days: calendar or working days.",
                        rule=rule.name,
                    )
                )

    # ------------------------------------------------------------------
    # Reading (cached: read by every deadline computed)
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache("key")
    def _limit_values(self, key):
        rule = self.sudo().search([("key", "=", key)], limit=1)
        return (rule.amount, rule.unit) if rule else None

    @api.model
    def _limit(self, key):
        """(amount, unit) of the active rule ``key``."""
        values = self._limit_values(key)
        if values is None:
            raise UserError(
                self.env._(
                    "The deadline rule %(key)s is missing or archived: restore "
                    "it under Petitions → Configuration → Deadlines.",
                    key=key,
                )
            )
        return values

    @api.model
    def _amount(self, key):
        """The amount of the active rule ``key`` (days or a number)."""
        return self._limit(key)[0]

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        self.env.registry.clear_cache()
        return rules

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self:
            raise UserError(
                self.env._(
                    "Deadline rules are read by the procedure: change their "
                    "amount instead of deleting them."
                )
            )

    # ------------------------------------------------------------------
    # Migration from the system parameters (18.0.1.4.0)
    # ------------------------------------------------------------------
    @api.model
    def _xinfang_migrate_parameters(self):
        """Copy the limits an office had set as system parameters into the
        rules, then delete the parameters. Returns the rules changed."""
        params = self.env["ir.config_parameter"].sudo()
        legacy = params.search(
            [
                "|",
                ("key", "=like", LEGACY_PARAM_PREFIX + "%"),
                ("key", "=", LEGACY_REPEAT_PERIOD_PARAM),
            ]
        )
        values = {param.key: param.value for param in legacy}
        rules = (
            self.sudo().with_context(active_test=False).search([("key", "!=", False)])
        )
        changed = self.browse()
        for rule in rules:
            vals = rule._xinfang_legacy_values(values)
            if vals:
                rule.write(vals)
                changed |= rule
        legacy.unlink()
        return changed

    def _xinfang_legacy_values(self, params):
        """The values of this rule the former parameters ``params`` set."""
        self.ensure_one()
        if self.key == "repeat_period":
            days_key, unit_key = LEGACY_REPEAT_PERIOD_PARAM, None
        else:
            days_key = f"{LEGACY_PARAM_PREFIX}{self.key}_days"
            unit_key = f"{LEGACY_PARAM_PREFIX}{self.key}_unit"
        vals = {}
        try:
            amount = int(params.get(days_key) or 0)
        except ValueError:
            amount = 0
        if amount > 0 and amount != self.amount:
            if self.key == "extension":
                amount = min(amount, EXTENSION_CEILING_DAYS)
            vals["amount"] = amount
        unit = params.get(unit_key) if unit_key else None
        if unit in ("calendar", "working") and unit != self.unit:
            if self.key not in FIXED_UNITS:
                vals["unit"] = unit
        return vals
