from collections import defaultdict

from odoo import api, models, tools
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

from ..tools.sql import exists_in

# Mail's followers are readable by every internal user (ir.model.access,
# no rule): who follows a case tells who works on it. Followers of this
# product's records are readable by those who may read the record followed.
PROTECTED_PREFIX = "xinfang."


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    @api.model
    @tools.ormcache()
    def _xinfang_protected_models(self):
        # Asked by every search of followers: the registry's models change
        # only with a new registry (and a new cache).
        return tuple(
            name for name in self.env.registry if name.startswith(PROTECTED_PREFIX)
        )

    @api.model
    def _xinfang_models_searched(self, domain):
        """The models a search is bound to: the res_model leaf of a domain
        that is a conjunction (the chatter's searches name their record's
        model), else None (any model)."""
        domain = expression.normalize_domain(domain or [])
        if any(item in ("|", "!") for item in domain):
            return None
        for leaf in domain:
            if isinstance(leaf, list | tuple) and leaf[0] == "res_model":
                if leaf[1] == "=" and isinstance(leaf[2], str):
                    return {leaf[2]}
                if leaf[1] == "in" and isinstance(leaf[2], list | tuple):
                    return set(leaf[2])
        return None

    @api.model
    def _xinfang_readable_sql(self, alias, models_searched=None):
        """SQL condition on the followers of ``alias``: a follower of a
        product record the user may read, or of any other record. Each
        record is tested by a correlated EXISTS on its id under the model's
        record rules: one index lookup per follower, where "res_id IN (the
        readable records)" would list a county's 100,000 cases first."""
        protected = [
            name
            for name in self._xinfang_protected_models()
            if models_searched is None or name in models_searched
        ]
        res_model = SQL.identifier(alias, "res_model")
        if not protected:
            return SQL("TRUE")
        clauses = [SQL("%s NOT IN %s", res_model, tuple(protected))]
        for name in protected:
            readable = self._xinfang_readable_query(name)
            if not readable:
                continue
            clauses.append(
                SQL(
                    "(%s = %s AND %s)",
                    res_model,
                    name,
                    exists_in(*readable, SQL.identifier(alias, "res_id")),
                )
            )
        return SQL("(%s)", SQL(" OR ").join(clauses))

    @api.model
    @tools.ormcache(
        "self.env.uid",
        "self.env.su",
        "model_name",
        "tuple(self.env['ir.rule']._compute_domain_context_values())",
    )
    def _xinfang_readable_query(self, model_name):
        """(from clause, table, where clause) of the records of
        ``model_name`` the user may read, None if none. A chatter searches
        its followers five times: compiled once, and cached as the record
        rules it compiles are (``ir.rule._compute_domain``: same key,
        cleared with it). The rules of this product's models hold lists of
        ids, never ``child_of``: their SQL depends on the domain alone."""
        Model = self.env[model_name].with_context(active_test=False)
        if Model._abstract or Model._transient or not Model.has_access("read"):
            return None
        readable = Model._search([])
        if readable.is_empty():
            return None
        return readable.from_clause, readable.table, readable.where_clause

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset=offset, limit=limit, order=order)
        if not self.env.su and not query.is_empty():
            query.add_where(
                self._xinfang_readable_sql(
                    query.table, self._xinfang_models_searched(domain)
                )
            )
        return query

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su:
            return result
        protected = set(self._xinfang_protected_models())
        documents = defaultdict(set)
        for follower in self.sudo():
            if follower.res_model in protected:
                documents[follower.res_model].add(follower.res_id)
        readable = {
            (name, res_id)
            for name, res_ids in documents.items()
            for res_id in self.env[name].browse(res_ids)._filtered_access("read").ids
        }
        forbidden = self.browse(
            follower.id
            for follower in self.sudo()
            if follower.res_model in protected
            and (follower.res_model, follower.res_id) not in readable
        )
        if forbidden:
            return forbidden, lambda: AccessError(
                self.env._("You may not see who follows a record you cannot read.")
            )
        return None
