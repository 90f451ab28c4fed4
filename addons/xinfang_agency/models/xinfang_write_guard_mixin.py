from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_list

ANY_STATE = "*"


class XinfangWriteGuardMixin(models.AbstractModel):
    """Writes by whitelist: a field changes by hand only where it is listed.

    A model adopts it with class attributes:

    ``_write_guard_state_field``
        the field whose value selects the rules (``None``: one set of rules
        whatever the record's state);
    ``_write_guard_rules``
        ``(states, groups, fields)`` triples: in these states (``"*"`` for
        any), users of any of these groups may edit these fields by hand;
    ``_write_guard_create_rules``
        ``(groups, fields)`` pairs: the fields such users may set when they
        create a record (defaults fill in the rest);
    ``_write_guard_author_field``
        optional many2one to ``res.users`` set to the user on every hand
        creation or edit of a guarded field: who last worked on the record,
        so that its approval can refuse that person (nobody approves their
        own work).

    Every other field (state, approvals, sign-offs, deadlines, dates, units,
    people, ``active``, stored computes, fields other addons add) changes
    only through the model's transition methods, which check the user's
    right and then write as superuser: ``env.su`` is the only way past the
    guard, and no context key can grant it.
    """

    _name = "xinfang.write.guard.mixin"
    _description = "Writes by Whitelist"

    _write_guard_state_field = None
    _write_guard_rules = ()
    _write_guard_create_rules = ()
    _write_guard_author_field = None
    # Bookkeeping that mail itself writes as the user (followers, main
    # attachment): its own access checks apply.
    _write_guard_free_prefixes = ("message_", "activity_", "website_message_")

    write_guard_editable = fields.Json(
        string="Editable Fields",
        compute="_compute_write_guard_editable",
        help="The fields the current user may edit by hand on this record now; "
        "forms show the others read-only.",
    )

    @api.depends(
        lambda self: [self._write_guard_state_field]
        if self._write_guard_state_field
        else []
    )
    @api.depends_context("uid")
    def _compute_write_guard_editable(self):
        state_field = self._write_guard_state_field
        creatable = None
        for record in self:
            names = self._write_guard_editable(
                record[state_field] if state_field else ANY_STATE
            )
            if not record.id:
                if creatable is None:
                    creatable = self._write_guard_creatable()
                names |= creatable
            record.write_guard_editable = sorted(names)

    @api.model
    def _write_guard_user_groups(self, groups):
        user = self.env.user
        return any(user.has_group(group) for group in groups)

    @api.model
    def _write_guard_editable(self, state):
        """Fields the current user may edit by hand in ``state``."""
        editable = set()
        for states, groups, names in self._write_guard_rules:
            if (
                ANY_STATE in states or state in states
            ) and self._write_guard_user_groups(groups):
                editable.update(names)
        return editable

    @api.model
    def _write_guard_creatable(self):
        creatable = set()
        for groups, names in self._write_guard_create_rules:
            if self._write_guard_user_groups(groups):
                creatable.update(names)
        return creatable

    @api.model
    def _write_guard_restricted(self, names):
        return {
            name
            for name in names
            if not name.startswith(self._write_guard_free_prefixes)
        }

    @api.model
    def _write_guard_refuse(self, names, record=None):
        labels = sorted(
            self._fields[name].get_description(self.env)["string"]
            if name in self._fields
            else name
            for name in names
        )
        if record:
            message = self.env._(
                "You cannot change %(fields)s on %(record)s by hand: these are "
                "recorded by the steps of the procedure or belong to another "
                "role.",
                fields=format_list(self.env, labels),
                record=record.display_name,
            )
        else:
            message = self.env._(
                "You cannot set %(fields)s when creating this record: they are "
                "recorded by the steps of the procedure or belong to another "
                "role.",
                fields=format_list(self.env, labels),
            )
        raise UserError(message)

    def _write_guard_check_write(self, vals):
        names = self._write_guard_restricted(vals)
        if not names or self.env.su:
            return
        # Out of scope is an access error, whatever the fields.
        self.check_access("write")
        state_field = self._write_guard_state_field
        by_state = {}
        for record in self:
            state = record[state_field] if state_field else ANY_STATE
            by_state.setdefault(state, record)
        for state, record in by_state.items():
            refused = names - self._write_guard_editable(state)
            if refused:
                self._write_guard_refuse(refused, record)

    @api.model
    def _write_guard_check_create(self, vals_list):
        if self.env.su:
            return
        self.check_access("create")
        creatable = self._write_guard_creatable()
        # Defaults sent in the context are values like any other.
        defaults = {
            key[len("default_") :]: value
            for key, value in self.env.context.items()
            if key.startswith("default_") and key[len("default_") :] in self._fields
        }
        for vals in vals_list:
            given = {**defaults, **vals}
            # Leaving a field empty sets nothing (the form sends empty fields);
            # an archived new record is not empty-handed.
            named = {name for name, value in given.items() if value or name == "active"}
            refused = self._write_guard_restricted(named) - creatable
            if refused:
                self._write_guard_refuse(refused)

    @api.model
    def _write_guard_sign(self, vals):
        """``vals`` with the author field set to the user (by hand only)."""
        author = self._write_guard_author_field
        if not author or self.env.su or not self._write_guard_restricted(vals):
            return vals
        return dict(vals, **{author: self.env.uid})

    def _write_guard_ensure_not_author(self, message, author_field=None):
        """Nobody approves their own work: refuse when the current user is
        the recorded author of one of the records (``author_field``, by
        default ``_write_guard_author_field``); ``message(record)`` says so."""
        author_field = author_field or self._write_guard_author_field
        own = self.filtered(lambda record: record[author_field] == self.env.user)
        if own:
            raise AccessError(message(own[0]))

    @api.model_create_multi
    def create(self, vals_list):
        self._write_guard_check_create(vals_list)
        return super().create([self._write_guard_sign(vals) for vals in vals_list])

    def write(self, vals):
        self._write_guard_check_write(vals)
        return super().write(self._write_guard_sign(vals))
