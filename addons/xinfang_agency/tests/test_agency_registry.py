from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .network_common import NetworkCommon


@tagged("post_install", "-at_install")
class TestAgencyRegistry(NetworkCommon):
    def _training(self, user=None, **vals):
        values = {
            "topic": "信访工作条例学习",
            "date": self.today - timedelta(days=10),
            "hours": 2.5,
            "trainer": "县信访局",
            "unit_id": self.station.id,
            "agent_ids": [Command.set((self.agent_profile | self.volunteer).ids)],
        }
        values.update(vals)
        return self.env["xinfang.training"].with_user(user or self.clerk).create(values)

    def test_registry_fields_for_the_wall_list(self):
        self.station.write(
            {
                "registration_date": self.today - timedelta(days=400),
                "address": "测试街道办事处一楼",
                "opening_hours": "工作日 8:30-17:30",
            }
        )
        self.assertTrue(self.station.is_institution)
        self.assertFalse(self.dept.is_institution)
        self.assertEqual(
            self.point.agent_profile_ids, self.agent_profile | self.volunteer
        )
        self.assertEqual(self.point.agent_count, 2)
        self.assertEqual(self.volunteer.employment, "part_time")
        self.assertEqual(self.volunteer.background, "representative")

    def test_training_totals_per_agent_and_unit(self):
        self._training()
        self._training(
            topic="矛盾纠纷化解技巧",
            hours=1.5,
            agent_ids=[Command.set(self.agent_profile.ids)],
        )
        self.assertEqual(self.agent_profile.training_hours, 4.0)
        self.assertEqual(self.agent_profile.training_count, 2)
        self.assertEqual(self.volunteer.training_hours, 2.5)
        self.assertEqual(self.point.training_hours, 6.5)
        self.assertEqual(self.station.training_hours, 0.0)
        # An archived training no longer counts.
        training = self.agent_profile.training_ids.filtered(lambda t: t.hours == 1.5)
        training.with_user(self.clerk).action_archive()
        self.assertEqual(self.agent_profile.training_hours, 2.5)
        self.assertEqual(self.point.training_hours, 5.0)

    def test_training_hours_must_be_positive_and_plausible(self):
        for hours in (0, -2, 30):
            with (
                self.subTest(hours=hours),
                self.assertRaisesRegex(ValidationError, "more than 0"),
                self.env.cr.savepoint(),
            ):
                self._training(hours=hours)
        training = self._training()
        with (
            self.assertRaisesRegex(ValidationError, "more than 0"),
            self.env.cr.savepoint(),
        ):
            training.with_user(self.clerk).write({"hours": 0})
        training.invalidate_recordset()
        self.assertEqual(training.hours, 2.5)

    def test_training_in_the_future_refused(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._training(date=self.today + timedelta(days=3))

    def test_training_of_agents_outside_the_jurisdiction_refused(self):
        with (
            self.assertRaisesRegex(ValidationError, "do not belong"),
            self.env.cr.savepoint(),
        ):
            self._training(agent_ids=[Command.set(self.other_agent.ids)])

    def test_agent_belongs_to_an_institution(self):
        with (
            self.assertRaisesRegex(ValidationError, "line office"),
            self.env.cr.savepoint(),
        ):
            self.env["xinfang.agent"].with_user(self.clerk).create(
                {"name": "错误单位", "unit_id": self.dept.id}
            )

    def test_only_the_office_of_the_jurisdiction_registers(self):
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["xinfang.agent"].with_user(self.agent).create(
                {"name": "自封代办员", "unit_id": self.point.id}
            )
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["xinfang.agent"].with_user(self.other_clerk).create(
                {"name": "越界登记", "unit_id": self.point.id}
            )
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.volunteer.with_user(self.other_clerk).write({"phone": "13999999999"})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self._training(user=self.leader)
        self.assertEqual(self.volunteer.phone, "13800002222")

    def test_computed_totals_and_active_are_not_typed(self):
        with self.assertRaisesRegex(UserError, "by hand"), self.env.cr.savepoint():
            self.volunteer.with_user(self.clerk).write({"training_hours": 99})
        with self.assertRaisesRegex(UserError, "by hand"), self.env.cr.savepoint():
            self.volunteer.with_user(self.clerk).write({"active": False})
        training = self._training()
        with self.assertRaisesRegex(UserError, "by hand"), self.env.cr.savepoint():
            training.with_user(self.clerk).write({"total_hours": 500})
        self.assertEqual(training.total_hours, 5.0)
        # Archiving is the office's action.
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.volunteer.with_user(self.agent).action_archive()
        self.volunteer.with_user(self.clerk).action_archive()
        self.assertFalse(self.volunteer.active)
        self.assertEqual(self.point.agent_count, 1)

    def test_agents_see_their_jurisdiction_and_the_units_above(self):
        Agent = self.env["xinfang.agent"].with_user(self.agent)
        seen = Agent.search([])
        self.assertIn(self.station_agent, seen)
        self.assertIn(self.volunteer, seen)
        self.assertNotIn(self.other_agent, seen)
        groups = Agent._read_group([], ["unit_id"], ["__count"])
        self.assertNotIn(self.other_point, [unit for unit, _count in groups])

    def test_never_deleted(self):
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.volunteer.sudo().unlink()
        training = self._training()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            training.sudo().unlink()
