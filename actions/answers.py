"""Answering guidance questions: one action serves every topic, named by the intent."""

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from advice.issues import other_issues
from replies import phrases, render

from .context import (
    confirm_town_buttons,
    council_buttons,
    current_place,
    home_place,
    is_staff,
    kb,
    last_turn_texts,
    latest_intent,
    unconfirmed_town,
)
from .deadlines import answers_date_question, calculate_deadline
from .escalation import continue_ladder_if_steps_told, typed_what_next
from .resilience import resilient
from .safety_check import asks_safety_first
from .support import handoff


@asks_safety_first
@resilient
class ActionAnswerTopic(Action):
    def name(self) -> str:
        return "action_answer_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        if answers_date_question(tracker):
            return await calculate_deadline(dispatcher, tracker)
        in_ladder = typed_what_next(dispatcher, tracker)
        if in_ladder is None:
            in_ladder = continue_ladder_if_steps_told(dispatcher, tracker)
        if in_ladder is not None:
            return in_ladder
        topic = kb().topic(latest_intent(tracker))
        if topic is None:  # an intent without guidance content: hand over rather than guess
            return handoff(dispatcher, tracker, intro=phrases.NO_GUIDANCE_YET)
        return answer_topic(dispatcher, tracker, topic.id, offer_others=True)


def answer_topic(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    topic_id: str,
    place=None,
    offer_others: bool = False,
) -> list[dict]:
    """Answer at once; ask for the council only when the answer is the council's own details.

    With `offer_others`, the other issues the message mentions follow as buttons; a town that is
    also a place elsewhere ("Hythe") is confirmed before its council's contacts are used.
    """
    topic, staff = kb().topic(topic_id), is_staff(tracker)
    place = place or current_place(tracker)
    town = None if place else unconfirmed_town(tracker)
    events = [SlotSet("council", place.name)] if place else []
    # A question about another council's services (a Southampton parent asking for Hampshire's
    # SENDIASS): answer it, with a note first, and keep remembering where the parent lives.
    home = home_place(tracker)
    note = ""
    if place and home and place.covered and not home.shares_services_with(place):
        note = render.other_council_note(home, place) + "\n\n"
        events = [SlotSet("council", home.name)]
    if topic.local == "required":
        if place is None:
            if town:
                dispatcher.utter_message(
                    text=phrases.confirm_town(*_named(town)), buttons=confirm_town_buttons(town[1])
                )
            else:
                dispatcher.utter_message(text=phrases.ASK_COUNCIL, buttons=council_buttons())
            return events + [SlotSet("pending_topic", topic.id)]
        dispatcher.utter_message(
            text=note + render.council_contacts_reply(place, kb().national_services(), staff)
        )
        return events + [SlotSet("pending_topic", None)]
    reply = note + render.topic_reply(topic, place, staff)
    # Asked again in other words: not the same wall of text again (about the assistant itself,
    # such as privacy, the answer is the whole truth and is worth repeating).
    # Its ladder, letter and dates still stand as next steps, and the new words may raise more.
    if reply in last_turn_texts(tracker) and not topic.about_assistant:
        intro = phrases.same_answer_again(topic.title)
        events += handoff(dispatcher, tracker, intro=intro, buttons=next_buttons(topic))
        if offer_others:
            offer_other_issues(dispatcher, tracker, topic.id)
        return events
    dispatcher.utter_message(text=reply, buttons=next_buttons(topic))
    if topic.ladder:  # "I've spoken to the head" now goes on along this topic's ladder
        events.append(SlotSet("ladder", topic.ladder))
    if offer_others:
        offer_other_issues(dispatcher, tracker, topic.id)
    if topic.local == "optional" and place is None:
        if town:
            dispatcher.utter_message(
                text=phrases.confirm_town(*_named(town)), buttons=confirm_town_buttons(town[1])
            )
        else:
            dispatcher.utter_message(text=phrases.OFFER_LOCAL_CONTACTS, buttons=council_buttons())
    return events


def next_buttons(topic) -> list[dict]:
    """The topic's escalation ladder (its first step, or the next one), its letter and the
    deadline the calculator works out for it, if any."""
    buttons = []
    if topic.ladder:
        payload = f"/steps_taken{json.dumps({'ladder': topic.ladder})}"
        buttons.append({"title": phrases.TOPIC_LADDER_BUTTON, "payload": payload})
    if topic.letter:
        payload = f"/request_letter{json.dumps({'letter_kind': topic.letter})}"
        buttons.append({"title": phrases.TOPIC_LETTER_BUTTON, "payload": payload})
    if topic.deadline:
        payload = f"/deadline_calculation{json.dumps({'deadline_kind': topic.deadline})}"
        buttons.append({"title": phrases.TOPIC_DEADLINE_BUTTON, "payload": payload})
    return buttons


def offer_other_issues(dispatcher: CollectingDispatcher, tracker: Tracker, main: str) -> None:
    """'You also mentioned ...': the message's other issues, as buttons, after the main answer."""
    message = tracker.latest_message or {}
    others = other_issues(
        message.get("text") or "", main, message.get("intent_ranking") or [], kb().topics()
    )
    if others:
        dispatcher.utter_message(
            text=phrases.also_mentioned([t.title for t in others]),
            buttons=[{"title": t.title, "payload": f"/{t.id}"} for t in others],
        )


def _named(town):
    written, place = town
    return written, place.name
