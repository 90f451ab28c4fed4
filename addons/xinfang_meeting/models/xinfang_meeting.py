from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.xinfang_agency.models.xinfang_deadline_mixin import in_lang_of

MEETING_KINDS = [
    ("regular", "Regular"),
    ("ad_hoc", "Ad Hoc"),
    ("weekly", "Weekly Consultation"),
    ("special", "Special Topic"),
]
MEETING_STATES = [
    ("draft", "Draft"),
    ("held", "Held"),
    ("approved", "Minutes Approved"),
    ("sent", "Sent"),
]
HELD_STATES = ("held", "approved", "sent")
GRASSROOTS_UNIT_TYPES = ("point", "station")
SECRETARY_GROUP = "xinfang_meeting.group_xinfang_meeting_secretary"
# What the secretary records by hand. The convener, kind, date and unit are
# settled before the meeting is held (the weekly consultation a unit held
# counts in its 2211 score); the minutes are recorded until the convener
# approves them, then nothing changes. Decisions follow their own rules.
DRAFT_FIELDS = (
    "name",
    "kind",
    "date",
    "place",
    "unit_id",
    "body_id",
    "chair_id",
    "convener_id",
    "task_force_id",
    "attendee_ids",
    "absentee_ids",
    "attendee_unit_ids",
    "agenda_item_ids",
    "minutes",
    "decision_ids",
)
# Once held: everything but what decided whether it counts.
SETTLED_WHEN_HELD = ("kind", "date", "unit_id", "body_id", "convener_id")
HELD_FIELDS = tuple(name for name in DRAFT_FIELDS if name not in SETTLED_WHEN_HELD)


class XinfangMeeting(models.Model):
    _name = "xinfang.meeting"
    _description = "Petition Joint Meeting"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "xinfang.write.guard.mixin",
        "xinfang.input.mixin",
    ]
    _order = "date desc, id desc"

    _write_guard_state_field = "state"
    _write_guard_rules = (
        (("draft",), (SECRETARY_GROUP,), DRAFT_FIELDS),
        (("held",), (SECRETARY_GROUP,), HELD_FIELDS),
        (("approved", "sent"), (SECRETARY_GROUP,), ("decision_ids",)),
    )
    _write_guard_create_rules = (((SECRETARY_GROUP,), (*DRAFT_FIELDS, "active")),)
    _write_guard_author_field = "recorded_by_id"

    reference = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index="trigram",
        help="Number of the minutes (会议纪要), from a sequence.",
    )
    name = fields.Char(string="Subject", required=True, tracking=True)
    body_id = fields.Many2one(
        "xinfang.joint.meeting.body",
        string="Joint Meeting",
        index=True,
        tracking=True,
        default=lambda self: self._default_body_id(),
    )
    kind = fields.Selection(
        MEETING_KINDS, required=True, default="regular", tracking=True, index=True
    )
    state = fields.Selection(
        MEETING_STATES,
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    meeting_date = fields.Date(
        compute="_compute_iso_week",
        store=True,
        index=True,
        help="Local calendar day of the meeting.",
    )
    iso_year = fields.Integer(
        string="ISO Year", compute="_compute_iso_week", store=True
    )
    iso_week = fields.Integer(
        string="ISO Week", compute="_compute_iso_week", store=True
    )
    weekly_unit_id = fields.Many2one(
        "xinfang.unit",
        string="Consulting Unit",
        compute="_compute_weekly_unit_id",
        store=True,
        index=True,
        help="The grassroots unit whose weekly consultation this is.",
    )
    place = fields.Char(tracking=True)
    unit_id = fields.Many2one(
        "xinfang.unit",
        string="Convening Unit",
        default=lambda self: self.env.user.xinfang_unit_id,
        index=True,
        tracking=True,
    )
    chair_id = fields.Many2one("res.users", tracking=True)
    convener_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        compute="_compute_convener_id",
        store=True,
        readonly=False,
        help="Approves the minutes.",
    )
    attendee_ids = fields.Many2many(
        "res.users",
        "xinfang_meeting_attendee_rel",
        "meeting_id",
        "user_id",
        string="Attendees",
    )
    absentee_ids = fields.Many2many(
        "res.users",
        "xinfang_meeting_absentee_rel",
        "meeting_id",
        "user_id",
        string="Absentees",
    )
    attendee_unit_ids = fields.Many2many(
        "xinfang.unit",
        "xinfang_meeting_unit_rel",
        "meeting_id",
        "unit_id",
        string="Attending Units",
    )
    agenda_item_ids = fields.One2many(
        "xinfang.meeting.agenda.item", "meeting_id", string="Agenda", copy=True
    )
    minutes = fields.Html()
    decision_ids = fields.One2many(
        "xinfang.meeting.decision", "meeting_id", string="Decisions"
    )
    decision_count = fields.Integer(compute="_compute_decision_count")
    task_force_id = fields.Many2one("xinfang.task.force", index=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    sent_date = fields.Datetime(readonly=True, copy=False)
    recorded_by_id = fields.Many2one(
        "res.users",
        string="Recorded by",
        readonly=True,
        copy=False,
        help="Who last recorded the meeting or its minutes: the convener "
        "approves someone else's record, not their own.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "weekly_unit_week_unique",
            "unique(weekly_unit_id, iso_year, iso_week)",
            "A grassroots unit holds one weekly consultation per week.",
        ),
    ]

    @api.model
    def _default_body_id(self):
        return self.env["xinfang.joint.meeting.body"].search([], limit=1)

    def _local_day(self, value):
        """Calendar day of a datetime in the office (whatever the user's zone)."""
        return self.env.company._xinfang_local_day(value)

    @api.depends("date")
    def _compute_iso_week(self):
        for meeting in self:
            day = meeting._local_day(meeting.date)
            iso = day.isocalendar() if day else (0, 0, 0)
            meeting.meeting_date = day
            meeting.iso_year = iso[0]
            meeting.iso_week = iso[1]

    @api.depends("kind", "unit_id")
    def _compute_weekly_unit_id(self):
        for meeting in self:
            meeting.weekly_unit_id = (
                meeting.unit_id if meeting.kind == "weekly" else False
            )

    @api.depends("body_id")
    def _compute_convener_id(self):
        for meeting in self:
            if not meeting.convener_id:
                meeting.convener_id = meeting.body_id.chief_convener_id

    @api.depends("decision_ids")
    def _compute_decision_count(self):
        counts = dict(
            self.env["xinfang.meeting.decision"]._read_group(
                [("meeting_id", "in", self.ids)], ["meeting_id"], ["__count"]
            )
        )
        for meeting in self:
            meeting.decision_count = counts.get(meeting, 0)

    @api.constrains("kind", "unit_id")
    def _check_weekly_unit(self):
        for meeting in self:
            if meeting.kind == "weekly" and (
                meeting.unit_id.unit_type not in GRASSROOTS_UNIT_TYPES
            ):
                raise ValidationError(
                    self.env._(
                        "A weekly consultation is held by a village/community "
                        "point or a township/street station; set its unit."
                    )
                )

    @api.constrains("attendee_ids", "absentee_ids")
    def _check_attendance(self):
        for meeting in self:
            both = meeting.attendee_ids & meeting.absentee_ids
            if both:
                raise ValidationError(
                    self.env._(
                        "%(names)s cannot be both present and absent.",
                        names=", ".join(both.mapped("name")),
                    )
                )

    @api.constrains("date")
    def _check_decision_deadlines(self):
        for meeting in self:
            late = meeting.decision_ids.filtered(
                lambda d, day=meeting.meeting_date: d.deadline and d.deadline < day
            )
            if late:
                raise ValidationError(
                    self.env._(
                        "The meeting cannot take place after the deadline of "
                        "its decision %(decision)s.",
                        decision=late[0].name,
                    )
                )

    def _check_weekly_duplicates(self, vals_list):
        """Refuse a second weekly consultation of a unit in one ISO week.

        ``vals_list`` holds the final values of each meeting (kind, unit_id,
        date) and the id it has (False for new ones). One search for all.
        """
        keys = {}
        for vals in vals_list:
            if vals.get("kind") != "weekly" or not vals.get("unit_id"):
                continue
            day = self._local_day(vals.get("date") or fields.Datetime.now())
            key = (vals["unit_id"], *day.isocalendar()[:2])
            if key in keys:
                self._raise_weekly_duplicate(key)
            keys[key] = vals.get("id")
        if not keys:
            return
        existing = self.with_context(active_test=False).search(
            [
                ("weekly_unit_id", "in", list({key[0] for key in keys})),
                ("iso_year", "in", list({key[1] for key in keys})),
                ("iso_week", "in", list({key[2] for key in keys})),
            ]
        )
        for meeting in existing:
            key = (meeting.weekly_unit_id.id, meeting.iso_year, meeting.iso_week)
            if key in keys and keys[key] != meeting.id:
                self._raise_weekly_duplicate(key, meeting)

    def _raise_weekly_duplicate(self, key, meeting=None):
        unit = self.env["xinfang.unit"].browse(key[0])
        existing = " (%s)" % meeting.reference if meeting else ""
        raise ValidationError(
            self.env._(
                "%(unit)s already has a weekly consultation in week %(week)s "
                "of %(year)s%(ref)s; one per unit and week.",
                unit=unit.display_name,
                week=key[2],
                year=key[1],
                ref=existing,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        defaults = self.default_get(["kind", "unit_id", "date"])
        self._check_weekly_duplicates([{**defaults, **vals} for vals in vals_list])
        meetings = super().create(vals_list)
        # The number comes from the sequence, never from the user.
        new = self.env._("New")
        for meeting in meetings.filtered(lambda m: m.reference == new):
            meeting.sudo().reference = (
                self.env["ir.sequence"]._xinfang_next("xinfang.meeting") or new
            )
        return meetings

    def write(self, vals):
        if {"kind", "unit_id", "date"}.intersection(vals):
            self._check_weekly_duplicates(
                [
                    {
                        "id": meeting.id,
                        "kind": vals.get("kind", meeting.kind),
                        "unit_id": vals.get("unit_id", meeting.unit_id.id),
                        "date": vals.get("date", meeting.date),
                    }
                    for meeting in self
                ]
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        if any(m.state != "draft" or m.decision_ids for m in self):
            raise UserError(
                self.env._(
                    "Only a draft meeting without decisions can be deleted; "
                    "archive it instead."
                )
            )

    # ------------------------------------------------------------------
    # Flow: draft -> held -> minutes approved (convener) -> sent
    # ------------------------------------------------------------------
    def _check_secretary(self):
        if not self.env.user.has_group(SECRETARY_GROUP):
            raise AccessError(
                self.env._(
                    "Only the joint-meeting office (secretary) records meetings."
                )
            )
        self.check_access("write")

    def action_hold(self):
        self._check_secretary()
        if any(m.state != "draft" for m in self):
            raise UserError(self.env._("Only a draft meeting can be marked as held."))
        self.sudo().write({"state": "held"})

    def action_approve_minutes(self):
        for meeting in self:
            if meeting.state != "held":
                raise UserError(
                    self.env._(
                        "The minutes of %(meeting)s cannot be approved: the "
                        "meeting has not been held.",
                        meeting=meeting.name,
                    )
                )
            if meeting.convener_id != self.env.user:
                raise UserError(
                    self.env._(
                        "Only the convener (%(convener)s) approves the minutes "
                        "of %(meeting)s.",
                        convener=meeting.convener_id.name or self.env._("not set"),
                        meeting=meeting.name,
                    )
                )
            meeting._write_guard_ensure_not_author(
                lambda recorded: self.env._(
                    "You recorded the minutes of %(meeting)s yourself: "
                    "another person approves them.",
                    meeting=recorded.name,
                )
            )
        # The convener reads meetings but does not edit them: the checks
        # above are the permission for this one transition.
        self.sudo().write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )

    def action_archive(self):
        """The joint-meeting office archives meetings (never deletes held ones)."""
        self._check_secretary()
        return super(XinfangMeeting, self.sudo()).action_archive()

    def action_unarchive(self):
        self._check_secretary()
        return super(XinfangMeeting, self.sudo()).action_unarchive()

    def action_send_minutes(self):
        """Send the approved minutes as PDF to the district office (queued)."""
        self._check_secretary()
        for meeting in self:
            if meeting.state != "approved":
                raise UserError(
                    self.env._(
                        "Only approved minutes are sent; %(meeting)s is not approved.",
                        meeting=meeting.name,
                    )
                )
            office = meeting.body_id.district_office_partner_id
            if not office.email:
                raise UserError(
                    self.env._(
                        "Set the district joint-meeting office and its email "
                        "address on the joint meeting %(body)s.",
                        body=meeting.body_id.name or "",
                    )
                )
        report = self.env.ref("xinfang_meeting.action_report_meeting_minutes")
        for meeting in self:
            pdf, _fmt = self.env["ir.actions.report"]._render_qweb_pdf(
                report, meeting.ids
            )
            attachment = self.env["ir.attachment"].create(
                {
                    "name": f"{meeting.reference}.pdf",
                    "raw": pdf,
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": meeting.id,
                }
            )
            meeting.with_context(mail_notify_force_send=False).message_post(
                subject=self.env._("Minutes %(ref)s", ref=meeting.reference),
                body=self.env._(
                    "Minutes of %(meeting)s sent to the district joint-meeting office.",
                    meeting=meeting.name,
                ),
                partner_ids=meeting.body_id.district_office_partner_id.ids,
                attachment_ids=attachment.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        self.sudo().write({"state": "sent", "sent_date": fields.Datetime.now()})

    def action_view_decisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "xinfang_meeting.xinfang_meeting_decision_action"
        )
        action["domain"] = [("meeting_id", "=", self.id)]
        action["context"] = {"default_meeting_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Weekly consultation (每周一会商) figures for the assessment module
    # ------------------------------------------------------------------
    @api.model
    def _weekly_consultation_domain(self, units, date_from, date_to):
        return [
            ("kind", "=", "weekly"),
            ("weekly_unit_id", "in", units.ids),
            ("state", "in", HELD_STATES),
            ("meeting_date", ">=", date_from),
            ("meeting_date", "<=", date_to),
        ]

    @api.model
    def _weekly_consultation_counts(self, units, date_from, date_to):
        """Weeks in which each unit held its weekly consultation.

        :param units: ``xinfang.unit`` recordset
        :param date_from, date_to: dates (inclusive)
        :return: ``{unit_id: number of weeks held}`` for every unit (0 when none)
        """
        groups = self._read_group(
            self._weekly_consultation_domain(units, date_from, date_to),
            ["weekly_unit_id"],
            ["__count"],
        )
        counts = dict.fromkeys(units.ids, 0)
        # One consultation per unit and ISO week (SQL constraint): the number
        # of meetings is the number of weeks.
        counts.update({unit.id: count for unit, count in groups})
        return counts

    @api.model
    def _iso_weeks_between(self, date_from, date_to):
        """Number of ISO weeks touched by the period (the expected count)."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if date_to < date_from:
            return 0
        start = date_from - timedelta(days=date_from.weekday())
        end = date_to - timedelta(days=date_to.weekday())
        return (end - start).days // 7 + 1

    def _creation_message(self):
        # A code term in the readers' language (the model's name is a data
        # term, not yet translated while demo data loads).
        self.ensure_one()
        readers = self.convener_id | self.chair_id | self.env.user
        return in_lang_of(self, readers).env._("Meeting recorded.")
