{
    "name": "Petition 2211 Assessment",
    "summary": "2211 compliance and quarterly scoring of petition units "
    "(2211 机制与季度考核)",
    "version": "18.0.1.0.0",
    "category": "Services/Petition",
    "website": "https://github.com/xinfang/xinfang",
    "author": "Xinfang Developers",
    "license": "LGPL-3",
    "depends": ["xinfang_agency", "xinfang_meeting"],
    "data": [
        "security/xinfang_assessment_groups.xml",
        "security/ir.model.access.csv",
        "views/xinfang_assessment_period_views.xml",
        "views/xinfang_assessment_menus.xml",
    ],
    "demo": [
        "demo/xinfang_assessment_demo.xml",
    ],
}
