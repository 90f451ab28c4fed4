from odoo import api, models


class ReportAssessmentRun(models.AbstractModel):
    """Values of the 通报 (PDF): only published runs print."""

    _name = "report.xinfang_assessment.report_assessment_run"
    _description = "Assessment Bulletin"

    @api.model
    def _get_report_values(self, docids, data=None):
        runs = self.env["xinfang.assessment.run"].browse(docids)
        runs._check_published()
        return {
            "doc_ids": docids,
            "doc_model": "xinfang.assessment.run",
            "docs": runs,
            "tables": {run.id: run._bulletin_table() for run in runs},
        }
