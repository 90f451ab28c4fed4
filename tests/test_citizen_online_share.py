"""网访占比 (issue 12, item 9): petitions citizens send online, or agents
enter for them (代录), count as online in the assessment's indicator."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.xinfang_agency.tests.common import ID_LIU, ID_SUN, ID_WITH_X
from odoo.addons.xinfang_assessment.tests.common import AssessmentCase

ID_NUMBERS = (ID_LIU, ID_SUN, ID_WITH_X)


@tagged("post_install", "-at_install")
class TestCitizenOnlineShare(AssessmentCase):
    def petition(self, index, origin):
        service = self.env["xinfang.citizen.petition"]
        values, errors = service._validate(
            {
                "name": f"市民{index}",
                "id_number": ID_NUMBERS[index],
                "phone": f"1390477000{index}",
                "address": "和平路12号",
                "category_id": str(service._categories()[:1].id),
                "summary": f"路灯损坏（{index}）",
                "demands": "请尽快修复。",
                "consent_terms": "1",
                "consent_privacy": "1",
            }
        )
        self.assertFalse(errors)
        agent = self.agent_a if origin == "proxy" else None
        return service._submit(
            values, self.unit_a, origin, "127.0.0.1", entered_by=agent
        )

    def test_online_petitions_count_in_the_online_share(self):
        today = self.env.company._xinfang_today()
        scheme = self.env["xinfang.assessment.scheme"].create(
            {
                "name": "网访考核",
                "unit_ids": [Command.set([self.unit_a.id])],
                "indicator_ids": [
                    Command.create(
                        {
                            "name": "网访占比",
                            "metric": "online_share",
                            "points": 10,
                            "target": 0.7,
                        }
                    )
                ],
            }
        )
        period = self.env["xinfang.assessment.period"].create(
            {
                "name": "本月",
                "scheme_id": scheme.id,
                "date_start": today.replace(day=1),
                "date_end": today,
            }
        )
        self.petition(0, "qr")
        self.petition(1, "proxy")
        self.env["xinfang.case"].create(
            {
                "summary": "来访：邻里纠纷",
                "channel": "visit",
                "received_date": today,
                "agency_unit_id": self.unit_a.id,
            }
        )
        run = self.env["xinfang.assessment.run"].create({"period_id": period.id})
        run.with_user(self.assessor).action_compute()
        line = run.result_ids.line_ids.filtered(
            lambda result_line: result_line.metric == "online_share"
        )
        self.assertEqual((line.numerator, line.denominator), (2, 3))
