import re

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from .res_company import office_today
from .res_partner import (
    id_number_birth_date,
    is_valid_id_number,
    normalize_id_number,
)
from .xinfang_input_mixin import CONTROL_CHARS
from .xinfang_intake_claim import claim_key

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
        existing, known = self._xinfang_claim_intake(vals, petitioners)
        if existing:
            return {"case_id": existing.id, "name": existing.name, "created": False}
        vals["petitioner_ids"] = [
            fields.Command.link(partner.id)
            for partner in self._xinfang_petitioner_partners(petitioners, known)
        ]
        # The payload is validated above; the platform's key is not a field
        # a person sets by hand (sudo keeps the agent as the creator). The
        # platform's account does not follow the cases it files: the office's
        # people act on them, and it would only collect notifications.
        case = (
            self.env["xinfang.case"]
            .sudo()
            .with_context(mail_create_nosubscribe=True)
            .create(vals)
            .with_env(self.env)
        )
        return {"case_id": case.id, "name": case.name, "created": True}

    @api.model
    def _xinfang_claim_intake(self, vals, petitioners):
        """Serialise intakes of the same petition and of the same person;
        return the case already registered for the petition (or an empty
        recordset) and the known partners {身份证号: partner}.

        Two requests with one (channel, external id) or one 身份证号 must not
        both find nothing and both create. Odoo runs a request in REPEATABLE
        READ, and its snapshot is taken before the intake runs: a request
        cannot see a case or a contact committed since. So the intake claims
        its keys (``xinfang.intake.claim``) in the statement that looks for
        them: a key claimed by a request that committed since makes
        PostgreSQL raise a serialization failure, the one error Odoo's
        request loop retries, and the retry finds the case or the contact.
        A contact created by hand (not through an intake) in that moment is
        not seen: a unique index on the partner's 身份证号 is not used, as
        merging contacts briefly holds one number on two partners.

        One query, whatever the number of cases and petitioners, and a
        second when a key was claimed but its case or contact is gone.
        """
        numbers = sorted({petitioner["id_number"] for petitioner in petitioners})
        case_key = f"case:{vals['channel']}:{vals['external_ref']}"
        person_keys = {number: f"id:{number}" for number in numbers}
        Claim = self.env["xinfang.intake.claim"]
        self.env["xinfang.case"].flush_model(["channel", "external_ref"])
        self.env.cr.execute(
            SQL(
                "WITH claimed AS (%s) SELECT 'claimed', key, NULL FROM claimed"
                " UNION ALL %s",
                Claim._claim_sql([case_key, *person_keys.values()]),
                self._xinfang_intake_look(vals, numbers),
            )
        )
        rows = self.env.cr.fetchall()
        Case = self.env["xinfang.case"].sudo().with_context(active_test=False)
        case_ids = sorted(row_id for kind, row_id, _n in rows if kind == "case")
        if case_ids:
            return Case.browse(case_ids[:1]), {}
        Partner = self.env["res.partner"]
        known = {
            number: Partner.browse(row_id)
            for kind, row_id, number in rows
            if kind == "partner"
        }
        claimed = {key for kind, key, _n in rows if kind == "claimed"}
        missing = [case_key] + [
            key for number, key in person_keys.items() if number not in known
        ]
        stale = [key for key in missing if claim_key(key) not in claimed]
        if stale:
            Claim._reclaim(stale)
        return Case, known

    @api.model
    def _xinfang_intake_look(self, vals, numbers):
        """The petition's case by its key, and the oldest active partner of
        each 身份证号 (``res.partner._xinfang_id_number_partners_sql``)."""
        return SQL(
            """SELECT 'case', id, NULL FROM xinfang_case
                WHERE channel = %s AND external_ref = %s
               UNION ALL
               SELECT 'partner', known.partner_id, known.id_number
                 FROM (%s) AS known(id_number, partner_id)""",
            vals["channel"],
            vals["external_ref"],
            self.env["res.partner"]._xinfang_id_number_partners_sql(numbers),
        )

    @api.model
    def _xinfang_petitioner_partners(self, petitioners, known):
        """The partners of the petitioners: ``known`` ones by 身份证号, new
        ones (with their personal data) for the others."""
        new = {}
        for petitioner in petitioners:
            if petitioner["id_number"] not in known:
                new.setdefault(petitioner["id_number"], petitioner)
        if new:
            known = dict(known, **self._xinfang_create_petitioners(list(new.values())))
        partners = self.env["res.partner"]
        for petitioner in petitioners:
            partners |= known[petitioner["id_number"]]
        return partners

    @api.model
    def _xinfang_create_petitioners(self, petitioners):
        """New contacts for validated petitioners, their personal data
        written at once: {身份证号: partner}.

        Agents may not create contacts themselves (sudo). The contact is a
        petitioner's record: its chatter does not log the creation and the
        agent does not follow it (the case's chatter tells the intake); a
        new contact has no history to track either.

        A contact's ``partner_share`` is computed from the superuser's
        partner, and the case's agency unit defaults to the agent's: those
        fields of the two users are read first, in one query, not the users'
        whole rows (most of the cost of the new contact's computed fields).
        """
        self.env["res.users"].sudo().browse([SUPERUSER_ID, self.env.uid]).fetch(
            ["partner_id", "xinfang_unit_id"]
        )
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(
                mail_create_nolog=True,
                mail_create_nosubscribe=True,
                tracking_disable=True,
            )
            .create([{"name": petitioner["name"]} for petitioner in petitioners])
        )
        self.env["xinfang.petitioner.data"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "id_number": petitioner["id_number"],
                    "birth_date": id_number_birth_date(petitioner["id_number"]),
                    "phone": petitioner["phone"],
                    "street": petitioner["address"],
                }
                for partner, petitioner in zip(partners, petitioners, strict=True)
            ]
        )
        return {
            petitioner["id_number"]: partner.sudo(False)
            for partner, petitioner in zip(partners, petitioners, strict=True)
        }

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
        channels = Case._fields["channel"].get_values(self.env)
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
            levels = Case._fields["skip_level"].get_values(self.env)
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
