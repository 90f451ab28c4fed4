import { registry } from "@web/core/registry";

// An agent on a household visit, on a phone (390 px wide): records the
// dispute found and, since it cannot be settled on the spot, turns it into
// a petition case (channel 主动排查). The demo agent reads Chinese.
const HOUSEHOLD = "巡检测试：幸福社区8号楼2单元302室";
const DESCRIPTION = "巡检测试：楼上住户长期漏水，多次协商未果，双方准备到街道上访。";

registry.category("web_tour.tours").add("xinfang_dispute_phone", {
    steps: () => [
        {
            content: "The agent opens the screening ledger: cards on a phone",
            trigger: ".o_kanban_view .o_kanban_record",
        },
        {
            content: "Record a new dispute",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Household visited",
            trigger: ".o_form_view .o_field_widget[name='household'] input",
            run: `edit ${HOUSEHOLD}`,
        },
        {
            content: "The parties",
            trigger: ".o_form_view .o_field_widget[name='party_names'] input",
            run: "edit 住户蒋某与楼上住户沈某",
        },
        {
            content: "The grid of the household: a phone searches full screen",
            trigger: ".o_form_view .o_field_widget[name='grid_id'] input",
            run: "click",
        },
        {
            content: "Choose the second grid of 幸福社区",
            trigger: ".modal .o_kanban_record:contains('幸福社区第二网格')",
            run: "click",
        },
        {
            content: "The grid is set",
            trigger: ".o_form_view .o_field_widget[name='grid_id'] input:value('幸福社区第二网格（5-9号楼）')",
        },
        {
            content: "A dispute between neighbours",
            trigger: ".o_form_view .o_field_widget[name='kind'] select",
            run: 'select "neighbourhood"',
        },
        {
            content: "High risk: they threaten to petition",
            trigger: ".o_form_view .o_field_widget[name='risk_level'] input[data-value='high']",
            run: "click",
        },
        {
            content: "What the dispute is about",
            trigger: ".o_form_view .o_field_widget[name='description'] textarea",
            run: `edit ${DESCRIPTION}`,
        },
        {
            content: "What was tried",
            trigger: ".o_form_view .o_field_widget[name='measures'] textarea",
            run: "edit 已上门调解一次，双方对维修费用分担分歧较大。",
        },
        {
            content: "Save the dispute",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved with its reference, open",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name='name']:contains('PC')",
        },
        {
            content: "The header's steps are folded: the next steps are on the sheet",
            trigger: ".o_form_view [name='next_step_mobile'] button[name='action_make_case']:visible",
            run: "click",
        },
        {
            content: "Confirm: register a petition case from the dispute",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The new case is registered, from proactive screening",
            trigger: ".o_form_view .o_field_widget[name='channel']:contains('主动排查')",
        },
        {
            content: "It carries the dispute's text and its link back",
            trigger: `.o_form_view:has(.o_field_widget[name='summary'] input:value('${DESCRIPTION}')) .o_field_widget[name='dispute_id']:contains('PC')`,
        },
    ],
});

// A grid worker, on a phone, settles a dispute of their grid on the spot.
registry.category("web_tour.tours").add("xinfang_dispute_grid_worker_phone", {
    steps: () => [
        {
            content: "The grid worker lands on the open disputes of their grid",
            trigger: ".o_breadcrumb:contains('我的网格矛盾纠纷')",
        },
        {
            content: "Another grid's dispute is not there",
            trigger: "body:not(:has(.o_kanban_record:contains('7号楼1单元')))",
        },
        {
            content: "Open the renovation-noise dispute",
            trigger: ".o_kanban_record:contains('2号楼3单元602室')",
            run: "click",
        },
        {
            content: "Write what was agreed",
            trigger: ".o_form_view .o_field_widget[name='outcome'] textarea",
            run: "edit 经网格员调解，双方约定工作日9时至18时施工，周末不施工。",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Resolved on the spot",
            trigger: ".o_form_view .o_form_saved [name='next_step_mobile'] button[name='action_resolve']:visible",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The dispute is resolved",
            trigger: ".o_form_view .o_field_widget[name='state'] :contains('已化解')",
        },
    ],
});
