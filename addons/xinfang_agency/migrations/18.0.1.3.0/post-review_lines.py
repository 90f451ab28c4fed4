"""18.0.1.3.0: the 复查/复核 of a case become review lines
(xinfang.case.review). The former flat columns of xinfang_case stay in the
table (Odoo does not drop them) and are read once here."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    created = env["xinfang.case"]._xinfang_migrate_review_lines()
    _logger.info("Review lines moved from the former case fields: %s", created)
