from odoo import api, fields, models
from odoo.tools import format_list


class ReportXinfangCaseAgencyForm(models.AbstractModel):
    """Values of the printed forms of seed 004: 信访事项代办单 (annex 2).

    The disposal form (annex 3) inherits it. Every value is plain text, with
    the petitioner's identity masked or withheld as on screen.
    """

    _name = "report.xinfang_agency.report_case_agency_form"
    _description = "Petition Agency Form"

    @api.model
    def _get_report_values(self, docids, data=None):
        cases = self.env["xinfang.case"].browse(docids)
        cases.check_access("read")
        return {
            "doc_ids": cases.ids,
            "doc_model": "xinfang.case",
            "docs": cases,
            "values": {case.id: self._case_values(case) for case in cases},
        }

    @api.model
    def _label(self, record, fname):
        value = record[fname]
        if not value:
            return ""
        return dict(record._fields[fname]._description_selection(self.env)).get(
            value, ""
        )

    @api.model
    def _date(self, value):
        if not value:
            return ""
        return self.env._(
            "%(year)s-%(month)s-%(day)s",
            year=value.year,
            month=value.month,
            day=value.day,
        )

    @api.model
    def _petitioner_values(self, case):
        """In full where the user may read the personal data, masked
        elsewhere (the rules of xinfang.petitioner.data decide)."""
        partners = case.petitioner_ids

        def shown(partner, full, masked):
            return (
                partner[full] if partner.xinfang_can_see_identity else partner[masked]
            )

        return {
            "names": format_list(self.env, partners.mapped("name")),
            "id_numbers": format_list(
                self.env,
                [
                    n
                    for n in (
                        shown(p, "xinfang_id_number", "xinfang_id_number_masked")
                        for p in partners
                    )
                    if n
                ],
            ),
            "phones": format_list(
                self.env,
                [
                    n
                    for n in (
                        shown(p, "xinfang_phone", "xinfang_phone_masked")
                        for p in partners
                    )
                    if n
                ],
            ),
            "addresses": "；".join(n for n in partners.mapped("xinfang_street") if n),
        }

    @api.model
    def _case_values(self, case):
        petitioner = self._petitioner_values(case)
        agency_party = "、".join(
            filter(None, (case.agency_unit_id.name, case.agent_id.name))
        )
        result_parts = [case.reply or ""]
        if case.result_class:
            result_parts.append(self._label(case, "result_class"))
        # 告知方式: a letter is written notice, a visit or a call oral notice.
        notice = {"letter": "written", "visit": "oral", "phone": "oral"}.get(
            case.feedback_method or "", ""
        )
        return dict(
            petitioner,
            number=case.name,
            date=self._date(case.accepted_date or case.received_date),
            problem="\n".join(filter(None, (case.summary, case.demands))),
            agency_party=agency_party,
            notice=notice,
            result="\n".join(filter(None, result_parts)),
            satisfaction=case.satisfaction or "",
        )


class ReportXinfangCaseDisposalForm(models.AbstractModel):
    """信访事项处置单 (seed 004, annex 3)."""

    _name = "report.xinfang_agency.report_case_disposal_form"
    _inherit = "report.xinfang_agency.report_case_agency_form"
    _description = "Petition Disposal Form"

    @api.model
    def _case_values(self, case):
        values = super()._case_values(case)
        case_sudo = case.sudo()
        category = " / ".join(
            filter(
                None,
                (
                    case.category_id.complete_name,
                    self._label(case, "nature"),
                    self._label(case, "petition_type"),
                ),
            )
        )
        proposal = []
        if case.screening_outcome:
            proposal.append(self._label(case, "screening_outcome"))
        if case.handling_unit_id:
            proposal.append(
                self.env._(
                    "Proposed handling unit: %(unit)s", unit=case.handling_unit_id.name
                )
            )
        if case.assignment_basis:
            proposal.append(self._label(case, "assignment_basis"))
        if case.screening_note:
            proposal.append(case.screening_note)
        leader_opinion = []
        for ownership in case_sudo.ownership_ids:
            leader_opinion.append(
                self.env._(
                    "Owned by %(leader)s since %(date)s "
                    "(five responsibilities %(progress)s%%)",
                    leader=ownership.leader_id.name,
                    date=self._date(ownership.start_date),
                    progress=ownership.progress,
                )
            )
        if case.supervised_date:
            leader_opinion.append(
                self.env._(
                    "Supervised by %(leader)s on %(date)s",
                    leader=case.supervisor_id.name or "",
                    date=self._date(case.supervised_date),
                )
            )
        if case.extension_state and case.extension_state != "none":
            leader_opinion.append(
                self.env._(
                    "Extension of %(days)s days: %(state)s. %(reason)s",
                    days=case.extension_days,
                    state=self._label(case, "extension_state"),
                    reason=case.extension_reason or "",
                )
            )
        instructions = [
            " ".join(
                (
                    self._label(signoff, "kind"),
                    self._label(signoff, "decision"),
                    signoff.user_id.name or "",
                    self._date(
                        fields.Datetime.context_timestamp(self, signoff.signed_at)
                    ),
                )
            )
            + (f"：{signoff.comment}" if signoff.comment else "")
            for signoff in case_sudo.signoff_ids.sorted("signed_at")
        ]
        progress = []
        if case.deadline_date:
            progress.append(
                self.env._(
                    "Handling deadline: %(date)s", date=self._date(case.deadline_date)
                )
            )
        if case.first_contact_date:
            progress.append(
                self.env._(
                    "First contact: %(date)s", date=self._date(case.first_contact_date)
                )
            )
        urge_type = self.env.ref(
            "xinfang_agency.mail_activity_type_urge", raise_if_not_found=False
        )
        for activity in case_sudo.activity_ids:
            if urge_type and activity.activity_type_id == urge_type:
                progress.append(
                    self.env._(
                        "Urged %(user)s, due %(date)s",
                        user=activity.user_id.name,
                        date=self._date(activity.date_deadline),
                    )
                )
        if case.escalated_date:
            progress.append(
                self.env._(
                    "Escalated on %(date)s: %(reason)s",
                    date=self._date(case.escalated_date),
                    reason=case.escalation_reason or "",
                )
            )
        outcome = [values["result"]]
        if case.closed_date:
            outcome.append(
                self.env._("Closed on %(date)s", date=self._date(case.closed_date))
            )
        if case.satisfaction:
            outcome.append(self._label(case, "satisfaction"))
        values.update(
            category=category,
            summary=case.summary or "",
            proposal="\n".join(proposal),
            leader_opinion="\n".join(leader_opinion),
            instructions="\n".join(instructions),
            progress="\n".join(progress),
            outcome="\n".join(filter(None, outcome)),
        )
        return values
