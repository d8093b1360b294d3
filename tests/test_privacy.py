"""Personal data is redacted before storage or logging, and old conversations are deleted."""

import asyncio
import json
import logging
import re
import time
from pathlib import Path

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
        # issue 15: dates of birth, NHS numbers, addresses, names without an intro phrase
        ("My son Jack Smith was born on 14/03/2015", "Jack Smith"),
        ("My son Jack Smith was born on 14/03/2015", "14/03/2015"),
        ("his NHS number is 943 476 5919", "943 476 5919"),
        ("NHS no 9434765919", "9434765919"),
        ("we live at 12 Acacia Avenue", "Acacia"),
        ("address: flat 3, 27b station road", "station road"),
        ("DOB 3rd March 2016", "3rd March 2016"),
        ("her date of birth is 1 May 2014", "1 May 2014"),
        ("my daughter Amelia's school", "Amelia"),
        ("our foster son Kai-Leon needs help", "Kai-Leon"),
        # eleventh session: forum shorthand, a name before the relation, a parent introducing
        # themselves, "sons name" without an apostrophe
        ("my DS Oliver has ASC", "Oliver"),
        ("DD2 Amelia hates school", "Amelia"),
        ("Tom is my son and he has adhd", "Tom"),
        ("Leo (my son) is 7", "Leo"),
        ("I am Sarah, mum to Leo", "Sarah"),
        ("I am Sarah, mum to Leo", "Leo"),
        ("Hi I'm Jo and my DS is 8", "Jo "),
        ("My sons name is Tom", "Tom"),
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
        "my son is autistic and my daughter has ADHD",
        "my son Year 6 teacher said no",
        "the decision letter came on 14/03/2026",
        "we applied 20 working days ago",
        "he has 1 hour of support a week",
        "can someone call me back please",
        "DS has ASC and DD has ADHD",
        "Surely my daughter has a right to an assessment",
        "I'm in Glasgow, my daughter has ASN",
        "Autism is my son's whole life",
        "I am Worried about school",
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


# ------------------------------------------------ issue 15: everything personal, everywhere


def _store_and_read(tmp_path, events):
    from rasa.shared.core.events import Event  # noqa: F401  (events come in ready-made)

    store = RedactingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    tracker = DialogueStateTracker("c" * 32, [])
    for event in events:
        tracker.update(event)
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(store.save(tracker))
    finally:
        loop.close()
    engine = sa.create_engine(f"sqlite:///{tmp_path / 't.db'}")
    with engine.connect() as conn:
        return (
            store,
            tracker,
            [tuple(r) for r in conn.execute(sa.text("select * from events order by id"))],
        )


def test_entity_values_slots_metadata_and_echoes_are_redacted_before_storage(tmp_path):
    from rasa.shared.core.events import BotUttered, SlotSet

    raw = "jane.doe@example.com 07700 900123"
    entities = [{"entity": "council", "value": raw, "start": 0, "end": 5}]
    events = [
        ActionExecuted("action_listen"),
        UserUttered(
            f"my son Jack is at {raw}",
            parse_data={"text": raw, "intent": {"name": "inform_council"}, "entities": entities},
            entities=entities,
            metadata={"council": "ring 07700 900123"},
        ),
        SlotSet("council", raw),
        BotUttered("Thanks Jack, we will call 07700 900123. IASS: 0808 164 5504"),
    ]
    _, _, stored = _store_and_read(tmp_path, events)
    everything = json.dumps(stored)
    for secret in ["jane.doe", "07700 900123", "Jack"]:
        assert secret not in everything
    assert "0808 164 5504" in everything  # the assistant's published number stays as sent


def test_restart_deletes_the_stored_conversation(tmp_path):
    from rasa.shared.core.events import BotUttered, Restarted

    events = [
        ActionExecuted("action_listen"),
        UserUttered("my son has autism", parse_data={"text": "x"}),
        BotUttered("I can help"),
    ]
    store, tracker, stored = _store_and_read(tmp_path, events)
    assert len(stored) == 3
    tracker.update(UserUttered("/restart", parse_data={"text": "/restart"}))
    tracker.update(Restarted())
    tracker.update(ActionExecuted("action_listen"))
    asyncio.new_event_loop().run_until_complete(store.save(tracker))
    engine = sa.create_engine(f"sqlite:///{tmp_path / 't.db'}")
    with engine.connect() as conn:
        types = [r[0] for r in conn.execute(sa.text("select type_name from events order by id"))]
    assert types == ["restart", "action"]


def test_warnings_structured_records_and_exceptions_are_redacted(capsys):
    import sys
    import warnings

    from privacy import log_guard

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    logging.getLogger().addHandler(handler)
    try:
        with warnings.catch_warnings():  # pytest records warnings itself; the server does not
            warnings.simplefilter("always")
            logging.captureWarnings(False)
            log_guard.install()
            warnings.warn(
                "could not parse '/greet@x my email is leak.test1@example.com'", stacklevel=1
            )
        logging.getLogger("structured").warning({"event": "parse", "text": "call 07700 900123"})
        try:
            raise ValueError("bad council jane.doe@example.com")
        except ValueError:
            logging.getLogger("exc").exception("failed")
    finally:
        logging.getLogger().removeHandler(handler)
    err = capsys.readouterr().err
    assert "could not parse" in err and "parse" in err and "bad council" in err
    for secret in ["leak.test1@example.com", "07700 900123", "jane.doe@example.com"]:
        assert secret not in err


def test_warning_registries_stay_bounded():
    import warnings

    from privacy import log_guard

    log_guard.install()
    with warnings.catch_warnings():
        warnings.simplefilter("once")
        log_guard.install()  # catch_warnings restores showwarning afterwards
        logging.getLogger("py.warnings").disabled = True
        try:
            for n in range(3 * log_guard.MAX_REMEMBERED_WARNINGS):
                warnings.warn(f"unique message {n}", stacklevel=1)
        finally:
            logging.getLogger("py.warnings").disabled = False
    assert len(warnings.onceregistry) <= log_guard.MAX_REMEMBERED_WARNINGS + 1


def test_the_privacy_answer_says_what_the_code_does():
    import yaml

    from channels.payloads import DELETE_REQUEST
    from privacy.retention import DEFAULT_DAYS

    topic = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / "knowledge/content/topics/privacy.yaml").read_text()
    )
    answer = topic["answer"]
    assert f"{DEFAULT_DAYS} days after your last message" in answer
    said = re.search(r'type "([^"]+)"', answer).group(1)
    assert DELETE_REQUEST.match(said), said  # what we tell parents to type does delete
    for kind in [
        "name",
        "date of birth",
        "NHS number",
        "address",
        "email address",
        "phone number",
        "postcode",
        "log",
    ]:
        assert kind in answer
    # Only names said with who they are can be found (there is no name recogniser): the
    # answer says so, with examples that redaction does remove.
    for example in re.findall(r'"(my son \w+|my name is \w+)"', answer):
        assert example.split()[-1] not in redact(example), example
    assert re.findall(r'"(my son \w+|my name is \w+)"', answer)
