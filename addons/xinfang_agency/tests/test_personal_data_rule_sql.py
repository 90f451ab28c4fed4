from odoo import Command
from odoo.tests import tagged

from ..tools import gb11643
from .common import XinfangAgencyCommon


def id_number(serial):
    """A valid 身份证号 of petitioner ``serial``."""
    return gb11643.complete(f"15062619850412{serial:03d}")


@tagged("post_install", "-at_install")
class TestPersonalDataRuleSql(XinfangAgencyCommon):
    """The personal data of a few contacts (a form's petitioners) are
    searched with the rules' "petitioners of these cases" as a correlated
    EXISTS (issue 16): the same rows as the default IN (subquery), for
    every role, over petitioners in and out of reach."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_agent = cls._user("agent", cls.other_point, "rule_sql_agent2")
        Partner = cls.env["res.partner"]

        def petitioner(serial, name):
            return Partner.create(
                {"name": name, "xinfang_id_number": id_number(serial)}
            )

        cls.ours = petitioner(1, "周文静")  # a case of the community
        cls.theirs = petitioner(2, "吴建军")  # a case of the other street
        cls.accuser = petitioner(3, "郑秀英")  # accuses the urban office
        cls.handled = petitioner(4, "王海涛")  # a case assigned to the office
        cls.registered = (
            cls.env["res.partner"]
            .with_user(cls.agent)
            .create({"name": "陈立新", "xinfang_id_number": id_number(5)})
        )  # registered by the agent, on no case yet
        Case = cls.env["xinfang.case"].with_user(cls.clerk)
        base = {
            "summary": "小区路灯损坏",
            "channel": "visit",
            "received_date": cls.today,
            "category_id": cls.category.id,
        }
        Case.create(
            dict(
                base,
                agency_unit_id=cls.point.id,
                petitioner_ids=[Command.set(cls.ours.ids)],
            )
        )
        cls.env["xinfang.case"].with_user(cls.other_agent).create(
            dict(
                base,
                agency_unit_id=cls.other_point.id,
                petitioner_ids=[Command.set(cls.theirs.ids)],
            )
        )
        Case.create(
            dict(
                base,
                summary="举报城建办工作人员",
                petition_type="accusation",
                accused_unit_id=cls.dept.id,
                agency_unit_id=cls.station.id,
                petitioner_ids=[Command.set(cls.accuser.ids)],
            )
        )
        Case.create(
            dict(
                base,
                agency_unit_id=cls.point.id,
                handling_unit_id=cls.dept.id,
                petitioner_ids=[Command.set(cls.handled.ids)],
            )
        )
        cls.partners = cls.ours | cls.theirs | cls.accuser | cls.handled
        cls.partners |= cls.registered

    def _data(self, user, few):
        Data = self.env["xinfang.petitioner.data"].with_user(user)
        if few:
            Data = Data.with_context(xinfang_data_of_few=True)
        return Data.search([("partner_id", "in", self.partners.ids)]).partner_id

    def test_same_rows_for_every_role(self):
        users = {
            "agent": self.agent,
            "other agent": self.other_agent,
            "handler": self.handler,
            "station clerk": self.clerk,
            "county clerk": self.center_clerk,
        }
        expected = {
            "agent": self.ours | self.handled | self.registered,
            "other agent": self.theirs,
            # The accused urban office never reaches the accuser.
            "handler": self.handled,
            "station clerk": self.partners,
            "county clerk": self.partners,
        }
        for role, user in users.items():
            with self.subTest(role=role):
                default = self._data(user, few=False)
                self.assertEqual(default, expected[role])
                self.assertEqual(self._data(user, few=True), default)

    def test_form_reads_the_data_by_exists(self):
        Data = self.env["xinfang.petitioner.data"].with_user(self.agent)
        domain = [("partner_id", "in", self.ours.ids)]
        few = Data.with_context(xinfang_data_of_few=True)._search(domain).select()
        default = Data._search(domain).select()
        self.assertIn("EXISTS(SELECT 1 FROM", few.code)
        self.assertNotIn("EXISTS(SELECT 1 FROM", default.code)
        # What the partner shows goes through it: the agent reads the
        # community's petitioner in full, not the other street's.
        ours, theirs = (self.ours | self.theirs).with_user(self.agent)
        self.assertEqual(ours.xinfang_id_number, id_number(1))
        self.assertFalse(theirs.xinfang_id_number)
        self.assertTrue(theirs.xinfang_id_number_masked)
