"""PostgreSQL or Redis going away for ~20 s while 32 parents talk to two replicas.

Each parent's messages alternate between the replicas. Once every conversation is under
way, the database (or Redis) is stopped; each parent sends their next message while it is
down, at staggered moments; it is started again after OUTAGE_SECONDS and the conversations
finish. Every turn must get a reply (a real one when the database was down: the turn waits
for it; the apology with the council's contacts when Redis was down: no conversation can be
locked), and afterwards the database must hold every user message and every bot reply
exactly once, in order. /webhooks/health must say 503 during the outage and 200 after.
Figures go to results/outages-*.json and are printed.
"""

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from channels.fallback import fallback_text
from devtools.servers import REPO
from knowledge.queries import KnowledgeBase
from tests.scale.conversations import (
    COUNCILS,
    Script,
    Turn,
    problems_in_reply,
    reply_texts,
    script_for,
    store_problems,
    stored_events,
)

CONVERSATIONS = 32
OUTAGE_SECONDS = 20
REQUEST_TIMEOUT = 120
STAGGER = 8  # seconds: outage messages arrive between 0 and STAGGER s into the outage


def post(port, sender, text):
    started = time.monotonic()
    answer = requests.post(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook",
        json={"sender": sender, "message": text},
        timeout=REQUEST_TIMEOUT,
    )
    return answer, time.monotonic() - started


def health(port):
    answer = requests.get(f"http://127.0.0.1:{port}/webhooks/health", timeout=15)
    return answer.status_code, answer.json()


class Outage:
    """Runs the conversations around one outage and collects what a reviewer needs."""

    def __init__(self, replicas, stop, start, during_turns):
        self.replicas, self.stop, self.start = replicas, stop, start
        self.during_turns = during_turns
        self.ready = threading.Barrier(CONVERSATIONS + 1, timeout=300)
        self.down, self.up = threading.Event(), threading.Event()
        self.outage_times, self.health_during = [], []
        self.guard = threading.Lock()

    def converse(self, index, script: Script):
        ports = self.replicas.ports
        sender = f"outage-{self.label}-{index:03d}-{script.council.replace(' ', '_')}"
        sent, problems, order, t = {}, [], [], 0

        def turn(turn_, timed=False):
            nonlocal t
            try:
                answer, seconds = post(ports[(index + t) % len(ports)], sender, turn_.text)
            except requests.RequestException as exc:
                problems.append(f"{turn_.text!r} -> no answer: {exc}")
                return
            finally:
                t += 1
            if answer.status_code != 200:
                problems.append(f"{turn_.text!r} -> HTTP {answer.status_code}")
                return
            reply = answer.json()
            sent[turn_.text] = reply_texts(reply)
            order.append(turn_.text)
            if not reply_texts(reply):
                problems.append(f"{turn_.text!r} -> an empty reply")
            problems.extend(problems_in_reply(script, turn_, reply))
            if timed:
                with self.guard:
                    self.outage_times.append(seconds)

        for turn_ in script.turns[:2]:
            turn(turn_)
        self.ready.wait()
        self.down.wait()
        time.sleep(index % (STAGGER + 1))
        for turn_ in self.during_turns(script):
            turn(turn_, timed=True)
        self.up.wait(
            timeout=300
        )  # (a turn held up by the database returns after it is back anyway)
        for turn_ in script.turns[2:]:
            turn(turn_)
        return sender, sent, order, problems

    def run(self, label, kb):
        self.label = label
        scripts = [script_for(kb, COUNCILS[i % len(COUNCILS)]) for i in range(CONVERSATIONS)]
        with ThreadPoolExecutor(max_workers=CONVERSATIONS) as pool:
            futures = [pool.submit(self.converse, i, s) for i, s in enumerate(scripts)]
            self.ready.wait()
            status, body = health(self.replicas.ports[0])
            assert status == 200, f"not healthy before the outage: {body}"
            self.stop()
            stopped = time.monotonic()
            self.down.set()
            time.sleep(STAGGER / 2)
            for port in self.replicas.ports:
                self.health_during.append(health(port))
            time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - stopped)))
            self.start()
            self.outage_seconds = time.monotonic() - stopped
            self.up.set()
            results = [f.result(timeout=600) for f in futures]
        return scripts, results


def check_store(replicas, scripts, results):
    connection = replicas.postgres.connect("tracker")
    problems, events, user_turns = [], 0, 0
    try:
        for sender, sent, order, _ in results:
            stored = stored_events(connection, sender)
            events += len(stored)
            user_turns += sum(1 for e in stored if e.get("event") == "user")
            problems += [f"{sender}: {p}" for p in store_problems(stored, sent, order)]
    finally:
        connection.close()
    return problems, events, user_turns


def record(label, figures):
    (REPO / "results").mkdir(exist_ok=True)
    (REPO / "results" / f"outages-{label}.json").write_text(json.dumps(figures, indent=2))
    print(f"\n{label} outage: {figures}")


def wait_healthy(port, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status, body = health(port)
        if status == 200:
            return body
        time.sleep(1)
    raise AssertionError(f"/webhooks/health still not 200 {seconds} s after the outage: {body}")


def check_outage(outage, scripts, results, down, up, turns_during):
    """What every outage must show: each turn answered as its script expects; /webhooks/health
    503 naming the store that is `down` (and not the one that is `up`) during the outage, 200
    after; every event stored once, in order; both replicas still running. Returns the figures."""
    replicas = outage.replicas
    reply_problems = [f"{sender}: {p}" for sender, _, _, problems in results for p in problems]
    assert not reply_problems, "\n".join(reply_problems[:30])
    for status, body in outage.health_during:
        assert status == 503 and not body["checks"][down]["ok"] and body["checks"][up]["ok"], body
    for port in replicas.ports:
        wait_healthy(port)
    store, events, user_turns = check_store(replicas, scripts, results)
    assert not store, "\n".join(store[:30])
    answered = sum(len(sent) for _, sent, _, _ in results)
    figures = {
        "conversations": CONVERSATIONS,
        "replicas": len(replicas.ports),
        "outage_seconds": round(outage.outage_seconds, 1),
        "turns_answered": answered,
        "turns_sent": sum(len(s.turns) + turns_during for s in scripts),
        "events_stored": events,
        "user_messages_stored": user_turns,
        "turns_during_outage": len(outage.outage_times),
        "longest_reply_during_outage_s": round(max(outage.outage_times), 1),
        "median_reply_during_outage_s": round(
            sorted(outage.outage_times)[len(outage.outage_times) // 2], 1
        ),
    }
    assert answered == figures["turns_sent"] == user_turns
    for rasa in replicas.rasas:
        assert rasa.alive(), rasa.tail()
    return figures


def test_postgres_outage_loses_no_event_and_every_turn_is_answered(replicas):
    kb = KnowledgeBase(replicas.knowledge_url)
    cluster = replicas.postgres
    asked = [
        Turn("what is SEN support?", ["SEN support is help that is extra to, or different from"])
    ]
    outage = Outage(
        replicas,
        stop=lambda: cluster.stop("fast"),
        start=cluster.start,
        during_turns=lambda _: asked,
    )
    scripts, results = outage.run("postgresql", kb)
    figures = check_outage(
        outage, scripts, results, down="tracker_store", up="lock_store", turns_during=len(asked)
    )
    record("postgresql", figures)


def test_redis_outage_gets_the_apology_and_service_resumes(replicas, redis_server):
    kb = KnowledgeBase(replicas.knowledge_url)
    asked = ["is anyone there?", "what about the annual review?"]

    def during(script):
        # Nothing can be locked: the apology with this council's contacts, from the knowledge base.
        return [Turn(text, [fallback_text([script.council], text)]) for text in asked]

    outage = Outage(replicas, stop=redis_server.stop, start=redis_server.start, during_turns=during)
    scripts, results = outage.run("redis", kb)
    figures = check_outage(
        outage, scripts, results, down="lock_store", up="tracker_store", turns_during=len(asked)
    )
    record("redis", figures)
