{
    "name": "Petition 2211 Assessment",
    "summary": "2211 compliance and quarterly scoring of petition units "
    "(2211 机制与季度考核)",
    "version": "18.0.1.1.0",
    "category": "Services/Petition",
    "website": "https://github.com/xinfang/xinfang",
    "author": "Xinfang Developers",
    "license": "AGPL-3",
    "depends": ["xinfang_agency", "xinfang_meeting", "report_xlsx"],
    "data": [
        "security/xinfang_assessment_groups.xml",
        "security/ir.model.access.csv",
        "security/xinfang_assessment_rules.xml",
        "data/xinfang_assessment_scheme_data.xml",
        "wizard/xinfang_assessment_period_generate_views.xml",
        "views/xinfang_assessment_scheme_views.xml",
        "views/xinfang_assessment_indicator_views.xml",
        "views/xinfang_assessment_period_views.xml",
        "views/xinfang_assessment_item_views.xml",
        "views/xinfang_assessment_run_views.xml",
        "views/xinfang_assessment_result_views.xml",
        "views/xinfang_assessment_result_line_views.xml",
        "views/xinfang_case_views.xml",
        "report/xinfang_assessment_reports.xml",
        "report/report_assessment_run_templates.xml",
        "views/xinfang_assessment_menus.xml",
    ],
    "demo": [
        "demo/xinfang_assessment_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "xinfang_assessment/static/tests/tours/*.js",
        ],
    },
}
