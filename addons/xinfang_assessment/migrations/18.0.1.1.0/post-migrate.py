"""18.0.1.1.0:

- Record rules follow the unit tree through the user's jurisdiction
  (``user.xinfang_jurisdiction_ids``) instead of child_of.
- The records behind a result line move from many2many tables into the
  line's ``counted_ids`` (JSON).
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import table_exists

# counted_ids key: (former relation table, its record column)
RECORD_TABLES = {
    "case_ids": ("xinfang_assessment_line_case_rel", "case_id"),
    "numerator_case_ids": ("xinfang_assessment_line_numerator_case_rel", "case_id"),
    "meeting_ids": ("xinfang_assessment_line_meeting_rel", "meeting_id"),
    "item_ids": ("xinfang_assessment_line_item_rel", "item_id"),
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.users"]._xinfang_migrate_unit_rules("xinfang_assessment")
    for key, (table, column) in RECORD_TABLES.items():
        if table_exists(cr, table):
            cr.execute(
                SQL(
                    """UPDATE xinfang_assessment_result_line line
                      SET counted_ids = COALESCE(line.counted_ids, '{}'::jsonb)
                                        || jsonb_build_object(%s, rel.ids)
                     FROM (SELECT line_id, jsonb_agg(%s ORDER BY %s) AS ids
                             FROM %s GROUP BY line_id) rel
                    WHERE rel.line_id = line.id""",
                    key,
                    SQL.identifier(column),
                    SQL.identifier(column),
                    SQL.identifier(table),
                )
            )
            cr.execute(SQL("DROP TABLE %s", SQL.identifier(table)))
