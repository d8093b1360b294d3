"""Safety first, clarifying when unsure, and handing over to people."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge import render

from . import crisis
from .context import council_buttons, current_place, kb
from .resilience import SAFETY_UNAVAILABLE_MESSAGE, resilient

# Intents that are not a topic worth offering when the assistant is unsure.
_NOT_TOPICS = {"nlu_fallback", "greet", "goodbye", "thanks", "affirm", "deny", "bot_challenge",
               "out_of_scope", "inform_council", "steps_taken"}


@resilient(message=SAFETY_UNAVAILABLE_MESSAGE)
class ActionSafety(Action):
    def name(self) -> Text:
        return "action_safety"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        risk = tracker.latest_message.get("risk") or {}
        also = _send_question(risk)
        dispatcher.utter_message(text=render.safety_reply(crisis_contacts(risk), crisis.lead(risk),
                                                          question_follows=bool(also)))
        if also:
            from .answers import answer_topic  # answers imports this module for handoff

            return answer_topic(dispatcher, tracker, also)
        return []


def crisis_contacts(risk: Dict) -> List:
    """The contacts for this kind of risk, 999 first (every contact if the kind is unknown)."""
    found = [kb().service(i) for i in crisis.contact_ids(risk)]
    return [s for s in found if s is not None] or kb().safety_contacts()


def _send_question(risk: Dict):
    """The SEND topic the parent also asked about, answered after the crisis contacts."""
    intent = risk.get("also_intent")
    return intent if intent and kb().topic(intent) else None


@resilient
class ActionClarify(Action):
    """Low confidence: offer the two likeliest topics; if still unsure, the people who can help."""

    def name(self) -> Text:
        return "action_clarify"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        if _asked_to_clarify_last_turn(tracker):
            return handoff(dispatcher, tracker, intro="I'm sorry, I'm still not sure I understand.")
        buttons = []
        for ranked in tracker.latest_message.get("intent_ranking") or []:
            name = ranked.get("name")
            if name in _NOT_TOPICS:
                continue
            title = _title_for(name)
            if title:
                buttons.append({"title": title, "payload": f"/{name}"})
            if len(buttons) == 2:
                break
        if not buttons:
            return handoff(dispatcher, tracker, intro="I'm sorry, I'm not sure I understand.")
        dispatcher.utter_message(
            text="I'm not sure I understood. Did you mean one of these? If not, try saying it another way.",
            buttons=buttons + [{"title": "Something else", "payload": "/ask_human"}])
        return []


@resilient
class ActionHandoff(Action):
    def name(self) -> Text:
        return "action_handoff"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        return handoff(dispatcher, tracker)


def handoff(dispatcher: CollectingDispatcher, tracker: Tracker, intro: str = "") -> List[Dict]:
    """A person who can help: the council's IASS with its hours, or the national services."""
    place = current_place(tracker)
    iass = place.service("iass") if place and place.covered else None
    lead = f"{intro} " if intro else ""
    if iass:
        dispatcher.utter_message(
            text=f"{lead}You can talk to a person at {place.name}'s information, advice and support service. "
                 f"It is free, impartial and confidential:\n{render.contact_lines(iass, with_offer=not iass.reachable)}"
                 f"\n\nNext step: contact them and say what you have tried so far.\n\nSource: {place.source.short}")
        return [SlotSet("council", place.name)]
    national = kb().national_services()
    where = f"I don't have local contacts for {place.name} yet. " if place else ""
    dispatcher.utter_message(
        text=f"{lead}{where}You can talk to a person at these free national services:\n"
             f"{render.national_services_block(national)}\n\nYour council's IASS can also help: "
             f"find it through your council's Local Offer.", buttons=[] if place else council_buttons())
    return [SlotSet("council", place.name)] if place else []


def _title_for(intent: str):
    topic = kb().topic(intent)
    if topic:
        return topic.title
    ladder = next((l for l in kb().ladders() if l.intent == intent), None)
    return ladder.title if ladder else None


def _asked_to_clarify_last_turn(tracker: Tracker) -> bool:
    """Whether the bot's previous turn (before this message) was a clarifying question."""
    seen_user = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user += 1
            if seen_user > 1:
                return False
        elif event.get("event") == "action" and seen_user == 1 and event.get("name") not in ("action_listen", None):
            return event.get("name") == "action_clarify"
    return False
