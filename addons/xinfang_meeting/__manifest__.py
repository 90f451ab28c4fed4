{
    "name": "Petition Joint Meetings",
    "summary": "Joint meetings on petition work: minutes and decisions "
    "followed until done (信访工作联席会议)",
    "version": "18.0.1.0.1",
    "category": "Services/Petition",
    "website": "https://github.com/xinfang/xinfang",
    "author": "Xinfang Developers",
    "license": "AGPL-3",
    "depends": ["xinfang_agency"],
    "data": [
        "security/xinfang_meeting_groups.xml",
        "security/ir.model.access.csv",
        "security/xinfang_meeting_rules.xml",
        "security/xinfang_meeting_accusation_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "report/xinfang_meeting_reports.xml",
        "report/report_meeting_minutes.xml",
        "report/report_decision_progress.xml",
        "views/xinfang_meeting_views.xml",
        "views/xinfang_meeting_decision_views.xml",
        "views/xinfang_meeting_weekly_report_views.xml",
        "views/xinfang_joint_meeting_body_views.xml",
        "views/xinfang_work_roadmap_views.xml",
        "views/xinfang_task_force_views.xml",
        "views/xinfang_case_views.xml",
        "views/xinfang_meeting_menus.xml",
    ],
    "demo": [
        "demo/xinfang_meeting_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "xinfang_meeting/static/tests/tours/*.js",
        ],
    },
}
