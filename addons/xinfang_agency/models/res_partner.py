import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..tools import gb11643

# The GB 11643 rules live in tools/gb11643.py; these names are kept for
# the callers that import them from here.
normalize_id_number = gb11643.normalize
id_number_birth_date = gb11643.birth_date
is_valid_id_number = gb11643.is_valid


def mask_middle(value, keep_start, keep_end):
    """Replace the middle of ``value`` with asterisks."""
    if not value:
        return False
    value = value.strip()
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + value[len(value) - keep_end :]


# What a user who may not read a petitioner's personal data still sees: the
# name, the age, the first 6 characters of the 身份证号 (the county of birth,
# GB 11643 "address code") and 7 of the 11 digits of the phone.
# Candidates left for the 身份证号: the age bounds the birth date to one
# year (365 or 366 dates); the 3-digit sequence number is hidden (1,000
# values) and the check character follows from the 17 digits before it, so
# it adds no freedom and is hidden as well: 365 * 1,000 = 365,000 candidates,
# even knowing the sex (the sequence's parity): 182,500 >= 1,000. The stored
# birth date is personal data too, never shown masked. For the phone: 4
# hidden digits, 10,000 candidates. (tests/test_security_rpc_privacy.py
# counts them.)
ID_MASK_KEEP_START = 6
ID_MASK_KEEP_END = 0
PHONE_MASK_KEEP_START = 3
PHONE_MASK_KEEP_END = 4
# Contact fields whose values move into the petitioner's personal data.
LOOSE_FIELDS = ("phone", "mobile", "street", "street2", "city", "zip")
PERSONAL_FIELDS = {
    "xinfang_id_number": "id_number",
    "xinfang_phone": "phone",
    "xinfang_street": "street",
    "xinfang_birth_date": "birth_date",
}


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "xinfang.input.mixin"]
    # What is typed about petitioners (the rest of res.partner is Odoo's).
    _xinfang_input_fields = (
        "name",
        "street",
        "street2",
        "city",
        "phone",
        "mobile",
        "email",
        "comment",
        "xinfang_id_number",
        "xinfang_phone",
        "xinfang_street",
        "xinfang_birth_date",
    )
    _xinfang_past_date_fields = ("xinfang_birth_date",)

    def init(self):
        result = super().init()
        # The case search bar finds a petitioner by part of the name (a
        # sequential scan of every contact otherwise, 90 ms at 75k).
        if self.env.registry.has_trigram:
            create_index(
                self.env.cr,
                "res_partner_xinfang_name_trigram_index",
                self._table,
                ['"name" gin_trgm_ops'],
                "gin",
            )
        return result

    xinfang_data_ids = fields.One2many(
        "xinfang.petitioner.data", "partner_id", string="Personal Data"
    )
    xinfang_case_ids = fields.Many2many(
        "xinfang.case",
        "res_partner_xinfang_case_rel",
        "res_partner_id",
        "xinfang_case_id",
        string="Cases Petitioned",
        readonly=True,
    )
    xinfang_id_number = fields.Char(
        string="ID Number",
        compute="_compute_xinfang_personal",
        inverse="_inverse_xinfang_id_number",
        search="_search_xinfang_id_number",
        help="Resident identity card number (身份证号), 18 characters; "
        "the last one may be X.",
    )
    xinfang_phone = fields.Char(
        string="Petitioner Phone",
        compute="_compute_xinfang_personal",
        inverse="_inverse_xinfang_phone",
        search="_search_xinfang_phone",
    )
    xinfang_street = fields.Char(
        string="Petitioner Address",
        compute="_compute_xinfang_personal",
        inverse="_inverse_xinfang_street",
    )
    xinfang_birth_date = fields.Date(
        string="Birth Date",
        compute="_compute_xinfang_personal",
        inverse="_inverse_xinfang_birth_date",
    )
    xinfang_id_number_masked = fields.Char(
        string="ID Number (masked)", compute="_compute_xinfang_personal"
    )
    xinfang_phone_masked = fields.Char(
        string="Phone (masked)", compute="_compute_xinfang_personal"
    )
    xinfang_age = fields.Integer(string="Age", compute="_compute_xinfang_personal")
    xinfang_can_see_identity = fields.Boolean(
        string="Can See Identity", compute="_compute_xinfang_personal"
    )
    xinfang_case_count = fields.Integer(
        string="Petition Cases", compute="_compute_xinfang_case_count"
    )
    xinfang_petitioner = fields.Boolean(
        string="Registered as Petitioner",
        copy=False,
        help="Set when the contact is created as a petitioner (信访人), before "
        "any case names them.",
    )
    xinfang_is_petitioner = fields.Boolean(
        string="Is a Petitioner",
        compute="_compute_xinfang_is_petitioner",
        search="_search_xinfang_is_petitioner",
        help="A person, not a user, named on a case you may read, or "
        "registered as a petitioner and on no case yet: what the petitioner "
        "picker and the 信访人 menu offer.",
    )

    # ------------------------------------------------------------------
    # Personal data: read through the rules of xinfang.petitioner.data
    # ------------------------------------------------------------------
    @api.model
    def _xinfang_may_register(self):
        return self.env.su or self.env.user.has_groups(
            "xinfang_agency.group_xinfang_agent,xinfang_agency.group_xinfang_handler"
        )

    def _xinfang_readable_data(self):
        """{partner id: data} of the personal data the user may read."""
        Data = self.env["xinfang.petitioner.data"]
        ids = [i for i in self.ids if i]
        if not ids or not Data.has_access("read"):
            return {}
        data = Data.with_context(xinfang_data_of_few=True).search(
            [("partner_id", "in", ids)]
        )
        return {d.partner_id.id: d.with_env(self.env) for d in data}

    # is_company: always on a partner form, so that a new petitioner's form
    # computes these on its first onchange (which computes only the fields
    # depending on a field of the form) and shows the inputs.
    @api.depends(
        "is_company",
        "xinfang_data_ids.id_number",
        "xinfang_data_ids.phone",
        "xinfang_data_ids.street",
        "xinfang_data_ids.birth_date",
    )
    @api.depends_context("uid")
    def _compute_xinfang_personal(self):
        # Every data with its values first: the readable ones, searched
        # next under the rules, find their values in the cache (one query
        # less per form, issue 16).
        every = {
            d.partner_id.id: d
            for d in self.env["xinfang.petitioner.data"]
            .sudo()
            .search_fetch(
                [("partner_id", "in", [i for i in self.ids if i])],
                ["partner_id", "id_number", "phone", "street", "birth_date"],
            )
        }
        readable = self._xinfang_readable_data()
        may_register = self._xinfang_may_register()
        today = fields.Date.context_today(self)
        for partner in self:
            data = readable.get(partner.id)
            hidden = every.get(partner.id)
            partner.xinfang_can_see_identity = bool(data) or (
                may_register and not hidden
            )
            partner.xinfang_id_number = data.id_number if data else False
            partner.xinfang_phone = data.phone if data else False
            partner.xinfang_street = data.street if data else False
            partner.xinfang_birth_date = data.birth_date if data else False
            partner.xinfang_id_number_masked = mask_middle(
                hidden.id_number if hidden else False,
                ID_MASK_KEEP_START,
                ID_MASK_KEEP_END,
            )
            partner.xinfang_phone_masked = mask_middle(
                hidden.phone if hidden else partner.mobile or partner.phone,
                PHONE_MASK_KEEP_START,
                PHONE_MASK_KEEP_END,
            )
            birth = hidden.birth_date if hidden else False
            partner.xinfang_age = (
                today.year
                - birth.year
                - ((today.month, today.day) < (birth.month, birth.day))
                if birth
                else 0
            )

    def _inverse_xinfang_id_number(self):
        self._xinfang_set_personal("xinfang_id_number")

    def _inverse_xinfang_phone(self):
        self._xinfang_set_personal("xinfang_phone")

    def _inverse_xinfang_street(self):
        self._xinfang_set_personal("xinfang_street")

    def _inverse_xinfang_birth_date(self):
        self._xinfang_set_personal("xinfang_birth_date")

    def _xinfang_set_personal(self, fname):
        """Write one personal field: petition staff only, and only on data
        they may write (checked as the user, then written as superuser)."""
        if not self._xinfang_may_register():
            raise AccessError(
                self.env._(
                    "Only petition staff may record a petitioner's personal data."
                )
            )
        Data = self.env["xinfang.petitioner.data"]
        existing = Data.sudo().search([("partner_id", "in", self.ids)])
        if existing and not self.env.su:
            existing.sudo(False).with_env(self.env).check_access("write")
        by_partner = {d.partner_id.id: d for d in existing}
        key = PERSONAL_FIELDS[fname]
        to_create = []
        for partner in self:
            value = partner[fname]
            if partner.id in by_partner:
                by_partner[partner.id].write({key: value})
            elif value:
                to_create.append({"partner_id": partner.id, key: value})
        Data.sudo().create(to_create)

    @api.model
    def _search_xinfang_id_number(self, operator, value):
        if not self.env["xinfang.petitioner.data"].has_access("read"):
            return expression.FALSE_DOMAIN
        if isinstance(value, str):
            value = normalize_id_number(value)
        elif isinstance(value, list | tuple):
            value = [normalize_id_number(v) for v in value]
        return [("xinfang_data_ids", "any", [("id_number", operator, value)])]

    @api.model
    def _search_xinfang_phone(self, operator, value):
        if not self.env["xinfang.petitioner.data"].has_access("read"):
            return expression.FALSE_DOMAIN
        if isinstance(value, str):
            value = re.sub(r"[\s-]+", "", value)
        return [("xinfang_data_ids", "any", [("phone", operator, value)])]

    @api.depends_context("uid")
    def _compute_xinfang_is_petitioner(self):
        ids = [i for i in self.ids if i]
        found = (
            set(
                self.search(
                    [("id", "in", ids), ("xinfang_is_petitioner", "=", True)]
                ).ids
            )
            if ids
            else set()
        )
        for partner in self:
            partner.xinfang_is_petitioner = partner.id in found

    @api.model
    def _search_xinfang_is_petitioner(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search petitioners with = True or = False."))
        # Registered, or with personal data, and on no case at all: nothing
        # about any case is told by listing them.
        self.flush_model(["xinfang_petitioner"])
        self.env["xinfang.petitioner.data"].flush_model(["partner_id"])
        self.env["xinfang.case"].flush_model(["petitioner_ids"])
        unlinked = SQL(
            "(SELECT p.id FROM res_partner p WHERE (p.xinfang_petitioner OR EXISTS ("
            "SELECT 1 FROM xinfang_petitioner_data d WHERE d.partner_id = p.id)) "
            "AND NOT EXISTS (SELECT 1 FROM res_partner_xinfang_case_rel r "
            "WHERE r.res_partner_id = p.id))"
        )
        domain = [
            ("is_company", "=", False),
            ("user_ids", "not any", [("active", "in", [True, False])]),
            "|",
            # On a case the user may read (the case's rules and seal apply).
            ("xinfang_case_ids", "any", [("active", "in", [True, False])]),
            ("id", "in", unlinked),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", *expression.normalize_domain(domain)]

    @api.onchange("xinfang_id_number")
    def _onchange_xinfang_id_number(self):
        number = normalize_id_number(self.xinfang_id_number)
        if not number:
            return None
        if not is_valid_id_number(number):
            return {
                "warning": {
                    "title": self.env._("ID number"),
                    "message": self.env._(
                        "%(number)s is not a valid ID number: 18 characters, a "
                        "real birth date and a correct check character.",
                        number=number,
                    ),
                }
            }
        self.xinfang_birth_date = id_number_birth_date(number)
        return None

    def _xinfang_seal_personal_data(self):
        """Move the phone and address of petitioners into their personal
        data, where the rules guard them (a contact becomes a petitioner
        when linked to a case)."""
        partners = self.sudo().filtered(lambda p: not p.is_company)
        Data = self.env["xinfang.petitioner.data"].sudo()
        # Read through the one2many: a petitioner whose data were just
        # created (the intake) is in the cache, and costs no query.
        by_partner = {partner.id: partner.xinfang_data_ids[:1] for partner in partners}
        to_create, loose = [], partners.browse()
        for partner in partners:
            phone = partner.mobile or partner.phone
            street = " ".join(
                filter(None, (partner.street, partner.street2, partner.city))
            )
            data = by_partner.get(partner.id)
            if not data:
                to_create.append(
                    {"partner_id": partner.id, "phone": phone, "street": street}
                )
            elif phone or street:
                data.write(
                    {"phone": data.phone or phone, "street": data.street or street}
                )
            if any(partner[f] for f in LOOSE_FIELDS):
                loose |= partner
        Data.create(to_create)
        if loose:
            loose.write(dict.fromkeys(LOOSE_FIELDS, False))

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._xinfang_redirect_loose(vals) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        if "tz" in vals and self._xinfang_any_company_partner():
            self.env.registry.clear_cache()  # res.company._xinfang_tz_of
        if set(vals) & set(LOOSE_FIELDS) and self.ids:
            petitioners = self.browse(
                self.env["xinfang.petitioner.data"]
                .sudo()
                .search([("partner_id", "in", self.ids)])
                .partner_id.ids
            )
            if petitioners:
                others = self - petitioners
                result = super(ResPartner, petitioners).write(
                    self._xinfang_redirect_loose(vals, force=True)
                )
                return super(ResPartner, others).write(vals) if others else result
        return super().write(vals)

    def _xinfang_any_company_partner(self):
        """Whether one of these partners is a company's own (its address
        gives the office's time zone)."""
        return bool(self.ids) and bool(
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("partner_id", "in", self.ids)], limit=1)
        )

    @api.model
    def _xinfang_redirect_loose(self, vals, force=False):
        """A petitioner's phone and address go to the personal data."""
        if not (force or any(vals.get(f) for f in PERSONAL_FIELDS)):
            return vals
        vals = dict(vals)
        if vals.get("xinfang_id_number"):
            vals["xinfang_id_number"] = normalize_id_number(vals["xinfang_id_number"])
        # Clearing passes through; a value goes to the personal data.
        phone = vals.get("mobile") or vals.get("phone")
        street = " ".join(
            filter(None, (vals.get(f) for f in ("street", "street2", "city")))
        )
        for fname in LOOSE_FIELDS:
            if vals.get(fname):
                vals.pop(fname)
        if phone and not vals.get("xinfang_phone"):
            vals["xinfang_phone"] = phone
        if street and not vals.get("xinfang_street"):
            vals["xinfang_street"] = street
        return vals

    # Earlier cases of a petitioner (smart button): those the user may read
    # (an accusation is sealed from the accused unit by a record rule).
    def _xinfang_visible_cases(self):
        return self.env["xinfang.case"].search(
            [("petitioner_ids", "in", self.ids)], order="received_date desc"
        )

    def _compute_xinfang_case_count(self):
        if not self.env["xinfang.case"].has_access("read"):
            self.xinfang_case_count = 0
            return
        cases = self._xinfang_visible_cases()
        for partner in self:
            partner.xinfang_case_count = len(
                cases.filtered(lambda case, p=partner: p in case.petitioner_ids)
            )

    def action_view_xinfang_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "xinfang_agency.xinfang_case_action"
        )
        action["domain"] = [("id", "in", self._xinfang_visible_cases().ids)]
        action["context"] = {"create": False}
        action["view_mode"] = "list,form"
        action["views"] = [(False, "list"), (False, "form")]
        return action

    @api.model
    def _xinfang_find_by_id_numbers(self, numbers):
        """Existing partners by normalised 身份证号: {number: partner}, the
        oldest active one of each number, whoever may read the data.

        One query on the number's btree index (xinfang.petitioner.data),
        whatever the number of petitioners and cases.
        """
        numbers = {normalize_id_number(n) for n in numbers if n} - {None, False, ""}
        if not numbers:
            return {}
        self.env.cr.execute(self._xinfang_id_number_partners_sql(numbers))
        partners = self.sudo(False)
        return {number: partners.browse(pid) for number, pid in self.env.cr.fetchall()}

    @api.model
    def _xinfang_id_number_partners_sql(self, numbers):
        """SQL of (身份证号, partner id) for each of the normalised
        ``numbers`` held by an active partner: the oldest such partner, by
        the number's btree index. Flushes what it reads.

        The partner's active flag is a subquery, not a join: PostgreSQL
        plans it in a fifth of the time, and every intake runs it."""
        self.flush_model(["active"])
        self.env["xinfang.petitioner.data"].flush_model(["partner_id", "id_number"])
        return SQL(
            """SELECT data.id_number, min(data.partner_id)
                 FROM xinfang_petitioner_data data
                WHERE data.id_number IN %s
                  AND (SELECT partner.active FROM res_partner partner
                        WHERE partner.id = data.partner_id)
                GROUP BY data.id_number""",
            tuple(sorted(numbers)),
        )

    @api.model
    def _xinfang_migrate_personal_data(self):
        """Move personal data kept on res_partner before 18.0.1.2 (stored
        xinfang_id_number and xinfang_birth_date columns, phone and address
        of petitioners) into xinfang.petitioner.data; then drop the columns
        so the move runs once."""
        cr = self.env.cr
        cr.execute(
            "SELECT column_name FROM information_schema.columns WHERE "
            "table_name = 'res_partner' AND column_name IN "
            "('xinfang_id_number', 'xinfang_birth_date')"
        )
        columns = {row[0] for row in cr.fetchall()}
        if not columns:
            return
        if "xinfang_id_number" in columns:
            birth = (
                SQL.identifier("xinfang_birth_date")
                if "xinfang_birth_date" in columns
                else SQL("NULL::date")
            )
            cr.execute(
                SQL(
                    "SELECT id, xinfang_id_number, %s FROM res_partner p "
                    "WHERE xinfang_id_number IS NOT NULL AND NOT EXISTS ("
                    "SELECT 1 FROM xinfang_petitioner_data d "
                    "WHERE d.partner_id = p.id)",
                    birth,
                )
            )
            self.env["xinfang.petitioner.data"].sudo().create(
                [
                    {
                        "partner_id": pid,
                        "id_number": number,
                        "birth_date": id_number_birth_date(number) or born,
                    }
                    for pid, number, born in cr.fetchall()
                ]
            )
        for column in columns:
            cr.execute(
                SQL("ALTER TABLE res_partner DROP COLUMN %s", SQL.identifier(column))
            )
        cr.execute("SELECT DISTINCT res_partner_id FROM res_partner_xinfang_case_rel")
        ids = [row[0] for row in cr.fetchall()]
        data = (
            self.env["xinfang.petitioner.data"]
            .sudo()
            .search([("partner_id", "!=", False)])
        )
        self.browse(set(ids) | set(data.partner_id.ids))._xinfang_seal_personal_data()
