"""Cue words name their own topic: one found mostly in other topics' training examples would
offer that topic ("You also mentioned ...") to parents who never raised it."""

from pathlib import Path

from devtools.cue_audit import MIN_OTHER, broad_cues
from nlu.topic_importer import configured_training_data, topic_cues

REPO = Path(__file__).resolve().parent.parent


def test_a_cue_found_mostly_in_other_topics_examples_is_listed():
    cues = {"specialists_consent": ["specialist", "consent form"]}
    examples = [("he needs a specialist school", "special_school_refused")] * MIN_OTHER
    examples += [("can the school send a consent form for a specialist", "specialists_consent")]
    assert broad_cues(examples, cues) == [("specialists_consent", "specialist", 1, MIN_OTHER)]
    # Found as often in its own topic's examples: not broad.
    examples += [("a specialist came in without asking us", "specialists_consent")] * 3
    assert broad_cues(examples, cues) == []


def test_no_topic_has_a_cue_word_that_mostly_names_other_topics():
    data = configured_training_data(REPO).intent_examples
    examples = [(e.get("text"), e.get("intent")) for e in data]
    assert broad_cues(examples, topic_cues()) == []
