"""Remembering the user's council, and saying plainly when we have no local details for it."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge import Place
from replies import phrases, render

from . import slot_kinds
from .answers import answer_topic
from .context import (
    confirm_town_buttons,
    council_choices,
    current_place,
    kb,
    latest_entity,
    spelt_like_buttons,
    unconfirmed_town,
)
from .escalation import continue_ladder_if_steps_told
from .resilience import resilient
from .safety_check import asks_safety_first


@asks_safety_first
@resilient
class ActionCouncilSet(Action):
    def name(self) -> str:
        return "action_council_set"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        text = tracker.latest_message.get("text") or ""
        named = latest_entity(tracker, "council")
        if not named:  # "the head and the council too", after a step: a step, not a council
            in_ladder = continue_ladder_if_steps_told(dispatcher, tracker)
            if in_ladder is not None:
                return in_ladder
        # A council named that is no council we know (a payload's free text) is refused, not
        # replaced by the one remembered: the parent is asked again, without repeating it.
        refused = bool(named) and slot_kinds.council(named) is None
        place = None if refused else (current_place(tracker) or kb().find_place_in_text(text))
        if place is None:
            town = unconfirmed_town(tracker)
            if town:  # "we're in Hythe": Hampshire's Hythe, or one elsewhere?
                dispatcher.utter_message(
                    text=phrases.confirm_town(town[0], town[1].name),
                    buttons=confirm_town_buttons(town[1]),
                )
            elif text.strip() == "/inform_council":  # "No, somewhere else" after a town question
                dispatcher.utter_message(text=phrases.ASK_COUNCIL, buttons=council_choices())
            elif not refused and (spelt_like := kb().places_spelt_like(text)):
                dispatcher.utter_message(
                    text=phrases.COUNCIL_SPELT_LIKE, buttons=spelt_like_buttons(spelt_like)
                )
            else:
                dispatcher.utter_message(text=phrases.COUNCIL_NOT_FOUND, buttons=council_choices())
            return []
        return use_council(dispatcher, tracker, place)


def use_council(dispatcher: CollectingDispatcher, tracker: Tracker, place: Place) -> list[dict]:
    """Remember the council, then answer the question waiting for it, or say what we have."""
    pending = tracker.get_slot("pending_topic")
    if pending:
        return [SlotSet("council", place.name)] + answer_topic(dispatcher, tracker, pending, place)
    if place.covered:
        dispatcher.utter_message(text=render.council_set_reply(place))
    else:
        dispatcher.utter_message(text=render.unknown_council_reply(place, kb().national_services()))
    return [SlotSet("council", place.name)]
