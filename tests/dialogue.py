"""Running an action the way the action server does: a real rasa_sdk Tracker and dispatcher."""

import asyncio
import inspect

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def tracker(
    text,
    intent="",
    slots=None,
    entities=(),
    metadata=None,
    ranking=None,
    events=None,
    parse=None,
):
    """The conversation as an action sees it just after the parent's message; `parse`: more keys
    of the parse data (what nlu/safety.py adds, such as `risk` or `safety_check`)."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": list(entities),
        "intent_ranking": ranking or [],
        "metadata": metadata or {},
        **(parse or {}),
    }
    return Tracker(
        "parent-1", dict(slots or {}), latest, events or [], False, None, {}, "action_listen"
    )


def run(action, conversation):
    """(all reply text joined, the messages, the events) from one run of the action."""
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, conversation, {})
    if inspect.isawaitable(events):  # async actions, as rasa_sdk awaits them
        events = asyncio.run(events)
    return "\n".join(m.get("text") or "" for m in dispatcher.messages), dispatcher.messages, events
