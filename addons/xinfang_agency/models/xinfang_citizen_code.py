import hashlib
import hmac
import secrets
from datetime import timedelta

from odoo import api, fields, models

CODE_PURPOSES = [
    ("petition", "Online Petition"),
    ("proxy", "Petition Entered by an Agent"),
]
CODE_DIGITS = 6
CODE_VALID_MINUTES = 10
CODE_MAX_ATTEMPTS = 5


class XinfangCitizenCode(models.Model):
    """A verification code sent by SMS to a citizen's phone.

    The form carries the ``challenge`` (random, not guessable); the code
    itself is stored only as a keyed hash, lives 10 minutes, is used once and
    accepts five wrong tries. Only the services of the public routes read
    and write these records (as superuser, after checking their input).
    """

    _name = "xinfang.citizen.code"
    _description = "Citizen Verification Code"
    _order = "id desc"

    challenge = fields.Char(required=True, readonly=True, index=True, copy=False)
    phone = fields.Char(required=True, readonly=True)
    purpose = fields.Selection(CODE_PURPOSES, required=True, readonly=True)
    code_hash = fields.Char(required=True, readonly=True)
    expires_at = fields.Datetime(required=True, readonly=True)
    attempts = fields.Integer(readonly=True)
    used_at = fields.Datetime(readonly=True)
    ip_address = fields.Char(readonly=True)

    _sql_constraints = [
        ("challenge_unique", "unique(challenge)", "A challenge is used by one code."),
    ]

    @api.model
    def _hash(self, challenge, code):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        message = f"{challenge}:{code}".encode()
        return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()

    @api.model
    def _issue(self, phone, purpose, ip_address, lang="zh_CN"):
        """Create a code for ``phone`` (already validated), queue its SMS;
        return the challenge the form carries."""
        code = self._new_code()
        challenge = secrets.token_urlsafe(24)
        self.sudo().create(
            {
                "challenge": challenge,
                "phone": phone,
                "purpose": purpose,
                "code_hash": self._hash(challenge, code),
                "expires_at": fields.Datetime.now()
                + timedelta(minutes=CODE_VALID_MINUTES),
                "ip_address": ip_address,
            }
        )
        in_lang = self.with_context(lang=lang)
        body = in_lang.env._(
            "Your petition verification code is %(code)s, "
            "valid for %(minutes)s minutes. "
            "Do not tell it to anyone you do not know.",
            code=code,
            minutes=CODE_VALID_MINUTES,
        )
        self.env["sms.sms"].sudo().create({"number": phone, "body": body})
        return challenge

    @api.model
    def _new_code(self):
        return "".join(secrets.choice("0123456789") for _i in range(CODE_DIGITS))

    @api.model
    def _check(self, challenge, phone, code, purpose):
        """None if ``code`` is the valid code of ``challenge`` for ``phone``
        (the code is then used up), else why not, in the user's language."""
        record = (
            self.sudo().search(
                [("challenge", "=", challenge or ""), ("purpose", "=", purpose)],
                limit=1,
            )
            if isinstance(challenge, str) and challenge
            else self.browse()
        )
        if not record or record.phone != phone:
            return self.env._("Get a verification code for this phone number first.")
        if record.used_at:
            return self.env._("This verification code has been used; get a new one.")
        if record.expires_at < fields.Datetime.now():
            return self.env._("The verification code has expired; get a new one.")
        if record.attempts >= CODE_MAX_ATTEMPTS:
            return self.env._("Too many wrong codes; get a new verification code.")
        if not isinstance(code, str) or not hmac.compare_digest(
            record.code_hash, self._hash(challenge, code.strip())
        ):
            record.attempts += 1
            return self.env._("The verification code is wrong.")
        record.used_at = fields.Datetime.now()
        return None

    @api.model
    def _gc_codes(self):
        """Drop codes expired over a day ago (daily job)."""
        self.sudo().search(
            [("expires_at", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()
