"""Shared set-up of the case flow tests: a unit tree, one user per role."""

from datetime import timedelta

from odoo.tests import TransactionCase, new_test_user

# Valid GB 11643 numbers (checksums computed for the tests).
ID_LIU = "150626198003151230"
ID_SUN = "150626197511024567"
ID_WITH_X = "11010519491231002X"


class CaseFlowCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nosubscribe=True))
        Unit = cls.env["xinfang.unit"]
        cls.center = Unit.create(
            {"name": "测试县信访局", "code": "T-FLOW", "unit_type": "center"}
        )
        cls.station = Unit.create(
            {
                "name": "测试街道",
                "code": "T-FLOW-ST",
                "unit_type": "station",
                "parent_id": cls.center.id,
            }
        )
        cls.point = Unit.create(
            {
                "name": "测试社区",
                "code": "T-FLOW-PT",
                "unit_type": "point",
                "parent_id": cls.station.id,
            }
        )
        cls.dept = Unit.create(
            {
                "name": "测试城建办",
                "code": "T-FLOW-DEP",
                "unit_type": "department",
                "parent_id": cls.station.id,
            }
        )

        def user(login, group, unit):
            return new_test_user(
                cls.env,
                login=login,
                groups=f"xinfang_agency.{group}",
                xinfang_unit_id=unit.id,
            )

        cls.agent = user("flow_agent", "group_xinfang_agent", cls.point)
        cls.clerk = user("flow_clerk", "group_xinfang_clerk", cls.station)
        cls.handler = user("flow_handler", "group_xinfang_handler", cls.dept)
        cls.leader = user("flow_leader", "group_xinfang_leader", cls.station)
        cls.principal = user("flow_principal", "group_xinfang_principal", cls.station)
        # The petition office above the station: it decides the 复核.
        cls.center_clerk = user("flow_center_clerk", "group_xinfang_clerk", cls.center)
        cls.petitioner = cls.env["res.partner"].create(
            {"name": "刘桂兰", "phone": "13804771234", "xinfang_id_number": ID_LIU}
        )
        cls.category = cls.env.ref("xinfang_agency.case_category_urban_municipal")
        cls.today = cls.env.company._xinfang_today()

    # ------------------------------------------------------------------
    # Flow helpers: each step as the role that does it
    # ------------------------------------------------------------------
    def new_case(self, **vals):
        values = {
            "summary": "小区雨污管道堵塞",
            "channel": "visit",
            "received_date": self.today - timedelta(days=5),
            "petitioner_ids": [(6, 0, self.petitioner.ids)],
            "agency_unit_id": self.point.id,
            "category_id": self.category.id,
            "leader_id": self.leader.id,
        }
        values.update(vals)
        leader = values.pop("leader_id")
        case = self.env["xinfang.case"].with_user(self.agent).create(values)
        # The leader in charge is the petition office's call.
        case.with_user(self.clerk).leader_id = leader
        return case

    def screen(self, case, outcome="agency", **vals):
        values = {"case_id": case.id, "outcome": outcome}
        if outcome == "agency":
            values.update(
                {
                    "agent_id": self.agent.id,
                    "handling_unit_id": self.dept.id,
                    "petitioner_agreed": True,
                    "petitioner_promised": True,
                }
            )
        values.update(vals)
        wizard = (
            self.env["xinfang.case.screening.wizard"]
            .with_user(self.clerk)
            .create(values)
        )
        return wizard.action_confirm()

    def to_assign_signoff(self, **case_vals):
        case = self.new_case(**case_vals)
        case.with_user(self.agent).action_submit_screening()
        self.screen(case)
        case.with_user(self.clerk).handler_id = self.handler
        return case

    def to_handling(self, **case_vals):
        case = self.to_assign_signoff(**case_vals)
        case.with_user(self.principal).action_sign_assignment()
        return case

    def to_close_signoff(self, **case_vals):
        case = self.to_handling(**case_vals)
        as_handler = case.with_user(self.handler)
        as_handler.action_record_first_contact()
        as_handler.write(
            {"reply": "已安排疏通管道并更换井盖。", "result_class": "solved"}
        )
        as_handler.action_submit_reply()
        return case

    def to_feedback(self, **case_vals):
        case = self.to_close_signoff(**case_vals)
        case.with_user(self.principal).action_sign_closure()
        return case

    def stage(self, state):
        return self.env.ref(f"xinfang_agency.stage_{state}")
