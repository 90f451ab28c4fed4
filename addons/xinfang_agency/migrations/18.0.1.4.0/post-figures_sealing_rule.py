"""18.0.1.4.0: the network's figures became a materialized view; the rule
sealing accusations from the accused unit's figures (noupdate data) now
reads the live cases instead of the view's former column."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["xinfang.figure"]._xinfang_migrate_network_rules()
