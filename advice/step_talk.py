"""How a message speaks of an escalation step: done, asked about (or still to come), or not done.

"I've spoken to the SENCO" is a step taken. "Should I speak to the governors?", "how do I
appeal?", "we have a tribunal coming up" and "I haven't spoken to the SENCO yet" are not: counting
them as done sent parents past the step they were asking about.

Each clause is read on its own ("I spoke to the SENCO, should I go to the head?" is one of each),
and only the words before the mention decide, except for a few phrases that put the whole clause in
the future ("coming up", "booked for").
"""

import re

DONE, ASKED, NOT_DONE = "done", "asked", "not_done"

# A clause ends at a stop, a comma, a semicolon, a bracket, a dash, a new line or "but".
_CLAUSE = re.compile(r"[^.!?;:,()\n]+?(?:\bbut\b|\s-\s|[.!?;:,()\n]+|$)", re.IGNORECASE)

_FILLER = r"(?:(?:so|and|but|or|also|ok|okay|please|just|then|now|hi|hello|help)\s+)*"
# "When I met the SENCO" is a statement: a question word counts only before a verb like "do".
_QUESTION_OPENER = re.compile(
    _FILLER + r"(?:should|shall|do|does|can|could|would|will|is|are|whether|wondering|i wonder|"
    r"(?:how|who|what|whats|when|where|which) (?:do|does|can|could|should|shall|would|will|is|"
    r"are|to|about|if|happens))\b"
)
# Said before the mention: the step is still to come.
_PLANNED = re.compile(
    r"\b(?:need|needs|have|has|going|want|wants|plan|planning|hope|hoping|intend|intending|"
    r"about|would like|ready) to\b|\b(?:gonna|wanna|will|should|shall|could|may|might|"
    r"considering|before|whether|if i|if we|how to|when to|who to|thinking of|thinking about|"
    r"planning on|next step)\b"
)
# "waiting for mediation" is a step under way; "waiting for the SENCO to reply" is one taken.
_WAITING = re.compile(r"\bwaiting (?:for|on)\b")
# Anywhere in the clause: the step is under way but not over.
_UNDER_WAY = re.compile(
    r"\b(?:coming up|booked|is due|are due|pending|scheduled|next week|next month|date for|"
    r"(?:tribunal|hearing|mediation|appeal|panel) date|in the diary)\b"
)
_NEGATED = re.compile(
    r"\b(?:havent|have not|hasnt|has not|didnt|did not|dont|do not|never|yet to|not yet|"
    r"cant|cannot|can not|couldnt|could not|unable to)\b"
    r"(?: \w+){0,3}? (?:speak|spoke|spoken|talk|talked|been|go|gone|went|contact|contacted|"
    r"approach|approached|ask|asked|email|emailed|write|written|wrote|raise|raised|meet|met|"
    r"tried|try|complain|complained|appeal|appealed|apply|applied|request|requested|see|seen|"
    r"told|tell)\b"
)
# "spoke to the head?" is still a step taken.
_TAKEN = re.compile(
    r"\b(?:spoke|spoken|talked|met|emailed|wrote|written|contacted|complained|appealed|asked|"
    r"raised|been|went|saw|seen|told|had)\b"
)


# Parents say "the LA" where the step mentions say "the council" ("complained to the LA").
_COUNCIL_NAMES = ("la", "lea", "local authority")


def words(text: str) -> str:
    """Lower case, apostrophes dropped, punctuation as single spaces."""
    text = text.lower().replace("’", "'").replace("&", " and ")
    text = re.sub(r"\b(i|we|they|you)'ll\b", r"\1 will", text).replace("'", "")
    return " " + re.sub(r"[^a-z0-9]+", " ", text).strip() + " "


def forms(phrase: str) -> list[str]:
    """A mention as words, and with "the LA" for "the council"."""
    said = words(phrase)
    if " council " not in said:
        return [said]
    return [said] + [said.replace(" council ", f" {name} ") for name in _COUNCIL_NAMES]


def clauses(text: str) -> tuple[tuple[str, bool], ...]:
    """Each clause's words, and whether it ended with a question mark."""
    found = []
    for match in _CLAUSE.finditer(text):
        raw = match.group(0)
        if raw.strip(" \t.,;:!?\n"):
            ending = raw.rstrip(" \t")[len(raw.rstrip(" \t.,;:!?()\n")) :]
            found.append((words(raw), ending.startswith("?")))
    return tuple(found)


def how_said(clause: str, asked_mark: bool, start: int, end: int) -> str:
    """How the clause (from words()) speaks of the mention at clause[start:end]."""
    before = clause[:start]
    # The mention's own verb counts: "haven't [spoken to the council]".
    if "not yet" in clause or _NEGATED.search(clause[:end]):
        return NOT_DONE
    if _UNDER_WAY.search(clause) or _PLANNED.search(before):
        return ASKED
    if _WAITING.search(before):
        return DONE if clause[end:].startswith("to ") else ASKED
    if _QUESTION_OPENER.match(clause.strip()):
        return ASKED
    if asked_mark and not _TAKEN.search(before):
        return ASKED
    return DONE


def read(said: tuple[tuple[str, bool], ...], phrases: list[str]) -> str | None:
    """DONE if any clause of the message (`said`, its clauses(), split once for all the steps of
    a ladder) says the step was taken, else ASKED, else NOT_DONE; None if unsaid."""
    seen = set()
    targets = [form for phrase in phrases for form in forms(phrase)]  # once, not per clause
    for clause, asked_mark in said:
        for target in targets:
            start = clause.find(target)
            while start != -1:
                seen.add(how_said(clause, asked_mark, start, start + len(target)))
                start = clause.find(target, start + 1)
    for how in (DONE, ASKED, NOT_DONE):
        if how in seen:
            return how
    return None
