from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import Query
from odoo.tools.sql import create_index

from ..tools.sql import exists_in
from .res_partner import id_number_birth_date, is_valid_id_number, normalize_id_number


class XinfangPetitionerData(models.Model):
    """A petitioner's personal data (身份证号, phone, address, birth date).

    One record per contact, kept apart from ``res.partner`` so that record
    rules decide who reads it (security/xinfang_petitioner_data_rules.xml):
    the petition office, the agents of the jurisdiction of one of the
    petitioner's cases, the handlers of a unit a case is assigned to. Every
    internal user reads contacts; the partner shows these values through
    computed fields, in full when this record is readable, masked otherwise.
    """

    _name = "xinfang.petitioner.data"
    _description = "Petitioner Personal Data"
    _inherit = ["xinfang.input.mixin"]
    _xinfang_past_date_fields = ("birth_date",)
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade", readonly=True
    )
    # Trigram: the case search bar finds a petitioner by part of the number.
    id_number = fields.Char(string="ID Number", index="trigram")
    phone = fields.Char(string="Phone Number", index="trigram")
    street = fields.Char(string="Address")
    birth_date = fields.Date(compute="_compute_birth_date", store=True, readonly=False)

    _sql_constraints = [
        (
            "partner_unique",
            "unique(partner_id)",
            "A contact has one set of personal data.",
        ),
    ]

    def init(self):
        result = super().init()
        # A whole 身份证号 (intake's matching, the case search bar) is looked
        # up by equality: the trigram index answers it only by merging the
        # posting lists of 16 trigrams (2.7 ms for 18 characters).
        create_index(
            self.env.cr,
            "xinfang_petitioner_data_id_number_btree_index",
            self._table,
            ['"id_number"'],
        )
        return result

    def _condition_to_sql(self, alias, fname, operator, value, query):
        """With ``xinfang_data_of_few`` in the context (a search for the
        data of a few given contacts), ``partner_id any [...]`` (the agents'
        and handlers' rules) as a correlated ``EXISTS`` instead of
        ``partner_id IN (subquery)``.

        The rules of a user's groups are ORed, and under an OR PostgreSQL
        can only hash the whole subquery (every petitioner of the user's
        jurisdiction, thousands: 15 ms at 100k cases) to test the one or two
        rows a form reads; tied to the row's partner, it looks that partner
        up by its keys (0.1 ms). Not by default: on a long list of data the
        per-row lookups cost more than one hash (53 vs 18 ms for a handler's
        955). Same rows either way: ``partner_id`` is never NULL.
        """
        if (
            self.env.context.get("xinfang_data_of_few")
            and fname == "partner_id"
            and operator == "in"
            and isinstance(value, Query)
            and not (value.limit or value.offset)
        ):
            return exists_in(
                value.from_clause,
                value.table,
                value.where_clause,
                self._field_to_sql(alias, fname, query),
            )
        return super()._condition_to_sql(alias, fname, operator, value, query)

    @api.depends("id_number")
    def _compute_birth_date(self):
        for data in self:
            birth = id_number_birth_date(data.id_number) if data.id_number else None
            data.birth_date = birth or data.birth_date

    @api.constrains("id_number")
    def _check_id_number(self):
        for data in self:
            if data.id_number and not is_valid_id_number(data.id_number):
                raise ValidationError(
                    self.env._(
                        "The ID number %(number)s of %(name)s is not valid: it "
                        "must have 18 characters (17 digits and a last digit or "
                        "X), a real birth date and a correct check character.",
                        number=data.id_number,
                        name=data.partner_id.sudo().display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._normalized(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._normalized(vals))

    @api.model
    def _normalized(self, vals):
        if vals.get("id_number"):
            return dict(vals, id_number=normalize_id_number(vals["id_number"]))
        return vals
