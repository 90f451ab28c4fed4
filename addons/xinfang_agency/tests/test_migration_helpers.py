"""The helpers of the migrations, run on data as a database installed
before them holds it."""

from odoo.modules.migration import load_script
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMigrationHelpers(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")

    def test_noupdate_activity_types_take_the_new_names(self):
        extension = self.env.ref("xinfang_agency.mail_activity_type_deadline_extension")
        # 18.0.1.0.0's record, in both languages.
        extension.with_context(lang="en_US").write(
            {
                "name": "Extended Deadline",
                "summary": "Answer within the approved extension",
            }
        )
        extension.with_context(lang="zh_CN").write(
            {"name": "延长期限", "summary": "在批准的延期内答复"}
        )
        signoff = self.env.ref("xinfang_agency.mail_activity_type_deadline_signoff")
        signoff.with_context(lang="zh_CN").name = "Awaiting Signature"
        types = self.env["res.users"]._xinfang_migrate_activity_types("xinfang_agency")
        self.assertIn(extension, types)
        self.assertEqual(
            (
                extension.with_context(lang="en_US").name,
                extension.with_context(lang="en_US").summary,
            ),
            ("Extension Request", "Decide on the extension request"),
        )
        self.assertEqual(
            (
                extension.with_context(lang="zh_CN").name,
                extension.with_context(lang="zh_CN").summary,
            ),
            ("延期申请", "审批延期申请"),
        )
        self.assertEqual(signoff.with_context(lang="zh_CN").name, "待签批")

    def test_petition_users_without_a_home_get_their_board(self):
        clerk = new_test_user(
            self.env, login="mig_clerk", groups="xinfang_agency.group_xinfang_clerk"
        )
        agent = new_test_user(
            self.env, login="mig_agent", groups="xinfang_agency.group_xinfang_agent"
        )
        plain = new_test_user(self.env, login="mig_plain", groups="base.group_user")
        # Created before homes existed: none; the agent chose one since.
        clerk.action_id = False
        chosen = self.env.ref("xinfang_agency.xinfang_case_action_home_handler")
        agent.action_id = chosen.id
        migrated = self.env["res.users"]._xinfang_migrate_home_actions()
        self.assertIn(clerk, migrated)
        self.assertEqual(
            clerk.action_id.id,
            self.env.ref("xinfang_agency.xinfang_case_action_home_clerk").id,
        )
        self.assertEqual(agent.action_id.id, chosen.id, "a home someone chose is kept")
        self.assertFalse(plain.action_id)

    def test_figures_sealing_rule_reads_the_live_cases(self):
        """18.0.1.4.0: the rule of 18.0.1.3.0 named a column the view lost
        (the rule's own check refuses that domain today: any other stands
        for it)."""
        rule = self.env.ref("xinfang_agency.rule_xinfang_figure_accuser_sealed")
        rule.domain_force = "[(1, '=', 1)]"
        jurisdiction = self.env.ref("xinfang_agency.rule_xinfang_figure_jurisdiction")
        owned = self.env.ref("xinfang_agency.rule_xinfang_case_owned_leader_ongoing")
        owned.domain_force = "[(1, '=', 1)]"
        script = load_script(
            "xinfang_agency/migrations/18.0.1.4.0/post-figures_sealing_rule.py",
            "post_figures_sealing_rule",
        )
        script.migrate(self.env.cr, "18.0.1.3.0")
        self.assertEqual(rule.domain_force, "[('accusation_sealed', '=', False)]")
        self.assertIn("xinfang_jurisdiction_ids", jurisdiction.domain_force)
        self.assertEqual(owned.domain_force, "[('owned_by_me', '=', True)]")

    def test_limits_set_as_parameters_move_into_the_rules(self):
        """18.0.1.4.0: what an office had set in the former settings (system
        parameters) becomes the rules' values; the parameters go."""
        params = self.env["ir.config_parameter"].sudo()
        legacy = {
            "xinfang_agency.limit_handling_letter_days": "10",
            "xinfang_agency.limit_handling_letter_unit": "calendar",
            "xinfang_agency.limit_revisit_days": "20",
            "xinfang_agency.limit_warning_days": "not a number",
            "xinfang_agency.limit_extension_days": "45",
            "xinfang_agency.repeat_period_days": "180",
        }
        for key, value in legacy.items():
            params.set_param(key, value)
        Rule = self.env["xinfang.deadline.rule"]
        changed = Rule._xinfang_migrate_parameters()
        self.assertEqual(
            set(changed.mapped("key")),
            {"handling_letter", "revisit", "extension", "repeat_period"},
        )
        self.assertEqual(Rule._limit("handling_letter"), (10, "calendar"))
        self.assertEqual(Rule._limit("revisit"), (20, "calendar"))
        self.assertEqual(Rule._limit("warning"), (7, "working"), "kept when unreadable")
        self.assertEqual(Rule._amount("extension"), 30, "the regulation's ceiling")
        self.assertEqual(Rule._limit("repeat_period"), (180, "calendar"))
        # The case's deadline follows the migrated rule.
        case = self.env["xinfang.case"].create(
            {"summary": "测试：迁移后的期限", "channel": "visit"}
        )
        self.assertEqual(case._deadline_limit("handling_letter"), (10, "calendar"))
        for key in legacy:
            self.assertFalse(params.get_param(key), key)
        # Run twice (a second update): nothing more changes.
        self.assertFalse(Rule._xinfang_migrate_parameters())

    def test_obsolete_settings_view_goes_before_the_settings_reload(self):
        """18.0.1.4.0 pre: the disputes' settings view of 18.0.1.3.0 extended
        a block the settings lost; left in place, the update fails."""
        parent = self.env.ref("xinfang_agency.res_config_settings_view_form")
        view = self.env["ir.ui.view"].create(
            {
                "name": "res.config.settings.form.xinfang.dispute",
                "model": "res.config.settings",
                "inherit_id": parent.id,
                "arch": "<xpath expr='.' position='inside'/>",
            }
        )
        self.env["ir.model.data"].create(
            {
                "module": "xinfang_agency",
                "name": "res_config_settings_view_form_dispute",
                "model": "ir.ui.view",
                "res_id": view.id,
            }
        )
        self.env.flush_all()
        script = load_script(
            "xinfang_agency/migrations/18.0.1.4.0/pre-obsolete_settings_view.py",
            "pre_obsolete_settings_view",
        )
        script.migrate(self.env.cr, "18.0.1.3.0")
        self.env.invalidate_all()
        self.assertFalse(view.exists())
        self.assertFalse(
            self.env.ref(
                "xinfang_agency.res_config_settings_view_form_dispute",
                raise_if_not_found=False,
            )
        )
        self.assertTrue(parent.exists())
