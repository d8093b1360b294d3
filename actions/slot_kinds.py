"""What each slot may hold: a value of its kind from the knowledge base, or nothing.

A slot is filled from what the parent sends (entities, button payloads), so its value is
checked against the closed list of its kind before it is kept: a known council (by any of
its names or towns, kept as the council's own name), a known escalation ladder and its
steps, a known topic, deadline or letter. Anything else (free text, a typo, personal data
typed into a payload) is refused. Used by the slot validation action (`validation.py`)
and by every action that sets a slot.
"""

from collections.abc import Callable
from typing import Any

from advice import deadlines, letters

from .context import kb

# Steps tried are stored as "ladder:step" so that several ladders can be under way.
STEP_SEPARATOR = ":"


def council(value: Any) -> str | None:
    """The council's own name for a known council, alias or town ("hants", "Eastleigh"); a
    town also found elsewhere ("Hythe") is not a council until the parent confirms it."""
    place = kb().find_place(value) if isinstance(value, str) else None
    return place.name if place else None


def ladder(value: Any) -> str | None:
    return value if isinstance(value, str) and kb().ladder(value) else None


def steps_tried(value: Any) -> list[str] | None:
    """Only "ladder:step" pairs of a known ladder and one of its steps; None if none is left."""
    if not isinstance(value, list):
        return None
    kept = []
    for item in value:
        if not isinstance(item, str) or STEP_SEPARATOR not in item:
            continue
        ladder_id, step = item.split(STEP_SEPARATOR, 1)
        found = kb().ladder(ladder_id)
        if found and found.step(step) and item not in kept:
            kept.append(item)
    return kept or None


def topic(value: Any) -> str | None:
    return value if isinstance(value, str) and kb().topic(value) else None


def deadline_kind(value: Any) -> str | None:
    return value if value in deadlines.KINDS else None


def letter_kind(value: Any) -> str | None:
    known = {t.id for t in letters.available_letters()}
    return value if value in known else None


# slot name (domain.yml) -> its check: the value to keep, or None to refuse.
CHECKS: dict[str, Callable[[Any], Any]] = {
    "council": council,
    "pending_topic": topic,
    "ladder": ladder,
    "steps_tried": steps_tried,
    "deadline_kind": deadline_kind,
    "letter_kind": letter_kind,
}


def checked(slot: str, value: Any) -> Any:
    """`value` as the slot keeps it if it is of the slot's kind, else None (no check: None)."""
    check = CHECKS.get(slot)
    return check(value) if check and value is not None else None
