from datetime import timedelta

from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.res_partner import is_valid_id_number
from .case_flow_common import CaseFlowCommon


@tagged("post_install", "-at_install")
class TestCaseBoard(CaseFlowCommon):
    """The kanban board's deadline colour, search filters and role views."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_village()
        cls.Case = cls.env["xinfang.case"]

    def setUp(self):
        super().setUp()
        # The community's case in handling at the urban office, and the
        # village's case still being registered.
        self.drainage = self.to_handling().with_env(self.env)
        self.land = self._create_case(
            summary="承包地确权争议", agency_unit_id=self.village.id
        ).with_env(self.env)

    def _status_at(self, days):
        self.drainage.deadline_date = self.today + timedelta(days=days)
        return self.drainage.deadline_status

    def test_deadline_status_colours(self):
        self.assertEqual(self.drainage.state, "handling")
        self.assertEqual(self._status_at(-1), "overdue")
        self.assertEqual(self._status_at(0), "due_soon")
        self.assertEqual(self._status_at(2), "due_soon")
        self.assertEqual(self._status_at(3), "on_time")
        self.drainage.deadline_date = False
        self.assertFalse(self.drainage.deadline_status)
        # Outside handling a deadline date does not colour the card.
        self.land.deadline_date = self.today - timedelta(days=5)
        self.assertFalse(self.land.deadline_status)

    def test_deadline_status_search_and_group(self):
        self._status_at(-1)
        self.land.deadline_date = self.today - timedelta(days=5)
        both = [("id", "in", (self.drainage + self.land).ids)]
        self.assertEqual(
            self.Case.search(both + [("deadline_status", "=", "overdue")]),
            self.drainage,
        )
        self.assertFalse(self.Case.search(both + [("deadline_status", "=", "on_time")]))
        self.assertEqual(
            self.Case.search(both + [("deadline_status", "!=", "overdue")]), self.land
        )
        self.assertEqual(
            self.Case.search(both + [("deadline_status", "=", False)]), self.land
        )
        self.assertEqual(
            self.Case.search(
                both + [("deadline_status", "in", ["due_soon", "overdue"])]
            ),
            self.drainage,
        )
        # The kanban progress bar groups by the status in SQL.
        bars = self.Case.read_progress_bar(
            both,
            "stage_id",
            {
                "field": "deadline_status",
                "colors": {"overdue": "danger", "due_soon": "warning"},
            },
        )
        handling = str(self.drainage.stage_id.id)
        self.assertEqual(bars[handling]["overdue"], 1)
        self.assertEqual(bars[handling]["due_soon"], 0)

    def test_my_unit_filter(self):
        domain = [
            ("in_my_unit", "=", True),
            ("id", "in", (self.drainage + self.land).ids),
        ]
        self.assertEqual(self.Case.with_user(self.agent).search(domain), self.drainage)
        self.assertEqual(
            self.Case.with_user(self.clerk).search(domain), self.drainage + self.land
        )
        self.assertTrue(self.drainage.with_user(self.handler).in_my_unit)
        nobody = self._user("manager", login="board_manager")
        self.assertFalse(self.Case.with_user(nobody).search(domain))
        self.assertFalse(self.drainage.with_user(nobody).in_my_unit)

    def test_views_per_role(self):
        """Every view of the action loads for every role; identity fields
        are shown in full where the personal data is readable (the agent,
        the clerk, the handler of the assigned unit), masked elsewhere."""
        action = self.env.ref("xinfang_agency.xinfang_case_action")
        modes = action.view_mode.split(",")
        self.assertEqual(
            modes, ["kanban", "list", "form", "calendar", "pivot", "graph"]
        )
        leader = self.leader
        spec = {
            "petitioner_ids": {
                "fields": {
                    "xinfang_can_see_identity": {},
                    "xinfang_id_number": {},
                    "xinfang_id_number_masked": {},
                }
            }
        }
        for user, full in (
            (self.agent, True),
            (self.clerk, True),
            (self.handler, True),
            (leader, False),
        ):
            with self.subTest(login=user.login):
                views = self.Case.with_user(user).get_views(
                    [(False, mode) for mode in modes] + [(False, "search")]
                )["views"]
                form = etree.fromstring(views["form"]["arch"])
                shown = {
                    node.get("name")
                    for node in form.iterfind(".//field[@name='petitioner_ids']//field")
                }
                self.assertLessEqual(
                    {"xinfang_id_number", "xinfang_id_number_masked"}, shown
                )
                petitioner = self.drainage.with_user(user).web_read(spec)[0][
                    "petitioner_ids"
                ][0]
                self.assertEqual(petitioner["xinfang_can_see_identity"], full)
                self.assertEqual(bool(petitioner["xinfang_id_number"]), full)
                self.assertTrue(
                    petitioner["xinfang_id_number_masked"].endswith("*" * 12)
                )
                search = etree.fromstring(views["search"]["arch"])
                self.assertTrue(
                    search.find(".//filter[@name='filter_my_unit']") is not None
                )
                self.assertIsNone(search.find(".//filter[@name='filter_to_sign']"))
        principal = self.principal
        search = self.Case.with_user(principal).get_views([(False, "search")])["views"][
            "search"
        ]
        self.assertIn("filter_to_sign", search["arch"])

    def test_signoffs_follow_case_scope(self):
        signoff = self.drainage.signoff_ids.filtered(lambda s: s.kind == "assign")
        self.assertEqual(
            signoff.with_user(self.agent).read(["decision"])[0]["decision"], "signed"
        )
        outsider = self._user("handler", self.other_station, "board_handler_xc")
        with self.assertRaises(AccessError):
            signoff.with_user(outsider).read(["decision"])

    def test_demo_board_is_stage_consistent(self):
        """The demo fills every stage with cases whose data fits the stage
        (a check of the demo data itself)."""
        data = self.env["ir.model.data"].search(
            [("module", "=", "xinfang_agency"), ("model", "=", "xinfang.case")]
        )
        cases = self.Case.browse(data.mapped("res_id")).exists()
        states = {
            state
            for state, _label in self.env["xinfang.case.stage"]
            ._fields["state"]
            .selection
        }
        self.assertEqual(set(cases.mapped("state")), states)
        self.assertGreaterEqual(len(set(cases.mapped("channel"))), 5)
        for case in cases:
            with self.subTest(case=case.summary):
                self.assertTrue(case.petitioner_ids)
                if case.state in ("handling", "close_signoff", "feedback", "revisit"):
                    self.assertTrue(case.assign_signed)
                    self.assertTrue(case.deadline_date)
                if (
                    case.state in ("feedback", "revisit")
                    or case.is_agency
                    and case.state in ("closed", "archived")
                ):
                    self.assertTrue(case.close_signed)
                    self.assertTrue(case.closed_date)
                if case.state in ("close_signoff", "feedback", "revisit"):
                    self.assertTrue(
                        case.reply and case.result_class and case.first_contact_date
                    )
                if case.state in ("revisit", "archived"):
                    self.assertTrue(case.satisfaction)
        partners = cases.petitioner_ids
        self.assertTrue(all(partners.mapped("xinfang_id_number")))
        self.assertFalse(
            partners.filtered(lambda p: not is_valid_id_number(p.xinfang_id_number))
        )

    def test_home_board_shows_only_busy_columns(self):
        """A role's home opens on its work: on a phone the first column is
        what shows, so the home board leaves out the empty ones."""
        Case = self.Case.with_user(self.handler)
        domain = [("state", "=", "handling")]
        full = Case.web_read_group(domain, ["stage_id"], ["stage_id"])
        home = Case.with_context(xinfang_busy_stages_only=True).web_read_group(
            domain, ["stage_id"], ["stage_id"]
        )
        self.assertGreater(len(full["groups"]), 1)
        self.assertEqual(
            [g["stage_id"][0] for g in home["groups"]],
            [self.env.ref("xinfang_agency.stage_handling").id],
        )
        action = self.env.ref("xinfang_agency.xinfang_case_action_home_handler")
        self.assertIn("xinfang_busy_stages_only", action.context)
