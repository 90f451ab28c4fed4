import { registry } from "@web/core/registry";

// The assessor's day (1440 px): lands on the quarterly runs, opens the
// quarter still in draft and sees the next step, 计算, as a button.
registry.category("web_tour.tours").add("xinfang_day_assessor", {
    steps: () => [
        {
            content: "The assessor lands on the runs (考核评分)",
            trigger: ".o_control_panel :contains('考核评分')",
        },
        {
            content: "Open the fourth quarter, still a draft",
            trigger: ".o_list_view .o_data_row:contains('2026年第四季度') .o_data_cell",
            run: "click",
        },
        {
            content: "The next step is the button 计算",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_compute']:contains('计算')",
        },
    ],
});
