from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

Q1_START, Q1_END = date(2025, 1, 1), date(2025, 3, 31)
Q2_START, Q2_END = date(2025, 4, 1), date(2025, 6, 30)


class AssessmentMixin:
    """Fresh units, users of every role and a small scheme of our own, so
    that the figures do not depend on the demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_assessment()

    @classmethod
    def _setup_assessment(cls):
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True)
        )
        Unit = cls.env["xinfang.unit"]
        center = cls.env.ref("xinfang_agency.unit_county_center")
        cls.unit_a = Unit.create(
            {"name": "测试甲社区", "unit_type": "point", "parent_id": center.id}
        )
        cls.unit_b = Unit.create(
            {"name": "测试乙社区", "unit_type": "point", "parent_id": center.id}
        )
        cls.unit_dept = Unit.create(
            {"name": "测试住建局", "unit_type": "department", "parent_id": center.id}
        )
        cls.assessor = new_test_user(
            cls.env,
            login="t_assessor",
            groups="base.group_user,xinfang_assessment.group_xinfang_assessor",
            xinfang_unit_id=center.id,
        )
        cls.leader = new_test_user(
            cls.env,
            login="t_leader",
            groups="base.group_user,xinfang_agency.group_xinfang_leader",
            xinfang_unit_id=center.id,
        )
        cls.agent_a = new_test_user(
            cls.env,
            login="t_agent_a",
            groups="base.group_user,xinfang_agency.group_xinfang_agent",
            xinfang_unit_id=cls.unit_a.id,
        )
        cls.agent_b = new_test_user(
            cls.env,
            login="t_agent_b",
            groups="base.group_user,xinfang_agency.group_xinfang_agent",
            xinfang_unit_id=cls.unit_b.id,
        )
        cls.scheme = cls.env["xinfang.assessment.scheme"].create(
            {
                "name": "测试考核方案",
                "year_mode": "sum",
                "unit_ids": [Command.set([cls.unit_a.id, cls.unit_b.id])],
                "indicator_ids": [
                    Command.create(
                        {
                            "name": "代办率",
                            "metric": "agency_rate",
                            "points": 10,
                            "target": 0.5,
                        }
                    ),
                    Command.create(
                        {
                            "name": "网访占比",
                            "metric": "online_share",
                            "points": 10,
                            "target": 0.7,
                        }
                    ),
                    Command.create(
                        {
                            "name": "越级进京",
                            "metric": "skip_level_beijing",
                            "rule": "deduction",
                            "points": 5,
                            "cap": 8,
                        }
                    ),
                    Command.create(
                        {
                            "name": "扣分项",
                            "kind": "manual",
                            "rule": "deduction",
                            "points": 2,
                        }
                    ),
                ],
            }
        )
        cls.ind_agency, cls.ind_online, cls.ind_beijing, cls.ind_manual = (
            cls.scheme.indicator_ids
        )
        Period = cls.env["xinfang.assessment.period"]
        cls.q1 = Period.create(
            {
                "name": "2025年第一季度",
                "scheme_id": cls.scheme.id,
                "date_start": Q1_START,
                "date_end": Q1_END,
            }
        )
        cls.q2 = Period.create(
            {
                "name": "2025年第二季度",
                "scheme_id": cls.scheme.id,
                "date_start": Q2_START,
                "date_end": Q2_END,
            }
        )

    @classmethod
    def _case(cls, unit, received, **vals):
        return cls.env["xinfang.case"].create(
            {
                "summary": "测试诉求",
                "received_date": received,
                "agency_unit_id": unit.id,
                "channel": vals.pop("channel", "visit"),
                **vals,
            }
        )

    @contextmanager
    def assertRefused(self, exception, text):
        """Like assertRaisesRegex, but inside the savepoint of assertRaises,
        so that the test can check that nothing changed."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))

    def _run(self, period):
        run = self.env["xinfang.assessment.run"].create({"period_id": period.id})
        run.with_user(self.assessor).action_compute()
        return run

    @staticmethod
    def _line(run, unit, indicator):
        return run.result_ids.filtered(lambda r: r.unit_id == unit).line_ids.filtered(
            lambda line: line.indicator_id == indicator
        )

    def _item(self, unit, period, points, evidence="会议记录第3页"):
        return (
            self.env["xinfang.assessment.item"]
            .with_user(self.assessor)
            .create(
                {
                    "name": "非正常访扣分",
                    "period_id": period.id,
                    "indicator_id": self.ind_manual.id,
                    "unit_id": unit.id,
                    "points": points,
                    "evidence": evidence,
                }
            )
        )


class AssessmentCase(AssessmentMixin, TransactionCase):
    pass
