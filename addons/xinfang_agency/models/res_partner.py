import re
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# GB 11643-1999: weights of the first 17 digits and the check characters.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ID_PATTERN = re.compile(r"^\d{17}[\dX]$")


def normalize_id_number(value):
    """Strip spaces and upper-case the check character; keep falsy as is."""
    if not value:
        return value
    return re.sub(r"\s+", "", value).upper()


def id_number_birth_date(value):
    """Birth date encoded in a resident ID number, or None if invalid."""
    try:
        return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except (TypeError, ValueError):
        return None


def is_valid_id_number(value):
    """True if ``value`` is an 18-character ID number with a valid checksum."""
    if not value or not ID_PATTERN.match(value):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], ID_WEIGHTS, strict=True))
    if ID_CHECK_CHARS[total % 11] != value[17]:
        return False
    birth = id_number_birth_date(value)
    return bool(birth) and birth <= date.today()


def mask_middle(value, keep_start, keep_end):
    """Replace the middle of ``value`` with asterisks."""
    if not value:
        return False
    value = value.strip()
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + value[len(value) - keep_end :]


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
        "xinfang_birth_date",
    )
    _xinfang_past_date_fields = ("xinfang_birth_date",)

    xinfang_id_number = fields.Char(
        string="ID Number",
        index=True,
        copy=False,
        groups="xinfang_agency.group_xinfang_agent",
        help="Resident identity card number (身份证号), 18 characters; "
        "the last one may be X.",
    )
    xinfang_id_number_masked = fields.Char(
        string="ID Number (masked)", compute="_compute_xinfang_masked"
    )
    xinfang_phone_masked = fields.Char(
        string="Phone (masked)", compute="_compute_xinfang_masked"
    )
    xinfang_birth_date = fields.Date(
        string="Birth Date",
        compute="_compute_xinfang_birth_date",
        store=True,
        readonly=False,
    )
    xinfang_age = fields.Integer(string="Age", compute="_compute_xinfang_age")
    xinfang_can_see_identity = fields.Boolean(
        string="Can See Identity", compute="_compute_xinfang_can_see_identity"
    )
    xinfang_case_count = fields.Integer(
        string="Petition Cases", compute="_compute_xinfang_case_count"
    )

    @api.depends_context("uid")
    def _compute_xinfang_can_see_identity(self):
        allowed = self.env.user.has_group("xinfang_agency.group_xinfang_agent")
        self.xinfang_can_see_identity = allowed

    @api.depends("xinfang_id_number", "phone", "mobile")
    @api.depends_context("uid")
    def _compute_xinfang_masked(self):
        for partner, sudo_partner in zip(self, self.sudo(), strict=True):
            partner.xinfang_id_number_masked = mask_middle(
                sudo_partner.xinfang_id_number, 4, 4
            )
            partner.xinfang_phone_masked = mask_middle(
                partner.mobile or partner.phone, 3, 4
            )

    @api.depends("xinfang_id_number")
    def _compute_xinfang_birth_date(self):
        for partner, sudo_partner in zip(self, self.sudo(), strict=True):
            number = sudo_partner.xinfang_id_number
            birth = id_number_birth_date(number) if number else None
            partner.xinfang_birth_date = birth or partner.xinfang_birth_date

    @api.depends("xinfang_birth_date")
    def _compute_xinfang_age(self):
        today = fields.Date.context_today(self)
        for partner in self:
            birth = partner.xinfang_birth_date
            if birth:
                before_birthday = (today.month, today.day) < (birth.month, birth.day)
                partner.xinfang_age = today.year - birth.year - before_birthday
            else:
                partner.xinfang_age = 0

    @api.constrains("xinfang_id_number")
    def _check_xinfang_id_number(self):
        for partner in self.sudo():
            number = partner.xinfang_id_number
            if number and not is_valid_id_number(number):
                raise ValidationError(
                    self.env._(
                        "The ID number %(number)s of %(name)s is not valid: it "
                        "must have 18 characters (17 digits and a last digit or "
                        "X), a real birth date and a correct check character.",
                        number=number,
                        name=partner.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("xinfang_id_number"):
                vals["xinfang_id_number"] = normalize_id_number(
                    vals["xinfang_id_number"]
                )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("xinfang_id_number"):
            vals = dict(
                vals, xinfang_id_number=normalize_id_number(vals["xinfang_id_number"])
            )
        return super().write(vals)

    # Earlier cases of a petitioner (smart button); cases whose petitioner
    # identity the user may not see (accusations) are not counted.
    def _xinfang_visible_cases(self):
        cases = self.env["xinfang.case"].search(
            [("petitioner_ids", "in", self.ids)], order="received_date desc"
        )
        hidden = cases._xinfang_identity_hidden_ids()
        return cases.filtered(lambda case: case.id not in hidden)

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
        """Existing partners by normalised 身份证号: {number: partner}."""
        numbers = {normalize_id_number(n) for n in numbers if n}
        if not numbers:
            return {}
        partners = self.sudo().search(
            [("xinfang_id_number", "in", list(numbers))], order="id"
        )
        found = {}
        for partner in partners:
            found.setdefault(partner.xinfang_id_number, partner.sudo(False))
        return found
