"""The one test base of the xinfang addons: a county's unit tree and one
user per role, built without the demo data.

Agency's concern commons (case flow, citizens, grassroots, network,
warnings) and the meeting and assessment bases extend ``XinfangAgencyCommon``
and add only what their concern needs; tests build nothing of this again.
"""

from datetime import timedelta

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# Valid GB 11643 numbers written out, not computed: test_id_number checks
# tools/gb11643.py against them. Other tests make numbers with
# ``gb11643.complete``.
ID_LIU = "150626198003151230"
ID_SUN = "150626197511024567"
ID_WITH_X = "11010519491231002X"

ROLE_GROUPS = {
    "agent": "xinfang_agency.group_xinfang_agent",
    "clerk": "xinfang_agency.group_xinfang_clerk",
    "handler": "xinfang_agency.group_xinfang_handler",
    "leader": "xinfang_agency.group_xinfang_leader",
    "principal": "xinfang_agency.group_xinfang_principal",
    "manager": "xinfang_agency.group_xinfang_manager",
    "grid_worker": "xinfang_agency.group_xinfang_grid_worker",
}


class XinfangAgencyCommon(TransactionCase):
    """A county (测试县信访局) with a street office (测试街道) over a community
    (测试社区), the street's urban office (测试城建办, the handling unit) and
    its social affairs office (测试社会事务办), and a second street (测试东街道)
    with its community (测试东社区); one user per role, each in the unit they
    work in. ``_add_village`` adds a second point of the street.

    The context is mail-quiet but keeps the chatter: creators are not made
    followers (``mail_create_nosubscribe``: no notification mail to test
    users, follower lists hold only who the code subscribes) and creating
    users sends no invitation (``no_reset_password``). Tracking and the
    creation message stay on, because the flow tests assert what the
    chatter records; a base above this one that asserts no chatter may add
    ``mail_notrack``/``mail_create_nolog``.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context, mail_create_nosubscribe=True, no_reset_password=True
            )
        )
        cls.today = cls.env.company._xinfang_today()
        cls._setup_units()
        cls._setup_users()
        cls.petitioner = cls.env["res.partner"].create(
            {"name": "刘桂兰", "phone": "13804771234", "xinfang_id_number": ID_LIU}
        )
        # Categories and stages are data of the addon, not demo.
        cls.category = cls.env.ref("xinfang_agency.case_category_urban_municipal")

    @classmethod
    def _setup_units(cls):
        unit = cls._unit
        cls.center = unit("测试县信访局", "T-FLOW", "center")
        cls.station = unit("测试街道", "T-FLOW-ST", "station", cls.center)
        cls.point = unit("测试社区", "T-FLOW-PT", "point", cls.station)
        cls.dept = unit("测试城建办", "T-FLOW-DEP", "department", cls.station)
        cls.social_dept = unit(
            "测试社会事务办", "T-FLOW-DEP2", "department", cls.station
        )
        cls.other_station = unit("测试东街道", "T-NET-EST", "station", cls.center)
        cls.other_point = unit("测试东社区", "T-NET-EPT", "point", cls.other_station)

    @classmethod
    def _setup_users(cls):
        user = cls._user
        cls.agent = user("agent", cls.point, "flow_agent", "代办员甲")
        cls.clerk = user("clerk", cls.station, "flow_clerk", "信访办乙")
        cls.handler = user("handler", cls.dept, "flow_handler", "承办人丁")
        cls.leader = user("leader", cls.station, "flow_leader", "分管领导戊")
        cls.principal = user("principal", cls.station, "flow_principal", "书记己")
        # The petition office above the station: it decides the 复核.
        cls.center_clerk = user("clerk", cls.center, "flow_center_clerk", "县信访局庚")
        cls.manager = user("manager", cls.center, "flow_manager", "系统管理员辛")

    @classmethod
    def _add_village(cls):
        """A second point of the street (测试村): built only where a test
        needs neighbours in one jurisdiction, since figures count points."""
        cls.village = cls._unit("测试村", "T-FLOW-PT2", "point", cls.station)

    @classmethod
    def _add_dept_head(cls):
        """The urban office's head (城建办主任丙), to whom warnings and the
        office's unassigned work go: built only where a test follows them."""
        cls.head = cls._user("handler", cls.dept, "flow_dept_head", "城建办主任丙")
        cls.dept.head_id = cls.head

    # ------------------------------------------------------------------
    # Factories
    # ------------------------------------------------------------------
    @classmethod
    def _unit(cls, name, code, unit_type, parent=None, **vals):
        return cls.env["xinfang.unit"].create(
            {
                "name": name,
                "code": code,
                "unit_type": unit_type,
                "parent_id": parent.id if parent else False,
                **vals,
            }
        )

    @classmethod
    def _user(cls, role, unit=None, login="", name=None, **vals):
        """A user of ``role`` (a key of ROLE_GROUPS, or group xml ids joined
        by commas) working in ``unit``; with a login of 8 characters or
        more, the password is the login."""
        return new_test_user(
            cls.env,
            login=login,
            groups=ROLE_GROUPS.get(role, role),
            name=name or login,
            email=f"{login}@example.com",
            xinfang_unit_id=unit.id if unit else False,
            **vals,
        )

    def _create_case(self, user=None, **vals):
        """A case received five days ago at the community, as ``user``
        (the station's clerk by default)."""
        values = {
            "summary": "小区雨污管道堵塞",
            "channel": "visit",
            "received_date": self.today - timedelta(days=5),
            "petitioner_ids": [Command.set(self.petitioner.ids)],
            "agency_unit_id": self.point.id,
            "category_id": self.category.id,
            **vals,
        }
        return self.env["xinfang.case"].with_user(user or self.clerk).create(values)

    def stage(self, state):
        return self.env.ref(f"xinfang_agency.stage_{state}")
