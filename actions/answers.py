"""Answering guidance questions: one action serves every topic, named by the intent."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from replies import phrases, render

from .context import council_buttons, current_place, is_staff, kb, latest_intent
from .resilience import resilient
from .support import handoff


@resilient
class ActionAnswerTopic(Action):
    def name(self) -> str:
        return "action_answer_topic"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        topic = kb().topic(latest_intent(tracker))
        if topic is None:  # an intent without guidance content: hand over rather than guess
            return handoff(dispatcher, tracker, intro=phrases.NO_GUIDANCE_YET)
        return answer_topic(dispatcher, tracker, topic.id)


def answer_topic(
    dispatcher: CollectingDispatcher, tracker: Tracker, topic_id: str, place=None
) -> list[dict]:
    """Answer at once; ask for the council only when the answer is the council's own details."""
    topic, staff = kb().topic(topic_id), is_staff(tracker)
    place = place or current_place(tracker)
    events = [SlotSet("council", place.name)] if place else []
    if topic.local == "required":
        if place is None:
            dispatcher.utter_message(text=phrases.ASK_COUNCIL, buttons=council_buttons())
            return events + [SlotSet("pending_topic", topic.id)]
        dispatcher.utter_message(
            text=render.council_contacts_reply(place, kb().national_services(), staff)
        )
        return events + [SlotSet("pending_topic", None)]
    dispatcher.utter_message(text=render.topic_reply(topic, place, staff))
    if topic.local == "optional" and place is None:
        dispatcher.utter_message(text=phrases.OFFER_LOCAL_CONTACTS, buttons=council_buttons())
    return events
