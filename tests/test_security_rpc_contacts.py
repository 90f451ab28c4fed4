"""一问一核实 (issue 13, item 3): the calls and site visits of a case,
attacked over JSON-RPC by the demo roles outside it, with the handler of
the case's unit as the control."""

from rpc_common import RpcCase

from odoo import Command
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRpcContacts(RpcCase):
    def setUp(self):
        super().setUp()
        ref = self.env.ref
        # A case of the other station (新城街道): the demo handler (城建办),
        # agent (幸福社区) and leader (交通街道) are all outside it.
        self.far_dept = self.env["xinfang.unit"].create(
            {
                "name": "新城街道民政办",
                "code": "T-RPC-XC-DEP",
                "unit_type": "department",
                "parent_id": ref("xinfang_agency.unit_station_xincheng").id,
            }
        )
        self.far_handler = new_test_user(
            self.env,
            login="rpc_far_handler",
            groups="xinfang_agency.group_xinfang_handler",
            xinfang_unit_id=self.far_dept.id,
        )
        petitioner = self.env["res.partner"].create(
            {"name": "春光社区吴某", "phone": "13955551234"}
        )
        self.case = self.env["xinfang.case"].create(
            {
                "summary": "春光社区低保复核",
                "petitioner_ids": [Command.set(petitioner.ids)],
                "agency_unit_id": ref("xinfang_agency.unit_point_chunguang").id,
                "handling_unit_id": self.far_dept.id,
                "handler_id": self.far_handler.id,
                "stage_id": ref("xinfang_agency.stage_handling").id,
            }
        )
        # A site visit (not a call: the first contact stays to record).
        self.call = self.env["xinfang.case.contact"].create(
            {
                "case_id": self.case.id,
                "kind": "visit",
                "place": "春光社区吴某家",
                "outcome": "信访人称低保被取消，已约定入户核实。",
            }
        )
        self.new_call = {
            "case_id": self.case.id,
            "kind": "call",
            "answered_by": "吴某之女",
            "outcome": "伪造的通话记录",
        }

    def contacts(self):
        return self.fresh(self.case).contact_ids

    def test_outsiders_cannot_read(self):
        for login in ("handler", "agent", "leader"):
            self.assertRefused(
                login, "xinfang.case.contact", "read", self.call.ids, ["outcome"]
            )
            found = self.rpc(
                login,
                "xinfang.case.contact",
                "search_read",
                [("case_id", "=", self.case.id)],
                ["outcome"],
            )
            self.assertEqual(found, [], login)
            self.assertRefused(
                login, "xinfang.case", "read", self.case.ids, ["contact_ids"]
            )
        # Control: the handler of the case's unit reads them.
        found = self.rpc(
            "rpc_far_handler",
            "xinfang.case.contact",
            "search_read",
            [("case_id", "=", self.case.id)],
            ["outcome"],
        )
        self.assertEqual([r["id"] for r in found], self.call.ids)

    def test_outsiders_cannot_create(self):
        before = self.contacts()
        for login in ("handler", "agent", "leader"):
            self.assertRefused(login, "xinfang.case.contact", "create", [self.new_call])
            self.assertRefused(
                login, "xinfang.case", "action_record_first_contact", self.case.ids
            )
        self.assertEqual(self.contacts(), before)
        self.assertFalse(self.fresh(self.case).first_contact_date)
        # Control: the unit's handler records the call; it is the 一问.
        self.rpc("rpc_far_handler", "xinfang.case.contact", "create", [self.new_call])
        self.assertEqual(len(self.contacts()), 2)
        self.assertTrue(self.fresh(self.case).first_contact_date)

    def test_outsiders_cannot_rewrite_or_delete(self):
        for login in ("handler", "agent", "leader"):
            self.assertRefused(
                login,
                "xinfang.case.contact",
                "write",
                self.call.ids,
                {"outcome": "篡改"},
            )
            self.assertRefused(login, "xinfang.case.contact", "unlink", self.call.ids)
        # Even the unit's handler deletes nothing and never moves a call.
        self.assertRefused(
            "rpc_far_handler", "xinfang.case.contact", "unlink", self.call.ids
        )
        other = self.env["xinfang.case"].create(
            {
                "summary": "另一案件",
                "handling_unit_id": self.far_dept.id,
                "stage_id": self.env.ref("xinfang_agency.stage_handling").id,
            }
        )
        self.assertRefused(
            "rpc_far_handler",
            "xinfang.case.contact",
            "write",
            self.call.ids,
            {"case_id": other.id},
        )
        self.assertEqual(
            self.fresh(self.call).outcome, "信访人称低保被取消，已约定入户核实。"
        )
        self.assertEqual(self.fresh(self.call).case_id, self.case)
        # Control: the unit's handler corrects the outcome while handling.
        self.rpc(
            "rpc_far_handler",
            "xinfang.case.contact",
            "write",
            self.call.ids,
            {"outcome": "信访人称低保被取消，已入户核实。"},
        )
        self.assertEqual(
            self.fresh(self.call).outcome, "信访人称低保被取消，已入户核实。"
        )

    def test_frozen_after_the_reply(self):
        self.case.write(
            {
                "first_contact_date": self.case.received_date,
                "stage_id": self.env.ref("xinfang_agency.stage_close_signoff").id,
            }
        )
        self.assertRefused(
            "rpc_far_handler",
            "xinfang.case.contact",
            "write",
            self.call.ids,
            {"outcome": "篡改"},
        )
        self.assertRefused(
            "rpc_far_handler", "xinfang.case.contact", "create", [self.new_call]
        )
        self.assertEqual(self.contacts(), self.call)
        self.assertEqual(
            self.fresh(self.call).outcome, "信访人称低保被取消，已约定入户核实。"
        )
