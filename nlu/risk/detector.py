"""Runs the lexicon over one message and says which kinds of risk it shows, if any."""

import re
from dataclasses import dataclass, field

from . import lexicon
from .normalise import normalise

# Patterns only: the message text itself is never kept in a Risk, so it cannot leak into logs.
ORDER = (
    "danger",
    "missing",
    "self_harm_suicide",
    "abuse",
    "restraint_injury",
    "exploitation",
    "not_eating",
)
_NEGATION_WINDOW = 60
_SUBJECT_WINDOW = 40
_THIRD_PERSON = re.compile(
    r"\b(?:he|she|they|him|her|them|his|hers|son|daughter|child|kid|boy|girl|lad|teen|"
    r"teenager|ds|dd|yo)\b"
)


@dataclass(frozen=True)
class Risk:
    categories: tuple[str, ...] = ()
    # "child" or "parent": whose safety self-harm or suicide talk is about (both may be).
    who: tuple[str, ...] = ()
    # Staff are named beside an injury or an allegation: the DSL and the LADO must hear of it.
    staff: bool = False
    # Which pattern fired, as "category:index", for the evaluation report (no message text).
    rules: tuple[str, ...] = field(default=(), compare=False)
    # A pattern matched only after a negation ("he is not suicidal"): the learned model may not
    # overrule that (nlu/risk/combined.py).
    negated: bool = field(default=False, compare=False)

    def __bool__(self) -> bool:
        return bool(self.categories)

    def as_dict(self) -> dict:
        return {
            "categories": list(self.categories),
            "who": list(self.who),
            "staff": self.staff,
        }


def clean_text(text: str) -> str:
    """The normalised text with everyday idioms blanked out: what patterns and the model read."""
    return lexicon.IDIOM_RE.sub(" _ ", normalise(text or ""))


def detect(text: str) -> Risk:
    clean = clean_text(text)
    found, who, rules, staff, negated = [], set(), [], False, False
    for category in ORDER:
        if not lexicon.SCREENS[category].search(clean):
            continue
        for index, pattern in enumerate(lexicon.COMPILED[category]):
            matches = list(pattern.finditer(clean))
            match = next(
                (m for m in matches if not _negated(clean, m.start()) and not _past(clean, m)), None
            )
            if match is None:
                negated = negated or bool(matches)
                continue
            if category not in found:
                found.append(category)
            rules.append(f"{category}:{index}")
            if category == "self_harm_suicide":
                who.add(_whose(clean, match))
            if category in ("abuse", "restraint_injury"):
                staff = staff or bool(
                    lexicon.STAFF_RE.search(clean[max(0, match.start() - 80) : match.end() + 40])
                )
    if "restraint_injury" in found:
        staff = True
    return Risk(tuple(found), tuple(sorted(who)), staff, tuple(rules), negated and not found)


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - _NEGATION_WINDOW) : start]
    negation = lexicon.NEGATION.search(before)
    return bool(negation) and not lexicon.NOT_A_NEGATION.search(
        before[negation.start() :] + text[start : start + 12]
    )


def _past(text: str, match: re.Match) -> bool:
    """The harm is told as history (see lexicon.PAST) and nothing says it is happening now."""
    around = text[max(0, match.start() - lexicon.PAST_WINDOW) : match.end() + lexicon.PAST_WINDOW]
    return bool(lexicon.PAST.search(around)) and not lexicon.PRESENT.search(text)


def whose_in(text: str) -> tuple[str, ...]:
    """Whose safety a whole message is about, when no pattern pointed at the words: the parent
    when only the writer is named, the child when only the child is, both when unclear."""
    first = bool(lexicon.FIRST_PERSON.search(text))
    third = bool(_THIRD_PERSON.search(text))
    if first and not third:
        return ("parent",)
    if third and not first:
        return ("child",)
    return ("child", "parent")


def staff_named(text: str) -> bool:
    return bool(lexicon.STAFF_RE.search(text))


def _whose(text: str, match: re.Match) -> str:
    """The parent when the words are the writer's own ("I can't go on"), otherwise the child."""
    if lexicon.FIRST_PERSON.search(text[match.start() : match.end() + 12]):
        return "parent"
    before = text[max(0, match.start() - _SUBJECT_WINDOW) : match.start()]
    first = [m.end() for m in lexicon.FIRST_PERSON.finditer(before)]
    third = [m.end() for m in _THIRD_PERSON.finditer(before)]
    if first and (not third or first[-1] > third[-1]):
        return "parent"
    return "child"


def categories_of(texts: list[str]) -> list[tuple[str, ...]]:
    return [detect(t).categories for t in texts]
