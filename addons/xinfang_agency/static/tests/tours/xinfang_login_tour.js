import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("xinfang_login_reaches_app", {
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the petition app",
            trigger: ".o_app[data-menu-xmlid='xinfang_agency.menu_xinfang_root']",
            run: "click",
        },
        {
            content: "The case kanban shows its stages in Chinese",
            trigger: ".o_kanban_group .o_column_title:contains('办理中')",
        },
        {
            content: "A demo case is on the board",
            trigger: ".o_kanban_record:contains('雨污管道')",
        },
    ],
});
