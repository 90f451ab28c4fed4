from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.sql import escape_psql

from .res_partner import is_valid_id_number, normalize_id_number


class XinfangCasePrivacy(models.AbstractModel):
    """Who may see the petitioner, and the accuser sealed (条例 Art. 30, 46).

    The record rules of security/xinfang_accusation_rules.xml hide an
    accusation, and all that points to it, from the accused unit and the
    units below it; the petitioners' personal data are
    ``xinfang.petitioner.data``, masked on the partner for everyone else
    (res_partner.py). What lives on the case: the accused unit and its
    default, the refusal to hand an accusation to the accused unit, and the
    petitioners matched by 身份证号 so that their data are sealed once.

    A concern of ``xinfang.case`` only.
    """

    _name = "xinfang.case.privacy"
    _description = "Petition Case Privacy"

    accused_unit_id = fields.Many2one(
        "xinfang.unit",
        index=True,
        tracking=True,
        help="For an accusation: the unit of the people accused. The case is "
        "sealed from its users and those of the units below it (defaults to "
        "the unit where the petition was registered).",
    )
    can_see_identity = fields.Boolean(compute="_compute_can_see_identity")
    # Always False: who may read the case sees its petitioners (the record
    # rules seal an accusation whole). Kept while databases upgrade from
    # 18.0.1.1, whose stored case form still names it until it reloads.
    identity_hidden = fields.Boolean(
        string="Petitioner Identity Hidden", compute="_compute_identity_hidden"
    )

    # The case search bar's petitioner: by name, indexed (issue 16).
    petitioner_name = fields.Char(
        compute="_compute_petitioner_name",
        search="_search_petitioner_name",
    )

    def _compute_petitioner_name(self):
        for case in self:
            case.petitioner_name = "、".join(case.petitioner_ids.mapped("name"))

    def _search_petitioner_name(self, operator, value):
        """Cases of a petitioner named ``value``. A trigram index finds a
        name from three characters on (anywhere in it); a shorter one, a
        Chinese name of two characters or a surname, is found from its start
        on the name's own index: "%李洋%" has no trigram and scanned every
        contact (90 ms at 75k)."""
        if operator != "ilike" or not isinstance(value, str) or not value.strip():
            raise UserError(self.env._("Unsupported search on petitioner names."))
        value = value.strip()
        if len(value) < 3:
            return [("petitioner_ids.name", "=like", f"{escape_psql(value)}%")]
        return [("petitioner_ids.name", "ilike", value)]

    petitioner_id_or_phone = fields.Char(
        string="Petitioner ID Number or Phone",
        compute="_compute_petitioner_id_or_phone",
        search="_search_petitioner_id_or_phone",
    )

    def _compute_petitioner_id_or_phone(self):
        self.petitioner_id_or_phone = False  # a search field only

    def _search_petitioner_id_or_phone(self, operator, value):
        """Cases of a petitioner whose 身份证号 or phone holds ``value``, under
        the record rules of the personal data. A whole valid number is
        looked up by equality (its btree index), a part of it by its
        trigram index."""
        if operator != "ilike" or not isinstance(value, str) or not value.strip():
            raise UserError(
                self.env._("Unsupported search on petitioners' ID numbers or phones.")
            )
        value = value.strip()
        number = normalize_id_number(value)
        by_number = (
            ("id_number", "=", number)
            if is_valid_id_number(number)
            else ("id_number", "ilike", value)
        )
        return [
            (
                "petitioner_ids.xinfang_data_ids",
                "any",
                ["|", by_number, ("phone", "ilike", value)],
            )
        ]

    @api.depends_context("uid")
    def _compute_can_see_identity(self):
        allowed = self.env.user.has_group("xinfang_agency.group_xinfang_agent")
        self.can_see_identity = allowed

    def _compute_identity_hidden(self):
        self.identity_hidden = False

    # ------------------------------------------------------------------
    # The accuser sealed: the explicit default of the accused unit and the
    # refusal to hand an accusation to the accused unit.
    # ------------------------------------------------------------------
    @api.model
    def _xinfang_default_accused_unit(self, vals, agency_unit):
        """An accusation registered without an accused unit accuses the
        unit where it was registered (the local officials): sealed from it
        until the petition office names the accused unit."""
        if vals.get("petition_type") == "accusation" and not vals.get(
            "accused_unit_id"
        ):
            return dict(vals, accused_unit_id=agency_unit.id)
        return vals

    def _xinfang_default_accused_units(self):
        """After a write: an accusation left without an accused unit accuses
        its agency unit again."""
        for case in self.filtered(
            lambda c: c.petition_type == "accusation" and not c.accused_unit_id
        ):
            case.accused_unit_id = case.agency_unit_id

    def _xinfang_sealed_from(self, user):
        """Whether the case is an accusation sealed from ``user``: a user of
        the accused unit or below it (what the accusation rules apply)."""
        self.ensure_one()
        return (
            self.petition_type == "accusation"
            and self.accused_unit_id in user.xinfang_sealed_unit_ids
        )

    @api.constrains("petition_type", "accused_unit_id", "handling_unit_id")
    def _check_accused_not_handling(self):
        for case in self.sudo():
            case._xinfang_check_handling_unit(case.handling_unit_id)

    def _xinfang_check_handling_unit(self, unit):
        """Refuse to hand an accusation to the accused unit or a unit below it."""
        self.ensure_one()
        accused = self.sudo().accused_unit_id
        unit = unit.sudo()
        if (
            self.petition_type == "accusation"
            and accused
            and unit
            and (unit.parent_path or "").startswith(accused.parent_path or "-")
        ):
            raise ValidationError(
                self.env._(
                    "An accusation cannot be handed to the accused unit %(accused)s "
                    "or a unit below it (%(unit)s): choose another handling unit.",
                    accused=accused.display_name,
                    unit=unit.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Petitioners: reuse the partner of a known ID number
    # ------------------------------------------------------------------
    @api.model
    def _xinfang_new_case_vals(self, vals):
        """A new case's petitioners matched by 身份证号 and its accused unit
        defaulted (the agency unit, else the user's unit)."""
        agency_unit = (
            self.env["xinfang.unit"].browse(vals.get("agency_unit_id"))
            or self.env.user.xinfang_unit_id
        )
        return self._xinfang_default_accused_unit(
            self._xinfang_resolve_petitioners(vals), agency_unit
        )

    @api.model
    def _xinfang_resolve_petitioners(self, vals):
        """Turn ``Command.create`` of a known 身份证号 into a link to that partner."""
        commands = vals.get("petitioner_ids")
        if not isinstance(commands, list):
            return vals

        def number_of(cmd):
            if (
                isinstance(cmd, list | tuple)
                and len(cmd) == 3
                and cmd[0] == fields.Command.CREATE
                and isinstance(cmd[2], dict)
            ):
                return normalize_id_number(cmd[2].get("xinfang_id_number"))
            return False

        numbers = {number_of(cmd) for cmd in commands} - {False, None, ""}
        if not numbers:
            return vals
        known = self.env["res.partner"]._xinfang_find_by_id_numbers(numbers)
        resolved = [
            fields.Command.link(known[number_of(cmd)].id)
            if number_of(cmd) in known
            else cmd
            for cmd in commands
        ]
        return dict(vals, petitioner_ids=resolved)
