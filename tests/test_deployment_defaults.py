"""Deployment defaults: no public signup, Odoo's login cooldown on, a
generated master password instead of Odoo's "admin"."""

import json
import re
from pathlib import Path

from odoo.tests import HttpCase, tagged
from odoo.tools import config

SIGNUP_LOGIN = "stranger@example.com"


@tagged("post_install", "-at_install")
class TestDeploymentDefaults(HttpCase):
    def _csrf_token(self):
        page = self.url_open("/web/login").text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _signup(self):
        return self.url_open(
            "/web/signup",
            data={
                "csrf_token": self._csrf_token(),
                "login": SIGNUP_LOGIN,
                "name": "陌生人",
                "password": "a-long-enough-password-1",
                "confirm_password": "a-long-enough-password-1",
            },
            allow_redirects=False,
        )

    def _signed_up(self):
        return (
            self.env["res.users"]
            .with_context(active_test=False)
            .search_count([("login", "=", SIGNUP_LOGIN)])
        )

    def test_anonymous_signup_creates_no_account(self):
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("auth_signup.invitation_scope"), "b2b")
        self.assertEqual(self.url_open("/web/signup").status_code, 404)
        response = self._signup()
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self._signed_up(), 0)

    def test_control_public_signup_would_create_an_account(self):
        # What the default prevents: with Odoo's own default (b2c) the same
        # anonymous request creates a portal account.
        self.env["ir.config_parameter"].sudo().set_param(
            "auth_signup.invitation_scope", "b2c"
        )
        response = self._signup()
        self.assertIn(response.status_code, (200, 303))
        self.assertEqual(self._signed_up(), 1)

    def _authenticate(self, password):
        response = self.url_open(
            "/web/session/authenticate",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "db": self.env.cr.dbname,
                        "login": "admin",
                        "password": password,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def test_login_cooldown_after_five_failures(self):
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("base.login_cooldown_after"), "5")
        self.assertEqual(params.get_param("base.login_cooldown_duration"), "60")
        self.env.ref("base.user_admin").password = "the-right-password"
        self.addCleanup(lambda: getattr(self.registry, "_login_failures", {}).clear())
        # Below the threshold the right password still works.
        for _attempt in range(4):
            self.assertIn("error", self._authenticate("wrong"))
        self.assertNotIn("error", self._authenticate("the-right-password"))
        for _attempt in range(5):
            self.assertIn("error", self._authenticate("wrong"))
        refused = self._authenticate("the-right-password")
        self.assertIn("Too many login failures", refused["error"]["data"]["message"])


def test_master_password_is_generated_not_odoos_default():
    local = Path(config.rcfile).resolve().parent
    secret = (local / "master-password").read_text().strip()
    assert len(secret) >= 24
    assert not config.verify_admin_password("admin")
    assert config.verify_admin_password(secret)
    assert config["admin_passwd"].startswith("$pbkdf2-sha512$")
    assert (local / "master-password").stat().st_mode & 0o077 == 0
    assert (local / "odoo.conf").stat().st_mode & 0o077 == 0
