import { registry } from "@web/core/registry";

// Each role's working day, short: it lands on its own board (a Chinese
// title), finds the case it works on today and sees the next step as a
// button. The demo users read the product in Chinese; the Python tests
// (tests/test_tour_role_day.py) run them at 1440 px and, for the agent
// and the handler, at 390 px.

function landsOn(title) {
    return {
        content: `The role lands on its board: ${title}`,
        // The control panel's breadcrumb at a desk, the navbar on a phone.
        trigger: `.o_control_panel :contains('${title}'), .o_main_navbar :contains('${title}')`,
    };
}

function openCard(summary) {
    return {
        content: `Open the case ${summary}`,
        trigger: `.o_kanban_record:contains('${summary}')`,
        run: "click",
    };
}

function nextStep(name, label) {
    return {
        content: `The next step is the button ${label}`,
        trigger: `.o_form_view .o_statusbar_buttons button[name='${name}']:contains('${label}')`,
    };
}

function day(name, title, summary, button, label, extra = []) {
    registry.category("web_tour.tours").add(name, {
        steps: () => [landsOn(title), ...extra, openCard(summary), nextStep(button, label)],
    });
}

day("xinfang_day_clerk", "在办信访事项", "土地承包经营权流转费用", "action_submit_screening", "提交甄别");
day("xinfang_day_principal", "待签批", "巷道路面塌陷", "action_sign_assignment", "签署交办签");
day("xinfang_day_leader", "我分管的信访事项", "雨污管道堵塞", "action_supervise", "记录督办");
day("xinfang_day_handler", "本单位办理中事项", "雨污管道堵塞", "action_record_first_contact", "记录一问电话");
day("xinfang_day_agent", "本单位信访事项", "随迁子女入学被拒", "action_record_feedback", "记录反馈");

// On a phone (390 px): the card carries the petitioner, the summary and the
// deadline badge; on the form the next step is a button on the sheet, not
// an entry of the gear menu.
function phoneCard(summary, petitioner) {
    return {
        content: `The card of ${summary} shows the petitioner and the deadline badge`,
        trigger: `.o_kanban_record:contains('${summary}'):contains('${petitioner}'):has(.o_field_badge .badge)`,
    };
}

function phoneNextStep(name, label) {
    return {
        content: `The next step ${label} is a visible button on the sheet`,
        trigger: `.o_form_sheet div[name='next_step_mobile'] button[name='${name}']:visible:contains('${label}')`,
    };
}

registry.category("web_tour.tours").add("xinfang_day_agent_phone", {
    steps: () => [
        landsOn("本单位信访事项"),
        phoneCard("雨污管道堵塞", "刘桂兰"),
        openCard("随迁子女入学被拒"),
        phoneNextStep("action_record_feedback", "记录反馈"),
    ],
});

registry.category("web_tour.tours").add("xinfang_day_handler_phone", {
    steps: () => [
        landsOn("本单位办理中事项"),
        phoneCard("雨污管道堵塞", "刘桂兰"),
        openCard("雨污管道堵塞"),
        phoneNextStep("action_record_first_contact", "已完成一问"),
    ],
});
