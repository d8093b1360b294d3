"""Statutory deadlines worked out from a parent's own dates.

Pure functions: nothing here reads the clock (``today`` is always a parameter) and the
periods and legal sources come from the knowledge base (content/national/timescales.yaml),
never from this file. Dates are read with dateparser (UK day-first, past preferred);
calendar arithmetic is python-dateutil's relativedelta.
"""
import calendar
import datetime as dt
from dataclasses import dataclass, replace
from typing import List, Optional, Tuple, Union

from dateparser.date import DateDataParser
from dateparser.search import search_dates
from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

DISCLAIMER = "This is information, not legal advice."

# The kinds a parent can ask about. "appeal" covers two timescales (decision letter and
# mediation certificate) joined by the whichever-later rule.
APPEAL = "appeal"
KINDS = (
    "decide_to_assess", "decide_to_issue_plan", "final_plan", "draft_plan_comments",
    APPEAL, "annual_review", "phase_transfer", "phase_transfer_post16",
)
# The kinds offered as buttons when we cannot tell what the parent is asking about.
KIND_CHOICES = (
    ("decide_to_assess", "Decision on an assessment"),
    ("decide_to_issue_plan", "Decision on issuing a plan"),
    ("final_plan", "Final EHC plan"),
    ("draft_plan_comments", "Comments on a draft plan"),
    (APPEAL, "Tribunal appeal"),
    ("annual_review", "Next annual review"),
    ("phase_transfer", "Moving school (phase transfer)"),
)

# Everyday words for each kind, checked in this order: the more specific phrases first,
# so "decision letter" means an appeal and "issue a plan" is not read as an assessment.
_KEYWORDS: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    (APPEAL, ("appeal", "tribunal", "mediation certificate", "certificate", "decision letter",
              "refused", "refusal", "turned down")),
    ("draft_plan_comments", ("draft",)),
    ("phase_transfer_post16", ("post-16", "post 16", "post16", "sixth form", "college")),
    ("phase_transfer", ("phase transfer", "phase-transfer", "secondary", "moving school", "changing school",
                        "move school", "new school", "transfer", "year of transfer", "15 february")),
    ("annual_review", ("annual review", "review")),
    ("final_plan", ("final plan", "final ehc", "final ehcp", "finalised", "final version")),
    ("decide_to_issue_plan", ("issue a plan", "issue the plan", "issue an ehc", "issue a ehc", "whether to issue",
                              "decide to issue", "decision to issue", "issue the ehc", "issue an ehcp")),
    ("decide_to_assess", ("assess", "ehcna", "needs assessment", "request", "asked for an ehc",
                          "applied for an ehc", "applied for an ehcp", "ehc", "ehcp")),
)

# What to ask when the date is missing (wording, not facts).
DATE_QUESTIONS = {
    "decide_to_assess": "What date did the council receive your request for an EHC needs assessment?",
    "decide_to_issue_plan": "What date did the council receive your request for an EHC needs assessment?",
    "final_plan": "What date did the council receive your request for an EHC needs assessment?",
    "draft_plan_comments": "What date did you receive the draft EHC plan?",
    APPEAL: ("What date is on the council's decision letter? If you also have a mediation certificate, "
             "tell me its date too."),
    "annual_review": "What date was the last annual review meeting (or the date the plan was issued)?",
    "phase_transfer": "Which year will your child move to the new school or phase, for example September 2027?",
    "phase_transfer_post16": "Which year will your child move into post-16 education, for example September 2027?",
}

# How each answer opens, and the next step to suggest (wording, not facts).
_LEADS = {
    "decide_to_assess": "The council must tell you whether it will carry out an EHC needs assessment by {due}",
    "decide_to_issue_plan": "The council must tell you whether it will issue an EHC plan by {due}",
    "final_plan": "The council must issue the final EHC plan by {due}",
    "draft_plan_comments": "You have until at least {due} to comment on the draft plan and ask for a particular "
                           "school to be named",
    APPEAL: "Your appeal to the First-tier Tribunal (SEND) must be made by {due}",
    "annual_review": "The EHC plan must be reviewed again by {due}",
    "phase_transfer": "The council must review and amend the EHC plan by {due}",
    "phase_transfer_post16": "The council must review and amend the EHC plan by {due}",
}
_CHASE = ("If you have not heard by then, you can send the council a letter chasing the missed deadline "
          "(I can write one for you), and your local IASS can help.")
_NEXT_STEPS = {
    "decide_to_assess": _CHASE,
    "decide_to_issue_plan": _CHASE,
    "final_plan": _CHASE,
    "draft_plan_comments": "Send your comments in writing before then, and say which school you would like named. "
                           "Your local IASS can help you check the draft.",
    APPEAL: "Before you appeal you must contact a mediation adviser (not needed if the appeal is only about the "
            "school or placement named in the plan). IPSEA (01799 582030) gives free independent legal advice.",
    "annual_review": "Ask the school or council when the review meeting will be, and your local IASS can help "
                     "you prepare.",
    "phase_transfer": "Ask the council and the school about the review in good time; your local IASS can help.",
    "phase_transfer_post16": "Ask the council and the school about the review in good time; your local IASS can "
                             "help.",
}
_PASSED_REVIEW = ("That date has passed. If the review has not happened, ask the council in writing when it will; "
                  "your local IASS can help. Delays can go to the council's complaints procedure and then the Local "
                  "Government and Social Care Ombudsman.")
_PASSED = {
    APPEAL: "That date has passed. Contact IPSEA or your local IASS straight away for advice.",
    "annual_review": _PASSED_REVIEW,
    "phase_transfer": _PASSED_REVIEW,
    "phase_transfer_post16": _PASSED_REVIEW,
    "draft_plan_comments": "That date has passed. Send your comments to the council now anyway, and ask your "
                           "local IASS for help.",
}
_PASSED_COUNCIL = ("That date has passed. If the council has not done this, you can send it a letter chasing the "
                   "missed deadline (I can write one for you). After that come the council's complaints procedure "
                   "and then the Local Government and Social Care Ombudsman.")


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
    start: Optional[dt.date] = None  # None for fixed-date deadlines (phase transfer)
    period: str = ""  # "6 weeks"; empty for fixed-date deadlines
    other: Optional["Deadline"] = None  # the appeal route that was compared and lost


# ---------------------------------------------------------------- knowledge base access
def _kb(kb=None):
    if kb is not None:
        return kb
    from .queries import default_kb  # imported late: the pure date functions need no database
    return default_kb()


def timescale(timescale_id: str, kb=None):
    found = _kb(kb).timescale(timescale_id)
    if found is None:
        raise KeyError(f"no timescale {timescale_id!r} in the knowledge base (content/national/timescales.yaml)")
    return found


# ---------------------------------------------------------------- reading dates
def _settings(today: dt.date, prefer: str = "past", **extra) -> dict:
    # Noon, so "yesterday" or "2 days ago" never slips a day near midnight.
    base = dt.datetime.combine(today, dt.time(12))
    return {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": prefer, "RELATIVE_BASE": base,
            "RETURN_AS_TIMEZONE_AWARE": False, **extra}


_WEEKDAY_WORDS = {w.lower() for w in (*calendar.day_name, *calendar.day_abbr)}


def _names_weekday(words: str) -> bool:
    return any(w.strip(".,") in _WEEKDAY_WORDS for w in words.lower().split())


def _candidates(text: str, today: dt.date) -> List[Tuple[str, Optional[dt.date], str]]:
    """Every date dateparser sees in the text, as (words, date, precision)."""
    settings = _settings(today)
    strict = DateDataParser(languages=["en"], settings=_settings(today, REQUIRE_PARTS=["day", "month"]))
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
    """True for a real-looking date that is not in the calendar: 31/02/2026, 29 February 2025, 13/13/2026.

    dateparser just ignores these, so we ask dateutil: it finds the day, month and year and
    raises a ParserError caused by ValueError when they do not make a date. The default is
    January (31 days) so a lone number like "he is 31" is never taken for a bad date.
    """
    try:
        dateutil_parser.parse(text, dayfirst=True, fuzzy=True, default=dt.datetime(today.year, 1, 1))
    except dateutil_parser.ParserError as exc:
        return isinstance(exc.__cause__, ValueError)
    except (ValueError, OverflowError):
        return False
    return False


def format_date(day: dt.date) -> str:
    """'Tuesday 14 April 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """'3 March 2026'."""
    return f"{day.day} {day:%B %Y}"


_EXAMPLE = "for example 3 March 2026, 03/03/2026 or 'last Tuesday'"


def find_dates(text: str, today: dt.date) -> Union[List[ParsedDate], DateProblem]:
    """All the exact, past dates in a message, in the order written, or what is wrong with them."""
    text = (text or "").strip()
    if not text or text.startswith("/"):  # a button payload carries no date
        return DateProblem("missing", "I need the date to work this out.")
    candidates = _candidates(text, today)
    exact = [(w, d) for w, d, period in candidates if period == "day"]
    if not exact:
        if _impossible(text, today):
            return DateProblem("impossible", "That date does not exist in the calendar (for example, there is no "
                                             "31 February, and 29 February only comes in a leap year). Please "
                                             f"check it and send it again, {_EXAMPLE}.")
        if candidates:
            return DateProblem("imprecise", f"I need the exact day, not just the week or month ({_EXAMPLE}).")
        return DateProblem("missing", f"I couldn't find a date in that. Please send it again, {_EXAMPLE}.")
    future = [d for _, d in exact if d > today]
    if future:
        return DateProblem("future", f"{format_date(future[0])} is in the future. I need the date it actually "
                                     f"happened: please check the date and send it again.")
    dates, seen = [], set()
    for words, day in exact:
        if day not in seen:
            seen.add(day)
            dates.append(ParsedDate(day, words))
    return dates


def parse_event_date(text: str, today: dt.date) -> Union[ParsedDate, DateProblem]:
    """The one past date a message gives for something that has happened."""
    dates = find_dates(text, today)
    if isinstance(dates, DateProblem):
        return dates
    if len(dates) > 1:
        listed = " and ".join(short_date(d.value) for d in dates)
        return DateProblem("several", f"I found more than one date ({listed}). Please send just the one I asked for.")
    return dates[0]


def parse_transfer_year(text: str, today: dt.date) -> Union[int, DateProblem]:
    """The year a child moves school: "September 2027", "2027", "next year", "this September"."""
    text = (text or "").strip()
    if not text or text.startswith("/"):
        return DateProblem("missing", "I need the year your child moves.")
    for required in (["year"], ["month"]):  # an explicit year first, else the next such month
        found = search_dates(text, languages=["en"], settings=_settings(today, "future", REQUIRE_PARTS=required))
        if found:
            return found[0][1].year
    return DateProblem("missing", "I couldn't find a year in that. Which year will your child move, for example "
                                  "September 2027?")


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
        raise ValueError(f"timescale {ts.id!r} is a fixed date, not a period: use phase_transfer_deadline")
    return Deadline(kind=ts.id, due=add_period(start_date, ts.period), rule=ts.citation.text,
                    start=start_date, period=describe_period(ts.period))


def appeal_deadline(decision_date: dt.date, certificate_date: Optional[dt.date] = None, kb=None) -> Deadline:
    """2 months from the decision letter or 1 month from the mediation certificate, whichever is later."""
    from_decision = deadline_for(timescale("appeal_from_decision", kb), decision_date)
    if certificate_date is None:
        return from_decision
    from_certificate = deadline_for(timescale("appeal_from_certificate", kb), certificate_date)
    if from_certificate.due > from_decision.due:
        return replace(from_certificate, other=from_decision)
    return replace(from_decision, other=from_certificate)


def phase_transfer_deadline(year: int, post16: bool = False, kb=None) -> Deadline:
    """The fixed date (15 February, or 31 March into post-16) in the year of transfer."""
    ts = timescale("phase_transfer_post16" if post16 else "phase_transfer", kb)
    return Deadline(kind=ts.id, due=dt.date(year, ts.fixed_date["month"], ts.fixed_date["day"]),
                    rule=ts.citation.text)


# ---------------------------------------------------------------- understanding the question
def detect_deadline_kind(text: str) -> Optional[str]:
    """Which deadline a message is about (a timescale id, or "appeal"), from everyday words."""
    words = f" {(text or '').lower()} "
    for kind, keywords in _KEYWORDS:
        if any(k in words for k in keywords):
            return kind
    return None


# ---------------------------------------------------------------- answering
_START_WORDS = {
    "appeal_from_decision": "the decision letter of ",
    "appeal_from_certificate": "the mediation certificate of ",
    "annual_review": "the last review on ",
}


def _from(deadline: Deadline) -> str:
    return _START_WORDS.get(deadline.kind, "") + short_date(deadline.start)


def format_deadline_answer(deadline: Deadline, today: dt.date) -> str:
    """Plain English: the date and weekday, how it was counted, the rule, and what to do next."""
    kind = APPEAL if deadline.kind.startswith("appeal_") else deadline.kind
    lead = _LEADS[kind].format(due=format_date(deadline.due))
    if deadline.start is not None:
        lead += f" ({deadline.period} from {_from(deadline)}"
        if deadline.other is not None:
            other = deadline.other
            lead += f"; {other.period} from {_from(other)} would be {format_date(other.due)}"
            lead += ", and the later date counts"
        lead += ")."
    elif kind.startswith("phase_transfer"):
        lead += f" ({deadline.due.day} {deadline.due:%B} in the year your child moves)."
    parts = [lead]
    if deadline.due < today:
        parts.append(_PASSED.get(kind, _PASSED_COUNCIL))
    parts.append(f"Rule: {deadline.rule}.")
    parts.append(DISCLAIMER)
    if deadline.due >= today:
        parts.append(f"Next step: {_NEXT_STEPS[kind]}")
    return " ".join(parts)


def calculate(kind: str, text: str, today: dt.date, kb=None) -> Union[str, DateProblem]:
    """The whole job for one message: read its date(s) for this kind and answer, or say what is wrong."""
    deadline = work_out(kind, text, today, kb=kb)
    return deadline if isinstance(deadline, DateProblem) else format_deadline_answer(deadline, today)


def work_out(kind: str, text: str, today: dt.date, kb=None) -> Union[Deadline, DateProblem]:
    """The deadline for this kind from the message's date(s), or what is wrong with them."""
    if kind not in KINDS:
        raise ValueError(f"unknown deadline kind {kind!r}")
    if kind.startswith("phase_transfer"):
        year = parse_transfer_year(text, today)
        if isinstance(year, DateProblem):
            return year
        deadline = phase_transfer_deadline(year, post16=kind == "phase_transfer_post16", kb=kb)
    elif kind == APPEAL:
        dates = find_dates(text, today)
        if isinstance(dates, DateProblem):
            return dates
        if len(dates) > 2:
            return DateProblem("several", "I found more than two dates. Please send the date of the decision letter, "
                                          "and of the mediation certificate if you have one.")
        # The certificate always follows the decision, so two dates are read in date order.
        ordered = sorted(d.value for d in dates)
        deadline = appeal_deadline(ordered[0], ordered[1] if len(ordered) == 2 else None, kb=kb)
    else:
        when = parse_event_date(text, today)
        if isinstance(when, DateProblem):
            return when
        deadline = deadline_for(timescale(kind, kb), when.value)
    return deadline


# ---------------------------------------------------------------- the timeline picture
# The EHC steps all count from the request, so a question about any one of them gets all three.
EHC_STEPS = ("decide_to_assess", "decide_to_issue_plan", "final_plan")
_STEP_LABELS = dict(KIND_CHOICES)
_START_LABELS = {
    "draft_plan_comments": "You received the draft plan",
    "annual_review": "The last review",
    "appeal_from_decision": "The decision letter",
    "appeal_from_certificate": "The mediation certificate",
}
_END_LABELS = {
    "draft_plan_comments": "Last day to comment on the draft plan",
    "annual_review": "The next review is due",
}
_TITLES = {"ehc": "Your EHC needs assessment timeline", APPEAL: "Your appeal timeline"}


def _event(label: str, day: dt.date, today: dt.date, deadline: bool = False) -> dict:
    return {"label": label, "date": day.isoformat(), "date_text": format_date(day), "passed": day < today,
            "deadline": deadline}


def timeline(deadline: Deadline, today: dt.date, kb=None) -> Optional[dict]:
    """The parent's dates and deadlines in date order, for the widget to draw (a custom payload).

    ``{"title", "events": [{"label", "date", "date_text", "passed", "deadline"}], "today", "today_text"}``;
    None for deadlines with no starting date of the parent's own (phase transfer).
    """
    if deadline.start is None:
        return None
    if deadline.kind in EHC_STEPS:
        events = [_event("The council received your request", deadline.start, today)]
        for step in EHC_STEPS:
            ts = timescale(step, kb)
            events.append(_event(f"{describe_period(ts.period)}: {_STEP_LABELS[step]}",
                                 add_period(deadline.start, ts.period), today, deadline=True))
        title = _TITLES["ehc"]
    elif deadline.kind.startswith("appeal_"):
        routes = [deadline] + ([deadline.other] if deadline.other is not None else [])
        events = [_event(_START_LABELS[r.kind], r.start, today) for r in routes]
        events.append(_event("Last day to appeal to the tribunal", deadline.due, today, deadline=True))
        title = _TITLES[APPEAL]
    else:
        events = [_event(_START_LABELS.get(deadline.kind, "Your date"), deadline.start, today),
                  _event(_END_LABELS.get(deadline.kind, "The deadline"), deadline.due, today, deadline=True)]
        title = "Your timeline"
    events.sort(key=lambda e: e["date"])
    return {"title": title, "events": events, "today": today.isoformat(), "today_text": format_date(today)}
