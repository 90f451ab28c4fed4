from odoo import models


class ReportAssessmentRunXlsx(models.AbstractModel):
    """The 通报 as a spreadsheet: one sheet per published run."""

    _name = "report.xinfang_assessment.report_assessment_run_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Assessment Bulletin (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        objs._check_published()
        bold = workbook.add_format({"bold": True, "border": 1, "bg_color": "#DDEBF7"})
        cell = workbook.add_format({"border": 1})
        number = workbook.add_format({"border": 1, "num_format": "0.00"})
        for run in objs:
            table = run._bulletin_table()
            sheet = workbook.add_worksheet(run.name[:31])
            sheet.write(0, 0, self.env._("Assessment Bulletin: %s", run.name), bold)
            for col, title in enumerate(table["header"]):
                sheet.write(2, col, title, bold)
            for row_index, row in enumerate(table["rows"], start=3):
                for col, value in enumerate(row):
                    fmt = number if isinstance(value, float) else cell
                    sheet.write(row_index, col, value, fmt)
            sheet.set_column(1, 1, 30)
            sheet.set_column(2, len(table["header"]), 12)
