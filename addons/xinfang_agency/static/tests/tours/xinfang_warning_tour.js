import { registry } from "@web/core/registry";

// The leader in charge sees the warning badge on the case card, opens the
// case's warning notice and signs the analysis the handling unit wrote
// (nobody signs their own analysis).
const SUMMARY = "预警巡检：幸福社区拆迁安置群体走访";

registry.category("web_tour.tours").add("xinfang_warning_sign", {
    steps: () => [
        {
            content: "The card of the collective petition carries the warning badge",
            trigger: `.o_kanban_record:contains('${SUMMARY}') .badge.text-bg-danger`,
        },
        {
            content: "Open the case",
            trigger: `.o_kanban_record:contains('${SUMMARY}')`,
            run: "click",
        },
        {
            content: "Open its warning notices",
            trigger: ".o_form_view button[name='action_view_warnings']",
            run: "click",
        },
        {
            content: "Open the notice",
            trigger: `.o_list_view .o_data_row:contains('${SUMMARY}') .o_data_cell[name='reason_text']`,
            run: "click",
        },
        {
            content: "The notice's form shows the handling unit's analysis",
            trigger: ".o_form_view .o_field_widget[name='cause_analysis']",
        },
        {
            content: "Sign the analysis",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_sign']",
            run: "click",
        },
        {
            content: "The notice is signed",
            trigger: ".o_form_view .o_field_widget[name='signed_by_id']",
        },
    ],
});
