"""The deadline rules over JSON-RPC: every role reads them (deadlines are
computed from them), only the office's administrators change them, nobody
changes the key the code reads them by or deletes one."""

from rpc_common import RpcCase

from odoo.tests import tagged

MODEL = "xinfang.deadline.rule"
EN = {"context": {"lang": "en_US"}}


@tagged("post_install", "-at_install")
class TestDeadlineRulesRpc(RpcCase):
    def setUp(self):
        super().setUp()
        self.rule = self.env.ref("xinfang_agency.deadline_rule_handling_letter")

    def _unchanged(self):
        self.env.invalidate_all()
        self.assertEqual(
            (self.rule.key, self.rule.amount, self.rule.unit, self.rule.active),
            ("handling_letter", 15, "working", True),
        )

    def test_roles_read_but_do_not_edit(self):
        for login in ("clerk", "leader", "principal", "handler", "agent"):
            rows = self.rpc(login, MODEL, "read", [self.rule.id], ["amount"])
            self.assertEqual(rows[0]["amount"], 15, login)
            self.assertRefused(login, MODEL, "write", [self.rule.id], {"amount": 3})
            self.assertRefused(
                login,
                MODEL,
                "web_save",
                [self.rule.id],
                {"unit": "calendar"},
                specification={},
            )
            self.assertRefused(login, MODEL, "action_archive", [self.rule.id])
            self.assertRefused(
                login,
                MODEL,
                "create",
                {"key": "rpc_rule", "name": "x", "amount": 1, "unit": "calendar"},
            )
            self._unchanged()

    def test_no_one_deletes_a_rule_or_changes_its_key(self):
        for login in ("clerk", "admin"):
            self.assertRefused(login, MODEL, "unlink", [self.rule.id])
        refusal = self.assertRefused(
            "admin", MODEL, "write", [self.rule.id], {"key": "handling_phone"}, **EN
        )
        self.assertIn("by hand", refusal.message)
        refusal = self.assertRefused(
            "admin", MODEL, "write", [self.rule.id], {"amount": 0}, **EN
        )
        self.assertEqual(refusal.name, "odoo.exceptions.ValidationError")
        self._unchanged()

    def test_control_the_administrator_edits_the_amount(self):
        self.rpc(
            "admin", MODEL, "web_save", [self.rule.id], {"amount": 12}, specification={}
        )
        self.env.invalidate_all()
        self.assertEqual(self.rule.amount, 12)
        case = self.env["xinfang.case"].create({"summary": "测试", "channel": "visit"})
        self.assertEqual(case._deadline_limit("handling_letter"), (12, "working"))
