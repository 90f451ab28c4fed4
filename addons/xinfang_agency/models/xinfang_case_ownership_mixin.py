from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL


class XinfangCaseOwnershipMixin(models.AbstractModel):
    """包案 on the case: a leader takes ownership within their jurisdiction
    (the ownership records are ``xinfang.case.ownership``).

    A concern of ``xinfang.case`` only.
    """

    _name = "xinfang.case.ownership.mixin"
    _description = "Petition Case Leader Ownership"

    ownership_ids = fields.One2many(
        "xinfang.case.ownership", "case_id", string="Ownerships"
    )
    ownership_count = fields.Integer(compute="_compute_stat_counts")
    owned_by_me = fields.Boolean(
        compute="_compute_owned_by_me",
        search="_search_owned_by_me",
        help="The current user owns the case (包案) by an ongoing ownership.",
    )

    def _owned_case_ids(self):
        """Ids of the cases the current user owns by an ongoing ownership,
        read past the record rules (they are what the rules grant)."""
        self.env["xinfang.case.ownership"].flush_model(
            ["case_id", "leader_id", "state", "active"]
        )
        self.env.cr.execute(
            SQL(
                """SELECT case_id FROM xinfang_case_ownership
                    WHERE leader_id = %s AND state = 'active' AND active""",
                self.env.uid,
            )
        )
        return [case_id for (case_id,) in self.env.cr.fetchall()]

    @api.depends_context("uid")
    def _compute_owned_by_me(self):
        owned = set(self._owned_case_ids())
        for case in self:
            case.owned_by_me = case.id in owned

    def _search_owned_by_me(self, operator, value):
        """A list of ids, not a subquery: ORed with the jurisdiction in the
        leader's rules, PostgreSQL combines two index scans instead of
        testing a subquery on every case (issue 16)."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on owned cases."))
        owned = self._owned_case_ids()
        if (operator == "=") == value:
            return [("id", "in", owned)] if owned else expression.FALSE_DOMAIN
        return [("id", "not in", owned)] if owned else expression.TRUE_DOMAIN

    def _compute_stat_counts(self):
        """Every stat button counter of the form at once: the counters of
        other modules use this method too, so the ORM computes them
        together."""
        counts = self._stat_counts()
        for case in self:
            for counter, by_case in counts.items():
                case[counter] = by_case.get(case.id, 0)

    def _stat_count_sources(self):
        """What the form's stat buttons count, as (counter, model, domain,
        column): the counter is the number of distinct values of the column
        among the model's records in the domain the user can read, per case
        (its ``case_id``); a counter may have several sources. Modules add
        theirs; ``_stat_counts`` counts them all in one query."""
        return [("ownership_count", "xinfang.case.ownership", [], "id")]

    def _stat_counts(self):
        """{counter: {case id: count}} of ``_stat_count_sources``, in one
        query (a ``_read_group`` per counter made a query per stat button
        on every form, issue 16). Most cases have no meeting, decision or
        ownership: the sources are first counted without record rules,
        cheap to build; only the sources with records are counted again
        under the rules, the figures shown."""
        sources = self._stat_count_sources()
        counts = {counter: {} for counter, _model, _domain, _column in sources}
        if not self.ids:
            return counts
        rows = self._stat_count_rows(sources, self.sudo())
        if not self.env.su:
            with_records = {sources[index][0] for index, _case_id, _count in rows}
            rows = self._stat_count_rows(
                sources,
                self,
                {i for i, source in enumerate(sources) if source[0] in with_records},
            )
        for index, case_id, count in rows:
            counts[sources[index][0]][case_id] = count
        return counts

    def _stat_count_rows(self, sources, cases, only=None):
        """[(source index, case id, distinct values)] of the sources (those
        of index in ``only``) as ``cases``' environment reads them; the
        values of a counter's sources are distinct from each other (e.g.
        meetings of agenda items and decisions are counted once)."""
        selects = []
        for index, (counter, model_name, domain, column) in enumerate(sources):
            if only is not None and index not in only:
                continue
            model = cases.env[model_name]
            query = model._search(
                expression.AND([[("case_id", "in", cases.ids)], domain])
            )
            selects.append(
                query.select(
                    SQL("%s AS source", index),
                    SQL("%s AS counter", counter),
                    SQL(
                        "%s AS case_id",
                        model._field_to_sql(model._table, "case_id", query),
                    ),
                    SQL(
                        "%s AS value", model._field_to_sql(model._table, column, query)
                    ),
                )
            )
        if not selects:
            return []
        # Counted per counter (its sources' values together), reported on
        # the counter's first source.
        return cases.env.execute_query(
            SQL(
                """SELECT MIN(source), case_id, COUNT(DISTINCT value)
                     FROM (%s) AS sources GROUP BY counter, case_id""",
                SQL(" UNION ALL ").join(selects),
            )
        )

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
        self._on_ownership_taken()
        return ownership._get_records_action(context={})

    def _on_ownership_taken(self):
        """Hook: the current leader has taken the case (the reception day's
        offer is answered, xinfang_case_visit.py); an implementation calls
        super() and its mixin comes before this one in _inherit."""

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

    def action_view_ownerships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "xinfang_agency.xinfang_case_ownership_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action
