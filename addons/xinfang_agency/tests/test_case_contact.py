"""一问一核实 (seed 002 §1(二)): calls and site visits of the handler."""

import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .case_flow_common import CaseFlowCommon

PHOTO = base64.b64encode(b"\x89PNG\r\n\x1a\n site photo")


@tagged("post_install", "-at_install")
class TestCaseContact(CaseFlowCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_handler = cls._user("handler", cls.social_dept, "flow_handler_other")
        cls.other_agent = cls._user("agent", cls.point, "flow_agent_other")

    def day(self, case, timestamp):
        """The office's day of ``timestamp`` (Asia/Shanghai: from 16:00 UTC
        it is already the next day there)."""
        return case.env.company._xinfang_local_day(timestamp)

    def call(self, case, user=None, **vals):
        values = {
            "case_id": case.id,
            "kind": "call",
            "answered_by": "信访人本人",
            "outcome": "已电话联系，约定现场核实。",
        }
        values.update(vals)
        return (
            self.env["xinfang.case.contact"]
            .with_user(user or self.handler)
            .create(values)
        )

    def visit(self, case, user=None, **vals):
        values = {
            "case_id": case.id,
            "kind": "visit",
            "place": "幸福小区3号楼",
            "participants": "城建办张工、社区主任",
            "outcome": "雨污管道堵塞属实。",
        }
        values.update(vals)
        return (
            self.env["xinfang.case.contact"]
            .with_user(user or self.handler)
            .create(values)
        )

    # ------------------------------------------------------------------
    def test_button_opens_the_call_dialog(self):
        case = self.to_handling()
        as_handler = case.with_user(self.handler).with_context(
            xinfang_contact_dialog=True
        )
        action = as_handler.action_record_first_contact()
        self.assertEqual(action["res_model"], "xinfang.case.contact")
        self.assertEqual(
            action["context"], {"default_case_id": case.id, "default_kind": "call"}
        )
        self.assertFalse(case.first_contact_date, "opening the dialog records nothing")
        # The dialog saves the call with the action's context.
        contact = (
            self.env["xinfang.case.contact"]
            .with_user(self.handler)
            .with_context(**action["context"])
            .create({"answered_by": "信访人之子", "outcome": "已告知办理进度。"})
        )
        self.assertEqual(contact.case_id, case)
        self.assertEqual(contact.caller_id, self.handler)
        self.assertEqual(case.first_contact_date, self.today)

    def test_first_call_is_the_first_contact(self):
        case = self.to_handling()
        self.assertTrue(case._deadline_open_activity("first_contact"))
        self.assertIn(
            "action_record_first_contact", case.with_user(self.handler).flow_actions
        )
        yesterday = fields.Datetime.now() - timedelta(days=1)
        first = self.call(case, contact_time=yesterday)
        self.assertEqual(case.first_contact_date, self.day(case, yesterday))
        self.assertFalse(case._deadline_open_activity("first_contact"))
        self.assertNotIn(
            "action_record_first_contact", case.with_user(self.handler).flow_actions
        )
        self.assertIn("已电话联系，约定现场核实。", case.message_ids[0].body)
        # A later call is kept and leaves the first contact as it was.
        second = self.call(case, outcome="再次沟通诉求细节。")
        self.assertEqual(case.first_contact_date, self.day(case, yesterday))
        self.assertEqual(case.contact_ids, first | second)

    def test_corrected_call_time_moves_the_first_contact(self):
        case = self.to_handling()
        call = self.call(case)
        self.assertEqual(case.first_contact_date, self.today)
        earlier = fields.Datetime.now() - timedelta(days=2)
        call.with_user(self.handler).write({"contact_time": earlier})
        self.assertEqual(case.first_contact_date, self.day(case, earlier))

    def test_programmatic_first_contact_creates_the_call(self):
        case = self.to_handling()
        case.with_user(self.handler).action_record_first_contact(
            note="已电话联系信访人"
        )
        self.assertEqual(case.first_contact_date, self.today)
        self.assertEqual(case.contact_ids.kind, "call")
        self.assertEqual(case.contact_ids.outcome, "已电话联系信访人")
        self.assertEqual(case.contact_ids.caller_id, self.handler)

    def test_visit_keeps_its_photos_with_the_case(self):
        case = self.to_handling()
        photo = (
            self.env["ir.attachment"]
            .with_user(self.handler)
            .create(
                {
                    "name": "现场.png",
                    "datas": PHOTO,
                    "res_model": "xinfang.case.contact",
                    "res_id": 0,
                }
            )
        )
        visit = self.visit(case, attachment_ids=[(6, 0, photo.ids)])
        self.assertEqual((photo.res_model, photo.res_id), ("xinfang.case", case.id))
        self.assertEqual(visit.attachment_ids, photo)
        self.assertFalse(
            case.first_contact_date, "a site visit is not the call of 一问"
        )
        with self.assertRaises(ValidationError):
            self.visit(case, place="")
        with self.assertRaises(ValidationError):
            self.call(case, answered_by=" ")

    def test_attachment_of_another_record_refused(self):
        case = self.to_handling()
        other = self.to_handling()
        letter = self.env["ir.attachment"].create(
            {
                "name": "举报信.txt",
                "raw": b"x",
                "res_model": "xinfang.case",
                "res_id": other.id,
            }
        )
        with self.assertRaises(UserError):
            self.visit(case, attachment_ids=[(6, 0, letter.ids)])
        self.assertEqual((letter.res_model, letter.res_id), ("xinfang.case", other.id))

    def test_edits_while_handling_then_frozen(self):
        case = self.to_handling()
        call = self.call(case)
        call.with_user(self.handler).write({"outcome": "信访人同意现场核实时间。"})
        label = call._fields["outcome"].get_description(call.env)["string"]
        self.assertIn(
            label, case.message_ids[0].body, "the change is noted on the case"
        )
        self.assertEqual(call.outcome, "信访人同意现场核实时间。")
        with self.assertRaises(UserError, msg="the case is a field set by the step"):
            call.with_user(self.handler).write({"case_id": self.to_handling().id})
        case.with_user(self.handler).write(
            {"reply": "已疏通。", "result_class": "solved"}
        )
        case.with_user(self.handler).action_submit_reply()
        with self.assertRaises(UserError):
            call.with_user(self.handler).write({"outcome": "改写"})
        with self.assertRaises(UserError):
            self.visit(case)
        self.assertEqual(call.outcome, "信访人同意现场核实时间。")
        with self.assertRaises(AccessError):
            call.with_user(self.handler).unlink()
        with self.assertRaises(UserError):
            call.sudo().unlink()

    def test_not_before_handling(self):
        case = self.to_assign_signoff()
        with self.assertRaises(UserError):
            self.call(case)
        with self.assertRaises(UserError):
            case.with_user(self.handler).action_open_contact("visit")
        self.assertFalse(case.contact_ids)

    def test_who_reads_and_records(self):
        case = self.to_handling()
        call = self.call(case)
        Contact = self.env["xinfang.case.contact"]
        # The agent and the leader of the jurisdiction read, never record.
        self.assertEqual(
            Contact.with_user(self.agent).search([("case_id", "=", case.id)]), call
        )
        self.assertEqual(
            Contact.with_user(self.leader).search([("case_id", "=", case.id)]), call
        )
        for user in (self.agent, self.leader):
            with self.assertRaises(AccessError):
                self.call(case, user=user)
            with self.assertRaises(AccessError):
                call.with_user(user).write({"outcome": "改写"})
        # A handler of another unit sees nothing and records nothing.
        self.assertFalse(
            Contact.with_user(self.other_handler).search([("case_id", "=", case.id)])
        )
        with self.assertRaises(AccessError):
            call.with_user(self.other_handler).read(["outcome"])
        with self.assertRaises(AccessError):
            self.call(case, user=self.other_handler)
        with self.assertRaises(AccessError):
            call.with_user(self.other_handler).write({"outcome": "改写"})
        self.assertEqual(case.contact_ids, call)
        self.assertEqual(call.outcome, "已电话联系，约定现场核实。")

    def test_handler_sees_the_phone_in_full(self):
        case = self.to_handling()
        petitioner = case.with_user(self.handler).petitioner_ids
        self.assertEqual(petitioner.xinfang_phone, "13804771234")
        contact = self.call(case)
        self.assertIn("13804771234", contact.with_user(self.handler).petitioner_phones)
        # Masked for a leader (no right on the personal data).
        as_leader = case.with_user(self.leader).petitioner_ids
        self.assertFalse(as_leader.xinfang_phone)
        self.assertEqual(as_leader.xinfang_phone_masked, "138****1234")
        self.assertNotIn(
            "13804771234", contact.with_user(self.leader).petitioner_phones
        )

    def test_accusation_sealed_from_the_accused_unit(self):
        case = self.to_handling(
            petition_type="accusation", accused_unit_id=self.point.id
        )
        call = self.call(case)
        Contact = self.env["xinfang.case.contact"]
        # other_agent works in the accused unit: sealed; the case's own
        # agent took the accuser's words down and is not.
        self.assertFalse(
            Contact.with_user(self.other_agent).search([("id", "=", call.id)])
        )
        with self.assertRaises(AccessError):
            call.with_user(self.other_agent).read(["outcome"])
        self.assertEqual(
            Contact.with_user(self.agent).search([("id", "=", call.id)]), call
        )
        # Control: an ordinary case of the same unit is readable to them.
        plain = self.to_handling()
        plain_call = self.call(plain)
        self.assertEqual(
            Contact.with_user(self.other_agent).search([("id", "=", plain_call.id)]),
            plain_call,
        )
