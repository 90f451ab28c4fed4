from odoo import fields, models

from .res_company import office_today
from .xinfang_deadline_mixin import in_lang_of

DUTY_ACTIVITY = "xinfang_agency.mail_activity_type_duty_visit"
# A change of these on a registered case may move it to another duty day.
DUTY_KEYS = ("channel", "received_date", "agency_unit_id")


class XinfangCaseVisit(models.AbstractModel):
    """A visit (来访) joins the reception log of the day's leader on duty,
    who is offered the case for 包案 (接访即代办). The case links it when
    created and when a field of ``DUTY_KEYS`` changes.

    A concern of ``xinfang.case`` only.
    """

    _name = "xinfang.case.visit"
    _description = "Petition Case Reception Day"

    duty_roster_id = fields.Many2one(
        "xinfang.duty.roster",
        string="Reception Day",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The duty day whose reception log lists this visit.",
    )
    duty_leader_id = fields.Many2one(
        related="duty_roster_id.leader_id", string="Leader on Duty"
    )

    def _duty_link(self):
        """Put visits in their duty day's log; offer today's to its leader."""
        rosters = self.env["xinfang.duty.roster"]._for_visits(self)
        today = office_today(self)
        for case in self.sudo():
            roster = rosters.get(case)
            if case.duty_roster_id != (roster or case.duty_roster_id.browse()):
                case.duty_roster_id = roster
            # An accusation is not offered to a leader it is sealed from.
            if (
                roster
                and case.received_date == today
                and not case._xinfang_sealed_from(roster.leader_id)
            ):
                case._duty_offer(roster.leader_id)

    def _duty_offer(self, leader):
        """An activity for the leader on duty: consider owning the visit."""
        self.ensure_one()
        activity_type = self.env.ref(DUTY_ACTIVITY)
        if self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type and a.user_id == leader
        ):
            return
        in_lang = in_lang_of(self, leader)
        in_lang.activity_schedule(
            activity_type_id=activity_type.id,
            summary=in_lang.env._("Visit on your duty day: consider owning it (包案)"),
            date_deadline=self.received_date,
            user_id=leader.id,
        )

    def _on_ownership_taken(self):
        """Taking the case answers the duty leader's offer."""
        result = super()._on_ownership_taken()
        activity_type = self.env.ref(DUTY_ACTIVITY)
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type and a.user_id == self.env.user
        ).action_feedback(feedback=self.env._("Ownership taken (包案)."))
        return result
