from odoo import models


class ReportXinfangDisputeLedgerXlsx(models.AbstractModel):
    """排查台账: the screened disputes as XLSX, one row each, with the
    columns of seed 003 §5(四)'s three lists (problem, responsibility,
    task). The case ledger's workbook, formats and text-only cells."""

    _name = "report.xinfang_agency.report_dispute_ledger_xlsx"
    _inherit = "report.xinfang_agency.report_case_ledger_xlsx"
    _description = "Screening Ledger (XLSX)"

    def _ledger_columns(self):
        return [
            (self.env._("Reference"), 18, "text"),
            (self.env._("Found On"), 12, "date"),
            (self.env._("Found by Unit / Grid"), 26, "text"),
            (self.env._("Household or Place"), 24, "text"),
            (self.env._("Parties"), 18, "text"),
            (self.env._("Dispute"), 48, "text"),
            (self.env._("Kind and Risk"), 18, "text"),
            (self.env._("Work Measures"), 40, "text"),
            (self.env._("Owning Leaders"), 16, "text"),
            (self.env._("Responsible Unit / Person"), 26, "text"),
            (self.env._("Time Limit"), 14, "date"),
            (self.env._("Status"), 12, "text"),
            (self.env._("Resolved On"), 12, "date"),
            (self.env._("Outcome or Case"), 40, "text"),
        ]

    def _ledger_row(self, dispute):
        dispute_sudo = dispute.sudo()
        found_by = " / ".join(
            filter(None, (dispute_sudo.unit_id.name, dispute_sudo.grid_id.name))
        )
        responsible = " / ".join(
            filter(
                None,
                (
                    dispute_sudo.responsible_unit_id.name,
                    dispute_sudo.responsible_user_id.name,
                ),
            )
        )
        kind = "；".join(
            filter(
                None,
                (
                    self._selection_label(dispute, "kind"),
                    self._selection_label(dispute, "risk_level"),
                ),
            )
        )
        ending = dispute.outcome or dispute_sudo.case_id.name or ""
        return [
            dispute.name,
            dispute.found_date,
            found_by,
            dispute.household,
            dispute.party_names,
            dispute.description,
            kind,
            dispute.measures,
            dispute_sudo.leader_id.name,
            responsible,
            dispute.deadline_date,
            self._selection_label(dispute, "state"),
            dispute.resolved_date,
            ending,
        ]
