"""Remembering the user's council, and saying plainly when we have no local details for it."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from replies import phrases, render

from .answers import answer_topic
from .context import council_buttons, current_place, kb
from .resilience import resilient


@resilient
class ActionCouncilSet(Action):
    def name(self) -> str:
        return "action_council_set"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        place = current_place(tracker) or kb().find_place_in_text(
            tracker.latest_message.get("text") or ""
        )
        if place is None:
            dispatcher.utter_message(text=phrases.COUNCIL_NOT_FOUND, buttons=council_buttons())
            return []
        pending = tracker.get_slot("pending_topic")
        if pending:
            return [SlotSet("council", place.name)] + answer_topic(
                dispatcher, tracker, pending, place
            )
        if place.covered:
            dispatcher.utter_message(text=render.council_set_reply(place))
        else:
            dispatcher.utter_message(
                text=render.unknown_council_reply(place, kb().national_services())
            )
        return [SlotSet("council", place.name)]
