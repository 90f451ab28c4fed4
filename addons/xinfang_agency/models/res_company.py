import pytz

from odoo import api, fields, models, tools
from odoo.tools import SQL

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
        return self._xinfang_tz_of((self[:1] or self.env.company).id)

    @api.model
    @tools.ormcache("company_id")
    def _xinfang_tz_of(self, company_id):
        # Read on every "today" (several times a request): cached, cleared
        # when a company's partner changes zone (res.partner.write).
        self.flush_model(["partner_id"])
        self.env["res.partner"].flush_model(["tz"])
        self.env.cr.execute(
            SQL(
                "SELECT partner.tz FROM res_company company"
                " JOIN res_partner partner ON partner.id = company.partner_id"
                " WHERE company.id = %s",
                company_id,
            )
        )
        row = self.env.cr.fetchone()
        return (row and row[0]) or OFFICE_TZ

    def _xinfang_today(self):
        """Today's date in the office."""
        return self._xinfang_local_day(fields.Datetime.now())

    def _xinfang_local_day(self, value):
        """The office's calendar day of the datetime ``value`` (UTC)."""
        value = fields.Datetime.to_datetime(value)
        if not value:
            return False
        office_tz = pytz.timezone(self._xinfang_tz())
        return pytz.utc.localize(value).astimezone(office_tz).date()

    def write(self, vals):
        if "partner_id" in vals:
            self.env.registry.clear_cache()  # the office's time zone
        return super().write(vals)


def office_today(record):
    """Today in the office of ``record``'s environment (usable as a field
    default: ``default=office_today``)."""
    return record.env.company._xinfang_today()
