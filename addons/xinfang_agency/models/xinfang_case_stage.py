from odoo import api, fields, models, tools
from odoo.tools import frozendict

# A change to one of these changes the flow's stages (_xinfang_flow).
FLOW_FIELDS = {"state", "sequence", "active"}

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

    @api.model
    @tools.ormcache()
    def _xinfang_flow(self):
        """(id of the first active stage, {stage id: state} of every stage,
        archived ones too): read for every new case and every step of the
        flow, cached until a stage is added or removed or changes its step,
        order or active flag."""
        stages = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch([], ["state", "active"])
        )
        first = next((stage.id for stage in stages if stage.active), False)
        return first, frozendict((stage.id, stage.state) for stage in stages)

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if FLOW_FIELDS & vals.keys():
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
