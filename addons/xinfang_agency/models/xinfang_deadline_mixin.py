from collections import defaultdict

from markupsafe import Markup
from werkzeug.urls import url_encode

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.mail import generate_tracking_message_id

from .res_company import office_today

DEADLINE_KINDS = [
    ("first_contact", "First Contact"),
    ("handling", "Handling"),
    ("extension", "Extension"),
    ("review", "Review"),
    ("re_review", "Re-review"),
    ("revisit", "Revisit"),
    ("warning", "Warning"),
    ("signoff", "Sign-off"),
    ("dispute", "Dispute"),
]

# Which limit a deadline kind uses ("handling" depends on the record).
KIND_LIMITS = {
    "first_contact": "first_contact",
    "extension": "extension_decision",
    "signoff": "signoff",
    "review": "review_answer",
    "re_review": "review_answer",
    "revisit": "revisit",
    "warning": "warning",
    "dispute": "dispute",
}

# Records listed in one urging digest at most.
DIGEST_MAX_ITEMS = 50


def reader_lang(users):
    """The language of the first of ``users``: text made for them (a note,
    an activity, a digest) is written in it. None without users."""
    if not users:
        return None
    # The language their own sessions use (res.users.context_get, cached
    # per user): no query for each text written.
    return users.env["res.users"].with_user(users[:1]).context_get().get("lang")


def in_lang_of(records, users):
    """``records`` in the language of ``users`` (see ``reader_lang``), to
    render text for them whoever runs the code (a cron, the superuser)."""
    lang = reader_lang(users)
    return records.with_context(lang=lang) if lang else records


def digest_link(record, base_url):
    """A link to ``record`` for a digest: opened in place from the Discuss
    inbox (data-oe-*), and through /mail/view from an email (the link of
    mail's ``_notify_get_action_link("view")``, on ``base_url``)."""
    view_url = "{}/mail/view?{}".format(
        base_url, url_encode({"model": record._name, "res_id": record.id}, sort=True)
    )
    return Markup('<a href="%s" data-oe-model="%s" data-oe-id="%s">%s</a>') % (
        view_url,
        record._name,
        record.id,
        record.display_name,
    )


def digest_body(records, intro, describe, max_items=DIGEST_MAX_ITEMS):
    """``intro``, then the first ``max_items`` records as links followed by
    ``describe(record)`` (a person reads a list, not thousands of lines),
    then how many more."""
    listed = records[:max_items]
    base_url = listed[:1].get_base_url() if listed else ""
    items = Markup().join(
        Markup("<li>%s %s</li>") % (digest_link(record, base_url), describe(record))
        for record in listed
    )
    body = Markup("<p>%s</p><ul>%s</ul>") % (intro, items)
    if len(records) > len(listed):
        body += Markup("<p>%s</p>") % records.env._(
            "… and %(count)s more, not listed here.", count=len(records) - len(listed)
        )
    return body


def urge_paragraph(text):
    """``text`` escaped in one paragraph: an urging note as the chatter
    stores it once sanitized, safe to write as it is."""
    return Markup("<p>%s</p>") % text


def notify_digests(env, digests):
    """Send each digest of ``digests``, (user, subject, body) rendered in
    the user's language (``in_lang_of(records, user)``): a notification of
    no record, in their inbox or by email as they chose.

    What mail's ``message_notify`` does for one digest, with the messages
    of all written in one statement before mail notifies each
    (``_notify_thread``): the bodies are built of escaped text and links
    (``digest_body``), safe as they are, and sanitizing each twice was
    most of the cost of a digest.
    """
    if not digests:
        return
    thread = env["mail.thread"]
    author_id, email_from = thread._message_compute_author(raise_on_email=True)
    common = {
        "author_id": author_id,
        "email_from": email_from,
        "model": False,
        "res_id": False,
        "record_name": False,
        "is_internal": True,
        "message_type": "user_notification",
        "subtype_id": env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
        "email_add_signature": True,
        "email_layout_xmlid": "mail.mail_notification_light",
        "reply_to": thread._notify_get_reply_to(default=email_from)[False],
    }
    values_list = [
        dict(
            common,
            subject=subject,
            body=body,
            partner_ids=user.partner_id.ids,
            message_id=generate_tracking_message_id("message-notify"),
        )
        for user, subject, body in digests
    ]
    env["mail.message"].flush_model()
    env.cr.execute(
        SQL(
            """
            WITH digest AS (
                SELECT *
                  FROM unnest(%(subjects)s::varchar[], %(bodies)s::text[],
                              %(message_ids)s::varchar[], %(partners)s::int[])
                       AS digest(subject, body, message_id, partner_id)
            ), message AS (
                INSERT INTO mail_message (
                    subject, body, message_id, model, res_id, message_type,
                    is_internal, subtype_id, author_id, email_from, reply_to,
                    email_add_signature, email_layout_xmlid, date,
                    create_uid, create_date, write_uid, write_date)
                SELECT subject, body, message_id, NULL, 0, 'user_notification',
                       TRUE, %(subtype)s, %(author)s, %(email_from)s,
                       %(reply_to)s, TRUE, %(layout)s, %(date)s,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM digest
                RETURNING id, message_id
            )
            INSERT INTO mail_message_res_partner_rel
                   (mail_message_id, res_partner_id)
            SELECT message.id, digest.partner_id
              FROM message JOIN digest USING (message_id)
            RETURNING mail_message_id, res_partner_id
            """,
            subjects=[values["subject"] for values in values_list],
            bodies=[str(values["body"]) for values in values_list],
            message_ids=[values["message_id"] for values in values_list],
            partners=[values["partner_ids"][0] for values in values_list],
            subtype=common["subtype_id"],
            author=author_id,
            email_from=email_from,
            reply_to=common["reply_to"],
            layout=common["email_layout_xmlid"],
            date=fields.Datetime.now(),
            uid=env.uid,
            now=env.cr.now(),
        )
    )
    message_of_partner = {
        partner_id: message_id for message_id, partner_id in env.cr.fetchall()
    }
    messages = env["mail.message"].browse(
        message_of_partner[values["partner_ids"][0]] for values in values_list
    )
    notifier = thread._fallback_lang()
    for message, values in zip(messages, values_list, strict=True):
        notifier._notify_thread(message, values)


# Channels handled within a week (phone and online petitions).
QUICK_CHANNELS = ("phone", "online", "hotline_12345")


class XinfangDeadlineMixin(models.AbstractModel):
    """Deadlines as activities of a dedicated type on the responsible user.

    ``_deadline_start(kind, user)`` schedules the activity of the kind's type
    (mail's ``activity_schedule``), due on the date computed from the
    deadline rule (``xinfang.deadline.rule``), ``_deadline_move`` moves it
    (``activity_reschedule``) and ``_deadline_done(kind)`` marks it done
    (``activity_feedback``). Overdue ones, of every model inheriting the
    mixin, are urged by the one job ``_cron_urge_overdue``; a model adapts
    it through ``_deadline_activity_types``, ``_deadline_clerks``,
    ``_urge_note``, ``_urge_readers`` and ``_urge_digest_*``. The inheriting
    model is expected to be a ``mail.activity.mixin``; fields such as
    ``channel``, ``complexity``, ``accepted_date``, ``received_date``,
    ``deadline_date``, ``agency_unit_id`` and ``leader_id`` are used when present.
    """

    _name = "xinfang.deadline.mixin"
    _description = "Petition Deadline Mixin"

    # The unit whose clerk follows the record up (the nearest clerk above
    # it is urged), and the activity type of the urging.
    _deadline_unit_field = "agency_unit_id"
    # (False: no urging activity, the digest only).
    _deadline_urge_type = "xinfang_agency.mail_activity_type_urge"
    # The urging job urges every model inheriting this one.
    _deadline_mixin_name = "xinfang.deadline.mixin"

    # ------------------------------------------------------------------
    # Limits
    # ------------------------------------------------------------------
    @api.model
    def _deadline_limit(self, key):
        """(amount, unit) of the deadline rule ``key`` (xinfang.deadline.rule)."""
        return self.env["xinfang.deadline.rule"]._limit(key)

    @api.model
    def _deadline_today(self):
        """Today in the office (the day every deadline is counted from)."""
        return office_today(self)

    @api.model
    def _deadline_in_lang_of(self, users):
        """These records in the language of ``users``: text made for them
        (a note, an activity, a digest) is written in it."""
        return in_lang_of(self, users)

    @api.model
    def _deadline_add(self, start, key, days=None):
        """``start`` plus limit ``key`` (``days`` overrides the number)."""
        limit_days, unit = self._deadline_limit(key)
        return self.env["xinfang.holiday"].add_days(
            start, limit_days if days is None else days, unit
        )

    def _deadline_handling_key(self):
        """The handling limit of this record, from channel and complexity."""
        self.ensure_one()
        complexity = self["complexity"] if "complexity" in self._fields else False
        if complexity == "multi_department":
            return "handling_multi"
        if complexity == "complex":
            return "handling_complex"
        channel = self["channel"] if "channel" in self._fields else False
        if channel in QUICK_CHANNELS:
            return "handling_phone"
        return "handling_letter"

    def _deadline_limit_key(self, kind):
        if kind == "handling":
            return self._deadline_handling_key()
        if kind not in KIND_LIMITS:
            raise ValueError(f"Unknown deadline kind: {kind}")
        return KIND_LIMITS[kind]

    def _deadline_ceiling(self):
        """The regulation's 60-day ceiling from acceptance, or False."""
        self.ensure_one()
        accepted = False
        for fname in ("accepted_date", "received_date"):
            if fname in self._fields and self[fname]:
                accepted = self[fname]
                break
        if not accepted:
            return False
        return self._deadline_add(accepted, "ceiling")

    def _deadline_compute(self, kind, start_date=None, days=None):
        """Due date of a ``kind`` deadline starting on ``start_date``.

        The day of the event is not counted and a deadline on a day off moves
        to the next working day (民法典 Art. 201, 203). The handling deadline
        never passes the regulation's ceiling unless ``days`` is given. The
        leader decides an extension request within a few working days, and
        by the current handling deadline at the latest (before it lapses).
        """
        self.ensure_one()
        start = start_date or office_today(self)
        due = self._deadline_add(start, self._deadline_limit_key(kind), days)
        if kind == "handling" and days is None:
            ceiling = self._deadline_ceiling()
            if ceiling and ceiling < due:
                due = ceiling
        handling_due = (
            self["deadline_date"] if "deadline_date" in self._fields else False
        )
        if kind == "extension" and days is None and handling_due and handling_due < due:
            due = handling_due
        return due

    # ------------------------------------------------------------------
    # Activities
    # ------------------------------------------------------------------
    @api.model
    def _deadline_activity_xmlid(self, kind):
        """The activity type of the ``kind`` deadline, as mail's activity
        API (``activity_schedule``/``_feedback``/``_reschedule``) takes it."""
        return f"xinfang_agency.mail_activity_type_deadline_{kind}"

    @api.model
    def _deadline_activity_type(self, kind):
        return self.env.ref(self._deadline_activity_xmlid(kind))

    @api.model
    def _deadline_kinds(self):
        """The deadline kinds of this model."""
        return [kind for kind, _label in DEADLINE_KINDS]

    @api.model
    def _deadline_activity_types(self):
        """All deadline activity types of this model (not the urging one):
        the ones the urging job looks for."""
        # ir.model.data's cached lookup, not env.ref: env.ref checks that
        # each type exists, a query per kind on every form (issue 16).
        xmlid_to_id = self.env["ir.model.data"]._xmlid_to_res_id
        type_ids = [
            xmlid_to_id(self._deadline_activity_xmlid(kind), raise_if_not_found=False)
            for kind in self._deadline_kinds()
        ]
        return self.env["mail.activity.type"].browse([i for i in type_ids if i])

    def _deadline_summary(self, kind):
        """What the ``kind`` activity asks of its user, in the language of
        this environment (code terms: read from the .po files, so right
        even while demo data loads, before the module's data terms are)."""
        return {
            "first_contact": self.env._("First contact: call the petitioner"),
            "handling": self.env._("Handle and answer the petition"),
            "extension": self.env._("Decide on the extension request"),
            "review": self.env._("Answer the review request"),
            "re_review": self.env._("Answer the re-review request"),
            "revisit": self.env._("Visit the petitioner again"),
            "warning": self.env._("Re-investigate and report the measures"),
            "signoff": self.env._("Sign or return the sign-off"),
            "dispute": self.env._("Resolve the dispute or turn it into a case"),
            "urge": self.env._("Urge the overdue deadline"),
        }[kind]

    def _deadline_hand_to(self, activities, user):
        """Give ``activities`` (of these records) to ``user``, with their
        summary in the user's language."""
        moving = activities.filtered(lambda a: a.user_id != user)
        if not moving:
            return
        # In the activities' environment (a caller may hand them as
        # superuser) and the user's language: Odoo tells them of the activity.
        records = in_lang_of(self.with_env(moving.env), user)
        for kind in records._deadline_kinds():
            of_kind = moving.filtered(
                lambda a, kind=kind: a.activity_type_id
                == self._deadline_activity_type(kind)
            )
            if not of_kind:
                continue
            of_kind.summary = records._deadline_summary(kind)
            records.activity_reschedule(
                [self._deadline_activity_xmlid(kind)], new_user_id=user.id
            )

    def _deadline_open_activity(self, kind):
        self.ensure_one()
        activity_type = self._deadline_activity_type(kind)
        return self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )[:1]

    def _deadline_start(self, kind, user, start_date=None, days=None):
        """Schedule the ``kind`` deadline for ``user``; return the activity.

        Called twice, it keeps the open activity (and its due date) and only
        hands it to ``user`` if someone else had it. ``days`` overrides the
        configured number of days (counted in the limit's unit). The record's
        ``deadline_date`` is left to the caller.
        """
        self.ensure_one()
        activity = self._deadline_open_activity(kind)
        if activity:
            if user:
                self._deadline_hand_to(activity, user)
            return activity
        user = user or self.env.user
        due = self._deadline_compute(kind, start_date=start_date, days=days)
        # Scheduled in the user's language: its summary, and the message
        # Odoo sends them about it.
        in_lang = in_lang_of(self, user)
        return in_lang.activity_schedule(
            self._deadline_activity_xmlid(kind),
            summary=in_lang._deadline_summary(kind),
            date_deadline=due,
            user_id=user.id,
            **self._deadline_provisional_inputs(kind, start_date, days, due),
        )

    # ------------------------------------------------------------------
    # Calendar safety: deadlines in a year the holiday table does not know
    # ------------------------------------------------------------------
    def _deadline_provisional_inputs(self, kind, start_date, days, due):
        """What a deadline was counted from, kept on its activity when it
        falls in a year the holiday table does not know (then counted
        Monday to Friday only); empty otherwise."""
        if (
            kind == "extension"
            and days is None
            and "deadline_date" in self._fields
            and self["deadline_date"]
        ):
            return {}  # due with the handling deadline, not counted
        if not self.env["xinfang.holiday"]._unknown_year(due.year):
            return {}
        key = self._deadline_limit_key(kind)
        return {
            "xinfang_deadline_start": start_date or office_today(self),
            "xinfang_deadline_key": key,
            "xinfang_deadline_days": self._deadline_limit(key)[0]
            if days is None
            else days,
            "xinfang_deadline_capped": kind == "handling" and days is None,
        }

    def _deadline_calendar_unknown_ids(self):
        """Ids of the records with an open deadline in a year the holiday
        table does not know. One query for all the records: reading their
        ``activity_ids`` checked the records' rules again in Python and
        loaded every column of them (issue 16); the activities are read
        as superuser, the caller shows only a flag of records it read."""
        holidays = self.env["xinfang.holiday"]
        known_years = holidays._known_years()
        records = self.filtered("id")
        if not records:
            return set()
        groups = (
            self.env["mail.activity"]
            .sudo()
            ._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", records.ids),
                    ("activity_type_id", "in", self._deadline_activity_types().ids),
                    ("date_deadline", "!=", False),
                ],
                ["res_id", "date_deadline:year"],
            )
        )
        return {
            res_id
            for res_id, year in groups
            if holidays._unknown_year(year.year, known_years)
        }

    @api.model
    def _deadline_unknown_domain(self):
        """Records with an open deadline in a year the table does not know
        (the years around today: deadlines run weeks, not years)."""
        year = office_today(self).year
        holidays = self.env["xinfang.holiday"]
        known = holidays._known_years()
        ranges = [
            [
                "&",
                ("date_deadline", ">=", f"{y}-01-01"),
                ("date_deadline", "<=", f"{y}-12-31"),
            ]
            for y in range(year - 1, year + 3)
            if holidays._unknown_year(y, known)
        ]
        if not ranges:
            return [("id", "=", 0)]
        activity_domain = expression.AND(
            [
                [("activity_type_id", "in", self._deadline_activity_types().ids)],
                expression.OR(ranges),
            ]
        )
        return [("activity_ids", "any", activity_domain)]

    @api.model
    def _deadline_recompute_years(self, years):
        """Count again the deadlines counted across ``years`` before the
        table knew them; the record's handling deadline follows."""
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [("res_model", "=", self._name), ("xinfang_deadline_key", "!=", False)]
            )
        )
        known = self.env["xinfang.holiday"]._known_years()
        for activity in activities:
            start, due = activity.xinfang_deadline_start, activity.date_deadline
            if not any(start.year <= year <= due.year for year in years):
                continue
            record = self.sudo().browse(activity.res_id).exists()
            if record:
                record._deadline_recount(activity, known)

    def _deadline_recount(self, activity, known_years):
        self.ensure_one()
        due = activity.date_deadline
        new_due = self._deadline_add(
            activity.xinfang_deadline_start,
            activity.xinfang_deadline_key,
            activity.xinfang_deadline_days,
        )
        if activity.xinfang_deadline_capped:
            ceiling = self._deadline_ceiling()
            if ceiling and ceiling < new_due:
                new_due = ceiling
        vals = {"date_deadline": new_due}
        if not self.env["xinfang.holiday"]._unknown_year(new_due.year, known_years):
            vals["xinfang_deadline_key"] = False
        else:
            vals["xinfang_deadline_key"] = activity.xinfang_deadline_key
        activity.write(vals)
        if new_due == due:
            return
        if "deadline_date" in self._fields and self["deadline_date"] == due:
            self.write({"deadline_date": new_due})
        self.message_post(
            body=self.env._(
                "%(type)s recounted with the holiday table: due on %(new)s "
                "instead of %(old)s.",
                type=activity.activity_type_id.name,
                new=new_due,
                old=due,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _deadline_done(self, kind, feedback=None):
        """Mark the open ``kind`` deadline activities of the records done."""
        activity_type = self._deadline_activity_type(kind)
        if not self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ):
            return False
        return self.activity_feedback(
            [self._deadline_activity_xmlid(kind)], feedback=feedback or None
        )

    def _deadline_move(self, kind, due):
        """Move the open ``kind`` deadline of the records to ``due``."""
        return self.activity_reschedule(
            [self._deadline_activity_xmlid(kind)], date_deadline=due
        )

    # ------------------------------------------------------------------
    # Urging (催办)
    # ------------------------------------------------------------------
    def _deadline_clerks(self):
        """{record id: clerk}: a clerk of the agency unit or the nearest unit
        above it, else the record's creator. Two queries for all records."""
        clerk_group = self.env.ref("xinfang_agency.group_xinfang_clerk")
        unit_field = self._deadline_unit_field
        units = (
            self[unit_field] if unit_field in self._fields else self.env["xinfang.unit"]
        )
        # Each unit's path up the tree, read once however many records it has.
        unit_paths = {
            unit.id: [int(u) for u in (unit.parent_path or "").split("/") if u]
            for unit in units
        }
        unit_ids = {u for path in unit_paths.values() for u in path}
        clerk_by_unit = {}
        if unit_ids:
            clerks = self.env["res.users"].search(
                [
                    ("groups_id", "in", clerk_group.ids),
                    ("xinfang_unit_id", "in", list(unit_ids)),
                    ("share", "=", False),
                ],
                order="id",
            )
            for clerk in clerks:
                clerk_by_unit.setdefault(clerk.xinfang_unit_id.id, clerk)
        clerk_of_unit = {
            unit_id: next(
                (clerk_by_unit[u] for u in reversed(path) if u in clerk_by_unit),
                None,
            )
            for unit_id, path in unit_paths.items()
        }
        result = {}
        for record in self:
            unit_id = record[unit_field].id if units else False
            result[record.id] = clerk_of_unit.get(unit_id) or record.create_uid
        return result

    @api.model
    def _deadline_urged_models(self):
        """The models whose deadlines the urging job urges: every model that
        inherits this mixin (cases, disputes, the meeting's decisions...)."""
        registry = self.env.registry
        return [
            name
            for name in registry.descendants([self._deadline_mixin_name], "_inherit")
            if not registry[name]._abstract and not registry[name]._transient
        ]

    @api.model
    def _cron_urge_overdue(self):
        """The one urging job (催办), whatever model it is called on.

        Each model using the mixin urges its overdue deadlines
        (``_urge_overdue``); then every person to tell gets one digest
        listing all of theirs, cases, disputes and decisions together,
        instead of one message per record or per model.
        """
        today = self._deadline_today()
        sections_by_user = defaultdict(list)
        for model_name in self._deadline_urged_models():
            urged = self.env[model_name]._urge_overdue(today)
            for user, section in urged.items():
                sections_by_user[user].append(section)
        self._urge_send_digests(sections_by_user)

    @api.model
    def _urge_overdue_activities(self, today):
        """The overdue deadline activities of this model not yet urged for
        their current due date (the comparison of two columns is SQL: a
        second run the same day reads nothing)."""
        activities = self.env["mail.activity"]
        query = activities._search(
            [
                ("res_model", "=", self._name),
                ("activity_type_id", "in", self._deadline_activity_types().ids),
                ("date_deadline", "<", today),
            ]
        )
        query.add_where(
            SQL(
                "%s IS DISTINCT FROM %s",
                SQL.identifier(query.table, "xinfang_urged_deadline"),
                SQL.identifier(query.table, "date_deadline"),
            )
        )
        return activities.browse(query.get_result_ids())

    @api.model
    def _urge_overdue(self, today):
        """Urge the overdue deadlines of this model once per due date.

        For each: a note on the record and an urging activity for the
        clerk, written in a few statements whatever the backlog (a first
        run over a county's is thousands of records). The activity
        remembers the due date it was urged for, so the next run skips it
        unless the deadline moved. Returns {user: (records, activities by
        record)}: what each person's digest lists of this model.
        """
        overdue = self._urge_overdue_activities(today)
        if not overdue:
            return {}
        records = self.browse(sorted(set(overdue.mapped("res_id")))).exists()
        activities_by_record = overdue.grouped("res_id")
        clerks = records._deadline_clerks()
        bodies = {}
        for lang, lang_records in records._urge_by_reader_lang(clerks).items():
            in_lang = lang_records.with_context(lang=lang) if lang else lang_records
            bodies.update(in_lang._urge_notes(activities_by_record))
        records._urge_log_notes(bodies)
        records._urge_create_activities(clerks, bodies, today)
        overdue._xinfang_mark_urged()
        return {
            user: (self.browse(record_ids), activities_by_record)
            for user, record_ids in records._urge_readers(clerks).items()
        }

    def _urge_by_reader_lang(self, clerks):
        """{language: records} by the language of each record's clerk, who
        reads the urging note and gets the urging activity."""
        lang_of = {clerk: reader_lang(clerk) for clerk in set(clerks.values())}
        ids_by_lang = defaultdict(list)
        for record in self:
            ids_by_lang[lang_of[clerks[record.id]]].append(record.id)
        return {lang: self.browse(ids) for lang, ids in ids_by_lang.items()}

    def _urge_notes(self, activities_by_record):
        """{record id: urging note} for the records' overdue activities, in
        the language of this environment: one paragraph of escaped text,
        as the chatter stores a note (see ``urge_paragraph``). The texts
        are translated once for all records."""
        line = self.env._("%(type)s was due on %(date)s (responsible: %(user)s).")
        note = self.env._("Overdue, urged: %(lines)s")
        activities = self.env["mail.activity"].union(
            *(activities_by_record[record.id] for record in self)
        )
        type_names = {
            activity_type.id: activity_type.name
            for activity_type in activities.activity_type_id.with_context(
                lang=self.env.lang
            )
        }
        return {
            record.id: urge_paragraph(
                note
                % {
                    "lines": " ".join(
                        line
                        % {
                            "type": type_names[activity.activity_type_id.id],
                            "date": activity.date_deadline,
                            "user": activity.user_id.name or "",
                        }
                        for activity in activities_by_record[record.id]
                    )
                }
            )
            for record in self
        }

    def _urge_log_notes(self, bodies):
        """Log each record's urging note in its chatter: the rows
        ``_message_log_batch`` writes (an internal note by the job's user),
        inserted in one statement. The bodies are already safe HTML
        (``urge_paragraph``); mail would sanitize each one again, the cost
        of a first run over a backlog."""
        if not self:
            return
        author_id, email_from = self._message_compute_author(raise_on_email=False)
        reply_to = self.env["mail.thread"]._notify_get_reply_to(default=email_from)[
            False
        ]
        self.env["mail.message"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mail_message (
                    model, res_id, body, message_type, is_internal, subtype_id,
                    author_id, email_from, reply_to, message_id,
                    email_add_signature, date,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(model)s, note.res_id, note.body, 'comment', TRUE,
                       %(subtype)s, %(author)s, %(email_from)s, %(reply_to)s,
                       %(message_id)s, FALSE, %(date)s,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(res_ids)s::int[], %(bodies)s::text[])
                       AS note(res_id, body)
                """,
                model=self._name,
                subtype=self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
                author=author_id,
                email_from=email_from,
                reply_to=reply_to,
                message_id=generate_tracking_message_id("message-notify"),
                date=fields.Datetime.now(),
                uid=self.env.uid,
                now=self.env.cr.now(),
                res_ids=self.ids,
                bodies=[str(bodies[record_id]) for record_id in self.ids],
            )
        )
        self.invalidate_recordset(
            ["message_ids", "message_needaction", "message_needaction_counter"]
        )

    def _urge_create_activities(self, clerks, bodies, today):
        """One urging activity per record for its clerk, its note the
        urging note, without the per-activity assignment email (the digest
        tells them). Written as ``mail.activity.create`` writes it, in one
        statement for all records: the row (its name computed from the
        record), the clerk following the record (``_urge_follow``), and
        the clerk's activity counter refreshed in the web client."""
        if not self._deadline_urge_type:
            return
        urged = self.filtered(lambda record: clerks[record.id])
        if not urged:
            return
        summary_of = {
            clerk: in_lang_of(self, clerk)._deadline_summary("urge")
            for clerk in {clerks[record.id] for record in urged}
        }
        self.env["mail.activity"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mail_activity (
                    res_model_id, res_model, res_id, res_name, activity_type_id,
                    summary, note, date_deadline, user_id, active,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(model_id)s, %(model)s, urge.res_id, urge.res_name,
                       %(type)s, urge.summary, urge.note, %(today)s,
                       urge.user_id, TRUE, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(res_ids)s::int[], %(names)s::varchar[],
                              %(summaries)s::varchar[], %(notes)s::text[],
                              %(users)s::int[])
                       AS urge(res_id, res_name, summary, note, user_id)
                """,
                model_id=self.env["ir.model"]._get_id(self._name),
                model=self._name,
                type=self.env.ref(self._deadline_urge_type).id,
                today=today,
                uid=self.env.uid,
                now=self.env.cr.now(),
                res_ids=urged.ids,
                names=[record.display_name for record in urged],
                summaries=[summary_of[clerks[record.id]] for record in urged],
                notes=[str(bodies[record.id]) for record in urged],
                users=[clerks[record.id].id for record in urged],
            )
        )
        # The activity fields of the records (state, user, deadline...)
        # follow activity_ids.
        urged.invalidate_recordset(["activity_ids"])
        urged.modified(["activity_ids"])
        urged._urge_follow(clerks)
        for clerk, records in urged.grouped(lambda r: clerks[r.id]).items():
            # As mail.activity.create: the clerk's activity counter.
            clerk._bus_send(
                "mail.activity/updated",
                {"activity_created": True, "count_diff": len(records)},
            )

    def _urge_follow(self, clerks):
        """Each record's clerk follows it, as an activity's user does
        (``message_subscribe`` with the default subtypes: the external ones
        for a portal user), in one statement; an existing follower is kept
        as it is."""
        default, _internal, external = self.env[
            "mail.message.subtype"
        ].default_subtypes(self._name)
        self.env["mail.followers"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                WITH new_follower AS (
                    INSERT INTO mail_followers (res_model, res_id, partner_id)
                    SELECT %(model)s, follow.res_id, partner.id
                      FROM unnest(%(res_ids)s::int[], %(partner_ids)s::int[])
                           AS follow(res_id, partner_id)
                      JOIN res_partner partner
                        ON partner.id = follow.partner_id AND partner.active
                    ON CONFLICT DO NOTHING
                    RETURNING id, partner_id
                )
                INSERT INTO mail_followers_mail_message_subtype_rel
                       (mail_followers_id, mail_message_subtype_id)
                SELECT new_follower.id, subtype.id
                  FROM new_follower
                  JOIN res_partner partner ON partner.id = new_follower.partner_id
                 CROSS JOIN LATERAL unnest(
                       CASE WHEN partner.partner_share THEN %(external)s::int[]
                            ELSE %(default)s::int[] END) AS subtype(id)
                """,
                model=self._name,
                res_ids=self.ids,
                partner_ids=[clerks[record.id].partner_id.id for record in self],
                default=default.ids,
                external=external.ids,
            )
        )
        self.invalidate_recordset(
            ["message_follower_ids", "message_partner_ids", "message_is_follower"]
        )

    def _urge_readers(self, clerks):
        """{user: record ids} of the digest: the leader in charge of each
        record and the clerk who follows it up."""
        has_leader = "leader_id" in self._fields
        record_ids_by_user = defaultdict(list)
        for record in self:
            clerk = clerks[record.id]
            if clerk:
                record_ids_by_user[clerk].append(record.id)
            leader = record["leader_id"] if has_leader else None
            if leader and leader != clerk:
                record_ids_by_user[leader].append(record.id)
        return record_ids_by_user

    @api.model
    def _urge_send_digests(self, sections_by_user):
        """One message per person: the overdue records of every model that
        concern them, each model a section, in their language."""
        digests = []
        for user, sections in sections_by_user.items():
            count = sum(len(records) for records, _activities in sections)
            body = Markup().join(
                in_lang_of(records, user)._urge_digest_body(activities)
                for records, activities in sections
            )
            subject = in_lang_of(self, user).env._(
                "Urging: %(count)s overdue", count=count
            )
            digests.append((user, subject, body))
        notify_digests(self.env, digests)

    def _urge_digest_intro(self):
        """The line above this model's records in a digest."""
        return self.env._(
            "The deadlines of these %(count)s records have passed:", count=len(self)
        )

    def _urge_digest_line(self, activities_by_record):
        """What a digest says after the link to this record."""
        self.ensure_one()
        summary = self["summary"] if "summary" in self._fields else ""
        return f"{summary}: {self._urge_due_dates(activities_by_record)}"

    def _urge_digest_body(self, activities_by_record, max_items=DIGEST_MAX_ITEMS):
        """This model's section of an urging digest, with the overdue
        deadlines of its records."""
        return digest_body(
            self,
            self._urge_digest_intro(),
            lambda record: record._urge_digest_line(activities_by_record),
            max_items,
        )

    def _urge_due_dates(self, activities_by_record):
        """ "Handling Deadline 2026-11-02, ..." of the record's overdue
        deadlines, in the language of this environment."""
        self.ensure_one()
        return ", ".join(
            f"{activity.activity_type_id.with_context(lang=self.env.lang).name} "
            f"{activity.date_deadline}"
            for activity in activities_by_record[self.id]
        )
