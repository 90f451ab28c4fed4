from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .case_flow_common import CaseFlowCommon
from .common import ID_LIU


@tagged("post_install", "-at_install")
class TestScreening(CaseFlowCommon):
    def _screening_case(self, **vals):
        case = self.new_case(**vals)
        case.with_user(self.agent).action_submit_screening()
        return case

    def test_direct_answer_closes_with_answer(self):
        case = self._screening_case()
        with self.assertRaisesRegex(UserError, "answer"):
            self.screen(case, outcome="direct_answer", note="")
        self.screen(case, outcome="direct_answer", note="已当场解释政策")
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.screening_note, "已当场解释政策")
        self.assertEqual(case.closed_date, self.today)
        self.assertFalse(case.is_agency)

    def test_legal_route_closes_with_route_and_advice(self):
        case = self._screening_case()
        with self.assertRaises(UserError):
            self.screen(case, outcome="legal_route", note="向法院起诉")
        self.screen(
            case, outcome="legal_route", legal_route="litigation", note="向法院起诉"
        )
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.legal_route, "litigation")

    def test_window_closes(self):
        case = self._screening_case()
        self.screen(case, outcome="window")
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.screening_outcome, "window")

    def test_excluded_needs_reason(self):
        case = self._screening_case()
        with self.assertRaises(UserError):
            self.screen(case, outcome="excluded")
        self.assertEqual(case.state, "screening")
        self.screen(case, outcome="excluded", exclusion_reason="judicial")
        self.assertEqual(case.state, "closed")
        self.assertEqual(case.exclusion_reason, "judicial")

    def test_agency_needs_agreement_and_promise(self):
        case = self._screening_case()
        with self.assertRaisesRegex(UserError, "promise"):
            self.screen(case, petitioner_promised=False)
        with self.assertRaises(UserError):
            self.screen(case, handling_unit_id=False)
        self.assertEqual(case.state, "screening")
        self.assertFalse(case.screening_outcome)
        self.screen(case, assignment_basis="policy")
        self.assertEqual(case.state, "assign_signoff")
        self.assertEqual(case.handling_unit_id, self.dept)
        self.assertEqual(case.agent_id, self.agent)

    def test_only_agents_and_clerks_screen(self):
        case = self._screening_case()
        wizard = (
            self.env["xinfang.case.screening.wizard"]
            .with_user(self.clerk)
            .create({"case_id": case.id, "outcome": "window"})
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.handler).action_confirm()
        self.assertEqual(case.state, "screening")

    def _terminate(self, case):
        as_agent = case.with_user(self.agent)
        as_agent.action_record_feedback(satisfaction="dissatisfied", method="visit")
        as_agent.action_request_review()
        case.with_user(self.clerk).action_record_review_answer(
            answer="维持", outcome="upheld"
        )
        as_agent.action_request_re_review()
        case.with_user(self.center_clerk).action_record_re_review_answer(
            answer="维持", outcome="upheld"
        )
        self.assertTrue(case.terminated)

    def test_terminated_matter_refused(self):
        self._terminate(self.to_feedback())
        # Same person (another partner record, same ID number), same category.
        again = self.env["res.partner"].create(
            {"name": "刘桂兰", "xinfang_id_number": ID_LIU}
        )
        case = self._screening_case(petitioner_ids=[(6, 0, again.ids)])
        with self.assertRaisesRegex(UserError, "terminated"):
            self.screen(case)
        self.assertEqual(case.state, "screening")
        # Excluding it with the reason is what the office does instead.
        self.screen(case, outcome="excluded", exclusion_reason="terminated")
        self.assertEqual(case.state, "closed")

    def test_other_category_not_refused(self):
        self._terminate(self.to_feedback())
        case = self._screening_case(
            category_id=self.env.ref("xinfang_agency.case_category_labour_wages").id
        )
        self.screen(case)
        self.assertEqual(case.state, "assign_signoff")
