from odoo.tests import tagged

from .common import XinfangAgencyCommon


@tagged("post_install", "-at_install")
class TestCaseStages(XinfangAgencyCommon):
    """The stages' flow is cached (a new case's first stage and state, each
    step's stage), and follows the stages as an administrator changes them."""

    def test_the_first_stage_follows_the_order_and_archiving(self):
        registered, screening = self.stage("registered"), self.stage("screening")
        Case = self.env["xinfang.case"]
        case = self._create_case()
        self.assertEqual((case.stage_id, case.state), (registered, "registered"))
        registered.sequence = screening.sequence + 1
        self.assertEqual(Case._default_stage_id(), screening)
        registered.sequence = screening.sequence - 1
        self.assertEqual(Case._default_stage_id(), registered)
        registered.active = False
        self.assertEqual(Case._default_stage_id(), screening)
        # The flow's steps still find their stage, archived or not.
        self.assertEqual(Case._stage_for("registered"), registered)
        registered.active = True
        self.assertEqual(self._create_case().state, "registered")
