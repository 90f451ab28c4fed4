import { registry } from "@web/core/registry";

// One petition through the flow, one tour per actor (the Python test logs
// each actor in and opens the case between the tours). The demo users read
// the product in Chinese.
const SUMMARY = "巡检测试：和平村巷口雨水篦子缺失积水";
const PETITIONER = "钱玉珍";
const PHONE = "13904775678";

function stageIs(label) {
    return {
        content: `The case is now in the stage ${label}`,
        trigger: `.o_statusbar_status .o_arrow_button_current:contains('${label}')`,
    };
}

function clickButton(name, content) {
    return {
        content,
        trigger: `.o_form_view .o_statusbar_buttons button[name='${name}']`,
        run: "click",
    };
}

const confirmDialog = {
    content: "Confirm the sign-off",
    trigger: ".modal .modal-footer .btn-primary",
    run: "click",
};

function pickMany2one(fieldSelector, search, label, content) {
    return [
        {
            content,
            trigger: `${fieldSelector} input`,
            run: `edit ${search}`,
        },
        {
            content: `Choose ${label}`,
            trigger: `.ui-autocomplete .ui-menu-item a:contains('${label}')`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("xinfang_case_flow_register", {
    steps: () => [
        {
            content: "The clerk sees the case board",
            trigger: ".o_kanban_view .o_kanban_group",
        },
        {
            content: "Register a new petition",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Write the summary of the visit petition",
            trigger: ".o_form_view .o_field_widget[name='summary'] input",
            run: `edit ${SUMMARY}`,
        },
        {
            content: "It is a visit (来访)",
            trigger: ".o_form_view .o_field_widget[name='channel'] select",
            run: 'select "visit"',
        },
        {
            content: "Add the petitioner",
            trigger: ".o_field_widget[name='petitioner_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The petitioner is new: create them",
            trigger: ".modal .o_create_button",
            run: "click",
        },
        {
            content: "Name of the petitioner",
            trigger: ".modal .o_form_view .o_field_widget[name='name'] :is(input, textarea)",
            run: `edit ${PETITIONER}`,
        },
        {
            content: "The petitioner form asks for the phone, not a tax ID",
            trigger: ".modal .o_form_view:not(:has(.o_field_widget[name='vat'])) .o_field_widget[name='xinfang_phone'] input",
            run: `edit ${PHONE}`,
        },
        {
            content: "Save the petitioner",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The petitioner is on the case",
            trigger: `.o_field_widget[name='petitioner_ids'] .o_data_row:contains('${PETITIONER}')`,
        },
        clickButton("action_submit_screening", "Send the petition to screening"),
        stageIs("甄别受理"),
        clickButton("action_open_screening", "Screen the petition"),
        {
            content: "Accept it for agency service",
            trigger: ".modal .o_field_widget[name='outcome'] input[data-value='agency']",
            run: "click",
        },
        ...pickMany2one(
            ".modal .o_field_widget[name='agent_id']",
            "陈秀英",
            "陈秀英",
            "The petitioner chooses the agent of their community"
        ),
        ...pickMany2one(
            ".modal .o_field_widget[name='handling_unit_id']",
            "城建办",
            "城建办",
            "Propose the urban construction office as handling unit"
        ),
        {
            content: "The petitioner agrees to the agency service",
            trigger: ".modal .o_field_widget[name='petitioner_agreed'] input",
            run: "click",
        },
        {
            content: "and promises not to petition separately meanwhile",
            trigger: ".modal .o_field_widget[name='petitioner_promised'] input",
            run: "click",
        },
        {
            content: "Confirm the screening",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        stageIs("待交办签"),
    ],
});

registry.category("web_tour.tours").add("xinfang_case_flow_sign_assignment", {
    steps: () => [
        stageIs("待交办签"),
        clickButton("action_sign_assignment", "The principal leader signs the 交办签"),
        confirmDialog,
        stageIs("办理中"),
    ],
});

registry.category("web_tour.tours").add("xinfang_case_flow_reply", {
    steps: () => [
        stageIs("办理中"),
        clickButton("action_record_first_contact", "The handler phoned the petitioner (一问)"),
        {
            content: "The call dialog shows the petitioner's phone in full",
            trigger: `.modal .o_field_widget[name='petitioner_phones']:contains('${PHONE}')`,
        },
        {
            content: "Who answered the call",
            trigger: ".modal .o_field_widget[name='answered_by'] input",
            run: "edit 信访人本人",
        },
        {
            content: "What was said",
            trigger: ".modal .o_field_widget[name='outcome'] textarea",
            run: "edit 已电话联系信访人，约定明日现场核实。",
        },
        {
            content: "Save the call",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "The first contact is recorded",
            trigger: ".o_form_view:not(:has(.o_statusbar_buttons button[name='action_record_first_contact']))",
        },
        {
            content: "Open the reply page",
            trigger: ".o_notebook .nav-link[name='reply']",
            run: "click",
        },
        {
            content: "Write the reply",
            trigger: ".o_form_view .o_field_widget[name='reply'] textarea",
            run: "edit 经现场核实，已安排施工队补装雨水篦子并疏通排水口，积水问题已解决。",
        },
        {
            content: "The petition was reasonable and is solved",
            trigger: ".o_form_view .o_field_widget[name='result_class'] select",
            run: 'select "solved"',
        },
        clickButton("action_submit_reply", "Submit the reply for the closure sign-off"),
        stageIs("待办结签"),
    ],
});

registry.category("web_tour.tours").add("xinfang_case_flow_sign_closure", {
    steps: () => [
        stageIs("待办结签"),
        clickButton("action_sign_closure", "The principal leader signs the 办结签"),
        confirmDialog,
        stageIs("反馈评价"),
    ],
});

registry.category("web_tour.tours").add("xinfang_case_flow_feedback", {
    steps: () => [
        stageIs("反馈评价"),
        clickButton("action_record_feedback", "The agent tells the petitioner the result"),
        {
            content: "The petitioner is satisfied",
            trigger: ".modal .o_field_widget[name='satisfaction'] input[data-value='satisfied']",
            run: "click",
        },
        {
            content: "Told by phone",
            trigger: ".modal .o_field_widget[name='feedback_method'] input[data-value='phone']",
            run: "click",
        },
        {
            content: "Record the feedback",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        stageIs("回访"),
    ],
});
