"""Statutory deadlines worked out from a parent's own dates.

Pure functions: nothing here reads the clock (``today`` is always a parameter), the wording
is replies/deadlines.py, and the periods and legal sources come from the knowledge base
(content/national/timescales.yaml), never from this file. Dates are read with dateparser
(UK day-first, past preferred); calendar arithmetic is python-dateutil's relativedelta.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from typing import Optional

from dateparser.date import DateDataParser
from dateparser.search import search_dates
from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from knowledge import default_kb
from replies import deadlines as wording

# The kinds a parent can ask about. "appeal" covers two timescales (decision letter and
# mediation certificate) joined by the whichever-later rule.
APPEAL = "appeal"
KINDS = (
    "decide_to_assess",
    "decide_to_issue_plan",
    "final_plan",
    "draft_plan_comments",
    APPEAL,
    "annual_review",
    "phase_transfer",
    "phase_transfer_post16",
)
# Everyday words for each kind, checked in this order: the more specific phrases first,
# so "decision letter" means an appeal and "issue a plan" is not read as an assessment.
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        APPEAL,
        (
            "appeal",
            "tribunal",
            "mediation certificate",
            "certificate",
            "decision letter",
            "refused",
            "refusal",
            "turned down",
        ),
    ),
    ("draft_plan_comments", ("draft",)),
    ("phase_transfer_post16", ("post-16", "post 16", "post16", "sixth form", "college")),
    (
        "phase_transfer",
        (
            "phase transfer",
            "phase-transfer",
            "secondary",
            "moving school",
            "changing school",
            "move school",
            "new school",
            "transfer",
            "year of transfer",
            "15 february",
        ),
    ),
    ("annual_review", ("annual review", "review")),
    ("final_plan", ("final plan", "final ehc", "final ehcp", "finalised", "final version")),
    (
        "decide_to_issue_plan",
        (
            "issue a plan",
            "issue the plan",
            "issue an ehc",
            "issue a ehc",
            "whether to issue",
            "decide to issue",
            "decision to issue",
            "issue the ehc",
            "issue an ehcp",
        ),
    ),
    (
        "decide_to_assess",
        (
            "assess",
            "ehcna",
            "needs assessment",
            "request",
            "asked for an ehc",
            "applied for an ehc",
            "applied for an ehcp",
            "ehc",
            "ehcp",
        ),
    ),
)


@dataclass(frozen=True)
class ParsedDate:
    value: dt.date
    text: str  # the words the date was read from, e.g. "on 3 March"


@dataclass(frozen=True)
class DateProblem:
    kind: str  # "missing" | "imprecise" | "impossible" | "future" | "several"
    message: str


@dataclass(frozen=True)
class Deadline:
    kind: str  # a timescale id
    due: dt.date
    rule: str  # the legal source, e.g. "SEND Regulations 2014 reg 5(1)"
    start: dt.date | None = None  # None for fixed-date deadlines (phase transfer)
    period: str = ""  # "6 weeks"; empty for fixed-date deadlines
    other: Optional["Deadline"] = None  # the appeal route that was compared and lost
    citation: object | None = None  # the CitationView behind `rule`, for a linked source line


# ---------------------------------------------------------------- knowledge base access
def timescale(timescale_id: str):
    found = default_kb().timescale(timescale_id)
    if found is None:
        raise KeyError(
            f"no timescale {timescale_id!r} in the knowledge base "
            "(content/national/timescales.yaml)"
        )
    return found


# ---------------------------------------------------------------- reading dates
def _settings(today: dt.date, prefer: str = "past", **extra) -> dict:
    # Noon, so "yesterday" or "2 days ago" never slips a day near midnight.
    base = dt.datetime.combine(today, dt.time(12))
    return {
        "DATE_ORDER": "DMY",
        "PREFER_DATES_FROM": prefer,
        "RELATIVE_BASE": base,
        "RETURN_AS_TIMEZONE_AWARE": False,
        **extra,
    }


_WEEKDAY_WORDS = {w.lower() for w in (*calendar.day_name, *calendar.day_abbr)}


def _names_weekday(words: str) -> bool:
    return any(w.strip(".,") in _WEEKDAY_WORDS for w in words.lower().split())


def _candidates(text: str, today: dt.date) -> list[tuple[str, dt.date | None, str]]:
    """Every date dateparser sees in the text, as (words, date, precision)."""
    settings = _settings(today)
    strict = DateDataParser(
        languages=["en"], settings=_settings(today, REQUIRE_PARTS=["day", "month"])
    )
    lenient = DateDataParser(languages=["en"], settings=settings)
    # A message that is just a date first: search_dates misses some forms such as "3.3.2026".
    whole = lenient.get_date_data(text)
    found = [(text, whole.date_obj)] if whole.date_obj and whole.period == "day" else []
    found = found or search_dates(text, languages=["en"], settings=settings) or []
    if not found and " and " in text:
        # search_dates gives up on "3 March and 5 March" as a whole, so try each side of "and".
        for part in text.split(" and "):
            found += search_dates(part, languages=["en"], settings=settings) or []
    result = []
    for words, when in found:
        period = lenient.get_date_data(words).period or "day"
        if period == "day":
            # "year 6" reads as the 6th of this month: a day counts only with its month
            # ("3 March", "03/03"), a weekday ("last Tuesday") or as a relative day ("yesterday").
            if not (strict.get_date_data(words).date_obj or _names_weekday(words)):
                continue
        result.append((words, when.date(), period))
    return result


def _impossible(text: str, today: dt.date) -> bool:
    """True for a real-looking date not in the calendar: 31/02/2026, 29 February 2025, 13/13/2026.

    dateparser just ignores these, so we ask dateutil: it finds the day, month and year and
    raises a ParserError caused by ValueError when they do not make a date. The default is
    January (31 days) so a lone number like "he is 31" is never taken for a bad date.
    """
    try:
        dateutil_parser.parse(
            text, dayfirst=True, fuzzy=True, default=dt.datetime(today.year, 1, 1)
        )
    except dateutil_parser.ParserError as exc:
        return isinstance(exc.__cause__, ValueError)
    except (ValueError, OverflowError):
        return False
    return False


def find_dates(text: str, today: dt.date) -> list[ParsedDate] | DateProblem:
    """All the exact, past dates in a message, in the order written, or what is wrong with them."""
    text = (text or "").strip()
    if not text or text.startswith("/"):  # a button payload carries no date
        return DateProblem("missing", wording.MISSING_DATE)
    candidates = _candidates(text, today)
    exact = [(w, d) for w, d, period in candidates if period == "day"]
    if not exact:
        if _impossible(text, today):
            return DateProblem("impossible", wording.IMPOSSIBLE_DATE)
        if candidates:
            return DateProblem("imprecise", wording.IMPRECISE_DATE)
        return DateProblem("missing", wording.NO_DATE_FOUND)
    future = [d for _, d in exact if d > today]
    if future:
        return DateProblem("future", wording.future_date(future[0]))
    dates, seen = [], set()
    for words, day in exact:
        if day not in seen:
            seen.add(day)
            dates.append(ParsedDate(day, words))
    return dates


def parse_event_date(text: str, today: dt.date) -> ParsedDate | DateProblem:
    """The one past date a message gives for something that has happened."""
    dates = find_dates(text, today)
    if isinstance(dates, DateProblem):
        return dates
    if len(dates) > 1:
        return DateProblem("several", wording.several_dates(d.value for d in dates))
    return dates[0]


def parse_transfer_year(text: str, today: dt.date) -> int | DateProblem:
    """The year a child moves school: "September 2027", "2027", "next year", "this September"."""
    text = (text or "").strip()
    if not text or text.startswith("/"):
        return DateProblem("missing", wording.MISSING_YEAR)
    for required in (["year"], ["month"]):  # an explicit year first, else the next such month
        found = search_dates(
            text, languages=["en"], settings=_settings(today, "future", REQUIRE_PARTS=required)
        )
        if found:
            return found[0][1].year
    return DateProblem("missing", wording.NO_YEAR_FOUND)


# ---------------------------------------------------------------- arithmetic
def add_period(start: dt.date, period: dict) -> dt.date:
    """Add a timescale's period: calendar weeks, months or days, or working days (Monday to Friday).

    relativedelta keeps month ends sensible: 31 December + 2 months is 28 (or 29) February.
    """
    period = dict(period)
    working = period.pop("working_days", 0)
    unknown = set(period) - {"years", "months", "weeks", "days"}
    if unknown:
        raise ValueError(f"unknown period unit(s) {sorted(unknown)}")
    due = start + relativedelta(**period)
    while working:
        due += dt.timedelta(days=1)
        if due.weekday() < 5:
            working -= 1
    return due


def describe_period(period: dict) -> str:
    """{'weeks': 6} -> '6 weeks'; {'working_days': 3} -> '3 working days'."""
    parts = []
    for unit, amount in period.items():
        word = unit.replace("_", " ")
        parts.append(f"{amount} {word[:-1] if amount == 1 else word}")
    return " and ".join(parts)


def deadline_for(ts, start_date: dt.date) -> Deadline:
    """The deadline a timescale sets, counted from the parent's date."""
    if not ts.period:
        raise ValueError(
            f"timescale {ts.id!r} is a fixed date, not a period: use phase_transfer_deadline"
        )
    return Deadline(
        kind=ts.id,
        due=add_period(start_date, ts.period),
        rule=ts.citation.text,
        start=start_date,
        period=describe_period(ts.period),
        citation=ts.citation,
    )


def appeal_deadline(decision_date: dt.date, certificate_date: dt.date | None = None) -> Deadline:
    """2 months from the decision letter or 1 month from the mediation certificate, whichever
    is later."""
    from_decision = deadline_for(timescale("appeal_from_decision"), decision_date)
    if certificate_date is None:
        return from_decision
    from_certificate = deadline_for(timescale("appeal_from_certificate"), certificate_date)
    if from_certificate.due > from_decision.due:
        return replace(from_certificate, other=from_decision)
    return replace(from_decision, other=from_certificate)


def phase_transfer_deadline(year: int, post16: bool = False) -> Deadline:
    """The fixed date (15 February, or 31 March into post-16) in the year of transfer."""
    ts = timescale("phase_transfer_post16" if post16 else "phase_transfer")
    return Deadline(
        kind=ts.id,
        due=dt.date(year, ts.fixed_date["month"], ts.fixed_date["day"]),
        rule=ts.citation.text,
        citation=ts.citation,
    )


# ---------------------------------------------------------------- understanding the question
def detect_deadline_kind(text: str) -> str | None:
    """Which deadline a message is about (a timescale id, or "appeal"), from everyday words."""
    words = f" {(text or '').lower()} "
    for kind, keywords in _KEYWORDS:
        if any(k in words for k in keywords):
            return kind
    return None


def read_dates(kind: str, text: str, today: dt.date):
    """The date reading for one kind (the slow part, no knowledge base): a transfer year, the
    appeal's dates, or the one event date; or a DateProblem."""
    if kind not in KINDS:
        raise ValueError(f"unknown deadline kind {kind!r}")
    if kind.startswith("phase_transfer"):
        return parse_transfer_year(text, today)
    if kind == APPEAL:
        return find_dates(text, today)
    return parse_event_date(text, today)


def answer_from_dates(kind: str, read, today: dt.date) -> str | DateProblem:
    """The answer from what `read_dates` found (the arithmetic and the knowledge base)."""
    if isinstance(read, DateProblem):
        return read
    if kind.startswith("phase_transfer"):
        deadline = phase_transfer_deadline(read, post16=kind == "phase_transfer_post16")
    elif kind == APPEAL:
        if len(read) > 2:
            return DateProblem("several", wording.TOO_MANY_APPEAL_DATES)
        # The certificate always follows the decision, so two dates are read in date order.
        ordered = sorted(d.value for d in read)
        deadline = appeal_deadline(ordered[0], ordered[1] if len(ordered) == 2 else None)
    else:
        deadline = deadline_for(timescale(kind), read.value)
    return wording.format_deadline_answer(deadline, today)


def calculate(kind: str, text: str, today: dt.date) -> str | DateProblem:
    """The whole job for one message: read its date(s) for this kind and answer, or say what is
    wrong."""
    return answer_from_dates(kind, read_dates(kind, text, today), today)
