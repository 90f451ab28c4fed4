from odoo import fields, models


class XinfangCase(models.Model):
    _inherit = "xinfang.case"

    meeting_count = fields.Integer(compute="_compute_stat_counts")
    decision_count = fields.Integer(compute="_compute_stat_counts")
    roadmap_count = fields.Integer(compute="_compute_stat_counts")

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

    def _stat_count_sources(self):
        # Meetings: those the case is on the agenda of or decided at.
        has_meeting = [("meeting_id", "!=", False)]
        return super()._stat_count_sources() + [
            ("meeting_count", "xinfang.meeting.agenda.item", has_meeting, "meeting_id"),
            ("meeting_count", "xinfang.meeting.decision", has_meeting, "meeting_id"),
            ("decision_count", "xinfang.meeting.decision", [], "id"),
            ("roadmap_count", "xinfang.work.roadmap", [], "id"),
        ]

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
