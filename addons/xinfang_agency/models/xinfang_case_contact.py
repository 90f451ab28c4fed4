from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_list

from .xinfang_case_flow import HANDLER
from .xinfang_deadline_mixin import reader_lang

CONTACT_KINDS = [
    ("call", "Phone Call"),
    ("visit", "Site Visit"),
]
# What the handler types about a call or a visit.
CALL_FIELDS = ("contact_time", "caller_id", "answered_by", "outcome")
VISIT_FIELDS = ("contact_time", "place", "participants", "outcome", "attachment_ids")
CONTACT_FIELDS = tuple(dict.fromkeys(CALL_FIELDS + VISIT_FIELDS))
# Only while the case is handled (一问一核实, seed 002 §1(二)); the reply
# submitted for the 办结签 freezes them.
CONTACT_STATES = ("handling",)


class XinfangCaseContact(models.Model):
    """一问一核实: a call to the petitioner or a visit to the site.

    The handler of the case's unit records each call (time, who called, who
    answered, outcome) and each site visit (date, place, participants,
    findings, photos) while the case is handled. The first call recorded is
    the case's first contact (一问): it sets ``first_contact_date`` and
    marks the first-contact deadline done, through the flow step
    ``action_record_first_contact``. The records follow their case: the
    record rules repeat the case's scope and its accusation seal through
    ``case_id``; nobody deletes them, and nobody edits them once the reply
    is submitted.
    """

    _name = "xinfang.case.contact"
    _description = "Petitioner Contact (Call or Site Visit)"
    _inherit = ["xinfang.write.guard.mixin", "xinfang.input.mixin"]
    _order = "contact_time desc, id desc"
    _xinfang_past_date_fields = ("contact_time",)

    _write_guard_state_field = "case_state"
    _write_guard_rules = ((CONTACT_STATES, (HANDLER,), CONTACT_FIELDS),)
    _write_guard_create_rules = (((HANDLER,), ("case_id", "kind") + CONTACT_FIELDS),)

    case_id = fields.Many2one(
        "xinfang.case", required=True, index=True, ondelete="restrict"
    )
    case_state = fields.Selection(related="case_id.state", string="Case Status")
    kind = fields.Selection(CONTACT_KINDS, required=True, default="call")
    contact_time = fields.Datetime(
        string="Time",
        required=True,
        default=fields.Datetime.now,
        help="When the call was made or the site was visited.",
    )
    caller_id = fields.Many2one(
        "res.users",
        string="Called by",
        default=lambda self: self.env.user,
        ondelete="restrict",
    )
    answered_by = fields.Char(
        string="Answered by", help="Who answered the call: the petitioner or who else."
    )
    place = fields.Char()
    participants = fields.Char(help="Who took part in the site visit.")
    outcome = fields.Text(
        string="Outcome and Findings",
        required=True,
        help="What was said on the call, or what the visit found.",
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "xinfang_case_contact_attachment_rel",
        "contact_id",
        "attachment_id",
        string="Photos",
        help="Photos and documents of the site visit; they are kept with the case.",
    )
    petitioner_phones = fields.Char(
        string="Petitioners' Phones",
        compute="_compute_petitioner_phones",
        help="The phones of the case's petitioners, in full where you may read "
        "them (the handler of the case's unit may).",
    )

    @api.depends("case_id")
    @api.depends_context("uid")
    def _compute_petitioner_phones(self):
        for contact in self:
            contact.petitioner_phones = (
                "；".join(
                    (
                        f"{p.name} {p.xinfang_phone or p.xinfang_phone_masked or ''}"
                    ).strip()
                    for p in contact.case_id.petitioner_ids
                )
                or False
            )

    @api.constrains("kind", "place", "answered_by")
    def _check_kind_fields(self):
        for contact in self:
            if contact.kind == "visit" and not (contact.place or "").strip():
                raise ValidationError(
                    self.env._("Say where the site visit took place.")
                )
            if contact.kind == "call" and not (contact.answered_by or "").strip():
                raise ValidationError(self.env._("Say who answered the call."))

    @api.model_create_multi
    def create(self, vals_list):
        cases = self.env["xinfang.case"].browse(
            {
                vals.get("case_id") or self.env.context.get("default_case_id")
                for vals in vals_list
            }
            - {None, False}
        )
        if not self.env.su:
            cases.check_access("read")
            self._check_case_open(cases)
        contacts = super().create(vals_list)
        contacts._keep_attachments_with_case()
        for contact in contacts.with_context(lang=contacts._note_lang()):
            contact._post_on_case(
                contact.env._(
                    "%(kind)s recorded: %(summary)s",
                    kind=contact._kind_label(),
                    summary=contact._summary(),
                )
            )
        contacts.filtered(lambda c: c.kind == "call")._record_first_contact()
        return contacts

    def write(self, vals):
        if not self.env.su and self._write_guard_restricted(vals):
            self._check_case_open(self.case_id)
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._keep_attachments_with_case()
        if "contact_time" in vals:
            self.filtered(lambda c: c.kind == "call")._sync_first_contact_date()
        noted = self.with_context(lang=self._note_lang())
        changed = [
            self._fields[name].get_description(noted.env)["string"]
            for name in vals
            if name in CONTACT_FIELDS
        ]
        if changed:
            for contact in noted:
                contact._post_on_case(
                    noted.env._(
                        "%(kind)s of %(time)s changed: %(fields)s.",
                        kind=contact._kind_label(),
                        time=contact._time_label(),
                        fields=format_list(noted.env, changed),
                    )
                )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Calls and site visits are never deleted; record a new one instead."
            )
        )

    # ------------------------------------------------------------------
    @api.model
    def _check_case_open(self, cases):
        for case in cases:
            if case.state not in CONTACT_STATES:
                raise UserError(
                    self.env._(
                        "Calls and site visits of case %(case)s are recorded while "
                        "it is handled; it is in the stage %(stage)s.",
                        case=case.name,
                        stage=case.stage_id.name,
                    )
                )

    def _record_first_contact(self):
        """The first call of a case is its 一问 (the flow step)."""
        for contact in self:
            case = contact.case_id
            if case.first_contact_date:
                continue
            case._first_contact_from_call(contact)

    def _sync_first_contact_date(self):
        """A corrected time of a case's earliest call moves its first contact."""
        for case in self.case_id.filtered("first_contact_date"):
            first = self.search(
                [("case_id", "=", case.id), ("kind", "=", "call")],
                order="contact_time asc, id asc",
                limit=1,
            )
            day = self.env.company._xinfang_local_day(first.contact_time)
            if first and day != case.first_contact_date:
                case._flow_write({"first_contact_date": day})

    def _keep_attachments_with_case(self):
        """Photos belong to the case (its rules, its seal): an upload of the
        user's own, not yet attached to a record, moves to the case; any
        other attachment is refused."""
        for contact in self:
            for attachment in contact.sudo().attachment_ids:
                on_case = (attachment.res_model, attachment.res_id) == (
                    "xinfang.case",
                    contact.case_id.id,
                )
                own_upload = (
                    attachment.res_model in (False, self._name)
                    and not attachment.res_id
                    and attachment.create_uid == self.env.user
                )
                if not (on_case or own_upload or self.env.su):
                    raise UserError(
                        self.env._(
                            "Attach photos you upload here, not files of other records."
                        )
                    )
                if not on_case:
                    attachment.write(
                        {"res_model": "xinfang.case", "res_id": contact.case_id.id}
                    )

    @api.model
    def _note_lang(self):
        """Notes on the case are in the language of the people who act on it
        (whoever writes them: a person, a job, demo data)."""
        case = self.case_id[:1]
        return (case and reader_lang(case._xinfang_readers())) or self.env.user.lang

    def _kind_label(self):
        return dict(self._fields["kind"]._description_selection(self.env))[self.kind]

    def _time_label(self):
        return fields.Datetime.context_timestamp(self, self.contact_time).strftime(
            "%Y-%m-%d %H:%M"
        )

    def _summary(self):
        parts = [self._time_label()]
        if self.kind == "call":
            parts += [self.caller_id.name, self.answered_by]
        else:
            parts += [self.place, self.participants]
        parts.append(self.outcome)
        return "，".join(p for p in parts if p)

    def _post_on_case(self, body):
        self.case_id.message_post(body=body, subtype_xmlid="mail.mt_note")
