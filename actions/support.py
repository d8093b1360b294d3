"""Safety first, clarifying when unsure, and handing over to people."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from advice.issues import clarifying_choices
from replies import phrases, render

from . import crisis
from .context import (
    button_payload,
    council_buttons,
    current_place,
    kb,
    last_turn_buttons,
    last_turn_texts,
    previous_intent,
    previous_message,
)
from .deadlines import answers_date_question, asks_deadline_with_date, calculate_deadline
from .escalation import continue_ladder_if_steps_told, reask_what_tried
from .resilience import resilient
from .safety_check import asks_safety_first


@resilient(message=phrases.SAFETY_KNOWLEDGE_UNAVAILABLE)
class ActionSafety(Action):
    def name(self) -> str:
        return "action_safety"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        risk = tracker.latest_message.get("risk") or {}
        also = _send_question(risk)
        text = render.safety_reply(
            crisis_contacts(risk), crisis.lead(risk), question_follows=bool(also)
        )
        dispatcher.utter_message(text=text)
        if also:
            from .answers import answer_topic  # answers imports this module for handoff

            return answer_topic(dispatcher, tracker, also)
        return []


def crisis_contacts(risk: dict) -> list:
    """The contacts for this kind of risk, 999 first (every contact if the kind is unknown)."""
    found = [kb().service(i) for i in crisis.contact_ids(risk)]
    return [s for s in found if s is not None] or kb().safety_contacts()


def _send_question(risk: dict):
    """The SEND topic the parent also asked about, answered after the crisis contacts."""
    intent = risk.get("also_intent")
    return intent if intent and kb().topic(intent) else None


@asks_safety_first
@resilient
class ActionClarify(Action):
    """Low confidence: offer the two or three topics that best match the message's words, plus IASS.

    Topics come from the words of the message (each topic's cue words) and the classifier's
    ranking, never to fill a slot; "Something else" leads to IASS and the national services.
    If the previous turn already asked, the people who can help.
    """

    def name(self) -> str:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        from .typed_answers import press_typed_title  # it imports answers, which imports this

        if answers_date_question(tracker) or asks_deadline_with_date(tracker):
            return await calculate_deadline(dispatcher, tracker)

        pressed = press_typed_title(dispatcher, tracker, domain)
        if pressed is None:
            pressed = continue_ladder_if_steps_told(dispatcher, tracker)
        if pressed is not None:
            return pressed
        if _asked_to_clarify_last_turn(tracker):
            return _clarify_with_earlier_message(dispatcher, tracker)
        asked_again = reask_what_tried(dispatcher, tracker)
        if asked_again is not None:
            return asked_again
        message = tracker.latest_message or {}
        choices = _choices(tracker, skip=[previous_intent(tracker)])
        if not choices:
            return handoff(dispatcher, tracker, intro=phrases.NOT_SURE)
        _offer(dispatcher, phrases.did_you_mean(message.get("text") or ""), choices)
        return []


def _choices(tracker: Tracker, skip=()) -> list[tuple[str, str]]:
    """The clarifying question's (intent, title) choices for this message, read with the parent's
    previous typed message (a follow-up's words often need it); `skip`: a topic just answered."""
    message = tracker.latest_message or {}
    return clarifying_choices(
        message.get("text") or "",
        message.get("intent_ranking") or [],
        kb().topics(),
        kb().ladders(),
        earlier=previous_message(tracker),
        skip=skip,
    )


def _offer(dispatcher: CollectingDispatcher, question: str, choices) -> None:
    buttons = [{"title": title, "payload": f"/{intent}"} for intent, title in choices]
    dispatcher.utter_message(
        text=question,
        buttons=buttons
        + [
            {"title": phrases.TALK_TO_IASS, "payload": "/iass"},
            {"title": phrases.SOMETHING_ELSE, "payload": "/ask_human"},
        ],
    )


def _clarify_with_earlier_message(dispatcher: CollectingDispatcher, tracker: Tracker) -> list:
    """More words instead of a button: ask once more with choices from both messages, if that
    offers something new; otherwise (or if already asked twice) the people who can help."""
    offered = {button_payload(b)[0] for b in last_turn_buttons(tracker)}
    already_asked_twice = any(
        phrases.DID_YOU_MEAN_WITH_EARLIER in text for text in last_turn_texts(tracker)
    )
    choices = [] if already_asked_twice else _choices(tracker)
    if not choices or {intent for intent, _ in choices} <= offered:
        return handoff(dispatcher, tracker, intro=phrases.STILL_NOT_SURE)
    _offer(dispatcher, phrases.DID_YOU_MEAN_WITH_EARLIER, choices)
    return []


@asks_safety_first
@resilient
class ActionHandoff(Action):
    def name(self) -> str:
        return "action_handoff"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        return handoff(dispatcher, tracker)


def handoff(
    dispatcher: CollectingDispatcher, tracker: Tracker, intro: str = "", buttons: tuple = ()
) -> list[dict]:
    """A person who can help: the council's IASS with its hours, or the national services;
    `buttons` first (a topic's letter, say), then the councils if none is known."""
    place = current_place(tracker)
    dispatcher.utter_message(
        text=render.handoff_reply(place, kb().national_services(), intro),
        buttons=list(buttons) + ([] if place else council_buttons()),
    )
    return [SlotSet("council", place.name)] if place else []


def _asked_to_clarify_last_turn(tracker: Tracker) -> bool:
    """Whether the bot's previous turn (before this message) was a clarifying question."""
    seen_user = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user += 1
            if seen_user > 1:
                return False
        elif (
            event.get("event") == "action"
            and seen_user == 1
            and event.get("name") not in ("action_listen", None)
        ):
            return event.get("name") == "action_clarify"
    return False
