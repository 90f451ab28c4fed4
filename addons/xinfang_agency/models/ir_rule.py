from odoo import api, models, tools
from odoo.osv import expression
from odoo.tools import config


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    @tools.conditional(
        "xml" not in config["dev_mode"],
        tools.ormcache(
            "self.env.uid",
            "self.env.su",
            "model_name",
            "mode",
            "tuple(self._compute_domain_context_values())",
        ),
    )
    def _compute_domain(self, model_name, mode="read"):
        """The rules' domain, where a jurisdiction holding every unit (the
        county's users) is "has a unit" instead of the list of a county's
        1,150 units: the same records, without a list that each query of
        the user carries, compiles and plans (issue 16)."""
        domain = super()._compute_domain(model_name, mode)
        if not domain or self.env.su:
            return domain
        whole = self.env.user._xinfang_whole_jurisdiction()
        if not whole:
            return domain
        return self._xinfang_unit_lists_to_set(self.env[model_name], domain, whole)

    @api.model
    def _xinfang_unit_lists_to_set(self, model, domain, whole):
        """``domain`` with each ``(path, 'in', ids)`` leaf on units whose ids
        are ``whole`` (every unit) written ``(path, '!=', False)``, also
        inside ``any`` / ``not any`` leaves."""
        result = []
        for leaf in domain:
            if not expression.is_leaf(leaf) or leaf[0] in (0, 1):
                result.append(leaf)
                continue
            path, operator, value = leaf
            comodel = self._xinfang_path_comodel(model, path)
            if (
                operator == "in"
                and comodel == "xinfang.unit"
                and isinstance(value, list | tuple)
                and len(value) == len(whole)
                and set(value) == whole
            ):
                result.append((path, "!=", False))
            elif operator in ("any", "not any") and comodel and isinstance(value, list):
                sub = self._xinfang_unit_lists_to_set(self.env[comodel], value, whole)
                result.append((path, operator, sub))
            else:
                result.append(leaf)
        return result

    @api.model
    def _xinfang_path_comodel(self, model, path):
        """The model a relational field path leads to, or None."""
        for name in str(path).split("."):
            field = model._fields.get(name)
            if field is None or not field.relational:
                return None
            model = self.env[field.comodel_name]
        return model._name
