"""The tracker store on a real PostgreSQL: replicas sharing conversations, outages, a full
buffer, and the window of events held in memory. In-process, with its own cluster so that
stopping it disturbs no other test."""

import asyncio
import logging

import pytest
import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

from devtools import servers
from scaling.tracker_store import TrackerStoreUnavailable, WaitingSQLTrackerStore
from tests.scale import stack
from tests.scale.conversations import stored_events


@pytest.fixture(scope="module")
def cluster():
    with stack.running_postgres("tracker") as pg:
        yield pg


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(servers.REPO / "domain.yml"))


def store_on(cluster, domain, **settings):
    return WaitingSQLTrackerStore(
        domain,
        dialect="postgresql",
        host="127.0.0.1",
        port=cluster.port,
        db="tracker",
        username=cluster.USER,
        password=cluster.PASSWORD,
        **settings,
    )


async def turn(store, sender, text, reply, slot=None):
    """What Rasa does in one turn: read, add the user message and the reply, save."""
    tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
    if not tracker.events:
        for event in (
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
        ):
            tracker.update(event)
    tracker.update(UserUttered(text))
    if slot:
        tracker.update(SlotSet(*slot))
    tracker.update(ActionExecuted("utter_reply"))
    tracker.update(BotUttered(reply))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    return tracker


def stored_turns(cluster, sender):
    with cluster.connect("tracker") as conn:
        events = stored_events(conn, sender)
    return [(e["event"], e.get("text")) for e in events if e["event"] in ("user", "bot")]


def expected(pairs):
    return [item for user, bot in pairs for item in (("user", user), ("bot", bot))]


def test_two_replicas_take_turns_on_one_conversation(cluster, domain):
    a, b = store_on(cluster, domain), store_on(cluster, domain)

    async def talk():
        said = []
        for i in range(12):
            store = (a, b)[i % 2]
            tracker = await turn(
                store, "alternating", f"message {i}", f"reply {i}", slot=("council", f"c{i}")
            )
            said.append((f"message {i}", f"reply {i}"))
            # The other replica sees this turn (and the slot) before serving the next one.
            other = await (b, a)[i % 2].retrieve("alternating")
            assert (
                other.get_slot("council") == f"c{i}" and other.latest_message.text == f"message {i}"
            )
        return said, tracker

    said, _ = asyncio.run(talk())
    assert stored_turns(cluster, "alternating") == expected(said)


def test_a_database_outage_loses_nothing_and_stores_nothing_twice(cluster, domain, caplog):
    store = store_on(cluster, domain, save_wait_seconds=1, read_wait_seconds=1)
    caplog.set_level(logging.WARNING, logger="scaling.tracker_store")

    async def talk():
        await turn(store, "outage", "before", "reply before")
        cluster.stop("fast")
        try:
            tracker = await turn(
                store, "outage", "during 1", "reply during 1", slot=("council", "Leeds")
            )
            assert store.pending.count("outage") == 5
            assert not store.health()["ok"] and store.health_counts()["pending_events"] == 5
            # The next turn is built on the whole conversation, from memory.
            again = await store.retrieve("outage")
            assert again is tracker and again.get_slot("council") == "Leeds"
            await turn(store, "outage", "during 2", "reply during 2")
            assert store.pending.count("outage") == 9
            # A replica that never saw the conversation cannot read it: the turn fails, loudly.
            with pytest.raises(TrackerStoreUnavailable):
                await store_on_down_cluster.retrieve("outage")
        finally:
            cluster.start()
        await turn(store, "outage", "after", "reply after")
        assert store.pending.total() == 0

    store_on_down_cluster = store_on(cluster, domain, read_wait_seconds=1)
    asyncio.run(talk())
    assert stored_turns(cluster, "outage") == expected(
        [
            ("before", "reply before"),
            ("during 1", "reply during 1"),
            ("during 2", "reply during 2"),
            ("after", "reply after"),
        ]
    )
    assert (
        "is unreachable" in caplog.text
        and "kept in memory" in caplog.text
        and "reachable again" in caplog.text
    )
    fresh = asyncio.run(store_on(cluster, domain).retrieve("outage"))
    assert fresh.get_slot("council") == "Leeds"


def test_a_commit_whose_answer_was_lost_is_not_repeated(cluster, domain):
    store = store_on(cluster, domain)
    asyncio.run(turn(store, "lost-answer", "hello", "hi"))
    entry = store.cache.get("lost-answer")
    before = entry.last_id
    tracker = asyncio.run(turn(store, "lost-answer", "again", "hi again"))
    # As if the commit had happened but its answer never arrived: the rows are queued again.
    rows = [store._row(e) for e in list(tracker.events)[-4:]]
    entry.last_id = before
    store.pending.add("lost-answer", rows)
    store._store_pending("lost-answer")
    assert stored_turns(cluster, "lost-answer") == expected(
        [("hello", "hi"), ("again", "hi again")]
    )


def test_a_full_buffer_is_logged_and_leaves_no_hole(cluster, domain, caplog):
    store = store_on(
        cluster, domain, save_wait_seconds=0.5, read_wait_seconds=0.5, max_pending_events=5
    )

    async def talk():
        await turn(store, "full", "one", "reply one")
        cluster.stop("fast")
        try:
            await turn(store, "full", "two", "reply two")  # 4 events: kept
            await turn(store, "full", "three", "reply three")  # 4 more: refused
        finally:
            cluster.start()
        await store._flush_within("full", 30)

    caplog.set_level(logging.ERROR)
    asyncio.run(talk())
    assert "will NOT be stored" in caplog.text and "conversation full" in caplog.text
    assert stored_turns(cluster, "full") == expected([("one", "reply one"), ("two", "reply two")])


def test_stopping_with_unsaved_events_says_so(cluster, domain, caplog):
    store = store_on(cluster, domain, save_wait_seconds=0.5, read_wait_seconds=0.5)
    caplog.set_level(logging.ERROR)
    asyncio.run(turn(store, "stopping", "one", "reply one"))
    cluster.stop("fast")
    try:
        asyncio.run(turn(store, "stopping", "two", "reply two"))
        store.flush_before_exit()
    finally:
        cluster.start()
    assert "stopping with 4 unsaved event(s) of conversation stopping" in caplog.text


def test_a_long_conversation_keeps_its_slots_beyond_the_window(cluster, domain):
    store = store_on(cluster, domain, events_in_memory=20)

    async def talk():
        await turn(store, "long", "I live in Leeds", "ok", slot=("council", "Leeds"))
        for i in range(40):
            tracker = await turn(store, "long", f"m{i}", f"r{i}")
        return tracker

    tracker = asyncio.run(talk())
    assert len(tracker.events) == 20 and tracker.get_slot("council") == "Leeds"
    reread = asyncio.run(store_on(cluster, domain, events_in_memory=20).retrieve("long"))
    assert len(reread.events) == 20 and reread.get_slot("council") == "Leeds"
    assert len(stored_turns(cluster, "long")) == 82


def user_turns(steps: list) -> int:
    """How many of the parent's messages a rule spans (one message may run several actions)."""
    return sum(1 for step in steps if "intent" in step or "user" in step or "or" in step)


def test_the_window_is_safe_for_this_assistant():
    """Holding only recent events in memory is right only while no rule spans more than one
    turn and no slot influences the conversation: this fails when that changes."""
    rules = yaml.safe_load((servers.REPO / "data" / "rules.yml").read_text())["rules"]
    long_rules = [
        r["rule"]
        for r in rules
        if user_turns(r.get("steps", [])) > 1 or r.get("conversation_start") or r.get("condition")
    ]
    assert not long_rules, (
        f"rules longer than one turn: raise events_in_memory or rethink: {long_rules}"
    )
    slots = yaml.safe_load((servers.REPO / "domain.yml").read_text())["slots"]
    influencing = [name for name, spec in slots.items() if spec.get("influence_conversation", True)]
    assert not influencing, f"slots that influence the conversation: {influencing}"


def test_personal_details_are_redacted_in_the_database_and_in_memory_alike(cluster, domain):
    a, b = store_on(cluster, domain), store_on(cluster, domain)
    asyncio.run(turn(a, "typed-email", "I'm jo@example.com", "thanks"))
    stored = " ".join(text for _, text in stored_turns(cluster, "typed-email"))
    assert "jo@example.com" not in stored and "[email]" in stored
    # The next turn, on this replica (from memory) or another (from the database), reads the same.
    mine, theirs = asyncio.run(a.retrieve("typed-email")), asyncio.run(b.retrieve("typed-email"))
    assert mine.latest_message.text == theirs.latest_message.text == "I'm [email]"
