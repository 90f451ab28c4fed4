from odoo import api, models

from ..models.xinfang_meeting_decision import DECISION_STATES


class ReportDecisionProgress(models.AbstractModel):
    """Progress report (通报) of decisions: per unit, counts per status."""

    _name = "report.xinfang_meeting.report_decision_progress"
    _description = "Decision Progress Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        decisions = self.env["xinfang.meeting.decision"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "xinfang.meeting.decision",
            "docs": decisions,
            "states": self.env["xinfang.meeting.decision"]
            ._fields["state"]
            ._description_selection(self.env),
            "rows": self._progress_rows(decisions),
        }

    @api.model
    def _progress_rows(self, decisions):
        """Per responsible unit: counts per status, overdue, and the decisions."""
        Decision = self.env["xinfang.meeting.decision"]
        groups = Decision._read_group(
            [("id", "in", decisions.ids)], ["unit_id", "state"], ["__count"]
        )
        overdue = dict(
            Decision._read_group(
                [("id", "in", decisions.ids), ("is_overdue", "=", True)],
                ["unit_id"],
                ["__count"],
            )
        )
        rows = {}
        for unit, state, count in groups:
            row = rows.setdefault(
                unit,
                {"unit": unit, "counts": dict.fromkeys(dict(DECISION_STATES), 0)},
            )
            row["counts"][state] = count
        for unit, row in rows.items():
            row["overdue"] = overdue.get(unit, 0)
            row["total"] = sum(row["counts"].values())
            row["decisions"] = decisions.filtered(lambda d, u=unit: d.unit_id == u)
        return sorted(rows.values(), key=lambda r: r["unit"].display_name or "")
