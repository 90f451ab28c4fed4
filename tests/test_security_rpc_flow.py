"""The flow and the write whitelist, attacked over JSON-RPC as each role.

Issue 11's first attacks: sign-offs skipped by writing the stored booleans,
a context key granting a move, and fields a role must never edit by hand.
Each test asserts the refusal and that nothing changed, and shows the
legitimate role succeeding.
"""

from datetime import timedelta

from rpc_common import RpcCase

from odoo import fields
from odoo.tests import tagged

FLOW_KEY = {"xinfang_flow_move": True}


@tagged("post_install", "-at_install")
class TestFlowOverRpc(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.agent = ref("xinfang_agency.user_agent")
        cls.handler = ref("xinfang_agency.user_handler")
        cls.clerk = ref("xinfang_agency.user_clerk")
        cls.principal = ref("xinfang_agency.user_principal")
        cls.leader = ref("xinfang_agency.user_leader")
        cls.petitioner = cls.env["res.partner"].create({"name": "测试信访人"})
        cls.today = cls.env.company._xinfang_today()

    def stage(self, state):
        return self.env.ref(f"xinfang_agency.stage_{state}").id

    def new_case(self, **vals):
        values = {
            "summary": "测试：小区路灯不亮",
            "demands": "请求修复路灯",
            "channel": "visit",
            "received_date": self.today - timedelta(days=2),
            "petitioner_ids": [(6, 0, self.petitioner.ids)],
            "agency_unit_id": self.env.ref("xinfang_agency.unit_point_xingfu").id,
            "leader_id": self.leader.id,
        }
        values.update(vals)
        return self.env["xinfang.case"].create(values)

    def to_assign_signoff(self):
        case = self.new_case()
        case.with_user(self.agent).action_submit_screening()
        case.sudo()._screen_accept_for_agency(
            {
                "screening_outcome": "agency",
                "agent_id": self.agent.id,
                "handling_unit_id": self.env.ref("xinfang_agency.unit_dept_urban").id,
                "petitioner_agreed": True,
                "petitioner_promised": True,
                "accepted_date": self.today,
            },
            "甄别：同意代办。",
        )
        case.handler_id = self.handler
        return case

    def to_handling(self):
        case = self.to_assign_signoff()
        case.with_user(self.principal).action_sign_assignment()
        return case

    def to_close_signoff(self):
        case = self.to_handling()
        as_handler = case.with_user(self.handler)
        as_handler.action_record_first_contact()
        as_handler.write({"reply": "已修复路灯。", "result_class": "solved"})
        as_handler.action_submit_reply()
        return case

    def write(self, login, case, vals, context=None):
        kwargs = {"context": context} if context else {}
        return self.rpc(login, "xinfang.case", "write", case.ids, vals, **kwargs)

    def assertWriteRefused(self, login, case, vals, context=None):
        kwargs = {"context": context} if context else {}
        before = case.read(list(vals) + ["state"])[0]
        self.assertRefused(login, "xinfang.case", "write", case.ids, vals, **kwargs)
        self.assertEqual(self.fresh(case).read(list(vals) + ["state"])[0], before)

    # ------------------------------------------------------------------
    def test_assignment_signoff_cannot_be_skipped(self):
        case = self.to_assign_signoff()
        self.assertWriteRefused("agent", case, {"assign_signed": True})
        self.assertRefused("agent", "xinfang.case", "action_sign_assignment", case.ids)
        # (action_start_handling, which trusted the boolean, no longer exists:
        # handling starts inside the signing step only.)
        self.assertWriteRefused(
            "agent", case, {"stage_id": self.stage("handling")}, FLOW_KEY
        )
        self.assertFalse(self.fresh(case).signoff_ids)
        # Control: the principal leader signs, and handling starts.
        self.rpc("principal", "xinfang.case", "action_sign_assignment", case.ids)
        case = self.fresh(case)
        self.assertEqual(case.state, "handling")
        self.assertEqual(case.signoff_ids.user_id, self.principal)

    def test_closure_signoff_cannot_be_skipped(self):
        case = self.to_close_signoff()
        self.assertWriteRefused("handler", case, {"close_signed": True})
        self.assertWriteRefused("handler", case, {"stage_id": self.stage("feedback")})
        self.assertWriteRefused(
            "handler", case, {"stage_id": self.stage("feedback")}, FLOW_KEY
        )
        case = self.fresh(case)
        self.assertFalse(case.close_signed)
        self.assertFalse(case.x2211_two_signs)
        self.rpc("principal", "xinfang.case", "action_sign_closure", case.ids)
        self.assertEqual(self.fresh(case).state, "feedback")

    def test_state_follows_the_stage_only(self):
        """The case's state is computed from its stage: nobody writes it,
        with or without the flow's context key, and a new case given a
        state of its own is refused."""
        case = self.to_close_signoff()
        for login in ("agent", "handler", "clerk", "principal", "admin"):
            with self.subTest(login=login):
                self.assertWriteRefused(login, case, {"state": "closed"})
                self.assertWriteRefused(login, case, {"state": "closed"}, FLOW_KEY)
        self.assertEqual(self.fresh(case).state, "close_signoff")
        self.assertRefused(
            "clerk",
            "xinfang.case",
            "create",
            [{"summary": "测试：直接办结", "channel": "visit", "state": "closed"}],
        )
        # Reading and grouping by it stay open; exporting it, or its path
        # through the stage, is the administrator's, as for every field.
        groups = self.rpc(
            "clerk",
            "xinfang.case",
            "read_group",
            [("id", "=", case.id)],
            ["state"],
            ["state"],
        )
        self.assertEqual([g["state"] for g in groups], ["close_signoff"])
        paths = ["state", "stage_id/state"]
        self.assertRefused("clerk", "xinfang.case", "export_data", case.ids, paths)
        rows = self.rpc("admin", "xinfang.case", "export_data", case.ids, paths)
        [(state, stage_state)] = rows["datas"]
        self.assertEqual(state, stage_state)

    def test_context_key_grants_no_move(self):
        closed = self.new_case()
        closed.sudo().write({"stage_id": self.stage("closed")})
        self.assertWriteRefused(
            "agent", closed, {"stage_id": self.stage("archived")}, FLOW_KEY
        )
        self.assertRefused(
            "agent", "xinfang.case", "action_archive_case", closed.ids, context=FLOW_KEY
        )
        # Control: the clerk archives by dragging the card.
        self.write("clerk", closed, {"stage_id": self.stage("archived")})
        self.assertEqual(self.fresh(closed).state, "archived")

    def test_no_petitioner_no_screening(self):
        case = self.new_case(petitioner_ids=[])
        self.assertWriteRefused(
            "agent", case, {"stage_id": self.stage("screening")}, FLOW_KEY
        )
        self.assertRefused("agent", "xinfang.case", "action_submit_screening", case.ids)
        # Control: with a petitioner the agent drags it to screening.
        self.write("agent", case, {"petitioner_ids": [(6, 0, self.petitioner.ids)]})
        self.write("agent", case, {"stage_id": self.stage("screening")})
        self.assertEqual(self.fresh(case).state, "screening")

    def test_reply_waits_for_a_pending_extension(self):
        case = self.to_handling()
        as_handler = case.with_user(self.handler)
        as_handler.action_record_first_contact()
        as_handler.write({"reply": "已修复路灯。", "result_class": "solved"})
        as_handler.action_request_extension(days=10, reason="需等待配件")
        extension = case._deadline_open_activity("extension")
        self.assertTrue(extension)
        self.assertWriteRefused(
            "handler", case, {"stage_id": self.stage("close_signoff")}, FLOW_KEY
        )
        self.assertRefused("handler", "xinfang.case", "action_submit_reply", case.ids)
        self.assertTrue(extension.exists())
        self.assertTrue(self.fresh(case)._deadline_open_activity("handling"))
        # Control: once the leader decides, the reply goes to the sign-off.
        self.rpc("leader", "xinfang.case", "action_refuse_extension", case.ids)
        self.write("handler", case, {"stage_id": self.stage("close_signoff")})
        self.assertEqual(self.fresh(case).state, "close_signoff")

    def test_handler_cannot_edit_what_the_flow_records(self):
        case = self.to_handling()
        attacks = [
            {
                "deadline_date": fields.Date.to_string(
                    case.deadline_date + timedelta(days=90)
                )
            },
            {"x2211_two_signs": True},
            {"assess_closed_on_time": True},
            {"active": False},
            {"handling_unit_id": self.env.ref("xinfang_agency.unit_dept_social").id},
            {"received_date": fields.Date.to_string(self.today - timedelta(days=1))},
            {"petitioner_ids": [(5, 0, 0)]},
            {"demands": "改写的诉求"},
            {"agent_id": self.handler.id},
            {"petition_type": "complaint"},
        ]
        for vals in attacks:
            with self.subTest(vals=vals):
                self.assertWriteRefused("handler", case, vals)
        case = self.fresh(case)
        self.assertTrue(case.active)
        self.assertEqual(case.petitioner_ids, self.petitioner)
        # Control: the handler writes the reply, the clerk names the leader.
        self.write("handler", case, {"reply": "正在核实。"})
        self.write("clerk", case, {"leader_id": self.principal.id})
        case = self.fresh(case)
        self.assertEqual(case.reply, "正在核实。")
        self.assertEqual(case.leader_id, self.principal)

    def test_ownership_is_not_claimed_through_owned_by_me(self):
        """包案 is taken by its step, never by writing the search field; the
        field finds the leader's ongoing ownerships and nothing else."""
        case = self.new_case()
        self.assertWriteRefused("leader", case, {"owned_by_me": True})
        self.assertWriteRefused("agent", case, {"owned_by_me": True})
        self.assertFalse(case.ownership_ids)
        owned = self.env["xinfang.case.ownership"].search(
            [("leader_id", "=", self.leader.id), ("state", "=", "active")]
        )
        found = self.rpc(
            "leader", "xinfang.case", "search", [("owned_by_me", "=", True)]
        )
        self.assertEqual(set(found), set(owned.case_id.ids))
        self.assertNotIn(case.id, found)
        rows = self.rpc("leader", "xinfang.case", "read", case.ids, ["owned_by_me"])
        self.assertFalse(rows[0]["owned_by_me"])

    def test_no_case_created_past_registration(self):
        count = self.env["xinfang.case"].search_count([])
        vals = {
            "summary": "伪造：直接进入办理",
            "petitioner_ids": [(6, 0, self.petitioner.ids)],
        }
        self.assertRefused(
            "agent",
            "xinfang.case",
            "create",
            [vals],
            context={"default_stage_id": self.stage("handling")},
        )
        self.assertRefused(
            "agent",
            "xinfang.case",
            "create",
            [dict(vals, closed_date=fields.Date.to_string(self.today))],
        )
        self.assertRefused(
            "agent",
            "xinfang.case",
            "create",
            [vals],
            context={"default_deadline_date": "2099-01-01"},
        )
        self.assertEqual(self.env["xinfang.case"].search_count([]), count)
        # Control: a plain registration.
        self.rpc("agent", "xinfang.case", "create", [vals])
        self.assertEqual(self.env["xinfang.case"].search_count([]), count + 1)

    def test_no_copy_no_archive_from_the_menu(self):
        case = self.to_handling()
        count = (
            self.env["xinfang.case"].with_context(active_test=False).search_count([])
        )
        self.assertRefused("clerk", "xinfang.case", "copy", case.ids)
        self.assertEqual(
            self.env["xinfang.case"].with_context(active_test=False).search_count([]),
            count,
        )
        self.assertWriteRefused("clerk", case, {"active": False})
        # The web client offers neither: no Duplicate, and a read-only
        # active field hides Archive / Unarchive.
        views = self.rpc("handler", "xinfang.case", "get_views", [[False, "form"]])
        form = views["views"]["form"]["arch"]
        self.assertIn('duplicate="0"', form)
        self.assertTrue(views["models"]["xinfang.case"]["fields"]["active"]["readonly"])
        # The next step stays a button on a phone.
        self.assertIn('name="next_step_mobile"', form)
        # Control: the clerk archives a closed case through its step.
        closed = self.new_case()
        closed.sudo().write({"stage_id": self.stage("closed")})
        self.rpc("clerk", "xinfang.case", "action_archive_case", closed.ids)
        self.assertEqual(self.fresh(closed).state, "archived")
