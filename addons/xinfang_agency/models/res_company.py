from odoo import fields, models

# Petition offices work on Beijing time unless the company says otherwise.
OFFICE_TZ = "Asia/Shanghai"


class ResCompany(models.Model):
    """The office's day: "today" for every deadline, window and overdue test.

    A deadline is counted on the office's calendar (the company's time zone,
    Asia/Shanghai by default), whatever the time zone of the user who opens
    the case: a clerk travelling on UTC sees the same overdue cases as the
    office does.
    """

    _inherit = "res.company"

    def _xinfang_tz(self):
        """The office's time zone: the company's address, else Beijing."""
        company = self[:1] or self.env.company
        return company.sudo().partner_id.tz or OFFICE_TZ

    def _xinfang_today(self):
        """Today's date in the office."""
        return fields.Date.context_today(self.with_context(tz=self._xinfang_tz()))

    def _xinfang_local_day(self, value):
        """The office's calendar day of the datetime ``value``."""
        value = fields.Datetime.to_datetime(value)
        if not value:
            return False
        return fields.Datetime.context_timestamp(
            self.with_context(tz=self._xinfang_tz()), value
        ).date()


def office_today(record):
    """Today in the office of ``record``'s environment (usable as a field
    default: ``default=office_today``)."""
    return record.env.company._xinfang_today()
