from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AssessmentCase


@tagged("post_install", "-at_install")
class TestPeriodsAndItems(AssessmentCase):
    def test_overlapping_period_refused(self):
        Period = self.env["xinfang.assessment.period"].with_user(self.assessor)
        count = Period.search_count([("scheme_id", "=", self.scheme.id)])
        with self.assertRefused(ValidationError, "overlaps"):
            Period.create(
                {
                    "name": "交叠",
                    "scheme_id": self.scheme.id,
                    "date_start": date(2025, 3, 1),
                    "date_end": date(2025, 5, 31),
                }
            )
        with self.assertRefused(ValidationError, "overlaps"):
            self.q2.with_user(self.assessor).write({"date_start": date(2025, 3, 31)})
        self.assertEqual(self.q2.date_start, date(2025, 4, 1))
        self.assertEqual(
            Period.search_count([("scheme_id", "=", self.scheme.id)]), count
        )
        # Another scheme may use the same dates; a year may contain quarters.
        other = self.env["xinfang.assessment.scheme"].create({"name": "另一方案"})
        Period.create(
            {
                "name": "同期",
                "scheme_id": other.id,
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 3, 31),
            }
        )
        Period.create(
            {
                "name": "年度",
                "scheme_id": self.scheme.id,
                "period_type": "year",
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 12, 31),
            }
        )

    def test_period_ending_before_start_refused(self):
        with self.assertRefused(ValidationError, "ends before"):
            self.env["xinfang.assessment.period"].create(
                {
                    "name": "倒置",
                    "scheme_id": self.scheme.id,
                    "date_start": date(2027, 2, 1),
                    "date_end": date(2027, 1, 1),
                }
            )

    def test_generate_quarters_of_a_year(self):
        other = self.env["xinfang.assessment.scheme"].create({"name": "生成方案"})
        wizard = (
            self.env["xinfang.assessment.period.generate"]
            .with_user(self.assessor)
            .create({"scheme_id": other.id, "year": 2027})
        )
        wizard.action_generate()
        periods = other.period_ids.sorted("date_start")
        quarters = periods.filtered(lambda p: p.period_type == "quarter")
        self.assertEqual(
            [(p.date_start, p.date_end) for p in quarters],
            [
                (date(2027, 1, 1), date(2027, 3, 31)),
                (date(2027, 4, 1), date(2027, 6, 30)),
                (date(2027, 7, 1), date(2027, 9, 30)),
                (date(2027, 10, 1), date(2027, 12, 31)),
            ],
        )
        self.assertEqual(len(periods.filtered(lambda p: p.period_type == "year")), 1)
        self.assertEqual(quarters[3].name, "2027 Q4")
        # Again: nothing new, no overlap error.
        self.env["xinfang.assessment.period.generate"].with_user(self.assessor).create(
            {"scheme_id": other.id, "year": 2027}
        ).action_generate()
        self.assertEqual(len(other.period_ids), 5)

    def test_generated_names_read_chinese(self):
        other = self.env["xinfang.assessment.scheme"].create({"name": "中文方案"})
        self.env["xinfang.assessment.period.generate"].with_context(
            lang="zh_CN"
        ).create({"scheme_id": other.id, "year": 2028}).action_generate()
        names = set(other.period_ids.mapped("name"))
        self.assertIn("2028年第四季度", names)
        self.assertIn("2028年度", names)

    def test_week_count(self):
        # 2025-01-01 is a Wednesday, 2025-03-31 a Monday: 14 ISO weeks.
        self.assertEqual(self.q1._week_count(), 14)
        self.assertEqual(self.q2._week_count(), 14)

    def test_item_needs_evidence(self):
        Item = self.env["xinfang.assessment.item"]
        count = Item.search_count([])
        with self.assertRefused(ValidationError, "evidence"):
            self._item(self.unit_a, self.q1, 2, evidence="  ")
        self.assertEqual(Item.search_count([]), count)
        item = self._item(self.unit_a, self.q1, 2)
        with self.assertRefused(ValidationError, "evidence"):
            item.with_user(self.assessor).write({"evidence": False})
        self.assertEqual(item.evidence, "会议记录第3页")
        # A file is evidence enough.
        attachment = self.env["ir.attachment"].create(
            {"name": "通报.pdf", "raw": b"%PDF-1.4"}
        )
        item.with_user(self.assessor).write(
            {"evidence": False, "attachment_ids": [(6, 0, attachment.ids)]}
        )
        self.assertFalse(item.evidence)

    def test_item_on_automatic_indicator_refused(self):
        with self.assertRefused(ValidationError, "manual"):
            self.env["xinfang.assessment.item"].create(
                {
                    "name": "错误",
                    "period_id": self.q1.id,
                    "indicator_id": self.ind_agency.id,
                    "unit_id": self.unit_a.id,
                    "points": 1,
                    "evidence": "x",
                }
            )

    def test_item_approval(self):
        item = self._item(self.unit_a, self.q1, 2)
        for user in (self.assessor, self.agent_a):
            with self.assertRaises(AccessError):
                item.with_user(user).action_approve()
        self.assertEqual(item.state, "draft")
        item.with_user(self.leader).action_approve()
        self.assertEqual((item.state, item.approved_by_id), ("approved", self.leader))
        with self.assertRefused(UserError, "already approved"):
            item.with_user(self.leader).action_approve()
        with self.assertRefused(UserError, "Points on 非正常访扣分 by hand"):
            item.with_user(self.assessor).write({"points": 9})
        with self.assertRefused(UserError, "cannot be deleted"):
            item.with_user(self.assessor).unlink()
        self.assertEqual(item.points, 2)

    def test_leader_cannot_enter_items(self):
        with self.assertRaises(AccessError):
            self.env["xinfang.assessment.item"].with_user(self.leader).create(
                {
                    "name": "越权",
                    "period_id": self.q1.id,
                    "indicator_id": self.ind_manual.id,
                    "unit_id": self.unit_a.id,
                    "points": 1,
                    "evidence": "x",
                }
            )
