import random
from datetime import date, timedelta

from odoo import api, models

from .res_company import office_today

# Demo history for the monthly trend: (category, summaries, busy months).
HISTORY_TOPICS = [
    (
        "urban_property",
        [
            "小区物业服务差，电梯经常停运",
            "物业擅自上调物业费",
            "楼道照明长期损坏无人维修",
        ],
        (),
    ),
    (
        "labour_wages",
        ["农民工工资被拖欠，要求帮助追讨", "工程款结算不到位，工人工资未发放"],
        (12, 1, 2),
    ),
    (
        "rural_homestead",
        ["宅基地边界与邻居存在争议", "宅基地审批长期未办结"],
        (3, 4, 5),
    ),
    ("urban_demolition", ["对房屋征收补偿标准有异议", "征收安置房迟迟未交付"], ()),
    ("environment_noise", ["夜间施工噪音扰民", "广场舞音响噪音扰民"], (5, 6)),
    (
        "civil_assistance",
        ["低保资格被取消，要求重新核定", "因病致贫申请临时救助"],
        (1, 2),
    ),
    ("rural_contract", ["土地承包经营权流转纠纷", "承包地被占用修路未获补偿"], (3, 4)),
    ("urban_municipal", ["小区周边道路雨后积水", "冬季供暖温度不达标"], (11, 12, 1, 6)),
    ("labour_insurance", ["养老保险缴费年限认定有争议", "工伤认定办理缓慢"], ()),
]
HISTORY_UNITS = [
    ("unit_point_xingfu", 5),
    ("unit_point_heping", 4),
    ("unit_point_chunguang", 4),
    ("unit_station_jiaotong", 2),
    ("unit_station_xincheng", 2),
    ("unit_county_center", 1),
]
HISTORY_CHANNELS = [
    ("visit", 7),
    ("online", 6),
    ("phone", 4),
    ("letter", 2),
    ("screening", 1),
]
HISTORY_SATISFACTION = [
    ("satisfied", 60),
    ("fairly_satisfied", 20),
    ("understanding", 12),
    ("dissatisfied", 8),
]


class XinfangFigureDemo(models.AbstractModel):
    """Demo data behind the figures: a year of finished cases."""

    _name = "xinfang.figure.demo"
    _description = "Demo History of the Figures"

    @api.model
    def _xinfang_demo_history(self, months=15, per_month=18):
        """Demo: finished (archived) cases of the past year for the figures'
        monthly trend. They stop before the last two quarters, which the
        assessment's demo scores with cases of its own."""
        today = office_today(self)
        quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        previous_quarter = (
            quarter_start.replace(month=quarter_start.month - 3)
            if quarter_start.month > 3
            else quarter_start.replace(year=quarter_start.year - 1, month=10)
        )
        end = previous_quarter - timedelta(days=1)
        start = today - timedelta(days=30 * months)
        if end <= start:
            return self.env["xinfang.case"]
        rng = random.Random(14)
        ref = self.env.ref
        units = [
            (ref(f"xinfang_agency.{xmlid}"), weight) for xmlid, weight in HISTORY_UNITS
        ]
        urban = ref("xinfang_agency.unit_dept_urban")
        archived = ref("xinfang_agency.stage_archived")
        vals_list = []
        day = start
        while day <= end:
            month_days = min(28, (end - day).days + 1)
            for _n in range(per_month * month_days // 28):
                topic = self._demo_pick_topic(rng, day.month)
                received = day + timedelta(days=rng.randrange(month_days))
                vals_list.append(
                    self._demo_history_vals(
                        rng, topic, received, units, urban, archived
                    )
                )
            day += timedelta(days=month_days)
        quiet = (
            self.env["xinfang.case"]
            .sudo()
            .with_context(
                tracking_disable=True, mail_create_nolog=True, mail_notrack=True
            )
        )
        return quiet.create(vals_list)

    @staticmethod
    def _demo_pick_topic(rng, month):
        weights = [3 if month in busy else 1 for _cat, _sums, busy in HISTORY_TOPICS]
        return rng.choices(HISTORY_TOPICS, weights)[0]

    def _demo_history_vals(self, rng, topic, received, units, urban, stage):
        category, summaries, _busy = topic
        unit = rng.choices([u for u, _w in units], [w for _u, w in units])[0]
        channel = rng.choices(*zip(*HISTORY_CHANNELS, strict=False))[0]
        agency = rng.random() < 0.82
        vals = {
            "summary": rng.choice(summaries),
            "channel": channel,
            "received_date": received,
            "category_id": self.env.ref(f"xinfang_agency.case_category_{category}").id,
            "agency_unit_id": unit.id,
            "stage_id": stage.id,
            "active": False,
            "screening_outcome": "agency" if agency else "direct_answer",
        }
        if agency:
            closed = received + timedelta(days=rng.randint(6, 28))
            vals.update(
                {
                    "handling_unit_id": urban.id,
                    "accepted_date": received + timedelta(days=1),
                    "reply": "经调查核实，已按政策办理并书面答复信访人。",
                    "result_class": "solved",
                    "closed_date": closed,
                    "feedback_date": closed + timedelta(days=2),
                    "satisfaction": rng.choices(
                        *zip(*HISTORY_SATISFACTION, strict=False)
                    )[0],
                    "feedback_method": "phone",
                }
            )
        return vals
