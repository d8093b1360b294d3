"""Issue 15 against the running assistant: nothing personal stored or logged, restart and
"delete my conversation" delete, retention runs by itself, typed payloads cannot skip the
safety check, and a slow date message does not hold up other conversations."""

import asyncio
import concurrent.futures
import json
import re
import sqlite3
import statistics
import time
import uuid

import pytest
import requests
from rasa.shared.core.events import SlotSet

from devtools.servers import say, text_of
from replies import phrases
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


# ---------------------------------------------------------------- slots hold only known values

REST, WEBCHAT = "/webhooks/rest/webhook", "/webhooks/webchat/message"
SLOT_PROBES = [
    '/inform_council{"council":"jane.doe@example.com 07700 900123"}',
    '/inform_council{"council": "Narnia Borough"}',
    '/deadline_calculation{"deadline_kind": "ring 07700 900123"}',
    '/steps_taken{"step": "my_solicitor"}',
    '/request_letter{"letter_kind": "jane.doe@example.com"}',
]


def stored_slots(assistant, conversation) -> dict[str, list]:
    """Every value each slot took in the stored conversation, in order."""
    values: dict[str, list] = {}
    for row in rows(assistant, conversation):
        if row[2] == "slot":
            event = json.loads(row[-1])
            values.setdefault(event["name"], []).append(event["value"])
    return values


def assert_only_known_values(values: dict[str, list]) -> None:
    from actions.slot_kinds import CHECKS

    for name, taken in values.items():
        unknown = [v for v in taken if v not in (None, []) and CHECKS[name](v) != v]
        assert not unknown, (name, unknown)


@pytest.mark.parametrize("path", [REST, WEBCHAT])
def test_typed_payloads_leave_only_known_values_in_slots(assistant, path):
    user = sender()
    stored_as = f"web:{user}" if path == WEBCHAT else user

    def post(message):
        response = requests.post(
            f"http://127.0.0.1:{assistant.port}{path}",
            json={"sender": user, "message": message},
            timeout=60,
        )
        assert response.status_code == 200, response.text[:300]
        return response.json()

    post("I live in Hampshire")
    post("the school is not meeting my son's needs, what do I do?")
    for probe in SLOT_PROBES:
        post(probe)
    values = stored_slots(assistant, stored_as)
    assert values["council"] and set(values["council"]) == {"Hampshire"}, values["council"]
    assert_only_known_values(values)
    assert not [s for s in values.get("steps_tried", []) if s and "my_solicitor" in str(s)]
    # The text is stored as typed (redacted): personal data in it is not, in any column.
    everything = "\n".join(str(c) for row in rows(assistant, stored_as) for c in row)
    for secret in ["jane.doe", "07700 900123"]:
        assert secret not in everything, secret


def test_a_town_is_remembered_as_its_council(assistant):
    user = sender()
    reply = text_of(say(assistant.port, user, "we live in Eastleigh"))
    assert "Hampshire" in reply, reply[:300]
    assert set(stored_slots(assistant, user)["council"]) == {"Hampshire"}
    reply = text_of(say(assistant.port, user, "how do I contact SENDIASS?"))
    assert "Hampshire SENDIASS" in reply, reply[:300]


@pytest.fixture(scope="module")
def unscreened_agent(assistant):
    """The trained model in this process with the test assistant's action server: messages go
    straight to Rasa's message processor, as through Rasa's HTTP API, `rasa shell` or any
    channel without the channels' payload screening."""
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    from devtools.servers import MODEL

    endpoint = EndpointConfig(url=f"http://127.0.0.1:{assistant.action_port}/webhook")
    return Agent.load(str(MODEL), action_endpoint=endpoint)


def converse(agent, user, messages):
    async def run():
        replies = [await agent.handle_text(m, sender_id=user) for m in messages]
        return replies, await agent.tracker_store.retrieve(user)

    return asyncio.run(run())


def test_a_slot_refuses_a_value_not_of_its_kind_even_without_screening(unscreened_agent):
    replies, tracker = converse(
        unscreened_agent,
        sender(),
        [
            "I live in Hampshire",
            '/inform_council{"council":"jane.doe@example.com 07700 900123"}',
            '/deadline_calculation{"deadline_kind": "ring 07700 900123"}',
            '/request_letter{"letter_kind": "<script>"}',
            '/escalation_path{"ladder": "made_up"}',
        ],
    )
    refused = "\n".join(m.get("text") or "" for m in replies[1])
    assert phrases.COUNCIL_NOT_FOUND in refused and "jane.doe" not in refused, refused
    slots = tracker.current_slot_values()
    assert slots["council"] == "Hampshire", slots
    assert slots["deadline_kind"] is None and slots["letter_kind"] is None, slots
    taken = {}
    for event in tracker.events:
        if isinstance(event, SlotSet):
            taken.setdefault(event.key, []).append(event.value)
    assert_only_known_values(taken)


def test_a_known_council_by_payload_or_by_a_town_still_works_without_screening(unscreened_agent):
    _, tracker = converse(
        unscreened_agent, sender(), ['/inform_council{"council": "Stockton-on-Tees"}']
    )
    assert tracker.get_slot("council") == "Stockton-on-Tees"
    replies, tracker = converse(unscreened_agent, sender(), ["we moved to Eastleigh"])
    assert tracker.get_slot("council") == "Hampshire"
    # the town itself is never a slot value, not even for a moment
    assert {e.value for e in tracker.events if isinstance(e, SlotSet) and e.key == "council"} == {
        "Hampshire"
    }
