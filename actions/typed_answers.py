"""A typed answer to the question just asked does what tapping its button would have.

Parents often type instead of tapping: "not yet" to "what have you tried so far?"; "yes" to a
step's "I've done this step", to "Is that Hythe in Hampshire?", to "I can draft the letter for
you" or to the safety check; or a button's own words ("I've done this step"). Each once got a
reply that ignored the question ("No problem. Ask me anything..." or "I'm not sure I
understand"). With no question waiting, yes and no get the usual short replies.
"""

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from replies import phrases

from .context import (
    button_payload,
    council_choices,
    kb,
    last_turn_buttons,
    latest_intent,
    plain_words,
)
from .council import use_council
from .escalation import NOTHING_YET as NOTHING_TRIED_STEP
from .escalation import WHAT_NEXT, escalate, show_path, typed_what_next
from .letters import offer_letter
from .resilience import resilient
from .safety_check import asks_safety_first

AFFIRM = "affirm"
# The buttons a typed yes or no stands for, the first one shown winning (safety first).
YES_MEANS = (
    phrases.SAFETY_CHECK_BUTTON,
    phrases.STEP_DONE,
    phrases.YES,
    phrases.TOPIC_LETTER_BUTTON,
)
NO_MEANS = (phrases.NOTHING_YET, phrases.NO_SOMEWHERE_ELSE)
# "nothing yet" after a topic's answer that offered its ladder: nothing tried, so its first step.
NOTHING_TRIED = re.compile(
    r"(?:no\s)?(?:nothing|not|none)(?:\s(?:yet|so far|really))?"
    r"|(?:i|we)\s(?:havent|have not)\s(?:done|tried)\s(?:anything|nothing)(?:\s(?:yet|so far))?"
)
# "done", "done that", "all done" just after a step: the step is done, not the chat.
# "I'm done", "done for today" or anything with a farewell stays a goodbye.
STEP_DONE_WORDS = re.compile(
    r"(?:(?:yes|yep|yeah|ok|okay|right|all)\s)?"
    r"(?:done|did|done and dusted)(?:\s(?:that|it|this|so|this step|that one|that step))?"
    r"(?:\s(?:already|now|too|as well))?"
)


def press(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, button: dict
) -> list[dict] | None:
    """Do what the button does; None for a button this cannot press from here."""
    intent, values = button_payload(button)
    if intent == "safety_concern":
        from .support import ActionSafety  # support imports this module

        return ActionSafety().run(dispatcher, tracker, domain)
    if intent == "steps_taken" and values.get("step"):
        return escalate(dispatcher, tracker, [str(values["step"])])
    if intent == "steps_taken" and kb().ladder(str(values.get("ladder") or "")):
        return escalate(dispatcher, tracker, [], ladder_id=str(values["ladder"]))
    if intent == "escalation_path" and values.get("ladder"):
        return show_path(dispatcher, tracker, str(values["ladder"]))
    if intent == "request_letter":
        return offer_letter(dispatcher, tracker, values.get("letter_kind"))
    if intent == "inform_council":
        place = kb().find_place(str(values.get("council") or ""))
        if place:
            return use_council(dispatcher, tracker, place)
        dispatcher.utter_message(text=phrases.ASK_COUNCIL, buttons=council_choices())
        return []
    return None


def press_typed_title(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict
) -> list[dict] | None:
    """The parent typed a button's own words ("I've done this step"), or "what next?" with a
    ladder in context: press that button."""
    typed = plain_words(tracker.latest_message.get("text") or "")
    for button in last_turn_buttons(tracker):
        if typed and plain_words(str(button.get("title") or "")) == typed:
            return press(dispatcher, tracker, domain, button)
    return typed_what_next(dispatcher, tracker)


@asks_safety_first
@resilient
class ActionYesOrNo(Action):
    def name(self) -> str:
        return "action_yes_or_no"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        what_next = typed_what_next(dispatcher, tracker)
        if what_next is not None:
            return what_next
        affirm = latest_intent(tracker) == AFFIRM
        offered = {b.get("title"): b for b in last_turn_buttons(tracker)}
        for title in YES_MEANS if affirm else NO_MEANS:
            if title in offered:
                pressed = press(dispatcher, tracker, domain, offered[title])
                if pressed is not None:
                    return pressed
        typed = plain_words(tracker.latest_message.get("text") or "")
        if not affirm and phrases.TOPIC_LADDER_BUTTON in offered and NOTHING_TRIED.fullmatch(typed):
            _, values = button_payload(offered[phrases.TOPIC_LADDER_BUTTON])
            return escalate(dispatcher, tracker, [NOTHING_TRIED_STEP], ladder_id=values["ladder"])
        dispatcher.utter_message(response="utter_affirm" if affirm else "utter_deny")
        return []


@asks_safety_first
@resilient
class ActionGoodbye(Action):
    """Goodbye, unless a bare "done" answers the step just shown (press "I've done this step")."""

    def name(self) -> str:
        return "action_goodbye"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        what_next = typed_what_next(dispatcher, tracker)
        if what_next is not None:
            return what_next
        typed = plain_words(tracker.latest_message.get("text") or "")
        step_done = next(
            (b for b in last_turn_buttons(tracker) if b.get("title") == phrases.STEP_DONE), None
        )
        if step_done and STEP_DONE_WORDS.fullmatch(typed):
            pressed = press(dispatcher, tracker, domain, step_done)
            if pressed is not None:
                return pressed
        if WHAT_NEXT.fullmatch(typed):  # nothing under way: not a goodbye
            from .support import handoff  # support imports this module

            return handoff(dispatcher, tracker, intro=phrases.NEXT_STEP_DEPENDS)
        dispatcher.utter_message(response="utter_goodbye")
        return []
