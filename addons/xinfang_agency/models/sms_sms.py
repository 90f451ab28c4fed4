from odoo import models


class SmsSms(models.Model):
    _inherit = "sms.sms"

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        """Send through the gateway of the settings (xinfang.sms.gateway)
        unless it is Odoo's IAP; the states are set as IAP's answers set them."""
        gateway = self.env["xinfang.sms.gateway"]
        if gateway._provider() == "iap":
            return super()._send(unlink_failed, unlink_sent, raise_exception)
        results = gateway._send(
            [
                {"uuid": sms.uuid, "number": sms.number, "content": sms.body}
                for sms in self
            ]
        )
        all_sms = self.sudo().with_context(sms_skip_msg_notification=True)
        by_state = all_sms.grouped(lambda sms: results.get(sms.uuid, "server_error"))
        for state, sms_group in by_state.items():
            if success_state := self.IAP_TO_SMS_STATE_SUCCESS.get(state):
                sms_group.sms_tracker_id._action_update_from_sms_state(success_state)
                sms_group.write(
                    {
                        "state": success_state,
                        "failure_type": False,
                        **({"to_delete": True} if unlink_sent else {}),
                    }
                )
            else:
                failure_type = self.IAP_TO_SMS_FAILURE_TYPE.get(state, "unknown")
                sms_group.sms_tracker_id._action_update_from_sms_state(
                    "error", failure_type=failure_type
                )
                sms_group.write(
                    {
                        "state": "error",
                        "failure_type": failure_type,
                        **({"to_delete": True} if unlink_failed else {}),
                    }
                )
        all_sms.mail_message_id._notify_message_notification_update()
        return None
