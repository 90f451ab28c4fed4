import re
import secrets

from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError

from .res_company import office_today
from .xinfang_case_feedback import SATISFACTIONS
from .xinfang_case_flow import FLOW_BY_METHOD
from .xinfang_case_screening import CLOSING_OUTCOMES
from .xinfang_deadline_mixin import in_lang_of

ONLINE_ORIGINS = [
    ("form", "Online Form"),
    ("qr", "Unit's QR Code"),
    ("proxy", "Entered by an Agent (代录)"),
]
# 查询码: 10 characters without look-alikes (0/O, 1/I/L): 32^10 codes.
QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
QUERY_CODE_LENGTH = 10
QUERY_CODE_PATTERN = re.compile(
    r"^[%s]{%d}$" % (QUERY_CODE_ALPHABET, QUERY_CODE_LENGTH)
)
INTAKE_ACTIVITY = "xinfang_agency.mail_activity_type_online_intake"
STAFF_ONLY = "xinfang_agency.group_xinfang_agent,xinfang_agency.group_xinfang_clerk"
# The feedback the citizen gives on the tracking page (the case's
# feedback_method lists it after the agent's FEEDBACK_METHODS).
ONLINE_FEEDBACK = [("online", "Online (by the citizen)")]


class XinfangCaseCitizen(models.AbstractModel):
    """网上信访: what the citizen's own channel adds to a case.

    The public routes (controllers/citizen.py) call the services below on
    the public user's environment; each checks its input and then works as
    superuser on the one case it found, and returns plain values, never a
    record's fields wholesale.

    A concern of ``xinfang.case`` only.
    """

    _name = "xinfang.case.citizen"
    _description = "Petition Case Online Channel"
    _inherit = ["portal.mixin"]

    online_origin = fields.Selection(
        ONLINE_ORIGINS,
        string="Arrived By",
        readonly=True,
        copy=False,
        tracking=True,
        help="How an online petition reached the office.",
    )
    query_code = fields.Char(
        readonly=True,
        copy=False,
        index=True,
        groups=STAFF_ONLY,
        help="查询码: with the phone number, lets the citizen follow the case "
        "at /xinfang/track.",
    )
    online_phone = fields.Char(
        string="Verified Phone",
        readonly=True,
        copy=False,
        groups=STAFF_ONLY,
        help="The phone the citizen confirmed with an SMS code; told of each step.",
    )
    online_email = fields.Char(
        string="Citizen Email", readonly=True, copy=False, groups=STAFF_ONLY
    )
    consent_date = fields.Datetime(
        string="Consent Given",
        readonly=True,
        copy=False,
        help="When the citizen accepted the agency terms "
        "and the privacy notice online.",
    )
    consent_phone = fields.Char(readonly=True, copy=False, groups=STAFF_ONLY)
    consent_ip = fields.Char(
        string="Consent IP Address", readonly=True, copy=False, groups=STAFF_ONLY
    )
    online_entered_by_id = fields.Many2one(
        "res.users",
        string="Entered by Agent",
        readonly=True,
        copy=False,
    )
    citizen_comment = fields.Text(string="Citizen's Comment", readonly=True, copy=False)

    def _compute_access_url(self):
        for case in self:
            case.access_url = f"/my/petitions/{case.id}"

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _citizen_lang(self):
        """Citizens read Chinese when it is installed."""
        installed = dict(self.env["res.lang"].get_installed())
        return "zh_CN" if "zh_CN" in installed else self.env.lang

    @api.model
    def _new_query_code(self):
        return "".join(
            secrets.choice(QUERY_CODE_ALPHABET) for _i in range(QUERY_CODE_LENGTH)
        )

    def _as_system(self):
        """The case as the system works on it for a citizen (the citizen is
        the public user: no group of the flow, no language of theirs)."""
        return self.with_user(SUPERUSER_ID).with_context(
            lang=self._citizen_lang(), tracking_disable=False
        )

    # ------------------------------------------------------------------
    # Submission (the form is validated by xinfang.citizen.petition)
    # ------------------------------------------------------------------
    @api.model
    def _citizen_intake_users(self, unit):
        """Who takes up an online petition of ``unit``: its agents, else its
        head, else the agents (or head) of the nearest unit above."""
        agent_group = self.env.ref("xinfang_agency.group_xinfang_agent")
        unit = unit.sudo()
        while unit:
            agents = unit.member_ids.filtered(
                lambda user: agent_group in user.groups_id and not user.share
            )
            if agents or unit.head_id:
                return agents or unit.head_id
            unit = unit.parent_id
        return self.env["res.users"]

    def _citizen_schedule_intake(self):
        """An activity for each intake user: take the petition up within one
        working day (受理 starts at registration)."""
        activity_type = self.env.ref(INTAKE_ACTIVITY)
        due = self.env["xinfang.holiday"].add_days(office_today(self), 1, "working")
        for case in self:
            for user in case._citizen_intake_users(case.agency_unit_id):
                in_lang = in_lang_of(case, user)
                in_lang.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=in_lang.env._("Take up the online petition"),
                    date_deadline=due,
                    user_id=user.id,
                )

    def _citizen_note_submission(self):
        """Say on the case how it arrived and what the citizen consented to."""
        for case in self:
            in_lang = in_lang_of(case, case._xinfang_readers())
            body = in_lang.env._(
                "Online petition (%(origin)s) for %(unit)s; "
                "the citizen accepted the agency terms and the privacy notice "
                "on %(date)s (phone confirmed by SMS code).",
                origin=in_lang._citizen_label("online_origin"),
                unit=case.agency_unit_id.name,
                date=fields.Datetime.context_timestamp(
                    in_lang, case.consent_date
                ).strftime("%Y-%m-%d %H:%M"),
            )
            if case.online_entered_by_id:
                body = "%s %s" % (
                    body,
                    in_lang.env._(
                        "Entered by the agent %(agent)s for the citizen.",
                        agent=case.online_entered_by_id.name,
                    ),
                )
            case.message_post(body=body, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------
    # Telling the citizen (SMS queue, mail where an address is given)
    # ------------------------------------------------------------------
    def _citizen_message(self, event):
        """The text of ``event`` for the citizen, in their language."""
        self.ensure_one()
        case = self.sudo().with_context(lang=self._citizen_lang())
        code = case.query_code or ""
        if event == "received":
            return case.env._(
                "Your petition has been received. Query code %(code)s: follow it at "
                "%(url)s with this code and your phone number.",
                code=code,
                url=case._citizen_track_url(),
            )
        if event == "accepted":
            return case.env._(
                "Your petition (query code %(code)s) has been accepted; an agent "
                "will follow it for you until it is answered.",
                code=code,
            )
        if event == "refused":
            return case.env._(
                "Your petition (query code %(code)s) was not accepted for agency: "
                "%(reason)s",
                code=code,
                reason=case._citizen_screening_reason(),
            )
        if event == "assigned":
            return case.env._(
                "Your petition (query code %(code)s) is handled by %(unit)s, "
                "to be answered by %(date)s.",
                code=code,
                unit=case.handling_unit_id.name or "",
                date=case.deadline_date or "",
            )
        if event == "extended":
            return case.env._(
                "The handling of your petition (query code %(code)s) is extended "
                "to %(date)s. Reason: %(reason)s",
                code=code,
                date=case.deadline_date or "",
                reason=case.extension_reason or "",
            )
        if event == "replied":
            return case.env._(
                "Your petition (query code %(code)s) has been answered in writing. "
                "Read the reply and rate it at %(url)s.",
                code=code,
                url=case._citizen_track_url(),
            )
        if event == "review_answered":
            return case.env._(
                "Your review request (query code %(code)s) has been answered. "
                "Read the answer at %(url)s.",
                code=code,
                url=case._citizen_track_url(),
            )
        if event == "revisit":
            return case.env._(
                "Your petition (query code %(code)s) has been visited again and "
                "is closed. Thank you.",
                code=code,
            )
        raise ValueError(event)

    def _citizen_track_url(self):
        return f"{self.get_base_url()}/xinfang/track"

    def _citizen_notify(self, event):
        """Queue the SMS of ``event`` (and a mail) to the citizens of online
        cases; note on the case what was sent, the 查询码 masked."""
        cases = self.sudo().filtered("online_phone")
        if not cases:
            return
        sms_vals, mail_vals = [], []
        for case in cases:
            body = case._citizen_message(event)
            sms_vals.append(
                {
                    "number": case.online_phone,
                    "body": body,
                    "partner_id": case.petitioner_ids[:1].id,
                }
            )
            if case.online_email:
                mail_vals.append(
                    {
                        "email_to": case.online_email,
                        "subject": case.with_context(lang=case._citizen_lang()).env._(
                            "Your petition %(code)s", code=case.query_code
                        ),
                        "body_html": Markup("<p>%s</p>") % body,
                        "auto_delete": True,
                    }
                )
        self.env["sms.sms"].sudo().create(sms_vals)
        if mail_vals:
            self.env["mail.mail"].sudo().create(mail_vals)
        for case in cases:
            note = in_lang_of(case, case._xinfang_readers()).env._(
                "SMS to the citizen: %(text)s",
                text=case._citizen_message(event).replace(
                    case.query_code, "*" * QUERY_CODE_LENGTH
                ),
            )
            case.message_post(body=note, subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------------
    # The flow's hooks (xinfang_case_flow_guard.py): the citizen is told
    # ------------------------------------------------------------------
    def _on_screening_submitted(self):
        # Taken up: the intake activity is done.
        result = super()._on_screening_submitted()
        self.sudo().activity_feedback([INTAKE_ACTIVITY])
        return result

    def _on_screening_recorded(self, accepted):
        result = super()._on_screening_recorded(accepted)
        self._citizen_notify("accepted" if accepted else "refused")
        return result

    def _on_handling_started(self):
        result = super()._on_handling_started()
        self._citizen_notify("assigned")
        return result

    def _on_extension_approved(self):
        result = super()._on_extension_approved()
        self._citizen_notify("extended")
        return result

    def _on_closure_signed(self):
        result = super()._on_closure_signed()
        self._citizen_notify("replied")
        return result

    def _on_review_decided(self, level):
        result = super()._on_review_decided(level)
        self._citizen_notify("review_answered")
        return result

    def _on_revisit_recorded(self):
        result = super()._on_revisit_recorded()
        self._citizen_notify("revisit")
        return result

    # ------------------------------------------------------------------
    # Tracking: plain values of one case, nothing else
    # ------------------------------------------------------------------
    @api.model
    def _citizen_find(self, code, phone):
        """The case of (查询码, phone), or an empty recordset. Both are
        compared exactly; the caller counts the failures."""
        if not isinstance(code, str) or not isinstance(phone, str):
            return self.browse()
        code = code.strip().upper()
        phone = phone.strip()
        if not QUERY_CODE_PATTERN.match(code) or not re.match(r"^1[3-9]\d{9}$", phone):
            return self.browse()
        case = (
            self.sudo()
            .with_context(active_test=False)
            .search([("query_code", "=", code)], limit=1)
        )
        if not case or not secrets.compare_digest(case.online_phone or "", phone):
            return self.browse()
        return case.sudo(False)

    def _citizen_screening_reason(self):
        """Why the petition was not taken into agency, as told to the citizen."""
        self.ensure_one()
        case = self.sudo()
        parts = [case._citizen_label("screening_outcome")]
        if case.legal_route:
            parts.append(case._citizen_label("legal_route"))
        if case.exclusion_reason:
            parts.append(case._citizen_label("exclusion_reason"))
        if case.screening_note:
            parts.append(case.screening_note)
        return "；".join(part for part in parts if part)

    def _citizen_label(self, fname):
        value = self[fname]
        selection = dict(self._fields[fname]._description_selection(self.env))
        return selection.get(value, "") if value else ""

    def _citizen_status(self):
        """The stage in plain words for the citizen."""
        return {
            "registered": self.env._("Received, waiting to be taken up"),
            "screening": self.env._("Being examined for acceptance"),
            "assign_signoff": self.env._(
                "Accepted, being assigned to the handling unit"
            ),
            "handling": self.env._("Being handled"),
            "close_signoff": self.env._(
                "Reply written, awaiting the leader's signature"
            ),
            "feedback": self.env._("Replied"),
            "revisit": self.env._("Replied, to be visited again"),
            "closed": self.env._("Closed"),
            "archived": self.env._("Closed"),
        }.get(self.state, self.env._("Being handled"))

    def _citizen_review_last_day(self):
        """Last day of the 30-day 复查 window (条例 Art. 35), or False: from
        the same written answer the review request itself checks against."""
        self.ensure_one()
        if not (self.feedback_date or self.closed_date):
            return False
        return self._deadline_add(self._review_last_answer_date(), "review_request")

    def _citizen_progress(self):
        """The case in plain words for its citizen: a dict of texts and dates
        (no record, no staff names; the reply only once 办结签 is signed)."""
        self.ensure_one()
        case = self.sudo().with_context(lang=self._citizen_lang())
        state = case.state
        screened = bool(case.screening_outcome)
        accepted = case.screening_outcome == "agency"
        review_step = FLOW_BY_METHOD["action_request_review"]
        last_day = case._citizen_review_last_day() if case.satisfaction else False
        can_review = (
            state in review_step.from_states
            and not case._flow_unless_review_possible()
            and bool(last_day)
            and office_today(case) <= last_day
        )
        feedback_step = FLOW_BY_METHOD["action_record_feedback"]
        review = case._review_line("review")
        return {
            "code": case.query_code,
            "summary": case.summary,
            "received_date": case.received_date,
            "status": case._citizen_status(),
            "screened": screened,
            "accepted": accepted,
            "accepted_date": case.accepted_date,
            "refused_reason": case._citizen_screening_reason()
            if screened and case.screening_outcome in CLOSING_OUTCOMES
            else "",
            "handling_unit": case.handling_unit_id.name
            if accepted and case.assign_signed
            else "",
            "deadline": case.deadline_date
            if state == "handling" or case.close_signed
            else False,
            "extension": {
                "days": case.extension_days,
                "reason": case.extension_reason or "",
            }
            if case.extension_state == "approved"
            else None,
            "replied": case.close_signed,
            "reply": case.reply if case.close_signed else "",
            "closed_date": case.closed_date if case.close_signed else False,
            "can_rate": state in feedback_step.from_states
            and not case._flow_unless_feedback_due(),
            "satisfaction": case._citizen_label("satisfaction"),
            "satisfied": case.satisfaction != "dissatisfied",
            "can_review": can_review,
            "review_last_day": last_day if can_review else False,
            "review_requested": review.request_date,
            "review_answer": review.reasoning or "",
            "review_answer_date": review.decision_date,
        }

    # ------------------------------------------------------------------
    # Rating and review, by the citizen
    # ------------------------------------------------------------------
    def _citizen_author(self):
        return self.sudo().petitioner_ids[:1]

    def _citizen_rate(self, satisfaction, comment):
        """Record the citizen's satisfaction as the agent's feedback step
        does (method: online); the revisit follows unless dissatisfied."""
        self.ensure_one()
        case = self._as_system()
        step = FLOW_BY_METHOD["action_record_feedback"]
        if case.state not in step.from_states or case._flow_unless_feedback_due():
            raise UserError(case.env._("This petition cannot be rated now."))
        if satisfaction not in dict(SATISFACTIONS):
            raise UserError(case.env._("Choose how satisfied you are."))
        case._flow_write(
            {
                "satisfaction": satisfaction,
                "feedback_method": "online",
                "feedback_date": office_today(case),
                "citizen_comment": comment or False,
            }
        )
        in_lang = in_lang_of(case, case._xinfang_readers())
        body = in_lang.env._(
            "The citizen rated the reply online: %(rating)s.",
            rating=in_lang._citizen_label("satisfaction"),
        )
        if comment:
            body = f"{body} {comment}"
        case.message_post(
            body=body,
            subtype_xmlid="mail.mt_note",
            author_id=case._citizen_author().id or None,
        )
        if satisfaction != "dissatisfied":
            case._start_revisit("action_start_revisit")
        return True

    def _citizen_request_review(self):
        """复查 asked online by the dissatisfied citizen, within 30 days of
        the written reply, through the case's own review request."""
        self.ensure_one()
        case = self._as_system()
        step = FLOW_BY_METHOD["action_request_review"]
        if case.state not in step.from_states or case._flow_unless_review_possible():
            raise UserError(
                case.env._("A review cannot be requested for this petition now.")
            )
        case._review_request("review", None)
        in_lang = in_lang_of(case, case._xinfang_readers())
        case.message_post(
            body=in_lang.env._("The citizen requested a review online."),
            subtype_xmlid="mail.mt_note",
            author_id=case._citizen_author().id or None,
        )
        return True

    # ------------------------------------------------------------------
    # Portal (/my/petitions)
    # ------------------------------------------------------------------
    @api.model
    def _citizen_portal_domain(self, partner):
        return [
            ("petitioner_ids", "in", partner.commercial_partner_id.ids + partner.ids)
        ]

    @api.model
    def _citizen_portal_cases(self, partner):
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                self._citizen_portal_domain(partner),
                order="received_date desc, id desc",
            )
        )
