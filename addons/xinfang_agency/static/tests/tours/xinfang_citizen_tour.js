import { registry } from "@web/core/registry";

// 网上信访 on a 390 px phone: the test patches the SMS code to 246810 and
// passes the 查询码 in the URL's fragment (the page itself ignores it).
const SMS_CODE = "246810";
const PHONE = "13904771111";

function fitsThePhone() {
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
        throw new Error(`The page is wider than the phone: ${document.documentElement.scrollWidth}px`);
    }
}

function chooseCategory(label) {
    const select = document.querySelector("#xf_category");
    const option = [...select.options].find((opt) => opt.textContent.includes(label));
    select.value = option.value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
}

const fillPetition = (summary) => [
    { content: "Type the phone", trigger: "#xf_phone", run: `edit ${PHONE}` },
    { content: "Ask for the SMS code", trigger: ".o_xinfang_send_code", run: "click" },
    { content: "The code was sent", trigger: ".o_xinfang_notice:contains('验证码已发送')", run: fitsThePhone },
    { trigger: "#xf_code", run: `edit ${SMS_CODE}` },
    { trigger: "#xf_name", run: "edit 王秀英" },
    { trigger: "#xf_id_number", run: "edit 150626198003151230" },
    { trigger: "#xf_address", run: "edit 测试县和平路12号3单元" },
    { content: "Choose the category", trigger: "#xf_category", run: () => chooseCategory("市政设施") },
    { trigger: "#xf_summary", run: `edit ${summary}` },
    { trigger: "#xf_demands", run: "edit 夜间出行不便，请尽快修复小区门口的三盏路灯。" },
    { content: "Accept the agency terms", trigger: "#xf_consent_terms", run: "check" },
    { content: "Accept the privacy notice", trigger: "#xf_consent_privacy", run: "check" },
    { content: "Submit", trigger: ".o_xinfang_submit", run: "click" },
    { content: "The 查询码 is shown", trigger: ".o_xinfang_query_code", run: fitsThePhone },
];

registry.category("web_tour.tours").add("xinfang_citizen_submit_and_track", {
    steps: () => [
        { content: "The unit's QR link names the unit", trigger: ".o_xinfang_unit:contains('测试社区')", run: fitsThePhone },
        ...fillPetition("小区门口路灯损坏三个月未修"),
        {
            content: "Keep the 查询码 for the tracking page",
            trigger: ".o_xinfang_query_code",
            run() {
                window.localStorage.setItem("xf_query_code", this.anchor.textContent.trim());
            },
        },
        { content: "Follow the petition", trigger: "a[href='/xinfang/track']", run: "click" },
        {
            content: "Type the 查询码",
            trigger: "#xf_track_code",
            run: function () {
                this.anchor.value = window.localStorage.getItem("xf_query_code");
            },
        },
        { trigger: "#xf_track_phone", run: `edit ${PHONE}` },
        { trigger: ".o_xinfang_track_submit", run: "click" },
        { content: "Received, in plain words", trigger: ".o_xinfang_status:contains('已收到，等待受理')", run: fitsThePhone },
        { content: "No staff on the page", trigger: "body:not(:has(.o_xinfang_step_unit))" },
    ],
});

registry.category("web_tour.tours").add("xinfang_citizen_rate_and_review", {
    steps: () => [
        {
            content: "Type the 查询码 the citizen got by SMS",
            trigger: "#xf_track_code",
            run: function () {
                this.anchor.value = window.location.hash.slice(1);
            },
        },
        { trigger: "#xf_track_phone", run: `edit ${PHONE}` },
        { trigger: ".o_xinfang_track_submit", run: "click" },
        { content: "The reply after the 办结签", trigger: ".o_xinfang_reply:contains('更换小区门口三盏路灯')", run: fitsThePhone },
        { content: "The written reply", trigger: ".o_xinfang_reply_pdf" },
        { content: "Not satisfied", trigger: "input[name='satisfaction'][value='dissatisfied']", run: "check" },
        { trigger: "#xf_comment", run: "edit 只修了一盏灯，另外两盏仍不亮。" },
        { trigger: ".o_xinfang_rate_submit", run: "click" },
        { content: "Thanked", trigger: ".o_xinfang_message:contains('感谢您的评价')" },
        { content: "复查 is offered", trigger: ".o_xinfang_review_submit", run: "click" },
        { content: "The review is registered", trigger: ".o_xinfang_message:contains('复查申请已登记')", run: fitsThePhone },
        { trigger: ".o_xinfang_step_review" },
    ],
});

registry.category("web_tour.tours").add("xinfang_agent_proxy_entry", {
    steps: () => [
        { content: "The agent's 代录 form", trigger: "h1:contains('代录网上信访')", run: fitsThePhone },
        ...fillPetition("楼道堆放杂物堵塞消防通道"),
        { content: "Another one can be entered", trigger: "a[href='/xinfang/proxy']" },
    ],
});
