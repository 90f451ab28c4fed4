import io
from datetime import timedelta

from openpyxl import load_workbook

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .grassroots_common import GrassrootsCommon


@tagged("post_install", "-at_install")
class TestDisputeFlow(GrassrootsCommon):
    """The 排查 ledger: found, then resolved on the spot or made a case."""

    def dispute_activity(self, dispute):
        kind = self.env.ref("xinfang_agency.mail_activity_type_deadline_dispute")
        return dispute.activity_ids.filtered(lambda a: a.activity_type_id == kind)

    def test_found_dispute_has_reference_finder_and_deadline(self):
        dispute = self.new_dispute(user=self.grid_worker, unit_id=False)
        self.assertTrue(dispute.name.startswith("PC"))
        self.assertEqual(dispute.found_by_id, self.grid_worker)
        self.assertEqual(dispute.unit_id, self.point, "the unit of the worker's grid")
        self.assertEqual(dispute.state, "open")
        activity = self.dispute_activity(dispute)
        self.assertEqual(activity.user_id, self.grid_worker)
        expected = self.env["xinfang.holiday"].add_days(
            dispute.found_date, 15, "working"
        )
        self.assertEqual(activity.date_deadline, expected)
        self.assertEqual(dispute.deadline_date, expected)

    def test_corrected_found_date_moves_the_deadline(self):
        dispute = self.new_dispute(found_date=self.today)
        dispute.with_user(self.agent).found_date = self.today - timedelta(days=10)
        expected = self.env["xinfang.holiday"].add_days(
            dispute.found_date, 15, "working"
        )
        self.assertEqual(self.dispute_activity(dispute).date_deadline, expected)
        self.assertEqual(dispute.deadline_date, expected)

    def test_responsible_person_takes_the_deadline(self):
        dispute = self.new_dispute()
        dispute.with_user(self.clerk).responsible_user_id = self.handler
        self.assertEqual(self.dispute_activity(dispute).user_id, self.handler)

    def test_resolve_needs_outcome_and_closes_deadline(self):
        dispute = self.new_dispute(user=self.grid_worker)
        as_worker = dispute.with_user(self.grid_worker)
        with self.assertRaisesRegex(UserError, "outcome"):
            as_worker.action_resolve()
        self.assertEqual(dispute.state, "open")
        as_worker.outcome = "经网格员调解，双方约定装修时间为工作日9时至18时。"
        as_worker.action_resolve()
        self.assertEqual(dispute.state, "resolved")
        self.assertEqual(dispute.resolved_date, self.today)
        self.assertFalse(self.dispute_activity(dispute))
        with self.assertRaisesRegex(UserError, "already"):
            as_worker.action_resolve()
        # Resolved is final: the content no longer changes by hand.
        with self.assertRaises(UserError):
            as_worker.outcome = "改写结果"

    def test_make_case_links_both_ways(self):
        dispute = self.new_dispute(
            category_id=self.category.id, party_ids=[(6, 0, self.petitioner.ids)]
        )
        action = dispute.with_user(self.agent).action_make_case()
        case = dispute.case_id
        self.assertEqual(action["res_id"], case.id)
        self.assertEqual(dispute.state, "case")
        self.assertEqual(case.dispute_id, dispute)
        self.assertEqual(case.channel, "screening")
        self.assertEqual(case.state, "registered")
        self.assertEqual(case.grid_id, self.grid)
        self.assertEqual(case.agency_unit_id, self.point)
        self.assertEqual(case.agent_id, self.agent)
        self.assertEqual(case.petitioner_ids, self.petitioner)
        self.assertEqual(case.category_id, self.category)
        self.assertEqual(case.summary, "楼上住户装修噪音扰民，双方多次争吵。")
        self.assertEqual(case.demands, dispute.description)
        self.assertFalse(self.dispute_activity(dispute))
        self.assertIn(dispute.name, case.message_ids.mapped("body")[0])
        # The case goes on through its own flow: the petitioner is there.
        case.with_user(self.agent).action_submit_screening()
        self.assertEqual(case.state, "screening")
        with self.assertRaisesRegex(UserError, "already"):
            dispute.with_user(self.agent).action_make_case()

    def test_grid_worker_cannot_make_a_case(self):
        dispute = self.new_dispute(user=self.grid_worker)
        with self.assertRaises(AccessError):
            dispute.with_user(self.grid_worker).action_make_case()
        self.assertEqual(dispute.state, "open")
        self.assertFalse(
            self.env["xinfang.case"].search([("dispute_id", "=", dispute.id)])
        )

    def test_state_and_links_are_not_written_by_hand(self):
        dispute = self.new_dispute()
        case = self.new_case()
        as_agent = dispute.with_user(self.agent)
        for vals in (
            {"state": "resolved"},
            {"case_id": case.id},
            {"deadline_date": self.today},
            {"found_by_id": self.clerk.id},
            {"active": False},
        ):
            with self.assertRaises(UserError):
                as_agent.write(vals)
        self.assertEqual(dispute.state, "open")
        with self.assertRaises(UserError):
            self.env["xinfang.dispute"].with_user(self.agent).create(
                {"description": "x", "state": "resolved", "unit_id": self.point.id}
            )
        with self.assertRaises(UserError):
            case.with_user(self.agent).write({"dispute_id": dispute.id})

    def test_bad_input_is_refused_in_chinese(self):
        Dispute = (
            self.env["xinfang.dispute"].with_user(self.agent).with_context(lang="zh_CN")
        )
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["xinfang_agency"], ["zh_CN"])
        base = {"description": "邻里纠纷", "unit_id": self.point.id}
        with self.assertRaisesRegex(ValidationError, "发现日期"):
            Dispute.create(dict(base, found_date=self.today + timedelta(days=1)))
        with self.assertRaisesRegex(ValidationError, "过长"):
            Dispute.create(dict(base, description="纠" * 20_001))
        with self.assertRaisesRegex(ValidationError, "控制字符"):
            Dispute.create(dict(base, household="3栋\x00"))
        dispute = self.new_dispute(found_date=self.today - timedelta(days=3))
        with self.assertRaisesRegex(ValidationError, "化解"):
            dispute.with_user(self.agent).with_context(lang="zh_CN").write(
                {"outcome": "已调解", "resolved_date": self.today - timedelta(days=5)}
            )
        unresolved = self.new_dispute()
        with self.assertRaisesRegex(UserError, "化解结果"):
            unresolved.with_user(self.agent).with_context(lang="zh_CN").action_resolve()
        self.assertEqual(unresolved.state, "open")
        self.assertEqual(
            self.env["xinfang.dispute"].search_count(
                [("description", "=", "邻里纠纷")]
            ),
            0,
        )

    def test_grid_must_lie_under_the_unit(self):
        with self.assertRaises(ValidationError):
            self.new_dispute(grid_id=self.other_grid.id)

    def test_never_deleted_archived_by_the_office(self):
        dispute = self.new_dispute()
        with self.assertRaises(UserError):  # AccessError is one
            dispute.with_user(self.agent).unlink()
        with self.assertRaises(AccessError):
            dispute.with_user(self.agent).action_archive()
        dispute.with_user(self.clerk).action_archive()
        self.assertFalse(dispute.active)

    def test_overdue_dispute_is_urged_with_a_digest(self):
        old = self.new_dispute(found_date=self.today - timedelta(days=60))
        fresh = self.new_dispute()
        old.with_user(self.clerk).leader_id = self.leader
        self.env["xinfang.dispute"]._cron_urge_overdue()
        urge = self.env.ref("xinfang_agency.mail_activity_type_urge_dispute")
        self.assertEqual(
            old.activity_ids.filtered(lambda a: a.activity_type_id == urge).user_id,
            self.clerk,
            "the clerk of the station above the point",
        )
        self.assertFalse(
            fresh.activity_ids.filtered(lambda a: a.activity_type_id == urge)
        )
        digest = self.env["mail.message"].search(
            [("partner_ids", "in", self.leader.partner_id.ids), ("model", "=", False)],
            order="id desc",
            limit=1,
        )
        self.assertIn(old.name, digest.body)
        # Once per due date.
        self.env["xinfang.dispute"]._cron_urge_overdue()
        self.assertEqual(
            len(old.activity_ids.filtered(lambda a: a.activity_type_id == urge)), 1
        )

    def test_ledger_xlsx(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["xinfang_agency"], ["zh_CN"])
        open_one = self.new_dispute(measures="=cmd|' /C calc'!A0", risk_level="high")
        open_one.with_user(self.clerk).write(
            {
                "leader_id": self.leader.id,
                "responsible_unit_id": self.dept.id,
                "responsible_user_id": self.handler.id,
            }
        )
        resolved = self.new_dispute(household="和平村二组", outcome="双方达成调解协议")
        resolved.with_user(self.agent).action_resolve()
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.clerk)
            .with_context(lang="zh_CN")
            ._render_xlsx(
                "xinfang_agency.action_report_dispute_ledger_xlsx",
                (open_one | resolved).ids,
                None,
            )
        )
        self.assertEqual(kind, "xlsx")
        sheet = load_workbook(io.BytesIO(content)).active
        headers = [cell.value for cell in sheet[1]]
        for expected in (
            "户或地点",
            "当事人",
            "具体工作措施",
            "包案领导",
            "责任单位/责任人",
            "处理时限",
            "状态",
        ):
            self.assertIn(expected, headers)
        col = {header: index for index, header in enumerate(headers)}
        rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
        row = rows[open_one.name]
        self.assertEqual(
            row[col["具体工作措施"]].data_type, "s", "a formula stays text"
        )
        self.assertEqual(row[col["包案领导"]].value, self.leader.name)
        self.assertEqual(
            row[col["责任单位/责任人"]].value, "测试城建办 / " + self.handler.name
        )
        self.assertEqual(row[col["处理时限"]].value.date(), open_one.deadline_date)
        self.assertEqual(rows[resolved.name][col["状态"]].value, "已化解")

    def test_deadline_follows_the_configured_limit(self):
        self.env["xinfang.deadline.rule"].search([("key", "=", "dispute")]).write(
            {"amount": 5, "unit": "calendar"}
        )
        dispute = self.new_dispute(found_date=self.today - timedelta(days=2))
        self.assertEqual(dispute.deadline_date, self.today + timedelta(days=3))
