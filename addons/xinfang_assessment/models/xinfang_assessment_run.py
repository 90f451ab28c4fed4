from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.xinfang_agency.models.xinfang_deadline_mixin import in_lang_of

from .xinfang_assessment_result_line import RECORD_FIELDS

LOCKED_STATES = ("approved", "published")
ASSESSOR_GROUP = "xinfang_assessment.group_xinfang_assessor"
LEADER_GROUP = "xinfang_agency.group_xinfang_leader"


class XinfangAssessmentRun(models.Model):
    """One scoring of a period: per unit and indicator the figures and points.

    Recomputed at will while draft; approved runs are locked (their results
    no longer follow the cases); published runs print the 通报.
    """

    _name = "xinfang.assessment.run"
    _description = "Assessment Run"
    _inherit = ["mail.thread", "xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "date_start desc, id desc"

    # The assessor picks the period of a draft run; figures, approval and
    # publication are action_compute / action_approve / action_publish.
    _write_guard_state_field = "state"
    _write_guard_rules = ((("draft",), (ASSESSOR_GROUP,), ("period_id",)),)
    _write_guard_create_rules = (((ASSESSOR_GROUP,), ("period_id",)),)

    name = fields.Char(related="period_id.name", store=True)
    period_id = fields.Many2one(
        "xinfang.assessment.period",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    scheme_id = fields.Many2one(related="period_id.scheme_id", store=True, index=True)
    period_type = fields.Selection(related="period_id.period_type", store=True)
    date_start = fields.Date(related="period_id.date_start", store=True)
    date_end = fields.Date(related="period_id.date_end", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("published", "Published")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    computed_date = fields.Datetime(readonly=True, copy=False)
    computed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, tracking=True
    )
    approved_date = fields.Datetime(readonly=True, copy=False)
    published_date = fields.Datetime(readonly=True, copy=False)
    previous_run_id = fields.Many2one(
        "xinfang.assessment.run",
        readonly=True,
        copy=False,
        help="Run of the previous period the changes are measured against.",
    )
    result_ids = fields.One2many(
        "xinfang.assessment.result", "run_id", string="Results"
    )
    result_count = fields.Integer(compute="_compute_result_count")

    _sql_constraints = [
        ("period_unique", "unique(period_id)", "A period has one assessment run."),
    ]

    @api.depends("result_ids")
    def _compute_result_count(self):
        counts = dict(
            self.env["xinfang.assessment.result"]._read_group(
                [("run_id", "in", self.ids)], ["run_id"], ["__count"]
            )
        )
        for run in self:
            run.result_count = counts.get(run, 0)

    # ------------------------------------------------------------------
    # Locks
    # ------------------------------------------------------------------
    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Assessment runs are never deleted; recompute a draft run instead."
            )
        )

    def _check_group(self, group, message):
        if not self.env.user.has_group(group):
            raise AccessError(message)

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_compute(self):
        self._check_group(
            "xinfang_assessment.group_xinfang_assessor",
            self.env._("Only the petition office (assessor) runs the assessment."),
        )
        locked = self.filtered(lambda r: r.state in LOCKED_STATES)
        if locked:
            raise UserError(
                self.env._(
                    "The results of %s are approved and locked; "
                    "they cannot be recomputed.",
                    locked[0].name,
                )
            )
        self.check_access("write")
        # The results are nobody's to edit: they are written as superuser,
        # and the run records who computed them.
        for run in self.sudo():
            run._compute_results()
        return True

    def action_approve(self):
        self._check_group(
            "xinfang_agency.group_xinfang_leader",
            self.env._("Only a leader approves assessment results."),
        )
        for run in self:
            if run.state in LOCKED_STATES:
                raise UserError(
                    self.env._("The results of %s are already approved.", run.name)
                )
            if not run.result_ids:
                raise UserError(
                    self.env._("Compute the results of %s before approving.", run.name)
                )
            run._write_guard_ensure_not_author(
                lambda computed: self.env._(
                    "You computed the results of %s yourself: "
                    "another person approves them.",
                    computed.name,
                ),
                author_field="computed_by_id",
            )
        self.sudo().write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        return True

    def action_publish(self):
        self._check_group(
            "xinfang_assessment.group_xinfang_assessor",
            self.env._("Only the petition office (assessor) publishes results."),
        )
        for run in self:
            if run.state != "approved":
                raise UserError(
                    self.env._(
                        "Only approved, unpublished results can be published (%s).",
                        run.name,
                    )
                )
        self.sudo().write(
            {"state": "published", "published_date": fields.Datetime.now()}
        )
        return True

    def action_open_results(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "xinfang_assessment.xinfang_assessment_result_action"
        )
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_print_pdf(self):
        self._check_published()
        return self.env.ref(
            "xinfang_assessment.action_report_assessment_run"
        ).report_action(self)

    def action_print_xlsx(self):
        self._check_published()
        return self.env.ref(
            "xinfang_assessment.action_report_assessment_run_xlsx"
        ).report_action(self)

    def _check_published(self):
        unpublished = self.filtered(lambda r: r.state != "published")
        if unpublished:
            raise UserError(
                self.env._(
                    "The results of %s are not published yet.", unpublished[0].name
                )
            )

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    def _compute_results(self):
        """Replace the draft results by fresh ones.

        One aggregate query per indicator (or per quarter run for a year),
        whatever the number of cases or units.
        """
        self.ensure_one()
        period = self.period_id
        indicators = self.scheme_id.indicator_ids.filtered("active")
        units = self.scheme_id._assessed_units()
        if period.period_type == "year":
            figures = self._year_figures(indicators)
        else:
            figures = {
                indicator: indicator._period_figures(period, units)
                for indicator in indicators
            }
        previous_run = self._previous_run()
        previous = previous_run._points_by_unit() if previous_run else {}
        rows = []
        for unit in units:
            lines = []
            for indicator, per_unit in figures.items():
                figure = per_unit.get(unit.id)
                if figure is None:
                    figure = (
                        indicator._empty_figure(period, unit)
                        if period.period_type == "quarter"
                        else {}
                    )
                points = (
                    figure["points"] if "points" in figure else indicator._score(figure)
                )
                before = previous.get(unit.id, {}).get(indicator.id)
                lines.append(
                    {
                        "indicator_id": indicator.id,
                        "run_id": self.id,
                        "unit_id": unit.id,
                        "numerator": figure.get("numerator", 0.0),
                        "denominator": figure.get("denominator", 0.0),
                        "value": figure.get("value", 0.0),
                        "points": round(points, 2),
                        "max_points": indicator._max_points(),
                        "previous_points": before if before is not None else 0.0,
                        "has_previous": before is not None,
                        "counted_ids": {
                            name: figure.get(name, []) for name in RECORD_FIELDS
                        },
                    }
                )
            total = round(sum(line["points"] for line in lines), 2)
            weakest = max(
                lines,
                key=lambda line: line["max_points"] - line["points"],
                default=None,
            )
            if weakest and weakest["max_points"] - weakest["points"] <= 0:
                weakest = None
            before = previous.get(unit.id, {})
            rows.append(
                {
                    "run_id": self.id,
                    "unit_id": unit.id,
                    "total_points": total,
                    "max_points": sum(line["max_points"] for line in lines),
                    "previous_total": before.get("total", 0.0),
                    "previous_rank": before.get("rank", 0),
                    "has_previous": bool(before),
                    "weakest_indicator_id": weakest["indicator_id"]
                    if weakest
                    else False,
                    "line_ids": [Command.create(line) for line in lines],
                }
            )
        totals = sorted((row["total_points"] for row in rows), reverse=True)
        for row in rows:
            row["rank"] = totals.index(row["total_points"]) + 1
        self.result_ids.unlink()
        self.env["xinfang.assessment.result"].create(rows)
        self.write(
            {
                "computed_date": fields.Datetime.now(),
                "computed_by_id": self.env.user.id,
                "previous_run_id": previous_run.id,
            }
        )

    def _previous_run(self):
        """Approved or published run of the previous period of the same scheme."""
        self.ensure_one()
        previous_period = self.period_id._previous_period()
        if not previous_period:
            return self.browse()
        return self.search(
            [("period_id", "=", previous_period.id), ("state", "in", LOCKED_STATES)],
            limit=1,
        )

    def _points_by_unit(self):
        """{unit_id: {"total", "rank", indicator_id: points}} of this run."""
        self.ensure_one()
        result = {}
        for res in self.result_ids:
            result[res.unit_id.id] = {"total": res.total_points, "rank": res.rank}
        for line in self.result_ids.line_ids:
            result[line.unit_id.id][line.indicator_id.id] = line.points
        return result

    def _year_figures(self, indicators):
        """A year's figures from its quarters' approved runs (sum or average)."""
        self.ensure_one()
        quarter_runs = self.search(
            [
                ("period_id", "in", self.period_id._quarters().ids),
                ("state", "in", LOCKED_STATES),
            ]
        )
        if not quarter_runs:
            raise UserError(
                self.env._("No quarter of %s has approved results yet.", self.name)
            )
        divisor = len(quarter_runs) if self.scheme_id.year_mode == "average" else 1
        figures = {indicator: {} for indicator in indicators}
        lines = self.env["xinfang.assessment.result.line"].search(
            [("run_id", "in", quarter_runs.ids), ("indicator_id", "in", indicators.ids)]
        )
        for line in lines:
            fig = figures[line.indicator_id].setdefault(
                line.unit_id.id,
                {
                    "numerator": 0.0,
                    "denominator": 0.0,
                    "value": 0.0,
                    "points": 0.0,
                    **{name: [] for name in RECORD_FIELDS},
                },
            )
            fig["numerator"] += line.numerator
            fig["denominator"] += line.denominator
            fig["points"] += line.points / divisor
            for name in RECORD_FIELDS:
                fig[name] += (line.counted_ids or {}).get(name, [])
            if not line.denominator:
                fig["value"] += line.value
        for per_unit in figures.values():
            for fig in per_unit.values():
                for name in RECORD_FIELDS:  # a record may count in several quarters
                    fig[name] = list(dict.fromkeys(fig[name]))
                if fig["denominator"]:
                    fig["value"] = fig["numerator"] / fig["denominator"]
        return figures

    def _bulletin_table(self):
        """The 通报's figures: per unit (short name, ranked) each indicator's
        value (a rate as a fraction, a count as an integer, none for manual
        items) and its points, the total, the change against the previous
        quarter (较上期) and the previous rank (上期名次)."""
        self.ensure_one()
        indicators = self.result_ids.line_ids.indicator_id.sorted(
            lambda i: (i.sequence, i.id)
        )
        columns = [
            {"name": indicator.name, "value_kind": indicator._bulletin_value_kind()}
            for indicator in indicators
        ]
        rows = []
        results = self.result_ids.sorted(lambda r: (r.rank, r.unit_id.complete_name))
        for result in results:
            lines = {line.indicator_id: line for line in result.line_ids}
            values, points = [], []
            for indicator, column in zip(indicators, columns, strict=False):
                line = lines.get(indicator)
                points.append(float(line.points) if line else 0.0)
                if not line or column["value_kind"] == "none":
                    values.append(None)
                elif column["value_kind"] == "count":
                    values.append(int(round(line.numerator)))
                else:
                    values.append(float(line.value) if line.denominator else None)
            rows.append(
                {
                    "rank": result.rank,
                    "unit": result.unit_id.name,
                    "unit_path": result.unit_id.complete_name,
                    "values": values,
                    "points": points,
                    "total": float(result.total_points),
                    "change": float(result.total_change)
                    if result.has_previous
                    else None,
                    "previous_rank": result.previous_rank
                    if result.has_previous
                    else None,
                }
            )
        return {"indicators": columns, "rows": rows}

    @api.model
    def _demo_score_periods(self, period_ids, assessor_id, approver_id):
        """Demo: the assessor scores the periods in order; the approver (a
        leader) approves all but the last, which the assessor publishes."""
        periods = self.env["xinfang.assessment.period"].browse(period_ids)
        assessor = self.env["res.users"].browse(assessor_id)
        approver = self.env["res.users"].browse(approver_id)
        for index, period in enumerate(periods):
            run = period.run_ids or self.create({"period_id": period.id})
            if run.state != "draft":
                continue
            run.with_user(assessor).action_compute()
            if index < len(periods) - 1:
                run.with_user(approver).action_approve()
                run.with_user(assessor).action_publish()

    def _creation_message(self):
        # A code term in the readers' language (the model's name is a data
        # term, not yet translated while demo data loads).
        self.ensure_one()
        return in_lang_of(self, self.env.user).env._("Assessment run created.")
