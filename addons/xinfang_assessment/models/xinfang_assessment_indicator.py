from odoo import api, fields, models
from odoo.exceptions import ValidationError

GRASSROOTS_UNIT_TYPES = ("point", "station")

# 2211 (两签两办一会一访) is the agency service's mechanism: its case metrics
# count the cases accepted for agency. A petition closed at screening
# (answered on the spot, legal route, window, excluded: 不予受理/不再受理)
# has no sign-off, agent or revisit step and is outside every 2211 rate,
# 每件一回访 included (ARCHITECTURE.md).
AGENCY_CASES = [("is_agency", "=", True)]

# Automatic metrics. Each is one aggregate query over the period's cases
# (or weekly consultations), grouped by unit and, for ratios, by ``key``:
#   date: the case date that puts a case in the period
#   domain: extra conditions of the denominator
#   key: the field whose value decides the numerator, with ``weights``
#        (a case counts weight × 1 in the numerator; default weight 0;
#        "present": any set value counts 1)
#   count: no ratio; the numerator is the number of cases
#   fields: case fields the metric needs (missing → the metric is skipped)
#   model: the records counted, when not cases (with ``unit_field``, their
#          unit, whatever the indicator attributes cases to, and
#          ``records``, the prefix of the ids kept on the result lines)
METRICS = {
    "on_time_acceptance": {
        "date": "received_date",
        "domain": [("accepted_date", "!=", False)],
        "key": "assess_accepted_on_time",
        "weights": {True: 1.0},
        "fields": ["accepted_date"],
    },
    "on_time_closure": {
        "date": "closed_date",
        "domain": [],
        "key": "assess_closed_on_time",
        "weights": {True: 1.0},
        "fields": ["closed_date"],
    },
    "closure_rate": {
        "date": "accepted_date",
        "domain": [],
        "key": "closed_date:year",
        "weights": "present",
        "fields": ["accepted_date", "closed_date"],
    },
    "satisfaction": {
        "date": "closed_date",
        "domain": [("satisfaction", "!=", False)],
        "key": "satisfaction",
        "weights": {"satisfied": 1.0, "fairly_satisfied": "partial"},
        "fields": ["closed_date", "satisfaction"],
    },
    "agency_rate": {
        "date": "received_date",
        "domain": [],
        "key": "is_agency",
        "weights": {True: 1.0},
        "fields": ["is_agency"],
    },
    "resolution_rate": {
        "date": "closed_date",
        "domain": [],
        "key": "satisfaction",
        "weights": {"satisfied": 1.0, "fairly_satisfied": 1.0, "understanding": 1.0},
        "fields": ["closed_date", "satisfaction"],
    },
    "online_share": {
        "date": "received_date",
        "domain": [],
        "key": "channel",
        "weights": {"online": 1.0},
        "fields": ["channel"],
    },
    "repeat_rate": {
        "date": "received_date",
        "domain": [],
        "key": "is_repeat",
        "weights": {True: 1.0},
        "fields": ["is_repeat"],
    },
    "skip_level_beijing": {
        "date": "received_date",
        "domain": [("skip_level", "=", "beijing")],
        "count": True,
        "fields": ["skip_level"],
    },
    "skip_level_province": {
        "date": "received_date",
        "domain": [("skip_level", "=", "province")],
        "count": True,
        "fields": ["skip_level"],
    },
    "skip_level_city": {
        "date": "received_date",
        "domain": [("skip_level", "=", "city")],
        "count": True,
        "fields": ["skip_level"],
    },
    "x2211_two_signs": {
        "date": "closed_date",
        "domain": AGENCY_CASES,
        "key": "x2211_two_signs",
        "weights": {True: 1.0},
        "fields": ["closed_date", "is_agency", "assign_signed", "close_signed"],
    },
    "x2211_two_handlings": {
        "date": "closed_date",
        "domain": AGENCY_CASES,
        "key": "x2211_two_handlings",
        "weights": {True: 1.0},
        "fields": ["closed_date", "is_agency", "supervised_date"],
    },
    "x2211_revisit": {
        "date": "closed_date",
        "domain": AGENCY_CASES,
        "key": "x2211_revisited",
        "weights": {True: 1.0},
        "fields": ["closed_date", "is_agency", "revisit_date"],
    },
    "x2211_compliance": {
        "date": "closed_date",
        "domain": AGENCY_CASES,
        "key": "x2211_complete",
        "weights": {True: 1.0},
        "fields": [
            "closed_date",
            "is_agency",
            "assign_signed",
            "close_signed",
            "supervised_date",
            "revisit_date",
        ],
    },
    # 矛盾纠纷排查 (seed 001 counts 排查 and 化解): disputes found by the unit
    # in the period, and how many of them were resolved on the spot.
    "disputes_found": {
        "model": "xinfang.dispute",
        "unit_field": "unit_id",
        "records": "dispute",
        "date": "found_date",
        "domain": [],
        "count": True,
        "fields": ["found_date"],
    },
    "disputes_resolved": {
        "model": "xinfang.dispute",
        "unit_field": "unit_id",
        "records": "dispute",
        "date": "found_date",
        "domain": [("state", "=", "resolved")],
        "count": True,
        "fields": ["found_date", "state"],
    },
    "dispute_resolution_rate": {
        "model": "xinfang.dispute",
        "unit_field": "unit_id",
        "records": "dispute",
        "date": "found_date",
        "domain": [],
        "key": "state",
        "weights": {"resolved": 1.0},
        "fields": ["found_date", "state"],
    },
}

METRIC_SELECTION = [
    ("on_time_acceptance", "On-time Acceptance"),
    ("on_time_closure", "On-time Closure"),
    ("closure_rate", "Closure Rate"),
    ("satisfaction", "Satisfaction"),
    ("agency_rate", "Agency Rate"),
    ("resolution_rate", "Resolution Rate"),
    ("online_share", "Online Share"),
    ("repeat_rate", "Repeat-petition Rate"),
    ("skip_level_beijing", "Skip-level Batches to Beijing"),
    ("skip_level_province", "Skip-level Batches to the Province"),
    ("skip_level_city", "Skip-level Batches to the City"),
    ("x2211_two_signs", "2211: Both Sign-offs"),
    ("x2211_two_handlings", "2211: Agency and Supervision"),
    ("x2211_weekly", "2211: Weekly Consultations"),
    ("x2211_revisit", "2211: Revisit Rate"),
    ("x2211_compliance", "2211: Compliance"),
    ("disputes_found", "Disputes Found by Screening"),
    ("disputes_resolved", "Disputes Resolved on the Spot"),
    ("dispute_resolution_rate", "Dispute Resolution Rate"),
]


class XinfangAssessmentIndicator(models.Model):
    _name = "xinfang.assessment.indicator"
    _description = "Assessment Indicator"
    _inherit = ["xinfang.input.mixin"]
    _order = "scheme_id, sequence, id"

    scheme_id = fields.Many2one(
        "xinfang.assessment.scheme", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        [("auto", "Automatic"), ("manual", "Manual")], required=True, default="auto"
    )
    metric = fields.Selection(METRIC_SELECTION)
    unit_field = fields.Selection(
        [("agency_unit_id", "Agency Unit"), ("handling_unit_id", "Handling Unit")],
        string="Attributed To",
        required=True,
        default="agency_unit_id",
        help="Which unit of a case the case counts for.",
    )
    rule = fields.Selection(
        [
            ("proportional", "Proportional to Target"),
            ("inverse", "Inverse (Target is a Maximum)"),
            ("deduction", "Deduction per Occurrence"),
            ("bonus", "Bonus per Item"),
        ],
        string="Scoring Rule",
        required=True,
        default="proportional",
    )
    points = fields.Float(
        required=True,
        default=10.0,
        help="Full points of a proportional indicator; points per occurrence "
        "or item of a deduction or bonus.",
    )
    target = fields.Float(
        help="Target rate (0.95 = 95%) of proportional and inverse indicators."
    )
    cap = fields.Float(
        help="Most points a deduction or bonus indicator removes or adds in "
        "a period; 0 means no cap."
    )
    partial_weight = fields.Float(
        default=0.9,
        help="Weight of a 'fairly satisfied' case in the satisfaction rate.",
    )
    description = fields.Text(help="Formula and denominator, shown in the report.")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("points_positive", "CHECK(points >= 0)", "Points cannot be negative."),
        ("cap_positive", "CHECK(cap >= 0)", "The cap cannot be negative."),
    ]

    @api.constrains("kind", "metric", "rule", "target")
    def _check_definition(self):
        for indicator in self:
            if indicator.kind == "auto" and not indicator.metric:
                raise ValidationError(
                    self.env._(
                        "The automatic indicator %s needs a metric.", indicator.name
                    )
                )
            if indicator.kind == "manual" and indicator.rule not in (
                "deduction",
                "bonus",
            ):
                raise ValidationError(
                    self.env._(
                        "The manual indicator %s must deduct or add points per item.",
                        indicator.name,
                    )
                )
            if (
                indicator.rule in ("proportional", "inverse")
                and not 0 < indicator.target <= 1
            ):
                raise ValidationError(
                    self.env._(
                        "The target of %s must be a rate above 0 "
                        "and at most 1 (100%%).",
                        indicator.name,
                    )
                )
            if indicator.rule == "inverse" and indicator.target >= 1:
                raise ValidationError(
                    self.env._(
                        "The maximum rate of %s must be below 100%%.", indicator.name
                    )
                )

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------
    def _period_figures(self, period, units):
        """Per unit figures of this indicator over ``period``, in one query.

        Only ``units`` (the assessed units) are counted. Returns
        ``{unit_id: {numerator, denominator, value, case_ids,
        numerator_case_ids, meeting_ids, item_ids}}`` for the units that have
        anything; callers treat absent units as zero.
        """
        self.ensure_one()
        if self.kind == "manual":
            return self._figures_manual(period, units)
        if self.metric == "x2211_weekly":
            return self._figures_weekly(period, units)
        return self._figures_cases(period, units)

    def _figures_cases(self, period, units):
        """Per unit figures over the period's cases, or over the records of
        the metric's ``model`` (screened disputes)."""
        spec = METRICS[self.metric]
        cases = self.env[spec.get("model", "xinfang.case")].sudo()
        unit_field = spec.get("unit_field", self.unit_field)
        ids_key = f"{spec.get('records', 'case')}_ids"
        numerator_key = f"numerator_{ids_key}"
        domain = [
            (unit_field, "in", units.ids),
            (spec["date"], ">=", period.date_start),
            (spec["date"], "<=", period.date_end),
            *spec["domain"],
        ]
        figures = {}
        if spec.get("count"):
            groups = cases._read_group(domain, [unit_field], ["id:array_agg"])
            for unit, ids in groups:
                figures[unit.id] = {
                    "numerator": len(ids),
                    "denominator": 0.0,
                    "value": float(len(ids)),
                    ids_key: ids,
                    numerator_key: ids,
                }
            return figures
        if spec["weights"] == "present":
            weights = None
        else:
            weights = {
                key: (self.partial_weight if weight == "partial" else weight)
                for key, weight in spec["weights"].items()
            }
        groups = cases._read_group(domain, [unit_field, spec["key"]], ["id:array_agg"])
        for unit, key, ids in groups:
            fig = figures.setdefault(
                unit.id,
                {"numerator": 0.0, "denominator": 0.0, ids_key: [], numerator_key: []},
            )
            weight = (1.0 if key else 0.0) if weights is None else weights.get(key, 0.0)
            fig["denominator"] += len(ids)
            fig["numerator"] += weight * len(ids)
            fig[ids_key] += ids
            if weight:
                fig[numerator_key] += ids
        for fig in figures.values():
            fig["value"] = (
                fig["numerator"] / fig["denominator"] if fig["denominator"] else 0.0
            )
        return figures

    def _figures_weekly(self, period, units):
        """Weeks with a held weekly consultation / weeks of the period.

        The meeting module defines which meetings count
        (``_weekly_consultation_domain``: weekly, held, by the unit, dated in
        the period); grouped here by unit and day to keep the meeting ids.
        """
        meetings = self.env["xinfang.meeting"].sudo()
        domain = meetings._weekly_consultation_domain(
            units, period.date_start, period.date_end
        )
        weeks = period._week_count()
        figures = {}
        groups = meetings._read_group(
            domain, ["weekly_unit_id", "meeting_date:day"], ["id:array_agg"]
        )
        for unit, day, ids in groups:
            fig = figures.setdefault(unit.id, {"weeks": set(), "meeting_ids": []})
            fig["weeks"].add(tuple(day.isocalendar()[:2]))
            fig["meeting_ids"] += ids
        for fig in figures.values():
            held = min(len(fig.pop("weeks")), weeks)
            fig.update(
                numerator=held,
                denominator=weeks,
                value=held / weeks if weeks else 0.0,
            )
        return figures

    def _figures_manual(self, period, units):
        """Approved manual items: number of items and the sum of their points."""
        items = self.env["xinfang.assessment.item"].sudo()
        groups = items._read_group(
            [
                ("indicator_id", "=", self.id),
                ("period_id", "=", period.id),
                ("unit_id", "in", units.ids),
                ("state", "=", "approved"),
            ],
            ["unit_id"],
            ["points:sum", "id:array_agg"],
        )
        return {
            unit.id: {
                "numerator": len(ids),
                "denominator": 0.0,
                "value": total,
                "item_ids": ids,
            }
            for unit, total, ids in groups
        }

    def _empty_figure(self, period, unit_type):
        """Figure of a unit of ``unit_type`` with nothing in the period's
        aggregate."""
        self.ensure_one()
        if self.metric == "x2211_weekly" and unit_type in GRASSROOTS_UNIT_TYPES:
            # A grassroots unit that held no weekly consultation scores 0 of N.
            return {"numerator": 0, "denominator": period._week_count(), "value": 0.0}
        return {}

    def _score(self, figure):
        """Points earned for one unit's figure (a dict as in _period_figures)."""
        return self._scorer()(figure)

    def _scorer(self):
        """``_score`` as a plain function of the figure: a run scores every
        unit with the indicator's settings, read here once."""
        self.ensure_one()
        rule, kind, points = self.rule, self.kind, self.points
        target, cap = self.target, self.cap

        def score(figure):
            figure = figure or {}
            if rule in ("proportional", "inverse"):
                if not figure.get("denominator"):
                    return points  # nothing to assess: no deduction
                value = figure["value"]
                if rule == "proportional":
                    return points * min(1.0, value / target)
                if value <= target:
                    return points
                return points * max(0.0, (1.0 - value) / (1.0 - target))
            amount = figure.get("value", 0.0)
            if kind == "auto":
                amount *= points
            if cap:
                amount = min(amount, cap)
            return -amount if rule == "deduction" else amount

        return score

    def _bulletin_value_kind(self):
        """How the 通报 shows the indicator's value: ``percent`` (a rate),
        ``count`` (a number of cases) or ``none`` (manual items: points only)."""
        self.ensure_one()
        if self.kind == "manual" or not self.metric:
            return "none"
        return "count" if METRICS.get(self.metric, {}).get("count") else "percent"

    def _max_points(self):
        """Points a unit earns with a perfect record."""
        self.ensure_one()
        return self.points if self.rule in ("proportional", "inverse") else 0.0
