"""Approvals over JSON-RPC: nobody grants, rewrites or approves their own work.

Each test sends, as a demo role, the calls a browser's developer tools can
send, asserts the refusal and that nothing changed, and shows the legitimate
role succeeding.
"""

from datetime import timedelta

from rpc_common import RpcCase

from odoo import Command, fields
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestRpcApprovals(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        ref = cls.env.ref
        cls.user = {
            login: ref(f"xinfang_agency.user_{login}")
            for login in ("clerk", "principal", "leader", "handler", "agent")
        }
        cls.user["assessor"] = ref("xinfang_assessment.user_assessor")
        cls.user["admin"] = ref("base.user_admin")
        cls.today = cls.env.company._xinfang_today()

    def _case(self, **vals):
        ref = self.env.ref
        return self.env["xinfang.case"].create(
            {
                "summary": "安全测试：小区路灯长期不亮",
                "demands": "请求修复路灯",
                "channel": "visit",
                "received_date": self.today - timedelta(days=2),
                "agency_unit_id": ref("xinfang_agency.unit_point_xingfu").id,
                "handling_unit_id": ref("xinfang_agency.unit_dept_urban").id,
                **vals,
            }
        )

    # ------------------------------------------------------------------
    # Warnings: the leader in charge signs, nobody writes the signature
    # ------------------------------------------------------------------
    def test_handler_cannot_sign_a_warning_by_writing(self):
        case = self._case(headcount=6, leader_id=self.user["leader"].id)
        warning = case.warning_ids
        self.assertEqual(len(warning), 1)
        self.assertRefused(
            "handler",
            "xinfang.case.warning",
            "write",
            warning.ids,
            {"state": "signed", "signed_by_id": self.user["handler"].id},
        )
        self.assertRefused(
            "handler",
            "xinfang.case.warning",
            "web_save",
            warning.ids,
            {
                "signed_by_id": self.user["leader"].id,
                "signed_at": fields.Datetime.to_string(fields.Datetime.now()),
            },
            specification={"state": {}},
        )
        self.assertRefused(
            "handler", "xinfang.case.warning", "action_sign", warning.ids
        )
        self.assertRefused("handler", "xinfang.case.warning", "unlink", warning.ids)
        warning = self.fresh(warning)
        self.assertEqual(warning.state, "open")
        self.assertFalse(warning.signed_by_id or warning.signed_at)
        # Control: the handling unit writes the analysis, the leader signs.
        self.rpc(
            "handler",
            "xinfang.case.warning",
            "write",
            warning.ids,
            {
                "cause_analysis": "路灯线路老化",
                "resolution_measures": "城建办更换线路",
                "stabilisation_measures": "社区每周回访",
            },
        )
        self.rpc("leader", "xinfang.case.warning", "action_sign", warning.ids)
        warning = self.fresh(warning)
        self.assertEqual(
            (warning.state, warning.signed_by_id), ("signed", self.user["leader"])
        )
        # Signed: the analysis is history.
        self.assertRefused(
            "handler",
            "xinfang.case.warning",
            "write",
            warning.ids,
            {"cause_analysis": "改写"},
        )
        self.assertEqual(self.fresh(warning).cause_analysis, "路灯线路老化")

    def test_leader_does_not_sign_the_analysis_they_wrote(self):
        # The administrator is petition office and leader at once.
        admin = self.user["admin"]
        warning = self._case(headcount=6, leader_id=admin.id).warning_ids
        analysis = {
            "cause_analysis": "原因",
            "resolution_measures": "措施",
            "stabilisation_measures": "稳控",
        }
        self.rpc("admin", "xinfang.case.warning", "write", warning.ids, analysis)
        self.assertRefused("admin", "xinfang.case.warning", "action_sign", warning.ids)
        self.assertEqual(self.fresh(warning).state, "open")
        self.rpc("handler", "xinfang.case.warning", "write", warning.ids, analysis)
        self.rpc("admin", "xinfang.case.warning", "action_sign", warning.ids)
        self.assertEqual(self.fresh(warning).state, "signed")

    # ------------------------------------------------------------------
    # Sign-offs are evidence: never changed, never deleted, never forged
    # ------------------------------------------------------------------
    def test_signoffs_are_immutable(self):
        signoff = self.env.ref("xinfang_agency.signoff_demo_drainage_assign")
        before = (signoff.decision, signoff.user_id, signoff.signed_at, signoff.comment)
        for login in ("principal", "clerk", "admin"):
            self.assertRefused(
                login,
                "xinfang.case.signoff",
                "write",
                signoff.ids,
                {"decision": "returned", "comment": "改签"},
            )
            self.assertRefused(login, "xinfang.case.signoff", "unlink", signoff.ids)
        self.assertRefused(
            "clerk",
            "xinfang.case.signoff",
            "create",
            {
                "case_id": signoff.case_id.id,
                "kind": "close",
                "decision": "signed",
                "user_id": self.user["principal"].id,
            },
        )
        signoff = self.fresh(signoff)
        self.assertEqual(
            (signoff.decision, signoff.user_id, signoff.signed_at, signoff.comment),
            before,
        )
        # Control: the principal reads the sign-off.
        read = self.rpc(
            "principal", "xinfang.case.signoff", "read", signoff.ids, ["decision"]
        )
        self.assertEqual(read[0]["decision"], before[0])

    # ------------------------------------------------------------------
    # Assessment: runs, results and manual items
    # ------------------------------------------------------------------
    def _published_run(self):
        run = self.env.ref("xinfang_assessment.period_demo_2026_q3").run_ids
        self.assertEqual(run.state, "published")
        return run

    def test_assessor_cannot_rewrite_a_published_run(self):
        run = self._published_run()
        result = run.result_ids[:1]
        before = (
            run.state,
            run.approved_by_id,
            run.published_date,
            result.total_points,
        )
        self.assertRefused(
            "assessor",
            "xinfang.assessment.run",
            "write",
            run.ids,
            {"state": "draft", "approved_by_id": False},
        )
        self.assertRefused(
            "assessor",
            "xinfang.assessment.result",
            "write",
            result.ids,
            {"total_points": 100},
        )
        self.assertRefused(
            "assessor",
            "xinfang.assessment.result.line",
            "write",
            result.line_ids[:1].ids,
            {"points": 99},
        )
        self.assertRefused(
            "assessor", "xinfang.assessment.run", "action_compute", run.ids
        )
        self.assertRefused(
            "assessor", "xinfang.assessment.run", "action_publish", run.ids
        )
        self.assertRefused("assessor", "xinfang.assessment.run", "unlink", run.ids)
        self.assertRefused(
            "assessor", "xinfang.assessment.result", "unlink", result.ids
        )
        run = self.fresh(run)
        result = self.fresh(result)
        self.assertEqual(
            (run.state, run.approved_by_id, run.published_date, result.total_points),
            before,
        )
        # Control: the assessor prints the published bulletin.
        action = self.rpc(
            "assessor", "xinfang.assessment.run", "action_print_xlsx", run.ids
        )
        self.assertEqual(action["type"], "ir.actions.report")

    def test_nobody_approves_the_run_they_computed(self):
        run = self.env.ref("xinfang_assessment.period_demo_2026_q4").run_ids
        self.assertEqual(run.state, "draft")
        # The administrator is assessor and leader: computes, then approves.
        self.rpc("admin", "xinfang.assessment.run", "action_compute", run.ids)
        self.assertEqual(self.fresh(run).computed_by_id, self.user["admin"])
        self.assertRefused("admin", "xinfang.assessment.run", "action_approve", run.ids)
        self.assertRefused(
            "admin",
            "xinfang.assessment.run",
            "write",
            run.ids,
            {"computed_by_id": self.user["assessor"].id},
        )
        self.assertEqual(self.fresh(run).state, "draft")
        # The assessor computes; approving is not theirs either.
        self.rpc("assessor", "xinfang.assessment.run", "action_compute", run.ids)
        self.assertRefused(
            "assessor", "xinfang.assessment.run", "action_approve", run.ids
        )
        self.assertRefused(
            "assessor",
            "xinfang.assessment.run",
            "write",
            run.ids,
            {"state": "approved"},
        )
        run = self.fresh(run)
        self.assertEqual(
            (run.state, run.computed_by_id), ("draft", self.user["assessor"])
        )
        # Control: the principal approves what the assessor computed.
        self.rpc("principal", "xinfang.assessment.run", "action_approve", run.ids)
        run = self.fresh(run)
        self.assertEqual(
            (run.state, run.approved_by_id), ("approved", self.user["principal"])
        )

    def _item_vals(self):
        ref = self.env.ref
        return {
            "name": "安全测试扣分",
            "period_id": ref("xinfang_assessment.period_demo_2026_q4").id,
            "indicator_id": ref("xinfang_assessment.indicator_manual_deduction").id,
            "unit_id": ref("xinfang_agency.unit_point_chunguang").id,
            "points": 1,
            "evidence": "通报第1期",
        }

    def test_nobody_approves_the_item_they_entered(self):
        Item = self.env["xinfang.assessment.item"]
        item = Item.browse(
            self.rpc("admin", "xinfang.assessment.item", "create", self._item_vals())
        )
        self.assertRefused(
            "admin", "xinfang.assessment.item", "action_approve", item.ids
        )
        self.assertRefused(
            "assessor",
            "xinfang.assessment.item",
            "write",
            item.ids,
            {"state": "approved", "approved_by_id": self.user["principal"].id},
        )
        self.assertRefused(
            "assessor",
            "xinfang.assessment.item",
            "create",
            dict(self._item_vals(), entered_by_id=self.user["principal"].id),
        )
        self.assertEqual(self.fresh(item).state, "draft")
        # The assessor corrects the item: now it is the assessor's work,
        # and the administrator (a leader) may approve it.
        self.rpc(
            "assessor", "xinfang.assessment.item", "write", item.ids, {"points": 2}
        )
        self.assertEqual(self.fresh(item).entered_by_id, self.user["assessor"])
        self.rpc("admin", "xinfang.assessment.item", "action_approve", item.ids)
        item = self.fresh(item)
        self.assertEqual(
            (item.state, item.approved_by_id), ("approved", self.user["admin"])
        )
        self.assertRefused(
            "assessor", "xinfang.assessment.item", "write", item.ids, {"points": 5}
        )
        self.assertRefused("assessor", "xinfang.assessment.item", "unlink", item.ids)
        self.assertEqual(self.fresh(item).points, 2)

    def test_period_of_approved_results_keeps_its_dates(self):
        period = self.env.ref("xinfang_assessment.period_demo_2026_q3")
        self.assertRefused(
            "assessor",
            "xinfang.assessment.period",
            "write",
            period.ids,
            {"date_end": "2026-08-31"},
        )
        self.assertEqual(str(self.fresh(period).date_end), "2026-09-30")
        # Control: its name can still be corrected.
        self.rpc(
            "assessor",
            "xinfang.assessment.period",
            "write",
            period.ids,
            {"name": "2026年三季度"},
        )
        self.assertEqual(self.fresh(period).name, "2026年三季度")

    # ------------------------------------------------------------------
    # Meetings: the convener approves minutes someone else recorded
    # ------------------------------------------------------------------
    def test_secretary_cannot_reopen_sent_minutes_or_approve_them(self):
        ref = self.env.ref
        sent = self.env["xinfang.meeting"].create(
            {
                "name": "安全测试已发送纪要",
                "body_id": ref("xinfang_meeting.body_jiaotong").id,
                "unit_id": ref("xinfang_agency.unit_station_jiaotong").id,
                "convener_id": self.user["principal"].id,
                "minutes": "<p>原纪要</p>",
                "state": "sent",
                "approved_by_id": self.user["principal"].id,
            }
        )
        self.assertRefused(
            "clerk", "xinfang.meeting", "write", sent.ids, {"state": "held"}
        )
        self.assertRefused(
            "clerk",
            "xinfang.meeting",
            "write",
            sent.ids,
            {"minutes": "<p>改写</p>", "approved_by_id": self.user["clerk"].id},
        )
        self.assertRefused("clerk", "xinfang.meeting", "unlink", sent.ids)
        sent = self.fresh(sent)
        self.assertEqual(
            (sent.state, sent.approved_by_id), ("sent", self.user["principal"])
        )
        self.assertEqual(sent.minutes, "<p>原纪要</p>")
        # Held minutes: the secretary neither approves them nor becomes convener.
        held = ref("xinfang_meeting.meeting_demo_q4_regular")
        self.assertEqual(held.state, "held")
        self.assertRefused(
            "clerk", "xinfang.meeting", "action_approve_minutes", held.ids
        )
        self.assertRefused(
            "clerk",
            "xinfang.meeting",
            "write",
            held.ids,
            {"convener_id": self.user["clerk"].id},
        )
        self.assertRefused(
            "clerk",
            "xinfang.meeting",
            "write",
            held.ids,
            {"state": "approved", "approved_by_id": self.user["principal"].id},
        )
        held = self.fresh(held)
        self.assertEqual(
            (held.state, held.convener_id), ("held", self.user["principal"])
        )
        # Control: the convener approves.
        self.rpc("principal", "xinfang.meeting", "action_approve_minutes", held.ids)
        held = self.fresh(held)
        self.assertEqual(
            (held.state, held.approved_by_id), ("approved", self.user["principal"])
        )

    def test_convener_does_not_approve_minutes_they_recorded(self):
        ref = self.env.ref
        # The administrator is secretary and may be named convener.
        meeting_id = self.rpc(
            "admin",
            "xinfang.meeting",
            "create",
            {
                "name": "安全测试自拟纪要",
                "body_id": ref("xinfang_meeting.body_jiaotong").id,
                "unit_id": ref("xinfang_agency.unit_station_jiaotong").id,
                "convener_id": self.user["admin"].id,
            },
        )
        meeting = self.env["xinfang.meeting"].browse(meeting_id)
        self.rpc("admin", "xinfang.meeting", "action_hold", meeting.ids)
        self.rpc(
            "admin", "xinfang.meeting", "write", meeting.ids, {"minutes": "<p>自记</p>"}
        )
        self.assertRefused(
            "admin", "xinfang.meeting", "action_approve_minutes", meeting.ids
        )
        self.assertEqual(self.fresh(meeting).state, "held")
        # Control: the clerk records the minutes; the convener approves them.
        self.rpc(
            "clerk",
            "xinfang.meeting",
            "write",
            meeting.ids,
            {"minutes": "<p>秘书记录</p>"},
        )
        self.rpc("admin", "xinfang.meeting", "action_approve_minutes", meeting.ids)
        self.assertEqual(self.fresh(meeting).state, "approved")

    def test_owner_cannot_cancel_or_redefine_a_decision(self):
        decision = self.env.ref("xinfang_meeting.decision_q4_drainage")
        before = (decision.state, decision.deadline, decision.user_id)
        self.assertRefused(
            "handler",
            "xinfang.meeting.decision",
            "write",
            decision.ids,
            {"state": "cancelled"},
        )
        self.assertRefused(
            "handler",
            "xinfang.meeting.decision",
            "write",
            decision.ids,
            {"deadline": fields.Date.to_string(decision.deadline + timedelta(days=90))},
        )
        self.assertRefused(
            "handler",
            "xinfang.meeting.decision",
            "write",
            decision.ids,
            {"done_date": fields.Date.to_string(self.today)},
        )
        self.assertRefused(
            "handler", "xinfang.meeting.decision", "unlink", decision.ids
        )
        decision = self.fresh(decision)
        self.assertEqual((decision.state, decision.deadline, decision.user_id), before)
        self.assertFalse(decision.done_date)
        # Control: the owner drags it to done (a status write is the action).
        self.rpc(
            "handler",
            "xinfang.meeting.decision",
            "write",
            decision.ids,
            {"state": "done"},
        )
        decision = self.fresh(decision)
        self.assertEqual(decision.state, "done")
        self.assertEqual(decision.done_date, self.today)
        # Done: only the office reopens it.
        self.assertRefused(
            "handler", "xinfang.meeting.decision", "action_reopen", decision.ids
        )
        self.assertRefused(
            "handler",
            "xinfang.meeting.decision",
            "write",
            decision.ids,
            {"state": "open"},
        )
        self.assertEqual(self.fresh(decision).state, "done")

    def test_progress_notes_are_signed_and_final(self):
        decision = self.env.ref("xinfang_meeting.decision_q4_drainage")
        self.assertRefused(
            "handler",
            "xinfang.meeting.decision.note",
            "create",
            {
                "decision_id": decision.id,
                "note": "冒名",
                "user_id": self.user["clerk"].id,
            },
        )
        note_id = self.rpc(
            "handler",
            "xinfang.meeting.decision.note",
            "create",
            {"decision_id": decision.id, "note": "已联系清淤队"},
        )
        note = self.env["xinfang.meeting.decision.note"].browse(note_id)
        self.assertEqual(note.user_id, self.user["handler"])
        self.assertEqual(self.fresh(decision).state, "progress")
        for login in ("handler", "clerk"):
            self.assertRefused(
                login,
                "xinfang.meeting.decision.note",
                "write",
                note.ids,
                {"note": "改写"},
            )
        self.assertEqual(self.fresh(note).note, "已联系清淤队")

    # ------------------------------------------------------------------
    # 包案: within the leader's jurisdiction, or assigned by the office
    # ------------------------------------------------------------------
    def test_leader_takes_ownership_only_in_jurisdiction(self):
        ref = self.env.ref
        far = self._case(
            agency_unit_id=ref("xinfang_agency.unit_point_chunguang").id,
            handling_unit_id=False,
        )
        Ownership = self.env["xinfang.case.ownership"].with_context(active_test=False)
        self.assertRefused("leader", "xinfang.case", "action_take_ownership", far.ids)
        self.assertRefused(
            "leader",
            "xinfang.case.ownership",
            "create",
            {"case_id": far.id, "leader_id": self.user["leader"].id},
        )
        self.assertFalse(Ownership.search([("case_id", "=", far.id)]))
        self.assertRefused("leader", "xinfang.case", "read", far.ids, ["summary"])
        # Control: a case of the leader's jurisdiction.
        near = self._case()
        action = self.rpc("leader", "xinfang.case", "action_take_ownership", near.ids)
        owned = Ownership.browse(action["res_id"])
        self.assertEqual((owned.case_id, owned.leader_id), (near, self.user["leader"]))
        # The leader records duties, not the state, the dates or the owner.
        self.rpc(
            "leader",
            "xinfang.case.ownership",
            "write",
            owned.ids,
            {"duty_situation": True},
        )
        for vals in (
            {"state": "done"},
            {"leader_id": self.user["principal"].id},
            {"start_date": "2020-01-01"},
            {"case_id": far.id},
        ):
            self.assertRefused(
                "leader", "xinfang.case.ownership", "write", owned.ids, vals
            )
        owned = self.fresh(owned)
        self.assertEqual(
            (owned.state, owned.case_id, owned.leader_id),
            ("active", near, self.user["leader"]),
        )
        self.assertTrue(owned.duty_situation)

    def test_office_assigns_and_an_ended_ownership_grants_nothing(self):
        ref = self.env.ref
        far = self._case(
            agency_unit_id=ref("xinfang_agency.unit_point_chunguang").id,
            handling_unit_id=False,
        )
        self.assertRefused("leader", "xinfang.case", "read", far.ids, ["summary"])
        # The petition office (the administrator sees the whole county)
        # assigns the case to the leader; the leader then reads it.
        ownership_id = self.rpc(
            "admin",
            "xinfang.case.ownership",
            "create",
            {"case_id": far.id, "leader_id": self.user["leader"].id},
        )
        read = self.rpc("leader", "xinfang.case", "read", far.ids, ["summary"])
        self.assertEqual(read[0]["summary"], far.summary)
        # Only to a leader.
        self.assertRefused(
            "admin",
            "xinfang.case.ownership",
            "create",
            {"case_id": far.id, "leader_id": self.user["handler"].id},
        )
        # Archived: the case is gone for the leader.
        self.rpc("admin", "xinfang.case.ownership", "action_archive", [ownership_id])
        self.assertRefused("leader", "xinfang.case", "read", far.ids, ["summary"])
        found = self.rpc("leader", "xinfang.case", "search", [("id", "=", far.id)])
        self.assertEqual(found, [])
        # The leader cannot revive it.
        self.assertRefused(
            "leader", "xinfang.case.ownership", "action_unarchive", [ownership_id]
        )
        self.assertRefused(
            "leader",
            "xinfang.case.ownership",
            "write",
            [ownership_id],
            {"active": True},
        )
        # Ended (resolved) likewise grants nothing.
        near_far = self._case(
            agency_unit_id=ref("xinfang_agency.unit_point_chunguang").id,
            handling_unit_id=False,
            summary="安全测试：第二件",
        )
        ended = self.env["xinfang.case.ownership"].create(
            {"case_id": near_far.id, "leader_id": self.user["leader"].id}
        )
        self.rpc("leader", "xinfang.case", "read", near_far.ids, ["summary"])
        ended.write({"state": "done", "end_date": self.today})
        self.assertRefused("leader", "xinfang.case", "read", near_far.ids, ["summary"])

    # ------------------------------------------------------------------
    # Roadmaps and task forces: read by the people and units concerned
    # ------------------------------------------------------------------
    def test_roadmaps_and_task_forces_read_only_by_those_concerned(self):
        ref = self.env.ref
        roadmap = self.env["xinfang.work.roadmap"].create(
            {
                "name": "安全测试：打击路线图",
                "case_id": ref("xinfang_agency.case_demo_compensation").id,
                "approach": "crack_down",
                "leader_id": self.user["principal"].id,
                "unit_id": ref("xinfang_agency.unit_station_xincheng").id,
            }
        )
        task_force = self.env["xinfang.task.force"].create(
            {
                "name": "安全测试专项组",
                "leader_id": self.user["principal"].id,
                "member_ids": [Command.set(self.user["leader"].ids)],
            }
        )
        for login in ("handler", "agent", "assessor"):
            self.assertRefused(
                login, "xinfang.work.roadmap", "read", roadmap.ids, ["name"]
            )
            self.assertRefused(
                login, "xinfang.task.force", "read", task_force.ids, ["name"]
            )
            self.assertEqual(
                self.rpc(
                    login,
                    "xinfang.work.roadmap",
                    "search",
                    [("approach", "=", "crack_down")],
                ),
                [],
            )
        # Control: the leader, the member, the office.
        self.rpc("principal", "xinfang.work.roadmap", "read", roadmap.ids, ["name"])
        self.rpc("clerk", "xinfang.work.roadmap", "read", roadmap.ids, ["name"])
        self.rpc("leader", "xinfang.task.force", "read", task_force.ids, ["name"])
        # The demo roadmap is the handler's unit's; the agent owns a step.
        demo = ref("xinfang_meeting.roadmap_drainage")
        self.rpc("handler", "xinfang.work.roadmap", "read", demo.ids, ["name"])
        self.rpc("agent", "xinfang.work.roadmap", "read", demo.ids, ["name"])
        self.assertRefused(
            "assessor", "xinfang.work.roadmap", "read", demo.ids, ["name"]
        )
