"""Issue 10 items 1 and 4: the draft plan's 15 days, dates tied to their events, the Tribunal's
Christmas and August rule, bank holidays, passed deadlines, annual review and discrimination."""

import datetime as dt

import pytest

from advice import deadlines as d
from knowledge.schema import TimescaleIn

D = dt.date
EXAMPLE = "decision letter dated 1 October, mediation certificate dated 29 November"


# ---------------------------------------------------------------- item 1: the draft plan
def test_draft_served_on_1_march_leaves_until_15_march(kb):
    # SEND Regs reg 13(1)(a): at least 15 days *beginning with* the day the draft was served.
    deadline = d.deadline_for(d.timescale("draft_plan_comments"), D(2026, 3, 1))
    assert deadline.due == D(2026, 3, 15)
    answer = d.calculate("draft_plan_comments", "the draft came on 1 March", D(2026, 3, 2))
    assert "until at least Sunday 15 March 2026" in answer
    assert "15 days from 1 March 2026, counting that day" in answer


def test_draft_plan_cites_the_regulation_that_sets_the_period(kb):
    ts = kb.timescale("draft_plan_comments")
    assert ts.counts_first_day and "reg 13(1)(a)" in ts.citation.text
    answer = d.calculate("draft_plan_comments", "draft on 1 March 2026", D(2026, 3, 2))
    # The rule is the source line, in words and linked to the regulation (replies/deadlines.py).
    assert "regulation 13(1)(a)" in answer and "/regulation/13" in answer and "s.38" not in answer


def test_only_the_draft_period_counts_its_first_day(kb):
    counted = [t.id for t in kb.timescales() if t.counts_first_day]
    assert counted == ["draft_plan_comments"]
    assert d.deadline_for(d.timescale("decide_to_assess"), D(2026, 3, 3)).due == D(2026, 4, 14)


def test_mediation_counts_from_the_council_being_told(kb):
    assert "council is told" in kb.timescale("mediation_held").starts


def test_counting_rule_needs_a_period():
    with pytest.raises(ValueError, match="need a period"):
        TimescaleIn(
            id="x",
            label="x",
            fixed_date={"month": 2, "day": 15},
            starts="x",
            citation={"source": "send_regs"},
            counts_first_day=True,
        )


# ---------------------------------------------------------------- item 4: dates tied to events
def test_the_issues_example_is_in_time_until_after_new_year(kb):
    # Read on 3 January 2027: one month from the certificate is 29 December 2026, inside
    # 25 December-1 January, so the appeal is in time until the first working day after
    # 1 January (Monday 4 January 2027), not "passed".
    answer = d.calculate("appeal", EXAMPLE, D(2027, 1, 3))
    assert "by Tuesday 29 December 2026 (1 month from the mediation certificate of 29 November" in (
        answer
    )
    assert "still in time if it arrives by Monday 4 January 2027" in answer
    assert "has passed" not in answer and "r.12(3)" in answer


def test_dates_are_tied_by_their_words_not_their_order(kb):
    dates = d.find_dates(
        "mediation certificate dated 29 November 2026, decision letter dated 1 October 2026",
        D(2027, 1, 3),
    )
    assert [(p.value, p.event) for p in dates] == [
        (D(2026, 11, 29), "certificate"),
        (D(2026, 10, 1), "decision_letter"),
    ]
    # A certificate that came first in the year (a wrong year typed) is still the certificate.
    assert d._appeal_dates(
        [d.ParsedDate(D(2026, 10, 1), "", "certificate"), d.ParsedDate(D(2026, 11, 1), "", None)]
    ) == (D(2026, 11, 1), D(2026, 10, 1))


@pytest.mark.parametrize(
    "text, events",
    [
        (EXAMPLE, ["decision_letter", "certificate"]),
        (
            "1 October was the decision letter and 29 November the certificate",
            ["decision_letter", "certificate"],
        ),
        ("we asked for an assessment on 3 March and the draft came 20 July", ["request", "draft"]),
        (
            "review meeting 3 March; proposed amendments sent 20 March",
            ["review_meeting", "amendments"],
        ),
    ],
)
def test_each_date_gets_the_event_named_in_its_clause(text, events):
    dates = d.find_dates(text, D(2026, 12, 1))
    assert [p.event for p in dates] == events


def test_a_certificate_alone_asks_for_the_decision_date(kb):
    problem = d.calculate("appeal", "the certificate is dated 10 March", D(2026, 3, 20))
    assert isinstance(problem, d.DateProblem) and "decision letter" in problem.message


def test_the_kind_picks_its_own_date_among_several(kb):
    answer = d.calculate(
        "draft_plan_comments",
        "we asked for an assessment on 3 January and the draft was served on 1 March",
        D(2026, 3, 2),
    )
    assert "until at least Sunday 15 March 2026" in answer


@pytest.mark.parametrize(
    "text, today, expected",
    [
        ("29 November", D(2026, 11, 22), D(2025, 11, 29)),  # not in the future: last year
        ("22 November", D(2026, 11, 22), D(2026, 11, 22)),  # today counts
        ("1 October", D(2026, 11, 22), D(2026, 10, 1)),
    ],
)
def test_a_date_without_a_year_is_the_most_recent_one_not_in_the_future(text, today, expected):
    assert d.parse_event_date(text, today).value == expected


# ---------------------------------------------------------------- the Tribunal's r.12(3) rule
@pytest.mark.parametrize(
    "due, in_time_until",
    [
        (D(2026, 12, 29), D(2027, 1, 4)),  # 1 January 2027 is a Friday
        (D(2026, 12, 25), D(2027, 1, 4)),
        (D(2027, 1, 1), D(2027, 1, 4)),
        (D(2027, 12, 31), D(2028, 1, 4)),  # 3 January 2028 is New Year's Day's bank holiday
        (D(2026, 8, 2), D(2026, 9, 1)),  # 31 August 2026 is the late summer bank holiday
        (D(2027, 8, 15), D(2027, 9, 1)),
        (D(2026, 12, 24), None),
        (D(2027, 1, 2), None),
        (D(2026, 9, 1), None),
    ],
)
def test_christmas_and_august_window(due, in_time_until):
    assert d.christmas_august_day(due) == in_time_until


def test_august_appeal_deadline_moves_to_september(kb):
    deadline = d.appeal_deadline(D(2026, 6, 2))
    assert deadline.due == D(2026, 8, 2) and deadline.last_day == D(2026, 9, 1)


def test_discrimination_claims_do_not_get_the_christmas_august_rule(kb):
    # 6 months from 10 February is 10 August: the claim is due then, not in September.
    answer = d.calculate("discrimination_claim", "discriminated on 10 February", D(2026, 8, 20))
    assert "by Monday 10 August 2026 (6 months from the discrimination on 10 February 2026)" in (
        answer
    )
    assert "still in time" not in answer and "has passed" in answer
    assert "reasons it is late" in answer and "complain to the school" in answer


def test_working_days_skip_english_bank_holidays(kb):
    # Thursday 2 April 2026 + 3 working days: Good Friday and Easter Monday do not count.
    assert d.add_period(D(2026, 4, 2), {"working_days": 3}) == D(2026, 4, 9)
    assert not d.is_working_day(D(2026, 12, 28))  # Boxing Day's substitute
    assert d.is_working_day(D(2027, 1, 4))


# ---------------------------------------------------------------- passed deadlines
def test_a_passed_appeal_deadline_says_a_late_appeal_is_still_possible(kb):
    answer = d.calculate("appeal", "decision letter dated 2 March 2026", D(2026, 6, 20))
    assert "has passed" in answer
    assert "send your appeal late, with the reasons it is late" in answer
    assert "the Tribunal decides whether to accept it" in answer


def test_a_passed_council_deadline_points_to_a_complaint(kb):
    answer = d.calculate(
        "decide_to_assess", "we asked for an assessment on 2 January", D(2026, 6, 1)
    )
    assert "has passed" in answer and "complaints procedure" in answer and "Ombudsman" in answer


# ---------------------------------------------------------------- annual review deadlines
def test_after_a_review_meeting_decision_in_4_weeks_amended_plan_within_12(kb):
    assert d.detect_deadline_kind("the annual review meeting was on 3 March") == "review_decision"
    answer = d.calculate(
        "review_decision", "the annual review meeting was on 3 March", D(2026, 3, 5)
    )
    assert "by Tuesday 31 March 2026 whether it will keep the plan" in answer
    assert "4 weeks from the review meeting on 3 March 2026" in answer
    assert "within 8 weeks of the proposed amendments" in answer
    assert "at the latest by Tuesday 26 May 2026 (12 weeks from the review meeting" in answer


def test_amended_plan_8_weeks_from_the_proposed_amendments(kb):
    text = "the proposed amendments came on 10 March"
    assert d.detect_deadline_kind(text) == "amended_plan"
    answer = d.calculate("amended_plan", text, D(2026, 3, 20))
    assert "amended EHC plan by Tuesday 5 May 2026 (8 weeks from the proposed amendments" in answer


def test_review_meeting_and_amendment_dates_in_one_message(kb):
    text = "review meeting 3 March; proposed amendments sent 20 March"
    answer = d.calculate("amended_plan", text, D(2026, 3, 25))
    assert "by Friday 15 May 2026 (8 weeks from the proposed amendments of 20 March 2026)" in answer


def test_discrimination_claim_is_detected_before_tribunal_appeals(kb):
    kind = d.detect_deadline_kind("when do I claim disability discrimination at the tribunal?")
    assert kind == "discrimination_claim"


# ---------------------------------------------------------------- through the action
def test_the_action_answers_the_issues_example_in_time(kb):
    from actions.deadlines import ActionCalculateDeadline
    from tests.dialogue import run, tracker

    action = ActionCalculateDeadline(today=lambda: D(2027, 1, 3))
    text, _, events = run(action, tracker(EXAMPLE, "deadline_calculation"))
    assert "in time if it arrives by Monday 4 January 2027" in text and "has passed" not in text
    assert events[-1]["value"] is None  # answered: nothing left to ask


def test_the_action_asks_for_the_decision_date_and_keeps_the_kind(kb):
    from actions.deadlines import ActionCalculateDeadline
    from tests.dialogue import run, tracker

    action = ActionCalculateDeadline(today=lambda: D(2026, 3, 20))
    message = "my mediation certificate is dated 10 March, when must I appeal?"
    text, _, events = run(action, tracker(message, "deadline_calculation"))
    assert "date on the council's decision letter" in text
    assert events[-1]["value"] == "appeal"


@pytest.mark.parametrize(
    "kind, text",
    [("review_decision", "review meeting 2 January"), ("amended_plan", "amendments 2 January")],
)
def test_passed_review_deadlines_say_what_to_do_without_the_assessment_letter(kb, kind, text):
    answer = d.calculate(kind, text, D(2026, 9, 1))
    assert "has passed" in answer and "ask it in writing" in answer
    assert "complaints procedure" in answer and "I can write one" not in answer
