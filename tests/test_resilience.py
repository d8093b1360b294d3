"""actions/resilience.py: a knowledge base outage gives the parent a clear message and
the log one clear line, and the action server keeps serving."""

import asyncio
import importlib
import inspect
import logging
import pkgutil

import pytest
from rasa_sdk import Action
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

import actions
from actions.council import ActionCouncilSet
from actions.resilience import resilient
from knowledge.errors import KnowledgeUnavailable
from knowledge.queries import KnowledgeBase
from replies.phrases import KNOWLEDGE_UNAVAILABLE as UNAVAILABLE_MESSAGE
from replies.phrases import SAFETY_KNOWLEDGE_UNAVAILABLE as SAFETY_UNAVAILABLE_MESSAGE
from tests import dialogue


def tracker(text="I live in Hampshire", slots=None):
    return dialogue.tracker(text, "inform_council", slots=slots)


class Outage(Action):
    def name(self):
        return "action_outage"

    def run(self, dispatcher, tracker, domain):
        raise KnowledgeUnavailable("cannot read the knowledge database: OperationalError")


class AsyncOutage(Outage):
    def name(self):
        return "action_async_outage"

    async def run(self, dispatcher, tracker, domain):
        raise KnowledgeUnavailable("cannot read the knowledge database: OperationalError")


class Works(Action):
    def name(self):
        return "action_works"

    def run(self, dispatcher, tracker, domain):
        dispatcher.utter_message(text="fine")
        return [{"event": "slot", "name": "council", "value": "Hampshire"}]


class Bug(Action):
    def name(self):
        return "action_bug"

    def run(self, dispatcher, tracker, domain):
        raise ValueError("a real bug")


def test_outage_gives_clear_message_and_one_log_line(caplog):
    dispatcher = CollectingDispatcher()
    with caplog.at_level(logging.ERROR):
        events = resilient(Outage)().run(dispatcher, tracker(), {})
    assert events == []
    assert [m["text"] for m in dispatcher.messages] == [UNAVAILABLE_MESSAGE]
    assert "try again later" in UNAVAILABLE_MESSAGE and "Local Offer" in UNAVAILABLE_MESSAGE
    assert not any(
        ch.isdigit() for ch in UNAVAILABLE_MESSAGE
    )  # no contact details we could not read
    lines = [r.getMessage() for r in caplog.records if r.name == "actions.resilience"]
    assert lines == [
        "knowledge base unavailable in action_outage: cannot read the knowledge database: "
        "OperationalError"
    ]


def test_async_run_is_guarded_and_stays_a_coroutine():
    guarded = resilient(AsyncOutage)
    assert inspect.iscoroutinefunction(guarded.run)  # rasa-sdk awaits coroutine actions
    dispatcher = CollectingDispatcher()
    assert asyncio.run(guarded().run(dispatcher, tracker(), {})) == []
    assert dispatcher.messages[0]["text"] == UNAVAILABLE_MESSAGE


def test_normal_runs_and_other_errors_are_untouched():
    dispatcher = CollectingDispatcher()
    assert resilient(Works)().run(dispatcher, tracker(), {})[0]["value"] == "Hampshire"
    assert dispatcher.messages[0]["text"] == "fine"
    with pytest.raises(ValueError):  # a bug must still show as a bug, not as an outage
        resilient(Bug)().run(CollectingDispatcher(), tracker(), {})


def test_safety_action_can_keep_pointing_to_emergency_help():
    from actions.support import ActionSafety

    class Down(ActionSafety):
        def run(self, dispatcher, tracker, domain):
            raise KnowledgeUnavailable("down")

    dispatcher = CollectingDispatcher()
    resilient(message=SAFETY_UNAVAILABLE_MESSAGE)(Down)().run(
        dispatcher, tracker("he wants to hurt himself"), {}
    )
    assert "999" in dispatcher.messages[0]["text"]


def test_applying_twice_wraps_once():
    once = resilient(type("Once", (Outage,), {}))
    run = once.run
    assert resilient(once).run is run


def test_real_action_with_unreachable_knowledge_database(monkeypatch, tmp_path):
    down = KnowledgeBase(f"postgresql://nobody@127.0.0.1:{_closed_port()}/knowledge")
    monkeypatch.setattr("knowledge.queries._chosen", down)
    guarded = resilient(type("GuardedCouncilSet", (ActionCouncilSet,), {}))
    dispatcher = CollectingDispatcher()
    assert guarded().run(dispatcher, tracker(), {}) == []
    assert dispatcher.messages[0]["text"] == UNAVAILABLE_MESSAGE


def test_rasa_sdk_executor_returns_the_message_not_an_error(monkeypatch):
    """What Rasa receives from the action server: a normal 200 answer with the message."""
    down = KnowledgeBase(f"postgresql://nobody@127.0.0.1:{_closed_port()}/knowledge")
    monkeypatch.setattr("knowledge.queries._chosen", down)
    guarded = resilient(
        type("GuardedCouncilSet2", (ActionCouncilSet,), {"name": lambda self: "guarded_council"})
    )
    executor = ActionExecutor()
    executor.register_action(guarded)
    call = {
        "next_action": "guarded_council",
        "sender_id": "p",
        "version": "3.6.2",
        "domain": {},
        "tracker": {
            "sender_id": "p",
            "slots": {},
            "latest_message": {"text": "I live in Hampshire"},
            "events": [],
            "paused": False,
            "latest_action_name": "action_listen",
        },
    }
    result = asyncio.run(executor.run(call))
    assert result["responses"][0]["text"] == UNAVAILABLE_MESSAGE


def test_every_custom_action_is_guarded():
    """Fails until @resilient is applied to each action class (see actions/resilience.py)."""
    found = []
    for info in pkgutil.iter_modules(actions.__path__):
        module = importlib.import_module(f"actions.{info.name}")
        found += [
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Action) and cls.__module__ == module.__name__
        ]
    unguarded = sorted(
        f"{c.__module__}.{c.__name__}"
        for c in found
        if not getattr(c.run, "__knowledge_guarded__", False)
    )
    assert found and not unguarded, (
        f"apply @resilient (actions/resilience.py) to: {', '.join(unguarded)}"
    )


def _closed_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed
