{
    "name": "Petition Agency Service",
    "summary": "Petition cases from intake to archive: units, agents, "
    "sign-offs, deadlines and the ledger (信访事项代办)",
    "version": "18.0.1.0.0",
    "category": "Services/Petition",
    "website": "https://github.com/xinfang/xinfang",
    "author": "Xinfang Developers",
    "license": "LGPL-3",
    "depends": ["mail"],
    "data": [
        "security/xinfang_agency_groups.xml",
        "security/ir.model.access.csv",
        "security/xinfang_agency_rules.xml",
        "data/ir_sequence_data.xml",
        "data/xinfang_case_stage_data.xml",
        "views/xinfang_unit_views.xml",
        "views/xinfang_case_stage_views.xml",
        "views/xinfang_case_views.xml",
        "views/res_users_views.xml",
        "views/xinfang_agency_menus.xml",
    ],
    "demo": [
        "demo/xinfang_unit_demo.xml",
        "demo/res_users_demo.xml",
        "demo/xinfang_case_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "xinfang_agency/static/tests/tours/*.js",
        ],
    },
    "application": True,
}
