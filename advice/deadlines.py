"""Statutory deadlines worked out from a parent's own dates.

Pure functions: nothing here reads the clock (``today`` is always a parameter), the wording
is replies/deadlines.py, and the periods and legal sources come from the knowledge base
(content/national/timescales.yaml), never from this file. Dates are read with dateparser
(UK day-first, past preferred; a date without a year is the most recent such date not in the
future); calendar arithmetic is python-dateutil's relativedelta; working days skip English bank
holidays from the maintained ``holidays`` package. Parsing is bounded and pure, so a caller
can run it in a worker with a timeout.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Optional

import holidays
from dateparser.date import DateDataParser
from dateparser.search import search_dates
from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from knowledge import default_kb
from knowledge.schema import APPEAL_DEADLINE
from replies import deadlines as wording

# The kinds a parent can ask about. "appeal" covers two timescales (decision letter and
# mediation certificate) joined by the whichever-later rule.
APPEAL = APPEAL_DEADLINE
KINDS = (
    "decide_to_assess",
    "decide_to_issue_plan",
    "final_plan",
    "draft_plan_comments",
    APPEAL,
    "review_decision",
    "amended_plan",
    "annual_review",
    "phase_transfer",
    "phase_transfer_post16",
    "discrimination_claim",
)
# Everyday words for each kind, checked in this order: the more specific phrases first,
# so "decision letter" means an appeal and "issue a plan" is not read as an assessment.
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Before "tribunal": a discrimination claim also goes to the Tribunal, on other rules.
    ("discrimination_claim", ("discriminat",)),
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
    ("amended_plan", ("proposed amendments", "amendments", "amended plan")),
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
    (
        "review_decision",
        ("review meeting", "after the review", "review decision", "since the review"),
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


# The event a date belongs to, from the words in its own clause. Checked in this order, so the
# more specific event wins when a clause names two ("the certificate after the decision").
EVENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("certificate", ("certificate",)),
    ("amendments", ("amendment", "amended")),
    ("decision_letter", ("decision", "refus", "turned down", "letter")),
    ("draft", ("draft",)),
    ("review_meeting", ("review", "meeting")),
    ("request", ("request", "asked for", "applied", "application")),
    ("discrimination", ("discriminat", "incident", "happened")),
)
# The event each kind counts from (an appeal uses the decision letter and the certificate).
KIND_EVENT = {
    "decide_to_assess": "request",
    "decide_to_issue_plan": "request",
    "final_plan": "request",
    "draft_plan_comments": "draft",
    "review_decision": "review_meeting",
    "amended_plan": "amendments",
    "annual_review": "review_meeting",
    "discrimination_claim": "discrimination",
}
# Where one clause ends and the next begins: a date's event is named in its own clause.
_CLAUSE_BREAK = re.compile(r"[,;.!?()]|\b(?:and|but|then|while|whereas)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedDate:
    value: dt.date
    text: str  # the words the date was read from, e.g. "on 3 March"
    event: str | None = None  # what happened that day, from the words around it (EVENTS)


@dataclass(frozen=True)
class DateProblem:
    kind: str  # "missing" | "imprecise" | "impossible" | "future" | "several" | "incomplete"
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
    then: Optional["Deadline"] = None  # what follows from the same start (the amended plan)
    counts_first_day: bool = False  # "beginning with" the start day
    # Tribunal r.12(3): a deadline in 25 December-1 January or August is met by the first
    # working day after 1 January / 31 August. None when the rule does not move it.
    in_time_until: dt.date | None = None
    in_time_rule: str = ""

    @property
    def last_day(self) -> dt.date:
        """The last day on which it is still in time."""
        return self.in_time_until or self.due


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


# "3.3.2026" and "03.03.26" as UK parents write them: dateparser finds these only when they are
# the whole message, so inside a sentence they are read as "3/3/2026".
_DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d.]\d)")


def find_dates(text: str, today: dt.date) -> list[ParsedDate] | DateProblem:
    """All the exact, past dates in a message, in the order written, or what is wrong with them."""
    text = _DOTTED_DATE.sub(r"\1/\2/\3", (text or "").strip())
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
    events = _events_for(text, [w for w, _ in exact])
    dates, seen = [], set()
    for (words, day), event in zip(exact, events, strict=True):
        if (day, event) not in seen:
            seen.add((day, event))
            dates.append(ParsedDate(day, words, event))
    return dates


# Words dateparser sometimes keeps at either end of a date ("and 29 November the"); they
# belong to the clauses around it.
_FILLER = {"and", "the", "on", "of", "was", "were", "dated", "in", "at", "by", "from", "is"}


def _core(words: str) -> str:
    tokens = words.split(" ")
    while len(tokens) > 1 and tokens[0].lower() in _FILLER:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[-1].lower() in _FILLER:
        tokens.pop()
    return " ".join(tokens)


def _event_in(clause: str) -> str | None:
    # Clauses are short, so the more specific event (EVENTS order) wins over the nearer one.
    lowered = clause.lower()
    for event, words in EVENTS:
        if any(w in lowered for w in words):
            return event
    return None


def _events_for(text: str, date_words: list[str]) -> list[str | None]:
    """Tie each date to its event by the words in its own clause: first the words before it
    ("decision letter dated 1 October"), else the words after it ("1 October was the decision")."""
    spans, cursor = [], 0
    for words in map(_core, date_words):
        start = text.find(words, cursor)
        if start < 0:  # dateparser rewrote the words: no position, so no event
            spans.append(None)
            continue
        spans.append((start, start + len(words)))
        cursor = start + len(words)
    events = []
    for i, span in enumerate(spans):
        if span is None:
            events.append(None)
            continue
        previous_end = max((s[1] for s in spans[:i] if s), default=0)
        following = [s[0] for s in spans[i + 1 :] if s]
        before = _CLAUSE_BREAK.split(text[previous_end : span[0]])[-1]
        after = _CLAUSE_BREAK.split(text[span[1] : following[0] if following else len(text)])[0]
        events.append(_event_in(before) or _event_in(after))
    return events


def parse_event_date(text: str, today: dt.date) -> ParsedDate | DateProblem:
    """The one past date a message gives for something that has happened."""
    dates = find_dates(text, today)
    if isinstance(dates, DateProblem):
        return dates
    if len(dates) > 1:
        return DateProblem("several", wording.several_dates(d.value for d in dates))
    return dates[0]


def date_for_event(dates: list[ParsedDate], event: str) -> ParsedDate | DateProblem:
    """The one date of several that the message ties to ``event``; one date is taken as it is."""
    if len(dates) == 1:
        return dates[0]
    tied = [d for d in dates if d.event == event]
    if len(tied) == 1:
        return tied[0]
    return DateProblem("several", wording.several_dates(d.value for d in dates))


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
@cache
def _bank_holidays() -> holidays.HolidayBase:
    # England's bank holidays (Christmas Day and Good Friday included); years fill in on use.
    return holidays.country_holidays("GB", subdiv="ENG")


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday in England."""
    return day.weekday() < 5 and day not in _bank_holidays()


def first_working_day_after(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_period(start: dt.date, period: dict, counts_first_day: bool = False) -> dt.date:
    """Add a timescale's period: calendar weeks, months or days, or working days.

    relativedelta keeps month ends sensible: 31 December + 2 months is 28 (or 29) February.
    ``counts_first_day`` is for periods "beginning with" the start day (the draft plan's 15
    days, SEND Regs reg 13(1)(a)): the start is day 1, so 15 days from 1 March end on 15 March.
    """
    period = dict(period)
    working = period.pop("working_days", 0)
    unknown = set(period) - {"years", "months", "weeks", "days"}
    if unknown:
        raise ValueError(f"unknown period unit(s) {sorted(unknown)}")
    due = start + relativedelta(**period)
    if counts_first_day:
        due -= dt.timedelta(days=1)
    while working:
        due += dt.timedelta(days=1)
        if is_working_day(due):
            working -= 1
    return due


def christmas_august_day(due: dt.date) -> dt.date | None:
    """Tribunal r.12(3): a deadline from 25 December to 1 January, or in August, is met by the
    first working day after 1 January or 31 August. None when the deadline is outside both."""
    if due.month == 12 and due.day >= 25:
        return first_working_day_after(dt.date(due.year + 1, 1, 1))
    if due.month == 1 and due.day == 1:
        return first_working_day_after(due)
    if due.month == 8:
        return first_working_day_after(dt.date(due.year, 8, 31))
    return None


def describe_period(period: dict) -> str:
    """{'weeks': 6} -> '6 weeks'; {'months': 1} -> '1 month' (the wording is in replies)."""
    return wording.period_words(period)


def deadline_for(ts, start_date: dt.date) -> Deadline:
    """The deadline a timescale sets, counted from the parent's date."""
    if not ts.period:
        raise ValueError(
            f"timescale {ts.id!r} is a fixed date, not a period: use phase_transfer_deadline"
        )
    return Deadline(
        kind=ts.id,
        due=add_period(start_date, ts.period, ts.counts_first_day),
        rule=ts.citation.text,
        start=start_date,
        period=describe_period(ts.period),
        citation=ts.citation,
        counts_first_day=ts.counts_first_day,
    )


def with_christmas_august_rule(deadline: Deadline) -> Deadline:
    """Apply the Tribunal's r.12(3) rule if this timescale has it (SEN appeals, not
    discrimination claims)."""
    rule = timescale(deadline.kind).christmas_august_rule
    moved = christmas_august_day(deadline.due) if rule is not None else None
    if moved is None:
        return deadline
    return replace(deadline, in_time_until=moved, in_time_rule=rule.text)


def appeal_deadline(decision_date: dt.date, certificate_date: dt.date | None = None) -> Deadline:
    """2 months from the decision letter or 1 month from the mediation certificate, whichever
    is later."""
    from_decision = deadline_for(timescale("appeal_from_decision"), decision_date)
    if certificate_date is None:
        return with_christmas_august_rule(from_decision)
    from_certificate = deadline_for(timescale("appeal_from_certificate"), certificate_date)
    if from_certificate.due > from_decision.due:
        return with_christmas_august_rule(replace(from_certificate, other=from_decision))
    return with_christmas_august_rule(replace(from_decision, other=from_certificate))


def review_deadlines(meeting: dt.date) -> Deadline:
    """After an annual review meeting: the council's decision (4 weeks, with any proposed
    amendments), then the amended plan (8 weeks from the amendments: at most 12 weeks)."""
    decision_ts, amended_ts = timescale("review_decision"), timescale("amended_plan")
    if set(decision_ts.period) != set(amended_ts.period):
        raise ValueError("review_decision and amended_plan must be counted in the same unit")
    decision = deadline_for(decision_ts, meeting)
    amended = deadline_for(amended_ts, decision.due)
    both = {
        u: decision_ts.period.get(u, 0) + amended_ts.period.get(u, 0) for u in amended_ts.period
    }
    latest = replace(amended, start=meeting, period=describe_period(both))
    return replace(decision, then=latest)


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
    """The date reading for one kind (the slow part, no knowledge base, run in a worker by
    advice/date_worker.py): a transfer year, or the dates with the events they belong to; or a
    DateProblem."""
    if kind not in KINDS:
        raise ValueError(f"unknown deadline kind {kind!r}")
    if kind.startswith("phase_transfer"):
        return parse_transfer_year(text, today)
    return find_dates(text, today)


def deadline_from_dates(kind: str, read, today: dt.date) -> Deadline | DateProblem:
    """The deadline from what `read_dates` found (the arithmetic and the knowledge base)."""
    if isinstance(read, DateProblem):
        return read
    if kind.startswith("phase_transfer"):
        return phase_transfer_deadline(read, post16=kind == "phase_transfer_post16")
    if kind == APPEAL:
        appeal = _appeal_dates(read)
        if isinstance(appeal, DateProblem):
            return appeal
        return appeal_deadline(*appeal)
    when = date_for_event(read, KIND_EVENT[kind])
    if isinstance(when, DateProblem):
        return when
    if kind == "review_decision":
        return review_deadlines(when.value)
    return deadline_for(timescale(kind), when.value)


def work_out(kind: str, text: str, today: dt.date) -> Deadline | DateProblem:
    """The deadline for this kind from the message's date(s), or what is wrong with them."""
    return deadline_from_dates(kind, read_dates(kind, text, today), today)


def calculate(kind: str, text: str, today: dt.date) -> str | DateProblem:
    """The whole job for one message: read its date(s) for this kind and answer, or say what is
    wrong."""
    deadline = work_out(kind, text, today)
    if isinstance(deadline, DateProblem):
        return deadline
    return wording.format_deadline_answer(deadline, today)


# ---------------------------------------------------------------- the timeline picture
# The EHC steps all count from the request, so a question about any one of them gets all three.
EHC_STEPS = ("decide_to_assess", "decide_to_issue_plan", "final_plan")


def _event(label: str, day: dt.date, today: dt.date, deadline: bool = False) -> dict:
    return {
        "label": label,
        "date": day.isoformat(),
        "date_text": wording.format_date(day),
        "passed": day < today,
        "deadline": deadline,
    }


def timeline(deadline: Deadline, today: dt.date) -> dict | None:
    """The parent's dates and deadlines in date order, for the widget to draw (a custom payload).

    ``{"title", "events": [{"label", "date", "date_text", "passed", "deadline"}], "today",
    "today_text"}``; None for deadlines with no starting date of the parent's own (phase
    transfer). Labels come from replies/deadlines.py.
    """
    if deadline.start is None:
        return None
    labels = wording.TIMELINE_LABELS
    if deadline.kind in EHC_STEPS:
        events = [_event(labels["request"], deadline.start, today)]
        for step in EHC_STEPS:
            ts = timescale(step)
            label = f"{describe_period(ts.period)}: {dict(wording.KIND_CHOICES)[step]}"
            events.append(_event(label, add_period(deadline.start, ts.period), today, True))
        title = wording.TIMELINE_TITLES["ehc"]
    elif deadline.kind.startswith("appeal_"):
        routes = [deadline] + ([deadline.other] if deadline.other is not None else [])
        events = [_event(labels[r.kind], r.start, today) for r in routes]
        events.append(_event(labels["appeal_due"], deadline.due, today, True))
        title = wording.TIMELINE_TITLES[APPEAL]
    else:
        events = [
            _event(labels.get(deadline.kind, labels["start"]), deadline.start, today),
            _event(labels.get(deadline.kind + "_due", labels["due"]), deadline.due, today, True),
        ]
        title = wording.TIMELINE_TITLES["other"]
    events.sort(key=lambda e: e["date"])
    return {
        "title": title,
        "events": events,
        "today": today.isoformat(),
        "today_text": wording.format_date(today),
    }


def _appeal_dates(dates: list[ParsedDate]) -> tuple[dt.date, dt.date | None] | DateProblem:
    """(decision letter, mediation certificate) from the words around each date; dates with no
    event words are read in date order, as the certificate follows the decision."""
    if len(dates) > 2:
        return DateProblem("several", wording.TOO_MANY_APPEAL_DATES)
    decision = [d.value for d in dates if d.event == "decision_letter"]
    certificate = [d.value for d in dates if d.event == "certificate"]
    if len(dates) == 1:
        if certificate:
            return DateProblem("incomplete", wording.NEED_DECISION_DATE)
        return dates[0].value, None
    if len(decision) == 1 and len(certificate) == 1:
        return decision[0], certificate[0]
    if len(decision) == 1:  # the other date is the certificate
        return decision[0], next(d.value for d in dates if d.event != "decision_letter")
    if len(certificate) == 1:
        return next(d.value for d in dates if d.event != "certificate"), certificate[0]
    first, second = sorted(d.value for d in dates)
    return first, second
