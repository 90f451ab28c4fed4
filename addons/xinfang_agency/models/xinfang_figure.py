from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL, drop_view_if_exists

from .xinfang_case import CHANNELS
from .xinfang_unit import INSTITUTION_TYPES

FIGURE_KINDS = [
    ("institution", "Institution"),
    ("agent", "Agent"),
    ("dispute", "Dispute Found"),
    ("case", "Petition"),
    ("training", "Training Attendance"),
]
# Row ids: the source record's id × 8 + the kind's number (stable, unique).
KIND_NUMBERS = {"institution": 1, "agent": 2, "dispute": 3, "case": 4, "training": 5}
# What a leader calls resolved (化解): the petitioner accepts the outcome.
RESOLVED_SATISFACTIONS = ("satisfied", "fairly_satisfied", "understanding")
# Columns of the view holding each unit's and category's place in its
# model's order, so that grouping by them sorts integers, not the names
# of a join (which spilled 170,000 rows to disk at a county's size).
RANK_COLUMNS = {
    "unit_id": "unit_rank",
    "station_id": "station_rank",
    "center_id": "center_rank",
    "category_id": "category_rank",
}
# Who may recount the figures at once, and the lock that keeps one recount
# at a time (an advisory lock key of this addon's own).
RECOUNT_GROUPS = (
    "xinfang_agency.group_xinfang_clerk",
    "xinfang_agency.group_xinfang_leader",
)
RECOUNT_LOCK = 0x58465247  # "XFRG"
SOURCE_MODELS = {
    "institution": "xinfang.unit",
    "agent": "xinfang.agent",
    "dispute": "xinfang.dispute",
    "case": "xinfang.case",
    "training": "xinfang.training",
}


class XinfangFigure(models.Model):
    """The network's figures per level (seed 001: 机构、代办员、排查、代办、
    化解) and their monthly trend (研判, seed 003 §2(一)).

    One row per fact — an institution, an agent, a dispute found, a
    petition, an agent's attendance at a training — with its unit and the
    unit's station and center, so a pivot by center, station and unit adds
    up each level. Stock rows (institutions, agents) have no date; the
    period filters keep them. Rates are averages of 100/0 over the rows
    they concern (other rows are NULL, which AVG skips).

    The rows are a materialized view, refreshed by a scheduled action and
    on demand (``_refresh_figures``): computed on every read, the union of
    a county's 150,000 facts made the leaders' dashboard take seconds
    (bench f.). Between refreshes a new case is missing from the figures;
    the sealing of accusations is checked against the live cases, so a case
    that becomes an accusation leaves the accused unit's figures at once.
    """

    _name = "xinfang.figure"
    _description = "Petition Network Figures"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "kind"

    kind = fields.Selection(FIGURE_KINDS, readonly=True)
    date = fields.Date(readonly=True)
    unit_id = fields.Many2one("xinfang.unit", readonly=True)
    unit_type = fields.Selection(
        related="unit_id.unit_type", string="Unit Type", readonly=True, store=False
    )
    level = fields.Selection(
        [
            ("center", "County"),
            ("station", "Station"),
            ("point", "Point"),
            ("department", "Line Office"),
        ],
        readonly=True,
    )
    station_id = fields.Many2one(
        "xinfang.unit",
        readonly=True,
        help="The station the unit belongs to; "
        "units above the stations stand for themselves.",
    )
    center_id = fields.Many2one("xinfang.unit", string="County", readonly=True)
    category_id = fields.Many2one("xinfang.case.category", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    case_id = fields.Many2one("xinfang.case", readonly=True)
    accusation_sealed = fields.Boolean(
        compute="_compute_accusation_sealed",
        search="_search_accusation_sealed",
        help="The row is an accusation against the user's unit or a unit "
        "above it, as the case stands now.",
    )
    institution_count = fields.Integer(string="Institutions", readonly=True)
    agent_count = fields.Integer(string="Agents", readonly=True)
    dispute_count = fields.Integer(string="Disputes Found", readonly=True)
    dispute_resolved_count = fields.Integer(string="Disputes Resolved", readonly=True)
    petition_count = fields.Integer(string="Petitions Received", readonly=True)
    case_count = fields.Integer(string="Cases Taken On", readonly=True)
    resolved_count = fields.Integer(string="Cases Resolved", readonly=True)
    replied_count = fields.Integer(string="Cases Replied", readonly=True)
    resolution_rate = fields.Float(
        string="Resolution Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Cases taken on whose petitioner accepted the outcome, in percent.",
    )
    reply_rate = fields.Float(
        string="Reply Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Cases taken on with a signed reply, in percent.",
    )
    dispute_resolution_rate = fields.Float(
        string="Dispute Resolution Rate (%)", aggregator="avg", readonly=True
    )
    trained_hours = fields.Float(readonly=True)
    res_model = fields.Char(string="Record Model", readonly=True)
    res_id = fields.Integer(string="Record", readonly=True)

    # ------------------------------------------------------------------
    # The materialized view
    # ------------------------------------------------------------------
    def init(self):
        cr = self.env.cr
        drop_view_if_exists(cr, self._table)
        cr.execute(
            SQL(
                "CREATE MATERIALIZED VIEW %s AS %s",
                SQL.identifier(self._table),
                self._figure_query(),
            )
        )
        # The unique index lets a refresh run without locking the readers out.
        for name, columns in (("id", "id"), ("unit", "unit_id"), ("case", "case_id")):
            unique = SQL("UNIQUE") if name == "id" else SQL()
            cr.execute(
                SQL(
                    "CREATE %s INDEX %s ON %s (%s)",
                    unique,
                    SQL.identifier(f"{self._table}_{name}_index"),
                    SQL.identifier(self._table),
                    SQL.identifier(columns),
                )
            )

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        rank = RANK_COLUMNS.get(field_name)
        if rank is None or alias != self._table:
            return super()._order_field_to_sql(
                alias, field_name, direction, nulls, query
            )
        sql_rank = SQL.identifier(alias, rank)
        if query.groupby:
            query.groupby = SQL("%s, %s", query.groupby, sql_rank)
        return SQL("%s %s %s", sql_rank, direction, nulls)

    @api.model
    def _refresh_figures(self):
        """Recount the figures from the records as they are now. A recount
        already under way (the job, or someone's button) is enough: this
        one is skipped rather than queued behind it."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", RECOUNT_LOCK))
        if not cr.fetchone()[0]:
            return False
        table = SQL.identifier(self._table)
        cr.execute(SQL("REFRESH MATERIALIZED VIEW CONCURRENTLY %s", table))
        # Fresh statistics: the planner's row estimates pick the aggregation.
        cr.execute(SQL("ANALYZE %s", table))
        self.invalidate_model()
        return True

    @api.model
    def _cron_refresh_figures(self):
        self._refresh_figures()

    def action_refresh_figures(self):
        """Button of the figures' list: recount now (the petition office and
        the leaders; a recount takes seconds of the database at a county's
        size)."""
        if not any(self.env.user.has_group(group) for group in RECOUNT_GROUPS):
            raise AccessError(
                self.env._("Only the petition office and leaders recount the figures.")
            )
        self.sudo()._refresh_figures()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def _compute_accusation_sealed(self):
        # sudo: the user's own rules hide the very rows asked about.
        sealed = self.sudo().search(
            [("id", "in", self.ids), ("accusation_sealed", "=", True)]
        )
        for row in self:
            row.accusation_sealed = row.id in sealed.ids

    def _accusation_sealed_subquery(self):
        """Ids of the case rows the current user must not see (or None)."""
        sealed_units = self.env.user.xinfang_sealed_unit_ids.ids
        if not sealed_units:
            return None
        self.env["xinfang.case"].flush_model(["petition_type", "accused_unit_id"])
        row_id = self._row_id("c.id", "case")
        return SQL(
            f"""(SELECT {row_id}
                  FROM xinfang_case c
                 WHERE c.petition_type = 'accusation'
                   AND c.accused_unit_id IN %s)""",  # noqa: S608
            tuple(sealed_units),
        )

    def _search_accusation_sealed(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on sealed accusations."))
        subquery = self._accusation_sealed_subquery()
        wanted = value if operator == "=" else not value
        if subquery is None:
            return expression.FALSE_DOMAIN if wanted else expression.TRUE_DOMAIN
        return [("id", "in" if wanted else "not in", subquery)]

    @api.model
    def _figure_query(self):
        parts = [
            self._institution_rows(),
            self._agent_rows(),
            self._case_rows(),
            self._training_rows(),
        ]
        if self._has_disputes():
            parts.append(self._dispute_rows())
        return SQL(
            """
            WITH unit_level AS (%(levels)s),
                 unit_rank AS (
                     SELECT id, row_number() OVER (ORDER BY complete_name, id) AS rank
                       FROM xinfang_unit),
                 category_rank AS (
                     SELECT id, row_number() OVER (ORDER BY parent_path, id) AS rank
                       FROM xinfang_case_category)
            SELECT levelled.*,
                   center_rank.rank AS center_rank,
                   station_rank.rank AS station_rank,
                   own_rank.rank AS unit_rank,
                   category_rank.rank AS category_rank
              FROM (
                SELECT facts.*, lvl.center_id,
                       -- The county office's own figures stand beside its stations.
                       COALESCE(lvl.station_id, facts.unit_id) AS station_id,
                       unit.unit_type AS level
                  FROM (%(facts)s) facts
                  JOIN unit_level lvl ON lvl.unit_id = facts.unit_id
                  JOIN xinfang_unit unit ON unit.id = facts.unit_id
              ) levelled
              LEFT JOIN unit_rank center_rank ON center_rank.id = levelled.center_id
              LEFT JOIN unit_rank station_rank ON station_rank.id = levelled.station_id
              LEFT JOIN unit_rank own_rank ON own_rank.id = levelled.unit_id
              LEFT JOIN category_rank ON category_rank.id = levelled.category_id
            """,
            levels=self._unit_level_query(),
            facts=SQL(" UNION ALL ").join(parts),
        )

    @api.model
    def _has_disputes(self):
        # The 排查 ledger (xinfang.dispute) may be absent from an older database.
        return "xinfang.dispute" in self.env

    @api.model
    def _unit_level_query(self):
        """Each unit's nearest center and station above it (or itself)."""
        return SQL(
            """
            SELECT u.id AS unit_id,
                   (SELECT a.id FROM xinfang_unit a
                     WHERE a.unit_type = 'center'
                       AND left(u.parent_path, length(a.parent_path)) = a.parent_path
                  ORDER BY length(a.parent_path) DESC LIMIT 1) AS center_id,
                   (SELECT a.id FROM xinfang_unit a
                     WHERE a.unit_type = 'station'
                       AND left(u.parent_path, length(a.parent_path)) = a.parent_path
                  ORDER BY length(a.parent_path) DESC LIMIT 1) AS station_id
              FROM xinfang_unit u
            """
        )

    @staticmethod
    def _row_id(source_id, kind):
        """The row's id from its source record's (stable, unique per kind)."""
        return f"{source_id}::bigint * 8 + {KIND_NUMBERS[kind]}"

    @staticmethod
    def _columns(**values):
        """A SELECT list with every fact column, zero unless given."""
        defaults = {
            "id": "0",
            "kind": "NULL",
            "date": "NULL::date",
            "unit_id": "NULL::integer",
            "category_id": "NULL::integer",
            "channel": "NULL::varchar",
            "case_id": "NULL::integer",
            "institution_count": "0",
            "agent_count": "0",
            "dispute_count": "0",
            "dispute_resolved_count": "0",
            "petition_count": "0",
            "case_count": "0",
            "resolved_count": "0",
            "replied_count": "0",
            "resolution_rate": "NULL::double precision",
            "reply_rate": "NULL::double precision",
            "dispute_resolution_rate": "NULL::double precision",
            "trained_hours": "0.0::double precision",
            "res_model": "NULL::varchar",
            "res_id": "NULL::integer",
        }
        defaults.update(values)
        return ", ".join(f"{expr} AS {name}" for name, expr in defaults.items())

    def _institution_rows(self):
        kinds = ", ".join(f"'{kind}'" for kind in INSTITUTION_TYPES)
        columns = self._columns(
            id=self._row_id("u.id", "institution"),
            kind="'institution'",
            unit_id="u.id",
            institution_count="1",
            res_model="'xinfang.unit'",
            res_id="u.id",
        )
        return SQL(
            f"""SELECT {columns}
                  FROM xinfang_unit u
                 WHERE u.active AND u.unit_type IN ({kinds})"""  # noqa: S608
        )

    def _agent_rows(self):
        columns = self._columns(
            id=self._row_id("a.id", "agent"),
            kind="'agent'",
            unit_id="a.unit_id",
            agent_count="1",
            res_model="'xinfang.agent'",
            res_id="a.id",
        )
        return SQL(f"SELECT {columns} FROM xinfang_agent a WHERE a.active")  # noqa: S608

    def _case_rows(self):
        resolved = "c.is_agency AND c.satisfaction IN ({})".format(
            ", ".join(f"'{s}'" for s in RESOLVED_SATISFACTIONS)
        )
        replied = "c.is_agency AND c.closed_date IS NOT NULL"
        columns = self._columns(
            id=self._row_id("c.id", "case"),
            kind="'case'",
            date="c.received_date",
            unit_id="c.agency_unit_id",
            category_id="c.category_id",
            channel="c.channel",
            case_id="c.id",
            petition_count="1",
            case_count="CASE WHEN c.is_agency THEN 1 ELSE 0 END",
            resolved_count=f"CASE WHEN {resolved} THEN 1 ELSE 0 END",
            replied_count=f"CASE WHEN {replied} THEN 1 ELSE 0 END",
            resolution_rate=(
                f"CASE WHEN c.is_agency THEN CASE WHEN {resolved}"
                " THEN 100.0 ELSE 0.0 END END"
            ),
            reply_rate=(
                f"CASE WHEN c.is_agency THEN CASE WHEN {replied}"
                " THEN 100.0 ELSE 0.0 END END"
            ),
            res_model="'xinfang.case'",
            res_id="c.id",
        )
        # Archived cases are finished cases: they count.
        return SQL(
            f"SELECT {columns} FROM xinfang_case c WHERE c.agency_unit_id IS NOT NULL"  # noqa: S608
        )

    def _training_rows(self):
        columns = self._columns(
            id=self._row_id("(t.id::bigint * 1000000 + a.id)", "training"),
            kind="'training'",
            date="t.date",
            unit_id="a.unit_id",
            trained_hours="t.hours",
            res_model="'xinfang.training'",
            res_id="t.id",
        )
        return SQL(
            f"""SELECT {columns}
                  FROM xinfang_training_agent_rel rel
                  JOIN xinfang_training t ON t.id = rel.training_id AND t.active
                  JOIN xinfang_agent a ON a.id = rel.agent_id"""  # noqa: S608
        )

    def _dispute_rows(self):
        resolved = "d.state = 'resolved'"
        columns = self._columns(
            id=self._row_id("d.id", "dispute"),
            kind="'dispute'",
            date="d.found_date",
            unit_id="d.unit_id",
            category_id="d.category_id",
            dispute_count="1",
            dispute_resolved_count=f"CASE WHEN {resolved} THEN 1 ELSE 0 END",
            dispute_resolution_rate=f"CASE WHEN {resolved} THEN 100.0 ELSE 0.0 END",
            res_model="'xinfang.dispute'",
            res_id="d.id",
        )
        return SQL(
            f"""SELECT {columns}
                  FROM xinfang_dispute d
                 WHERE d.active AND d.unit_id IS NOT NULL"""  # noqa: S608
        )

    # ------------------------------------------------------------------
    # Every figure opens the records behind it
    # ------------------------------------------------------------------
    def action_open_record(self):
        """The record behind this row, with the user's own rights."""
        self.ensure_one()
        if not self.res_model or self.res_model not in self.env:
            raise UserError(self.env._("This figure has no record behind it."))
        record = self.env[self.res_model].browse(self.res_id)
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "views": [(False, "form")],
            "target": "current",
        }

    def action_open_records(self):
        """The records behind a selection of rows, one list per model."""
        by_model = {}
        for row in self:
            by_model.setdefault(row.res_model, []).append(row.res_id)
        if len(by_model) != 1:
            raise UserError(
                self.env._("Choose rows of one kind to open the records behind them.")
            )
        ((model, ids),) = by_model.items()
        records = self.env[model].with_context(active_test=False).browse(ids).exists()
        records.check_access("read")
        return records._get_records_action(
            name=self.env._("Records behind the figures")
        )
