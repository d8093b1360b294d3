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
    ("annual_review", "Next annual review"),
    ("phase_transfer", "Moving school (phase transfer)"),
)

# What to ask when the date is missing (wording, not facts).
_ASK_REQUEST_DATE = "What date did the council receive your request for an EHC needs assessment?"
DATE_QUESTIONS = {
    "decide_to_assess": _ASK_REQUEST_DATE,
    "decide_to_issue_plan": _ASK_REQUEST_DATE,
    "final_plan": _ASK_REQUEST_DATE,
    "draft_plan_comments": "What date did you receive the draft EHC plan?",
    "appeal": (
        "What date is on the council's decision letter? "
        "If you also have a mediation certificate, tell me its date too."
    ),
    "annual_review": (
        "What date was the last annual review meeting (or the date the plan was issued)?"
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
    "annual_review": "The EHC plan must be reviewed again by {due}",
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
        "{ipsea} gives free independent legal advice."
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
_PASSED = {
    "appeal": "That date has passed. Contact IPSEA or your local IASS straight away for advice.",
    "annual_review": _PASSED_REVIEW,
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


_START_WORDS = {
    "appeal_from_decision": "the decision letter of ",
    "appeal_from_certificate": "the mediation certificate of ",
    "annual_review": "the last review on ",
}


def _from(deadline) -> str:
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
    if deadline.due < today:
        parts.append(_PASSED.get(kind, _PASSED_COUNCIL))
    citation = getattr(deadline, "citation", None)
    if citation is None:
        parts.append(f"Rule: {deadline.rule}.")
    parts.append(NOT_LEGAL_ADVICE)
    if deadline.due >= today:
        parts.append("Next step: " + _NEXT_STEPS[kind].format(ipsea=_ipsea()))
    if citation is None:
        return " ".join(parts)
    # The rule last, as a source line in words linked to the exact regulation.
    return " ".join(parts) + "\n\n" + sources_line([citation])
