"""Hostile and malformed requests to the chat channels: never a 5xx, the server stays up,
and a parent talking at the same time still gets the right answers.

A deterministic corpus (seeded), not random search: every run sends the same requests, so
a failure can be replayed. The web chat channel is fuzzed too when credentials.yml enables
it (FUZZ_WEBCHAT=1 adds it for a trial run before it is configured).
"""

import json
import os
import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
import requests
import yaml

from channels.limits import Limits
from devtools import servers
from knowledge.queries import KnowledgeBase
from tests.scale import stack
from tests.scale.conversations import problems_in_reply, script_for

SEED = 20261122
REST, WEBCHAT = "/webhooks/rest/webhook", "/webhooks/webchat/message"
TIME_LIMIT = 150  # seconds for the whole barrage
LIMIT = Limits().max_message_chars
HOSTILE_TEXTS = [
    "<script>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>",
    "</textarea><svg onload=alert(1)>",
    "'; DROP TABLE events; --",
    "1' OR '1'='1",
    '" OR 1=1 --',
    "UNION SELECT password FROM users",
    "{{7*7}}",
    "${jndi:ldap://127.0.0.1/a}",
    "%s%s%s%n",
    "{0.__class__.__mro__}",
    "../../../../etc/passwd",
    "\x00\x01\x02 hello \x7f",
    "\u202etxt.exe",
    "zero\u200bwidth\u200djoin",
    "😀" * 300,
    "👩‍👩‍👧‍👦 my child 🏫",
    "ﷺ" * 50,
    "Ω≈ç√∫˜µ≤≥÷",
    "\t\n\r  \n",
    "\\u0000\\ud800",
    "/restart",
    "/session_start",
    "/nlu_fallback",
    '/inform_council{"council": "<script>alert(1)</script>"}',
    '/steps_taken{"step": "../../../etc"}',
    '/steps_taken{"step": ',
    '/greet{"a": {"b": {"c": [1, 2, {"d": null}]}}}',
    "/" + "a" * 900,
    "how do I contact SENDIASS?" * 30,
    "I live in Hampshire; DROP TABLE events;",
    "a" * LIMIT,
    "a" * (LIMIT + 1),
    "a." * (LIMIT // 2),  # a clause every two characters, for the step reading
]


def _bodies(rng: random.Random):
    """(description, raw body bytes, content type) for the REST/webchat message endpoints."""

    def j(obj):
        return json.dumps(obj).encode()

    sender = lambda: f"fuzz-{rng.randrange(10**9)}"  # noqa: E731
    yield "empty body", b"", "application/json"
    yield "whitespace", b"   \n", "application/json"
    for junk in [
        b"{",
        b"}",
        b"{'sender': 'x'}",
        b"null",
        b"true",
        b"42",
        b'"text"',
        b"[]",
        b"[1,2]",
        b'{"sender": "x", "message": }',
        b"\xff\xfe\xfd",
        b"\xc3\x28",
        b'{"sender":"x","message":"\xed\xa0\x80"}',
        b"<xml>hi</xml>",
        b"sender=x&message=hi",
        b"[" * 20000 + b"]" * 20000,
        b'{"a":' * 5000 + b"1" + b"}" * 5000,
        b'{"sender": "x", "message": NaN}',
        b'{"sender": "x", "message": "hi",' + b" " * 100_000 + b"}",
    ]:
        yield "invalid or odd JSON", junk, "application/json"
    for wrong in [
        None,
        0,
        -1,
        1.5,
        True,
        [],
        ["x"],
        {},
        {"id": "x"},
        "",
        " ",
        "x" * 65,
        "x" * 1000,
        "x" * 100_000,
        "a\x00b",
        "a\nb",
        "a\ud800",
        "😀" * 64,
        "😀" * 65,
        "<script>",
        "' OR 1=1 --",
    ]:
        yield "odd sender", j({"sender": wrong, "message": "hello"}), "application/json"
    for wrong in [
        None,
        0,
        1.5,
        True,
        [],
        ["hi"],
        {"text": "hi"},
        "",
        "\x00\x00",
        "x" * 100_000,
        "\ud800\udc00",
    ]:
        yield "odd message", j({"sender": sender(), "message": wrong}), "application/json"
    nested = {"x": 1}
    for _ in range(60):
        nested = {"x": nested}
    for meta in [
        "council",
        1,
        [1, 2],
        nested,
        {"council": "<script>alert(1)</script>"},
        {"council": "x" * 5000},
        {"mode": "admin"},
        {"mode": ["staff"]},
        {"council": {"$ne": None}},
        {"__proto__": {"admin": True}},
    ]:
        yield (
            "odd metadata",
            j({"sender": sender(), "message": "hello", "metadata": meta}),
            "application/json",
        )
    yield (
        "extra fields",
        j(
            {
                "sender": sender(),
                "message": "hi",
                "input_channel": "slack",
                "stream": True,
                "sender_id": "admin",
                "extra": [1] * 500,
            }
        ),
        "application/json",
    )
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "",
        "application/xml",
        "multipart/form-data",
    ]:
        yield "other content type", j({"sender": sender(), "message": "hello"}), content_type
    while True:  # then the hostile texts, over and over with fresh senders
        yield (
            "hostile text",
            j({"sender": sender(), "message": rng.choice(HOSTILE_TEXTS)}),
            "application/json",
        )


def corpus(count: int, seed: int = SEED):
    rng = random.Random(seed)
    bodies = _bodies(rng)
    return [next(bodies) for _ in range(count)]


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    work = tmp_path_factory.mktemp("fuzz")
    repo_credentials = yaml.safe_load((servers.REPO / "credentials.yml").read_text()) or {}
    webchat = (
        "webchat.channel.WebChatInput" in repo_credentials or os.environ.get("FUZZ_WEBCHAT") == "1"
    )
    action_port, rasa_port = servers.free_port(), servers.free_port()
    env = servers.base_env(
        ACTION_PORT=action_port, TRACKER_DB=work / "tracker.db", SANIC_HOST="127.0.0.1"
    )
    extra = list(stack.rasa_args(work))
    if webchat and "webchat.channel.WebChatInput" not in repo_credentials:
        credentials = work / "credentials.yml"
        with_webchat = yaml.safe_load(credentials.read_text())
        with_webchat["webchat.channel.WebChatInput"] = {
            "rate_limit_per_minute": 0,
            "rate_limit_per_minute_per_ip": 0,
        }
        credentials.write_text(yaml.safe_dump(with_webchat))
    actions = servers.start_action_server(work, action_port, env)
    try:
        rasa = servers.start_rasa(work, rasa_port, env, extra=extra)
    except Exception:
        actions.stop()
        raise
    yield SimpleNamespace(port=rasa_port, rasa=rasa, actions=actions, webchat=webchat, work=work)
    rasa.stop()
    actions.stop()


def send(port, path, method, body, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    try:
        response = requests.request(
            method, f"http://127.0.0.1:{port}{path}", data=body, headers=headers, timeout=30
        )
    except requests.RequestException as exc:
        return None, f"{type(exc).__name__}", ""
    return response.status_code, response.headers.get("content-type", ""), response.text


def bot_texts(body):
    """The texts and button titles a person would see (REST: a list; web chat:
    {"messages": [...]})."""
    messages = body.get("messages", []) if isinstance(body, dict) else body
    for message in messages if isinstance(messages, list) else []:
        yield str(message.get("text") or "")
        yield from (str(b.get("title") or "") for b in message.get("buttons") or [])


class Parent(threading.Thread):
    """A normal conversation running alongside the barrage, checked turn by turn."""

    def __init__(self, port, stop):
        super().__init__(daemon=True)
        self.port, self.stop, self.problems, self.turns = port, stop, [], 0
        self.script = script_for(KnowledgeBase(), "Hampshire")

    def run(self):
        n = 0
        while not self.stop.is_set():
            sender = f"parent-alongside-{n}"
            for turn in self.script.turns:
                try:
                    reply = servers.say(self.port, sender, turn.text, timeout=60)
                except requests.RequestException as exc:
                    self.problems.append(f"{turn.text!r}: {exc}")
                    continue
                self.problems += problems_in_reply(self.script, turn, reply)
                self.turns += 1
            n += 1


def barrage(assistant, requests_per_channel):
    channels = [REST] + ([WEBCHAT] if assistant.webchat else [])
    jobs = [
        (path, "POST", body, ctype, what)
        for path in channels
        for what, body, ctype in corpus(requests_per_channel, SEED + len(path))
    ]
    # A few requests with the wrong method or path: answered, never a server error.
    for path in channels:
        jobs += [
            (path, method, b"", "", "wrong method") for method in ("GET", "PUT", "DELETE", "PATCH")
        ]
    jobs += [
        (
            "/webhooks/rest/webhook/../../model/parse",
            "POST",
            b"{}",
            "application/json",
            "path traversal",
        ),
        ("/webhooks/nochannel/webhook", "POST", b"{}", "application/json", "unknown channel"),
    ]
    stop = threading.Event()
    parent = Parent(assistant.port, stop)
    parent.start()
    started, deadline = time.monotonic(), time.monotonic() + TIME_LIMIT
    results = []

    def one(job):
        path, method, body, ctype, what = job
        if time.monotonic() > deadline:
            return what, path, "not sent", "", ""
        return (what, path, *send(assistant.port, path, method, body, ctype))

    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(one, jobs))
    finally:
        stop.set()
        parent.join(90)
    return results, parent, time.monotonic() - started


def test_hostile_requests_never_break_the_assistant(assistant):
    results, parent, wall = barrage(
        assistant, requests_per_channel=1000 if not assistant.webchat else 600
    )
    statuses = Counter(r[2] for r in results)
    sent = sum(n for status, n in statuses.items() if isinstance(status, int))
    server_errors = [r[:3] for r in results if isinstance(r[2], int) and r[2] >= 500]
    no_answer = [r[:4] for r in results if not isinstance(r[2], int)]
    figures = {
        "requests": len(results),
        "answered": sent,
        "5xx": len(server_errors),
        "seconds": round(wall, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=str)},
        "channels": sorted({r[1] for r in results if r[1] in (REST, WEBCHAT)}),
        "parent_turns": parent.turns,
    }
    (servers.REPO / "results").mkdir(exist_ok=True)
    (servers.REPO / "results" / "fuzz.json").write_text(json.dumps(figures, indent=2))
    print(f"\nfuzz: {figures}")

    assert not server_errors, server_errors[:20]
    assert not no_answer, no_answer[:20]  # every request answered: the server stayed up throughout
    assert sent >= 1000 and wall < TIME_LIMIT + 30
    assert assistant.rasa.alive() and assistant.actions.alive()
    # Every answer from a message endpoint is JSON, and no bot message echoes script back.
    for what, path, status, content_type, text in results:
        if path in (REST, WEBCHAT) and status not in (404, 405):
            assert content_type.startswith("application/json"), (what, path, status, content_type)
            said = " ".join(bot_texts(json.loads(text)))
            assert "<script" not in said.lower() and "onerror=" not in said.lower(), (
                what,
                said[:200],
            )
    assert statuses[200] > 0 and statuses[400] > 0 and statuses[413] > 0
    # The parent talking alongside was unaffected.
    assert parent.turns >= len(parent.script.turns) and not parent.problems, parent.problems[:10]
    reply = servers.text_of(servers.say(assistant.port, "after-fuzz", "I live in Leeds"))
    assert "I don't have local contact details for Leeds" in reply
