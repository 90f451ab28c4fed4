from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .citizen import XinfangCitizen

PAGE_SIZE = 20


class XinfangPortal(CustomerPortal):
    """/my/petitions: a portal user's own petitions (as a petitioner)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "petition_count" in counters:
            partner = request.env.user.partner_id
            values["petition_count"] = (
                request.env["xinfang.case"]
                .sudo()
                .search_count(
                    request.env["xinfang.case"]._citizen_portal_domain(partner)
                )
            )
        return values

    @http.route(
        ["/my/petitions", "/my/petitions/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def my_petitions(self, page=1, **_kw):
        env = XinfangCitizen._citizen_env()
        cases = env["xinfang.case"]._citizen_portal_cases(env.user.partner_id)
        pager = portal_pager(
            url="/my/petitions", total=len(cases), page=page, step=PAGE_SIZE
        )
        shown = cases[pager["offset"] : pager["offset"] + PAGE_SIZE]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "petitions",
                "pager": pager,
                "petitions": [
                    {
                        "id": case.id,
                        "url": case.access_url,
                        "summary": case.summary,
                        "received_date": case.received_date,
                        "status": case._citizen_status(),
                    }
                    for case in shown.with_context(lang=env.lang)
                ],
            }
        )
        return request.render("xinfang_agency.portal_my_petitions", values)

    @http.route(
        ["/my/petitions/<int:case_id>"],
        type="http",
        auth="public",
        website=True,
        sitemap=False,
    )
    def my_petition(self, case_id, access_token=None, **_kw):
        XinfangCitizen._citizen_env()
        case = XinfangCitizen()._case_for(case_id, access_token)
        if not case:
            return request.redirect("/my")
        return XinfangCitizen()._render_progress(case, access_token or "", portal=True)
