from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL

from .res_company import office_today

# The handling deadline runs in these states ("due soon": the rule due_soon).
DEADLINE_STATES = ("handling",)
DEADLINE_STATUSES = [
    ("on_time", "On Time"),
    ("due_soon", "Due Soon"),
    ("overdue", "Overdue"),
]


class XinfangCaseBoard(models.AbstractModel):
    """What the boards show of a case: the kanban's colour and progress bar
    (the handling deadline's status), the calendar warning and the "in my
    unit" filter. Computed, not stored: they depend on today and on the
    current user; each has its search (and the status its SQL grouping).

    A concern of ``xinfang.case`` only.
    """

    _name = "xinfang.case.board"
    _description = "Petition Case Board Helpers"

    deadline_status = fields.Selection(
        DEADLINE_STATUSES,
        compute="_compute_deadline_status",
        search="_search_deadline_status",
        help="Handling deadline: on time, due within two days, or overdue.",
    )
    deadline_calendar_unknown = fields.Boolean(
        string="Calendar Not Loaded",
        compute="_compute_deadline_calendar_unknown",
        search="_search_deadline_calendar_unknown",
        help="A deadline of the case falls in a year whose make-up working days "
        "are not in the holiday table yet: it counts Monday to Friday only and "
        "is counted again once the year is entered.",
    )
    in_my_unit = fields.Boolean(
        compute="_compute_in_my_unit",
        search="_search_in_my_unit",
        help="The agency or handling unit is the current user's unit or one below it.",
    )

    @api.depends("deadline_date", "state")
    @api.depends_context("uid")
    def _compute_deadline_status(self):
        today = office_today(self)
        soon = today + timedelta(days=self._deadline_limit("due_soon")[0])
        for case in self:
            if case.state not in DEADLINE_STATES or not case.deadline_date:
                case.deadline_status = False
            elif case.deadline_date < today:
                case.deadline_status = "overdue"
            elif case.deadline_date <= soon:
                case.deadline_status = "due_soon"
            else:
                case.deadline_status = "on_time"

    @api.depends("activity_ids.date_deadline")
    def _compute_deadline_calendar_unknown(self):
        unknown = self._deadline_calendar_unknown_ids()
        for case in self:
            case.deadline_calendar_unknown = case.id in unknown

    def _search_deadline_calendar_unknown(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on the calendar flag."))
        domain = self._deadline_unknown_domain()
        return domain if (operator == "=") == bool(value) else ["!", *domain]

    @api.model
    def _deadline_status_domains(self):
        today = office_today(self)
        soon = today + timedelta(days=self._deadline_limit("due_soon")[0])
        running = [("state", "in", DEADLINE_STATES), ("deadline_date", "!=", False)]
        return {
            "overdue": running + [("deadline_date", "<", today)],
            "due_soon": running
            + [("deadline_date", ">=", today), ("deadline_date", "<=", soon)],
            "on_time": running + [("deadline_date", ">", soon)],
        }

    def _search_deadline_status(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Unsupported search on the deadline status."))
        values = {value} if operator in ("=", "!=") else set(value)
        domains = self._deadline_status_domains()
        matching = [domains[key] for key in values if key in domains]
        if not all(values):  # no running deadline
            matching.append(["!"] + expression.OR(list(domains.values())))
        domain = expression.OR(matching) if matching else expression.FALSE_DOMAIN
        if operator in ("!=", "not in"):
            return ["!"] + expression.normalize_domain(domain)
        return domain

    def _read_group_groupby(self, groupby_spec, query):
        # Group by (and kanban progress bar on) the deadline status in SQL.
        if groupby_spec != "deadline_status":
            return super()._read_group_groupby(groupby_spec, query)
        today = office_today(self)
        return SQL(
            "CASE WHEN %(state)s NOT IN %(states)s OR %(deadline)s IS NULL THEN NULL"
            " WHEN %(deadline)s < %(today)s THEN 'overdue'"
            " WHEN %(deadline)s <= %(soon)s THEN 'due_soon'"
            " ELSE 'on_time' END",
            state=self._field_to_sql(self._table, "state", query),
            deadline=self._field_to_sql(self._table, "deadline_date", query),
            states=DEADLINE_STATES,
            today=today,
            soon=today + timedelta(days=self._deadline_limit("due_soon")[0]),
        )

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        """Groups by a many2one (kanban columns, pivot rows) ordered by a
        lookup of the comodel's order columns for each group, not by a join
        of the comodel grouped on them too: grouped by the foreign key
        alone, PostgreSQL hashes the cases into their hundred groups and
        sorts those, instead of sorting 70,000 rows by the unit's full name
        on disk (issue 16: the unit pivot took 1.8 times helpdesk's)."""
        field = self._fields.get(field_name)
        terms = (
            query.groupby and alias == self._table and _lookup_order(field, self.env)
        )
        if not terms:
            return super()._order_field_to_sql(
                alias, field_name, direction, nulls, query
            )
        fk = self._field_to_sql(alias, field_name, query)
        comodel_table = SQL.identifier(self.env[field.comodel_name]._table)
        sql_terms = []
        if nulls.code == "NULLS FIRST":
            sql_terms.append(SQL("%s IS NOT NULL", fk))
        elif nulls.code == "NULLS LAST":
            sql_terms.append(SQL("%s IS NULL", fk))
        for column, descending in terms:
            if direction.code == "DESC":
                descending = not descending
            order = SQL("DESC") if descending else SQL("ASC")
            if column == "id":
                sql_terms.append(SQL("%s %s", fk, order))
                continue
            sql_terms.append(
                SQL(
                    "(SELECT %s FROM %s AS %s WHERE %s = %s) %s",
                    SQL.identifier("group_order", column),
                    comodel_table,
                    SQL.identifier("group_order"),
                    SQL.identifier("group_order", "id"),
                    fk,
                    order,
                )
            )
        return SQL(", ").join(sql_terms)

    @api.depends("agency_unit_id", "handling_unit_id")
    @api.depends_context("uid")
    def _compute_in_my_unit(self):
        my_path = self.env.user.xinfang_unit_id.parent_path
        for case in self:
            case.in_my_unit = bool(my_path) and any(
                (unit.parent_path or "").startswith(my_path)
                for unit in (case.agency_unit_id, case.handling_unit_id)
            )

    def _search_in_my_unit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'In My Unit'."))
        units = self.env.user.xinfang_unit_id.ids
        domain = [
            "|",
            ("agency_unit_id", "child_of", units),
            ("handling_unit_id", "child_of", units),
        ]
        if (operator == "=") != value:
            return ["!"] + domain
        return domain


def _lookup_order(field, env):
    """[(column, descending)] of the comodel's order of the stored many2one
    ``field`` if each is a plain column of the comodel (so that a group's
    place is a lookup by its id), else None."""
    if (
        not field
        or field.type != "many2one"
        or not field.store
        or field.company_dependent
    ):
        return None
    comodel = env[field.comodel_name]
    terms = []
    for term in comodel._order.split(","):
        words = term.strip().lower().split()
        if not words or len(words) > 2 or words[-1] not in (words[0], "asc", "desc"):
            return None
        cofield = comodel._fields.get(words[0])
        if (
            not cofield
            or not cofield.store
            or not cofield.column_type
            or cofield.translate
            or cofield.inherited
            or cofield.type == "many2one"
        ):
            return None
        terms.append((words[0], words[-1] == "desc"))
    return terms
