"""A slot only takes a value of its kind (issue 15): the slot validation action Rasa runs after
every message, and the actions that set slots, refuse anything not in the knowledge base."""

import asyncio
from pathlib import Path

import pytest
import yaml

from actions.council import ActionCouncilSet
from actions.escalation import ActionEscalation
from actions.validation import ValidateSlotsFromMessages
from replies import phrases
from tests.dialogue import run, tracker

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[1] / "domain.yml").read_text())
PERSONAL = "jane.doe@example.com 07700 900123"


@pytest.fixture(autouse=True)
def use_built_kb(kb):
    return kb


def slot_event(name, value):
    return {"event": "slot", "name": name, "value": value}


def validated(candidates: dict, before: dict | None = None) -> dict:
    """The slots as Rasa keeps them after `action_validate_slot_mappings`: the conversation had
    `before`, then a message from which `action_extract_slots` took `candidates`."""
    events = [slot_event(k, v) for k, v in (before or {}).items()]
    events += [{"event": "user", "text": "..."}]
    events += [slot_event(k, v) for k, v in candidates.items()]
    conversation = tracker(
        "...", "inform_council", slots={**(before or {}), **candidates}, events=events
    )
    result = asyncio.run(ValidateSlotsFromMessages().run(None, conversation, DOMAIN))
    kept = {e["name"]: e["value"] for e in result if e.get("event") == "slot"}
    assert set(kept) == set(candidates), kept  # every candidate is answered for
    return kept


def test_the_validation_action_has_rasas_fixed_name_and_is_in_the_domain():
    assert ValidateSlotsFromMessages().name() == "action_validate_slot_mappings"
    assert "action_validate_slot_mappings" in DOMAIN["actions"]


def test_every_slot_in_the_domain_has_a_check():
    from actions import slot_kinds

    assert set(DOMAIN["slots"]) == set(slot_kinds.CHECKS)
    for name in DOMAIN["slots"]:
        assert hasattr(ValidateSlotsFromMessages, f"validate_{name}"), name


def test_personal_data_typed_as_a_council_is_refused_and_the_council_remembered_stays():
    assert validated({"council": PERSONAL}, before={"council": "Hampshire"}) == {
        "council": "Hampshire"
    }
    assert validated({"council": PERSONAL}) == {"council": None}
    assert validated({"council": "Narnia"}) == {"council": None}


def test_a_known_council_alias_or_town_is_kept_as_the_councils_own_name():
    assert validated({"council": "Hampshire"}) == {"council": "Hampshire"}
    assert validated({"council": "hants"}) == {"council": "Hampshire"}
    assert validated({"council": "Eastleigh"}, before={"council": "Leeds"}) == {
        "council": "Hampshire"
    }
    assert validated({"council": "stockton"}) == {"council": "Stockton-on-Tees"}


def test_a_town_also_found_elsewhere_is_not_a_council_until_confirmed():
    assert validated({"council": "Hythe"}) == {"council": None}


def test_deadline_and_letter_kinds_only_from_the_known_lists():
    assert validated({"deadline_kind": "appeal"}) == {"deadline_kind": "appeal"}
    assert validated({"deadline_kind": "call 07700 900123"}) == {"deadline_kind": None}
    assert validated({"letter_kind": "request_assessment"}) == {"letter_kind": "request_assessment"}
    assert validated({"letter_kind": "<script>"}) == {"letter_kind": None}


def test_ladder_topic_and_steps_only_known_ones():
    assert validated({"ladder": "ehc_refused"}) == {"ladder": "ehc_refused"}
    assert validated({"ladder": "made_up"}, before={"ladder": "exclusion"}) == {
        "ladder": "exclusion"
    }
    assert validated({"pending_topic": "council_contacts"}) == {"pending_topic": "council_contacts"}
    assert validated({"pending_topic": "jane.doe"}) == {"pending_topic": None}
    steps = ["school_not_meeting_needs:senco", "school_not_meeting_needs:my_lawyer", "x", 7]
    assert validated({"steps_tried": steps}) == {"steps_tried": ["school_not_meeting_needs:senco"]}
    assert validated({"steps_tried": ["ehc_refused:senco"]}) == {"steps_tried": None}


def test_nothing_new_is_kept_when_the_knowledge_base_cannot_be_read(kb_down):
    assert validated({"council": "Hampshire"}, before={"council": "Leeds"}) == {"council": None}


def test_a_refused_council_gets_asked_again_without_repeating_it():
    text, messages, events = run(
        ActionCouncilSet(),
        tracker(
            f'/inform_council{{"council": "{PERSONAL}"}}',
            "inform_council",
            slots={"council": "Hampshire"},
            entities=[{"entity": "council", "value": PERSONAL}],
        ),
    )
    assert text == phrases.COUNCIL_NOT_FOUND and messages[0]["buttons"]
    assert "jane" not in text and "07700" not in text
    assert not [e for e in events if e.get("event") == "slot"]  # the remembered one stays


def test_steps_outside_the_ladder_are_never_remembered():
    _, _, events = run(
        ActionEscalation(),
        tracker(
            '/steps_taken{"step": "my_solicitor"}',
            "steps_taken",
            slots={
                "ladder": "school_not_meeting_needs",
                "steps_tried": ["school_not_meeting_needs:senco", "made_up:anything"],
            },
            entities=[{"entity": "step", "value": "my_solicitor"}],
        ),
    )
    tried = next(e["value"] for e in events if e.get("name") == "steps_tried")
    assert tried == ["school_not_meeting_needs:senco"]


@pytest.mark.parametrize(
    "typed, council",
    [
        ("hampshir", "Hampshire"),
        ("we live in northumberlnd", "Northumberland"),
        ("Bristle", "Bristol"),
    ],
)
def test_a_misspelt_council_is_offered_back_to_confirm(typed, council):
    text, messages, events = run(ActionCouncilSet(), tracker(typed, "inform_council"))
    assert text == phrases.COUNCIL_SPELT_LIKE
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads[0] == f'/inform_council{{"council": "{council}"}}'
    assert payloads[-1] == "/inform_council"  # "No, somewhere else"
    assert not [e for e in events if e.get("event") == "slot"]  # nothing assumed


def test_words_like_no_council_get_the_council_list():
    text, messages, _ = run(ActionCouncilSet(), tracker("I had no leads at all", "inform_council"))
    assert text == phrases.COUNCIL_NOT_FOUND


def test_a_council_the_list_does_not_know_offers_the_other_nations_too():
    # "Wrexham" (classified as a council) got only the six covered councils' buttons.
    text, messages, _ = run(ActionCouncilSet(), tracker("Wrexham", "inform_council"))
    assert text == phrases.COUNCIL_NOT_FOUND
    assert messages[0]["buttons"][-1] == {
        "title": phrases.OUTSIDE_ENGLAND,
        "payload": "/outside_england",
    }
