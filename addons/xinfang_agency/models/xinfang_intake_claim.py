import hashlib

from odoo import api, fields, models
from odoo.tools import SQL


def claim_key(text):
    """A key's claim number: the first four bytes of its BLAKE2b digest,
    signed (an int4 column). A 身份证号 is not kept in clear outside the
    petitioner's personal data; two keys that share a number only take
    turns, which is harmless."""
    digest = hashlib.blake2b(text.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)


class XinfangIntakeClaim(models.Model):
    """The keys that intakes have claimed: a petition's (channel, external
    id) and a petitioner's 身份证号, by their numbers (``claim_key``).

    Whoever creates the case or the contact of a key owns its row in that
    transaction: it inserted the row, or it updated an old row whose case or
    contact it cannot find. PostgreSQL then makes a second intake of the key
    wait for the first one's commit and fail with a serialization failure
    if it cannot see what the first one created (REPEATABLE READ); Odoo
    retries the request, and the retry finds it. An intake whose key is
    already claimed and whose case or contact it finds takes no lock.
    """

    _name = "xinfang.intake.claim"
    _description = "Intake Claim"
    _log_access = False

    key = fields.Integer(required=True, readonly=True)

    _sql_constraints = [
        ("key_unique", "UNIQUE(key)", "A key is claimed once."),
    ]

    @api.model
    def _claim_sql(self, keys):
        """SQL inserting the claims of ``keys`` not claimed yet (in one
        order: two intakes never wait for each other in a cycle), returning
        the numbers it inserted."""
        return SQL(
            """INSERT INTO xinfang_intake_claim (key)
               SELECT DISTINCT key FROM unnest(%s::int[]) AS key ORDER BY key
               ON CONFLICT (key) DO NOTHING
               RETURNING key""",
            sorted({claim_key(key) for key in keys}),
        )

    @api.model
    def _reclaim(self, keys):
        """Take the old claims of ``keys``, whose case or contact was not
        found (archived, its number changed), before creating them anew.
        An update, not a row lock: a lock leaves no version that a second
        intake could find concurrent."""
        self.env.cr.execute(
            SQL(
                "UPDATE xinfang_intake_claim SET key = key WHERE key IN %s",
                tuple(sorted({claim_key(key) for key in keys})),
            )
        )
