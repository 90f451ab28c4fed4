import { registry } from "@web/core/registry";
registry.category("web_tour.tours").add("zz_tmp_shot", {
    steps: () => [
        { trigger: ".o_spreadsheet_dashboard_action .o-figure canvas" },
        { trigger: ".o_spreadsheet_dashboard_action .o-grid", run: () => new Promise((r) => setTimeout(r, 3000)) },
        { trigger: ".does-not-exist-zz", timeout: 500 },
    ],
});
