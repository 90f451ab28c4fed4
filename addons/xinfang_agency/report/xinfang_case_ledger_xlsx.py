from odoo import models
from odoo.tools import format_list


class ReportXinfangCaseLedgerXlsx(models.AbstractModel):
    """台账: the ledger of the selected (or filtered) cases as XLSX.

    Every text cell is written with ``write_string`` so that a petitioner's
    text beginning with = + - @ stays text and never becomes a formula.
    """

    _name = "report.xinfang_agency.report_case_ledger_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Petition Case Ledger (XLSX)"

    def get_workbook_options(self):
        options = dict(super().get_workbook_options())
        options.update(strings_to_formulas=False, strings_to_urls=False)
        return options

    def _ledger_columns(self):
        """(header, width, kind) per column; kind is "text" or "date"."""
        return [
            (self.env._("Reference"), 18, "text"),
            (self.env._("Received On"), 12, "date"),
            (self.env._("Petition Content"), 48, "text"),
            (self.env._("Classification and Handling"), 30, "text"),
            (self.env._("Work Measures"), 48, "text"),
            (self.env._("Owning Leaders"), 16, "text"),
            (self.env._("Responsible Unit / Person"), 26, "text"),
            (self.env._("Time Limit"), 14, "date"),
            (self.env._("Status"), 12, "text"),
            (self.env._("Review and Dual Check"), 40, "text"),
        ]

    def _selection_label(self, record, fname):
        value = record[fname]
        if not value:
            return ""
        return dict(record._fields[fname]._description_selection(self.env)).get(
            value, ""
        )

    def _ledger_row(self, case):
        case_sudo = case.sudo()
        classification = "；".join(
            filter(
                None,
                (
                    case.category_id.complete_name,
                    self._selection_label(case, "petition_type"),
                    self._selection_label(case, "screening_outcome"),
                    self._selection_label(case, "result_class"),
                ),
            )
        )
        measures = []
        for warning in case_sudo.warning_ids:
            measures += [warning.resolution_measures, warning.stabilisation_measures]
        for ownership in case_sudo.ownership_ids:
            measures += [
                ownership.duty_situation_note,
                ownership.duty_mindset_note,
                ownership.duty_resolution_note,
                ownership.duty_commitment_note,
                ownership.duty_stability_note,
            ]
        measures.append(case.reply)
        owners = case_sudo.ownership_ids.leader_id or case.leader_id
        responsible = " / ".join(
            filter(None, (case.handling_unit_id.name, case.handler_id.name))
        )
        return [
            case.name,
            case.received_date,
            "\n".join(filter(None, (case.summary, case.demands))),
            classification,
            "\n".join(m for m in measures if m),
            format_list(self.env, owners.mapped("name")),
            responsible,
            case.deadline_date,
            case.stage_id.name or "",
            self._review_text(case_sudo.review_ids),
        ]

    def _review_text(self, reviews):
        """One line per 复查/复核: level, deciding unit, outcome and, for a
        petition found reasonable, the 一案双查 (who, result)."""
        lines = []
        for review in reviews:
            parts = [
                self._selection_label(review, "level"),
                review.unit_id.name,
                self._selection_label(review, "outcome")
                or self._selection_label(review, "state"),
            ]
            if review.found_reasonable:
                parts.append(
                    self.env._(
                        "Dual check of %(examined)s: %(result)s",
                        examined=review.dual_check_examined,
                        result=review.dual_check_result,
                    )
                )
            lines.append("；".join(filter(None, parts)))
        return "\n".join(lines)

    def generate_xlsx_report(self, workbook, data, objs):
        sheet = workbook.add_worksheet(self.env._("Ledger"))
        header_format = workbook.add_format(
            {
                "bold": True,
                "border": 1,
                "bg_color": "#D9E1F2",
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
            }
        )
        text_format = workbook.add_format(
            {"border": 1, "text_wrap": True, "valign": "top"}
        )
        date_format = workbook.add_format(
            {"border": 1, "num_format": "yyyy-mm-dd", "valign": "top"}
        )
        columns = self._ledger_columns()
        for col, (header, width, _kind) in enumerate(columns):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, header, header_format)
        sheet.freeze_panes(1, 0)
        for row, case in enumerate(objs, start=1):
            for col, value in enumerate(self._ledger_row(case)):
                if columns[col][2] == "date":
                    if value:
                        sheet.write_datetime(row, col, value, date_format)
                    else:
                        sheet.write_blank(row, col, None, date_format)
                else:
                    sheet.write_string(row, col, value or "", text_format)
        sheet.autofilter(0, 0, max(len(objs), 1), len(columns) - 1)
