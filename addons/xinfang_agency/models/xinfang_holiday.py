import re
from datetime import timedelta

import holidays as holidays_lib

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

from .res_company import office_today

# The library names a swapped day off "休息日（2026-01-04日起取代）".
_SUBSTITUTED = re.compile(r"(\d{4}-\d{2}-\d{2})日起取代")


class XinfangHoliday(models.Model):
    """China's days off and make-up working days (调休), one row per date.

    Dates not in the table follow the week: Monday to Friday are working
    days. The table is seeded from the ``holidays`` library and can be
    edited, e.g. to enter the State Council's notice for next year before a
    library release knows it.
    """

    _name = "xinfang.holiday"
    _description = "Holiday or Make-up Working Day"
    _inherit = ["mail.thread", "mail.activity.mixin", "xinfang.input.mixin"]
    _order = "date"
    _rec_name = "date"

    date = fields.Date(required=True, index=True, tracking=True)
    name = fields.Char(string="Description", required=True)
    kind = fields.Selection(
        [("holiday", "Day Off"), ("workday", "Make-up Working Day")],
        required=True,
        default="holiday",
        tracking=True,
    )
    year = fields.Integer(compute="_compute_year", store=True, index=True)

    _sql_constraints = [
        ("date_unique", "unique(date)", "There is already an entry for this date."),
    ]

    @api.depends("date")
    def _compute_year(self):
        for holiday in self:
            holiday.year = holiday.date.year if holiday.date else 0

    @api.model_create_multi
    def create(self, vals_list):
        holidays = super().create(vals_list)
        self.env.registry.clear_cache()  # _known_years
        holidays._recompute_deadlines()
        return holidays

    def write(self, vals):
        years = set(self.mapped("year"))
        result = super().write(vals)
        if {"date", "kind"} & set(vals):
            self.env.registry.clear_cache()  # _known_years
            self._recompute_deadlines(years | set(self.mapped("year")))
        return result

    def _recompute_deadlines(self, years=None):
        """Deadlines counted on a calendar the table did not know follow the
        year once it is entered (see xinfang.deadline.mixin)."""
        years = years or set(self.mapped("year"))
        if years:
            self.env["xinfang.case"]._deadline_recompute_years(years)

    # ------------------------------------------------------------------
    # Which years the table knows (calendar safety)
    # ------------------------------------------------------------------
    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()  # _known_years
        return result

    @api.model
    def _known_years(self):
        """Years whose make-up working days (调休) are in the table."""
        return set(self._known_years_cached())

    @api.model
    @tools.ormcache()
    def _known_years_cached(self):
        # Cached: every case form and kanban page asks (issue 16); the
        # table changes a few times a year, through the methods above.
        groups = self.sudo()._read_group([("kind", "=", "workday")], ["year"])
        return frozenset(year for (year,) in groups)

    @api.model
    def _unknown_year(self, year, known=None):
        """Whether deadlines in ``year`` count on a calendar the table does
        not know (years before the table starts are history, not flagged)."""
        known = self._known_years() if known is None else known
        return year not in known and (not known or year > min(known))

    @api.model
    def _missing_year(self, today=None):
        """The year whose make-up days an office needs and the table lacks:
        this year, or from 1 November next year; else False."""
        today = today or office_today(self)
        known = self._known_years()
        needed = [today.year] + ([today.year + 1] if today.month >= 11 else [])
        return next((year for year in needed if year not in known), False)

    @api.model
    def _cron_warn_missing_calendar(self):
        """Tell the administrators and the petition office, once per year,
        that the make-up working days of the coming year are missing."""
        year = self._missing_year()
        params = self.env["ir.config_parameter"].sudo()
        if not year or params.get_param("xinfang_agency.calendar_warned_year") == str(
            year
        ):
            return False
        anchor = self.sudo().search([], order="date desc", limit=1)
        if anchor:
            activity_type = self.env.ref("xinfang_agency.mail_activity_type_calendar")
            for user in self._calendar_recipients():
                anchor.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=activity_type.with_context(lang=user.lang).summary,
                    note=self.with_context(lang=user.lang)._missing_year_message(year),
                    date_deadline=office_today(self),
                    user_id=user.id,
                )
        params.set_param("xinfang_agency.calendar_warned_year", str(year))
        return year

    @api.model
    def _calendar_recipients(self):
        """Petition administrators and the clerks of the county center."""
        users = self.env["res.users"].sudo()
        managers = users.search(
            [
                (
                    "groups_id",
                    "in",
                    self.env.ref("xinfang_agency.group_xinfang_manager").ids,
                ),
                ("share", "=", False),
            ]
        )
        clerks = users.search(
            [
                (
                    "groups_id",
                    "in",
                    self.env.ref("xinfang_agency.group_xinfang_clerk").ids,
                ),
                ("xinfang_unit_id.unit_type", "=", "center"),
                ("share", "=", False),
            ]
        )
        return managers | clerks

    @api.model
    def _missing_year_message(self, year):
        return self.env._(
            "The make-up working days of %(year)s are not in the holiday "
            "table. Deadlines falling in %(year)s count Monday to Friday only and "
            "are flagged on their cases. Enter the State Council's notice in "
            "Settings > Petitions > Holidays; flagged deadlines are then recomputed.",
            year=year,
        )

    # ------------------------------------------------------------------
    # Seeding from the library
    # ------------------------------------------------------------------
    @api.model
    def _load_from_library(self, years):
        """Add the library's days off and make-up days for ``years``.

        Dates already in the table are left alone, so an office's edits
        survive. Returns the number of rows created. Raises when the library
        does not know a year's make-up days (the notice is not in it yet).
        """
        if isinstance(years, int):
            years = [years]
        years = sorted(set(years))
        calendar = holidays_lib.China(years=years, language=self._library_language())
        workdays = {d for d in calendar.weekend_workdays if d.year in years}
        unknown = [y for y in years if not any(d.year == y for d in workdays)]
        if unknown:
            raise UserError(
                self.env._(
                    "The holidays library does not know the make-up working days "
                    "of %(years)s yet. Enter the State Council's notice by hand.",
                    years=", ".join(str(y) for y in unknown),
                )
            )
        existing = set(
            self.with_context(active_test=False)
            .search([("year", "in", years)])
            .mapped("date")
        )
        vals_list = []
        for day, name in sorted(calendar.items()):
            if day in existing or day in workdays:
                continue
            match = _SUBSTITUTED.search(name)
            if match:
                name = self.env._("Day off swapped with %(date)s", date=match[1])
            vals_list.append({"date": day, "name": name, "kind": "holiday"})
        for day in sorted(workdays - existing):
            vals_list.append(
                {
                    "date": day,
                    "name": self.env._("Make-up working day"),
                    "kind": "workday",
                }
            )
        self.with_context(mail_create_nolog=True).create(vals_list)
        return len(vals_list)

    @api.model
    def _library_language(self):
        """The library's language closest to the user's."""
        lang = self.env.lang or "en_US"
        if lang in ("zh_TW", "zh_HK"):
            return "zh_TW"
        if lang.startswith("zh"):
            return "zh_CN"
        return "th" if lang.startswith("th") else "en_US"

    @api.model
    def _library_knows(self, year):
        """Whether the library has the make-up working days of ``year``."""
        calendar = holidays_lib.China(years=year)
        return any(d.year == year for d in calendar.weekend_workdays)

    def action_load_from_library(self):
        """Load this year and next from the library, as far as it knows them."""
        year = office_today(self).year
        known = [y for y in (year, year + 1) if self._library_knows(y)]
        created = self._load_from_library(known) if known else 0
        if year + 1 in known:
            message = self.env._(
                "%(count)s dates added from the holidays library.", count=created
            )
            kind = "success"
        else:
            message = self.env._(
                "%(count)s dates added. The library does not know %(year)s yet: "
                "enter the State Council's notice by hand.",
                count=created,
                year=year + 1,
            )
            kind = "warning"
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": kind,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------
    # Working-day arithmetic (民法典 Art. 201, 203)
    # ------------------------------------------------------------------
    @api.model
    def _kinds_between(self, date_from, date_to):
        """{date: kind} for every table row in the range, in one query."""
        rows = self.sudo().search_read(
            [("date", ">=", date_from), ("date", "<=", date_to)], ["date", "kind"]
        )
        return {row["date"]: row["kind"] for row in rows}

    @staticmethod
    def _is_working(day, kinds):
        kind = kinds.get(day)
        if kind:
            return kind == "workday"
        return day.weekday() < 5

    @api.model
    def is_working_day(self, date):
        """Whether ``date`` is a working day (weekday or make-up day)."""
        date = fields.Date.to_date(date)
        return self._is_working(date, self._kinds_between(date, date))

    @api.model
    def _next_working_day(self, date, kinds=None):
        """``date`` itself if a working day, else the next working day."""
        date = fields.Date.to_date(date)
        window_end = date + timedelta(days=31)
        if kinds is None:
            kinds = self._kinds_between(date, window_end)
        while not self._is_working(date, kinds):
            date += timedelta(days=1)
            if date > window_end:
                # Longer than any Chinese holiday: extend the window once more.
                window_end = date + timedelta(days=31)
                kinds.update(self._kinds_between(date, window_end))
        return date

    @api.model
    def add_working_days(self, date, n):
        """The ``n``-th working day after ``date`` (the day itself not counted)."""
        date = fields.Date.to_date(date)
        if n <= 0:
            return self._next_working_day(date) if n == 0 else date
        # Every week has at least 5 working days minus holidays; 2x + 31 covers
        # the longest break (Spring Festival) with margin.
        window_end = date + timedelta(days=2 * n + 31)
        kinds = self._kinds_between(date, window_end)
        counted = 0
        while counted < n:
            date += timedelta(days=1)
            if date > window_end:
                window_end = date + timedelta(days=2 * (n - counted) + 31)
                kinds.update(self._kinds_between(date, window_end))
            if self._is_working(date, kinds):
                counted += 1
        return date

    @api.model
    def add_calendar_days(self, date, n):
        """``date`` + ``n`` days, moved to the next working day if a day off."""
        date = fields.Date.to_date(date)
        return self._next_working_day(date + timedelta(days=n))

    @api.model
    def add_days(self, date, n, unit):
        """Add ``n`` days counted in ``unit`` (``calendar`` or ``working``)."""
        if unit == "working":
            return self.add_working_days(date, n)
        return self.add_calendar_days(date, n)
