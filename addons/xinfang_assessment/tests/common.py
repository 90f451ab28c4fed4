from contextlib import contextmanager
from datetime import date

from odoo import Command

from odoo.addons.xinfang_agency.tests.common import XinfangAgencyCommon

Q1_START, Q1_END = date(2025, 1, 1), date(2025, 3, 31)
Q2_START, Q2_END = date(2025, 4, 1), date(2025, 6, 30)


class AssessmentCase(XinfangAgencyCommon):
    """Agency's county with two assessed communities and a county bureau
    under the county office, an assessor and the county's leader (who
    approves runs), an agent in each community and a small scheme of our
    own, so that the figures do not depend on the demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Assessment asserts figures, not the chatter.
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_create_nolog=True)
        )
        unit, user = cls._unit, cls._user
        cls.unit_a = unit("测试甲社区", "T-ASM-A", "point", cls.center)
        cls.unit_b = unit("测试乙社区", "T-ASM-B", "point", cls.center)
        cls.unit_dept = unit("测试住建局", "T-ASM-DEP", "department", cls.center)
        cls.assessor = user(
            "xinfang_assessment.group_xinfang_assessor", cls.center, "t_assessor"
        )
        # Runs are the county's: its leader approves them, not the street's.
        cls.leader = user("leader", cls.center, "t_leader")
        cls.agent_a = user("agent", cls.unit_a, "t_agent_a")
        cls.agent_b = user("agent", cls.unit_b, "t_agent_b")
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
