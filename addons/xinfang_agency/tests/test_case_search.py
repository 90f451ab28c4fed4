"""The case search bar finds a petitioner by name, 身份证号 or phone, for
the roles that may read those; for the others the number finds nothing."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .case_flow_common import CaseFlowCommon
from .common import ID_LIU


@tagged("post_install", "-at_install")
class TestCaseSearch(CaseFlowCommon):
    def _search_view_arch(self, user):
        views = self.env["xinfang.case"].with_user(user).get_views([(False, "search")])
        return views["views"]["search"]["arch"]

    def test_search_by_id_number_phone_and_name(self):
        case = self.new_case()
        other = self.new_case(
            petitioner_ids=[
                (
                    6,
                    0,
                    self.env["res.partner"]
                    .create(
                        {
                            "name": "孙秀兰",
                            "xinfang_id_number": "150626197511024567",
                            "xinfang_phone": "13912345678",
                        }
                    )
                    .ids,
                )
            ]
        )
        Case = self.env["xinfang.case"].with_user(self.agent)
        by_number = [
            ("petitioner_ids.xinfang_data_ids.id_number", "ilike", ID_LIU[-8:])
        ]
        by_phone = [("petitioner_ids.xinfang_data_ids.phone", "ilike", "0477123")]
        self.assertEqual(Case.search(by_number), case)
        self.assertEqual(Case.search(by_phone), case)
        self.assertEqual(Case.search([("petitioner_ids", "ilike", "孙秀兰")]), other)
        self.assertIn("ID Number or Phone", self._search_view_arch(self.agent))

    def test_leader_cannot_probe_by_number(self):
        self.new_case()
        # The search field is not offered, and the domain sent by hand
        # finds nothing or is refused: the number never tells a leader whose
        # case it is.
        self.assertNotIn("ID Number or Phone", self._search_view_arch(self.leader))
        Case = self.env["xinfang.case"].with_user(self.leader)
        try:
            found = Case.search(
                [("petitioner_ids.xinfang_data_ids.id_number", "ilike", ID_LIU)]
            )
        except AccessError:
            found = Case
        self.assertFalse(found)
        # Control: by name the leader finds the case of their jurisdiction.
        self.assertTrue(Case.search([("petitioner_ids", "ilike", "刘桂兰")]))

    def test_search_bar_finds_petitioner_by_name(self):
        """The search bar's petitioner field searches petitioner_name: a
        name of three characters or more anywhere in it (trigram index), a
        shorter one from its start (the name's index)."""
        partner = self.env["res.partner"].create({"name": "欧阳秀兰"})
        case = self.new_case(petitioner_ids=[(6, 0, partner.ids)])
        arch = self._search_view_arch(self.leader)
        self.assertIn("('petitioner_name', 'ilike', self)", arch)
        Case = self.env["xinfang.case"].with_user(self.leader)
        for typed in ("欧阳", "欧阳秀", "阳秀兰", " 欧阳秀兰 "):
            self.assertEqual(
                Case.search([("petitioner_name", "ilike", typed)]), case, typed
            )
        # Two characters match from the start of the name only; a
        # wildcard typed is a character, not a pattern.
        self.assertFalse(Case.search([("petitioner_name", "ilike", "秀兰")]))
        self.assertFalse(Case.search([("petitioner_name", "ilike", "%兰")]))
        self.assertEqual(case.with_user(self.leader).petitioner_name, "欧阳秀兰")
        with self.assertRaises(UserError):
            Case.search([("petitioner_name", "=", "欧阳秀兰")])

    def test_search_bar_finds_petitioner_by_id_number_or_phone(self):
        """The search bar's ID number or phone field: a whole number by
        equality, a part of it or of a phone by its trigram index, under
        the personal data's record rules (a leader finds nothing)."""
        case = self.new_case()
        self.assertIn(
            "('petitioner_id_or_phone', 'ilike', self)",
            self._search_view_arch(self.agent),
        )
        Case = self.env["xinfang.case"].with_user(self.agent)
        for typed in (ID_LIU, ID_LIU.lower(), f" {ID_LIU} ", ID_LIU[-6:], "0477123"):
            self.assertEqual(
                Case.search([("petitioner_id_or_phone", "ilike", typed)]), case, typed
            )
        # A leader has no right on personal data: refused, never found.
        with self.assertRaises(AccessError):
            self.env["xinfang.case"].with_user(self.leader).search(
                [("petitioner_id_or_phone", "ilike", ID_LIU)]
            )
        with self.assertRaises(UserError):
            Case.search([("petitioner_id_or_phone", "=", ID_LIU)])
