"""Every term of our addons has a Chinese translation in its zh_CN.po."""

from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

ADDONS = Path(__file__).resolve().parent.parent / "addons"
MODULES = ("xinfang_agency", "xinfang_meeting", "xinfang_assessment")


@tagged("post_install", "-at_install")
class TestChineseTranslations(TransactionCase):
    def _current_terms(self, module):
        reader = TranslationModuleReader(self.env.cr, modules=[module], lang="zh_CN")
        return {term[4] for term in reader if term[0] == module and term[4]}

    def _translated_terms(self, module):
        po_file = polib.pofile(str(ADDONS / module / "i18n" / "zh_CN.po"))
        return {entry.msgid for entry in po_file if entry.msgstr.strip()}

    def test_every_term_is_translated(self):
        for module in MODULES:
            with self.subTest(module=module):
                untranslated = self._current_terms(module) - self._translated_terms(
                    module
                )
                self.assertFalse(
                    sorted(untranslated),
                    f"{module}: run scripts/i18n_sync.py and translate these terms",
                )

    def test_interface_reads_chinese(self):
        stage = self.env.ref("xinfang_agency.stage_handling").with_context(lang="zh_CN")
        self.assertEqual(stage.name, "办理中")
        action = self.env.ref("xinfang_agency.xinfang_case_action").with_context(
            lang="zh_CN"
        )
        self.assertEqual(action.name, "信访事项")

    def test_state_is_a_step_not_a_province(self):
        """ "State" is where a case or a dispute stands (状态), not a
        province (省/州), Odoo's address term of the same English word."""
        for model in ("xinfang.case", "xinfang.case.stage", "xinfang.dispute"):
            fields = self.env[model].with_context(lang="zh_CN").fields_get(["state"])
            self.assertEqual(fields["state"]["string"], "状态", model)
