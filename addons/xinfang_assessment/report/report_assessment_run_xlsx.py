from odoo import models


class ReportAssessmentRunXlsx(models.AbstractModel):
    """The 通报 as a spreadsheet: one sheet per published run, one row per
    unit; each indicator's value (rate in %, count in cases) and points in
    their own labelled columns."""

    _name = "report.xinfang_assessment.report_assessment_run_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Assessment Bulletin (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        objs._check_published()
        formats = {
            "head": workbook.add_format(
                {
                    "bold": True,
                    "border": 1,
                    "bg_color": "#DDEBF7",
                    "text_wrap": True,
                    "align": "center",
                    "valign": "vcenter",
                }
            ),
            "text": workbook.add_format({"border": 1}),
            "int": workbook.add_format({"border": 1, "num_format": "0"}),
            "percent": workbook.add_format({"border": 1, "num_format": "0.0%"}),
            "count": workbook.add_format({"border": 1, "num_format": "0"}),
            "points": workbook.add_format({"border": 1, "num_format": "0.00"}),
            "change": workbook.add_format(
                {"border": 1, "num_format": "+0.00;-0.00;0.00"}
            ),
        }
        for run in objs:
            self._write_run(workbook.add_worksheet(run.name[:31]), run, formats)

    def _header(self, table):
        header = [(self.env._("Rank"), 6), (self.env._("Unit"), 18)]
        for indicator in table["indicators"]:
            if indicator["value_kind"] == "percent":
                header.append((self.env._("%s (%%)", indicator["name"]), 11))
            elif indicator["value_kind"] == "count":
                header.append((self.env._("%s (cases)", indicator["name"]), 11))
            header.append((self.env._("%s (points)", indicator["name"]), 11))
        header += [
            (self.env._("Total Points"), 10),
            (self.env._("Change from Previous Period"), 12),
            (self.env._("Previous Rank"), 9),
            (self.env._("Unit Path"), 40),
        ]
        return header

    def _row_cells(self, table, row):
        cells = [(row["rank"], "int"), (row["unit"], "text")]
        for indicator, value, points in zip(
            table["indicators"], row["values"], row["points"], strict=False
        ):
            kind = indicator["value_kind"]
            if kind != "none":
                cells.append((value if value is not None else "", kind))
            cells.append((points, "points"))
        cells += [
            (row["total"], "points"),
            (row["change"] if row["change"] is not None else "", "change"),
            (row["previous_rank"] if row["previous_rank"] is not None else "", "int"),
            (row["unit_path"], "text"),
        ]
        return cells

    def _write_run(self, sheet, run, formats):
        table = run._bulletin_table()
        sheet.write(
            0, 0, self.env._("Assessment Bulletin: %s", run.name), formats["head"]
        )
        approver = run.approved_by_id.name or ""
        sheet.write(1, 0, self.env._("Approved by: %s", approver))
        for col, (title, width) in enumerate(self._header(table)):
            sheet.write(2, col, title, formats["head"])
            sheet.set_column(col, col, width)
        for row_index, row in enumerate(table["rows"], start=3):
            for col, (value, kind) in enumerate(self._row_cells(table, row)):
                sheet.write(row_index, col, value, formats[kind])
        sheet.freeze_panes(3, 2)
