from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _xinfang_home_actions(self):
        # The assessor starts on the quarterly runs.
        return [
            (
                "xinfang_assessment.group_xinfang_assessor",
                "xinfang_assessment.xinfang_assessment_run_action",
            ),
            *super()._xinfang_home_actions(),
        ]
