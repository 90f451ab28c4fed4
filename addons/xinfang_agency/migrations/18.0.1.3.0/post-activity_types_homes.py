"""18.0.1.3.0: databases installed before issue 13 get the activity types'
names and summaries of a new install (noupdate data) and a home board for
each petition user who has none."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Users = env["res.users"]
    Users._xinfang_migrate_activity_types("xinfang_agency")
    Users._xinfang_migrate_home_actions()
