from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MeetingCase


@tagged("post_install", "-at_install")
class TestRoadmapTaskForce(MeetingCase):
    def test_roadmap_steps_are_decisions(self):
        roadmap = self.env["xinfang.work.roadmap"].create(
            {
                "name": "路灯问题化解路线图",
                "case_id": self.case.id,
                "approach": "resolve",
                "step_ids": [
                    Command.create(
                        {
                            "name": "勘查",
                            "user_id": self.owner.id,
                            "deadline": self.today + timedelta(days=2),
                        }
                    ),
                    Command.create(
                        {
                            "name": "维修",
                            "user_id": self.other.id,
                            "deadline": self.today + timedelta(days=5),
                        }
                    ),
                ],
            }
        )
        self.assertEqual(roadmap.step_count, 2)
        self.assertEqual(roadmap.step_ids.case_id, self.case, "steps inherit the case")
        self.assertEqual(
            len(roadmap.step_ids.activity_ids), 2, "each step is an activity"
        )
        roadmap.step_ids[0].action_done()
        self.assertEqual(roadmap.progress, 50.0)
        with self.assertRaises(UserError):
            roadmap.unlink()
        self.assertTrue(roadmap.exists())

    def test_task_force_members_and_cases(self):
        task_force = self.env["xinfang.task.force"].create(
            {
                "name": "路灯专项工作小组",
                "leader_id": self.convener.id,
                "member_ids": [Command.set([self.owner.id, self.other.id])],
                "case_ids": [Command.set([self.case.id])],
            }
        )
        self.meeting.write({"kind": "special", "task_force_id": task_force.id})
        self.assertEqual(task_force.case_count, 1)
        self.assertEqual(task_force.meeting_ids, self.meeting)

    def test_case_smart_buttons(self):
        self.assertEqual(self.case.meeting_count, 1, "via the agenda item")
        self.assertEqual(self.case.decision_count, 0)
        decision = self._decision()
        other_meeting = self.meeting.copy({"name": "第二次会议", "agenda_item_ids": []})
        self._decision(meeting_id=other_meeting.id, name="复查")
        self.case.invalidate_recordset(["meeting_count", "decision_count"])
        self.assertEqual(self.case.meeting_count, 2)
        self.assertEqual(self.case.decision_count, 2)
        action = self.case.action_view_meetings()
        self.assertEqual(
            self.env["xinfang.meeting"].search(action["domain"]),
            self.meeting | other_meeting,
        )
        action = self.case.action_view_decisions()
        self.assertIn(
            decision, self.env["xinfang.meeting.decision"].search(action["domain"])
        )
        arch = self.env["xinfang.case"].get_view(
            self.env.ref("xinfang_agency.xinfang_case_view_form").id
        )["arch"]
        self.assertIn('name="action_view_meetings"', arch)
        self.assertIn('name="action_view_decisions"', arch)
