from odoo import models
from odoo.exceptions import UserError

from .res_company import office_today


class XinfangCaseExtension(models.AbstractModel):
    """延期: the handler asks the leader in charge for more time (once, at
    most 30 days, 条例 Art. 34), who approves or refuses it.

    A concern of ``xinfang.case`` only (steps of the flow table).
    """

    _name = "xinfang.case.extension"
    _description = "Petition Extension Steps"

    def action_request_extension(self, days=None, reason=None):
        """Ask the leader in charge for an extension (≤ 30 days, reason told)."""
        self._ensure_can_move("action_request_extension")
        if days is None and reason is None:
            return self._open_step_wizard(
                "extension", self.env._("Request an Extension")
            )
        max_days = self._deadline_limit("extension")[0]  # ≤ 30: the rule says
        if not days or days < 1 or days > max_days:
            raise UserError(
                self.env._(
                    "An extension is between 1 and %(max)s days.",
                    max=max_days,
                )
            )
        reason = self._require_text(
            reason, self.env._("Give the reason for the extension.")
        )
        for case in self:
            if not case.leader_id:
                raise UserError(
                    self.env._(
                        "Set the leader in charge of case %(case)s, who approves "
                        "the extension.",
                        case=case.name,
                    )
                )
            case._flow_write(
                {
                    "extension_state": "requested",
                    "extension_days": days,
                    "extension_reason": reason,
                }
            )
            case._deadline_start("extension", case.leader_id)
            case.message_post(
                body=self.env._(
                    "Extension of %(days)s days requested: %(reason)s",
                    days=days,
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_approve_extension(self):
        """The leader approves the extension; the deadline moves."""
        self._ensure_can_move("action_approve_extension")
        for case in self:
            base = case.deadline_date or office_today(self)
            deadline = case._deadline_add(base, "extension", case.extension_days)
            case._flow_write({"extension_state": "approved", "deadline_date": deadline})
            case._deadline_open_activity("handling").write(
                {
                    "date_deadline": deadline,
                    **case._deadline_provisional_inputs(
                        "extension", base, case.extension_days, deadline
                    ),
                }
            )
            case._deadline_done("extension", feedback=self.env._("Approved"))
            case.message_post(
                body=self.env._(
                    "Extension approved by %(user)s; new deadline %(date)s.",
                    user=self.env.user.name,
                    date=deadline,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._on_extension_approved()
        return True

    def action_refuse_extension(self):
        """The leader refuses the extension."""
        self._ensure_can_move("action_refuse_extension")
        for case in self:
            case._flow_write({"extension_state": "refused"})
            case._deadline_done("extension", feedback=self.env._("Refused"))
            case.message_post(
                body=self.env._(
                    "Extension refused by %(user)s.",
                    user=self.env.user.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True
