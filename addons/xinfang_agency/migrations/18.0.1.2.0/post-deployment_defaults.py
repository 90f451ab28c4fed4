"""18.0.1.2.0: databases installed before apply the deployment defaults of
data/ir_config_parameter_data.xml once: no public signup, login cooldown."""

from odoo import SUPERUSER_ID, api

DEFAULTS = {
    "auth_signup.invitation_scope": "b2b",
    "base.login_cooldown_after": "5",
    "base.login_cooldown_duration": "60",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for key, value in DEFAULTS.items():
        env["ir.config_parameter"].set_param(key, value)
