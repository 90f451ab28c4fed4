from odoo import models

# The screening outcomes that close the petition (no agency service).
CLOSING_OUTCOMES = ("direct_answer", "legal_route", "window", "excluded")


class XinfangCaseScreening(models.AbstractModel):
    """登记 → 甄别受理: the case submitted to screening, and the screening
    wizard's five outcomes (accepted for agency, or closed: answered on the
    spot, legal route, window, excluded).

    A concern of ``xinfang.case`` only (steps of the flow table).
    """

    _name = "xinfang.case.screening"
    _description = "Petition Screening Steps"

    def action_submit_screening(self):
        """Registered → screening."""
        self._ensure_can_move("action_submit_screening")
        self._move_to("action_submit_screening")
        self._on_screening_submitted()
        return True

    def _screen_accept_for_agency(self, vals, note):
        """The screening wizard accepted the petition: 待交办签."""
        self._record_screening("_screen_accept_for_agency", vals, note)

    def _screen_close(self, vals, note):
        """The screening wizard closed the petition (answered, advised,
        guided or excluded)."""
        self._record_screening("_screen_close", vals, note)

    def _record_screening(self, method, vals, note):
        self._ensure_can_move(method)
        self._flow_write(vals)
        self.message_post(body=note, subtype_xmlid="mail.mt_note")
        self._move_to(method)
        self._on_screening_recorded(method == "_screen_accept_for_agency")

    def action_open_screening(self):
        """Open the screening wizard (five outcomes)."""
        self.ensure_one()
        self._ensure_can_move("action_open_screening")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Screening"),
            "res_model": "xinfang.case.screening.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def _find_terminated_matter(self, category=None):
        """A terminated case (after 复核) on the same matter, if any.

        Same matter: a petitioner with the same ID number and the same
        category, or the case explicitly linked to this one.
        """
        self.ensure_one()
        category = category or self.category_id
        cases = self.sudo()
        linked = cases["related_case_id"] if "related_case_id" in self._fields else None
        if linked and linked.terminated:
            return linked
        numbers = [n for n in cases.petitioner_ids.mapped("xinfang_id_number") if n]
        if not numbers or not category:
            return self.browse()
        return cases.with_context(active_test=False).search(
            [
                ("id", "!=", self.id),
                ("terminated", "=", True),
                ("category_id", "=", category.id),
                ("petitioner_ids.xinfang_id_number", "in", numbers),
            ],
            limit=1,
        )
