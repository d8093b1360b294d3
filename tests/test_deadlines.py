"""Deadlines from a parent's own dates: reading everyday dates, the arithmetic, and the answer."""

import datetime as dt
from dataclasses import replace

import pytest

from advice import deadlines as d
from replies import deadlines as wording

D = dt.date
TODAY = D(2026, 4, 15)  # a Wednesday


def due(timescale_id, start):
    return d.deadline_for(d.timescale(timescale_id), start).due


# ---------------------------------------------------------------- arithmetic
@pytest.mark.parametrize(
    "timescale_id, start, expected",
    [
        ("decide_to_assess", D(2026, 3, 3), D(2026, 4, 14)),  # the issue's own example: a Tuesday
        ("decide_to_issue_plan", D(2026, 3, 3), D(2026, 6, 23)),
        ("final_plan", D(2026, 3, 3), D(2026, 7, 21)),
        ("decide_to_assess", D(2025, 12, 20), D(2026, 1, 31)),  # across the new year
        ("final_plan", D(2025, 11, 1), D(2026, 3, 21)),
        ("draft_plan_comments", D(2026, 4, 1), D(2026, 4, 15)),  # day 1 is the day served
        ("draft_plan_comments", D(2025, 12, 20), D(2026, 1, 3)),  # across the new year
        ("appeal_from_decision", D(2025, 12, 31), D(2026, 2, 28)),  # month end: no 31 February
        ("appeal_from_decision", D(2023, 12, 31), D(2024, 2, 29)),  # leap year
        ("appeal_from_decision", D(2025, 12, 30), D(2026, 2, 28)),
        ("appeal_from_decision", D(2025, 11, 15), D(2026, 1, 15)),  # across the new year
        ("appeal_from_certificate", D(2026, 1, 31), D(2026, 2, 28)),
        ("appeal_from_certificate", D(2024, 1, 31), D(2024, 2, 29)),
        ("appeal_from_certificate", D(2024, 2, 29), D(2024, 3, 29)),
        (
            "annual_review",
            D(2024, 2, 29),
            D(2025, 2, 28),
        ),  # 29 February has no anniversary next year
        ("annual_review", D(2025, 12, 31), D(2026, 12, 31)),
        (
            "mediation_certificate",
            D(2026, 4, 10),
            D(2026, 4, 15),
        ),  # Friday + 3 working days = Wednesday
        (
            "mediation_certificate",
            D(2026, 4, 8),
            D(2026, 4, 13),
        ),  # Wednesday + 3 working days skips the weekend
    ],
)
def test_deadline_arithmetic(kb, timescale_id, start, expected):
    assert due(timescale_id, start) == expected


def test_deadline_carries_rule_and_period_from_the_knowledge_base(kb):
    deadline = d.deadline_for(d.timescale("decide_to_assess"), D(2026, 3, 3))
    assert deadline.rule == "SEND Regulations 2014 reg 5(1)"
    assert deadline.period == "6 weeks"
    assert deadline.start == D(2026, 3, 3)


def test_periods_are_not_hard_coded(kb, monkeypatch):
    """Change the period in the knowledge base and the deadline follows."""

    class EditedKB:
        def timescale(self, timescale_id):
            return replace(kb.timescale(timescale_id), period={"weeks": 7})

    monkeypatch.setattr("knowledge.queries._chosen", EditedKB())
    assert due("decide_to_assess", D(2026, 3, 3)) == D(2026, 4, 21)


def test_unknown_timescale_is_a_clear_error(kb):
    with pytest.raises(KeyError, match="no_such_thing"):
        d.timescale("no_such_thing")


def test_add_period_rejects_unknown_units():
    with pytest.raises(ValueError, match="fortnights"):
        d.add_period(D(2026, 1, 1), {"fortnights": 1})


@pytest.mark.parametrize(
    "period, text",
    [
        ({"weeks": 6}, "6 weeks"),
        ({"months": 1}, "1 month"),
        ({"days": 15}, "15 days"),
        ({"working_days": 3}, "3 working days"),
        ({"months": 12}, "12 months"),
    ],
)
def test_describe_period(period, text):
    assert d.describe_period(period) == text


# ---------------------------------------------------------------- the whichever-later rule
def test_appeal_from_decision_only(kb):
    deadline = d.appeal_deadline(D(2026, 3, 12))
    assert deadline.due == D(2026, 5, 12) and deadline.other is None
    assert deadline.rule == "Tribunal Procedure Rules 2008 r.20"


def test_appeal_certificate_later_wins(kb):
    deadline = d.appeal_deadline(D(2026, 3, 12), D(2026, 4, 20))
    assert deadline.due == D(2026, 5, 20)
    assert deadline.kind == "appeal_from_certificate"
    assert deadline.other.due == D(2026, 5, 12)


def test_appeal_decision_later_wins(kb):
    deadline = d.appeal_deadline(D(2026, 3, 12), D(2026, 4, 1))
    assert deadline.due == D(2026, 5, 12)
    assert deadline.kind == "appeal_from_decision"
    assert deadline.other.due == D(2026, 5, 1)


def test_appeal_whichever_later_across_month_ends(kb):
    # 2 months from 31 Dec 2025 is 28 Feb 2026; 1 month from 31 Jan 2026 is also 28 Feb 2026.
    assert d.appeal_deadline(D(2025, 12, 31), D(2026, 1, 31)).due == D(2026, 2, 28)
    # The certificate on 1 February wins: 1 March 2026.
    assert d.appeal_deadline(D(2025, 12, 31), D(2026, 2, 1)).due == D(2026, 3, 1)


# ---------------------------------------------------------------- phase transfer
def test_phase_transfer_deadline(kb):
    deadline = d.phase_transfer_deadline(2027)
    assert deadline.due == D(2027, 2, 15) and deadline.rule == "SEND Regulations 2014 reg 18"


def test_phase_transfer_post16_deadline(kb):
    assert d.phase_transfer_deadline(2027, post16=True).due == D(2027, 3, 31)


def test_fixed_date_timescale_cannot_be_counted_from_a_start(kb):
    with pytest.raises(ValueError, match="fixed date"):
        d.deadline_for(d.timescale("phase_transfer"), D(2026, 1, 1))


# ---------------------------------------------------------------- reading everyday dates
@pytest.mark.parametrize(
    "text, expected",
    [
        ("3 March", D(2026, 3, 3)),
        ("03/03/2026", D(2026, 3, 3)),
        ("3/3/26", D(2026, 3, 3)),
        ("3.3.2026", D(2026, 3, 3)),
        # dotted dates inside a sentence, as UK parents write them (once "imprecise" or "no date")
        ("the LA received my request on 3.3.2026", D(2026, 3, 3)),
        ("request received 03.03.26", D(2026, 3, 3)),
        ("we sent it 12.3.2026 and heard nothing", D(2026, 3, 12)),
        ("2026-03-03", D(2026, 3, 3)),
        ("the 3rd of March", D(2026, 3, 3)),
        ("3rd March 2026", D(2026, 3, 3)),
        ("March 3rd", D(2026, 3, 3)),
        ("Mar 3", D(2026, 3, 3)),
        ("1st March", D(2026, 3, 1)),
        ("01/04/2026", D(2026, 4, 1)),  # day first: 1 April, not 4 January
        ("12/03", D(2026, 3, 12)),
        ("I sent the request on 3 March", D(2026, 3, 3)),
        ("we sent the EHCP request to the LA on the 3rd of March 2026", D(2026, 3, 3)),
        ("I sent the request on 3 March and they have not replied", D(2026, 3, 3)),
        ("My son is in year 6 and we sent it on 3/3/26", D(2026, 3, 3)),  # "year 6" is not a date
        ("I may have sent it on 3 March", D(2026, 3, 3)),  # "may" is not the month
        ("the decision letter came on 5 Jan", D(2026, 1, 5)),
        ("15th Jan 2025", D(2025, 1, 15)),
        ("yesterday", D(2026, 4, 14)),
        ("today", D(2026, 4, 15)),
        ("last Tuesday", D(2026, 4, 14)),
        ("on Monday", D(2026, 4, 13)),
        ("we got the draft on Friday", D(2026, 4, 10)),
        ("3 days ago", D(2026, 4, 12)),
        ("20 April", D(2025, 4, 20)),  # no year and later than today: the last 20 April
        ("29 February 2024", D(2024, 2, 29)),
    ],
)
def test_parse_everyday_dates(text, expected):
    parsed = d.parse_event_date(text, TODAY)
    assert isinstance(parsed, d.ParsedDate), parsed
    assert parsed.value == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2026",
        "29/02/2025",
        "I got the decision letter on 31/02/2026",
        "31 February 2026",
        "13/13/2026",
        "31/04/2026",
    ],
)
def test_impossible_dates_get_a_clear_message(text):
    problem = d.parse_event_date(text, TODAY)
    assert isinstance(problem, d.DateProblem) and problem.kind == "impossible"
    assert "does not exist" in problem.message


@pytest.mark.parametrize("text", ["tomorrow", "3 March 2027", "I sent it on 20/04/2026"])
def test_future_dates_for_past_events_get_a_clear_message(text):
    problem = d.parse_event_date(text, TODAY)
    assert isinstance(problem, d.DateProblem) and problem.kind == "future"
    assert "in the future" in problem.message


@pytest.mark.parametrize("text", ["in March", "last week", "March 2026"])
def test_vague_dates_ask_for_the_day(text):
    problem = d.parse_event_date(text, TODAY)
    assert isinstance(problem, d.DateProblem) and problem.kind == "imprecise"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "I asked for an assessment",
        "he is 31",
        "year 6",
        '/deadline_calculation{"deadline_kind":"decide_to_assess"}',
    ],
)
def test_missing_dates(text):
    problem = d.parse_event_date(text, TODAY)
    assert isinstance(problem, d.DateProblem) and problem.kind == "missing"


def test_several_dates_are_queried():
    problem = d.parse_event_date("3 March and 5 March", TODAY)
    assert isinstance(problem, d.DateProblem) and problem.kind == "several"
    assert "3 March 2026 and 5 March 2026" in problem.message


def test_find_dates_keeps_both_appeal_dates():
    found = d.find_dates(
        "the decision letter was dated 12/03/2026 and the mediation certificate 01/04/2026", TODAY
    )
    assert [p.value for p in found] == [D(2026, 3, 12), D(2026, 4, 1)]


def test_today_is_a_parameter():
    assert d.parse_event_date("yesterday", D(2026, 1, 1)).value == D(2025, 12, 31)
    assert d.parse_event_date("3 March", D(2026, 3, 1)).value == D(2025, 3, 3)


@pytest.mark.parametrize(
    "text, year",
    [
        ("moving to secondary in September 2027", 2027),
        ("2027", 2027),
        ("next year", 2027),
        ("this September", 2026),
        ("September", 2026),
    ],
)
def test_transfer_year(text, year):
    assert d.parse_transfer_year(text, TODAY) == year


def test_transfer_year_missing():
    assert d.parse_transfer_year("not sure", TODAY).kind == "missing"


# ---------------------------------------------------------------- what is being asked
@pytest.mark.parametrize(
    "text, kind",
    [
        ("When will the council decide whether to assess?", "decide_to_assess"),
        ("I sent an EHC needs assessment request on 3 March", "decide_to_assess"),
        ("we applied for an EHCP last month", "decide_to_assess"),
        ("when must they decide whether to issue a plan", "decide_to_issue_plan"),
        ("when should we get the final plan", "final_plan"),
        ("we got the draft plan yesterday", "draft_plan_comments"),
        ("how long do I have to appeal", "appeal"),
        ("the decision letter came on 5 Jan", "appeal"),
        ("they refused to assess, when is the tribunal deadline", "appeal"),
        ("we have the mediation certificate", "appeal"),
        ("when is the next annual review", "annual_review"),
        ("he moves to secondary school in 2027", "phase_transfer"),
        ("phase transfer deadline", "phase_transfer"),
        ("she starts college in September 2027", "phase_transfer_post16"),
        ("hello", None),
        ("", None),
    ],
)
def test_detect_deadline_kind(text, kind):
    assert d.detect_deadline_kind(text) == kind


# ---------------------------------------------------------------- the answer
def test_answer_wording(kb):
    deadline = d.deadline_for(d.timescale("decide_to_assess"), D(2026, 3, 3))
    answer = wording.format_deadline_answer(deadline, D(2026, 4, 1))
    assert answer.startswith(
        "The council must tell you whether it will carry out an EHC needs assessment by "
        "Tuesday 14 April 2026 (6 weeks from 3 March 2026). "
        "This is information, not legal advice. Next step: "
    )
    # The rule comes last, in words, linked to the exact regulation.
    assert answer.endswith(
        "\n\nSource: [SEND Regulations 2014, regulation 5(1) (legislation.gov.uk)]"
        "(https://www.legislation.gov.uk/uksi/2014/1530/regulation/5)"
    )


def test_answer_says_when_the_date_has_passed(kb):
    deadline = d.deadline_for(d.timescale("final_plan"), D(2025, 1, 6))
    answer = wording.format_deadline_answer(deadline, TODAY)
    assert "That date has passed" in answer and "chasing the missed deadline" in answer
    assert "Next step" not in answer


def test_appeal_answer_explains_whichever_later(kb):
    answer = d.calculate(
        "appeal", "decision letter 12/03/2026, mediation certificate 20/04/2026", D(2026, 4, 25)
    )
    assert "by Wednesday 20 May 2026" in answer
    assert "1 month from the mediation certificate of 20 April 2026" in answer
    assert (
        "2 months from the decision letter of 12 March 2026 would be Tuesday 12 May 2026" in answer
    )
    assert "the later date counts" in answer
    assert "Tribunal Procedure Rules 2008, rule 20" in answer


def test_phase_transfer_answer(kb):
    answer = d.calculate("phase_transfer", "moving to secondary in September 2027", TODAY)
    assert (
        "by Monday 15 February 2027" in answer and "SEND Regulations 2014, regulation 18" in answer
    )


def test_calculate_returns_problems_not_answers(kb):
    assert d.calculate("final_plan", "31/02/2026", TODAY).kind == "impossible"
    assert d.calculate("appeal", "hello", TODAY).kind == "missing"
    with pytest.raises(ValueError):
        d.calculate("nonsense", "3 March", TODAY)


def test_every_kind_has_a_question_and_an_answer(kb):
    for kind in d.KINDS:
        assert kind in wording.DATE_QUESTIONS
        text = "September 2027" if kind.startswith("phase") else "3 March 2026"
        assert isinstance(d.calculate(kind, text, TODAY), str)


def test_passed_review_deadlines_do_not_offer_the_assessment_chasing_letter(kb):
    answer = d.calculate("annual_review", "the last review was on 10 January 2025", TODAY)
    assert (
        "by Saturday 10 January 2026 (12 months from the last review on 10 January 2025)" in answer
    )
    assert "That date has passed. If the review has not happened" in answer
    assert "chasing" not in answer


def test_passed_appeal_deadline(kb):
    answer = d.calculate("appeal", "decision letter dated 31 December 2025", TODAY)
    assert (
        "by Saturday 28 February 2026" in answer
        and "Contact IPSEA or your local IASS straight away" in answer
    )


def test_last_weekday_on_that_weekday_is_a_week_ago():
    assert d.parse_event_date("last Tuesday", D(2026, 4, 14)).value == D(2026, 4, 7)
