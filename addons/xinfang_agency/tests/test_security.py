from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import XinfangAgencyCommon


@tagged("post_install", "-at_install")
class TestCaseSecurity(XinfangAgencyCommon):
    """Each role reads, writes and creates exactly the cases of its scope."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_village()
        cls.social_dept = cls._unit(
            "测试社会事务办", "T-SEC-SOC", "department", cls.station
        )
        cls.other_dept = cls._unit(
            "测试东街道城建办", "T-SEC-EDEP", "department", cls.other_station
        )
        # Users of the other station and users without a unit.
        cls.agent_xc = cls._user("agent", cls.other_point, "agent_xc")
        cls.handler_xc = cls._user("handler", cls.other_dept, "handler_xc")
        cls.leader_xc = cls._user("leader", cls.other_station, "leader_xc")
        cls.agent_nounit = cls._user("agent", login="agent_nounit")
        cls.manager = cls._user("manager", login="manager_xf")

        Case = cls.env["xinfang.case"]
        cls.case_xingfu = Case.create(
            {
                "summary": "测试：幸福社区路灯不亮",
                "channel": "visit",
                "agency_unit_id": cls.point.id,
                "handling_unit_id": cls.dept.id,
            }
        )
        cls.case_heping = Case.create(
            {
                "summary": "测试：和平村灌溉渠渗漏",
                "channel": "phone",
                "agency_unit_id": cls.village.id,
            }
        )
        cls.case_social = Case.create(
            {
                "summary": "测试：低保资格复核",
                "channel": "letter",
                "agency_unit_id": cls.village.id,
                "handling_unit_id": cls.social_dept.id,
            }
        )
        cls.case_chunguang = Case.create(
            {
                "summary": "测试：春光社区噪音扰民",
                "channel": "online",
                "agency_unit_id": cls.other_point.id,
                "handling_unit_id": cls.other_dept.id,
            }
        )
        cls.case_nounit = Case.create(
            {
                "summary": "测试：无单位代办员经办的事项",
                "channel": "online",
                "agency_unit_id": cls.other_point.id,
                "agent_id": cls.agent_nounit.id,
            }
        )
        cls.all_cases = (
            cls.case_xingfu
            + cls.case_heping
            + cls.case_social
            + cls.case_chunguang
            + cls.case_nounit
        )

    # helpers -----------------------------------------------------------

    def _visible(self, user):
        """The test cases ``user`` finds by search."""
        return (
            self.env["xinfang.case"]
            .with_user(user)
            .search([("id", "in", self.all_cases.ids)])
        )

    def assertSees(self, user, expected):
        self.assertEqual(
            self._visible(user), expected, f"{user.login} sees wrong cases"
        )
        for case in expected:
            case.with_user(user).read(["summary"])  # no AccessError
        for case in self.all_cases - expected:
            with self.assertRaises(
                AccessError, msg=f"{user.login} reads {case.summary}"
            ):
                case.with_user(user).read(["summary"])

    # Record rules decide which cases a role may act on (the steps check
    # write access); which fields it may edit by hand is the whitelist's
    # business (test_write_whitelist.py).
    def assertCanWrite(self, user, case):
        case.with_user(user).check_access("write")

    def assertCannotWrite(self, user, case):
        with self.assertRaises(AccessError):
            case.with_user(user).check_access("write")

    def _create_as(self, user):
        return (
            self.env["xinfang.case"]
            .with_user(user)
            .create({"summary": f"{user.login} 登记的来访事项", "channel": "visit"})
        )

    def assertCannotCreate(self, user):
        with self.assertRaises(AccessError):
            self._create_as(user)

    def assertCannotUnlink(self, user):
        Access = self.env["ir.model.access"].with_user(user)
        self.assertFalse(Access.check("xinfang.case", "unlink", raise_exception=False))

    # roles ------------------------------------------------------------

    def test_agent(self):
        """Agent (测试社区): own unit only; registers cases; never deletes."""
        self.assertSees(self.agent, self.case_xingfu)
        self.assertCanWrite(self.agent, self.case_xingfu)
        self.assertCannotWrite(self.agent, self.case_heping)
        new_case = self._create_as(self.agent)
        self.assertEqual(new_case.agency_unit_id, self.point)
        self.assertTrue(new_case.with_user(self.agent).read(["name"]))
        self.assertCannotUnlink(self.agent)

    def test_agent_sees_cases_they_represent_outside_unit(self):
        self.case_heping.agent_id = self.agent
        self.assertSees(self.agent, self.case_xingfu + self.case_heping)

    def test_agent_other_station(self):
        self.assertSees(self.agent_xc, self.case_chunguang + self.case_nounit)
        self.assertCannotWrite(self.agent_xc, self.case_xingfu)

    def test_agent_without_unit_sees_only_own_cases_without_warning(self):
        with self.assertNoLogs("odoo.osv.expression", level="WARNING"):
            self.assertSees(self.agent_nounit, self.case_nounit)
        self.assertCanWrite(self.agent_nounit, self.case_nounit)

    def test_handler(self):
        """Handler (测试城建办): cases assigned to the unit; cannot register."""
        self.assertSees(self.handler, self.case_xingfu)
        self.assertCanWrite(self.handler, self.case_xingfu)
        self.assertCannotWrite(self.handler, self.case_social)
        self.assertCannotCreate(self.handler)
        self.assertCannotUnlink(self.handler)

    def test_handler_sees_case_where_handler_outside_unit(self):
        self.case_heping.handler_id = self.handler
        self.assertSees(self.handler, self.case_xingfu + self.case_heping)

    def test_handler_of_another_unit_cannot_read(self):
        self.assertSees(self.handler_xc, self.case_chunguang)
        with self.assertRaises(AccessError):
            self.case_xingfu.with_user(self.handler_xc).read(
                ["summary", "petitioner_ids"]
            )
        self.assertCannotWrite(self.handler_xc, self.case_xingfu)

    def test_clerk(self):
        """Petition office clerk (测试街道): the whole street, registers cases."""
        street = self.case_xingfu + self.case_heping + self.case_social
        self.assertSees(self.clerk, street)
        self.assertCanWrite(self.clerk, self.case_social)
        self.assertCannotWrite(self.clerk, self.case_chunguang)
        self.assertEqual(
            self._create_as(self.clerk).agency_unit_id, self.clerk.xinfang_unit_id
        )
        self.assertCannotUnlink(self.clerk)

    def test_leader(self):
        """Leader in charge: jurisdiction plus own cases (包案); cannot register."""
        street = self.case_xingfu + self.case_heping + self.case_social
        self.assertSees(self.leader, street)
        self.assertCanWrite(self.leader, self.case_heping)
        self.assertCannotWrite(self.leader, self.case_chunguang)
        self.assertCannotCreate(self.leader)
        self.assertCannotUnlink(self.leader)
        self.case_chunguang.leader_id = self.leader
        self.assertSees(self.leader, street + self.case_chunguang)

    def test_leader_other_station(self):
        self.assertSees(self.leader_xc, self.case_chunguang + self.case_nounit)
        self.assertCannotCreate(self.leader_xc)

    def test_principal(self):
        street = self.case_xingfu + self.case_heping + self.case_social
        self.assertSees(self.principal, street)
        self.assertCanWrite(self.principal, self.case_social)
        self.assertCannotCreate(self.principal)
        self.assertCannotUnlink(self.principal)

    def test_manager_sees_all_but_never_deletes(self):
        self.assertSees(self.manager, self.all_cases)
        self.assertCanWrite(self.manager, self.case_chunguang)
        self.assertCannotUnlink(self.manager)

    def test_moving_a_user_moves_their_scope(self):
        self.assertSees(self.agent_xc, self.case_chunguang + self.case_nounit)
        self.agent_xc.xinfang_unit_id = self.village
        self.assertSees(self.agent_xc, self.case_heping + self.case_social)

    def test_moving_a_unit_moves_its_scope(self):
        """A unit moved to another station follows its new tree at once,
        although the rule domains of the users are cached."""
        street = self.case_xingfu + self.case_heping + self.case_social
        self.assertSees(self.clerk, street)
        self.assertSees(self.leader_xc, self.case_chunguang + self.case_nounit)
        self.village.parent_id = self.other_station
        # The street keeps the case its social affairs office handles.
        self.assertSees(self.clerk, street - self.case_heping)
        moved = self.case_heping + self.case_social
        self.assertSees(self.leader_xc, self.case_chunguang + self.case_nounit + moved)

    def test_new_unit_joins_the_jurisdiction(self):
        street = self.case_xingfu + self.case_heping + self.case_social
        self.assertSees(self.clerk, street)  # the clerk's rules are cached now
        village = self.env["xinfang.unit"].create(
            {
                "name": "新建村",
                "code": "TEST-NEW-V",
                "unit_type": "point",
                "parent_id": self.clerk.xinfang_unit_id.id,
            }
        )
        case = self.env["xinfang.case"].create(
            {
                "summary": "测试：新建村道路积水",
                "channel": "visit",
                "agency_unit_id": village.id,
            }
        )
        self.all_cases |= case
        self.assertSees(self.clerk, street + case)
        self.assertSees(self.agent, self.case_xingfu)

    def test_access_checks_need_no_query(self):
        """Rules on the unit tree are evaluated in memory on loaded cases
        (child_of would cost a query per check and per rule leaf)."""
        street = (self.case_xingfu + self.case_heping + self.case_social).with_user(
            self.clerk
        )
        street._check_access("read")  # loads the fields the rules read
        with self.assertQueryCount(0):
            for _check in range(5):
                self.assertFalse(street._check_access("read"))

    def test_upgrade_rewrites_child_of_rules(self):
        """Databases of 18.0.1.0.0 keep their noupdate rules: the migration
        turns their child_of leaves into jurisdiction leaves."""
        rule = self.env.ref("xinfang_agency.rule_xinfang_case_leader")
        new_domain = rule.domain_force
        rule.domain_force = new_domain.replace(
            "'in', user.xinfang_jurisdiction_ids.ids",
            "'child_of', user.xinfang_unit_id.ids",
        )
        self.assertIn("child_of", rule.domain_force)
        self.env["res.users"]._xinfang_migrate_unit_rules("xinfang_agency")
        self.assertEqual(rule.domain_force, new_domain)

    def test_demo_scope(self):
        """The demo board (a check of the demo data itself): the demo agent
        sees the drainage case, not the land one."""
        ref = self.env.ref
        drainage = ref("xinfang_agency.case_demo_drainage")
        land = ref("xinfang_agency.case_demo_land")
        domain = [("id", "in", (drainage + land).ids)]
        Case = self.env["xinfang.case"]
        agent, handler, leader = (
            ref(f"xinfang_agency.user_{role}")
            for role in ("agent", "handler", "leader")
        )
        self.assertEqual(Case.with_user(agent).search(domain), drainage)
        self.assertEqual(Case.with_user(handler).search(domain), drainage)
        self.assertEqual(Case.with_user(leader).search(domain), drainage + land)
