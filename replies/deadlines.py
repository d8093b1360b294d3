"""How the deadline calculator speaks: questions, answers and what is wrong with a date.

Wording only: the arithmetic is advice/deadlines.py, and the periods, rules and contacts
come from the knowledge base. Keys are deadline kinds (timescale ids, or "appeal").
"""

import datetime as dt
from collections.abc import Iterable

from knowledge import default_kb
from knowledge.citations import sources_line

from .phrases import NOT_LEGAL_ADVICE

# The kinds offered as buttons when we cannot tell what the parent is asking about.
KIND_CHOICES = (
    ("decide_to_assess", "Decision on an assessment"),
    ("decide_to_issue_plan", "Decision on issuing a plan"),
    ("final_plan", "Final EHC plan"),
    ("draft_plan_comments", "Comments on a draft plan"),
    ("appeal", "Tribunal appeal"),
    ("review_decision", "After an annual review meeting"),
    ("amended_plan", "Amended plan after a review"),
    ("annual_review", "Next annual review"),
    ("phase_transfer", "Moving school (phase transfer)"),
    ("discrimination_claim", "Disability discrimination claim"),
)

# The timeline picture (advice/deadlines.py: timeline): its titles and the label of each date.
TIMELINE_TITLES = {
    "ehc": "Your EHC needs assessment timeline",
    "appeal": "Your appeal timeline",
    "other": "Your timeline",
}
TIMELINE_LABELS = {
    "request": "The council received your request",
    "appeal_from_decision": "The decision letter",
    "appeal_from_certificate": "The mediation certificate",
    "appeal_due": "Last day to appeal to the tribunal",
    "draft_plan_comments": "You received the draft plan",
    "draft_plan_comments_due": "Last day to comment on the draft plan",
    "annual_review": "The last review",
    "annual_review_due": "The next review is due",
    "start": "Your date",
    "due": "The deadline",
}

# What to ask when the date is missing (wording, not facts).
_ASK_REQUEST_DATE = "What date did the council receive your request for an EHC needs assessment?"
DATE_QUESTIONS = {
    "decide_to_assess": _ASK_REQUEST_DATE,
    "decide_to_issue_plan": _ASK_REQUEST_DATE,
    "final_plan": _ASK_REQUEST_DATE,
    "draft_plan_comments": "What date was the draft EHC plan sent (served) to you?",
    "appeal": (
        "What date is on the council's decision letter? "
        "If you also have a mediation certificate, tell me its date too."
    ),
    "review_decision": "What date was the annual review meeting?",
    "amended_plan": "What date did the council send you the proposed amendments?",
    "annual_review": (
        "What date was the last annual review meeting (or the date the plan was issued)?"
    ),
    "discrimination_claim": (
        "What date did the discrimination happen (the last time, if more than once)?"
    ),
    "phase_transfer": (
        "Which year will your child move to the new school or phase, for example September 2027?"
    ),
    "phase_transfer_post16": (
        "Which year will your child move into post-16 education, for example September 2027?"
    ),
}

# How each answer opens, and the next step to suggest (wording, not facts).
_LEADS = {
    "decide_to_assess": (
        "The council must tell you whether it will carry out an EHC needs assessment by {due}"
    ),
    "decide_to_issue_plan": "The council must tell you whether it will issue an EHC plan by {due}",
    "final_plan": "The council must issue the final EHC plan by {due}",
    "draft_plan_comments": (
        "You have until at least {due} to comment on the draft plan "
        "and ask for a particular school to be named"
    ),
    "appeal": "Your appeal to the First-tier Tribunal (SEND) must be made by {due}",
    "review_decision": (
        "The council must tell you by {due} whether it will keep the plan as it is, amend it "
        "or cease it, and send any proposed amendments with that decision"
    ),
    "amended_plan": "The council must issue the amended EHC plan by {due}",
    "annual_review": "The EHC plan must be reviewed again by {due}",
    "discrimination_claim": (
        "A disability discrimination claim must reach the First-tier Tribunal (SEND) by {due}"
    ),
    "phase_transfer": "The council must review and amend the EHC plan by {due}",
    "phase_transfer_post16": "The council must review and amend the EHC plan by {due}",
}
_CHASE = (
    "If you have not heard by then, you can send the council a letter chasing the missed "
    "deadline (I can write one for you), and your local IASS can help."
)
_REVIEW_IN_GOOD_TIME = (
    "Ask the council and the school about the review in good time; your local IASS can help."
)
_NEXT_STEPS = {
    "decide_to_assess": _CHASE,
    "decide_to_issue_plan": _CHASE,
    "final_plan": _CHASE,
    "draft_plan_comments": (
        "Send your comments in writing before then, and say which school you would like "
        "named. Your local IASS can help you check the draft."
    ),
    "appeal": (
        "Before you appeal you must contact a mediation adviser (not needed if the appeal "
        "is only about the school or placement named in the plan). "
        "{ipsea} gives free, legally based advice on SEND law: book its advice line through its "
        "website."
    ),
    "review_decision": (
        "Until then the existing plan stands. If the council says it will amend the plan, you "
        "have at least 15 days to comment on the proposed amendments; your local IASS can help."
    ),
    "amended_plan": (
        "Until then the existing plan stands. If you disagree with the amended plan's sections "
        "B, F or I, you can appeal to the Tribunal; your local IASS can help."
    ),
    "discrimination_claim": (
        "Your local IASS can help, and {ipsea} gives free, legally based advice on SEND law: "
        "book its advice line through its website."
    ),
    "annual_review": (
        "Ask the school or council when the review meeting will be, "
        "and your local IASS can help you prepare."
    ),
    "phase_transfer": _REVIEW_IN_GOOD_TIME,
    "phase_transfer_post16": _REVIEW_IN_GOOD_TIME,
}
_PASSED_REVIEW = (
    "That date has passed. If the review has not happened, ask the council in writing when "
    "it will; your local IASS can help. Delays can go to the council's complaints procedure "
    "and then the Local Government and Social Care Ombudsman."
)
# After a review the chasing letter (for the assessment's 6, 16 and 20 weeks) does not fit.
_PASSED_AFTER_REVIEW = (
    "That date has passed. If the council has not done this, ask it in writing to do it now; "
    "your local IASS can help. Delays can go to the council's complaints procedure and then "
    "the Local Government and Social Care Ombudsman."
)
_PASSED = {
    "appeal": (
        "That date has passed, but you can still send your appeal late, with the reasons it is "
        "late: the Tribunal decides whether to accept it. Contact IPSEA or your local IASS "
        "straight away for help."
    ),
    "discrimination_claim": (
        "That date has passed, but you can still send the claim with the reasons it is late: "
        "the Tribunal decides whether to accept it. You can also complain to the school through "
        "its complaints policy. Contact IPSEA or your local IASS straight away for help."
    ),
    "annual_review": _PASSED_REVIEW,
    "review_decision": _PASSED_AFTER_REVIEW,
    "amended_plan": _PASSED_AFTER_REVIEW,
    "phase_transfer": _PASSED_REVIEW,
    "phase_transfer_post16": _PASSED_REVIEW,
    "draft_plan_comments": (
        "That date has passed. Send your comments to the council now anyway, "
        "and ask your local IASS for help."
    ),
}
_PASSED_COUNCIL = (
    "That date has passed. If the council has not done this, you can send it a letter "
    "chasing the missed deadline (I can write one for you). After that come the council's "
    "complaints procedure and then the Local Government and Social Care Ombudsman."
)


def _ipsea() -> str:
    """'IPSEA (01799 582030)' from the knowledge base; just 'IPSEA' if it has no phone number."""
    service = default_kb().service("ipsea")
    return f"IPSEA ({service.phones[0]})" if service is not None and service.phones else "IPSEA"


def _period_of(timescale_id: str) -> str:
    return period_words(default_kb().timescale(timescale_id).period)


def format_date(day: dt.date) -> str:
    """'Tuesday 14 April 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """'3 March 2026'."""
    return f"{day.day} {day:%B %Y}"


EXAMPLE = "for example 3 March 2026, 03/03/2026 or 'last Tuesday'"
MISSING_DATE = "I need the date to work this out."
IMPOSSIBLE_DATE = (
    "That date does not exist in the calendar (for example, there is no 31 February, and "
    f"29 February only comes in a leap year). Please check it and send it again, {EXAMPLE}."
)
IMPRECISE_DATE = f"I need the exact day, not just the week or month ({EXAMPLE})."
NO_DATE_FOUND = f"I couldn't find a date in that. Please send it again, {EXAMPLE}."
MISSING_YEAR = "I need the year your child moves."
NO_YEAR_FOUND = (
    "I couldn't find a year in that. Which year will your child move, for example September 2027?"
)
NEED_DECISION_DATE = (
    "I also need the date on the council's decision letter: the appeal deadline is 2 months "
    "from it, or 1 month from the mediation certificate, whichever is later."
)
TOO_MANY_APPEAL_DATES = (
    "I found more than two dates. Please send the date of the decision letter, and of the "
    "mediation certificate if you have one."
)
WHICH_DEADLINE = "Which deadline would you like me to work out?"
CANNOT_CALCULATE = (
    "Sorry, I can't work out deadlines just now. Your local IASS can help you check the dates."
)


def future_date(day: dt.date) -> str:
    return (
        f"{format_date(day)} is in the future. I need the date it actually happened: "
        "please check the date and send it again."
    )


def several_dates(days: Iterable[dt.date]) -> str:
    listed = " and ".join(short_date(d) for d in days)
    return f"I found more than one date ({listed}). Please send just the one I asked for."


def period_words(period: dict) -> str:
    """{'weeks': 6} -> '6 weeks'; {'months': 1} -> '1 month'; {'working_days': 3} -> '3 working
    days'. The one place a period is put into words (chat, staff page, deadline answers)."""
    parts = []
    for unit, amount in period.items():
        word = unit.replace("_", " ")
        parts.append(f"{amount} {word[:-1] if amount == 1 else word}")
    return " and ".join(parts)


_START_WORDS = {
    "appeal_from_decision": "the decision letter of ",
    "appeal_from_certificate": "the mediation certificate of ",
    "annual_review": "the last review on ",
    "review_decision": "the review meeting on ",
    "amended_plan": "the proposed amendments of ",
    "discrimination_claim": "the discrimination on ",
}


def _from(deadline) -> str:
    if deadline.counts_first_day:
        # "beginning with" the day: say so, or parents count from the day after.
        return f"{short_date(deadline.start)}, counting that day"
    return _START_WORDS.get(deadline.kind, "") + short_date(deadline.start)


def format_deadline_answer(deadline, today: dt.date) -> str:
    """Plain English: the date and weekday, how it was counted, the rule, and what to do next.

    ``deadline`` is an advice.deadlines.Deadline; IPSEA's number comes from the knowledge base.
    """
    kind = "appeal" if deadline.kind.startswith("appeal_") else deadline.kind
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
    rules = [deadline.rule]
    if deadline.then is not None:
        then = deadline.then
        parts.append(
            "If it amends the plan, the amended plan must be issued within "
            f"{_period_of('amended_plan')} of the proposed amendments, and at the latest by "
            f"{format_date(then.due)} "
            f"({then.period} from {_from(deadline)})."
            if then.kind == "amended_plan"
            else f"Then: {format_date(then.due)}."
        )
        rules.append(then.rule)
    if deadline.in_time_until is not None:
        parts.append(
            f"That date falls {_holiday_window(deadline.due)}, so under the Tribunal's rules an "
            f"appeal is still in time if it arrives by {format_date(deadline.in_time_until)}."
        )
        rules.append(deadline.in_time_rule)
    if deadline.last_day < today:
        parts.append(_PASSED.get(kind, _PASSED_COUNCIL))
    rules = list(dict.fromkeys(rules))
    citation = getattr(deadline, "citation", None)
    if citation is None:
        parts.append(f"Rule: {'; '.join(rules)}.")
    elif len(rules) > 1:  # the main rule is the linked source line below
        parts.append(f"Rule: {'; '.join(rules[1:])}.")
    parts.append(NOT_LEGAL_ADVICE)
    if deadline.last_day >= today:
        parts.append("Next step: " + _NEXT_STEPS[kind].format(ipsea=_ipsea()))
    if citation is None:
        return " ".join(parts)
    # The rule last, as a source line in words linked to the exact regulation.
    return " ".join(parts) + "\n\n" + sources_line([citation])


def _holiday_window(day: dt.date) -> str:
    return "in August" if day.month == 8 else "between 25 December and 1 January"
