"""Scripted parent conversations with the replies each turn must give, checked against the
knowledge base (never hard-coded numbers), and the tracker-store check that nothing was
lost, duplicated or interleaved."""

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from devtools.servers import text_of
from knowledge.queries import KnowledgeBase
from replies import render

COUNCILS = [
    "Hampshire",
    "Northumberland",
    "Stockton-on-Tees",
    "Bath and North East Somerset",
    "North Northamptonshire",
    "West Northamptonshire",
    "Leeds",
    "Kent",
]
PHONE = re.compile(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b")


@dataclass
class Turn:
    text: str
    expect: list[str | tuple[str, ...]]  # each must appear; a tuple: any one of them
    buttons: bool = False


@dataclass
class Script:
    council: str
    turns: list[Turn]  # sent one after another
    together: list[Turn] = field(
        default_factory=list
    )  # then sent at the same time, one per replica
    foreign_numbers: frozenset = (
        frozenset()
    )  # other councils' local phone numbers: never in a reply


def local_numbers(kb: KnowledgeBase) -> dict[str, set]:
    """Each covered council's local phone numbers (both Northamptonshires share theirs)."""
    return {p.name: {n for s in p.services for n in s.phones} for p in kb.covered_places()}


def script_for(kb: KnowledgeBase, council: str) -> Script:
    place = kb.find_place(council)
    assert place is not None, f"{council} is not an English council name"
    numbers = local_numbers(kb)
    own = numbers.get(place.name, set())
    foreign = frozenset(n for ns in numbers.values() for n in ns) - own
    if place.covered:
        iass = place.service("iass")
        named = [f"Thanks, I'll use {place.name}", render.contact_lines(iass)]
        contacts = [f"Contacts for {place.name}:", render.contact_lines(iass, with_offer=True)]
        local = [f"Who can help in {place.name}:", render.contact_lines(iass)]
    else:
        ipsea = render.contact_lines(kb.service("ipsea")) if kb.service("ipsea") else "IPSEA"
        named = contacts = [f"I don't have local contact details for {place.name} yet", ipsea]
        local = [f"I don't have local contact details for {place.name} yet"]
    turns = [
        Turn(f"I live in {council}", named),
        Turn("how do I contact SENDIASS?", contacts),
        Turn(
            "the school isn't meeting my child's needs",
            ["what have you tried so far?"],
            buttons=True,
        ),
        Turn(
            "I've spoken to the SENCO and the head",
            ["Next step (4 of 6): The SEN governor", *local],
        ),
        Turn(
            '/steps_taken{"step": "governors"}',
            ["Next step (5 of 6): The council's SEN team", *local],
        ),
    ]
    together = [
        Turn("thank you", ["You're welcome"]),
        Turn("what is SEN support?", ["SEN support is help that is additional to or different"]),
    ]
    return Script(place.name, turns, together, foreign)


def either_version(first: Script, second: Script) -> Script:
    """One script accepting the replies of either of two knowledge base versions."""
    turns = []
    for a, b in zip(first.turns + first.together, second.turns + second.together, strict=False):
        expect = [x if x == y else (x, y) for x, y in zip(a.expect, b.expect, strict=False)]
        turns.append(Turn(a.text, expect, a.buttons))
    n = len(first.turns)
    return Script(
        first.council, turns[:n], turns[n:], first.foreign_numbers | second.foreign_numbers
    )


def problems_in_reply(script: Script, turn: Turn, reply: list) -> list[str]:
    """What is wrong with one reply, in words a reviewer can act on (empty when right)."""
    text = text_of(reply)
    found = [
        f"{turn.text!r} -> missing {want!r}"
        for want in turn.expect
        if not any(w in text for w in (want if isinstance(want, tuple) else (want,)))
    ]
    if turn.buttons and not any(m.get("buttons") for m in reply):
        found.append(f"{turn.text!r} -> no buttons")
    wrong = sorted(set(PHONE.findall(text)) & script.foreign_numbers)
    if wrong:
        found.append(
            f"{turn.text!r} -> another council's number(s) {wrong} "
            f"in a {script.council} conversation"
        )
    return found


def stored_events(connection, sender: str) -> list[dict]:
    """The conversation's events from the SQL tracker store's `events` table, in order."""
    with connection.cursor() as cur:
        cur.execute("SELECT data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
        return [json.loads(row[0]) for row in cur.fetchall()]


def turns_in_store(events: Sequence[dict]) -> list[tuple]:
    """(user text, [bot texts that followed it]) for each user message, in stored order."""
    turns: list[tuple] = []
    for event in events:
        if event.get("event") == "user":
            turns.append((event.get("text"), []))
        elif event.get("event") == "bot" and turns:
            turns[-1][1].append(event.get("text"))
    return turns


def store_problems(
    events: Sequence[dict], sent: dict[str, list], order: list[str] | None = None
) -> list[str]:
    """Check the stored conversation against what was sent and what each reply was.

    `sent` maps each user text to the bot texts its HTTP reply carried; `order` is the
    order the sequential turns must keep (the simultaneous ones may come either way).
    """
    problems = []
    stored = turns_in_store(events)
    texts = [t for t, _ in stored]
    for text in sent:
        if texts.count(text) != 1:
            problems.append(f"user message {text!r} stored {texts.count(text)} times")
    extra = [t for t in texts if t not in sent]
    if extra:
        problems.append(f"unexpected user messages stored: {extra}")
    if order and texts[: len(order)] != order:
        problems.append(f"user messages out of order: {texts[: len(order)]}")
    for text, bots in stored:
        # Rasa stores one bot event per utterance; the REST channel splits its text on blank lines.
        if text in sent and "\n\n".join(bots) != "\n\n".join(sent[text]):
            problems.append(
                f"after {text!r} the store has bot messages {bots}, the user was sent {sent[text]}"
            )
    starts = sum(1 for e in events if e.get("event") == "session_started")
    if starts != 1:
        problems.append(f"{starts} session starts stored")
    return problems


def reply_texts(reply: list) -> list[str]:
    return [m.get("text") for m in reply if m.get("text") is not None]
