from datetime import timedelta

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUrgingCron(TransactionCase):
    """The scheduled action urges each overdue deadline once (催办)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        Unit = cls.env["xinfang.unit"]
        cls.center = Unit.create(
            {"name": "测试县信访局", "code": "T-URGE-C", "unit_type": "center"}
        )
        cls.station = Unit.create(
            {
                "name": "测试街道",
                "code": "T-URGE-S",
                "unit_type": "station",
                "parent_id": cls.center.id,
            }
        )
        cls.point = Unit.create(
            {
                "name": "测试社区",
                "code": "T-URGE-P",
                "unit_type": "point",
                "parent_id": cls.station.id,
            }
        )
        cls.lonely = Unit.create(
            {"name": "无文书单位", "code": "T-URGE-L", "unit_type": "center"}
        )

        def user(login, group, unit):
            new = new_test_user(
                cls.env, login=login, groups=f"base.group_user,xinfang_agency.{group}"
            )
            new.xinfang_unit_id = unit
            return new

        cls.manager = user("urge_manager", "group_xinfang_manager", cls.center)
        cls.clerk = user("urge_clerk", "group_xinfang_clerk", cls.station)
        cls.leader = user("urge_leader", "group_xinfang_leader", cls.station)
        cls.handler = user("urge_handler", "group_xinfang_handler", cls.point)

        Case = cls.env["xinfang.case"]
        cls.today = Case.env.company._xinfang_today()
        past = cls.today - timedelta(days=40)

        def case(summary, unit, overdue=True, env=None):
            new = (env or cls.env)["xinfang.case"].create(
                {
                    "summary": summary,
                    "channel": "visit",
                    "agency_unit_id": unit.id,
                    "leader_id": cls.leader.id,
                }
            )
            new = new.with_env(cls.env)
            new._deadline_start(
                "handling",
                cls.handler,
                start_date=past if overdue else cls.today,
                days=3 if overdue else 30,
            )
            return new

        cls.case_1 = case("测试：路灯不亮", cls.point)
        cls.case_2 = case("测试：垃圾清运不及时", cls.station)
        cls.case_on_time = case("测试：道路维修", cls.point, overdue=False)
        cls.case_lonely = case("测试：无人催办", cls.lonely)
        cls.cron = cls.env.ref("xinfang_agency.ir_cron_xinfang_urge_overdue")
        cls.urge_type = cls.env.ref("xinfang_agency.mail_activity_type_urge")

    def _urges(self, case):
        return case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.urge_type
        )

    def _run(self):
        self.cron.method_direct_trigger()
        self.env.invalidate_all()

    def _digests(self, user):
        """Urging digests notified to ``user`` (not posted on a record)."""
        return self.env["mail.message"].search(
            [
                ("model", "=", False),
                ("notification_ids.res_partner_id", "=", user.partner_id.id),
                ("subject", "like", "Urging"),
            ]
        )

    def test_urges_once_per_overdue_deadline(self):
        messages = {
            c: c.message_ids for c in (self.case_1, self.case_2, self.case_on_time)
        }
        self._run()
        # Both overdue cases are urged in the same run, the on-time one is not.
        for case in (self.case_1, self.case_2):
            new = case.message_ids - messages[case]
            self.assertEqual(len(new), 1, case.summary)
            self.assertIn("Handling Deadline", str(new.body))
            self.assertEqual(new.subtype_id, self.env.ref("mail.mt_note"))
            urge = self._urges(case)
            self.assertEqual(len(urge), 1)
            # The nearest clerk up the tree, not the manager of the center.
            self.assertEqual(urge.user_id, self.clerk)
        # The leader in charge and the clerk get one digest each listing
        # their cases, not one message per case.
        expected = {
            self.leader: self.case_1 | self.case_2 | self.case_lonely,
            self.clerk: self.case_1 | self.case_2,
        }
        for person, cases in expected.items():
            digest = self._digests(person)
            self.assertEqual(len(digest), 1, person.login)
            self.assertEqual(digest.subject, f"Urging: {len(cases)} overdue")
            for case in cases:
                self.assertIn(f'data-oe-id="{case.id}"', str(digest.body))
            self.assertNotIn(f'data-oe-id="{self.case_on_time.id}"', str(digest.body))
            self.assertIn(self.case_1.summary, str(digest.body))
            # The link also opens the case from an email.
            view_link = f"/mail/view?model=xinfang.case&amp;res_id={self.case_1.id}"
            self.assertIn(view_link, str(digest.body))
        self.assertFalse(self._digests(self.handler))
        self.assertEqual(self.case_on_time.message_ids, messages[self.case_on_time])
        self.assertFalse(self._urges(self.case_on_time))

        # Next run: nothing new for the same overdue deadlines.
        counts = {c: len(c.message_ids) for c in (self.case_1, self.case_2)}
        self._run()
        for case in (self.case_1, self.case_2):
            self.assertEqual(len(case.message_ids), counts[case])
            self.assertEqual(len(self._urges(case)), 1)
        self.assertEqual(len(self._digests(self.leader)), 1)

    def test_digest_lists_a_readable_number(self):
        """A leader with a backlog gets the first cases listed and a count
        of the rest, not thousands of lines."""
        Case = self.env["xinfang.case"]
        cases = Case.browse(
            [
                Case.create({"summary": "测试：积压", "channel": "visit"}).id
                for _i in range(3)
            ]
        )
        no_deadlines = {case.id: self.env["mail.activity"] for case in cases}
        body = str(cases._urge_digest_body(no_deadlines))
        self.assertEqual(body.count("<li>"), 3)
        self.assertNotIn("more, not listed", body)
        body = str(cases._urge_digest_body(no_deadlines, max_items=2))
        self.assertEqual(body.count("<li>"), 2)
        self.assertIn("1 more, not listed here", body)
        self.assertIn("these 3 records", body)

    def test_queries_do_not_grow_with_the_backlog(self):
        """Urging 9 overdue cases costs the queries of urging 3: everything
        is batched, nothing runs per case (a county's backlog is thousands)."""

        def overdue_cases(count):
            # Due the same day: the run writes one UPDATE per due date.
            for _index in range(count):
                self.case_1.copy()._deadline_start(
                    "handling",
                    self.handler,
                    start_date=self.today - timedelta(days=40),
                    days=3,
                )

        def urge_queries():
            self.env.flush_all()
            self.env.invalidate_all()
            queries = self.env.cr.sql_log_count
            self.env["xinfang.case"]._cron_urge_overdue()
            self.env.flush_all()
            return self.env.cr.sql_log_count - queries

        urge_queries()  # the backlog of setUpClass
        overdue_cases(3)
        three, nothing_new = urge_queries(), urge_queries()
        overdue_cases(9)
        self.assertEqual(urge_queries(), three)
        # The next run, with nothing new to urge, reads no backlog either.
        self.assertEqual(urge_queries(), nothing_new)
        self.assertLess(nothing_new, three)

    def test_note_activity_and_follower_in_the_clerks_language(self):
        """The note, the urging activity and the clerk following the case
        are written in bulk, as mail's API writes them: on the case's
        chatter, by the job's user, in the clerk's language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["xinfang_agency"], ["zh_CN"])
        self.clerk.lang = "zh_CN"
        before = self.case_1.message_ids
        self._run()
        note = self.case_1.message_ids - before
        self.assertEqual(len(note), 1)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual((note.message_type, note.is_internal), ("comment", True))
        self.assertEqual(note.author_id, self.cron.user_id.partner_id)
        body = str(note.body)
        self.assertTrue(body.startswith("<p>已逾期，催办：办理期限"), body)
        self.assertIn(self.handler.name, body)
        self.assertNotIn("Overdue", body)
        urge = self._urges(self.case_1)
        self.assertEqual(urge.summary, "催办逾期时限")
        self.assertEqual(str(urge.note), body)
        self.assertEqual(urge.res_name, self.case_1.display_name)
        self.assertEqual((urge.user_id, urge.date_deadline), (self.clerk, self.today))
        # The case's activity fields see the new activity.
        self.assertIn(self.clerk, self.case_1.activity_ids.user_id)
        # The clerk follows the case with the default subtypes.
        follower = self.case_1.message_follower_ids.filtered(
            lambda f: f.partner_id == self.clerk.partner_id
        )
        default = self.env["mail.message.subtype"].default_subtypes("xinfang.case")[0]
        self.assertEqual(follower.subtype_ids, default)
        # The overdue deadline remembers it was urged; the digest is Chinese.
        handling = self.case_1.activity_ids - urge
        self.assertEqual(handling.xinfang_urged_deadline, handling.date_deadline)
        self.assertEqual(self._digests_zh(self.clerk).subject, "催办：2 件逾期")

    def _digests_zh(self, user):
        return self.env["mail.message"].search(
            [
                ("model", "=", False),
                ("notification_ids.res_partner_id", "=", user.partner_id.id),
                ("subject", "like", "催办"),
            ]
        )

    def test_moved_deadline_is_urged_again(self):
        self._run()
        handling = self.case_1.activity_ids - self._urges(self.case_1)
        self.assertEqual(handling.xinfang_urged_deadline, handling.date_deadline)
        count = len(self.case_1.message_ids)
        handling.date_deadline = self.today - timedelta(days=1)
        self._run()
        self.assertEqual(len(self.case_1.message_ids), count + 1)
        self.assertEqual(len(self._urges(self.case_1)), 2)

    def test_done_deadline_not_urged(self):
        self.case_1._deadline_done("handling")
        count = len(self.case_1.message_ids)
        self._run()
        self.assertEqual(len(self.case_1.message_ids), count)
        self.assertFalse(self._urges(self.case_1))

    def test_no_clerk_falls_back_to_creator(self):
        self._run()
        urge = self._urges(self.case_lonely)
        self.assertEqual(len(urge), 1)
        self.assertEqual(urge.user_id, self.case_lonely.create_uid)
        # The station clerk is not asked for a unit outside its tree.
        self.assertNotEqual(urge.user_id, self.clerk)

    def test_cron_is_active_daily(self):
        self.assertTrue(self.cron.active)
        self.assertEqual(self.cron.interval_type, "days")
        self.assertIn("_cron_urge_overdue", self.cron.code)
        # One job for every model using the deadline mixin.
        self.assertEqual(self.cron.model_id.model, "xinfang.deadline.mixin")
        urged = self.env["xinfang.deadline.mixin"]._deadline_urged_models()
        self.assertIn("xinfang.case", urged)
        self.assertIn("xinfang.dispute", urged)
        self.assertFalse(
            self.env.ref(
                "xinfang_agency.ir_cron_xinfang_urge_overdue_dispute",
                raise_if_not_found=False,
            )
        )
