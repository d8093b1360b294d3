"""Issue 11, "Done when": every guidance topic answers correctly over the REST channel, in parent
mode and staff mode, with its citation, for a covered council and for another council; and each
letter a topic offers comes back over REST, citing the law and addressed for the council.

How each topic is reached: no reply offers an arbitrary topic as a button (topic buttons come
only from the clarifying question and "you also mentioned", both chosen by the message's cue
words), so each conversation does what a parent would: it types the topic's own cue words (from
its file) and, if the assistant offers the topic as a button instead of answering, clicks it.
The channel honours a typed payload only when it was just offered (channels/payloads.py), so
the click is the real one. Mode and council come in the message metadata, as the widget sends
them (webchat/static/widget.js): the staff page sets mode "staff", a council's site its council.

All conversations run once, in parallel, against one running assistant (tests/e2e/conftest.py);
the tests then check each reply (results/topics-over-rest.json says how each topic was reached
and how long the conversations took). The expected facts are tests/key_facts.py's (shared with
tests/test_topic_facts.py) and the source rules tests/source_rules.py's.
"""

import concurrent.futures
import json
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from advice import letters as L
from devtools import servers
from devtools.servers import button_payloads, say, text_of
from replies import render
from tests.key_facts import (
    CHILD_PLACEHOLDERS,
    COUNCIL_LETTERS,
    HEADTEACHER_ADDRESS,
    PARENT_FACTS,
    SCHOOL_LETTERS,
    STAFF_REFS,
    flat,
)
from tests.source_rules import AWAITING_A_NATIONAL_CITATION, other_leaflets, source_line

TOPICS_DIR = Path(__file__).resolve().parents[2] / "knowledge" / "content" / "topics"
TOPIC_IDS = sorted(path.stem for path in TOPICS_DIR.glob("*.yaml"))
MODES = ("parent", "staff")
# A council with local content, and one from the national list without it.
COUNCILS = {"covered": "Hampshire", "uncovered": "Leeds"}
LETTER_MODE = "parent"
PARALLEL_CONVERSATIONS = 4


@dataclass
class Visit:
    """One conversation: how the topic was reached, its reply, and the letters it offered."""

    route: str = ""  # "typed": answered from the cue words; "button": the offered topic clicked
    reply: list = field(default_factory=list)
    letters: dict = field(default_factory=dict)  # letter id -> the reply to its button

    @property
    def text(self) -> str:
        return text_of(self.reply, sep="\n\n")


def cue_message(topic) -> str:
    """The topic's cue words as one message, the way a parent might list them."""
    return ", ".join(str(cue) for cue in topic.cues)


def letter_payload(letter_id: str) -> str:
    return f"/request_letter{json.dumps({'letter_kind': letter_id})}"


def visit(port: int, topic, mode: str, council: str, letters: list[str]) -> Visit:
    sender, metadata = uuid.uuid4().hex, {"mode": mode, "council": council}
    first = say(port, sender, cue_message(topic), metadata=metadata, timeout=60)
    payload = f"/{topic.id}"
    if payload in button_payloads(first):
        result = Visit("button", say(port, sender, payload, metadata=metadata, timeout=60))
    else:
        result = Visit("typed", first)
    for letter_id in letters:
        if letter_payload(letter_id) in button_payloads(result.reply):
            result.letters[letter_id] = say(
                port, sender, letter_payload(letter_id), metadata=metadata, timeout=60
            )
    return result


def letter_offers(kb) -> dict[str, str]:
    """Each letter a topic offers -> the first topic (by id) that offers it."""
    offers: dict[str, str] = {}
    for topic_id in TOPIC_IDS:
        letter = kb.topic(topic_id).letter
        if letter:
            offers.setdefault(letter, topic_id)
    return offers


def letters_offered_by(offers: dict[str, str], topic_id: str) -> list[str]:
    return [letter_id for letter_id, first in offers.items() if first == topic_id]


def selected_visits(request, offers: dict[str, str]) -> set[tuple[str, str, str]]:
    """The conversations the selected tests read: all of them, unless `-k` chose fewer."""
    keys = set()
    for item in request.session.items:
        params = item.callspec.params if hasattr(item, "callspec") else {}
        if item.module is not request.module:
            continue
        if "topic_id" in params:
            keys.add((params["topic_id"], params["mode"], params["kind"]))
        elif params.get("letter_id") in offers:
            keys.add((offers[params["letter_id"]], LETTER_MODE, params["kind"]))
    return keys


@pytest.fixture(scope="module")
def visits(request, assistant, built_kb) -> dict:
    """Each (topic, mode, council kind) conversation, run once over REST, in parallel."""
    offers = letter_offers(built_kb)
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(PARALLEL_CONVERSATIONS) as pool:
        futures = {
            (topic_id, mode, kind): pool.submit(
                visit,
                assistant.port,
                built_kb.topic(topic_id),
                mode,
                COUNCILS[kind],
                letters_offered_by(offers, topic_id) if mode == LETTER_MODE else [],
            )
            for topic_id, mode, kind in selected_visits(request, offers)
        }
        found = {key: future.result() for key, future in futures.items()}
    record(found, time.monotonic() - started)
    return found


def record(found: dict, seconds: float) -> None:
    """How each topic was reached, and the conversations' wall time, for the lead to read."""
    routes = Counter(v.route for v in found.values())
    figures = {
        "conversations": len(found),
        "turns": sum(1 + (v.route == "button") + len(v.letters) for v in found.values()),
        "seconds": round(seconds, 1),
        "routes": dict(routes),
        "reached_by_button": sorted({k[0] for k, v in found.items() if v.route == "button"}),
    }
    (servers.REPO / "results").mkdir(exist_ok=True)
    (servers.REPO / "results" / "topics-over-rest.json").write_text(json.dumps(figures, indent=2))


def answered_topics(kb, text: str) -> list[str]:
    """Which topics' answers a reply holds (to say what came back instead)."""
    return [t.id for t in kb.topics() if flat(t.answer) in text]


def expected_reply(kb, topic, place, staff: bool) -> str:
    if topic.local == "required":  # the answer is the council's own contacts
        return render.council_contacts_reply(place, kb.national_services(), staff)
    return render.topic_reply(topic, place, staff)


def source_expected(topic, place) -> bool:
    """tests/test_reply_sources.py's rule: a reply cites a source, except where none fits this
    council's parent (never another council's leaflet instead)."""
    if topic.about_assistant:  # what the assistant itself does cites a source only if it has one
        return bool(topic.citations)
    # Topics cited only to some councils' leaflets (the known gap tests/source_rules.py lists)
    # show no source to a parent of any other council, covered or not.
    return topic.id not in AWAITING_A_NATIONAL_CITATION


# ---------------------------------------------------------------- the set-up itself
def test_every_topic_file_is_a_topic_and_the_councils_are_what_they_claim(kb):
    assert TOPIC_IDS and set(TOPIC_IDS) == {t.id for t in kb.topics()}
    assert set(PARENT_FACTS) <= set(TOPIC_IDS)
    assert kb.find_place(COUNCILS["covered"]).covered
    leeds = kb.find_place(COUNCILS["uncovered"])
    assert leeds is not None and not leeds.covered


# ---------------------------------------------------------------- every topic
@pytest.mark.parametrize("kind", sorted(COUNCILS))
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("topic_id", TOPIC_IDS)
def test_topic_answers_over_rest(kb, visits, topic_id, mode, kind):
    topic, place, staff = kb.topic(topic_id), kb.find_place(COUNCILS[kind]), mode == "staff"
    found = visits[(topic_id, mode, kind)]
    text, words = found.text, flat(found.text)
    how = f"{topic_id} ({mode}, {place.name}, {found.route})"

    # The topic's own reply, for this council and mode, reached the parent whole.
    expected = expected_reply(kb, topic, place, staff)
    assert expected in text, (
        f"{how}: not its reply; answers found: {answered_topics(kb, words)}\n{text[:1500]}"
    )
    # Its key facts (the shared table), and in staff mode the law and the detail.
    missing = [fact for fact in PARENT_FACTS.get(topic_id, []) if fact not in words]
    if staff:
        missing += [ref for ref in STAFF_REFS.get(topic_id, []) if ref not in words]
    assert missing == [], f"{how} lacks {missing}"
    if topic.detail and topic.local != "required":
        shown = flat(topic.detail) in words
        assert shown == staff, f"{how}: staff detail {'missing' if staff else 'shown to a parent'}"
    # A next step, a source line that fits the council, and never another council's leaflet.
    assert "Next step: " in text, how
    if topic.local != "required":
        assert f"Next step: {topic.next_step}" in text, how
    line = source_line(text)
    assert bool(line) or not source_expected(topic, place), f"{how}: no source line"
    cited_elsewhere = [short for short in other_leaflets(kb, place) if short in text]
    assert cited_elsewhere == [], f"{how} cites {cited_elsewhere}"
    # Local help: the covered council's own services and source; for another council, a plain
    # note that there are no local details, and no covered council's services instead.
    if place.covered and topic.local == "required":
        assert f"Contacts for {place.name}:" in text and place.source.short in line, how
    elif place.covered and topic.show and render.local_block(topic, place, staff):
        assert f"For {place.name}:" in text and place.source.short in line, how
    if not place.covered:
        if topic.local != "none":
            assert f"I don't have local contact details for {place.name} yet" in text, how
        # Staff detail may give a covered council as an example; nothing a parent reads may.
        shown = text.replace(topic.detail, "") if topic.detail else text
        named = [other.name for other in kb.covered_places() if other.name in shown]
        assert named == [], f"{how} names {named}"


# ---------------------------------------------------------------- the letters
def letter_cases() -> list[tuple[str, str]]:
    ids = sorted(set(COUNCIL_LETTERS) | set(SCHOOL_LETTERS))
    return [(letter_id, kind) for letter_id in ids for kind in sorted(COUNCILS)]


@pytest.mark.parametrize("letter_id, kind", letter_cases())
def test_letter_over_rest_cites_the_law_and_is_addressed_for_the_council(
    kb, visits, letter_id, kind
):
    topic_id = letter_offers(kb).get(letter_id)
    assert topic_id, f"no topic offers the {letter_id} letter"
    place = kb.find_place(COUNCILS[kind])
    found = visits[(topic_id, LETTER_MODE, kind)]
    reply = found.letters.get(letter_id)
    assert reply, f"{topic_id} ({place.name}) did not offer the {letter_id} letter"
    sent = [m["custom"]["letter"] for m in reply if (m.get("custom") or {}).get("letter")]
    assert len(sent) == 1, f"{letter_id}: {len(sent)} letters in the reply"
    letter = sent[0]["text"]
    assert letter == L.render_letter(letter_id, place).text
    assert flat(letter) in flat(text_of(reply, sep="\n\n")), "the letter is also in the chat"
    body = flat(letter)
    if letter_id in COUNCIL_LETTERS:
        to_block = letter.split("To:\n", 1)[1].split("\n\nSubject:", 1)[0]
        assert place.name in to_block, f"{letter_id} is not addressed to {place.name}"
    else:
        assert HEADTEACHER_ADDRESS in letter
    facts = COUNCIL_LETTERS.get(letter_id) or SCHOOL_LETTERS[letter_id]
    missing = [fact for fact in facts if fact not in body]
    assert missing == [], f"{letter_id} lacks {missing}"
    if letter_id in COUNCIL_LETTERS:
        assert all(p in letter for p in CHILD_PLACEHOLDERS)
    others = [p.name for p in kb.covered_places() if p.name != place.name]
    assert [name for name in others if name in letter] == [], letter_id
