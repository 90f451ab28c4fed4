from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.xinfang_agency.models.res_company import office_today

WEEKS_SHOWN = 8


class XinfangMeetingWeeklyReport(models.Model):
    """Which grassroots units held their weekly consultation, week by week.

    One row per point/station and ISO week over the last weeks (up to the
    user's today), held or not.
    """

    _name = "xinfang.meeting.weekly.report"
    _description = "Weekly Consultation Report"
    _auto = False
    _order = "week_start desc, unit_id"

    unit_id = fields.Many2one("xinfang.unit", readonly=True)
    parent_unit_id = fields.Many2one("xinfang.unit", readonly=True)
    unit_type = fields.Selection(
        [
            ("station", "Station (township/street)"),
            ("point", "Point (village/community)"),
        ],
        readonly=True,
    )
    week_start = fields.Date(readonly=True)
    iso_year = fields.Integer(string="ISO Year", readonly=True)
    iso_week = fields.Integer(string="ISO Week", readonly=True)
    is_current_week = fields.Boolean(string="This Week", readonly=True)
    meeting_id = fields.Many2one(
        "xinfang.meeting", string="Consultation", readonly=True
    )
    held = fields.Boolean(readonly=True)
    held_count = fields.Integer(string="Weeks Held", readonly=True, aggregator="sum")
    missed_count = fields.Integer(
        string="Weeks Not Held", readonly=True, aggregator="sum"
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH weeks AS (
                SELECT week_start::date AS week_start,
                       EXTRACT(isoyear FROM week_start)::int AS iso_year,
                       EXTRACT(week FROM week_start)::int AS iso_week
                  FROM generate_series(
                       date_trunc('week', %(today)s::date)
                           - %(span)s * interval '1 week',
                       date_trunc('week', %(today)s::date),
                       interval '1 week') AS week_start
            )
            SELECT u.id::bigint * 1000000 + w.iso_year * 100 + w.iso_week AS id,
                   u.id AS unit_id,
                   u.parent_id AS parent_unit_id,
                   u.unit_type AS unit_type,
                   w.week_start AS week_start,
                   w.iso_year AS iso_year,
                   w.iso_week AS iso_week,
                   w.week_start = date_trunc('week', %(today)s::date)::date
                       AS is_current_week,
                   m.id AS meeting_id,
                   COALESCE(m.state IN %(held)s, FALSE) AS held,
                   CASE WHEN m.state IN %(held)s THEN 1 ELSE 0 END AS held_count,
                   CASE WHEN m.state IN %(held)s THEN 0 ELSE 1 END AS missed_count
              FROM xinfang_unit u
              CROSS JOIN weeks w
              LEFT JOIN xinfang_meeting m
                     ON m.weekly_unit_id = u.id
                    AND m.iso_year = w.iso_year
                    AND m.iso_week = w.iso_week
                    AND m.active
             WHERE u.active AND u.unit_type IN ('point', 'station')
            """,
            span=WEEKS_SHOWN - 1,
            today=office_today(self),
            held=("held", "approved", "sent"),
        )
