"""Feedback on answers through both channels: what is stored, and what never is."""

import datetime as dt
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from channels.rest import ResilientRestInput
from feedback.store import TABLE, FeedbackStore, Rating
from privacy.retention import main as retention_main
from webchat.channel import WebChatInput

from .sanic_app import Server

ALLOWED = "https://council.example"


class FakeTrackerStore:
    """Conversations by stored id (the web chat's are "web:<id>", channels/gate.py): (latest
    intent, council slot, number of events)."""

    def __init__(self):
        self.conversations = {}

    async def retrieve(self, sender_id):
        found = self.conversations.get(sender_id)
        if found is None:
            return None
        intent, council, turns = found
        return SimpleNamespace(
            latest_message=SimpleNamespace(intent={"name": intent} if intent else {}),
            get_slot=lambda name: council if name == "council" else None,
            events=[None] * turns,
        )


async def _no_messages(message):  # the feedback routes never send a message to Rasa
    raise AssertionError("feedback reached the dialogue")


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    engine = sa.create_engine(f"sqlite:///{tmp_path_factory.mktemp('fb') / 'tracker.db'}")
    agent = SimpleNamespace(tracker_store=FakeTrackerStore())
    webchat = WebChatInput.from_credentials({"allowed_origins": [ALLOWED]})
    server = Server(
        {
            "/webhooks/webchat": webchat.blueprint(_no_messages),
            "/webhooks/rest": ResilientRestInput().blueprint(_no_messages),
        },
        agent=agent,
        feedback_store=FeedbackStore(engine),
    )
    yield SimpleNamespace(server=server, engine=engine, trackers=agent.tracker_store.conversations)
    server.stop()


def rows(engine):
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(TABLE).order_by(TABLE.c.id))]


def post(setup, body, channel="webchat", headers=None):
    return setup.server.call("POST", f"/webhooks/{channel}/feedback", body, headers)


def test_a_rating_is_stored_with_topic_and_council_but_nothing_about_the_parent(setup):
    setup.trackers["web:parent-abc-123"] = ("ehc_assessment_how", "Hampshire", 7)
    res = post(setup, {"sender": "parent-abc-123", "helpful": False})
    assert res.status == 200 and res.body["status"] == "recorded" and len(res.body["ref"]) == 32
    row = rows(setup.engine)[-1]
    assert (row["topic"], row["council"], row["helpful"], row["channel"]) == (
        "ehc_assessment_how",
        "Hampshire",
        False,
        "webchat",
    )
    assert set(row) == {"id", "ref", "day", "helpful", "topic", "council", "channel", "comment"}
    assert all("parent-abc-123" not in str(value) for value in row.values())


def test_the_comment_is_one_redacted_line_and_can_be_added_once(setup):
    setup.trackers["web:parent-comment"] = ("tribunal_appeal", None, 3)
    ref = post(setup, {"sender": "parent-comment", "helpful": False}).body["ref"]
    res = post(
        setup,
        {
            "sender": "parent-comment",
            "ref": ref,
            "comment": "my son is called Oliver,\nring 07700 900123 about\tappeals",
        },
    )
    assert res.status == 200
    row = rows(setup.engine)[-1]
    assert row["comment"] == "my son is called [name], ring [phone] about appeals"
    assert row["council"] is None
    again = post(setup, {"sender": "parent-comment", "ref": ref, "comment": "second go"})
    assert again.status == 404 and again.body["error"]["code"] == "unknown_ref"


def test_a_double_click_counts_once(setup):
    setup.trackers["web:parent-double"] = ("sen_support", "Kent", 5)
    before = len(rows(setup.engine))
    assert post(setup, {"sender": "parent-double", "helpful": True}).status == 200
    second = post(setup, {"sender": "parent-double", "helpful": True})
    assert second.status == 409 and second.body["error"]["code"] == "already_rated"
    assert len(rows(setup.engine)) == before + 1


def test_the_rest_channel_takes_the_same_payload(setup):
    setup.trackers["rest-user"] = ("mediation", "Leeds", 4)
    res = post(setup, {"sender": "rest-user", "helpful": True}, channel="rest")
    assert res.status == 200
    row = rows(setup.engine)[-1]
    assert (row["topic"], row["council"], row["helpful"], row["channel"]) == (
        "mediation",
        "Leeds",
        True,
        "rest",
    )


@pytest.mark.parametrize(
    "body, status, code",
    [
        ({"sender": "nobody-here", "helpful": True}, 404, "nothing_to_rate"),
        ({"sender": "x", "helpful": "yes"}, 400, "invalid_helpful"),
        ({"helpful": True}, 400, "invalid_sender"),
        ({"sender": "x", "ref": "not-a-ref", "comment": "hi"}, 400, "invalid_ref"),
        ({"sender": "x", "ref": "a" * 32, "comment": "x" * 201}, 413, "comment_too_long"),
        ({"sender": "x", "ref": "a" * 32, "comment": "  \n "}, 400, "empty_comment"),
    ],
)
def test_bad_feedback_gets_a_clear_json_error(setup, body, status, code):
    before = len(rows(setup.engine))
    res = post(setup, body)
    assert (res.status, res.body["error"]["code"]) == (status, code)
    assert len(rows(setup.engine)) == before


def test_webchat_feedback_keeps_the_channels_origin_rules(setup):
    setup.trackers["web:parent-origin"] = ("senco", None, 2)
    refused = post(
        setup,
        {"sender": "parent-origin", "helpful": True},
        headers={"Origin": "https://evil.example"},
    )
    assert refused.status == 403
    form = post(
        setup,
        b"sender=parent-origin&helpful=true",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert form.status == 415
    preflight = setup.server.call(
        "OPTIONS",
        "/webhooks/webchat/feedback",
        headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status == 204 and preflight.headers["access-control-allow-origin"] == ALLOWED
    allowed = post(setup, {"sender": "parent-origin", "helpful": True}, headers={"Origin": ALLOWED})
    assert allowed.status == 200 and allowed.headers["access-control-allow-origin"] == ALLOWED


def test_retention_deletes_old_ratings_too(tmp_path, monkeypatch, capsys):
    db = tmp_path / "tracker.db"
    store = FeedbackStore(sa.create_engine(f"sqlite:///{db}"))
    today = dt.datetime.now(dt.timezone.utc).date()
    for age in (40, 31, 2):
        store.add(
            Rating(
                helpful=True,
                topic="senco",
                council=None,
                channel="rest",
                day=today - dt.timedelta(days=age),
            )
        )
    monkeypatch.setenv("TRACKER_DIALECT", "sqlite")
    monkeypatch.setenv("TRACKER_DB", str(db))
    for name in ("TRACKER_HOST", "TRACKER_PORT", "TRACKER_USER", "TRACKER_PASSWORD"):
        monkeypatch.setenv(name, "")
    assert retention_main(["--days", "30"]) == 0
    assert "deleted 2 answer rating(s) older than 30 days" in capsys.readouterr().out
    assert [r["day"] for r in rows(store.engine)] == [today - dt.timedelta(days=2)]
