"""Where a parent's message mentions a date: its sentences, the month names and the words that
ask "when". Read by the deadline action (is this a date, or a deadline asked with its date?) and
by the date worker (which sentences to parse), so both split and match the same way."""

import re

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# A sentence ends at . ! ? ; or a line break followed by a space: "3.7.2026" stays whole.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;\n])\s+")

# A day, a month or a relative day: worth reading as the answer to "What date...?".
SAYS_A_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-]\d{{2,4}})?|yesterday|today|ago"
    rf"|{MONTH}|last (?:week|month))\b",
    re.I,
)
# A whole date, not a bare number or "may" ("a 9 year old", "the school may exclude him").
NAMES_A_DAY = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|yesterday|today|last (?:week|month)|\d+ (?:days|weeks) ago)",
    re.I,
)
ASKS_WHEN = re.compile(r"\b(?:deadline|when|what date|by what|how long|until|due)\b", re.I)
# "the deadline is 12th August": the parent tells a deadline they already have; it asks nothing.
_STATES_A_DEADLINE = re.compile(
    rf"\b(?:deadline|due date)\s+(?:is|was|'s)\s+(?:on\s+)?(?:the\s+)?(?:{NAMES_A_DAY.pattern})",
    re.I,
)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_BREAK.split(text or "") if s.strip()]


def asks_when_with_date(text: str) -> bool:
    """ "What's the deadline ... if the letter was 3 July?": the question and its date in one
    sentence. A story with "when" in one sentence and a date in another is not, nor is a
    deadline the parent already knows ("the deadline is 12th August")."""
    asked = (_STATES_A_DEADLINE.sub(" ", s) for s in sentences(text))
    return any(ASKS_WHEN.search(s) and NAMES_A_DAY.search(s) for s in asked)
