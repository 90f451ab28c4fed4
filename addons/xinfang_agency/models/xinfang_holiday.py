import re
from datetime import timedelta

import holidays as holidays_lib

from odoo import api, fields, models
from odoo.exceptions import UserError

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
    _inherit = ["xinfang.input.mixin"]
    _order = "date"
    _rec_name = "date"

    date = fields.Date(required=True, index=True)
    name = fields.Char(string="Description", required=True)
    kind = fields.Selection(
        [("holiday", "Day Off"), ("workday", "Make-up Working Day")],
        required=True,
        default="holiday",
    )
    year = fields.Integer(compute="_compute_year", store=True, index=True)

    _sql_constraints = [
        ("date_unique", "unique(date)", "There is already an entry for this date."),
    ]

    @api.depends("date")
    def _compute_year(self):
        for holiday in self:
            holiday.year = holiday.date.year if holiday.date else 0

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
                {"date": day, "name": self.env._("Make-up working day"), "kind": "workday"}
            )
        self.create(vals_list)
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
        year = fields.Date.context_today(self).year
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
