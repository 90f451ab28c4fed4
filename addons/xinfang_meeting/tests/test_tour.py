from odoo.tests import HttpCase, tagged

MEETING = "街道第十二次信访工作联席会议"
DECISION = "三日内完成雨污管道清淤"


@tagged("post_install", "-at_install")
class TestMeetingTour(HttpCase):
    def test_meeting_to_decision_done(self):
        """Secretary records, convener approves, owner carries out."""
        self.start_tour(
            "/odoo/action-xinfang_meeting.xinfang_meeting_action",
            "xinfang_meeting_secretary_records",
            login="clerk",
        )
        meeting = self.env["xinfang.meeting"].search([("name", "=", MEETING)])
        self.assertEqual(meeting.state, "held")
        decision = meeting.decision_ids
        self.assertEqual(decision.name, DECISION)
        self.assertEqual(decision.user_id, self.env.ref("xinfang_agency.user_handler"))
        self.assertEqual(
            decision.case_id, self.env.ref("xinfang_agency.case_demo_drainage")
        )
        self.assertEqual(decision.activity_ids.user_id, decision.user_id)
        self.assertEqual(
            meeting.convener_id, self.env.ref("xinfang_agency.user_principal")
        )

        self.start_tour(
            f"/odoo/action-xinfang_meeting.xinfang_meeting_action/{meeting.id}",
            "xinfang_meeting_convener_approves",
            login="principal",
        )
        self.assertEqual(meeting.state, "approved")

        self.start_tour(
            "/odoo/action-xinfang_meeting.xinfang_meeting_decision_action",
            "xinfang_meeting_owner_done",
            login="handler",
        )
        self.assertEqual(decision.state, "done")
        self.assertFalse(decision.activity_ids)
