"""18.0.1.1.0: record rules follow the unit tree through the user's
jurisdiction (``user.xinfang_jurisdiction_ids``) instead of child_of, and
the petition office (clerk) keeps only the rules of the agent and handler
groups it implies: its own rules repeated theirs."""

from odoo import SUPERUSER_ID, api

CLERK_RULES = (
    "rule_xinfang_case_clerk",
    "rule_xinfang_case_signoff_clerk",
    "rule_xinfang_case_warning_clerk",
    "rule_xinfang_case_ownership_clerk",
)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.users"]._xinfang_migrate_unit_rules("xinfang_agency")
    for xmlid in CLERK_RULES:
        rule = env.ref(f"xinfang_agency.{xmlid}", raise_if_not_found=False)
        if rule:
            rule.unlink()
