from odoo.tests import tagged

from .common import XinfangAgencyCommon


@tagged("post_install", "-at_install")
class TestRuleWholeJurisdiction(XinfangAgencyCommon):
    """A jurisdiction holding every unit reaches the rules as "has a unit"
    instead of the list of every unit id (issue 16). The shortcut must
    never widen what a user sees: a unit created outside that jurisdiction
    takes the rules back to the list at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The test county holds the whole tree: the database's other roots
        # (demo data) move under it, in this test's transaction only.
        Unit = cls.env["xinfang.unit"].with_context(active_test=False)
        Unit.search([("parent_id", "=", False), ("id", "!=", cls.center.id)]).write(
            {"parent_id": cls.center.id}
        )

    def _case_rule_domain(self, user):
        self.env.invalidate_all()
        return (
            self.env["ir.rule"].with_user(user)._compute_domain("xinfang.case", "read")
        )

    def _unit_lists(self, domain):
        """The unit id lists of the domain's leaves."""
        return [
            leaf[2]
            for leaf in domain
            if isinstance(leaf, list | tuple)
            and len(leaf) == 3
            and leaf[0] in ("agency_unit_id", "handling_unit_id")
            and leaf[1] == "in"
        ]

    def test_the_county_rules_carry_no_list_of_units(self):
        domain = self._case_rule_domain(self.center_clerk)
        self.assertFalse(self._unit_lists(domain), domain)
        self.assertIn(("agency_unit_id", "!=", False), domain)
        # A station's jurisdiction is not the whole tree: its list stays.
        station_domain = self._case_rule_domain(self.clerk)
        self.assertTrue(self._unit_lists(station_domain), station_domain)

    def test_a_unit_outside_the_county_is_not_seen_through_the_shortcut(self):
        case = self._create_case()
        outside = self._unit("外县信访局", "T-OUT", "center")
        foreign = self._create_case(agency_unit_id=outside.id, user=self.env.user)
        domain = self._case_rule_domain(self.center_clerk)
        self.assertTrue(self._unit_lists(domain), domain)
        self.assertNotIn(outside.id, self._unit_lists(domain)[0])
        visible = (
            self.env["xinfang.case"]
            .with_user(self.center_clerk)
            .search([("id", "in", (case | foreign).ids)])
        )
        self.assertEqual(visible, case)
