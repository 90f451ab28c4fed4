import base64
import io
import re
import secrets

from PIL import Image

from odoo import SUPERUSER_ID, api, fields, models

from .res_partner import is_valid_id_number, normalize_id_number
from .xinfang_input_mixin import CONTROL_CHARS

MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")
EMAIL_PATTERN = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$")
# Markup in a petition is refused, not stored: nothing a citizen types is
# ever HTML, and a tag in a text is a probe.
TAG_PATTERN = re.compile(r"<\s*[A-Za-z/!?]|javascript:", re.IGNORECASE)
TEXT_LIMITS = {
    "name": 50,
    "address": 200,
    "summary": 100,
    "demands": 2000,
    "email": 100,
}
MAX_FILES = 5
MAX_FILE_BYTES = 5 * 1024 * 1024
# Accepted files by their first bytes (the name and the browser's type are
# not trusted): photos and PDF documents.
FILE_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
    (b"%PDF-", "application/pdf", (".pdf",)),
)
CONSENT_VERSION = "2026-11"


class XinfangCitizenPetition(models.AbstractModel):
    """The citizen's online petition: checks every field of the public
    form, then registers the case through the platform intake's locks and
    petitioner matching (xinfang.intake).

    ``_validate(form, files)`` returns ``(values, errors)``: ``errors`` maps a
    form field to a message in the citizen's language; nothing is written
    while there is one.
    """

    _name = "xinfang.citizen.petition"
    _description = "Online Petition Service"

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.model
    def _text(self, form, key, errors, label, required=True):
        value = form.get(key)
        value = value.strip() if isinstance(value, str) else ""
        limit = TEXT_LIMITS[key]
        if not value:
            if required:
                errors[key] = self.env._("Fill in %(field)s.", field=label)
            return ""
        if len(value) > limit:
            errors[key] = self.env._(
                "%(field)s is too long: at most %(max)s characters.",
                field=label,
                max=limit,
            )
        elif CONTROL_CHARS.search(value):
            errors[key] = self.env._(
                "%(field)s contains characters that cannot be typed.", field=label
            )
        elif TAG_PATTERN.search(value):
            errors[key] = self.env._(
                "%(field)s may not contain web code such as <script>.", field=label
            )
        return value

    @api.model
    def _check_phone(self, phone):
        """The normalised mobile number, or None."""
        phone = re.sub(r"[\s-]", "", phone) if isinstance(phone, str) else ""
        return phone if MOBILE_PATTERN.match(phone) else None

    @api.model
    def _categories(self):
        """The categories a citizen picks from: the leaves of the tree."""
        return (
            self.env["xinfang.case.category"].sudo().search([("child_ids", "=", False)])
        )

    @api.model
    def _check_files(self, files, errors):
        """``files``: [(filename, bytes)]. Returns attachment values."""
        files = [(name, data) for name, data in files if name or data]
        if len(files) > MAX_FILES:
            errors["files"] = self.env._("Attach at most %(max)s files.", max=MAX_FILES)
            return []
        attachments = []
        for name, data in files:
            name = (name or "").strip()[-100:]
            if len(data) > MAX_FILE_BYTES:
                errors["files"] = self.env._(
                    "The file %(name)s is larger than %(max)s MB.",
                    name=name,
                    max=MAX_FILE_BYTES // (1024 * 1024),
                )
                return []
            kind = next(
                (
                    sig
                    for sig in FILE_SIGNATURES
                    if data.startswith(sig[0]) and name.lower().endswith(sig[2])
                ),
                None,
            )
            if kind and kind[1].startswith("image/") and not self._is_image(data):
                kind = None
            if not kind or CONTROL_CHARS.search(name) or TAG_PATTERN.search(name):
                errors["files"] = self.env._(
                    "The file %(name)s is not a JPG or PNG photo or a PDF document.",
                    name=name,
                )
                return []
            attachments.append({"name": name, "raw": data, "mimetype": kind[1]})
        return attachments

    @api.model
    def _is_image(self, data):
        """Whether ``data`` is a picture Pillow can read (not a renamed file)."""
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            return False
        return True

    @api.model
    def _validate(self, form, files=()):
        errors = {}
        values = {
            "name": self._text(form, "name", errors, self.env._("your name")),
            "address": self._text(form, "address", errors, self.env._("your address")),
            "summary": self._text(form, "summary", errors, self.env._("the matter")),
            "demands": self._text(form, "demands", errors, self.env._("your demands")),
            "email": self._text(
                form, "email", errors, self.env._("the email address"), required=False
            ),
        }
        number = (
            normalize_id_number(form.get("id_number") or "")
            if isinstance(form.get("id_number"), str)
            else ""
        )
        if not is_valid_id_number(number):
            errors["id_number"] = self.env._(
                "The ID card number is not valid: 18 characters, a real birth date and "
                "the right last character (a digit or X)."
            )
        values["id_number"] = number
        values["phone"] = self._check_phone(form.get("phone"))
        if not values["phone"]:
            errors["phone"] = self.env._(
                "Give a mobile number of 11 digits: the codes are sent to it."
            )
        if (
            values["email"]
            and "email" not in errors
            and not EMAIL_PATTERN.match(values["email"])
        ):
            errors["email"] = self.env._("The email address is not valid.")
        try:
            category = self._categories().filtered(
                lambda c: c.id == int(form.get("category_id") or 0)
            )
        except (TypeError, ValueError):
            category = None
        if not category:
            errors["category_id"] = self.env._("Choose what the matter is about.")
        values["category_id"] = category.id if category else False
        if not form.get("consent_terms"):
            errors["consent_terms"] = self.env._(
                "Accept the terms of the agency service to go on."
            )
        if not form.get("consent_privacy"):
            errors["consent_privacy"] = self.env._(
                "Accept the privacy notice to go on."
            )
        values["attachments"] = self._check_files(files, errors)
        return values, errors

    # ------------------------------------------------------------------
    # Registration
    # ------------------------------------------------------------------
    @api.model
    def _unit_from_token(self, token):
        """The active unit whose poster carries ``token``, or an empty set."""
        Unit = self.env["xinfang.unit"].sudo()
        if not isinstance(token, str) or not re.match(r"^[A-Za-z0-9_-]{16,64}$", token):
            return Unit
        return Unit.search([("petition_token", "=", token)], limit=1)

    @api.model
    def _default_unit(self):
        """Petitions without a unit's QR code go to the county's center."""
        return (
            self.env["xinfang.unit"]
            .sudo()
            .search(
                [("parent_id", "=", False), ("unit_type", "=", "center")],
                order="id",
                limit=1,
            )
        )

    @api.model
    def _submit(self, values, unit, origin, ip_address, entered_by=None):
        """Register the validated petition; return the case (superuser).

        The petitioner is matched by 身份证号 and the creation serialised as
        the platform intake does it (claimed keys, retry on a concurrent
        commit), so two submissions by one person share one contact.
        """
        intake = self.env["xinfang.intake"].sudo()
        petitioners = [
            {
                "name": values["name"],
                "id_number": values["id_number"],
                "phone": values["phone"],
                "address": values["address"],
            }
        ]
        case_vals = {"channel": "online", "external_ref": f"WEB-{secrets.token_hex(8)}"}
        _existing, known = intake._xinfang_claim_intake(case_vals, petitioners)
        partners = intake._xinfang_petitioner_partners(petitioners, known)
        # The system registers it (the public user has no part in the chatter).
        Case = self.env["xinfang.case"].with_user(SUPERUSER_ID)
        unit = unit or self._default_unit()
        case = Case.with_context(mail_create_nosubscribe=True).create(
            dict(
                case_vals,
                summary=values["summary"],
                demands=values["demands"],
                category_id=values["category_id"],
                nature=self.env["xinfang.case.category"]
                .sudo()
                .browse(values["category_id"])
                .nature,
                petitioner_ids=[fields.Command.set(partners.ids)],
                agency_unit_id=unit.id,
                online_origin=origin,
                query_code=Case._new_query_code(),
                online_phone=values["phone"],
                online_email=values["email"] or False,
                consent_date=fields.Datetime.now(),
                consent_phone=values["phone"],
                consent_ip=ip_address,
                online_entered_by_id=entered_by.id if entered_by else False,
            )
        )
        if values["attachments"]:
            self.env["ir.attachment"].sudo().create(
                [
                    {
                        "name": attachment["name"],
                        "datas": base64.b64encode(attachment["raw"]),
                        "mimetype": attachment["mimetype"],
                        "res_model": "xinfang.case",
                        "res_id": case.id,
                    }
                    for attachment in values["attachments"]
                ]
            )
        case._citizen_note_submission()
        case._citizen_schedule_intake()
        case._citizen_notify("received")
        return case
