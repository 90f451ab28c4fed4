import { registry } from "@web/core/registry";

// A leader opens the leaders' dashboard: figures per level, trend, hotspots.
registry.category("web_tour.tours").add("xinfang_dashboard_leader", {
    steps: () => [
        {
            content: "The leaders' dashboard is the active one",
            trigger:
                ".o_spreadsheet_dashboard_action .o_search_panel_category_value.active .o_dashboard_name:contains('信访代办网络数据')",
        },
        {
            content: "Its spreadsheet is loaded, not in error",
            trigger: ".o_spreadsheet_dashboard_action .o_renderer .o-grid",
        },
        {
            content: "The monthly trend chart is drawn",
            trigger: ".o_spreadsheet_dashboard_action .o-figure canvas",
        },
        {
            content: "No loading error",
            trigger: "body:not(:has(.dashboard-loading-status))",
        },
    ],
});
