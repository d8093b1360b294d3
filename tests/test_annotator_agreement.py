"""The second, blind labelling of the real-phrasing set and the agreement figures made from it."""

import pytest
import yaml

from devtools.annotator_agreement import (
    SECOND_LABELS,
    SecondLabelsMismatch,
    agreement,
    digest,
    paired_second_labels,
)
from devtools.real_messages import load_real_set
from tests.test_real_messages_set import FLOW_INTENTS, known_topic_ids, official_council_names

ENTRIES = load_real_set()


def test_second_labels_name_every_real_message_once():
    second = paired_second_labels(ENTRIES)
    assert len(second) == len(ENTRIES)


def test_second_labels_use_known_topics_and_official_councils():
    allowed = known_topic_ids() | FLOW_INTENTS
    second = yaml.safe_load(SECOND_LABELS.read_text())
    assert sorted({t for row in second for t in row["topics"] if t not in allowed}) == []
    assert all(row["topics"] and isinstance(row["main_clear"], bool) for row in second)
    councils = {row["council"] for row in second if row["council"]}
    assert councils <= official_council_names()


def test_second_labels_do_not_copy_the_messages():
    text = SECOND_LABELS.read_text()
    assert not any(entry["text"][:60] in text for entry in ENTRIES)


def _write(tmp_path, rows):
    path = tmp_path / "second.yml"
    path.write_text(yaml.safe_dump(rows))
    return path


def test_a_message_without_a_second_label_is_refused(tmp_path):
    entries = [
        {"text": "a", "topics": ["sen_support"], "risk": False},
        {"text": "b", "topics": ["transport"], "risk": False},
    ]
    path = _write(
        tmp_path,
        [{"digest": digest("a"), "topics": ["sen_support"], "main_clear": True, "risk": False}],
    )
    with pytest.raises(SecondLabelsMismatch, match="1 messages have no second label"):
        paired_second_labels(entries, path)


def test_a_message_labelled_twice_is_refused(tmp_path):
    row = {"digest": digest("a"), "topics": ["sen_support"], "main_clear": True, "risk": False}
    with pytest.raises(SecondLabelsMismatch, match="labelled twice"):
        paired_second_labels([{"text": "a"}], _write(tmp_path, [row, row]))


def test_agreement_counts_main_topics_and_the_models_matches():
    first = [
        {"topics": ["transport", "transport_appeal"], "risk": False},
        {"topics": ["draft_plan", "ehcp_disagree"], "risk": True},
        {"topics": ["sen_support"], "risk": False},
    ]
    second = [
        {"topics": ["transport"], "main_clear": True, "risk": False},
        {"topics": ["ehcp_disagree", "draft_plan"], "main_clear": False, "risk": True},
        {"topics": ["senco"], "main_clear": True, "risk": True},
    ]
    result = agreement(first, second, ["transport", "ehcp_disagree", "who_decides"])
    assert (result.main_agree, result.total) == (1, 3)
    assert result.second_main_in_first == 2
    assert (result.clear_agree, result.clear_total) == (1, 2)
    assert result.risk_agree == 2
    assert result.model_matches_second == 2
    assert result.model_matches_either == 2
    assert result.model_matches_first_clear == 1  # of the two clear ones, only "transport" is right
