"""18.0.1.1.0:

- Record rules follow the unit tree through the user's jurisdiction
  (``user.xinfang_jurisdiction_ids``) instead of child_of. The rules are
  noupdate data, so an update does not reload them from the XML: rewrite
  the child_of leaves of this module's rules the same way.
- The records behind a result line move from many2many tables into the
  line's ``counted_ids`` (JSON).
"""

import re

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import table_exists

CHILD_OF_UNIT = re.compile(r"\('([\w.]+)', 'child_of', user\.xinfang_unit_id\.ids\)")
IN_JURISDICTION = r"('\1', 'in', user.xinfang_jurisdiction_ids.ids)"
MODULE = "xinfang_assessment"
# counted_ids key: (former relation table, its record column)
RECORD_TABLES = {
    "case_ids": ("xinfang_assessment_line_case_rel", "case_id"),
    "numerator_case_ids": ("xinfang_assessment_line_numerator_case_rel", "case_id"),
    "meeting_ids": ("xinfang_assessment_line_meeting_rel", "meeting_id"),
    "item_ids": ("xinfang_assessment_line_item_rel", "item_id"),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule_ids = env["ir.model.data"].search(
        [("module", "=", MODULE), ("model", "=", "ir.rule")]
    ).mapped("res_id")
    for rule in env["ir.rule"].browse(rule_ids).exists():
        rule.domain_force = CHILD_OF_UNIT.sub(IN_JURISDICTION, rule.domain_force or "")
    for key, (table, column) in RECORD_TABLES.items():
        if table_exists(cr, table):
            cr.execute(SQL(
                """UPDATE xinfang_assessment_result_line line
                      SET counted_ids = COALESCE(line.counted_ids, '{}'::jsonb)
                                        || jsonb_build_object(%s, rel.ids)
                     FROM (SELECT line_id, jsonb_agg(%s ORDER BY %s) AS ids
                             FROM %s GROUP BY line_id) rel
                    WHERE rel.line_id = line.id""",
                key, SQL.identifier(column), SQL.identifier(column), SQL.identifier(table),
            ))
            cr.execute(SQL("DROP TABLE %s", SQL.identifier(table)))
