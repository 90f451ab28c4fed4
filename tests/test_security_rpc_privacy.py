"""The accuser sealed and personal data by need (issue 11, items 3 and 4,
followers of item 5), attacked over JSON-RPC as each demo role."""

from datetime import date, timedelta

from rpc_common import RpcCase

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.xinfang_agency.tools import gb11643

id_number = gb11643.complete

ID_ACCUSER = id_number("15060219700315123")
ID_OTHER = id_number("15060219810720456")


@tagged("post_install", "-at_install")
class TestRpcPrivacy(RpcCase):
    def setUp(self):
        super().setUp()
        ref = self.env.ref
        self.accuser = self.env["res.partner"].create(
            {
                "name": "检举人周某",
                "xinfang_id_number": ID_ACCUSER,
                "phone": "13912345678",
                "street": "交通街道幸福社区5号",
            }
        )
        self.dept = ref("xinfang_agency.unit_dept_urban")
        self.station = ref("xinfang_agency.unit_station_jiaotong")
        # An accusation against 城建办 (the demo handler's unit), handled by
        # the station: the accused unit must reach the accuser by no path.
        self.case = self.env["xinfang.case"].create(
            {
                "summary": "检举城建办工作人员收受好处费",
                "petition_type": "accusation",
                "petitioner_ids": [Command.set(self.accuser.ids)],
                "agency_unit_id": ref("xinfang_agency.unit_point_xingfu").id,
                "agent_id": ref("xinfang_agency.user_agent").id,
                "accused_unit_id": self.dept.id,
                "handling_unit_id": self.station.id,
            }
        )
        self.case.message_post(
            body="检举人周某称收受好处费一事属实", subtype_xmlid="mail.mt_note"
        )
        self.letter = self.env["ir.attachment"].create(
            {
                "name": "检举信-周某.txt",
                "raw": "检举人：周某".encode(),
                "res_model": "xinfang.case",
                "res_id": self.case.id,
            }
        )

    def case_state(self):
        case = self.fresh(self.case)
        return (
            case.accused_unit_id,
            case.petition_type,
            case.agent_id,
            case.petitioner_ids,
        )

    # ------------------------------------------------------------------
    # Item 3: the accuser sealed
    # ------------------------------------------------------------------
    def test_read_group_by_petitioner(self):
        groups = self.rpc(
            "handler",
            "xinfang.case",
            "web_read_group",
            [],
            ["petitioner_ids"],
            ["petitioner_ids"],
            lazy=False,
        )["groups"]
        self.assertNotIn(
            self.accuser.id,
            [g["petitioner_ids"][0] for g in groups if g["petitioner_ids"]],
        )
        self.assertFalse(
            self.rpc(
                "handler",
                "xinfang.case",
                "search_count",
                [("petitioner_ids.name", "ilike", "周某")],
            )
        )
        self.assertRefused(
            "handler", "xinfang.case", "read", self.case.ids, ["petitioner_ids"]
        )
        control = self.rpc(
            "clerk",
            "xinfang.case",
            "web_read_group",
            [],
            ["petitioner_ids"],
            ["petitioner_ids"],
            lazy=False,
        )["groups"]
        self.assertIn(
            self.accuser.id,
            [g["petitioner_ids"][0] for g in control if g["petitioner_ids"]],
        )

    def test_writing_decisive_fields_does_not_unmask(self):
        before = self.case_state()
        handler = self.env.ref("xinfang_agency.user_handler")
        for vals in (
            {"accused_unit_id": self.station.id},
            {"petition_type": "complaint"},
            {"agent_id": handler.id},
        ):
            self.assertRefused("handler", "xinfang.case", "write", self.case.ids, vals)
        self.assertEqual(self.case_state(), before)
        self.assertRefused(
            "handler", "xinfang.case", "read", self.case.ids, ["petitioner_ids"]
        )
        # Control: the petition office corrects the accused unit, tracked.
        other = self.env.ref("xinfang_agency.unit_point_xingfu")
        self.rpc(
            "clerk",
            "xinfang.case",
            "write",
            self.case.ids,
            {"accused_unit_id": other.id},
        )
        self.assertEqual(self.fresh(self.case).accused_unit_id, other)
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.res_id", "=", self.case.id),
                ("field_id.name", "=", "accused_unit_id"),
            ]
        )
        self.assertTrue(tracked)

    def test_attachment_is_sealed(self):
        found = self.rpc(
            "handler",
            "ir.attachment",
            "search_read",
            [("res_model", "=", "xinfang.case"), ("res_id", "=", self.case.id)],
            ["name"],
        )
        self.assertEqual(found, [])
        self.assertRefused(
            "handler", "ir.attachment", "read", self.letter.ids, ["name", "raw"]
        )
        control = self.rpc("clerk", "ir.attachment", "read", self.letter.ids, ["name"])
        self.assertEqual(control[0]["name"], "检举信-周某.txt")

    def test_chatter_and_tracking_are_sealed(self):
        domain = [("model", "=", "xinfang.case"), ("res_id", "=", self.case.id)]
        self.assertEqual(
            self.rpc("handler", "mail.message", "search_read", domain, ["body"]), []
        )
        message = self.env["mail.message"].search(
            domain + [("body", "ilike", "检举人周某")]
        )
        self.assertRefused("handler", "mail.message", "read", message.ids, ["body"])
        bodies = [
            m["body"]
            for m in self.rpc("clerk", "mail.message", "search_read", domain, ["body"])
        ]
        self.assertTrue(any("检举人周某" in b for b in bodies))

    def test_export_through_signoffs(self):
        signoff = self.env["xinfang.case.signoff"].create(
            {
                "case_id": self.case.id,
                "kind": "assign",
                "decision": "signed",
                "user_id": self.env.ref("xinfang_agency.user_principal").id,
            }
        )
        handler = self.env.ref("xinfang_agency.user_handler")
        handler.groups_id |= self.env.ref("base.group_allow_export")
        self.assertRefused(
            "handler",
            "xinfang.case.signoff",
            "export_data",
            signoff.ids,
            ["case_id/petitioner_ids/name"],
        )
        self.assertEqual(
            self.rpc(
                "handler",
                "xinfang.case.signoff",
                "search_read",
                [("case_id", "=", self.case.id)],
                ["id"],
            ),
            [],
        )
        clerk = self.env.ref("xinfang_agency.user_clerk")
        clerk.groups_id |= self.env.ref("base.group_allow_export")
        rows = self.rpc(
            "clerk",
            "xinfang.case.signoff",
            "export_data",
            signoff.ids,
            ["case_id/petitioner_ids/name"],
        )["datas"]
        self.assertEqual(rows, [["检举人周某"]])

    def test_name_search_and_report(self):
        self.assertEqual(
            self.rpc("handler", "xinfang.case", "name_search", self.case.name), []
        )
        self.login_as("handler")
        response = self.url_open(
            f"/report/html/xinfang_agency.report_case_agency_form/{self.case.id}"
        )
        self.assertNotIn("周某", response.text)
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(
            len(self.rpc("clerk", "xinfang.case", "name_search", self.case.name)), 1
        )
        self.login_as("clerk")
        response = self.url_open(
            f"/report/html/xinfang_agency.report_case_agency_form/{self.case.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("检举人周某", response.text)

    def test_screening_refuses_the_accused_unit(self):
        self.case.sudo().stage_id = self.env.ref("xinfang_agency.stage_screening")
        self.case.handling_unit_id = False
        wizard = self.rpc(
            "clerk",
            "xinfang.case.screening.wizard",
            "create",
            {
                "case_id": self.case.id,
                "outcome": "agency",
                "agent_id": self.env.ref("xinfang_agency.user_agent").id,
                "handling_unit_id": self.dept.id,
                "petitioner_agreed": True,
                "petitioner_promised": True,
            },
        )
        refusal = self.assertRefused(
            "clerk", "xinfang.case.screening.wizard", "action_confirm", [wizard]
        )
        self.assertIn("accused unit", refusal.message)
        case = self.fresh(self.case)
        self.assertEqual(
            (case.state, case.handling_unit_id), ("screening", self.env["xinfang.unit"])
        )

    # ------------------------------------------------------------------
    # Item 5 (part): followers
    # ------------------------------------------------------------------
    def test_followers_of_other_communities(self):
        outsider = new_test_user(
            self.env,
            login="xc_agent",
            groups="xinfang_agency.group_xinfang_agent",
            xinfang_unit_id=self.env.ref("xinfang_agency.unit_station_xincheng").id,
        )
        self.case.message_subscribe(
            self.env.ref("xinfang_agency.user_agent").partner_id.ids
        )
        followers = self.env["mail.followers"].search(
            [("res_model", "=", "xinfang.case"), ("res_id", "=", self.case.id)]
        )
        self.assertTrue(followers)
        found = self.rpc(
            outsider.login,
            "mail.followers",
            "search_read",
            [("res_model", "=", "xinfang.case")],
            ["res_id"],
        )
        visible = self.env["xinfang.case"].with_user(outsider).search([]).ids
        self.assertTrue(all(f["res_id"] in visible for f in found))
        self.assertRefused(
            outsider.login, "mail.followers", "read", followers.ids, ["partner_id"]
        )
        control = self.rpc(
            "agent",
            "mail.followers",
            "search_read",
            [("res_model", "=", "xinfang.case"), ("res_id", "=", self.case.id)],
            ["id"],
        )
        self.assertEqual({f["id"] for f in control}, set(followers.ids))

    # ------------------------------------------------------------------
    # Item 4: personal data by need
    # ------------------------------------------------------------------
    PERSONAL = [
        "xinfang_id_number",
        "xinfang_phone",
        "xinfang_street",
        "xinfang_birth_date",
        "phone",
        "mobile",
        "street",
    ]

    def test_partner_personal_data_by_need(self):
        complaint = self.env.ref("xinfang_agency.partner_petitioner_liu")
        new_test_user(self.env, login="plain", groups="base.group_user")
        for login in ("plain", "leader"):
            values = self.rpc(
                login, "res.partner", "read", complaint.ids, self.PERSONAL
            )[0]
            self.assertFalse(any(values[f] for f in self.PERSONAL), login)
            self.assertFalse(
                self.rpc(
                    login,
                    "res.partner",
                    "search",
                    [("xinfang_id_number", "=", "150602195803124025")],
                )
            )
        outsider = new_test_user(
            self.env,
            login="xc_agent2",
            groups="xinfang_agency.group_xinfang_agent",
            xinfang_unit_id=self.env.ref("xinfang_agency.unit_station_xincheng").id,
        )
        values = self.rpc(
            outsider.login, "res.partner", "read", complaint.ids, self.PERSONAL
        )[0]
        self.assertFalse(any(values[f] for f in self.PERSONAL))
        self.assertEqual(
            self.rpc(
                outsider.login,
                "xinfang.petitioner.data",
                "search_read",
                [("partner_id", "=", complaint.id)],
                ["id_number"],
            ),
            [],
        )
        # Controls: the community's agent and the clerk read it all; the
        # handler of the assigned unit reads the phone.
        for login in ("agent", "clerk", "handler"):
            values = self.rpc(
                login, "res.partner", "read", complaint.ids, self.PERSONAL
            )[0]
            self.assertEqual(values["xinfang_phone"], "13804771234", login)
            self.assertEqual(values["xinfang_id_number"], "150602195803124025", login)
        # The case form of a leader still shows the petitioners' names, masked.
        case = (
            self.env.ref("xinfang_agency.case_demo_drainage")
            if self.env.ref(
                "xinfang_agency.case_demo_drainage", raise_if_not_found=False
            )
            else None
        )
        if case:
            spec = {
                "petitioner_ids": {
                    "fields": {
                        "display_name": {},
                        "xinfang_id_number": {},
                        "xinfang_id_number_masked": {},
                    }
                }
            }
            form = self.rpc("leader", "xinfang.case", "web_read", case.ids, spec)[0]
            self.assertTrue(
                all(
                    p["display_name"] and not p["xinfang_id_number"]
                    for p in form["petitioner_ids"]
                )
            )

    def test_masked_number_leaves_1000_candidates(self):
        values = self.rpc(
            "leader",
            "res.partner",
            "read",
            self.accuser.ids,
            [
                "xinfang_id_number",
                "xinfang_id_number_masked",
                "xinfang_age",
                "xinfang_phone_masked",
                "xinfang_birth_date",
            ],
        )[0]
        self.assertFalse(values["xinfang_id_number"] or values["xinfang_birth_date"])
        masked, age = values["xinfang_id_number_masked"], values["xinfang_age"]
        self.assertEqual(masked, ID_ACCUSER[:6] + "*" * 12)
        # Candidates: every birth date consistent with the age, every 3-digit
        # sequence; the check character follows from the 17 digits.
        today = date.today()
        day, dates = date(today.year - age - 1, 1, 1), []
        while day <= today:
            years = (
                today.year
                - day.year
                - ((today.month, today.day) < (day.month, day.day))
            )
            if years == age:
                dates.append(day.strftime("%Y%m%d"))
            day += timedelta(days=1)
        candidates = len(dates) * 1000
        self.assertIn(ID_ACCUSER[6:14], dates)
        self.assertGreaterEqual(candidates, 1000)
        self.assertGreaterEqual(candidates // 2, 1000)  # even knowing the sex
        self.assertEqual(values["xinfang_phone_masked"].count("*"), 4)  # 10,000 phones

    def test_merge_keeps_the_number(self):
        new_test_user(
            self.env,
            login="sysadmin",
            groups="base.group_system,base.group_partner_manager",
        )
        twin = self.env["res.partner"].create({"name": "检举人周某"})
        twin.message_post(body="重复联系人")
        wizard = self.rpc(
            "sysadmin",
            "base.partner.merge.automatic.wizard",
            "create",
            {
                "partner_ids": [Command.set([self.accuser.id, twin.id])],
                "dst_partner_id": twin.id,
                "state": "selection",
            },
        )
        self.rpc(
            "sysadmin", "base.partner.merge.automatic.wizard", "action_merge", [wizard]
        )
        data = self.env["xinfang.petitioner.data"].search(
            [("partner_id", "=", twin.id)]
        )
        self.assertEqual(
            (data.id_number, str(data.birth_date)), (ID_ACCUSER, "1970-03-15")
        )
        self.assertFalse(self.accuser.exists())
        # Two different numbers are two people: refused, nothing merged.
        other = self.env["res.partner"].create(
            {"name": "检举人周某", "xinfang_id_number": ID_OTHER}
        )
        wizard = self.rpc(
            "sysadmin",
            "base.partner.merge.automatic.wizard",
            "create",
            {
                "partner_ids": [Command.set([other.id, twin.id])],
                "dst_partner_id": twin.id,
                "state": "selection",
            },
        )
        self.assertRefused(
            "sysadmin", "base.partner.merge.automatic.wizard", "action_merge", [wizard]
        )
        self.assertTrue(self.fresh(other).exists())
