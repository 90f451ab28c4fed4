import re
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_company import office_today

# C0 control characters and DEL, except tab, line feed and carriage return.
# PostgreSQL refuses NUL in text; the others are never typed by a person.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class XinfangInputMixin(models.AbstractModel):
    """Checks what people type before it reaches the database.

    A text too long for an index (a 100 kB name makes PostgreSQL refuse the
    btree row), control characters and implausible dates are refused with a
    translated ValidationError naming the field, and nothing is written.
    Models adopt it through ``_inherit`` and tune it with class attributes:

    - ``_xinfang_input_fields``: the fields checked (None: every char, text,
      html, date and datetime field of the model);
    - ``_xinfang_char_max`` / ``_xinfang_text_max`` / ``_xinfang_html_max``:
      the longest value in characters by field type (a char field's own
      ``size`` wins when set);
    - ``_xinfang_date_min`` and ``_xinfang_date_max_years`` (years after
      today): the range of plausible dates;
    - ``_xinfang_past_date_fields``: dates that cannot be in the future.
    """

    _name = "xinfang.input.mixin"
    _description = "Checks on Entered Text and Dates"

    _xinfang_input_fields = None
    # 500 characters of Chinese are 1,500 bytes, under the ~2,700 bytes of a
    # btree index row.
    _xinfang_char_max = 500
    _xinfang_text_max = 20_000
    _xinfang_html_max = 200_000
    _xinfang_date_min = date(1900, 1, 1)
    _xinfang_date_max_years = 10
    _xinfang_past_date_fields = ()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._xinfang_check_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._xinfang_check_input(vals)
        return super().write(vals)

    @api.model
    def _xinfang_check_input(self, vals):
        checked = self._xinfang_input_fields
        for name, value in vals.items():
            field = self._fields.get(name)
            if not field or not value or (checked is not None and name not in checked):
                continue
            if field.type in ("char", "text", "html") and isinstance(value, str):
                self._xinfang_check_text(field, value)
            elif field.type in ("date", "datetime"):
                self._xinfang_check_date(field, value)

    @api.model
    def _xinfang_input_error(self, field, message):
        return ValidationError(
            self.env._(
                "%(field)s: %(message)s",
                field=field._description_string(self.env),
                message=message,
            )
        )

    @api.model
    def _xinfang_check_text(self, field, value):
        limit = {
            "char": getattr(field, "size", None) or self._xinfang_char_max,
            "text": self._xinfang_text_max,
            "html": self._xinfang_html_max,
        }[field.type]
        if len(value) > limit:
            raise self._xinfang_input_error(
                field,
                self.env._(
                    "the text is too long (%(length)s characters, at most %(max)s).",
                    length=len(value),
                    max=limit,
                ),
            )
        if CONTROL_CHARS.search(value):
            raise self._xinfang_input_error(
                field, self.env._("the text contains control characters (such as NUL).")
            )

    @api.model
    def _xinfang_check_date(self, field, value):
        try:
            day = (
                fields.Date.to_date(value)
                if field.type == "date"
                else (fields.Datetime.to_datetime(value).date())
            )
        except (TypeError, ValueError):
            day = None
        if not day:
            raise self._xinfang_input_error(field, self.env._("not a date."))
        if field.name in self._xinfang_past_date_fields:
            latest = office_today(self)
        else:
            # The server's date is close enough for a bound years away (and
            # needs no query for the user's time zone).
            latest = fields.Date.today() + relativedelta(
                years=self._xinfang_date_max_years
            )
        if not self._xinfang_date_min <= day <= latest:
            raise self._xinfang_input_error(
                field,
                self.env._(
                    "%(date)s is not a plausible date (from %(min)s to %(max)s).",
                    date=day,
                    min=self._xinfang_date_min,
                    max=latest,
                ),
            )
