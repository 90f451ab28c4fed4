"""18.0.1.4.0: record rules (noupdate data) as a new install has them:
the network's figures became a materialized view, and the rule sealing
accusations from the accused unit's figures reads the live cases instead of
the view's former column; the leader's rule on owned cases searches a list
of ids instead of a subquery on every case."""

from odoo import SUPERUSER_ID, api

RELOADED = (
    "security/xinfang_network_rules.xml",
    "security/xinfang_case_warning_rules.xml",
)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for filename in RELOADED:
        env["res.users"]._xinfang_reload_noupdate_file(filename)
