"""Generated conversations in Rasa's ``events`` table, for measuring and testing the report.

  python -m reporting.generate --conversations 100000 --db-url sqlite:////tmp/bench.db [--days 30]

Rows have the layout and JSON that Rasa's SQLTrackerStore writes (session start, user
messages with parse data, actions, bot messages, council slots, letters as custom
payloads), and user text is redacted as privacy.tracker_store would store it. The
returned ``Expected`` holds the true counts, so tests can check the report against them.
"""

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

from privacy.redaction import redact

TOPICS = [  # (intent, weight)
    ("ehc_assessment_how", 14),
    ("school_not_meeting_needs", 12),
    ("sen_support", 10),
    ("deadline_calculation", 6),
    ("tribunal_appeal", 6),
    ("ehc_refused", 5),
    ("annual_review", 5),
    ("iass", 5),
    ("mediation", 4),
    ("council_contacts", 4),
    ("draft_plan", 4),
    ("phase_transfer", 3),
    ("complaints", 3),
    ("senco", 3),
    ("local_offer", 2),
    ("funding", 2),
    ("request_letter", 3),
    ("greet", 8),
    ("thanks", 5),
]
COUNCILS = [
    "Hampshire",
    "Northumberland",
    "Stockton-on-Tees",
    "Bath and North East Somerset",
    "North Northamptonshire",
    "West Northamptonshire",
    "Leeds",
    "Kent",
    "Surrey",
    "Essex",
    "Birmingham",
    "Manchester",
    "Devon",
    "Norfolk",
    "Lancashire",
    "Bristol",
    "Cornwall",
    "Cumberland",
    "Somerset",
    "Suffolk",
]
LETTERS = [
    "Asking for an EHC needs assessment",
    "Raising concerns with the school",
    "A complaint to the school",
    "Chasing a missed deadline",
]
# Things parents ask that the assistant has no content for, each in several wordings;
# some carry personal details that the store must have redacted.
FALLBACK_THEMES = [
    [
        "can I get help with school transport",
        "school transport help please",
        "is there help with transport to school",
        "who pays for the taxi to school",
    ],
    ["how do I get a blue badge", "blue badge for my child", "can we get a blue badge"],
    [
        "are there holiday clubs for disabled children",
        "holiday club for my autistic son",
        "summer holiday clubs SEN",
    ],
    ["can I claim DLA for my child", "what is DLA", "disability living allowance help"],
    [
        "my son is called Oliver and he hates school",
        "my daughter is called Amelia and she won't go to school",
        "he refuses to go to school every morning",
    ],
    [
        "call me on 07700 900123 please",
        "my number is 07700 900456, ring me",
        "can someone phone me on 020 7946 0018",
    ],
    ["is there respite care", "short breaks for parents", "we need a break, is there respite"],
    [
        "what about speech therapy waiting lists",
        "speech and language therapy wait",
        "SALT waiting list is too long",
    ],
    ["email me at parent@example.com", "send it to mum.smith@example.org please"],
    ["asdfgh", "??", "hmm"],
]


@dataclass
class Expected:
    conversations: int = 0
    messages: int = 0
    not_understood: int = 0
    clarify_runs: int = 0
    per_day: Counter = field(default_factory=Counter)  # date -> messages
    topics: Counter = field(default_factory=Counter)  # intent -> messages
    councils: Counter = field(default_factory=Counter)  # council -> conversations
    letters: Counter = field(default_factory=Counter)  # title -> letters
    fallback_texts: Counter = field(default_factory=Counter)  # redacted text -> times


def _action(ts: float, name: str) -> tuple[str, str | None, str | None, str]:
    return (
        "action",
        None,
        name,
        json.dumps(
            {
                "event": "action",
                "timestamp": ts,
                "name": name,
                "policy": None,
                "confidence": None,
                "action_text": None,
                "hide_rule_turn": False,
            }
        ),
    )


def _user(ts: float, text: str, intent: str, confidence: float, message_id: str):
    parse = {
        "intent": {"name": intent, "confidence": confidence},
        "entities": [],
        "text": text,
        "message_id": message_id,
        "metadata": {"mode": "parent"},
        "intent_ranking": [
            {"name": intent, "confidence": confidence},
            {"name": "sen_support", "confidence": round(1 - confidence, 3) / 2},
        ],
    }
    return (
        "user",
        intent,
        None,
        json.dumps(
            {
                "event": "user",
                "timestamp": ts,
                "text": text,
                "parse_data": parse,
                "input_channel": "webchat",
                "message_id": message_id,
                "metadata": {"mode": "parent"},
            }
        ),
    )


def _bot(ts: float, text: str, custom: dict | None = None):
    data = {
        "elements": None,
        "quick_replies": None,
        "buttons": None,
        "attachment": None,
        "image": None,
        "custom": custom,
    }
    return (
        "bot",
        None,
        None,
        json.dumps({"event": "bot", "timestamp": ts, "text": text, "data": data, "metadata": {}}),
    )


def _slot(ts: float, name: str, value):
    return (
        "slot",
        None,
        name,
        json.dumps({"event": "slot", "timestamp": ts, "name": name, "value": value}),
    )


def _conversation(rng: random.Random, start: float, expected: Expected, fallback_rate: float):
    """One conversation's events: (timestamp, type_name, intent_name, action_name, data) rows."""
    ts = start
    rows = [
        (ts, *_action(ts, "action_session_start")),
        (
            ts,
            "session_started",
            None,
            None,
            json.dumps({"event": "session_started", "timestamp": ts}),
        ),
        (ts, *_action(ts, "action_listen")),
    ]
    council = rng.choice(COUNCILS) if rng.random() < 0.7 else None
    council_told = False
    intents, weights = zip(*TOPICS, strict=True)
    for _turn in range(rng.randint(1, 6)):
        ts += rng.uniform(5, 90)
        day = dt.datetime.fromtimestamp(ts, dt.timezone.utc).date()
        expected.messages += 1
        expected.per_day[day] += 1
        message_id = f"{rng.getrandbits(64):016x}"
        if rng.random() < fallback_rate:
            text = redact(rng.choice(rng.choice(FALLBACK_THEMES)))
            expected.not_understood += 1
            expected.clarify_runs += 1
            expected.fallback_texts[text] += 1
            rows.append((ts, *_user(ts, text, "nlu_fallback", 0.21, message_id)))
            rows.append((ts, *_action(ts, "action_clarify")))
            rows.append((ts, *_bot(ts, "I'm not sure I understood. Did you mean one of these?")))
        else:
            intent = rng.choices(intents, weights)[0]
            text = f"a question about {intent.replace('_', ' ')}"
            if council and not council_told and rng.random() < 0.5:
                text += f" in {council}"
            rows.append((ts, *_user(ts, text, intent, 0.9, message_id)))
            expected.topics[intent] += 1
            if intent == "request_letter":
                title = rng.choice(LETTERS)
                expected.letters[title] += 1
                rows.append((ts, *_action(ts, "action_offer_letter")))
                rows.append((ts, *_bot(ts, "Here is a letter you can adapt.")))
                rows.append(
                    (
                        ts,
                        *_bot(
                            ts,
                            "Dear Sir or Madam, ...",
                            {
                                "letter": {
                                    "title": title,
                                    "filename": "letter.txt",
                                    "text": "Dear Sir or Madam, ...",
                                }
                            },
                        ),
                    )
                )
            else:
                rows.append((ts, *_action(ts, "action_answer_topic")))
                rows.append(
                    (ts, *_bot(ts, "An answer from the guidance, its source and a next step. " * 4))
                )
            if council and not council_told and (" in " in text or rng.random() < 0.6):
                council_told = True
                expected.councils[council] += 1
                rows.append((ts, *_slot(ts, "council", council)))
        rows.append((ts, *_action(ts, "action_listen")))
    expected.conversations += 1
    return rows


def generate(
    engine: sa.engine.Engine,
    conversations: int,
    days: int = 30,
    now: float | None = None,
    seed: int = 13,
    fallback_rate: float = 0.08,
    batch: int = 20000,
) -> Expected:
    """Add ``conversations`` conversations spread over the ``days`` days before ``now``."""
    now = time.time() if now is None else now
    rng = random.Random(seed)
    expected = Expected()
    table = SQLTrackerStore.SQLEvent.__table__
    table.create(engine, checkfirst=True)
    earliest = now - days * 86400 + 60
    pending: list[dict] = []
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA synchronous=OFF")
        for n in range(conversations):
            sender = f"gen{seed}-{n:07d}-{rng.getrandbits(32):08x}"
            start = rng.uniform(earliest, now - 600)
            for ts, type_name, intent, action, data in _conversation(
                rng, start, expected, fallback_rate
            ):
                pending.append(
                    {
                        "sender_id": sender,
                        "type_name": type_name,
                        "timestamp": ts,
                        "intent_name": intent,
                        "action_name": action,
                        "data": data,
                    }
                )
            if len(pending) >= batch:
                conn.execute(table.insert(), pending)
                pending = []
        if pending:
            conn.execute(table.insert(), pending)
    return expected


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Add generated conversations to a tracker store database."
    )
    parser.add_argument("--conversations", type=int, default=1000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--db-url", required=True, help="e.g. sqlite:////tmp/report-bench.db")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    expected = generate(
        sa.create_engine(args.db_url), args.conversations, args.days, seed=args.seed
    )
    print(
        f"generated {expected.conversations:,} conversations, {expected.messages:,} messages "
        f"({expected.not_understood:,} not understood) in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
