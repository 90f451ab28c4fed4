"""The labels petition offices use, in Chinese, and units by short name."""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestOfficeLabels(TransactionCase):
    def _fields(self, model, names):
        return (
            self.env[model]
            .with_context(lang="zh_CN")
            .fields_get(names, ["string", "selection"])
        )

    def test_dates_leaders_warnings_and_feedback_methods(self):
        case = self._fields(
            "xinfang.case",
            [
                "received_date",
                "accepted_date",
                "leader_id",
                "warning_ids",
                "feedback_method",
            ],
        )
        self.assertEqual(case["received_date"]["string"], "收到日期")
        self.assertEqual(case["accepted_date"]["string"], "受理日期")
        self.assertEqual(case["leader_id"]["string"], "分管领导")
        self.assertEqual(case["warning_ids"]["string"], "预警")
        # The citizen's own rating on the tracking page (网上信访) is the fourth.
        self.assertEqual(
            [label for _key, label in case["feedback_method"]["selection"]],
            ["上门", "电话", "信函", "网上评价"],
        )
        ownership = self._fields("xinfang.case.ownership", ["leader_id"])
        self.assertEqual(ownership["leader_id"]["string"], "包案领导")
        wizard = self._fields("xinfang.case.step.wizard", ["feedback_method"])
        self.assertEqual(
            [label for _key, label in wizard["feedback_method"]["selection"]],
            ["上门", "电话", "信函"],
        )
        unit = self._fields("xinfang.unit", ["phone"])
        self.assertEqual(unit["phone"]["string"], "联系电话")

    def test_units_by_short_name_full_path_to_tell_apart(self):
        Unit = self.env["xinfang.unit"]
        top = Unit.create(
            {"name": "标签测试县", "code": "T-LBL", "unit_type": "center"}
        )
        towns = Unit.create(
            [
                {
                    "name": f"标签测试{n}镇",
                    "code": f"T-LBL-{n}",
                    "unit_type": "station",
                    "parent_id": top.id,
                }
                for n in ("东", "西")
            ]
        )
        villages = Unit.create(
            [
                {
                    "name": "新村",
                    "code": f"T-LBL-V{i}",
                    "unit_type": "point",
                    "parent_id": town.id,
                }
                for i, town in enumerate(towns)
            ]
        )
        self.assertEqual(villages[0].display_name, "新村")
        self.assertEqual(villages[0].complete_name, "标签测试县 / 标签测试东镇 / 新村")
        self.assertEqual(
            villages[0].with_context(xinfang_unit_full_path=True).display_name,
            villages[0].complete_name,
        )
        found = dict(Unit.name_search("标签测试", limit=20))
        self.assertEqual(found[villages[1].id], "标签测试县 / 标签测试西镇 / 新村")
