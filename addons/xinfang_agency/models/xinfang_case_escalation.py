from odoo import models
from odoo.exceptions import UserError

from .res_company import office_today


class XinfangCaseEscalation(models.AbstractModel):
    """上报 and 督办: the handler hands the case to the unit above (across
    regions, to the center: 三跨三分离); the leader records supervision.

    A concern of ``xinfang.case`` only (steps of the flow table).
    """

    _name = "xinfang.case.escalation"
    _description = "Petition Escalation and Supervision Steps"

    def _escalation_target(self, cross_region):
        self.ensure_one()
        current = self.handling_unit_id or self.agency_unit_id
        if not current:
            raise UserError(
                self.env._(
                    "Case %(case)s has no unit to escalate from.",
                    case=self.name,
                )
            )
        if cross_region:
            target = self.env["xinfang.unit"].search(
                [("id", "parent_of", current.id), ("unit_type", "=", "center")],
                order="parent_path desc",
                limit=1,
            )
        else:
            target = current.parent_id
        if not target or target == current:
            raise UserError(
                self.env._(
                    "Case %(case)s cannot be escalated above %(unit)s.",
                    case=self.name,
                    unit=current.display_name,
                )
            )
        return current, target

    def action_escalate(self, reason=None, cross_region=False):
        """上报: hand the case to the unit above (三跨三分离 → the center)."""
        self._ensure_can_move("action_escalate")
        if reason is None:
            return self._open_step_wizard("escalate", self.env._("Escalate"))
        reason = self._require_text(
            reason, self.env._("Give the reason for escalating.")
        )
        for case in self:
            current, target = case._escalation_target(cross_region)
            # The running deadlines go to the head of the unit above (first:
            # the handler may lose access to the case with the move).
            if target.head_id:
                running = case._deadline_open_activity("first_contact") | (
                    case._deadline_open_activity("handling")
                )
                case._deadline_hand_to(running, target.head_id)
            case._flow_write(
                {
                    "handling_unit_id": target.id,
                    "handler_id": False,
                    "escalated_from_unit_id": current.id,
                    "escalated_date": office_today(self),
                    "escalation_reason": reason,
                }
            )
            case.message_post(
                body=self.env._(
                    "Escalated from %(from)s to %(to)s by %(user)s: %(reason)s",
                    **{
                        "from": current.display_name,
                        "to": target.display_name,
                        "user": self.env.user.name,
                        "reason": reason,
                    },
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_supervise(self, note=None):
        """督办: the leader in charge records supervision."""
        self._ensure_can_move("action_supervise")
        for case in self:
            case._flow_write(
                {
                    "supervised_date": office_today(self),
                    "supervisor_id": self.env.user.id,
                }
            )
            body = self.env._("Supervised by %(user)s.", user=self.env.user.name)
            if note:
                body = f"{body} {note}"
            case.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True
