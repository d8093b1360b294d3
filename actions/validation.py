"""`action_validate_slot_mappings`: every slot value taken from a message is checked first.

Rasa runs this action after every user message, at the end of `action_extract_slots`, with
the values it took from the message's entities (a council named, a button's deadline or
letter kind). Each `validate_<slot>` keeps a value of the slot's kind (`slot_kinds.py`) and
refuses anything else: the slot keeps the value it had before the message. The reply to a
refused council comes from the council action, which never repeats what was typed.
"""

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from knowledge import KnowledgeUnavailable

from . import slot_kinds
from .resilience import resilient

log = logging.getLogger(__name__)


def value_before_message(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest user message (the candidate is set after it).

    Rasa sends the events it holds: with the caching tracker store (scaling/) the last 100.
    A value set earlier than that is not seen, so a refused slot is then emptied, and the
    council action asks for the council again.
    """
    events = list(tracker.events or [])
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    for event in reversed(events[: users[-1]] if users else events):
        if event.get("event") == "restart":
            return None
        if event.get("event") == "slot" and event.get("name") == slot:
            return event.get("value")
    return None


def keep_if_known(slot: str, value: Any, tracker: Tracker) -> dict[str, Any]:
    """{slot: the value as kept} if it is of the slot's kind, else {slot: its earlier value}.

    When the knowledge base cannot be read nothing can be checked, so nothing new is kept.
    """
    try:
        kept = slot_kinds.checked(slot, value)
        if kept is not None or value is None:
            return {slot: kept}
        log.info("refused a value for the %s slot that is not of its kind", slot)
        return {slot: slot_kinds.checked(slot, value_before_message(tracker, slot))}
    except KnowledgeUnavailable:
        log.warning("knowledge base unavailable: the %s slot keeps no new value", slot)
        return {slot: None}


# Each validator already keeps no new value when the knowledge base is down (keep_if_known);
# @resilient guards anything else that reads it, as for every action.
@resilient
class ValidateSlotsFromMessages(ValidationAction):
    """Rasa calls it by its fixed name, `action_validate_slot_mappings` (listed in domain.yml)."""

    def validate_council(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        return keep_if_known("council", value, tracker)

    def validate_pending_topic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        return keep_if_known("pending_topic", value, tracker)

    def validate_ladder(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        return keep_if_known("ladder", value, tracker)

    def validate_steps_tried(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        return keep_if_known("steps_tried", value, tracker)

    def validate_deadline_kind(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        return keep_if_known("deadline_kind", value, tracker)

    def validate_letter_kind(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
    ) -> dict[str, Any]:
        return keep_if_known("letter_kind", value, tracker)
