"""The petitioner form, list and picker (issue 13, item 4), as the web
client loads them over HTTP: the views, the case form's picker and the
searches each role may run."""

from rpc_common import RpcCase

from odoo import Command
from odoo.tests import tagged

PICKER = [("xinfang_is_petitioner", "=", True)]
PHONE = "13966667777"


@tagged("post_install", "-at_install")
class TestRpcPetitionerViews(RpcCase):
    def setUp(self):
        super().setUp()
        ref = self.env.ref
        self.petitioner = self.env["res.partner"].create(
            {"name": "幸福社区郑某", "phone": PHONE}
        )
        self.env["xinfang.case"].create(
            {
                "summary": "楼道照明损坏",
                "petitioner_ids": [Command.set(self.petitioner.ids)],
                "agency_unit_id": ref("xinfang_agency.unit_point_xingfu").id,
            }
        )
        self.view_ids = [
            [ref(f"xinfang_agency.res_partner_view_{kind}_petitioner").id, kind]
            for kind in ("list", "form", "search")
        ]

    def test_petitioner_views_are_served(self):
        for login in ("agent", "handler", "leader"):
            views = self.rpc(login, "res.partner", "get_views", self.view_ids)["views"]
            form = views["form"]["arch"]
            for name in (
                "xinfang_id_number",
                "xinfang_phone",
                "xinfang_street",
                "xinfang_birth_date",
                "xinfang_age",
                "xinfang_phone_masked",
                "xinfang_case_ids",
            ):
                self.assertIn(f'name="{name}"', form, f"{login}: {name}")
            for generic in ("vat", "category_id", "company_type"):
                self.assertNotIn(f'name="{generic}"', form, f"{login}: {generic}")
            self.assertIn('name="xinfang_id_number"', views["list"]["arch"])
            self.assertIn("xinfang_phone", views["search"]["arch"])

    def test_case_form_uses_the_petitioner_picker(self):
        arch = self.rpc("agent", "xinfang.case", "get_views", [[False, "form"]])[
            "views"
        ]["form"]["arch"]
        self.assertIn("xinfang_agency.res_partner_view_form_petitioner", arch)
        self.assertIn("xinfang_agency.res_partner_view_list_petitioner", arch)
        self.assertIn("xinfang_is_petitioner", arch)

    def test_menu_for_the_petition_roles(self):
        menu = self.env.ref("xinfang_agency.menu_xinfang_petitioner")
        for login in ("agent", "handler", "leader"):
            menus = self.rpc(login, "ir.ui.menu", "load_menus", False)
            self.assertIn(str(menu.id), {str(key) for key in menus}, login)

    def test_search_by_phone_as_each_role(self):
        domain = PICKER + [("xinfang_phone", "ilike", PHONE)]
        found = self.rpc(
            "agent",
            "res.partner",
            "web_search_read",
            domain,
            {"display_name": {}, "xinfang_phone": {}},
        )["records"]
        self.assertEqual(
            [(r["id"], r["xinfang_phone"]) for r in found],
            [(self.petitioner.id, PHONE)],
        )
        # The leader may not read personal data: not found by phone, found by
        # name, the phone masked.
        self.assertEqual(self.rpc("leader", "res.partner", "search", domain), [])
        found = self.rpc(
            "leader",
            "res.partner",
            "web_search_read",
            PICKER + [("name", "ilike", "幸福社区郑某")],
            {"xinfang_phone": {}, "xinfang_phone_masked": {}},
        )["records"]
        self.assertEqual(len(found), 1)
        self.assertFalse(found[0]["xinfang_phone"])
        self.assertEqual(found[0]["xinfang_phone_masked"], "139****7777")

    def test_labels_read_chinese(self):
        zh = {"lang": "zh_CN"}
        menu = self.env.ref("xinfang_agency.menu_xinfang_petitioner")
        menus = self.rpc("agent", "ir.ui.menu", "load_menus", False, context=zh)
        self.assertEqual(menus[str(menu.id)]["name"], "信访人")
        labels = self.rpc(
            "handler",
            "xinfang.case.contact",
            "fields_get",
            ["kind", "outcome", "answered_by", "place"],
            ["string"],
            context=zh,
        )
        self.assertEqual(
            {name: f["string"] for name, f in labels.items()},
            {
                "kind": "类型",
                "outcome": "情况记录",
                "answered_by": "接听人",
                "place": "地点",
            },
        )
        arch = self.rpc(
            "handler", "xinfang.case", "get_views", [[False, "form"]], context=zh
        )["views"]["form"]["arch"]
        self.assertIn("一问一核实", arch)
        self.assertIn("记录一问电话", arch)
