"""Unit tests for the webchat channel, served by Rasa's own app factory.

``rasa.core.run.configure_app`` builds the same Sanic app as ``rasa run``
(including Rasa's global CORS layer), with a fake agent in place of a
model. The app runs on a loopback port in a background thread and the tests
talk plain HTTP to it.
"""

import json
import secrets
from pathlib import Path

import pytest

from channels.limits import Limits
from channels.protection import OriginPolicy, RateLimiter, clean_text
from webchat.channel import WebChatInput

from .sanic_app import FakeAgent, Server

LIMIT = Limits().max_message_chars

ALLOWED = "https://council.example"
REFUSED = "https://evil.example"
PREFIX = "/webhooks/webchat"


class KeywordAgent(FakeAgent):
    """Replies by keyword: buttons, a letter, one utterance with a custom payload, or a failure."""

    async def reply(self, message, out):
        sender = message.sender_id
        if message.text == "boom":
            raise RuntimeError("model failed")
        if message.text == "buttons":
            await out.send_text_with_buttons(
                sender, "Which council?", [{"title": "Hampshire", "payload": "/inform"}]
            )
        elif message.text == "utterance":
            # What Rasa does with one bot utterance: text with paragraphs plus a custom payload.
            await out.send_response(
                sender,
                {
                    "text": "Dear council,\n\nI am writing.\n\nYours",
                    "custom": {"letter": {"title": "Request", "filename": "r.txt", "text": "Dear"}},
                },
            )
        elif message.text == "letter":
            await out.send_custom_json(
                sender, {"letter": {"title": "Request", "filename": "request.txt", "text": "Dear"}}
            )
        else:
            await super().reply(message, out)


@pytest.fixture(scope="module")
def server():
    channel = WebChatInput.from_credentials(
        {
            "allowed_origins": [ALLOWED],
            "max_message_chars": LIMIT,
            "rate_limit_per_minute": 5,
            "rate_limit_per_minute_per_ip": 100000,
        }
    )
    served = Server.rasa([channel], KeywordAgent())
    yield served
    served.stop()


def call(server, method, path, body=None, headers=None):
    """(status, lower-case headers, JSON or bytes) of a request to the web chat's routes."""
    res = server.call(method, PREFIX + path, body, headers)
    return res.status, res.headers, res.body


def sender():
    return secrets.token_hex(16)  # what the widget sends: 128 random bits


def post(server, body, headers=None):
    return call(server, "POST", "/message", body, headers)


# ---------------------------------------------------------------- happy path


def test_health(server):
    assert call(server, "GET", "/")[2] == {"status": "ok"}
    assert call(server, "GET", "")[2] == {"status": "ok"}


def test_message_reaches_rasa_with_metadata(server):
    sid = sender()
    status, headers, data = post(
        server,
        {
            "sender": sid,
            "message": "  how do I\r\ncontact\x00 SENDIASS?\x07 ",
            "metadata": {"council": "Hampshire", "mode": "staff", "ignored": "x"},
        },
    )
    assert status == 200
    assert data == {"messages": [{"text": "echo: how do I\ncontact SENDIASS?"}]}
    assert headers["cache-control"] == "no-store"
    assert headers["x-content-type-options"] == "nosniff"
    message = server.agent.messages[-1]
    assert message.sender_id == "web:" + sid  # kept apart from REST conversations
    assert message.input_channel == "webchat"
    assert message.metadata == {"council": "Hampshire", "mode": "staff"}


def test_buttons_and_letter_shapes(server):
    _, _, data = post(server, {"sender": sender(), "message": "buttons"})
    assert data == {
        "messages": [
            {"text": "Which council?", "buttons": [{"title": "Hampshire", "payload": "/inform"}]}
        ]
    }
    _, _, data = post(server, {"sender": sender(), "message": "letter"})
    assert data["messages"][0]["custom"]["letter"]["filename"] == "request.txt"
    assert "recipient_id" not in data["messages"][0]


def test_one_utterance_is_one_message(server):
    """Rasa's collector would split this into 4 messages (3 paragraphs and the letter)."""
    _, _, data = post(server, {"sender": sender(), "message": "utterance"})
    assert len(data["messages"]) == 1
    assert data["messages"][0]["text"] == "Dear council,\n\nI am writing.\n\nYours"
    assert data["messages"][0]["custom"]["letter"]["title"] == "Request"


def test_metadata_is_optional(server):
    status, _, _ = post(server, {"sender": sender(), "message": "hi"})
    assert status == 200
    assert server.agent.messages[-1].metadata == {}


# ---------------------------------------------------------------- CORS


def test_preflight_from_allowed_origin(server):
    status, headers, _ = call(
        server,
        "OPTIONS",
        "/message",
        headers={
            "Origin": ALLOWED,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert status == 204
    assert headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"].lower()
    # Rasa's global CORS layer must not widen what the channel allows.
    assert "access-control-allow-credentials" not in headers


def test_post_from_allowed_origin_gets_cors_header(server):
    status, headers, _ = post(server, {"sender": sender(), "message": "hi"}, {"Origin": ALLOWED})
    assert status == 200
    assert headers["access-control-allow-origin"] == ALLOWED
    assert "origin" in headers["vary"].lower()


def test_refused_origin(server):
    before = len(server.agent.messages)
    status, headers, data = call(
        server,
        "OPTIONS",
        "/message",
        headers={
            "Origin": REFUSED,
            "Access-Control-Request-Method": "POST",
        },
    )
    assert status == 403
    assert "access-control-allow-origin" not in headers
    status, headers, data = post(server, {"sender": sender(), "message": "hi"}, {"Origin": REFUSED})
    assert status == 403
    assert data["error"]["code"] == "origin_not_allowed"
    assert "access-control-allow-origin" not in headers
    assert len(server.agent.messages) == before


def test_same_origin_is_always_allowed(server):
    status, _, _ = post(
        server, {"sender": sender(), "message": "hi"}, {"Origin": f"http://{server.host}"}
    )
    assert status == 200


def test_default_policy_is_same_origin_only():
    channel = WebChatInput.from_credentials(None)
    assert channel.origins.is_allowed("https://a.example", "a.example")
    assert not channel.origins.is_allowed("https://other.example", "a.example")
    assert not channel.origins.is_allowed("null", "a.example")
    assert channel.origins.is_allowed(None, "a.example")  # not a cross-site browser call
    assert channel.max_message_chars == LIMIT == 2000


def test_origin_list_matching():
    policy = OriginPolicy(["https://Council.Example/", "http://localhost:8000"])
    assert policy.is_allowed("https://council.example", "bot.example")
    assert not policy.is_allowed("https://council.example.evil.com", "bot.example")
    assert not policy.is_allowed("http://localhost:8001", "bot.example")


# ---------------------------------------------------------------- length cap


def test_message_at_the_limit_is_accepted(server):
    status, _, _ = post(server, {"sender": sender(), "message": "a" * LIMIT})
    assert status == 200


def test_message_over_the_limit_is_refused_with_a_friendly_message(server):
    before = len(server.agent.messages)
    status, _, data = post(server, {"sender": sender(), "message": "a" * (LIMIT + 1)})
    assert status == 413
    assert data["error"]["code"] == "message_too_long"
    assert "2,000 characters" in data["error"]["message"]
    assert len(server.agent.messages) == before


def test_control_characters_do_not_count_towards_the_limit(server):
    status, _, _ = post(server, {"sender": sender(), "message": "a" * LIMIT + "\x00" * 50})
    assert status == 200


def test_huge_body_is_refused(server):
    body = json.dumps({"sender": sender(), "message": "a" * 50000}).encode()
    status, _, data = post(server, body, {"Content-Type": "application/json"})
    assert status == 413
    assert data["error"]["code"] == "request_too_large"


# ---------------------------------------------------------------- rate limit


def test_rate_limit_per_conversation(server):
    sid = sender()
    for _ in range(5):
        assert post(server, {"sender": sid, "message": "hi"})[0] == 200
    status, headers, data = post(server, {"sender": sid, "message": "hi"})
    assert status == 429
    assert data["error"]["code"] == "rate_limited"
    assert int(headers["retry-after"]) > 0
    # Another conversation is not affected.
    assert post(server, {"sender": sender(), "message": "hi"})[0] == 200


def test_rate_limiter_window_slides():
    now = [1000.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert limiter.retry_after("a") == 0
    assert limiter.retry_after("a") == 0
    assert limiter.retry_after("a") > 0
    assert limiter.retry_after("b") == 0
    now[0] += 61
    assert limiter.retry_after("a") == 0


def test_rate_limiter_forgets_idle_keys():
    now = [0.0]
    limiter = RateLimiter(1, clock=lambda: now[0])
    for i in range(100):
        limiter.retry_after(f"k{i}")
    now[0] += 120
    limiter.retry_after("fresh")
    assert list(limiter._hits) == ["fresh"]


# ---------------------------------------------------------------- bad requests


@pytest.mark.parametrize(
    "body, code",
    [
        (b"{not json", "invalid_json"),
        (b"\xff\xfe\x00", "invalid_json"),
        (b"", "invalid_json"),
        (b"[1, 2]", "invalid_json"),
        (b'"just a string"', "invalid_json"),
        (b"null", "invalid_json"),
        (b'{"message": "hi"}', "invalid_sender"),
        (b'{"sender": 42, "message": "hi"}', "invalid_sender"),
        (b'{"sender": "", "message": "hi"}', "invalid_sender"),
        (b'{"sender": "a b", "message": "hi"}', "invalid_sender"),
        (b'{"sender": "<script>", "message": "hi"}', "invalid_sender"),
        (json.dumps({"sender": "a" * 129, "message": "hi"}).encode(), "invalid_sender"),
        (b'{"sender": "abc", "message": "hi"}', "invalid_sender"),  # short: guessable
        (b'{"sender": "SID"}', "invalid_message"),
        (b'{"sender": "SID", "message": 5}', "invalid_message"),
        (b'{"sender": "SID", "message": ["hi"]}', "invalid_message"),
        (b'{"sender": "SID", "message": null}', "invalid_message"),
        (
            b'{"sender": "SID", "message": "   \\n\\t "}',
            "empty_message",
        ),
        (
            b'{"sender": "SID", "message": "\\u0000\\u0007"}',
            "empty_message",
        ),
        (b'{"sender": "SID", "message": "\\ud800"}', "empty_message"),
        (
            b'{"sender": "SID", "message": "hi", "metadata": "x"}',
            "invalid_metadata",
        ),
        (
            b'{"sender": "SID", "message": "hi", "metadata": []}',
            "invalid_metadata",
        ),
        (
            b'{"sender": "SID", "message": "hi", "metadata": {"council": 3}}',
            "invalid_metadata",
        ),
        (
            b'{"sender": "SID", "message": "hi", "metadata": {"council": "<b>x</b>"}}',
            "invalid_metadata",
        ),
        (
            b'{"sender": "SID", "message": "hi", "metadata": {"mode": "admin"}}',
            "invalid_metadata",
        ),
    ],
)
def test_bad_requests_get_json_400(server, body, code):
    body = body.replace(b'"SID"', b'"' + b"ab" * 16 + b'"')  # a valid (long) sender id
    status, headers, data = post(server, body, {"Content-Type": "application/json"})
    assert status == 400, data
    assert headers["content-type"].startswith("application/json")
    assert data["error"]["code"] == code
    assert data["error"]["message"]


def test_wrong_content_type_is_refused(server):
    body = json.dumps({"sender": sender(), "message": "hi"}).encode()
    status, _, data = post(server, body, {"Content-Type": "text/plain"})
    assert status == 415
    assert data["error"]["code"] == "unsupported_media_type"


def test_lone_surrogates_are_dropped_not_a_500(server):
    body = b'{"sender": "%s", "message": "hi \\udfff there"}' % sender().encode()
    status, _, data = post(server, body, {"Content-Type": "application/json"})
    assert status == 200
    assert data["messages"][0]["text"] == "echo: hi  there"


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_wrong_method_is_json_405(server, method):
    status, _, data = call(server, method, "/message")
    assert status == 405
    assert data["error"]["code"] == "method_not_allowed"


def test_unknown_path_is_json_404(server):
    status, _, data = call(server, "GET", "/nothing/here")
    assert status == 404
    assert data["error"]["code"] == "not_found"


def test_a_failed_turn_gets_the_apology_with_contacts_not_an_error(server, kb):
    # The widget's council is known (metadata): its IASS is named, as on the REST channel.
    status, _, data = post(
        server, {"sender": sender(), "message": "boom", "metadata": {"council": "Hampshire"}}
    )
    assert status == 200
    [reply] = data["messages"]
    assert "0808 164 5504" in reply["text"] and "Sorry" in reply["text"]


def test_fuzzed_bodies_never_give_500(server):
    bodies = [
        b"{",
        b"}",
        b"[]",
        b"0",
        b"true",
        b'{"sender": {}}',
        b'{"sender": "a", "message": {}}',
        b'{"sender": "a", "message": "x", "metadata": {"council": ""}}',
        b'{"sender": "a", "message": "x", "metadata": null}',
        '{"sender": "a", "message": "\u202e\ufeff"}'.encode(),
        b"\x00" * 100,
        b'{"sender": "a", "message": "' + b"\\" * 3 + b'"}',
    ]
    for body in bodies:
        status, headers, _ = post(server, body, {"Content-Type": "application/json"})
        assert status < 500, body
        assert headers["content-type"].startswith("application/json")


def test_clean_text_keeps_newlines_and_tabs():
    assert clean_text("a\tb\r\nc\x1bd\x7f\x85") == "a\tb\ncd"


# ---------------------------------------------------------------- static files


def test_widget_files_are_served_with_safe_headers(server):
    status, headers, body = call(server, "GET", "/widget.js")
    assert status == 200
    assert headers["content-type"].startswith("text/javascript")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cross-origin-resource-policy"] == "cross-origin"
    status, headers, _ = call(
        server, "GET", "/widget.js", headers={"If-None-Match": headers["etag"]}
    )
    assert status == 304
    status, headers, _ = call(server, "GET", "/widget.css")
    assert headers["content-type"].startswith("text/css")


def test_widget_is_small():
    import os

    from webchat.static_assets import STATIC_DIR

    size = sum(os.path.getsize(os.path.join(STATIC_DIR, f)) for f in ("widget.js", "widget.css"))
    assert size < 60 * 1024


@pytest.mark.parametrize("path", ["/demo", "/demo/page-2", "/staff"])
def test_pages_have_a_strict_content_security_policy(server, path):
    status, headers, body = call(server, "GET", path)
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["x-frame-options"] == "DENY"
    assert b"<script>" not in body  # no inline scripts


# ---------------------------------------------------------------- staff API


def test_staff_councils(server, kb):
    status, _, data = call(server, "GET", "/api/councils")
    assert status == 200
    assert data["councils"] == [{"key": p.key, "name": p.name} for p in kb.covered_places()]
    assert {"key": "E10000014", "name": "Hampshire"} in data["councils"]


def test_staff_council_detail(server, kb):
    status, _, data = call(server, "GET", "/api/councils/E10000014")
    assert status == 200
    phones = [p for s in data["council"]["services"] for p in s["phones"] or []]
    assert "0808 164 5504" in phones
    first = data["ladders"][0]["steps"][0]
    assert first["citations"] and all(c["text"] for c in first["citations"])
    assert data["council"]["reviewed"]  # the date the council's file was last checked
    assert {s["name"] for s in data["national"]} == {s.name for s in kb.national_services()}


def test_staff_step_contact_is_the_one_the_chat_names(server, kb):
    """Hampshire has no SEN team entry: the chat sends parents to its IASS for that step, and so
    must the staff page (it used to show no contact at all)."""
    from replies import render

    hampshire = kb.find_place("Hampshire")
    assert hampshire.service("sen_team") is None  # the case this test is about
    ladder = kb.ladder("school_not_meeting_needs")
    step = next(s for s in ladder.steps if s.contact_kind == "sen_team")
    data = call(server, "GET", "/api/councils/E10000014")[2]
    staff_step = next(
        s
        for lad in data["ladders"]
        if lad["id"] == ladder.id
        for s in lad["steps"]
        if s["key"] == step.key
    )
    assert staff_step["contact"]["name"] == hampshire.service("iass").name
    chat_line = next(
        block
        for block in render.ladder_reply(ladder, hampshire).split("\n\n")
        if block.split(". ", 1)[-1].startswith(step.who)
    )
    assert f"Contact: {staff_step['contact']['name']}" in chat_line


def test_staff_unknown_council_is_404(server, kb):
    status, _, data = call(server, "GET", "/api/councils/nowhere")
    assert status == 404
    assert data["error"]["code"] == "not_found"


def test_staff_timescales(server, kb):
    status, _, data = call(server, "GET", "/api/timescales")
    assert status == 200
    assess = next(t for t in data["timescales"] if t["id"] == "decide_to_assess")
    assert assess["period"] == {"weeks": 6}
    assert assess["citation"] == "SEND Regulations 2014, regulation 5(1)"
    final = next(t for t in data["timescales"] if t["id"] == "final_plan")
    # It used to link to regulation 5 (issue 16).
    assert final["citation_url"] == "https://www.legislation.gov.uk/uksi/2014/1530/regulation/13"


def test_staff_time_limits_are_worded_like_the_chat(server, kb):
    """Issue 10 item 7: the staff page said "1 months"; it now shows the server's wording."""
    from replies import render

    data = call(server, "GET", "/api/timescales")[2]
    limits = {t["id"]: t["time_limit"] for t in data["timescales"]}
    assert limits["appeal_from_certificate"] == "1 month"
    assert limits["appeal_from_decision"] == "2 months"
    assert limits["mediation_certificate"] == "3 working days"
    assert limits["phase_transfer"] == "By 15 February"
    assert not any(text.startswith("1 ") and text.endswith("s") for text in limits.values())
    chat = render.timescales_reply(kb.timescales())
    assert "after mediation advice: 1 month from" in chat and "1 months" not in chat
    staff_js = (Path(__file__).resolve().parents[1] / "webchat/static/staff.js").read_text()
    assert "t.time_limit" in staff_js and '"months"' not in staff_js


def test_staff_step_panel_and_chat_step_reply_name_the_same_contact(server, kb):
    """For every ladder step at every covered council, the staff panel's contact is the one the
    chat's next-step reply names (the council's own service, else its IASS)."""
    from replies import render

    for place in kb.covered_places():
        data = call(server, "GET", f"/api/councils/{place.key}")[2]
        for lad in data["ladders"]:
            ladder = kb.ladder(lad["id"])
            for staff_step, step in zip(lad["steps"], ladder.steps, strict=True):
                chat = render.step_reply(ladder, step, place, (), kb.national_services())
                who = chat.split(f"Who can help in {place.name}:\n", 1)[1].split("\n")[0]
                assert staff_step["contact"]["name"] in who, (place.name, step.key)


def test_staff_topics_lists_every_topic_with_linked_citations(server, kb):
    status, _, data = call(server, "GET", "/api/topics")
    assert status == 200
    listed = {t["id"]: t for t in data["topics"]}
    assert set(listed) == {t.id for t in kb.topics()}
    assert len(listed) >= 60
    for topic in kb.topics():
        shown = listed[topic.id]
        assert shown["title"] == topic.title and shown["answer"] == topic.answer
        assert shown["next_step"] == topic.next_step and shown["cues"] == list(topic.cues)
    cited = [c for t in data["topics"] for c in t["citations"]]
    assert cited and all(c["text"] for c in cited)
    assert any(c["url"].startswith("https://www.legislation.gov.uk/") for c in cited if c["url"])


def test_staff_topics_search_by_a_word(server, kb):
    exclusion = call(server, "GET", "/api/topics?q=Exclusion")[2]["topics"]
    assert {t["id"] for t in exclusion} == {
        "exclusion_permanent",
        "exclusion_suspension",
        "unofficial_exclusion",
    }
    transport = call(server, "GET", "/api/topics?q=transport")[2]["topics"]
    assert {t["title"] for t in transport} == {
        "Home-to-school transport",
        "Challenging a transport refusal",
        "Transport after 16 and for 19 to 25 year olds",
        "When school transport is late or does not come",
    }
    assert call(server, "GET", "/api/topics?q=zzqx")[2]["topics"] == []


def test_staff_api_without_knowledge_is_503(server, kb_down):
    status, _, data = call(server, "GET", "/api/timescales")
    assert status == 503
    assert data["error"]["code"] == "knowledge_unavailable"


def test_staff_api_refuses_other_origins(server, kb):
    status, _, _ = call(server, "GET", "/api/councils", headers={"Origin": REFUSED})
    assert status == 403


# ---------------------------------------------------------------- deployment config


def test_repo_credentials_enable_the_channel():
    """credentials.yml must list the channel, or `rasa run` serves no widget."""
    from pathlib import Path

    from rasa.core.run import create_http_input_channels

    credentials = Path(__file__).resolve().parents[1] / "credentials.yml"
    channels = create_http_input_channels(None, str(credentials))
    webchat = [c for c in channels if isinstance(c, WebChatInput)]
    assert webchat, "add `webchat.channel.WebChatInput:` to credentials.yml"
    assert webchat[0].max_message_chars == LIMIT


def test_the_widget_counts_to_the_limit_of_the_channel_that_serves_it(server):
    _, _, body = call(server, "GET", "/widget.js")
    assert f"var MAX_CHARS = {LIMIT};".encode() in body
    assert b"__MAX_MESSAGE_CHARS__" not in body


def test_an_operator_s_lower_limit_reaches_the_widget():
    channel = WebChatInput.from_credentials({"max_message_chars": 750})
    served = Server.rasa([channel], KeywordAgent())
    try:
        status, _, body = call(served, "GET", "/widget.js")
        assert status == 200 and b"var MAX_CHARS = 750;" in body
        status, _, data = call(
            served, "POST", "/message", {"sender": sender(), "message": "a" * 751}
        )
        assert status == 413 and "750 characters" in data["error"]["message"]
    finally:
        served.stop()
