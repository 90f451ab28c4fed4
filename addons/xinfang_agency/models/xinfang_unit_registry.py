from odoo import api, fields, models

# The units that form the agency network (seed 001's 机构): the county
# center, township stations and village points; line offices handle cases
# but are not agency institutions.
INSTITUTION_TYPES = ("center", "station", "point")


class XinfangUnit(models.Model):
    """The registry (备案) of an agency institution: where and when it
    receives people, and its agents (seed 000 §6, seed 004 §8).

    The wall list (上墙公示) prints ``complete_name``, ``address``,
    ``opening_hours``, ``registration_date``, ``phone`` and, per agent of
    ``agent_profile_ids``: ``name``, ``phone``, ``employment``, ``background``.
    """

    _inherit = "xinfang.unit"

    registration_date = fields.Date(
        help="Date the institution was registered (备案) "
        "with the joint-meeting office.",
    )
    address = fields.Char(string="Reception Address")
    opening_hours = fields.Char(
        help="When the institution receives people, e.g. 工作日 8:30-12:00 14:30-17:30."
    )
    is_institution = fields.Boolean(
        compute="_compute_is_institution",
        store=True,
        help="A center, station or point of the agency network.",
    )
    agent_profile_ids = fields.One2many(
        "xinfang.agent", "unit_id", string="Agents", domain=[("active", "=", True)]
    )
    agent_count = fields.Integer(compute="_compute_agent_figures", string="Agents")
    training_hours = fields.Float(
        compute="_compute_agent_figures",
        string="Trained Hours",
        help="Hours of training attended by the unit's agents (hours × attendees).",
    )

    @api.depends("unit_type")
    def _compute_is_institution(self):
        for unit in self:
            unit.is_institution = unit.unit_type in INSTITUTION_TYPES

    @api.depends("agent_profile_ids.active", "agent_profile_ids.training_hours")
    def _compute_agent_figures(self):
        """Both totals in two grouped queries, whatever the number of units."""
        Agent = self.env["xinfang.agent"]
        counts = dict(
            Agent._read_group([("unit_id", "in", self.ids)], ["unit_id"], ["__count"])
        )
        hours = dict(
            Agent._read_group(
                [("unit_id", "in", self.ids)], ["unit_id"], ["training_hours:sum"]
            )
        )
        for unit in self:
            unit.agent_count = counts.get(unit, 0)
            unit.training_hours = hours.get(unit, 0.0)

    def action_open_agents(self):
        self.ensure_one()
        return self.env["xinfang.agent"]._get_records_action(
            name=self.env._("Agents of %(unit)s", unit=self.name),
            domain=[("unit_id", "=", self.id)],
            context={"default_unit_id": self.id},
        )
