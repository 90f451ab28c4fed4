from odoo import fields, models


class XinfangCase(models.Model):
    _inherit = "xinfang.case"

    meeting_count = fields.Integer(compute="_compute_meeting_figures")
    decision_count = fields.Integer(compute="_compute_meeting_figures")
    roadmap_count = fields.Integer(compute="_compute_meeting_figures")

    def _meeting_ids_by_case(self):
        """{case_id: set of meeting ids} from agenda items and decisions."""
        result = {case_id: set() for case_id in self.ids}
        for model in ("xinfang.meeting.agenda.item", "xinfang.meeting.decision"):
            groups = self.env[model]._read_group(
                [("case_id", "in", self.ids), ("meeting_id", "!=", False)],
                ["case_id"],
                ["meeting_id:array_agg"],
            )
            for case, meeting_ids in groups:
                result[case.id].update(meeting_ids)
        return result

    def _compute_meeting_figures(self):
        meetings = self._meeting_ids_by_case()
        decisions = dict(
            self.env["xinfang.meeting.decision"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        roadmaps = dict(
            self.env["xinfang.work.roadmap"]._read_group(
                [("case_id", "in", self.ids)], ["case_id"], ["__count"]
            )
        )
        for case in self:
            case.meeting_count = len(meetings.get(case.id, ()))
            case.decision_count = decisions.get(case, 0)
            case.roadmap_count = roadmaps.get(case, 0)

    def action_view_meetings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "xinfang_meeting.xinfang_meeting_action"
        )
        action["domain"] = [("id", "in", list(self._meeting_ids_by_case()[self.id]))]
        action["context"] = {}
        return action

    def action_view_decisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "xinfang_meeting.xinfang_meeting_decision_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action

    def action_view_roadmaps(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "xinfang_meeting.xinfang_work_roadmap_action"
        )
        action["domain"] = [("case_id", "=", self.id)]
        action["context"] = {"default_case_id": self.id}
        return action
