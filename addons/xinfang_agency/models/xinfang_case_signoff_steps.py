from collections import defaultdict

from odoo import api, models
from odoo.exceptions import UserError

from .res_company import office_today
from .xinfang_deadline_mixin import in_lang_of

# The principal leaders sign (待签批) in these states.
SIGNOFF_STATES = ("assign_signoff", "close_signoff")
SIGNOFF_ACTIVITY = "xinfang_agency.mail_activity_type_deadline_signoff"


class XinfangCaseSignoffSteps(models.AbstractModel):
    """交办签 and 办结签: the principal leader of the case's unit signs (or
    returns) the assignment before handling starts and the reply before
    the petitioner is told. Each decision is an immutable
    ``xinfang.case.signoff`` record; the flow's preconditions read them.

    A concern of ``xinfang.case`` only (steps of the flow table).
    """

    _name = "xinfang.case.signoff.steps"
    _description = "Petition Sign-off Steps"

    @api.depends("signoff_ids.kind", "signoff_ids.decision")
    def _compute_signed(self):
        for case in self:
            case.assign_signed = case._last_signoff("assign").decision == "signed"
            case.close_signed = case._last_signoff("close").decision == "signed"

    def _last_signoff(self, kind):
        self.ensure_one()
        signoffs = self.signoff_ids.filtered(lambda s: s.kind == kind)
        return signoffs.sorted("id")[-1:] if signoffs else signoffs

    # ------------------------------------------------------------------
    # Who signs: 待签批 activities
    # ------------------------------------------------------------------
    def _xinfang_principal_leaders(self):
        """Principal leaders of each case's unit: the nearest unit up the tree
        that has members in the principal leaders' group."""
        units = (self.handling_unit_id | self.agency_unit_id).sudo()
        chains = {
            unit.id: [
                int(i) for i in reversed((unit.parent_path or "").split("/")) if i
            ]
            for unit in units
        }
        all_ids = {i for chain in chains.values() for i in chain}
        group = self.env.ref("xinfang_agency.group_xinfang_principal")
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", group.ids),
                    ("xinfang_unit_id", "in", list(all_ids)),
                ]
            )
        )
        by_unit = defaultdict(lambda: self.env["res.users"])
        for user in users:
            by_unit[user.xinfang_unit_id.id] |= user
        result = {}
        for unit_id, chain in chains.items():
            for ancestor in chain:
                if by_unit.get(ancestor):
                    result[unit_id] = by_unit[ancestor]
                    break
        return result

    def _signoff_request(self):
        """待签批: an activity for each principal leader of the case's unit
        (the nearest unit up the tree that has one), done when one of them
        signs or returns the sign-off."""
        principals = self._xinfang_principal_leaders()
        activity_type = self._deadline_activity_type("signoff")
        for case in self:
            unit = case.handling_unit_id or case.agency_unit_id
            waiting = case.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            ).user_id
            due = case._deadline_compute("signoff")
            for user in principals.get(unit.id, self.env["res.users"]) - waiting:
                in_lang = in_lang_of(case.sudo(), user)
                in_lang.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=in_lang._deadline_summary("signoff"),
                    date_deadline=due,
                    user_id=user.id,
                )

    @api.model
    def _signoff_request_waiting(self):
        """Ask the principal leaders of every case awaiting a sign-off who
        has no 待签批 activity yet (demo data, older databases)."""
        self.sudo().search([("state", "in", SIGNOFF_STATES)])._signoff_request()

    def _create_signoff(self, kind, decision, comment=None):
        """Record the principal leader's decision on ``kind``; post it."""
        self.ensure_one()
        last = self._last_signoff(kind)
        label = dict(
            self.env["xinfang.case.signoff"]
            ._fields["kind"]
            ._description_selection(self.env)
        )[kind]
        # A reply signed before a review sent the case back is signed again.
        if last.decision == "signed" and not self._review_reopened_since(
            last.signed_at
        ):
            raise UserError(
                self.env._(
                    "The %(signoff)s of case %(case)s was already signed by "
                    "%(user)s on %(date)s.",
                    signoff=label,
                    case=self.name,
                    user=last.user_id.name,
                    date=last.signed_at,
                )
            )
        expected = "assign_signoff" if kind == "assign" else "close_signoff"
        if self.state != expected:
            raise UserError(
                self.env._(
                    "Case %(case)s is not awaiting the %(signoff)s.",
                    signoff=label,
                    case=self.name,
                )
            )
        if decision == "returned":
            comment = self._require_text(
                comment, self.env._("Say why the sign-off is returned.")
            )
        signoff = (
            self.env["xinfang.case.signoff"]
            .sudo()
            .create(
                {
                    "case_id": self.id,
                    "kind": kind,
                    "decision": decision,
                    "user_id": self.env.user.id,
                    "comment": comment or False,
                }
            )
        )
        if decision == "signed":
            body = self.env._(
                "%(signoff)s signed by %(user)s.",
                signoff=label,
                user=self.env.user.name,
            )
        else:
            body = self.env._(
                "%(signoff)s returned by %(user)s.",
                signoff=label,
                user=self.env.user.name,
            )
        if comment:
            comment_text = self.env._("Comment: %(comment)s", comment=comment)
            body = f"{body} {comment_text}"
        self.sudo().activity_feedback([SIGNOFF_ACTIVITY], feedback=body)
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        return signoff

    # ------------------------------------------------------------------
    # 交办签
    # ------------------------------------------------------------------
    def action_sign_assignment(self, comment=None):
        """The principal leader signs the 交办签; handling starts."""
        self._ensure_can_move("action_sign_assignment")
        for case in self:
            case._create_signoff("assign", "signed", comment)
            case._start_handling()
        return True

    def action_return_assignment(self, comment=None):
        """The principal leader returns the 交办签 to screening."""
        self._ensure_can_move("action_return_assignment")
        if comment is None:
            return self._open_step_wizard(
                "return_assign", self.env._("Return the Assignment")
            )
        for case in self:
            case._create_signoff("assign", "returned", comment)
            case._move_to("action_return_assignment")
        return True

    def _start_handling(self):
        """Awaiting assignment sign-off → handling, once the 交办签 is signed."""
        for case in self:
            case._move_to("action_sign_assignment")
            user = case._responsible_user()
            case._deadline_start("first_contact", user)
            activity = case._deadline_start("handling", user)
            if activity and activity.date_deadline:
                case._flow_write({"deadline_date": activity.date_deadline})
        self._on_handling_started()
        return True

    # ------------------------------------------------------------------
    # 办结签
    # ------------------------------------------------------------------
    def action_sign_closure(self, comment=None):
        """The principal leader signs the 办结签; feedback starts."""
        self._ensure_can_move("action_sign_closure")
        for case in self:
            case._create_signoff("close", "signed", comment)
            case._flow_write({"closed_date": office_today(self)})
            case._move_to("action_sign_closure")
        self._on_closure_signed()
        return True

    def action_return_closure(self, comment=None):
        """The principal leader returns the reply to handling."""
        self._ensure_can_move("action_return_closure")
        if comment is None:
            return self._open_step_wizard(
                "return_close", self.env._("Return the Reply")
            )
        for case in self:
            case._create_signoff("close", "returned", comment)
            case._move_to("action_return_closure")
            activity = case._deadline_start("handling", case._responsible_user())
            if activity and case.deadline_date:
                activity.date_deadline = case.deadline_date
        return True
