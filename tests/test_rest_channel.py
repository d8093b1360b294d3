"""The hardened REST channel's webhook, with a fake agent in place of Rasa (no model).

What a caller notices: bad requests get a JSON 400/413 that says what is wrong, and a
failure inside Rasa still gets an apology with contacts from the knowledge base.
"""

import asyncio
import json
from types import SimpleNamespace

import pytest

from channels.limits import Limits
from channels.rest import ResilientRestInput
from channels.validation import RequestError, parse_chat_request
from replies.phrases import APOLOGY_WITHOUT_KNOWLEDGE

from .sanic_app import FakeAgent

HAMPSHIRE_IASS = "0808 164 5504"
MAX_BODY_BYTES = Limits().max_body_bytes
MAX_CHARS = Limits().max_message_chars


def long_id(name):
    """A conversation id long enough to be accepted (at least 22 characters)."""
    return (name + "-" + "0" * 32)[: max(32, len(name) + 1)]


IPSEA = "01799 582030"


class FakeTrackerStore:
    def __init__(self):
        self.councils = {}

    async def retrieve(self, sender_id):
        if sender_id not in self.councils:
            return None
        return SimpleNamespace(
            get_slot=lambda name: self.councils[sender_id] if name == "council" else None
        )


class FailingAgent(FakeAgent):
    """Replies by keyword, or fails as Rasa can."""

    async def reply(self, message, out):
        if message.text == "silent":  # what Rasa 3.6 does when the action server is down
            return
        if message.text.startswith("boom"):
            raise RuntimeError("lock store unreachable")
        if message.text == "half":
            await out.send_text_message(message.sender_id, "first part")
            raise RuntimeError("failed after one message")
        await super().reply(message, out)


class Handler:
    """The channel's /webhook route, called directly: the HTTP server itself is Sanic's and
    Rasa's (covered end to end in tests/e2e/test_fuzz.py); a second Sanic app in this
    process would clash with the web chat tests' app."""

    def __init__(self, channel, agent):
        self.agent = agent
        bp = channel.blueprint(agent.handle_message)
        self.route = next(r.handler for r in bp._future_routes if r.uri == "/webhook")
        self.app = SimpleNamespace(ctx=SimpleNamespace(agent=agent))

    def __call__(self, body):
        request = SimpleNamespace(
            body=body,
            app=self.app,
            headers={"content-type": "application/json"},
            host="localhost",
            remote_addr="",
            ip="127.0.0.1",
        )
        response = asyncio.run(self.route(request))
        return response.status, json.loads(response.body)


@pytest.fixture(scope="module")
def server():
    return Handler(ResilientRestInput(), FailingAgent(FakeTrackerStore()))


def post(server, body):
    if not isinstance(body, (bytes, str)):
        body = json.dumps(body)
    return server(body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body)


def text(data):
    return "\n".join(m.get("text", "") for m in data)


# ---------------------------------------------------------------- happy path


def test_message_reaches_rasa_cleaned(server):
    status, data = post(
        server,
        {
            "sender": long_id("u1"),
            "message": " how do I\x00 contact\x07 SENDIASS? ",
            "metadata": {"council": "Hampshire", "junk": {"a": [1]}},
            "input_channel": "x",
        },
    )
    assert status == 200
    assert data == [{"recipient_id": long_id("u1"), "text": "echo: how do I contact SENDIASS?"}]
    message = server.agent.messages[-1]
    assert message.input_channel == "rest"  # the body cannot choose another channel's responses
    assert message.metadata == {"council": "Hampshire"}


# ---------------------------------------------------------------- bad requests


@pytest.mark.parametrize(
    "body, status, code",
    [
        (b"", 400, "invalid_json"),
        (b"{not json", 400, "invalid_json"),
        (b"\xff\xfe\x00", 400, "invalid_json"),
        (b"[" * 5000 + b"]" * 5000, 400, "invalid_json"),
        (json.dumps(["sender", "message"]), 400, "invalid_json"),
        (json.dumps("hello"), 400, "invalid_json"),
        ({"message": "hi"}, 400, "invalid_sender"),
        ({"sender": 42, "message": "hi"}, 400, "invalid_sender"),
        ({"sender": "", "message": "hi"}, 400, "invalid_sender"),
        ({"sender": "   ", "message": "hi"}, 400, "invalid_sender"),
        ({"sender": "x" * 129, "message": "hi"}, 400, "invalid_sender"),
        ({"sender": "x", "message": "hi"}, 400, "invalid_sender"),  # one character: guessable
        (
            {"sender": "web:" + "a" * 32, "message": "hi"},
            400,
            "invalid_sender",
        ),  # a web chat conversation
        ({"sender": "a\x00b", "message": "hi"}, 400, "invalid_sender"),
        ({"sender": "a\ud800b", "message": "hi"}, 400, "invalid_sender"),
        ({"sender": {"id": 1}, "message": "hi"}, 400, "invalid_sender"),
        ({"sender": long_id("u"), "message": None}, 400, "invalid_message"),
        ({"sender": long_id("u"), "message": ["hi"]}, 400, "invalid_message"),
        ({"sender": long_id("u"), "message": ""}, 400, "empty_message"),
        ({"sender": long_id("u"), "message": "\x00\x01\x1b  \n"}, 400, "empty_message"),
        ({"sender": long_id("u"), "message": "a" * (MAX_CHARS + 1)}, 413, "message_too_long"),
        ({"sender": long_id("u"), "message": "a" * (MAX_BODY_BYTES + 1)}, 413, "request_too_large"),
        (
            {"sender": long_id("u"), "message": "hi", "metadata": "council=Hampshire"},
            400,
            "invalid_metadata",
        ),
        (
            {
                "sender": long_id("u"),
                "message": "hi",
                "metadata": {"council": "<script>alert(1)</script>"},
            },
            400,
            "invalid_metadata",
        ),
    ],
)
def test_bad_requests_get_a_clear_json_error(server, body, status, code):
    got_status, data = post(server, body)
    assert (got_status, data["error"]["code"]) == (status, code)
    assert data["error"]["message"]


def test_longest_allowed_message_and_sender_pass(server):
    status, data = post(server, {"sender": "é" * 128, "message": "a" * MAX_CHARS})
    assert status == 400
    status, data = post(server, {"sender": "e" * 128, "message": "a" * MAX_CHARS})
    assert status == 200 and text(data) == "echo: " + "a" * MAX_CHARS


def test_validation_rules_directly():
    body = b'{"sender": "0123456789abcdef0123456789abcdef", "message": "hi"}'
    assert (
        parse_chat_request(body, "application/json", Limits()).sender
        == "0123456789abcdef0123456789abcdef"
    )
    with pytest.raises(RequestError):
        parse_chat_request(body, "application/json", Limits(max_message_chars=1))
    with pytest.raises(RequestError):  # a cross-site form post
        parse_chat_request(body, "text/plain", Limits())


# ---------------------------------------------------------------- failures inside Rasa


def test_silence_becomes_apology_with_the_remembered_councils_iass(server, kb):
    server.agent.tracker_store.councils[long_id("hants")] = "Hampshire"
    status, data = post(server, {"sender": long_id("hants"), "message": "silent"})
    reply = text(data)
    assert status == 200 and reply.startswith("Sorry, something went wrong")
    assert HAMPSHIRE_IASS in reply and "Hampshire SENDIASS" in reply
    assert IPSEA in reply  # national services from the knowledge base too


def test_failure_apology_uses_council_named_in_the_message(server, kb):
    reply = text(
        post(server, {"sender": long_id("new-1"), "message": "boom: we live in Hampshire"})[1]
    )
    assert reply.startswith("Sorry") and HAMPSHIRE_IASS in reply and "Hampshire SENDIASS" in reply


def test_failure_apology_without_any_council(server, kb):
    reply = text(post(server, {"sender": long_id("new-3"), "message": "boom"})[1])
    assert reply.startswith("Sorry") and IPSEA in reply and HAMPSHIRE_IASS not in reply
    assert "Local Offer" in reply  # no council known: how to find their own IASS


def test_failure_apology_uses_widget_council(server, kb):
    reply = text(
        post(
            server,
            {"sender": long_id("new-2"), "message": "boom", "metadata": {"council": "Hampshire"}},
        )[1]
    )
    assert HAMPSHIRE_IASS in reply


def test_uncovered_council_gets_national_services_only(server, kb):
    server.agent.tracker_store.councils[long_id("leeds")] = "Leeds"
    reply = text(post(server, {"sender": long_id("leeds"), "message": "silent"})[1])
    local_numbers = {p for place in kb.covered_places() for s in place.services for p in s.phones}
    assert IPSEA in reply and not any(number in reply for number in local_numbers)


def test_failure_after_a_partial_reply_keeps_it_and_apologises(server, kb):
    data = post(server, {"sender": long_id("half"), "message": "half"})[1]
    assert data[0]["text"] == "first part" and data[-1]["text"].startswith("Sorry")


def test_knowledge_base_down_too_gives_no_numbers(server, kb_down):
    server.agent.tracker_store.councils[long_id("hants-2")] = "Hampshire"
    reply = text(post(server, {"sender": long_id("hants-2"), "message": "silent"})[1])
    assert reply == APOLOGY_WITHOUT_KNOWLEDGE
    assert "try again later" in reply and "Local Offer" in reply
    assert not any(ch.isdigit() for ch in reply)


# ---------------------------------------------------------------- deployment config


def test_credentials_snippet_loads_the_channel(tmp_path):
    from rasa.core.run import create_http_input_channels

    credentials = tmp_path / "credentials.yml"
    credentials.write_text(
        'channels.rest.ResilientRestInput:\n  allowed_origins: ["https://council.example"]\n'
    )
    [channel] = create_http_input_channels(None, str(credentials))
    assert isinstance(channel, ResilientRestInput) and channel.name() == "rest"
    assert channel.gate.origins.allowed == ["https://council.example"]


def test_repo_credentials_use_the_resilient_rest_channel():
    """Fails until credentials.yml names this channel instead of Rasa's plain `rest:`."""
    from pathlib import Path

    from rasa.core.run import create_http_input_channels

    credentials = Path(__file__).resolve().parents[1] / "credentials.yml"
    channels = create_http_input_channels(None, str(credentials))
    rest = [c for c in channels if c.name() == "rest"]
    assert rest and all(isinstance(c, ResilientRestInput) for c in rest), (
        "replace `rest:` with `channels.rest.ResilientRestInput:` in credentials.yml"
    )
