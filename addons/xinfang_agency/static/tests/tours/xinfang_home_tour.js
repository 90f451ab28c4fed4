import { registry } from "@web/core/registry";

// A role logs in and lands on its own work (res.users.action_id), not Discuss.
registry.category("web_tour.tours").add("xinfang_home_principal", {
    steps: () => [
        {
            content: "The principal lands on the cases awaiting a signature",
            trigger: ".o_breadcrumb:contains('待签批')",
        },
        {
            content: "The facet of the board's filter is on",
            trigger: ".o_searchview_facet:contains('待我签批')",
        },
        {
            content: "A case awaiting the assignment sign-off is on the board",
            trigger: ".o_kanban_record:contains('巷道路面塌陷')",
        },
        {
            content: "A case in handling is not",
            trigger: "body:not(:has(.o_kanban_record:contains('雨污管道')))",
        },
    ],
});

registry.category("web_tour.tours").add("xinfang_home_handler", {
    steps: () => [
        {
            content: "The handler lands on the unit's cases in handling",
            trigger: ".o_breadcrumb:contains('本单位办理中事项')",
        },
        {
            content: "A case the unit is handling is on the board",
            trigger: ".o_kanban_record:contains('雨污管道')",
        },
        {
            content: "A case awaiting a sign-off is not",
            trigger: "body:not(:has(.o_kanban_record:contains('巷道路面塌陷')))",
        },
    ],
});
