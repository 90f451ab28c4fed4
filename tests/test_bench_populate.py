"""bench/populate.py refuses a column the models do not store."""

import importlib.util
from pathlib import Path

from odoo.tests import TransactionCase, tagged

POPULATE = Path(__file__).resolve().parent.parent / "bench" / "populate.py"


def load_populate():
    spec = importlib.util.spec_from_file_location("xinfang_bench_populate", POPULATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestPopulateColumns(TransactionCase):
    def test_unknown_column_fails(self):
        populate = load_populate()
        populate.check_columns(
            self.env, "xinfang.case", {"summary": "x", "state": "registered"}
        )
        with self.assertRaisesRegex(SystemExit, "assign_signed_by_magic"):
            populate.check_columns(
                self.env,
                "xinfang.case",
                {"summary": "x", "assign_signed_by_magic": True},
            )
        # A computed field without a column is not a column either.
        with self.assertRaisesRegex(SystemExit, "flow_actions"):
            populate.check_columns(self.env, "xinfang.case", {"flow_actions": []})
