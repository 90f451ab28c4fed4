"""The intake's claims (hashed keys of petitions and 身份证号) are written by
the intake alone: no role creates, changes or deletes one over JSON-RPC, and
only the administrator reads them."""

from rpc_common import RpcCase

from odoo.tests import tagged

CLAIM = "xinfang.intake.claim"
KEY = 20261201


@tagged("post_install", "-at_install")
class TestIntakeClaims(RpcCase):
    def setUp(self):
        super().setUp()
        self.claim = self.env[CLAIM].sudo().create({"key": KEY})

    def test_only_the_administrator_reads_the_claims(self):
        reads = (
            ("search_read", [[]], {"fields": ["key"]}),
            ("read", [self.claim.ids, ["key"]], {}),
            ("read_group", [[], ["key"], ["key"]], {}),
            ("export_data", [self.claim.ids, ["key"]], {}),
        )
        for login in ("agent", "clerk", "leader", "handler", "principal"):
            for method, args, kwargs in reads:
                with self.subTest(login=login, method=method):
                    self.assertRefused(login, CLAIM, method, *args, **kwargs)
        rows = self.rpc(
            "admin", CLAIM, "search_read", [("id", "=", self.claim.id)], ["key"]
        )
        self.assertEqual(rows, [{"id": self.claim.id, "key": KEY}])

    def test_nobody_creates_changes_or_deletes_a_claim(self):
        for login in ("agent", "clerk", "admin"):
            with self.subTest(login=login):
                self.assertRefused(login, CLAIM, "create", [{"key": 7}])
                self.assertRefused(login, CLAIM, "write", self.claim.ids, {"key": 8})
                self.assertRefused(login, CLAIM, "unlink", self.claim.ids)
        self.assertEqual(self.fresh(self.claim).key, KEY)
        self.assertFalse(self.env[CLAIM].sudo().search_count([("key", "in", [7, 8])]))
