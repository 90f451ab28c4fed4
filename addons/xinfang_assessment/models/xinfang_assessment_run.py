import json

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

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

    def _ensure_draft(self):
        locked = self.filtered(lambda r: r.state in LOCKED_STATES)
        if locked:
            raise UserError(
                self.env._(
                    "The results of %s are approved and locked; "
                    "they cannot be recomputed.",
                    locked[0].name,
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
        self._ensure_draft()
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
        self._write_state(
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
        self._write_state(
            {"state": "published", "published_date": fields.Datetime.now()}
        )
        return True

    def _write_state(self, vals):
        """Write ``vals`` (with the new state) on the runs as superuser,
        tracked, and carry the state to their results and lines in one UPDATE
        each: the ORM would recompute the related ``state`` of a county's
        21,000 rows one by one."""
        Result = self.env["xinfang.assessment.result"].sudo()
        Line = self.env["xinfang.assessment.result.line"].sudo()
        results = Result.search([("run_id", "in", self.ids)])
        lines = Line.search([("run_id", "in", self.ids)])
        protected = [
            ([Result._fields["state"]], results),
            ([Line._fields["state"]], lines),
        ]
        with self.env.protecting(protected):
            self.sudo().write(vals)
        for model in (Result, Line):
            self.env.execute_query(
                SQL(
                    "UPDATE %s SET state = %s, write_uid = %s, write_date = %s"
                    " WHERE run_id IN %s",
                    SQL.identifier(model._table),
                    vals["state"],
                    self.env.uid,
                    self.env.cr.now(),
                    tuple(self.ids),
                )
            )
            model.invalidate_model(["state", "write_uid", "write_date"])

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

        One aggregate query per indicator (or one read of the quarter runs
        for a year), then a fixed number of statements to store the results,
        whatever the number of cases, units or lines.
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
        results, lines = self._result_values(units, figures)
        previous_run = self._previous_run()
        self._store_results(results, lines, previous_run)
        self.write(
            {
                "computed_date": fields.Datetime.now(),
                "computed_by_id": self.env.user.id,
                "previous_run_id": previous_run.id,
            }
        )

    def _result_values(self, units, figures):
        """(results, lines): each unit's total, full marks, rank and weakest
        indicator, and each of its lines' figure and points, as plain values
        (``figures``: {indicator: {unit_id: figure}})."""
        period = self.period_id
        quarter = period.period_type == "quarter"
        scorers = {indicator: indicator._scorer() for indicator in figures}
        full_marks = {indicator: indicator._max_points() for indicator in figures}
        empty_figures = {}  # (indicator, unit type): figure of a unit with nothing
        results, lines = [], []
        for unit in units:
            unit_lines = []
            for indicator, per_unit in figures.items():
                figure = per_unit.get(unit.id)
                if figure is None:
                    key = (indicator, unit.unit_type)
                    if key not in empty_figures:
                        empty_figures[key] = (
                            indicator._empty_figure(period, unit.unit_type)
                            if quarter
                            else {}
                        )
                    figure = empty_figures[key]
                points = (
                    figure["points"]
                    if "points" in figure
                    else scorers[indicator](figure)
                )
                unit_lines.append(
                    {
                        "position": len(lines) + len(unit_lines),
                        "unit_id": unit.id,
                        "indicator_id": indicator.id,
                        "numerator": figure.get("numerator", 0.0),
                        "denominator": figure.get("denominator", 0.0),
                        "value": figure.get("value", 0.0),
                        "points": round(points, 2),
                        "max_points": full_marks[indicator],
                        # Readers take a missing key as no records.
                        "counted_ids": {
                            name: figure[name]
                            for name in RECORD_FIELDS
                            if figure.get(name)
                        },
                    }
                )
            weakest = max(
                unit_lines,
                key=lambda line: line["max_points"] - line["points"],
                default=None,
            )
            if weakest and weakest["max_points"] - weakest["points"] <= 0:
                weakest = None
            results.append(
                {
                    "position": len(results),
                    "unit_id": unit.id,
                    "total_points": round(
                        sum(line["points"] for line in unit_lines), 2
                    ),
                    "max_points": sum(line["max_points"] for line in unit_lines),
                    "weakest_indicator_id": weakest["indicator_id"]
                    if weakest
                    else None,
                }
            )
            lines += unit_lines
        # Equal totals share a rank; the next total ranks after all of them.
        rank_of = {}
        totals = sorted((r["total_points"] for r in results), reverse=True)
        for index, total in enumerate(totals, start=1):
            rank_of.setdefault(total, index)
        for result in results:
            result["rank"] = rank_of[result["total_points"]]
        return results, lines

    def _store_results(self, results, lines, previous_run):
        """Replace this draft run's results and lines by ``results`` and
        ``lines`` (as from _result_values) in three statements.

        Results are nobody's to edit (no access rule, write guard or input
        check applies to the superuser writing them) and 20,000 lines through
        the ORM took most of a county's run. So the rows are written in SQL
        with every stored field: the related fields joined from the run, the
        unit and the indicator, the previous period's figures joined from
        ``previous_run``, and the changes as _compute_change and
        _compute_points_change compute them (a test checks each stored
        field against its compute).
        """
        self.ensure_one()
        self._ensure_draft()
        Result = self.env["xinfang.assessment.result"]
        Line = self.env["xinfang.assessment.result.line"]
        self.env.flush_all()
        stamp = SQL(
            "%s, %s, %s, %s",
            self.env.uid,
            self.env.cr.now(),
            self.env.uid,
            self.env.cr.now(),
        )
        # Draft results only; their lines go with them (ON DELETE CASCADE).
        self.env.execute_query(
            SQL(
                "DELETE FROM xinfang_assessment_result"
                " WHERE run_id = %s AND state = 'draft'",
                self.id,
            )
        )
        self.env.execute_query(
            SQL(
                """
                INSERT INTO xinfang_assessment_result (
                    run_id, period_id, scheme_id, period_type, state,
                    unit_id, unit_type, total_points, max_points, rank,
                    weakest_indicator_id, has_previous, previous_total,
                    previous_rank, total_change, rank_change,
                    create_uid, create_date, write_uid, write_date)
                SELECT run.id, run.period_id, run.scheme_id, run.period_type,
                       run.state, r.unit_id, unit.unit_type,
                       ROUND(r.total_points, 2), ROUND(r.max_points, 2), r.rank,
                       r.weakest_indicator_id, prev.id IS NOT NULL,
                       COALESCE(prev.total_points, 0), COALESCE(prev.rank, 0),
                       CASE WHEN prev.id IS NULL THEN 0
                            ELSE ROUND(r.total_points, 2) - prev.total_points END,
                       CASE WHEN prev.id IS NULL THEN 0
                            ELSE prev.rank - r.rank END,
                       %(stamp)s
                  FROM jsonb_to_recordset(%(results)s::jsonb) AS r(
                           position int, unit_id int, total_points numeric,
                           max_points numeric, rank int, weakest_indicator_id int)
                  JOIN xinfang_assessment_run run ON run.id = %(run)s
                  JOIN xinfang_unit unit ON unit.id = r.unit_id
             LEFT JOIN xinfang_assessment_result prev
                    ON prev.run_id = %(previous)s AND prev.unit_id = r.unit_id
              ORDER BY r.position
                """,
                stamp=stamp,
                results=json.dumps(results),
                run=self.id,
                previous=previous_run.id or None,
            )
        )
        self.env.execute_query(
            SQL(
                """
                INSERT INTO xinfang_assessment_result_line (
                    result_id, run_id, unit_id, period_id, state, indicator_id,
                    sequence, numerator, denominator, value, points,
                    max_points, has_previous, previous_points, points_change,
                    counted_ids, create_uid, create_date, write_uid, write_date)
                SELECT res.id, res.run_id, res.unit_id, res.period_id, res.state,
                       l.indicator_id, indicator.sequence,
                       ROUND(l.numerator, 2), ROUND(l.denominator, 2),
                       ROUND(l.value, 4), ROUND(l.points, 2),
                       ROUND(l.max_points, 2), prev.id IS NOT NULL,
                       COALESCE(prev.points, 0),
                       CASE WHEN prev.id IS NULL THEN 0
                            ELSE ROUND(l.points, 2) - prev.points END,
                       l.counted_ids, %(stamp)s
                  FROM jsonb_to_recordset(%(lines)s::jsonb) AS l(
                           position int, unit_id int, indicator_id int,
                           numerator numeric, denominator numeric, value numeric,
                           points numeric, max_points numeric, counted_ids jsonb)
                  JOIN xinfang_assessment_result res
                    ON res.run_id = %(run)s AND res.unit_id = l.unit_id
                  JOIN xinfang_assessment_indicator indicator
                    ON indicator.id = l.indicator_id
             LEFT JOIN xinfang_assessment_result_line prev
                    ON prev.run_id = %(previous)s AND prev.unit_id = l.unit_id
                   AND prev.indicator_id = l.indicator_id
              ORDER BY l.position
                """,
                stamp=stamp,
                lines=json.dumps(lines),
                run=self.id,
                previous=previous_run.id or None,
            )
        )
        # The ORM's caches know nothing of the rows written here.
        Result.invalidate_model()
        Line.invalidate_model()
        self.invalidate_recordset(["result_ids", "result_count"])

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

    def _year_figures(self, indicators):
        """A year's figures from its quarters' approved runs (sum or average),
        read in one query."""
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
        by_id = {indicator.id: indicator for indicator in indicators}
        self.env["xinfang.assessment.result.line"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT indicator_id, unit_id, numerator, denominator, value,
                       points, counted_ids
                  FROM xinfang_assessment_result_line
                 WHERE run_id IN %s AND indicator_id IN %s
              ORDER BY result_id, sequence, id
                """,
                tuple(quarter_runs.ids),
                tuple(indicators.ids) or (None,),
            )
        )
        for (
            indicator_id,
            unit_id,
            numerator,
            denominator,
            value,
            points,
            counted,
        ) in rows:
            fig = figures[by_id[indicator_id]].setdefault(
                unit_id,
                {
                    "numerator": 0.0,
                    "denominator": 0.0,
                    "value": 0.0,
                    "points": 0.0,
                    **{name: [] for name in RECORD_FIELDS},
                },
            )
            fig["numerator"] += numerator or 0.0
            fig["denominator"] += denominator or 0.0
            fig["points"] += (points or 0.0) / divisor
            for name in RECORD_FIELDS:
                fig[name] += (counted or {}).get(name, [])
            if not denominator:
                fig["value"] += value or 0.0
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
