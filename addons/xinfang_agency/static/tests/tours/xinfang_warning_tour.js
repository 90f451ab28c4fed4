import { registry } from "@web/core/registry";

// The leader in charge sees the warning badge on the case card, opens the
// case's warning notice, writes the analysis and signs it.
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
            content: "The notice's form is open",
            trigger: ".o_form_view .o_form_editable .o_field_widget[name='cause_analysis']",
        },
        {
            content: "Write the cause analysis",
            trigger: ".o_field_widget[name='cause_analysis'] textarea",
            run: "edit 安置房分配进度滞后，群众担心权益受损",
        },
        {
            content: "Write the resolution measures",
            trigger: ".o_field_widget[name='resolution_measures'] textarea",
            run: "edit 城建办公开安置房分配时间表",
        },
        {
            content: "Write the stabilisation measures",
            trigger: ".o_field_widget[name='stabilisation_measures'] textarea",
            run: "edit 网格员每周上门走访",
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
