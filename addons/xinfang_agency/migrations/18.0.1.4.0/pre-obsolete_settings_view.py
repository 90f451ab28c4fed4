"""18.0.1.4.0: the deadline limits left the settings for the deadline rules.
The disputes' settings view extended one of the limits' blocks: it goes
before the settings view is reloaded, whose check would fail on it."""

OBSOLETE_VIEWS = ("res_config_settings_view_form_dispute",)


def migrate(cr, version):
    cr.execute(
        """
        DELETE FROM ir_ui_view
         WHERE id IN (SELECT res_id FROM ir_model_data
                       WHERE module = 'xinfang_agency' AND model = 'ir.ui.view'
                         AND name IN %s)
        """,
        [OBSOLETE_VIEWS],
    )
    cr.execute(
        """
        DELETE FROM ir_model_data
         WHERE module = 'xinfang_agency' AND model = 'ir.ui.view' AND name IN %s
        """,
        [OBSOLETE_VIEWS],
    )
