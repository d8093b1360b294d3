"""Staff mode and the staff API are harmless by design (README "Staff mode is harmless by design").

Anyone can set `metadata.mode = "staff"` or call the staff API, so neither may reveal
anything but published guidance: no conversation, no one else's data. These tests fail if
staff output ever carries a contact that is not in ../shared, or a staff route starts
reading conversations (which would need the staff login instead).
"""

import ast
import inspect
import json
import re
from pathlib import Path

import pytest

from actions.answers import ActionAnswerTopic
from actions.escalation import ActionEscalationPath
from tests.dialogue import run, tracker
from tests.test_sources_traceable import EMAIL, PHONE, URL, digits, shared_text
from webchat import staff_api

STAFF = {"mode": "staff"}
LEGISLATION = "https://www.legislation.gov.uk/"
CONVERSATION_WORDS = re.compile(r"tracker|sender|conversation|events|agent", re.IGNORECASE)


def untraceable(text: str) -> list:
    shared = shared_text()
    shared_lower, shared_digits = (
        shared.lower(),
        {digits(p) for p in PHONE.findall(shared)},
    )
    bad = [p for p in PHONE.findall(text) if digits(p) not in shared_digits]
    bad += [e for e in EMAIL.findall(text) if e.lower() not in shared_lower]
    bad += [
        u
        for u in URL.findall(text)
        if not u.startswith(LEGISLATION)  # links to the exact provision (knowledge/citations.py)
        if re.sub(r"^https?://", "", u).rstrip("/").lower() not in shared_lower
    ]
    return bad


def test_staff_api_only_returns_published_guidance(kb):
    everything = [staff_api.councils(kb), staff_api.timescales(kb)]
    everything += [staff_api.council_detail(kb, place) for place in kb.covered_places()]
    text = json.dumps(everything)
    assert untraceable(text) == []
    assert not CONVERSATION_WORDS.search(" ".join(_keys(everything)))


def _keys(value) -> list:
    if isinstance(value, dict):
        return list(value) + [k for v in value.values() for k in _keys(v)]
    if isinstance(value, list):
        return [k for v in value for k in _keys(v)]
    return []


def test_staff_api_reads_no_conversation():
    """The staff routes import nothing that could read a conversation (tracker store, agent)."""
    tree = ast.parse(inspect.getsource(staff_api))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)
    }
    imported = {
        a.name
        for n in ast.walk(tree)
        if isinstance(n, (ast.Import, ast.ImportFrom))
        for a in n.names
    }
    assert not {"tracker_store", "agent", "retrieve", "Tracker"} & (names | imported)


@pytest.mark.parametrize(
    "intent, slots",
    [
        ("complaints", {}),
        ("council_contacts", {"council": "Hampshire"}),
        ("ehc_assessment_how", {"council": "Kent"}),
    ],
)
def test_staff_replies_add_only_published_guidance(kb, intent, slots):
    staff, _, _ = run(ActionAnswerTopic(), tracker("question", intent, slots=slots, metadata=STAFF))
    assert staff and untraceable(staff) == []


def test_staff_escalation_overview_adds_only_published_guidance(kb):
    staff, _, _ = run(
        ActionEscalationPath(),
        tracker(
            "whole ladder",
            "escalation_path",
            metadata=STAFF,
            slots={"council": "Hampshire"},
        ),
    )
    assert staff and untraceable(staff) == []


def test_readme_says_staff_mode_is_harmless_by_design():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    assert "Staff mode is harmless by design" in readme
