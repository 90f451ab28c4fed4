import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from .res_company import office_today
from .res_partner import is_valid_id_number, normalize_id_number
from .xinfang_input_mixin import CONTROL_CHARS

# Mainland mobile (11 digits starting 13-19) or landline with area code.
PHONE_PATTERN = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
EXTERNAL_ID_MAX = 64
# A petitioner's name and address are char fields (see xinfang.input.mixin).
PETITIONER_TEXT_MAX = 500
DEMANDS_MAX = 20_000
CASE_KEYS = {
    "channel",
    "external_id",
    "received_date",
    "summary",
    "demands",
    "petitioners",
    "headcount",
    "skip_level",
    "extreme_behaviour",
}
PETITIONER_KEYS = {"name", "id_number", "phone", "address"}
# First key of the intake's advisory locks (any constant int4 of our own).
INTAKE_LOCK_SPACE = 1_178_436_001


class XinfangIntake(models.AbstractModel):
    """Intake of petitions from outside platforms (网上信访, 12345 hotline...).

    One public method, callable over JSON-RPC::

        env["xinfang.intake"].create_from_platform({
            "channel": "online",            # a channel key of xinfang.case
            "external_id": "WS-2026-0001",  # the platform's record id
            "received_date": "2026-11-20",  # YYYY-MM-DD, not in the future
            "summary": "...",               # required
            "demands": "...",               # required
            "petitioners": [                # at least one
                {"name": "...", "id_number": "18-char 身份证号",
                 "phone": "13800000000", "address": "..."},
            ],
            "headcount": 1,                 # optional, >= 1
            "skip_level": "none",           # optional: none/city/province/beijing
            "extreme_behaviour": False,     # optional
        })
        -> {"case_id": 42, "name": "XF...", "created": True}

    Idempotent: the case is keyed by (channel, external_id); calling again
    with the same key returns the same case and creates nothing. Bad input
    raises a ValidationError naming the field and changes nothing.
    """

    _name = "xinfang.intake"
    _description = "Petition Intake from Platforms"

    @api.model
    def create_from_platform(self, payload):
        if not self.env.user.has_group("xinfang_agency.group_xinfang_agent"):
            raise AccessError(
                self.env._("Only petition agents may register platform petitions.")
            )
        vals, petitioners = self._xinfang_validate_payload(payload)
        self._xinfang_lock_intake(vals, petitioners)
        Case = self.env["xinfang.case"]
        existing = (
            Case.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("channel", "=", vals["channel"]),
                    ("external_ref", "=", vals["external_ref"]),
                ],
                limit=1,
            )
        )
        if existing:
            return {"case_id": existing.id, "name": existing.name, "created": False}
        vals["petitioner_ids"] = [
            fields.Command.link(partner.id)
            for partner in self._xinfang_petitioner_partners(petitioners)
        ]
        # The payload is validated above; the platform's key is not a field
        # a person sets by hand (sudo keeps the agent as the creator).
        case = Case.sudo().create(vals).sudo(False)
        return {"case_id": case.id, "name": case.name, "created": True}

    @api.model
    def _xinfang_lock_intake(self, vals, petitioners):
        """Serialise intakes of the same petition and of the same person.

        Two requests with one (channel, external id) or one 身份证号 must not
        both find nothing and both create. A transaction-scoped advisory lock
        per key makes them take turns (taken in sorted order: no deadlock;
        released at commit or rollback). Odoo runs a request in REPEATABLE
        READ, though: the snapshot of a request that waited was taken before
        the winner committed, so it still cannot see the winner's case or
        partner. A fresh cursor tells whether such rows exist; if ours cannot
        see them, a serialization failure makes Odoo retry the request in a
        new transaction, which then finds them. A unique index on the
        partner's 身份证号 is not used: merging contacts briefly holds one
        number on two partners.
        """
        keys = sorted(
            {f"case:{vals['channel']}:{vals['external_ref']}"}
            | {f"id:{petitioner['id_number']}" for petitioner in petitioners}
        )
        for key in keys:
            self.env.cr.execute(
                SQL(
                    "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                    INTAKE_LOCK_SPACE,
                    key,
                )
            )
        committed = self._xinfang_committed_rows(vals, petitioners)
        Case = self.env["xinfang.case"].sudo().with_context(active_test=False)
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        if len(Case.browse(committed["case"]).exists()) < len(committed["case"]) or len(
            Partner.browse(committed["partner"]).exists()
        ) < len(committed["partner"]):
            # A real SQLSTATE 40001, the one error Odoo's request loop retries.
            self.env.cr.execute(
                "DO $$ BEGIN RAISE EXCEPTION"
                " USING ERRCODE = 'serialization_failure', "
                "MESSAGE = 'xinfang intake: a concurrent intake committed, retrying';"
                " END $$"
            )

    @api.model
    def _xinfang_committed_rows(self, vals, petitioners):
        """Ids of the case and partners already committed, seen by a new snapshot."""
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT id FROM xinfang_case"
                    " WHERE channel = %s AND external_ref = %s",
                    vals["channel"],
                    vals["external_ref"],
                )
            )
            case_ids = [row[0] for row in cr.fetchall()]
            cr.execute(
                SQL(
                    "SELECT partner_id FROM xinfang_petitioner_data"
                    " WHERE id_number IN %s",
                    tuple(petitioner["id_number"] for petitioner in petitioners),
                )
            )
            partner_ids = [row[0] for row in cr.fetchall()]
        return {"case": case_ids, "partner": partner_ids}

    @api.model
    def _xinfang_petitioner_partners(self, petitioners):
        """Existing partners by 身份证号, new ones for the others."""
        Partner = self.env["res.partner"]
        known = Partner._xinfang_find_by_id_numbers(p["id_number"] for p in petitioners)
        partners = Partner
        for petitioner in petitioners:
            partner = known.get(petitioner["id_number"])
            if not partner:
                # Validated above; agents may not create contacts themselves.
                partner = Partner.sudo().create(
                    {
                        "name": petitioner["name"],
                        "xinfang_id_number": petitioner["id_number"],
                        "phone": petitioner.get("phone") or False,
                        "street": petitioner.get("address") or False,
                    }
                )
                known[petitioner["id_number"]] = partner
            partners |= partner
        return partners

    @api.model
    def _xinfang_field_error(self, field, message):
        return ValidationError(
            self.env._(
                "Invalid field %(field)s: %(message)s", field=field, message=message
            )
        )

    @api.model
    def _xinfang_text(self, payload, key, required=True, max_length=None, prefix=None):
        value = payload.get(key)
        blank = value in (None, False) or (isinstance(value, str) and not value.strip())
        if blank and not required:
            return False
        if prefix:
            key = f"{prefix}.{key}"
        if not isinstance(value, str) or not value.strip():
            raise self._xinfang_field_error(
                key, self.env._("a non-empty text is required.")
            )
        if max_length and len(value) > max_length:
            raise self._xinfang_field_error(
                key, self.env._("at most %(max)s characters.", max=max_length)
            )
        if CONTROL_CHARS.search(value):
            raise self._xinfang_field_error(
                key, self.env._("the text contains control characters (such as NUL).")
            )
        return value.strip()

    @api.model
    def _xinfang_validate_payload(self, payload):
        """Check every field; return (case values, petitioner dicts)."""
        if not isinstance(payload, dict):
            raise self._xinfang_field_error(
                "payload",
                self.env._("an object with the petition's fields is expected."),
            )
        unknown = sorted(set(payload) - CASE_KEYS)
        if unknown:
            raise self._xinfang_field_error(unknown[0], self.env._("unknown field."))
        Case = self.env["xinfang.case"]
        channels = dict(Case._fields["channel"]._description_selection(self.env))
        channel = payload.get("channel")
        if channel not in channels:
            raise self._xinfang_field_error(
                "channel",
                self.env._("must be one of %(values)s.", values=", ".join(channels)),
            )
        external_id = self._xinfang_text(
            payload, "external_id", max_length=EXTERNAL_ID_MAX
        )
        raw_date = payload.get("received_date")
        try:
            received = (
                fields.Date.to_date(raw_date) if isinstance(raw_date, str) else None
            )
        except ValueError:
            received = None
        if not received:
            raise self._xinfang_field_error(
                "received_date", self.env._("a date written YYYY-MM-DD is required.")
            )
        if received > office_today(self):
            raise self._xinfang_field_error(
                "received_date", self.env._("the date cannot be in the future.")
            )
        if received < Case._xinfang_date_min:
            raise self._xinfang_field_error(
                "received_date",
                self.env._("not before %(min)s.", min=Case._xinfang_date_min),
            )
        vals = {
            "channel": channel,
            "external_ref": external_id,
            "received_date": received,
            "summary": self._xinfang_text(payload, "summary", max_length=500),
            "demands": self._xinfang_text(payload, "demands", max_length=DEMANDS_MAX),
        }
        if "headcount" in payload:
            headcount = payload["headcount"]
            if (
                not isinstance(headcount, int)
                or isinstance(headcount, bool)
                or headcount < 1
            ):
                raise self._xinfang_field_error(
                    "headcount", self.env._("a whole number of at least 1 is required.")
                )
            if "headcount" in Case._fields:
                vals["headcount"] = headcount
        if "skip_level" in payload:
            levels = dict(Case._fields["skip_level"]._description_selection(self.env))
            if payload["skip_level"] not in levels:
                raise self._xinfang_field_error(
                    "skip_level",
                    self.env._("must be one of %(values)s.", values=", ".join(levels)),
                )
            vals["skip_level"] = payload["skip_level"]
        if "extreme_behaviour" in payload:
            if not isinstance(payload["extreme_behaviour"], bool):
                raise self._xinfang_field_error(
                    "extreme_behaviour", self.env._("true or false is expected.")
                )
            vals["extreme_behaviour"] = payload["extreme_behaviour"]
        petitioners = self._xinfang_validate_petitioners(payload.get("petitioners"))
        return vals, petitioners

    @api.model
    def _xinfang_validate_petitioners(self, petitioners):
        if not isinstance(petitioners, list) or not petitioners:
            raise self._xinfang_field_error(
                "petitioners",
                self.env._("a list of at least one petitioner is required."),
            )
        result = []
        for index, petitioner in enumerate(petitioners):
            prefix = f"petitioners[{index}]"
            if not isinstance(petitioner, dict):
                raise self._xinfang_field_error(
                    prefix, self.env._("an object is expected.")
                )
            unknown = sorted(set(petitioner) - PETITIONER_KEYS)
            if unknown:
                raise self._xinfang_field_error(
                    f"{prefix}.{unknown[0]}", self.env._("unknown field.")
                )
            name = self._xinfang_text(
                petitioner, "name", max_length=PETITIONER_TEXT_MAX, prefix=prefix
            )
            raw_number = petitioner.get("id_number")
            number = (
                normalize_id_number(raw_number) if isinstance(raw_number, str) else None
            )
            if not is_valid_id_number(number):
                raise self._xinfang_field_error(
                    f"{prefix}.id_number",
                    self.env._(
                        "not a valid resident ID number (18 characters, real birth "
                        "date, GB 11643 check character)."
                    ),
                )
            phone = petitioner.get("phone")
            if phone not in (None, False, ""):
                if not isinstance(phone, str) or not PHONE_PATTERN.match(phone.strip()):
                    raise self._xinfang_field_error(
                        f"{prefix}.phone",
                        self.env._(
                            "a mobile (11 digits) or landline number "
                            "with area code is expected."
                        ),
                    )
                phone = phone.strip()
            address = self._xinfang_text(
                petitioner,
                "address",
                required=False,
                max_length=PETITIONER_TEXT_MAX,
                prefix=prefix,
            )
            result.append(
                {
                    "name": name,
                    "id_number": number,
                    "phone": phone or False,
                    "address": address,
                }
            )
        return result
