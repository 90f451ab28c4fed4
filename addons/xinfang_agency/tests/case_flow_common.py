"""Shared set-up of the case flow tests: each step as the role that does it."""

from .common import XinfangAgencyCommon


class CaseFlowCommon(XinfangAgencyCommon):
    """The base's county; cases registered by the community's agent and
    taken through screening, sign-offs and the reply."""

    def new_case(self, **vals):
        leader = vals.pop("leader_id", self.leader.id)
        case = self._create_case(user=self.agent, **vals)
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
