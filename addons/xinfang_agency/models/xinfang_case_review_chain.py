from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_company import office_today
from .xinfang_case_review import REVIEW_LEVELS


class XinfangCaseReviewChain(models.AbstractModel):
    """复查 and 复核 of a case (条例 Art. 35/36): one line per level
    (``xinfang.case.review``), decided by the petition office of the unit
    above the one that answered. Upheld, the level closes (after the 复核
    the matter is terminated and revisited); revoked or changed with the
    petition found reasonable, the case goes back to handling with a new
    deadline and the 一案双查 recorded on the line.

    A concern of ``xinfang.case`` only (it reads the case's fields and its
    flow guard), kept apart from the case's file.
    """

    _name = "xinfang.case.review.chain"
    _description = "Petition Review Chain"

    review_ids = fields.One2many(
        "xinfang.case.review", "case_id", string="Reviews", readonly=True, copy=False
    )

    # ------------------------------------------------------------------
    # Reading the chain
    # ------------------------------------------------------------------
    def _review_line(self, level):
        self.ensure_one()
        return self.sudo().review_ids.filtered(lambda r: r.level == level)[:1]

    def _review_open(self):
        """The line awaiting its decision, if any."""
        self.ensure_one()
        return self.sudo().review_ids.filtered(lambda r: r.state == "requested")[:1]

    def _review_pending(self):
        return bool(self._review_open())

    def _review_last_answer_date(self):
        """The latest written answer to the petitioner: the feedback on the
        reply or a review decision. The request windows and the revisit
        count from it."""
        self.ensure_one()
        dates = [self.feedback_date, self.closed_date]
        dates += self.sudo().review_ids.mapped("decision_date")
        dates = [day for day in dates if day]
        return max(dates) if dates else office_today(self)

    def _review_reopened_since(self, moment):
        """Whether a review decision sent the case back to handling after
        ``moment`` (a sign-off's time)."""
        self.ensure_one()
        return any(
            review._reopens_handling() and review.decided_at >= moment
            for review in self.sudo().review_ids
        )

    def _review_answered_unit(self, level):
        """The unit whose answer a ``level`` review contests."""
        self.ensure_one()
        if level == "review":
            return (self.handling_unit_id or self.agency_unit_id).sudo()
        return self._review_line("review").unit_id

    def _review_office_user(self, unit):
        """Who answers a review decided by ``unit``: a clerk of that unit's
        petition office, else of the nearest office above it, else the
        unit's head."""
        path = [int(i) for i in (unit.sudo().parent_path or "").split("/") if i]
        clerks = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    (
                        "groups_id",
                        "in",
                        self.env.ref("xinfang_agency.group_xinfang_clerk").ids,
                    ),
                    ("xinfang_unit_id", "in", path),
                    ("share", "=", False),
                ],
                order="id",
            )
        )
        for unit_id in reversed(path):
            clerk = clerks.filtered(lambda c, u=unit_id: c.xinfang_unit_id.id == u)[:1]
            if clerk:
                return clerk
        return unit.sudo().head_id or self.leader_id or self.env.user

    def _review_level_label(self, level):
        return dict(
            self.env["xinfang.case.review"]
            ._fields["level"]
            ._description_selection(self.env)
        )[level]

    # ------------------------------------------------------------------
    # Why a review step does not apply now (flow table ``unless``)
    # ------------------------------------------------------------------
    def _flow_unless_review_possible(self):
        if self.satisfaction != "dissatisfied" or self.sudo().review_ids:
            return self.env._(
                "A review of case %(case)s can only be requested once, by a "
                "dissatisfied petitioner.",
                case=self.name,
            )
        return None

    def _flow_unless_re_review_possible(self):
        review = self._review_line("review")
        if (
            self.satisfaction != "dissatisfied"
            or review.state != "decided"
            or self._review_line("re_review")
        ):
            return self.env._(
                "A re-review of case %(case)s needs a decided review and a "
                "petitioner still dissatisfied.",
                case=self.name,
            )
        return None

    def _flow_unless_review_pending(self):
        return self._review_unless_decidable("review")

    def _flow_unless_re_review_pending(self):
        return self._review_unless_decidable("re_review")

    def _review_unless_decidable(self, level):
        review = self._review_open()
        if review.level != level:
            return self.env._(
                "Case %(case)s has no %(level)s awaiting a decision.",
                case=self.name,
                level=self._review_level_label(level),
            )
        if review.unit_id.id not in self.env.user.xinfang_jurisdiction_ids.ids:
            return self.env._(
                "The %(level)s of case %(case)s is decided by the petition office "
                "of %(unit)s.",
                level=self._review_level_label(level),
                case=self.name,
                unit=review.unit_id.display_name,
            )
        return None

    def _flow_check_review_reopens(self):
        review = (
            self.sudo().review_ids.filtered("decision_date").sorted("decided_at")[-1:]
        )
        if not (review and review._reopens_handling()):
            return self.env._(
                "Only a review decision finding the petition of case %(case)s "
                "reasonable sends it back to handling.",
                case=self.name,
            )
        return None

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    def action_request_review(self, request_date=None):
        """复查: the dissatisfied petitioner asks the unit above the
        handling unit (within 30 days of the written answer)."""
        self._ensure_can_move("action_request_review")
        return self._review_request("review", request_date)

    def action_request_re_review(self, request_date=None):
        """复核: the petitioner, still dissatisfied with the 复查, asks the
        unit above the one that decided it."""
        self._ensure_can_move("action_request_re_review")
        return self._review_request("re_review", request_date)

    def _review_request(self, level, request_date):
        label = self._review_level_label(level)
        request_date = request_date or office_today(self)
        self._check_not_future(
            request_date, self.env._("The %(level)s request", level=label)
        )
        for case in self:
            case.check_access("write")
            answered = case._review_answered_unit(level)
            unit = answered.parent_id
            if not unit:
                raise UserError(
                    self.env._(
                        "No unit above %(unit)s decides the %(level)s of case "
                        "%(case)s: the petitioner turns to the petition office of "
                        "the next government level.",
                        unit=answered.display_name,
                        level=label,
                        case=case.name,
                    )
                )
            answered_on = case._review_last_answer_date()
            if request_date < answered_on:
                raise UserError(
                    self.env._(
                        "The %(level)s of case %(case)s cannot be requested "
                        "(%(requested)s) before the answer it contests (%(answered)s).",
                        level=label,
                        case=case.name,
                        requested=request_date,
                        answered=answered_on,
                    )
                )
            case._check_request_window(answered_on, request_date, label)
            self.env["xinfang.case.review"].sudo().create(
                {
                    "case_id": case.id,
                    "level": level,
                    "request_date": request_date,
                    "answered_unit_id": answered.id,
                    "unit_id": unit.id,
                    "deadline_date": case._deadline_compute(
                        level, start_date=request_date
                    ),
                }
            )
            office = case._review_office_user(unit)
            case._deadline_start(level, office, start_date=request_date)
            case.message_post(
                body=self.env._(
                    "%(level)s requested on %(date)s; decided by %(unit)s.",
                    level=label,
                    date=request_date,
                    unit=unit.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _check_request_window(self, base_date, request_date, what):
        """Art. 35/36: request within the configured window (30 days)."""
        days, _unit = self._deadline_limit("review_request")
        last_day = self._deadline_add(base_date, "review_request")
        if request_date > last_day:
            raise UserError(
                self.env._(
                    "A %(what)s must be requested within %(days)s days of the "
                    "written answer of %(date)s (by %(last_day)s); case "
                    "%(case)s is past that limit.",
                    what=what,
                    days=days,
                    date=base_date,
                    last_day=last_day,
                    case=self.name,
                )
            )

    def action_record_review_answer(
        self,
        answer=None,
        answer_date=None,
        outcome=None,
        found_reasonable=False,
        dual_check_examined=None,
        dual_check_result=None,
    ):
        """The office of the unit above decides the 复查."""
        self._ensure_can_move("action_record_review_answer")
        if answer is None and outcome is None:
            return self._open_step_wizard(
                "review_answer", self.env._("Record the Review Answer")
            )
        return self._review_decide(
            "review",
            answer,
            answer_date,
            outcome,
            found_reasonable,
            dual_check_examined,
            dual_check_result,
        )

    def action_record_re_review_answer(
        self,
        answer=None,
        answer_date=None,
        outcome=None,
        found_reasonable=False,
        dual_check_examined=None,
        dual_check_result=None,
    ):
        """The office of the unit above that decides the 复核: the matter is
        terminated (三级终结)."""
        self._ensure_can_move("action_record_re_review_answer")
        if answer is None and outcome is None:
            return self._open_step_wizard(
                "re_review_answer", self.env._("Record the Re-review Answer")
            )
        return self._review_decide(
            "re_review",
            answer,
            answer_date,
            outcome,
            found_reasonable,
            dual_check_examined,
            dual_check_result,
        )

    def _review_decide(
        self, level, answer, answer_date, outcome, found_reasonable, examined, result
    ):
        problem = self.env["xinfang.case.review"]._decision_problem(
            outcome, answer, found_reasonable, examined, result
        )
        if problem:
            raise UserError(problem)
        label = self._review_level_label(level)
        answer_date = answer_date or office_today(self)
        self._check_not_future(
            answer_date, self.env._("The %(level)s decision", level=label)
        )
        for case in self:
            case.check_access("write")
            review = case._review_open()
            if answer_date < review.request_date:
                raise UserError(
                    self.env._(
                        "The %(level)s decision of case %(case)s (%(decided)s) "
                        "cannot be before its request (%(requested)s).",
                        level=label,
                        case=case.name,
                        decided=answer_date,
                        requested=review.request_date,
                    )
                )
            redo = found_reasonable and case._deadline_add(
                answer_date, case._deadline_handling_key()
            )
            review._decide(
                answer_date, outcome, answer, found_reasonable, examined, result, redo
            )
            case._deadline_done(level, feedback=answer)
            case.message_post(
                body=case._review_decision_note(review), subtype_xmlid="mail.mt_note"
            )
            if level == "re_review":
                case._flow_write({"terminated": True})
            if review._reopens_handling():
                case._review_reopen_handling(review)
            elif level == "re_review":
                case._review_terminate()
        self._on_review_decided(level)
        return True

    def _review_decision_note(self, review):
        outcome = dict(review._fields["outcome"]._description_selection(self.env))[
            review.outcome
        ]
        body = self.env._(
            "%(level)s decided by %(user)s on %(date)s: %(outcome)s. %(reasoning)s",
            level=self._review_level_label(review.level),
            user=self.env.user.name,
            date=review.decision_date,
            outcome=outcome,
            reasoning=review.reasoning,
        )
        if review._reopens_handling():
            body = "%s %s" % (
                body,
                self.env._(
                    "The petition is found reasonable: handled again by %(deadline)s. "
                    "一案双查 of %(examined)s: %(result)s",
                    deadline=review.redo_deadline_date,
                    examined=review.dual_check_examined,
                    result=review.dual_check_result,
                ),
            )
        return body

    def _review_reopen_handling(self, review):
        """撤销/变更, found reasonable: back to handling with a new deadline;
        the petitioner is told the new answer again afterwards."""
        self._ensure_can_move("_review_reopen_handling")
        self._flow_write(
            {
                "satisfaction": False,
                "feedback_method": False,
                "feedback_date": False,
                "closed_date": False,
            }
        )
        self._move_to("_review_reopen_handling")
        days, _unit = self._deadline_limit(self._deadline_handling_key())
        activity = self._deadline_start(
            "handling",
            self._responsible_user(),
            start_date=review.decision_date,
            days=days,
        )
        activity.date_deadline = review.redo_deadline_date
        self._flow_write({"deadline_date": review.redo_deadline_date})

    def _review_terminate(self):
        """After the 复核 (upheld, or not found reasonable): terminated, the
        revisit follows."""
        self._ensure_can_move("_review_terminate")
        self.message_post(
            body=self.env._(
                "The matter is terminated after the re-review; the same "
                "facts will not be accepted again."
            ),
            subtype_xmlid="mail.mt_note",
        )
        return self._start_revisit("_review_terminate")

    # ------------------------------------------------------------------
    # 18.0.1.3.0: the flat review fields become lines
    # ------------------------------------------------------------------
    @api.model
    def _xinfang_migrate_review_lines(self):
        """Move the 复查/复核 of the former flat columns (``review_*`` and
        ``re_review_*`` of ``xinfang_case``) into review lines; the outcome
        of an answer given before outcomes existed is "upheld". Returns the
        number of lines created; running it twice creates none."""
        cr = self.env.cr
        cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'xinfang_case' "
            "AND column_name = 're_review_answer_date'"
        )
        if not cr.fetchone():
            return 0
        cr.execute(
            """
            SELECT c.id, c.review_request_date, c.review_answer_date, c.review_answer,
                   c.re_review_request_date, c.re_review_answer_date, c.re_review_answer
              FROM xinfang_case c
             WHERE c.review_request_date IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM xinfang_case_review r
                                WHERE r.case_id = c.id)
             ORDER BY c.id
            """
        )
        rows = cr.fetchall()
        Review = self.env["xinfang.case.review"].sudo()
        created = 0
        for case_id, *columns in rows:
            case = self.sudo().with_context(active_test=False).browse(case_id)
            created += case._xinfang_migrate_case_reviews(Review, columns)
        return created

    def _xinfang_migrate_case_reviews(self, Review, columns):
        levels = dict(
            zip(("review", "re_review"), (columns[:3], columns[3:]), strict=False)
        )
        answered = self.handling_unit_id or self.agency_unit_id
        created = 0
        for level, _label in REVIEW_LEVELS:
            requested, decided, answer = levels[level]
            if not requested:
                continue
            unit = answered.parent_id or answered
            values = {
                "case_id": self.id,
                "level": level,
                "request_date": requested,
                "answered_unit_id": answered.id,
                "unit_id": unit.id,
                "deadline_date": self._deadline_compute(level, start_date=requested),
            }
            if decided:
                values.update(
                    decision_date=decided,
                    outcome="upheld",
                    reasoning=answer or self.env._("Answer recorded before outcomes."),
                )
            Review.with_context(xinfang_migration=True).create(values)
            answered = unit
            created += 1
        return created
