from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        # A record the user may not read would fail inside QWeb, whose
        # wrapper turns the AccessError into a 500; checking first makes
        # /report/pdf/... of someone else's case, minutes or notice a 403.
        if report.model and report.model.startswith("xinfang.") and docids:
            self.env[report.model].browse(docids).check_access("read")
        return super()._get_rendering_context(report, docids, data)
