from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.xinfang_agency.models.res_company import office_today
from odoo.addons.xinfang_agency.models.xinfang_deadline_mixin import (
    digest_body,
    in_lang_of,
    notify_digest,
)

DECISION_STATES = [
    ("open", "Open"),
    ("progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("open", "progress")
SECRETARY_GROUP = "xinfang_meeting.group_xinfang_meeting_secretary"
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

    Each open decision is a follow-up activity of its owner; marking it done
    closes the activity, cancelling it cancels the activity.
    """

    _name = "xinfang.meeting.decision"
    _description = "Meeting Decision"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "xinfang.write.guard.mixin",
        "xinfang.input.mixin",
    ]
    _order = "deadline, sequence, id"

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
    followup_activity_id = fields.Many2one(
        "mail.activity", readonly=True, copy=False, ondelete="set null"
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
        today = office_today(self)
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
            ("deadline", "<", office_today(self)),
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
    # Follow-up activity
    # ------------------------------------------------------------------
    def _schedule_followup_activity(self):
        """Create the owner's activity of every open decision lacking one."""
        todo = self.filtered(
            lambda d: d.state in OPEN_STATES
            and d.user_id
            and not d.followup_activity_id
        )
        if not todo:
            return
        activity_type = self.env.ref("xinfang_meeting.mail_activity_type_decision")
        model_id = self.env["ir.model"]._get_id(self._name)
        # Created in each owner's language: Odoo tells them of the activity.
        for decisions in todo.grouped(lambda d: d.user_id.lang).values():
            activities = in_lang_of(
                self.env["mail.activity"], decisions.user_id[:1]
            ).create(
                [
                    {
                        "activity_type_id": activity_type.id,
                        "res_model_id": model_id,
                        "res_id": decision.id,
                        "user_id": decision.user_id.id,
                        "date_deadline": decision.deadline,
                        "summary": decision.name,
                    }
                    for decision in decisions
                ]
            )
            for decision, activity in zip(decisions, activities, strict=True):
                decision.sudo().followup_activity_id = activity

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
        activities = self.followup_activity_id
        if vals.get("state") == "done":
            self.filtered(lambda d: not d.done_date).write(
                {"done_date": office_today(self)}
            )
            activities.action_feedback(feedback=self.env._("Decision carried out."))
        elif vals.get("state") == "cancelled":
            activities.unlink()
        elif vals.get("state") in OPEN_STATES:
            self._schedule_followup_activity()
        update = {}
        if "user_id" in vals:
            update["user_id"] = vals["user_id"]
        if "deadline" in vals:
            update["date_deadline"] = vals["deadline"]
        if update and vals.get("state") not in ("done", "cancelled"):
            self.followup_activity_id.exists().write(update)
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
    # Urging overdue decisions (督促落实), once a day at most per decision
    # ------------------------------------------------------------------
    @api.model
    def _cron_urge_overdue(self, batch_size=500):
        today = office_today(self)
        decisions = self.search(
            [
                ("state", "in", OPEN_STATES),
                ("deadline", "<", today),
                "|",
                ("last_urge_date", "=", False),
                ("last_urge_date", "<", today),
            ],
            limit=batch_size,
            order="deadline, id",
        )
        decisions._message_log_batch(
            bodies={
                decision.id: escape(
                    in_lang_of(decision, decision.user_id).env._(
                        "Overdue since %(deadline)s: please carry out this decision "
                        "and record its progress.",
                        deadline=decision.deadline,
                    )
                )
                for decision in decisions
            },
            message_type="comment",
        )
        for owner, owned in decisions.grouped("user_id").items():
            owned._urge_owner(owner)
        decisions.write({"last_urge_date": today})
        if len(decisions) == batch_size:
            self.env.ref("xinfang_meeting.ir_cron_urge_overdue_decisions")._trigger()
        return decisions

    def _urge_owner(self, owner):
        """One message to ``owner`` listing these overdue decisions of theirs
        (not one per decision, every day)."""
        if not owner:
            return
        decisions = in_lang_of(self, owner)
        notify_digest(
            owner,
            decisions.env._("Overdue decisions: %(count)s", count=len(decisions)),
            digest_body(
                decisions,
                decisions.env._(
                    "Please carry out these decisions and record their progress:"
                ),
                lambda decision: str(decision.deadline),
            ),
        )

    def _creation_message(self):
        self.ensure_one()
        readers = self.user_id | self.env.user
        return in_lang_of(self, readers).env._("Decision recorded.")
