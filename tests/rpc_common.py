"""Attack the server as a logged-in user would: JSON-RPC over real HTTP.

Anyone with a browser's developer tools can send these calls; the security
suite sends them as each demo role (password = login) and asserts both the
refusal and that nothing changed, with a control showing the legitimate role
succeeding.
"""

import json

from odoo.tests import HttpCase


class RpcRefused(Exception):
    """The server answered a JSON-RPC call with an error."""

    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        self.message = data.get("message") or error.get("message", "")
        self.debug = data.get("debug", "")
        super().__init__(f"{self.name}: {self.message}")


class RpcCase(HttpCase):
    """An HttpCase whose tests call models over /web/dataset/call_kw."""

    # Exceptions a refusal may come as: access rules, a workflow guard, a
    # validation. Anything else (a traceback of ours, a database error) fails.
    REFUSALS = (
        "odoo.exceptions.AccessError",
        "odoo.exceptions.UserError",
        "odoo.exceptions.ValidationError",
        "odoo.exceptions.MissingError",
    )

    _rpc_login = None

    def login_as(self, login):
        """Open a session as the demo user ``login`` (password = login)."""
        if self._rpc_login != login:
            self.authenticate(login, login)
            self._rpc_login = login
        return self.env["res.users"].search([("login", "=", login)])

    def raw_rpc(self, route, params):
        response = self.url_open(
            route,
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        payload = response.json()
        if "error" in payload:
            raise RpcRefused(payload["error"])
        # Odoo leaves "result" out when the method returned None.
        return payload.get("result")

    def rpc(self, login, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` as ``login``, over HTTP."""
        self.login_as(login)
        # The server shares this test's cursor: let it see our pending writes.
        self.env.flush_all()
        return self.raw_rpc(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assertRefused(self, login, model, method, *args, **kwargs):
        """The call fails with an Odoo refusal (never a crash); returns it."""
        with self.assertRaises(RpcRefused) as caught:
            self.rpc(login, model, method, *args, **kwargs)
        refusal = caught.exception
        self.assertIn(
            refusal.name,
            self.REFUSALS,
            f"{model}.{method} as {login} crashed instead of refusing: {refusal.debug}",
        )
        self.assertNotIn("psycopg2", refusal.debug)
        return refusal

    def fresh(self, record):
        """``record`` as the database holds it now (after calls over HTTP)."""
        self.env.invalidate_all()
        return record.browse(record.ids).with_env(self.env)
