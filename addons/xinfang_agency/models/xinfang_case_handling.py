from datetime import datetime, time

import pytz

from odoo import fields, models
from odoo.exceptions import AccessError

from .res_company import office_today


class XinfangCaseHandling(models.AbstractModel):
    """办理中: 一问 (the handler's first call to the petitioner), the calls
    and site visits of 一问一核实, and the reply submitted for the 办结签.

    A concern of ``xinfang.case`` only (steps of the flow table).
    """

    _name = "xinfang.case.handling"
    _description = "Petition Handling Steps"

    def action_record_first_contact(self, contact_date=None, note=None):
        """一问: the handler phoned the petitioner.

        From the form's button (context ``xinfang_contact_dialog``, which
        only chooses the dialog) it opens the call dialog; saving the call
        records the first contact. Called with or without a date and a note,
        it records the call itself.
        """
        self._ensure_can_move("action_record_first_contact")
        if (
            self.env.context.get("xinfang_contact_dialog")
            and contact_date is None
            and not note
        ):
            return self.action_open_contact("call")
        contact_date = contact_date or office_today(self)
        self._check_not_future(contact_date, self.env._("The first contact"))
        self.env["xinfang.case.contact"].create(
            [
                {
                    "case_id": case.id,
                    "kind": "call",
                    "contact_time": case._contact_time_on(contact_date),
                    "answered_by": ", ".join(case.petitioner_ids.mapped("name"))
                    or self.env._("The petitioner in person"),
                    "outcome": note
                    or self.env._("The petitioner was reached by phone."),
                }
                for case in self
            ]
        )
        return True

    def _first_contact_from_call(self, call):
        """The first call recorded on the case is its 一问."""
        self._ensure_can_move("action_record_first_contact")
        contact_date = self.env.company._xinfang_local_day(call.contact_time)
        self._flow_write({"first_contact_date": contact_date})
        self._deadline_done("first_contact", feedback=call.outcome)

    def _contact_time_on(self, day):
        """Now if ``day`` is the office's today, else noon of ``day`` in the
        office's zone."""
        if day == office_today(self):
            return fields.Datetime.now()
        tz = pytz.timezone(self.env.company._xinfang_tz())
        noon = tz.localize(datetime.combine(day, time(12, 0)))
        return noon.astimezone(pytz.utc).replace(tzinfo=None)

    def action_open_contact(self, kind="call"):
        """The dialog recording a call (一问) or a site visit (一核实)."""
        self.ensure_one()
        Contact = self.env["xinfang.case.contact"]
        if not Contact.has_access("create"):
            raise AccessError(
                self.env._(
                    "Only the handler of the case records calls and site visits."
                )
            )
        Contact._check_case_open(self)
        titles = {
            "call": self.env._("Record a Call"),
            "visit": self.env._("Record a Site Visit"),
        }
        return {
            "type": "ir.actions.act_window",
            "name": titles[kind],
            "res_model": "xinfang.case.contact",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_case_id": self.id, "default_kind": kind},
        }

    def action_open_contact_visit(self):
        return self.action_open_contact("visit")

    def action_open_contact_call(self):
        return self.action_open_contact("call")

    def action_submit_reply(self):
        """Handling → awaiting closure sign-off, with the reply written."""
        self._ensure_can_move("action_submit_reply")
        for case in self:
            # The move checks the reply and the pending extension first.
            case._move_to("action_submit_reply")
            case._deadline_done("handling")
        return True
