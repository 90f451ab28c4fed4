"""What a user types over JSON-RPC: oversized text, control characters and
implausible dates are refused with a clear error naming the field (never a
database error or a traceback), and nothing changes."""

from rpc_common import RpcCase

from odoo.tests import tagged

HUGE = "访" * 100_000
EN = {"context": {"lang": "en_US"}}


@tagged("post_install", "-at_install")
class TestInputChecks(RpcCase):
    def setUp(self):
        super().setUp()
        self.cases_before = self._cases()

    def _cases(self):
        return (
            self.env["xinfang.case"]
            .sudo()
            .with_context(active_test=False)
            .search_count([])
        )

    def _case_vals(self, **changes):
        return dict(
            {"summary": "路灯不亮", "demands": "请求修复", "channel": "visit"},
            **changes,
        )

    def assertRefusedNaming(self, label, login, model, method, *args):
        refusal = self.assertRefused(login, model, method, *args, **EN)
        self.assertEqual(refusal.name, "odoo.exceptions.ValidationError", refusal.debug)
        self.assertIn(label, refusal.message)
        return refusal

    def test_oversized_case_summary(self):
        refusal = self.assertRefusedNaming(
            "Summary",
            "clerk",
            "xinfang.case",
            "create",
            [self._case_vals(summary=HUGE)],
        )
        self.assertIn("too long", refusal.message)
        self.assertEqual(self._cases(), self.cases_before)

    def test_nul_in_case_demands(self):
        self.assertRefusedNaming(
            "Demands",
            "clerk",
            "xinfang.case",
            "create",
            [self._case_vals(demands="请求\x00修复")],
        )
        self.assertEqual(self._cases(), self.cases_before)

    def test_implausible_received_dates(self):
        for day in ("1800-01-01", "2999-01-01"):
            with self.subTest(day=day):
                self.assertRefusedNaming(
                    "Received",
                    "clerk",
                    "xinfang.case",
                    "create",
                    [self._case_vals(received_date=day)],
                )
        self.assertEqual(self._cases(), self.cases_before)

    def test_oversized_write_leaves_the_case_unchanged(self):
        case = self.env["xinfang.case"].search([], limit=1)
        summary = case.summary
        self.assertRefusedNaming(
            "Summary", "admin", "xinfang.case", "write", case.ids, {"summary": HUGE}
        )
        self.assertEqual(self.fresh(case).summary, summary)

    def test_oversized_petitioner_name(self):
        partners = self.env["res.partner"].sudo().search_count([])
        self.assertRefusedNaming(
            "Name", "admin", "res.partner", "create", [{"name": HUGE}]
        )
        self.assertEqual(self.env["res.partner"].sudo().search_count([]), partners)

    def test_oversized_meeting_name(self):
        meeting = self.env["xinfang.meeting"].search([], limit=1)
        name = meeting.name
        self.assertRefusedNaming(
            "Subject", "admin", "xinfang.meeting", "write", meeting.ids, {"name": HUGE}
        )
        self.assertEqual(self.fresh(meeting).name, name)

    def test_far_future_decision_deadline_and_old_period(self):
        # As the roles that may edit these fields by hand: the check is the
        # input's, not the whitelist's.
        decision = self.env["xinfang.meeting.decision"].search(
            [("state", "in", ("open", "progress"))], limit=1
        )
        deadline = decision.deadline
        self.assertRefusedNaming(
            "Deadline",
            "clerk",
            "xinfang.meeting.decision",
            "write",
            decision.ids,
            {"deadline": "2999-12-31"},
        )
        self.assertEqual(self.fresh(decision).deadline, deadline)
        period = (
            self.env["xinfang.assessment.period"]
            .search([])
            .filtered(lambda p: not p.locked)[:1]
        )
        start = period.date_start
        self.assertRefusedNaming(
            "Start",
            "assessor",
            "xinfang.assessment.period",
            "write",
            period.ids,
            {"date_start": "1800-01-01"},
        )
        self.assertEqual(self.fresh(period).date_start, start)

    def test_control_the_clerk_registers_a_case(self):
        case_id = self.rpc("clerk", "xinfang.case", "create", [self._case_vals()])
        self.assertTrue(case_id)
        self.assertEqual(self._cases(), self.cases_before + 1)
        self.assertEqual(self.env["xinfang.case"].browse(case_id).summary, "路灯不亮")
