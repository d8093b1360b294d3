"""Scale-out the Rasa way: two replicas, one PostgreSQL tracker store, one Redis lock store.

Many parents talk at once, each conversation's messages alternating between the replicas
(as behind a load balancer without sticky sessions); the last two messages of each arrive
at the same moment, one at each replica, which only the shared lock store keeps in order.
Then the tracker store must hold every conversation exactly as the parents saw it.
"""

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from devtools.servers import REPO
from knowledge.queries import KnowledgeBase
from tests.scale.conversations import (
    COUNCILS,
    problems_in_reply,
    reply_texts,
    script_for,
    store_problems,
    stored_events,
)

CONVERSATIONS = 56
REQUEST_TIMEOUT = 120  # seconds; each request is bounded, and so is the whole run
RUN_LIMIT = 300


def say(port, sender, text):
    response = requests.post(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook",
        json={"sender": sender, "message": text},
        timeout=REQUEST_TIMEOUT,
    )
    response.raise_for_status()
    return response.json()


def converse(ports, index, script, deadline):
    """One parent: the scripted turns alternating replicas, then two messages at once."""
    sender = f"scale-{index:03d}-{script.council.replace(' ', '_')}"
    sent, problems = {}, []
    for t, turn in enumerate(script.turns):
        if time.monotonic() > deadline:
            return sender, sent, problems + ["run time limit reached"]
        reply = say(ports[(index + t) % len(ports)], sender, turn.text)
        sent[turn.text] = reply_texts(reply)
        problems += problems_in_reply(script, turn, reply)
    replies = {}

    def send(port, turn):
        replies[turn.text] = say(port, sender, turn.text)

    threads = [
        threading.Thread(target=send, args=(ports[i % len(ports)], turn))
        for i, turn in enumerate(script.together)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(REQUEST_TIMEOUT + 5)
    for turn in script.together:
        if turn.text not in replies:
            problems.append(f"{turn.text!r} got no answer")
            continue
        sent[turn.text] = reply_texts(replies[turn.text])
        problems += problems_in_reply(script, turn, replies[turn.text])
    return sender, sent, problems


def test_many_parents_across_two_replicas(replicas):
    kb = KnowledgeBase(replicas.knowledge_url)
    scripts = [script_for(kb, COUNCILS[i % len(COUNCILS)]) for i in range(CONVERSATIONS)]
    assert any(s.council == "Leeds" for s in scripts) and any(
        s.council == "Hampshire" for s in scripts
    )

    started = time.monotonic()
    deadline = started + RUN_LIMIT
    with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
        results = list(
            pool.map(lambda item: converse(replicas.ports, *item, deadline), enumerate(scripts))
        )
    wall = time.monotonic() - started

    messages = sum(len(s.turns) + len(s.together) for s in scripts)
    reply_problems = [f"{sender}: {p}" for sender, _, problems in results for p in problems]
    assert not reply_problems, "\n".join(reply_problems[:30])

    # The tracker store, read straight from PostgreSQL, as either replica would read it.
    connection = replicas.postgres.connect("tracker")
    try:
        store = []
        for (sender, sent, _), script in zip(results, scripts, strict=True):
            order = [turn.text for turn in script.turns]
            store += [
                f"{sender}: {p}"
                for p in store_problems(stored_events(connection, sender), sent, order)
            ]
    finally:
        connection.close()
    assert not store, "\n".join(store[:30])

    for rasa in replicas.rasas:
        assert rasa.alive(), rasa.tail()
    figures = {
        "conversations": CONVERSATIONS,
        "replicas": len(replicas.ports),
        "messages": messages,
        "wall_seconds": round(wall, 1),
        "messages_per_second": round(messages / wall, 1),
    }
    (REPO / "results").mkdir(exist_ok=True)
    (REPO / "results" / "scale-out.json").write_text(json.dumps(figures, indent=2))
    print(f"\nscale-out: {figures}")
    assert wall < RUN_LIMIT
