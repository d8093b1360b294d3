"""The gentle safety check: asked before the answer when the risk detector is unsure.

The risk detector (nlu/risk) gives the crisis contacts first only when it is sure. Just below its
threshold, nlu/safety.py marks the message `safety_check`; the action answering it then first asks,
without phone numbers, whether anyone is at risk right now, with one button to the crisis contacts,
and answers the question as usual. A parent asking about reading is not sent to 999; a parent
whose child is in danger in words no pattern foresaw is still offered help first.

Apply to each action that answers a parent's message::

    @asks_safety_first
    class ActionAnswerTopic(Action):
        ...
"""

import functools
import inspect
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import is_staff
from actions.resilience import resilient
from nlu.intents import SAFETY_CHECK_KEY
from replies import phrases

CHECK_BUTTONS = [{"title": phrases.SAFETY_CHECK_BUTTON, "payload": "/safety_concern"}]


def asks_safety_first(action_cls: type[Action]) -> type[Action]:
    """Class decorator: `run` asks the safety check first when the message is marked for it."""
    run = action_cls.run

    def ask(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        if needs_check(tracker):
            dispatcher.utter_message(text=phrases.SAFETY_CHECK, buttons=CHECK_BUTTONS)

    if inspect.iscoroutinefunction(run):

        @functools.wraps(run)
        async def checked_run(
            self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
        ):
            ask(dispatcher, tracker)
            return await run(self, dispatcher, tracker, domain)
    else:

        @functools.wraps(run)
        def checked_run(
            self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
        ):
            ask(dispatcher, tracker)
            return run(self, dispatcher, tracker, domain)

    action_cls.run = checked_run
    return action_cls


def needs_check(tracker: Tracker) -> bool:
    """The latest message is marked, comes from a parent (not the staff page), and no action has
    asked yet since it was written (a turn can run two answering actions: a council, then the
    topic waiting for it)."""
    if not (tracker.latest_message or {}).get(SAFETY_CHECK_KEY) or is_staff(tracker):
        return False  # helpline staff look things up for callers: "you and your child" is not them
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            return True
        if event.get("event") == "bot" and event.get("text") == phrases.SAFETY_CHECK:
            return False
    return True


@asks_safety_first
@resilient
class ActionSafetyCheckIfUnsure(Action):
    """Before a fixed response (greeting, thanks, yes/no, "are you a bot", out of scope): the
    rules run this first, so "thanks, you won't hear from me again" is asked too."""

    def name(self) -> str:
        return "action_safety_check_if_unsure"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]):
        return []
