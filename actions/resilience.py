"""One place for what an action does when the knowledge base cannot be read.

Apply to each custom action class::

    from .resilience import resilient

    @resilient
    class ActionAnswerTopic(Action):
        ...

`run` then catches `KnowledgeUnavailable`: the parent gets a clear message (no contact
details, since we could not read them), the log gets one clear line, and the action server
carries on serving (no traceback storm, no 500 for Rasa to log and drop).

The safety action should keep pointing to emergency help even then::

    @resilient(message=phrases.SAFETY_KNOWLEDGE_UNAVAILABLE)
    class ActionSafety(Action):
"""

import functools
import inspect
import logging
from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge import KnowledgeUnavailable
from replies import phrases

log = logging.getLogger(__name__)


def resilient(
    action_cls: type[Action] | None = None, *, message: str = phrases.KNOWLEDGE_UNAVAILABLE
) -> type[Action] | Callable[[type[Action]], type[Action]]:
    """Class decorator (`@resilient` or `@resilient(message=...)`): wrap `run` so a
    knowledge base outage gives a clear reply."""
    if action_cls is None:
        return lambda cls: _guard(cls, message)
    return _guard(action_cls, message)


def _guard(action_cls: type[Action], message: str) -> type[Action]:
    run = action_cls.run
    if getattr(run, "__knowledge_guarded__", False):
        return action_cls

    def _unavailable(
        self, dispatcher: CollectingDispatcher, exc: Exception
    ) -> list[dict[str, Any]]:
        log.error("knowledge base unavailable in %s: %s", self.name(), exc)
        dispatcher.utter_message(text=message)
        return []

    if inspect.iscoroutinefunction(run):

        @functools.wraps(run)
        async def guarded(
            self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
        ):
            try:
                return await run(self, dispatcher, tracker, domain)
            except KnowledgeUnavailable as exc:
                return _unavailable(self, dispatcher, exc)
    else:

        @functools.wraps(run)
        def guarded(
            self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
        ):
            try:
                return run(self, dispatcher, tracker, domain)
            except KnowledgeUnavailable as exc:
                return _unavailable(self, dispatcher, exc)

    guarded.__knowledge_guarded__ = True
    action_cls.run = guarded
    return action_cls
