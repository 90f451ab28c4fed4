import hashlib
import hmac
import logging
import time

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# What each public action may do, per key, per window:
# scope -> (hits allowed, window in seconds).
THROTTLE_LIMITS = {
    # Verification codes sent to one phone, and asked from one address.
    "code_phone_minute": (1, 60),
    "code_phone_hour": (5, 3600),
    "code_ip_hour": (20, 3600),
    # Petitions submitted from one address and for one phone.
    "submit_ip_hour": (10, 3600),
    "submit_phone_day": (5, 86400),
    # Wrong 查询码/phone pairs from one address and on one code.
    "track_ip_hour": (10, 3600),
    "track_code_hour": (5, 3600),
    # Wrong verification codes typed for one challenge are counted on the
    # challenge itself (xinfang.citizen.code.attempts).
}


class XinfangCitizenThrottle(models.Model):
    """Counters of the public routes, one row per (scope, key, window).

    Kept in PostgreSQL so that every worker of a multi-worker server counts
    the same hits. Keys (an IP address, a phone number, a 查询码) are stored
    as keyed hashes: the table holds no personal data. A hit is counted in
    its own short transaction, so a request that fails afterwards still
    counts (an attacker's failed attempts are what must be counted).
    """

    _name = "xinfang.citizen.throttle"
    _description = "Public Route Rate Limit"
    _log_access = False

    scope = fields.Char(required=True, readonly=True)
    key_hash = fields.Char(required=True, readonly=True)
    window_start = fields.Integer(
        required=True, readonly=True, help="Start of the window, in seconds since 1970."
    )
    hits = fields.Integer(required=True, default=0, readonly=True)

    _sql_constraints = [
        (
            "window_unique",
            "unique(scope, key_hash, window_start)",
            "One counter per scope, key and window.",
        ),
    ]

    @api.model
    def _key_hash(self, key):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return hmac.new(secret.encode(), str(key).encode(), hashlib.sha256).hexdigest()[
            :32
        ]

    @api.model
    def _limit(self, scope):
        """(hits, seconds) of ``scope``; an office may change the number of
        hits with the parameter ``xinfang_agency.throttle_<scope>``."""
        hits, seconds = THROTTLE_LIMITS[scope]
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(f"xinfang_agency.throttle_{scope}")
        )
        try:
            hits = int(param) if param else hits
        except ValueError:
            _logger.warning("Ignoring the invalid rate limit %s=%r", scope, param)
        return hits, seconds

    @api.model
    def _hit(self, scope, key):
        """Count one hit of ``key`` in ``scope``; False if over the limit."""
        allowed, seconds = self._limit(scope)
        window = int(time.time()) // seconds * seconds
        query = SQL(
            "INSERT INTO xinfang_citizen_throttle AS t"
            " (scope, key_hash, window_start, hits)"
            " VALUES (%s, %s, %s, 1)"
            " ON CONFLICT (scope, key_hash, window_start)"
            " DO UPDATE SET hits = t.hits + 1 RETURNING hits",
            scope,
            self._key_hash(key),
            window,
        )
        # Its own transaction (the test cursor while testing): the count
        # survives a rollback of the request and never waits on it.
        with self.env.registry.cursor() as cr:
            if not self.env.registry.in_test_mode():
                # Concurrent hits on one key take turns on the row instead of
                # failing to serialize (the default is REPEATABLE READ).
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute(query)
            hits = cr.fetchone()[0]
        return hits <= allowed

    @api.model
    def _blocked(self, scope, key):
        """Whether ``key`` is over the limit of ``scope`` now (no hit counted)."""
        allowed, seconds = self._limit(scope)
        window = int(time.time()) // seconds * seconds
        self.env.cr.execute(
            SQL(
                "SELECT hits FROM xinfang_citizen_throttle"
                " WHERE scope = %s AND key_hash = %s AND window_start = %s",
                scope,
                self._key_hash(key),
                window,
            )
        )
        row = self.env.cr.fetchone()
        return bool(row) and row[0] >= allowed

    @api.model
    def _gc_windows(self):
        """Drop counters of windows that ended over a day ago (daily job)."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM xinfang_citizen_throttle WHERE window_start < %s",
                int(time.time()) - 2 * 86400,
            )
        )
