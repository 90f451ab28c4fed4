{
    "name": "Petition Joint Meetings",
    "summary": "Joint meetings on petition work: minutes and decisions "
    "followed until done (信访工作联席会议)",
    "version": "18.0.1.0.0",
    "category": "Services/Petition",
    "website": "https://github.com/xinfang/xinfang",
    "author": "Xinfang Developers",
    "license": "LGPL-3",
    "depends": ["xinfang_agency"],
    "data": [
        "security/xinfang_meeting_groups.xml",
        "security/ir.model.access.csv",
        "views/xinfang_meeting_views.xml",
        "views/xinfang_meeting_menus.xml",
    ],
    "demo": [
        "demo/xinfang_meeting_demo.xml",
    ],
}
