"""Record rules follow the unit tree through the user's jurisdiction
(``user.xinfang_jurisdiction_ids``) instead of child_of.

The rules are noupdate data, so an update does not reload them from the
XML: rewrite the child_of leaves of this module's rules the same way.
"""

import re

from odoo import SUPERUSER_ID, api

CHILD_OF_UNIT = re.compile(r"\('([\w.]+)', 'child_of', user\.xinfang_unit_id\.ids\)")
IN_JURISDICTION = r"('\1', 'in', user.xinfang_jurisdiction_ids.ids)"
MODULE = "xinfang_agency"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule_ids = env["ir.model.data"].search(
        [("module", "=", MODULE), ("model", "=", "ir.rule")]
    ).mapped("res_id")
    for rule in env["ir.rule"].browse(rule_ids).exists():
        rule.domain_force = CHILD_OF_UNIT.sub(IN_JURISDICTION, rule.domain_force or "")
