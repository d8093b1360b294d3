"""Issue 15: every public channel (REST and the web chat) protected alike.

A real Sanic server built by Rasa's own app factory (as `rasa run` builds it) serves both
channels, with a fake agent in place of a model, so what an attacker would send is sent
over HTTP and what reaches "Rasa" is recorded.
"""

import asyncio
import json
import secrets
import socket
import time
from types import SimpleNamespace

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from channels.gate import ChannelGate, TurnCounter
from channels.limits import Limits
from channels.payloads import screened
from channels.protection import RequestError
from channels.rest import ResilientRestInput
from webchat.channel import WebChatInput

from .sanic_app import FakeAgent, Server

ALLOWED = "https://council.example"
EVIL = "https://evil.example"
REST = "/webhooks/rest/webhook"
WEB = "/webhooks/webchat/message"
LIMITS = Limits(per_conversation_per_minute=5, per_client_per_minute=45, max_turns=0)
COUNCIL_BUTTON = '/inform_council{"council": "Hampshire"}'


class FakeTrackerStore:
    def __init__(self):
        self.offered = {}  # conversation id -> button payloads in the last reply

    async def retrieve(self, sender_id):
        if sender_id not in self.offered:
            return None
        buttons = [{"title": p, "payload": p} for p in self.offered[sender_id]]
        events = [
            ActionExecuted("action_listen"),
            UserUttered("I need help"),
            BotUttered("Which council?", {"buttons": buttons}),
        ]
        return SimpleNamespace(events=events)


@pytest.fixture(scope="module")
def server():
    channels = [ResilientRestInput(LIMITS, [ALLOWED]), WebChatInput([ALLOWED], LIMITS)]
    served = Server.rasa(channels, FakeAgent(FakeTrackerStore()))
    yield served
    served.stop()


def call(server, path, body, headers=None, content_type="application/json"):
    """(status, lower-case headers, JSON or bytes) of a POST with this Content-Type."""
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
    if isinstance(body, str):
        body = body.encode()
    res = server.call("POST", path, body, {"Content-Type": content_type, **(headers or {})})
    return res.status, res.headers, res.body


def new_id():
    return secrets.token_hex(16)


def reached(server, before):
    return server.agent.messages[before:]


# ---------------------------------------------------------------- JSON only, origins


@pytest.mark.parametrize("path", [REST, WEB])
def test_a_cross_site_text_plain_post_is_refused(server, path):
    """A page on another site can send text/plain without a CORS preflight: never accepted."""
    before = len(server.agent.messages)
    body = json.dumps({"sender": new_id(), "message": "hello"})
    status, _, data = call(server, path, body, {"Origin": EVIL}, content_type="text/plain")
    assert status == 403 and data["error"]["code"] == "origin_not_allowed"
    status, _, data = call(
        server, path, body, content_type="text/plain"
    )  # even without an Origin header
    assert status == 415 and data["error"]["code"] == "unsupported_media_type"
    status, _, _ = call(
        server,
        path,
        "sender=x&message=hi",
        content_type="application/x-www-form-urlencoded",
    )
    assert status == 415
    status, _, _ = call(server, path, {"sender": new_id(), "message": "hi"}, {"Origin": EVIL})
    assert status == 403
    assert reached(server, before) == []
    assert call(server, path, {"sender": new_id(), "message": "hi"}, {"Origin": ALLOWED})[0] == 200


# ---------------------------------------------------------------- body limit before reading


@pytest.mark.parametrize("path", [REST, WEB])
def test_a_5_mb_body_is_refused_without_being_read(server, path):
    """Only the headers and 1 KB are sent: the 413 comes back from the Content-Length alone."""
    announced = 5 * 1024 * 1024
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        started = time.monotonic()
        sock.sendall(
            (
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                f"Content-Length: {announced}\r\n\r\n"
            ).encode()
            + b'{"sender": "'
            + b"a" * 1000
        )
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        elapsed = time.monotonic() - started
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), answer[:200]
    assert json.loads(body)["error"]["code"] == "request_too_large"
    assert elapsed < 5, f"took {elapsed:.1f} s: the body was waited for"
    print(f"5 MB body refused after {elapsed * 1000:.0f} ms with 1 KB of it sent")


# ---------------------------------------------------------------- parse errors


@pytest.mark.parametrize("path", [REST, WEB])
def test_deeply_nested_json_is_a_400_not_a_crash(server, path):
    nested = f'{{"sender": "{new_id()}", "message": "hi", "metadata": {"[" * 7000}{"]" * 7000}}}'
    status, _, data = call(server, path, nested)
    assert status == 400 and data["error"]["code"] == "invalid_json"
    status, _, data = call(server, path, b'{"sender": "\xff\xfe"}')
    assert status == 400 and data["error"]["code"] == "invalid_json"


# ---------------------------------------------------------------- sender ids


@pytest.mark.parametrize("path", [REST, WEB])
@pytest.mark.parametrize("sender", ["w", "me", "parent-1", "x" * 21, "a b" * 10, "web:" + "a" * 32])
def test_short_or_odd_sender_ids_are_refused(server, path, sender):
    status, _, data = call(server, path, {"sender": sender, "message": "hi"})
    assert status == 400 and data["error"]["code"] == "invalid_sender"


def test_a_web_chat_conversation_cannot_be_replayed_over_rest(server):
    web_id = new_id()
    assert call(server, WEB, {"sender": web_id, "message": "I live in Hampshire"})[0] == 200
    web_conversation = server.agent.messages[-1].sender_id
    assert call(server, REST, {"sender": web_id, "message": "what do you know about me?"})[0] == 200
    rest_conversation = server.agent.messages[-1].sender_id
    assert web_conversation != rest_conversation  # the same id names two different conversations
    status, _, _ = call(server, REST, {"sender": web_conversation, "message": "hi"})
    assert status == 400


# ---------------------------------------------------------------- rate limits


def test_rest_answers_429_after_the_conversation_limit(server):
    sender = new_id()
    statuses = [call(server, REST, {"sender": sender, "message": f"hi {n}"})[0] for n in range(5)]
    assert statuses == [200] * 5
    status, headers, data = call(server, REST, {"sender": sender, "message": "one more"})
    assert (
        status == 429
        and data["error"]["code"] == "rate_limited"
        and int(headers["retry-after"]) > 0
    )
    assert call(server, REST, {"sender": new_id(), "message": "hi"})[0] == 200  # others carry on


def test_turn_cap_per_conversation():
    gate = ChannelGate(
        Limits(max_turns=3, per_conversation_per_minute=100, per_client_per_minute=100)
    )
    agent = FakeAgent()
    sender = new_id()

    def request(text):
        body = json.dumps({"sender": sender, "message": text}).encode()
        return SimpleNamespace(
            body=body,
            headers={"content-type": "application/json"},
            host="h",
            remote_addr="",
            ip="192.0.2.7",
            app=SimpleNamespace(ctx=SimpleNamespace(agent=agent)),
        )

    for n in range(3):
        asyncio.run(gate.admit(request(f"question {n}")))
    with pytest.raises(RequestError) as refused:
        asyncio.run(gate.admit(request("question 4")))
    assert (refused.value.status, refused.value.code) == (429, "conversation_too_long")
    asyncio.run(gate.admit(request("/restart")))  # restarting starts the count again
    asyncio.run(gate.admit(request("question 1 again")))


def test_metadata_council_is_kept_only_when_known(kb):
    gate = ChannelGate(Limits(per_conversation_per_minute=100, per_client_per_minute=100))

    def admitted(council):
        body = json.dumps(
            {"sender": new_id(), "message": "hi", "metadata": {"council": council}}
        ).encode()
        request = SimpleNamespace(
            body=body,
            headers={"content-type": "application/json"},
            host="h",
            remote_addr="",
            ip="192.0.2.8",
            app=SimpleNamespace(ctx=SimpleNamespace(agent=None)),
        )
        return asyncio.run(gate.admit(request)).metadata

    assert admitted("Hampshire") == {"council": "Hampshire"}
    assert admitted("Jack Smith") == {}


def test_turn_counter_memory_is_bounded():
    counter = TurnCounter(max_turns=5, max_conversations=100)
    for n in range(1000):
        counter.allow(f"conversation-{n}")
    assert len(counter._counts) == 100


# ---------------------------------------------------------------- typed payloads


def test_typed_payloads_reach_rasa_only_when_just_offered(server):
    sender = new_id()
    server.agent.tracker_store.offered[sender] = [COUNCIL_BUTTON]
    before = len(server.agent.messages)
    for text in [
        COUNCIL_BUTTON,
        '/inform_council{"council": "jane.doe@example.com 07700 900123"}',
        '/greet{"council":"x"} I want to kill myself',
        "/safety_concern",
        "/restart",
    ]:
        assert call(server, REST, {"sender": sender, "message": text})[0] == 200
    texts = [m.text for m in reached(server, before)]
    assert texts[0] == COUNCIL_BUTTON  # the button just offered: a click
    assert (
        texts[1] == 'inform_council{"council": "jane.doe@example.com 07700 900123"}'
    )  # read as words
    assert (
        texts[2] == 'greet{"council":"x"} I want to kill myself'
    )  # the safety check reads it as words
    assert texts[3] == "safety_concern"
    assert texts[4] == "/restart"  # the Restart button


def test_payload_screening_rules():
    assert screened("hello /there", frozenset()) == "hello /there"
    assert screened("  /greet  ", frozenset({"/greet"})) == "/greet"
    assert screened("//greet", frozenset({"/greet"})) == "greet"


# ------------------------------------------ per client, and proxies (last: uses up the bucket)


def test_per_client_limit_holds_across_channels_and_spoofed_forwarded_headers(server):
    """Rotating X-Forwarded-For, sender ids and channels does not escape the per-client limit
    while no trusted proxy is configured; with one configured, the header is believed."""
    statuses = []
    for n in range(LIMITS.per_client_per_minute + 5):
        path = REST if n % 2 else WEB
        statuses.append(
            call(
                server,
                path,
                {"sender": new_id(), "message": "hi"},
                {"X-Forwarded-For": f"203.0.113.{n}"},
            )[0]
        )
    assert 429 in statuses, statuses
    first = statuses.index(429)
    assert all(s == 429 for s in statuses[first:]), statuses
    assert (
        call(
            server,
            REST,
            {"sender": new_id(), "message": "hi"},
            {"X-Forwarded-For": "198.51.100.1"},
        )[0]
        == 429
    )

    server.app.config.PROXIES_COUNT = 1  # what scripts/run.sh sets from TRUSTED_PROXY_COUNT
    try:
        fresh = [
            call(
                server,
                REST,
                {"sender": new_id(), "message": "hi"},
                {"X-Forwarded-For": f"198.51.100.{n}"},
            )[0]
            for n in range(3)
        ]
        assert fresh == [200, 200, 200]
    finally:
        server.app.config.PROXIES_COUNT = None
