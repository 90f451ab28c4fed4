"""复查 / 复核 lines (issue 13 item 5, issue 15), attacked over JSON-RPC by
the demo roles: decisions and states written by hand, a decision by the unit
that answered, and the accused unit reading the review of an accusation.
The petition office of the unit above (the demo clerk of 交通街道) is the
control."""

from datetime import timedelta

from rpc_common import RpcCase, RpcRefused

from odoo import Command
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestRpcReviews(RpcCase):
    def setUp(self):
        super().setUp()
        ref = self.env.ref
        self.today = self.env.company._xinfang_today()
        self.agent = ref("xinfang_agency.user_agent")
        petitioner = self.env["res.partner"].create({"name": "幸福社区王某"})
        # Answered by 城建办; the 复查 goes to 交通街道 above it.
        self.case = self.env["xinfang.case"].create(
            {
                "summary": "楼道积水答复不满",
                "petitioner_ids": [Command.set(petitioner.ids)],
                "received_date": self.today - timedelta(days=20),
                "agency_unit_id": ref("xinfang_agency.unit_point_xingfu").id,
                "handling_unit_id": ref("xinfang_agency.unit_dept_urban").id,
                "agent_id": self.agent.id,
                "leader_id": ref("xinfang_agency.user_leader").id,
                "screening_outcome": "agency",
                "stage_id": ref("xinfang_agency.stage_feedback").id,
                "closed_date": self.today - timedelta(days=3),
                "feedback_date": self.today - timedelta(days=2),
                "satisfaction": "dissatisfied",
                "feedback_method": "phone",
            }
        )
        self.case.with_user(self.agent).action_request_review()
        self.review = self.case.review_ids

    def fresh_review(self):
        return self.fresh(self.review)

    def test_decision_and_state_not_written_by_hand(self):
        forged = {
            "outcome": "revoked",
            "found_reasonable": True,
            "decision_date": str(self.today),
            "state": "decided",
        }
        for login in ("clerk", "agent", "handler", "leader", "principal"):
            self.assertRefused(
                login, "xinfang.case.review", "write", self.review.ids, forged
            )
            self.assertRefused(
                login,
                "xinfang.case.review",
                "create",
                [
                    {
                        "case_id": self.case.id,
                        "level": "re_review",
                        "request_date": str(self.today),
                        "answered_unit_id": self.review.unit_id.id,
                        "unit_id": self.review.unit_id.id,
                    }
                ],
            )
            self.assertRefused(
                login,
                "xinfang.case",
                "write",
                self.case.ids,
                {
                    "review_ids": [
                        Command.update(self.review.id, {"outcome": "revoked"})
                    ],
                },
            )
            self.assertRefused(
                login, "xinfang.case", "write", self.case.ids, {"terminated": True}
            )
            # The flow's private steps are not reachable over RPC.
            self.assertRefused(
                login,
                "xinfang.case",
                "_review_reopen_handling",
                self.case.ids,
                self.review.id,
            )
        review = self.fresh_review()
        self.assertEqual((review.state, review.outcome), ("requested", False))
        self.assertEqual(self.fresh(self.case).state, "feedback")
        self.assertFalse(self.fresh(self.case).terminated)

    def test_only_the_office_above_decides(self):
        decision = {"answer": "维持原答复", "outcome": "upheld"}
        # The unit that answered (城建办's handler) and the agent do not decide.
        for login in ("handler", "agent"):
            self.assertRefused(
                login,
                "xinfang.case",
                "action_record_review_answer",
                self.case.ids,
                **decision,
            )
        # A decision without an outcome changes nothing.
        self.assertRefused(
            "clerk",
            "xinfang.case",
            "action_record_review_answer",
            self.case.ids,
            answer="维持原答复",
        )
        self.assertEqual(self.fresh_review().state, "requested")
        # Control: the petition office of 交通街道 decides.
        self.rpc(
            "clerk",
            "xinfang.case",
            "action_record_review_answer",
            self.case.ids,
            **decision,
        )
        review = self.fresh_review()
        self.assertEqual((review.state, review.outcome), ("decided", "upheld"))
        self.assertEqual(
            review.decided_by_id, self.env.ref("xinfang_agency.user_clerk")
        )

    def test_accused_unit_cannot_read_the_review_of_an_accusation(self):
        # An accusation against 交通街道 (handled by the county since): its
        # leader and principal, members of the accused unit, otherwise read
        # every case of their jurisdiction.
        model = "xinfang.case.review"
        before = self.rpc(
            "leader", model, "search_read", [("case_id", "=", self.case.id)], ["level"]
        )
        self.assertEqual(
            [row["id"] for row in before], self.review.ids, "read before the seal"
        )
        self.case.write(
            {
                "handling_unit_id": self.env.ref(
                    "xinfang_agency.unit_county_center"
                ).id,
                "petition_type": "accusation",
                "accused_unit_id": self.env.ref(
                    "xinfang_agency.unit_station_jiaotong"
                ).id,
            }
        )
        for login in ("leader", "principal"):
            self.assertRefused(login, model, "read", self.review.ids, ["reasoning"])
            found = self.rpc(
                login,
                model,
                "search_read",
                [("case_id", "=", self.case.id)],
                ["unit_id"],
            )
            self.assertEqual(found, [], login)
            groups = self.rpc(
                login,
                model,
                "read_group",
                [("id", "in", self.review.ids)],
                ["level"],
                ["level"],
            )
            self.assertEqual(groups, [], login)
            try:
                exported = self.rpc(
                    login,
                    model,
                    "export_data",
                    self.review.ids,
                    ["case_id/name", "dual_check_result"],
                )
                self.assertEqual(exported.get("datas"), [], login)
            except RpcRefused as refusal:
                self.assertIn(refusal.name, self.REFUSALS)
            self.assertRefused(
                login, "xinfang.case", "read", self.case.ids, ["review_ids"]
            )
        # Control: the case's agent (who took the accusation down) reads it.
        found = self.rpc(
            "agent", model, "search_read", [("case_id", "=", self.case.id)], ["level"]
        )
        self.assertEqual([row["id"] for row in found], self.review.ids)
