"""The resident ID number (公民身份号码) of GB 11643-1999, in one place.

The model's constraint, the petition forms, the tests and the bench all
import these functions, so a rule changes here once.
"""

import re
from datetime import date

# Weights of the first 17 digits and the check character for each remainder.
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
PATTERN = re.compile(r"^\d{17}[\dX]$")


def normalize(value):
    """Strip spaces and upper-case the check character; keep falsy as is."""
    if not value:
        return value
    return re.sub(r"\s+", "", value).upper()


def birth_date(value):
    """Birth date encoded in a resident ID number, or None if invalid."""
    try:
        return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except (TypeError, ValueError):
        return None


def check_character(first17):
    """The check character that completes the 17 digits ``first17``."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def complete(first17):
    """A valid number: ``first17`` followed by its check character."""
    return first17 + check_character(first17)


def is_valid(value):
    """True if ``value`` is an 18-character ID number with a valid checksum
    and a real birth date not in the future."""
    if not value or not PATTERN.match(value):
        return False
    if check_character(value[:17]) != value[17]:
        return False
    born = birth_date(value)
    return bool(born) and born <= date.today()
