import { registry } from "@web/core/registry";

const MEETING = "街道第十二次信访工作联席会议";
const DECISION = "三日内完成雨污管道清淤";
// A deadline in the future but within the plausible range (xinfang.input.mixin).
const DEADLINE = luxon.DateTime.now().plus({ months: 3 }).toFormat("yyyy-MM-dd");

registry.category("web_tour.tours").add("xinfang_meeting_secretary_records", {
    steps: () => [
        {
            content: "New meeting",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Subject",
            trigger: ".o_field_widget[name=name] input",
            run: `edit ${MEETING}`,
        },
        {
            content: "Place",
            trigger: ".o_field_widget[name=place] input",
            run: "edit 街道三楼会议室",
        },
        {
            content: "Open the decisions tab",
            trigger: ".o_notebook .nav-link[name=decisions]",
            run: "click",
        },
        {
            content: "Add a decision",
            trigger: ".o_field_widget[name=decision_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Decision text",
            trigger: ".o_field_widget[name=decision_ids] .o_data_row .o_field_widget[name=name] input",
            run: `edit ${DECISION}`,
        },
        {
            content: "Linked case: open the choices",
            trigger: ".o_field_widget[name=decision_ids] .o_data_row .o_field_widget[name=case_id] input",
            run: "click",
        },
        {
            content: "Search among the cases",
            trigger: ".o_m2o_dropdown_option_search_more",
            run: "click",
        },
        {
            content: "Pick the drainage case by its summary",
            trigger: ".modal .o_data_row:contains(雨污) .o_data_cell",
            run: "click",
        },
        {
            content: "Owner",
            trigger: ".o_field_widget[name=decision_ids] .o_data_row .o_field_widget[name=user_id] input",
            run: "edit 赵磊",
        },
        {
            content: "Pick the handler",
            trigger: ".o-autocomplete--dropdown-item a:contains(赵磊)",
            run: "click",
        },
        {
            content: "Deadline",
            trigger: ".o_field_widget[name=decision_ids] .o_data_row .o_field_widget[name=deadline] input",
            run: `edit ${DEADLINE}`,
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Mark the meeting as held",
            trigger: "button[name=action_hold]",
            run: "click",
        },
        {
            content: "The meeting is held",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=held]",
        },
    ],
});

registry.category("web_tour.tours").add("xinfang_meeting_convener_approves", {
    steps: () => [
        {
            content: "Approve the minutes",
            trigger: "button[name=action_approve_minutes]",
            run: "click",
        },
        {
            content: "The minutes are approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=approved]",
        },
    ],
});

registry.category("web_tour.tours").add("xinfang_meeting_owner_done", {
    steps: () => [
        {
            content: "The decision is on the follow-up board",
            trigger: `.o_kanban_record:contains(${DECISION})`,
            run: "click",
        },
        {
            content: "Mark it done",
            trigger: "button[name=action_done]",
            run: "click",
        },
        {
            content: "The decision is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=done]",
        },
    ],
});
