"""网上信访: the citizen's public pages (no login) and the agent's 代录.

Every route checks its input, counts abuse in the database (so all workers
of the server count together: xinfang.citizen.throttle) and calls narrow
services that work as superuser on the one case found; pages show the
plain values those services return.
"""

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import consteq

from ..models.xinfang_citizen_petition import MAX_FILE_BYTES, MAX_FILES

FORM_FIELDS = (
    "name",
    "id_number",
    "phone",
    "address",
    "category_id",
    "summary",
    "demands",
    "email",
    "consent_terms",
    "consent_privacy",
)
HONEYPOT = "homepage"
SESSION_TRACKED = "xinfang_tracked_case"


class XinfangCitizen(http.Controller):
    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @staticmethod
    def _ip():
        return request.httprequest.remote_addr or ""

    @staticmethod
    def _throttle(scope, key):
        return request.env["xinfang.citizen.throttle"].sudo()._hit(scope, key)

    @staticmethod
    def _citizen_env():
        """The public pages speak the citizen's language (Chinese)."""
        lang = request.env["xinfang.case"]._citizen_lang()
        request.update_context(lang=lang)
        return request.env

    def _render_form(
        self,
        form,
        errors=None,
        unit=None,
        challenge="",
        notice="",
        proxy=False,
        unit_token="",
    ):
        env = request.env
        return request.render(
            "xinfang_agency.citizen_petition_page",
            {
                "form": form,
                "errors": errors or {},
                "unit": unit,
                "unit_token": unit_token,
                "categories": env["xinfang.citizen.petition"]._categories(),
                "challenge": challenge,
                "notice": notice,
                "proxy": proxy,
                "max_files": MAX_FILES,
                "max_mb": MAX_FILE_BYTES // (1024 * 1024),
                "action": "/xinfang/proxy" if proxy else "/xinfang/petition",
            },
        )

    @staticmethod
    def _files():
        files = []
        for upload in request.httprequest.files.getlist("files")[: MAX_FILES + 1]:
            # One byte past the limit is enough to refuse the file.
            files.append((upload.filename or "", upload.read(MAX_FILE_BYTES + 1)))
        return files

    # ------------------------------------------------------------------
    # The petition form (also the agent's 代录 form)
    # ------------------------------------------------------------------
    @http.route(
        "/xinfang/petition",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        csrf=True,
        sitemap=False,
    )
    def petition(self, unit=None, **post):
        env = self._citizen_env()
        service = env["xinfang.citizen.petition"]
        unit_record = service._unit_from_token(unit) if unit else None
        notice = ""
        if unit and not unit_record:
            notice = env._(
                "This QR code is no longer valid; your petition goes to the county "
                "petition center."
            )
        if request.httprequest.method == "GET":
            return self._render_form(
                {}, unit=unit_record, notice=notice, unit_token=unit or ""
            )
        return self._handle_post(post, unit_record, unit or "", proxy=False)

    @http.route(
        "/xinfang/proxy",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
        csrf=True,
        sitemap=False,
    )
    def proxy(self, **post):
        """代录: an agent enters the petition for a citizen, who confirms it
        with the code sent to their phone."""
        if not request.env.user.has_group("xinfang_agency.group_xinfang_agent"):
            raise request.not_found()
        env = self._citizen_env()
        unit = env.user.xinfang_unit_id.sudo()
        if request.httprequest.method == "GET":
            return self._render_form({}, unit=unit, proxy=True)
        return self._handle_post(post, unit, "", proxy=True)

    def _handle_post(self, post, unit, unit_token, proxy):
        env = request.env
        service = env["xinfang.citizen.petition"]
        form = {key: post.get(key, "") for key in FORM_FIELDS}
        ip = self._ip()
        render = {"unit": unit, "unit_token": unit_token, "proxy": proxy}
        if post.get(HONEYPOT):
            # A person does not see the field; a robot fills it in.
            self._throttle("submit_ip_hour", ip)
            return self._render_form(
                form, {"form": env._("The petition could not be sent.")}, **render
            )
        purpose = "proxy" if proxy else "petition"
        if post.get("send_code"):
            phone = service._check_phone(form["phone"])
            if not phone:
                return self._render_form(
                    form,
                    {
                        "phone": env._(
                            "Give a mobile number of 11 digits: "
                            "the codes are sent to it."
                        )
                    },
                    **render,
                )
            if not (
                self._throttle("code_ip_hour", ip)
                and self._throttle("code_phone_minute", phone)
                and self._throttle("code_phone_hour", phone)
            ):
                return self._render_form(
                    form,
                    {
                        "phone": env._(
                            "Too many codes asked for; "
                            "wait a few minutes and try again."
                        )
                    },
                    **render,
                )
            challenge = env["xinfang.citizen.code"]._issue(phone, purpose, ip)
            return self._render_form(
                form,
                challenge=challenge,
                notice=env._("A verification code was sent to %(phone)s.", phone=phone),
                **render,
            )
        if not self._throttle("submit_ip_hour", ip):
            return self._render_form(
                form,
                {
                    "form": env._(
                        "Too many petitions from this network; try again in an hour."
                    )
                },
                **render,
            )
        values, errors = service._validate(form, self._files())
        challenge = post.get("challenge", "")
        if not errors:
            problem = env["xinfang.citizen.code"]._check(
                challenge, values["phone"], post.get("code", ""), purpose
            )
            if problem:
                errors["code"] = problem
        if not errors and not self._throttle("submit_phone_day", values["phone"]):
            errors["form"] = env._(
                "Too many petitions for this phone today; call your agent."
            )
        if errors:
            return self._render_form(form, errors, challenge=challenge, **render)
        origin = "proxy" if proxy else ("qr" if unit else "form")
        case = service._submit(
            values, unit, origin, ip, entered_by=env.user if proxy else None
        )
        return request.render(
            "xinfang_agency.citizen_petition_done",
            {
                "code": case.query_code,
                "unit_name": case.agency_unit_id.name,
                "proxy": proxy,
            },
        )

    # ------------------------------------------------------------------
    # Tracking
    # ------------------------------------------------------------------
    @http.route(
        "/xinfang/track",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        csrf=True,
        sitemap=False,
    )
    def track(self, code="", phone="", **_post):
        env = self._citizen_env()
        if request.httprequest.method == "GET":
            case = self._tracked_case()
            if case:
                return self._render_progress(case)
            return request.render("xinfang_agency.citizen_track_page", {"error": ""})
        Throttle = env["xinfang.citizen.throttle"].sudo()
        ip = self._ip()
        code_key = (code or "").strip().upper()[:20]
        if Throttle._blocked("track_ip_hour", ip) or Throttle._blocked(
            "track_code_hour", code_key
        ):
            return request.render(
                "xinfang_agency.citizen_track_page",
                {
                    "error": env._("Too many wrong tries; try again in an hour."),
                    "code": code_key,
                },
            )
        case = env["xinfang.case"]._citizen_find(code, phone)
        if not case:
            self._throttle("track_ip_hour", ip)
            self._throttle("track_code_hour", code_key)
            return request.render(
                "xinfang_agency.citizen_track_page",
                {
                    "error": env._("The query code or the phone number is not right."),
                    "code": code_key,
                },
            )
        request.session[SESSION_TRACKED] = case.id
        return request.redirect("/xinfang/track")

    @http.route(
        "/xinfang/track/leave",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        csrf=True,
        sitemap=False,
    )
    def track_leave(self, **_post):
        request.session.pop(SESSION_TRACKED, None)
        return request.redirect("/xinfang/track")

    def _tracked_case(self):
        case_id = request.session.get(SESSION_TRACKED)
        if not isinstance(case_id, int):
            return request.env["xinfang.case"]
        return request.env["xinfang.case"].sudo().browse(case_id).exists().sudo(False)

    def _case_for(self, case_id=None, access_token=None):
        """The case the visitor may act on: the one tracked in this session,
        or (portal) one they petitioned, or one whose access token they have."""
        Case = request.env["xinfang.case"]
        tracked = self._tracked_case()
        try:
            case_id = int(case_id) if case_id else tracked.id
        except (TypeError, ValueError):
            return Case
        if tracked and tracked.id == case_id:
            return tracked
        case = Case.sudo().browse(case_id).exists()
        if not case:
            return Case
        user = request.env.user
        if not user._is_public() and case in Case._citizen_portal_cases(
            user.partner_id
        ):
            return case.sudo(False)
        if (
            access_token
            and case.access_token
            and consteq(case.access_token, access_token)
        ):
            return case.sudo(False)
        return Case

    def _render_progress(self, case, access_token="", message="", portal=False):
        return request.render(
            "xinfang_agency.citizen_progress_page",
            {
                "p": case._citizen_progress(),
                "case_id": case.id,
                "access_token": access_token,
                "message": message,
                "portal": portal,
                "page_name": "petition",
                "satisfactions": [
                    (key, label)
                    for key, label in request.env["xinfang.case"]
                    ._fields["satisfaction"]
                    ._description_selection(request.env)
                ],
            },
        )

    @http.route(
        "/xinfang/track/rate",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        csrf=True,
        sitemap=False,
    )
    def track_rate(
        self, case_id=None, access_token=None, satisfaction="", comment="", **_post
    ):
        env = self._citizen_env()
        case = self._case_for(case_id, access_token)
        if not case:
            raise request.not_found()
        comment_errors = {}
        comment = env["xinfang.citizen.petition"]._text(
            {"demands": comment},
            "demands",
            comment_errors,
            env._("the comment"),
            required=False,
        )
        if comment_errors:
            return self._render_progress(case, access_token, comment_errors["demands"])
        try:
            case._citizen_rate(satisfaction, comment)
        except UserError as error:
            return self._render_progress(case, access_token, str(error))
        return self._render_progress(
            case, access_token, env._("Thank you for your rating.")
        )

    @http.route(
        "/xinfang/track/review",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        csrf=True,
        sitemap=False,
    )
    def track_review(self, case_id=None, access_token=None, **_post):
        env = self._citizen_env()
        case = self._case_for(case_id, access_token)
        if not case:
            raise request.not_found()
        try:
            case._citizen_request_review()
        except UserError as error:
            return self._render_progress(case, access_token, str(error))
        return self._render_progress(
            case,
            access_token,
            env._(
                "Your review request is registered; "
                "the authority above answers within 30 days."
            ),
        )

    @http.route(
        "/xinfang/track/reply",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def track_reply(self, case_id=None, access_token=None, **_get):
        """答复意见书 (PDF), once the 办结签 is signed."""
        self._citizen_env()
        case = self._case_for(case_id, access_token)
        if not case or not case.sudo().close_signed:
            raise request.not_found()
        report = request.env["ir.actions.report"].sudo()
        content, report_format = report._render_qweb_pdf(
            "xinfang_agency.action_report_case_reply_letter", case.ids
        )
        mimetype = (
            "application/pdf" if report_format == "pdf" else "text/html; charset=utf-8"
        )
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                (
                    "Content-Disposition",
                    f'inline; filename="reply-{case.id}.{report_format}"',
                ),
                ("Cache-Control", "no-store"),
            ],
        )
