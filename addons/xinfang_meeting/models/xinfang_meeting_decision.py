from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.xinfang_agency.models.xinfang_deadline_mixin import urge_paragraph

DECISION_STATES = [
    ("open", "Open"),
    ("progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("open", "progress")
SECRETARY_GROUP = "xinfang_meeting.group_xinfang_meeting_secretary"
DECISION_ACTIVITY = "xinfang_meeting.mail_activity_type_decision"
USER_GROUP = "base.group_user"
# What an owner (the record rules let them write only their own decisions)
# and the joint-meeting office change by hand while a decision is open. The
# status changes through the actions below (a drag on the board too).
OWNER_FIELDS = ("description", "note_ids")
SECRETARY_FIELDS = (
    "sequence",
    "name",
    "description",
    "meeting_id",
    "roadmap_id",
    "case_id",
    "user_id",
    "unit_id",
    "deadline",
    "note_ids",
)
# Target status -> the action that moves there.
STATE_ACTIONS = {
    "progress": "action_start",
    "done": "action_done",
    "cancelled": "action_cancel",
    "open": "action_reopen",
}


class XinfangMeetingDecision(models.Model):
    """A decision (议定事项) of a meeting, or a step of a work roadmap.

    Each open decision is a follow-up activity of its owner (a deadline of
    the deadline mixin, through mail's activity API); marking it done closes
    the activity, cancelling it cancels the activity. The agency's one
    urging job urges overdue decisions with the cases and disputes: the
    owner gets a note and the decisions in their digest.
    """

    _name = "xinfang.meeting.decision"
    _description = "Meeting Decision"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "xinfang.write.guard.mixin",
        "xinfang.input.mixin",
        "xinfang.deadline.mixin",
    ]
    _order = "deadline, sequence, id"

    # The owner is urged (in the digest, with a note), no urging activity:
    # their follow-up activity is the one overdue.
    _deadline_unit_field = "unit_id"
    _deadline_urge_type = False

    _write_guard_state_field = "state"
    _write_guard_rules = (
        (OPEN_STATES, (USER_GROUP,), OWNER_FIELDS),
        (OPEN_STATES, (SECRETARY_GROUP,), SECRETARY_FIELDS),
    )
    _write_guard_create_rules = (((SECRETARY_GROUP,), (*SECRETARY_FIELDS, "active")),)

    sequence = fields.Integer(default=10)
    name = fields.Char(string="Decision", required=True, tracking=True)
    description = fields.Text()
    meeting_id = fields.Many2one(
        "xinfang.meeting", index=True, ondelete="restrict", tracking=True
    )
    meeting_date = fields.Date(related="meeting_id.meeting_date")
    roadmap_id = fields.Many2one(
        "xinfang.work.roadmap", index=True, ondelete="restrict"
    )
    case_id = fields.Many2one(
        "xinfang.case",
        index=True,
        tracking=True,
        compute="_compute_case_id",
        store=True,
        readonly=False,
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible Person", index=True, tracking=True
    )
    unit_id = fields.Many2one(
        "xinfang.unit",
        string="Responsible Unit",
        index=True,
        tracking=True,
        compute="_compute_unit_id",
        store=True,
        readonly=False,
    )
    deadline = fields.Date(index=True, tracking=True)
    state = fields.Selection(
        DECISION_STATES,
        string="Status",
        required=True,
        default="open",
        index=True,
        tracking=True,
        copy=False,
        group_expand="_group_expand_states",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    note_ids = fields.One2many(
        "xinfang.meeting.decision.note", "decision_id", string="Progress Notes"
    )
    last_urge_date = fields.Date(readonly=True, copy=False)
    done_date = fields.Date(readonly=True, copy=False)
    active = fields.Boolean(default=True)

    @api.depends("roadmap_id")
    def _compute_case_id(self):
        for decision in self:
            if not decision.case_id and decision.roadmap_id:
                decision.case_id = decision.roadmap_id.case_id

    @api.depends("user_id")
    def _compute_unit_id(self):
        for decision in self:
            if not decision.unit_id:
                decision.unit_id = decision.user_id.xinfang_unit_id

    @api.depends("deadline", "state")
    def _compute_is_overdue(self):
        today = self._deadline_today()
        for decision in self:
            decision.is_overdue = bool(
                decision.state in OPEN_STATES
                and decision.deadline
                and decision.deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on overdue decisions."))
        overdue = [
            ("state", "in", OPEN_STATES),
            ("deadline", "<", self._deadline_today()),
        ]
        if (operator == "=") == bool(value):
            return overdue
        return ["!", "&", *overdue]

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in DECISION_STATES]

    @api.constrains("user_id", "deadline")
    def _check_owner_deadline(self):
        for decision in self:
            if not decision.user_id:
                raise ValidationError(
                    self.env._(
                        "The decision %(decision)s needs a responsible person.",
                        decision=decision.name,
                    )
                )
            if not decision.deadline:
                raise ValidationError(
                    self.env._(
                        "The decision %(decision)s needs a deadline.",
                        decision=decision.name,
                    )
                )

    @api.constrains("deadline", "meeting_id")
    def _check_deadline_after_meeting(self):
        for decision in self:
            meeting_day = decision.meeting_id.meeting_date
            if decision.deadline and meeting_day and decision.deadline < meeting_day:
                raise ValidationError(
                    self.env._(
                        "The deadline of %(decision)s (%(deadline)s) is before "
                        "the meeting (%(meeting)s).",
                        decision=decision.name,
                        deadline=decision.deadline,
                        meeting=meeting_day,
                    )
                )

    # ------------------------------------------------------------------
    # Follow-up activity: the decision's deadline (deadline mixin)
    # ------------------------------------------------------------------
    @api.model
    def _deadline_kinds(self):
        return ["decision"]

    @api.model
    def _deadline_activity_xmlid(self, kind):
        return DECISION_ACTIVITY

    def _schedule_followup_activity(self):
        """Schedule the owner's activity of every open decision lacking one."""
        todo = self.filtered(
            lambda d: d.state in OPEN_STATES
            and d.user_id
            and not d._deadline_open_activity("decision")
        )
        for decision in todo:
            # In the owner's language: Odoo tells them of the activity.
            decision._deadline_in_lang_of(decision.user_id).activity_schedule(
                DECISION_ACTIVITY,
                date_deadline=decision.deadline,
                summary=decision.name,
                user_id=decision.user_id.id,
            )

    @api.model_create_multi
    def create(self, vals_list):
        decisions = super().create(vals_list)
        decisions._schedule_followup_activity()
        return decisions

    def write(self, vals):
        if "state" in vals and not self.env.su:
            # A status set by hand (a drag on the board) is the matching
            # action, with its checks; nothing else moves a decision.
            vals = dict(vals)
            target = vals.pop("state")
            action = STATE_ACTIONS.get(target)
            if not action:
                raise UserError(self.env._("Unknown decision status: %s", target))
            if vals:
                self.write(vals)
            return getattr(self.filtered(lambda d: d.state != target), action)() or True
        res = super().write(vals)
        if vals.get("state") == "done":
            self.filtered(lambda d: not d.done_date).write(
                {"done_date": self._deadline_today()}
            )
            self._deadline_done(
                "decision", feedback=self.env._("Decision carried out.")
            )
        elif vals.get("state") == "cancelled":
            self.activity_unlink([DECISION_ACTIVITY])
        elif vals.get("state") in OPEN_STATES:
            self._schedule_followup_activity()
        if {"user_id", "deadline"} & set(vals) and vals.get("state") not in (
            "done",
            "cancelled",
        ):
            owner = self.env["res.users"].browse(vals.get("user_id"))
            self._deadline_in_lang_of(owner).activity_reschedule(
                [DECISION_ACTIVITY],
                date_deadline=vals.get("deadline"),
                new_user_id=vals.get("user_id"),
            )
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_always(self):
        if self:
            raise UserError(
                self.env._(
                    "Decisions are never deleted: cancel or archive them instead."
                )
            )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda d: d.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(decision)s cannot be %(action)s from its current status.",
                    decision=wrong[0].name,
                    action=action,
                )
            )

    def _check_mover(self, office_only=False):
        """Owners start and finish their decisions; the office does all."""
        if self.env.user.has_group(SECRETARY_GROUP):
            self.check_access("write")
            return
        if office_only:
            raise AccessError(
                self.env._(
                    "Only the joint-meeting office cancels or reopens a decision."
                )
            )
        # The record rules let an owner write their own decisions only.
        self.check_access("write")

    def action_start(self):
        self._check_mover()
        self._check_state(("open",), self.env._("started"))
        self.sudo().write({"state": "progress"})

    def action_done(self):
        self._check_mover()
        self._check_state(OPEN_STATES, self.env._("marked done"))
        self.sudo().write({"state": "done"})

    def action_cancel(self):
        self._check_mover(office_only=True)
        self._check_state(OPEN_STATES, self.env._("cancelled"))
        self.sudo().write({"state": "cancelled"})

    def action_reopen(self):
        self._check_mover(office_only=True)
        self._check_state(("done", "cancelled"), self.env._("reopened"))
        self.sudo().write({"state": "open"})

    # ------------------------------------------------------------------
    # Urging overdue decisions (督促落实): the agency's urging job
    # ------------------------------------------------------------------
    def _deadline_clerks(self):
        """The owner of each decision is the one urged."""
        return {decision.id: decision.user_id for decision in self}

    @api.model
    def _urge_overdue(self, today):
        urged = super()._urge_overdue(today)
        decisions = self.browse().union(*(records for records, _act in urged.values()))
        decisions._mark_urged(today)
        return urged

    def _mark_urged(self, today):
        """Record the day these decisions were urged: one UPDATE for a
        backlog of thousands (a read-only date, untracked)."""
        if not self:
            return
        self.flush_recordset(["last_urge_date"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE xinfang_meeting_decision
                   SET last_urge_date = %s, write_uid = %s, write_date = %s
                 WHERE id = ANY(%s)
                """,
                today,
                self.env.uid,
                self.env.cr.now(),
                self.ids,
            )
        )
        self.invalidate_recordset(["last_urge_date", "write_uid", "write_date"])

    def _urge_notes(self, activities_by_record):
        note = self.env._(
            "Overdue since %(deadline)s: please carry out this decision "
            "and record its progress."
        )
        return {
            decision.id: urge_paragraph(note % {"deadline": decision.deadline})
            for decision in self
        }

    def _urge_digest_intro(self):
        return self.env._("Please carry out these decisions and record their progress:")

    def _urge_digest_line(self, activities_by_record):
        self.ensure_one()
        return str(self.deadline)

    def _creation_message(self):
        self.ensure_one()
        readers = self.user_id | self.env.user
        return self._deadline_in_lang_of(readers).env._("Decision recorded.")
