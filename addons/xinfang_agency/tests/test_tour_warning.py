from odoo import Command
from odoo.tests import HttpCase, tagged

SUMMARY = "预警巡检：幸福社区拆迁安置群体走访"


@tagged("post_install", "-at_install")
class TestWarningTour(HttpCase):
    def test_leader_signs_warning_in_the_browser(self):
        ref = self.env.ref
        case = self.env["xinfang.case"].create(
            {
                "summary": SUMMARY,
                "demands": "请求尽快公布安置房分配方案",
                "channel": "visit",
                "headcount": 8,
                "petitioner_ids": [Command.create({"name": "孙红梅"})],
                "agency_unit_id": ref("xinfang_agency.unit_point_xingfu").id,
                "handling_unit_id": ref("xinfang_agency.unit_dept_urban").id,
                "handler_id": ref("xinfang_agency.user_handler").id,
                "leader_id": ref("xinfang_agency.user_leader").id,
            }
        )
        warning = case.warning_ids
        self.assertEqual(warning.state, "open")
        # The handling unit writes the analysis; the leader signs it.
        warning.with_user(ref("xinfang_agency.user_handler")).write(
            {
                "cause_analysis": "安置房分配进度滞后，群众担心权益受损",
                "resolution_measures": "城建办公开安置房分配时间表",
                "stabilisation_measures": "网格员每周上门走访",
            }
        )
        self.start_tour(
            "/odoo/action-xinfang_agency.xinfang_case_action",
            "xinfang_warning_sign",
            login="leader",
        )
        warning.invalidate_recordset()
        self.assertEqual(warning.state, "signed")
        self.assertEqual(warning.signed_by_id, ref("xinfang_agency.user_leader"))
        self.assertEqual(warning.cause_analysis, "安置房分配进度滞后，群众担心权益受损")
        self.assertFalse(case.has_open_warning)
