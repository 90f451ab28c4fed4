from odoo import api, models, tools

# A change to one of these changes which sequence a code resolves to.
RESOLVING_FIELDS = {"code", "company_id", "active"}


class IrSequence(models.Model):
    """The numbers of cases, disputes, warnings and meetings, drawn without
    searching for their sequence each time (a query on every registration).

    ``_xinfang_next(code)`` is ``next_by_code(code)`` with the sequence that
    a code and company resolve to cached until a sequence is created,
    deleted, or changes code, company or active flag.
    """

    _inherit = "ir.sequence"

    @api.model
    def _xinfang_next(self, code):
        self.browse().check_access("read")
        sequence_id = self._xinfang_sequence_id(code, self.env.company.id)
        return self.browse(sequence_id)._next() if sequence_id else False

    @api.model
    @tools.ormcache("code", "company_id")
    def _xinfang_sequence_id(self, code, company_id):
        # next_by_code's choice: the company's own sequence, else a shared one.
        return (
            self.sudo()
            .search(
                [("code", "=", code), ("company_id", "in", [company_id, False])],
                order="company_id",
                limit=1,
            )
            .id
        )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if RESOLVING_FIELDS & vals.keys():
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
