"""Personal data is redacted before storage or logging, and old conversations are deleted."""

import asyncio
import logging
import time

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from privacy.log_filter import RedactingFilter
from privacy.redaction import redact
from privacy.retention import delete_old_conversations
from privacy.tracker_store import RedactingSQLTrackerStore


@pytest.mark.parametrize(
    "text,secret",
    [
        ("email me at jo.bloggs@example.co.uk please", "jo.bloggs@example.co.uk"),
        ("ring me on 07700 900123", "07700 900123"),
        ("my number is +44 7700 900123", "7700 900123"),
        ("landline 0118 496 0000", "0118 496 0000"),
        ("we live at SO23 8UJ", "SO23 8UJ"),
        ("postcode ne61 2ef", "ne61 2ef"),
        ("my son is called Oliver and he is 7", "Oliver"),
        ("my daughter's name is Amelia Jones", "Amelia Jones"),
        ("her name is Priya", "Priya"),
        ("my name is Sarah", "Sarah"),
    ],
)
def test_personal_data_is_redacted(text, secret):
    assert secret not in redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "the school isn't meeting my child's needs",
        "appeal within 2 months of the decision letter dated 10/01/2026",
        "we asked on 3 March 2026 and the council received it 03.03.2026",
        "my son is in year 6 and has an EHC plan; the review was on 12 January",
        "call the SENCO on Monday",
    ],
)
def test_ordinary_messages_keep_their_meaning(text):
    """Nothing personal here, so every word (dates, numbers, year groups) is kept as typed."""
    assert redact(text) == text


def test_dates_and_year_groups_are_not_mistaken_for_phone_numbers():
    assert redact("sent on 03/03/2026, he is in year 6") == "sent on 03/03/2026, he is in year 6"


def test_tracker_store_never_stores_a_typed_email(tmp_path):
    store = RedactingSQLTrackerStore(
        Domain.empty(), dialect="sqlite", host="", port="", db=str(tmp_path / "t.db")
    )
    tracker = DialogueStateTracker("parent", [])
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(
        UserUttered(
            "I'm jo@example.com, my son is called Sam",
            parse_data={
                "text": "I'm jo@example.com, my son is called Sam",
                "intent": {"name": "greet"},
            },
        )
    )
    loop = asyncio.new_event_loop()  # other suites may leave a loop running in this thread
    try:
        loop.run_until_complete(store.save(tracker))
    finally:
        loop.close()
    engine = sa.create_engine(f"sqlite:///{tmp_path / 't.db'}")
    with engine.connect() as conn:
        stored = " ".join(r[0] for r in conn.execute(sa.text("select data from events")))
    assert "jo@example.com" not in stored and "Sam" not in stored and "[email]" in stored
    assert tracker.latest_message.text.startswith(
        "I'm jo@example.com"
    )  # the live turn still had it


def test_log_lines_are_redacted(caplog):
    logger = logging.getLogger("test.privacy")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO, logger="test.privacy"):
        logger.info("Received message %s", "contact me on jo@example.com or 07700 900123")
    assert "jo@example.com" not in caplog.text and "07700 900123" not in caplog.text


def test_retention_deletes_only_old_conversations(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    SQLTrackerStore.Base.metadata.create_all(engine)
    events = SQLTrackerStore.SQLEvent.__table__
    now = time.time()
    day = 86400
    rows = [
        ("old", now - 40 * day),
        ("old", now - 35 * day),
        ("recent", now - 40 * day),
        ("recent", now - 2 * day),
    ]
    with engine.begin() as conn:
        conn.execute(
            events.insert(),
            [dict(sender_id=s, type_name="user", timestamp=t, data="{}") for s, t in rows],
        )
    assert delete_old_conversations(engine, 30, now=now, dry_run=True) == 1
    assert delete_old_conversations(engine, 30, now=now) == 1
    with engine.connect() as conn:
        left = sorted({r[0] for r in conn.execute(sa.select(events.c.sender_id))})
    assert left == ["recent"]
