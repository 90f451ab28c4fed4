from odoo import fields, models

# Technical keys of the flow; stages are configurable, the keys are not.
CASE_STATES = [
    ("registered", "Registered"),
    ("screening", "Screening"),
    ("assign_signoff", "Awaiting Assignment Sign-off"),
    ("handling", "Handling"),
    ("close_signoff", "Awaiting Closure Sign-off"),
    ("feedback", "Feedback"),
    ("revisit", "Revisit"),
    ("closed", "Closed"),
    ("archived", "Archived"),
]


class XinfangCaseStage(models.Model):
    _name = "xinfang.case.stage"
    _description = "Petition Case Stage"
    _inherit = ["xinfang.input.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(CASE_STATES, required=True, index=True)
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("state_unique", "unique(state)", "Each flow step has exactly one stage."),
    ]
