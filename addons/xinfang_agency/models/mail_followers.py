from odoo import api, models
from odoo.exceptions import AccessError
from odoo.osv import expression

# Mail's followers are readable by every internal user (ir.model.access,
# no rule): who follows a case tells who works on it. Followers of this
# product's records are readable by those who may read the record followed.
PROTECTED_PREFIX = "xinfang."


class MailFollowers(models.Model):
    _inherit = "mail.followers"

    @api.model
    def _xinfang_protected_models(self):
        return [name for name in self.env.registry if name.startswith(PROTECTED_PREFIX)]

    @api.model
    def _xinfang_readable_domain(self):
        protected = self._xinfang_protected_models()
        domain = [("res_model", "not in", protected)]
        for name in protected:
            Model = self.env[name].with_context(active_test=False)
            if Model._abstract or Model._transient or not Model.has_access("read"):
                continue
            domain = expression.OR(
                [
                    domain,
                    [("res_model", "=", name), ("res_id", "in", Model._search([]))],
                ]
            )
        return domain

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = expression.AND([domain or [], self._xinfang_readable_domain()])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su:
            return result
        protected = set(self._xinfang_protected_models())
        forbidden = self.browse()
        for follower in self.sudo().filtered(lambda f: f.res_model in protected):
            document = self.env[follower.res_model].browse(follower.res_id)
            if not document.has_access("read"):
                forbidden |= follower
        if forbidden:
            forbidden = self.browse(forbidden.ids)
            return forbidden, lambda: AccessError(
                self.env._("You may not see who follows a record you cannot read.")
            )
        return None
