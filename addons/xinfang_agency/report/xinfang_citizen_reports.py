import base64

from odoo import api, fields, models

from ..models.res_partner import PHONE_MASK_KEEP_END, PHONE_MASK_KEEP_START, mask_middle


class ReportXinfangUnitPoster(models.AbstractModel):
    """上墙公示 poster of a unit: its name, agents and phones, and the QR
    code of its online petition form (seed 004 §8(三))."""

    _name = "report.xinfang_agency.report_unit_poster"
    _description = "Unit Poster with the Online Petition QR Code"

    @api.model
    def _qr_data_uri(self, value):
        png = self.env["ir.actions.report"].barcode(
            "QR", value, width=600, height=600, barLevel="M", quiet=0, barBorder=4
        )
        return "data:image/png;base64," + base64.b64encode(png).decode()

    @api.model
    def _get_report_values(self, docids, data=None):
        units = self.env["xinfang.unit"].browse(docids)
        units.check_access("read")
        return {
            "doc_ids": units.ids,
            "doc_model": "xinfang.unit",
            "docs": units,
            "values": {
                unit.id: {
                    "qr": self._qr_data_uri(unit.sudo().petition_url),
                    "url": unit.sudo().petition_url,
                    "agents": self._poster_agent_rows(unit),
                }
                for unit in units
            },
        }

    def _poster_agent_rows(self, unit):
        """The agents posted on the wall: the registry's profiles (name,
        phone, full- or part-time, background) or, for a unit not yet
        registered, its users in the agents' group."""
        profiles = unit.sudo().agent_profile_ids
        if not profiles:
            return [
                {
                    "name": user.name,
                    "phone": user.partner_id.phone
                    or user.partner_id.mobile
                    or unit.phone
                    or "",
                    "role": "",
                }
                for user in unit._poster_agents()
            ]
        employments = dict(
            profiles._fields["employment"]._description_selection(self.env)
        )
        backgrounds = dict(
            profiles._fields["background"]._description_selection(self.env)
        )
        return [
            {
                "name": profile.name,
                "phone": profile.phone or unit.phone or "",
                "role": f"{employments[profile.employment]} · "
                f"{backgrounds[profile.background]}",
            }
            for profile in profiles
        ]


class ReportXinfangCaseReplyLetter(models.AbstractModel):
    """信访事项答复意见书: the written reply the citizen receives once the
    办结签 is signed (names of units only, no staff)."""

    _name = "report.xinfang_agency.report_case_reply_letter"
    _description = "Written Reply to the Petition"

    @api.model
    def _get_report_values(self, docids, data=None):
        cases = self.env["xinfang.case"].browse(docids)
        cases.check_access("read")
        Form = self.env["report.xinfang_agency.report_case_agency_form"]
        values = {}
        for case in cases.sudo():
            last_day = case._citizen_review_last_day() if case.close_signed else False
            values[case.id] = {
                "number": case.name,
                "names": "、".join(case.petitioner_ids.mapped("name")),
                "received": Form._date(case.received_date),
                "summary": case.summary or "",
                "demands": case.demands or "",
                "unit": (case.handling_unit_id or case.agency_unit_id).name or "",
                "reply": case.reply if case.close_signed else "",
                "result": Form._label(case, "result_class")
                if case.close_signed
                else "",
                "date": Form._date(case.closed_date),
                "review_days": case._deadline_limit("review_request")[0],
                "review_last_day": Form._date(last_day) if last_day else "",
            }
        return {
            "doc_ids": cases.ids,
            "doc_model": "xinfang.case",
            "docs": cases,
            "values": values,
        }


class ReportXinfangCaseAgencyForm(models.AbstractModel):
    """The 代办单 prints the citizen's online consent (time, phone, IP)."""

    _inherit = "report.xinfang_agency.report_case_agency_form"

    @api.model
    def _case_values(self, case):
        values = super()._case_values(case)
        consent = ""
        staff = case.sudo()
        if staff.consent_date:
            when = fields.Datetime.context_timestamp(
                self.with_context(tz=self.env.company._xinfang_tz()), staff.consent_date
            ).strftime("%Y-%m-%d %H:%M")
            consent = self.env._(
                "Accepted online on %(date)s from the phone %(phone)s "
                "(confirmed by SMS code), address %(ip)s.",
                date=when,
                phone=staff.consent_phone
                if case.can_see_identity
                else mask_middle(
                    staff.consent_phone, PHONE_MASK_KEEP_START, PHONE_MASK_KEEP_END
                ),
                ip=staff.consent_ip or "",
            )
            if staff.online_entered_by_id:
                consent = "%s %s" % (
                    consent,
                    self.env._(
                        "Entered by the agent %(agent)s.",
                        agent=staff.online_entered_by_id.name,
                    ),
                )
        values["consent"] = consent
        return values
