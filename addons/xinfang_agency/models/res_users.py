import re

from lxml import etree

from odoo import api, fields, models
from odoo.tools import file_path
from odoo.tools.convert import convert_file
from odoo.tools.translate import TranslationImporter, get_po_paths

# Rule leaves of 18.0.1.0.0 and what replaces them (see _xinfang_migrate_unit_rules).
CHILD_OF_UNIT = re.compile(r"\('([\w.]+)', 'child_of', user\.xinfang_unit_id\.ids\)")
IN_JURISDICTION = r"('\1', 'in', user.xinfang_jurisdiction_ids.ids)"


class ResUsers(models.Model):
    _inherit = "res.users"

    xinfang_unit_id = fields.Many2one(
        "xinfang.unit", string="Petition Unit", index=True, ondelete="restrict"
    )
    xinfang_jurisdiction_ids = fields.Many2many(
        "xinfang.unit",
        string="Jurisdiction",
        compute="_compute_xinfang_jurisdiction_ids",
        help="The user's unit and every unit below it, archived ones included "
        "(what the record rules let the user see).",
    )

    xinfang_sealed_unit_ids = fields.Many2many(
        "xinfang.unit",
        string="Units Sealed From",
        compute="_compute_xinfang_sealed_unit_ids",
        help="The user's unit and every unit above it: an accusation against "
        "one of them is sealed from the user, whatever their role.",
    )
    # Grid workers: the areas of responsibility a user works in.
    xinfang_worker_grid_ids = fields.Many2many(
        "xinfang.grid",
        "xinfang_grid_worker_rel",
        "user_id",
        "grid_id",
        string="Grids Worked",
        help="The areas of responsibility the user is a grid worker of.",
    )
    xinfang_grid_ids = fields.Many2many(
        "xinfang.grid",
        string="Grid Jurisdiction",
        compute="_compute_xinfang_grid_ids",
        help="The user's areas and every area below them, archived ones "
        "included (what the grid worker's record rules let the user see).",
    )

    @api.depends("xinfang_unit_id")
    def _compute_xinfang_sealed_unit_ids(self):
        """Lineage of the user's unit, read from its parent_path (no query
        per rule check: rules use "in" on this list, never parent_of).
        Petition-office staff of the accused unit are users of the accused
        unit too: the office above it handles the accusation."""
        Unit = self.env["xinfang.unit"].sudo().with_context(active_test=False)
        for user in self:
            unit = user.xinfang_unit_id.sudo()
            if not unit:
                user.xinfang_sealed_unit_ids = Unit
            else:
                path = [int(i) for i in (unit.parent_path or "").split("/") if i]
                user.xinfang_sealed_unit_ids = Unit.browse(path or unit.ids)

    @api.depends("xinfang_unit_id")
    def _compute_xinfang_jurisdiction_ids(self):
        Unit = self.env["xinfang.unit"].sudo().with_context(active_test=False)
        for user in self:
            user.xinfang_jurisdiction_ids = (
                Unit.search([("id", "child_of", user.xinfang_unit_id.id)])
                if user.xinfang_unit_id
                else Unit
            )

    def _xinfang_whole_jurisdiction(self):
        """The ids of every unit when the user's jurisdiction holds them all
        (a user of the county at the root of the unit tree), else None."""
        self.ensure_one()
        units = self.xinfang_jurisdiction_ids
        Unit = self.env["xinfang.unit"].sudo().with_context(active_test=False)
        if units and len(units) == Unit.search_count([]):
            return set(units.ids)
        return None

    @api.depends("xinfang_worker_grid_ids")
    def _compute_xinfang_grid_ids(self):
        Grid = self.env["xinfang.grid"].sudo().with_context(active_test=False)
        for user in self:
            worked = user.sudo().with_context(active_test=False).xinfang_worker_grid_ids
            user.xinfang_grid_ids = (
                Grid.search([("id", "child_of", worked.ids)]) if worked else Grid
            )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        self._xinfang_set_home_action(users.filtered(lambda u: not u.action_id).ids)
        return users

    @api.model
    def _xinfang_home_actions(self):
        """(group, home action) by role, the first group a user has wins:
        each role starts on its own work, not on Discuss."""
        home = "xinfang_agency.xinfang_case_action_home_%s"
        return [
            ("xinfang_agency.group_xinfang_manager", home % "clerk"),
            ("xinfang_agency.group_xinfang_principal", home % "principal"),
            ("xinfang_agency.group_xinfang_leader", home % "leader"),
            ("xinfang_agency.group_xinfang_clerk", home % "clerk"),
            ("xinfang_agency.group_xinfang_handler", home % "handler"),
            ("xinfang_agency.group_xinfang_agent", home % "agent"),
            # Last: a grid worker with another petition role starts on its work.
            (
                "xinfang_agency.group_xinfang_grid_worker",
                "xinfang_agency.xinfang_dispute_action_home_grid_worker",
            ),
        ]

    @api.model
    def _xinfang_set_home_action(self, user_ids):
        """Give each user the home action of their role (internal users of
        the petition groups; others keep theirs)."""
        homes = [
            (
                self.env.ref(group, raise_if_not_found=False),
                self.env.ref(action, raise_if_not_found=False),
            )
            for group, action in self._xinfang_home_actions()
        ]
        for user in self.sudo().browse(user_ids):
            home = next(
                (
                    action
                    for group, action in homes
                    if group and action and group in user.groups_id
                ),
                None,
            )
            if home and not user.share:
                user.action_id = home.id

    def _get_invalidation_fields(self):
        # Record rules read the unit: cached rule domains must follow a move.
        return super()._get_invalidation_fields() | {"xinfang_unit_id"}

    @api.model
    def _xinfang_demo_load_terms(self, module):
        """Import ``module``'s translations before its demo data loads.

        Odoo imports a module's terms once its data and demo data are
        loaded, so the text the system writes while demo records are
        created (the model's name in a creation line or an activity notice,
        field labels) would read the untranslated source. Code terms
        (``env._``) are read from the .po files and need no import.
        """
        langs = [
            code
            for code, _name in self.env["res.lang"].get_installed()
            if code != "en_US"
        ]
        if langs:
            self.env["ir.module.module"]._load_module_terms([module], langs)

    @api.model
    def _xinfang_demo_prefer_chinese(self, user_ids):
        """Demo users read the product in Chinese when it is installed."""
        if self.env["res.lang"]._lang_get("zh_CN"):
            self.browse(user_ids).write({"lang": "zh_CN"})

    @api.model
    def _xinfang_migrate_unit_rules(self, module):
        """Rewrite the child_of leaves of ``module``'s record rules on the
        unit tree into "in the user's jurisdiction" (18.0.1.1.0). The rules
        are noupdate data: an update does not reload them from the XML."""
        rule_ids = (
            self.env["ir.model.data"]
            .search([("module", "=", module), ("model", "=", "ir.rule")])
            .mapped("res_id")
        )
        for rule in self.env["ir.rule"].sudo().browse(rule_ids).exists():
            rule.domain_force = CHILD_OF_UNIT.sub(
                IN_JURISDICTION, rule.domain_force or ""
            )

    @api.model
    def _xinfang_reload_noupdate_file(self, filename, module="xinfang_agency"):
        """Reload a file of noupdate data (record rules) as a new install
        has it: an update keeps the records of such files as they were."""
        convert_file(self.env, module, filename, {}, mode="init", noupdate=True)

    @api.model
    def _xinfang_migrate_activity_types(self, module="xinfang_agency"):
        """Give the activity types of ``module`` (noupdate data: an update
        does not reload them) the name and summary of its data file, and
        their translations from its .po files, as a new database has them
        (18.0.1.3.0: "Extended Deadline" became "Extension Request", ...).
        Returns the activity types rewritten."""
        data = file_path(f"{module}/data/mail_activity_type_data.xml")
        types = self.env["mail.activity.type"]
        xmlids = []
        for record in etree.parse(data).iterfind(
            "//record[@model='mail.activity.type']"
        ):
            xmlid = f"{module}.{record.get('id')}"
            activity_type = self.env.ref(xmlid, raise_if_not_found=False)
            if not activity_type:
                continue
            values = {
                field.get("name"): field.text
                for field in record.iterfind("field")
                if field.get("name") in ("name", "summary")
            }
            activity_type.sudo().with_context(lang="en_US").write(values)
            types |= activity_type
            xmlids.append(xmlid)
        importer = TranslationImporter(self.env.cr, verbose=False)
        for lang, _name in self.env["res.lang"].get_installed():
            for po_path in get_po_paths(module, lang):
                importer.load_file(po_path, lang, xmlids=xmlids)
        importer.save(overwrite=True, force_overwrite=True)
        types.invalidate_recordset(["name", "summary"])
        return types

    @api.model
    def _xinfang_migrate_home_actions(self):
        """Users of the petition groups created before each role had a home
        start on their own work too; a home someone chose is kept."""
        users = (
            self.sudo()
            .with_context(active_test=False)
            .search([("action_id", "=", False), ("share", "=", False)])
        )
        self._xinfang_set_home_action(users.ids)
        return users.filtered("action_id")
