"""Issue 15 against the running assistant: nothing personal stored or logged, restart and
"delete my conversation" delete, retention runs by itself, typed payloads cannot skip the
safety check, and a slow date message does not hold up other conversations."""

import concurrent.futures
import json
import re
import sqlite3
import statistics
import time
import uuid

import pytest
import requests

from devtools.servers import say, text_of
from replies.phrases import CONVERSATION_DELETED

SECRETS = [
    "Jack",
    "Smith",
    "14/03/2015",
    "943 476 5919",
    "9434765919",
    "Acacia",
    "SO23 8UJ",
    "07700 900123",
    "jo.bloggs",
    "jane.doe",
    "Priya",
]
MESSAGES = [
    "My son Jack Smith was born on 14/03/2015, his NHS number is 943 476 5919",
    "We live at 12 Acacia Avenue, SO23 8UJ. Call me on 07700 900123 or jo.bloggs@example.com",
    '/inform_council{"council":"jane.doe@example.com 07700 900123"}',
    "my daughter Priya's school is not meeting her needs",
]


def sender():
    return uuid.uuid4().hex


def rows(assistant, user):
    with sqlite3.connect(assistant.tracker_db) as db:
        return db.execute(
            "select * from events where sender_id = ? order by id", (user,)
        ).fetchall()


def test_a_stored_conversation_holds_no_personal_data_in_any_column(assistant):
    user = sender()
    for message in MESSAGES:
        say(assistant.port, user, message)
    stored = rows(assistant, user)
    assert any(r[2] == "user" for r in stored)
    everything = "\n".join(str(column) for row in stored for column in row)
    assert not [s for s in SECRETS if s in everything], everything[:3000]
    councils = [
        json.loads(r[-1]).get("value") for r in stored if r[2] == "slot" and '"council"' in r[-1]
    ]
    assert all(
        c in (None, "Hampshire") or re.fullmatch(r"[A-Z][A-Za-z ,.'&-]+", c) for c in councils
    ), councils


def test_nothing_personal_reaches_the_logs(assistant):
    requests.post(
        f"http://127.0.0.1:{assistant.port}/webhooks/rest/webhook",
        timeout=60,
        json={"sender": "w", "message": "/greet@x my email is leak.test1@example.com"},
    )
    say(
        assistant.port,
        sender(),
        '/inform_council{"council": "leak.test2@example.com"} ring 07700 900777',
    )
    say(
        assistant.port,
        sender(),
        "my son Leakname Testperson was born on 01/02/2016 and we live at 9 Leaky Lane",
    )
    time.sleep(1)
    logs = assistant.rasa.log.read_text(errors="replace") + assistant.actions.log.read_text(
        errors="replace"
    )
    for secret in [
        "leak.test1",
        "leak.test2",
        "07700 900777",
        "Leakname",
        "01/02/2016",
        "Leaky Lane",
    ]:
        assert secret not in logs, secret


@pytest.mark.parametrize("how", ["/restart", "delete my conversation"])
def test_restart_and_delete_my_conversation_remove_the_stored_conversation(assistant, how):
    user = sender()
    say(assistant.port, user, "I live in Hampshire")
    say(assistant.port, user, "how do I ask for an EHC needs assessment?")
    assert any(r[2] == "user" for r in rows(assistant, user))
    reply = text_of(say(assistant.port, user, how))
    assert CONVERSATION_DELETED in reply
    stored = [r[2] for r in rows(assistant, user)]
    assert not {"user", "bot", "slot"} & set(stored), stored  # only the fresh start is left
    reply = text_of(say(assistant.port, user, "how do I contact SENDIASS?"))
    assert "Hampshire SENDIASS" not in reply  # the council was forgotten too


def test_retention_runs_by_itself(assistant):
    """The server deletes conversations older than RETENTION_DAYS on its own schedule."""
    old = time.time() - 40 * 86400
    with sqlite3.connect(assistant.tracker_db) as db:
        db.execute(
            "insert into events (sender_id, type_name, timestamp, data) "
            "values (?, 'user', ?, '{}')",
            ("forgotten-" + sender(), old),
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with sqlite3.connect(assistant.tracker_db) as db:
            left = db.execute(
                "select count(*) from events where timestamp < ?", (old + 1,)
            ).fetchone()[0]
        if not left:
            return
        time.sleep(1)
    pytest.fail("the 40-day-old conversation was not deleted by the server's retention schedule")


def test_a_typed_payload_cannot_skip_the_safety_check(assistant):
    reply = say(assistant.port, sender(), '/greet{"council":"x"} I want to kill myself')
    assert "999" in text_of(reply) and "116 123" in text_of(reply), text_of(reply)[:300]


# ---------------------------------------------------------------- a slow date message


def action_call(action, text, slots=None):
    return {
        "next_action": action,
        "sender_id": sender(),
        "version": "3.6.21",
        "domain": {},
        "tracker": {
            "sender_id": "x",
            "slots": slots or {},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
            "latest_message": {
                "text": text,
                "intent": {"name": "x", "confidence": 1.0},
                "entities": [],
                "intent_ranking": [],
                "metadata": {},
            },
        },
    }


def timed(port, body):
    started = time.monotonic()
    response = requests.post(f"http://127.0.0.1:{port}/webhook", json=body, timeout=120)
    response.raise_for_status()
    return time.monotonic() - started


def test_a_1000_character_date_message_does_not_delay_another_conversation(assistant):
    port = assistant.action_port
    safety = action_call("action_safety", "I am scared for my son's safety")
    slow = action_call(
        "action_calculate_deadline", ("2025 " * 200)[:1000], {"deadline_kind": "appeal"}
    )
    timed(port, slow)  # the date worker is up
    alone = statistics.median(timed(port, safety) for _ in range(5))
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        running = [pool.submit(timed, port, slow) for _ in range(4)]
        time.sleep(0.2)
        during = statistics.median(timed(port, safety) for _ in range(5))
        slow_times = [f.result() for f in running]
    print(
        f"safety reply alone {alone * 1000:.0f} ms, "
        f"during 4 x 1,000-char date messages {during * 1000:.0f} ms "
        f"(date messages took {min(slow_times):.2f}-{max(slow_times):.2f} s)"
    )
    assert during - alone < 0.2, (alone, during)
