"""The training data: enough varied examples per intent, nothing shared between intents or
with the held-out set."""

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from rasa.shared.core.constants import DEFAULT_INTENTS
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.importers.importer import TrainingDataImporter

from nlu.topic_importer import configured_training_data

REPO = Path(__file__).resolve().parent.parent
ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def examples(paths):
    found = []
    for path in paths:
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            if "intent" in block:
                for line in block["examples"].splitlines():
                    line = line.strip()
                    if line.startswith("- "):
                        found.append((block["intent"], ANNOTATION.sub(r"\1", line[2:]).strip()))
    return found


# The training data exactly as `rasa train` reads it: data/nlu plus every topic file.
TRAINING = [
    (m.get("intent"), m.get("text")) for m in configured_training_data(REPO).intent_examples
]
HOLDOUT = examples(sorted((REPO / "tests").glob("nlu_holdout*.yml")))
DOMAIN_INTENTS = (
    TrainingDataImporter.load_from_config(
        str(REPO / "config.yml"), str(REPO / "domain.yml"), [str(REPO / "data")]
    )
    .get_domain()
    .intents
)
# Rasa adds its default intents (restart, back...) to every domain; keep those the project lists.
LISTED = yaml.safe_load((REPO / "domain.yml").read_text())["intents"]
DOMAIN_INTENTS = [i for i in DOMAIN_INTENTS if i not in DEFAULT_INTENTS or i in LISTED]


def normalised(text):
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@pytest.mark.parametrize("intent", DOMAIN_INTENTS)
def test_at_least_25_examples_per_intent(intent):
    assert sum(1 for i, _ in TRAINING if i == intent) >= 25


def test_no_example_is_shared_between_intents():
    owners = {}
    clashes = []
    for intent, text in TRAINING:
        key = normalised(text)
        if key in owners and owners[key] != intent:
            clashes.append((text, owners[key], intent))
        owners.setdefault(key, intent)
    assert clashes == []


def test_no_duplicate_examples():
    counts = Counter(normalised(t) for _, t in TRAINING)
    assert [t for t, n in counts.items() if n > 1] == []


def test_holdout_is_never_trained_on():
    trained = {normalised(t) for _, t in TRAINING}
    assert [t for _, t in HOLDOUT if normalised(t) in trained] == []
    assert {i for i, _ in HOLDOUT} <= set(DOMAIN_INTENTS)


def test_long_rambling_and_short_messages_are_included():
    lengths = [len(t.split()) for _, t in TRAINING]
    assert sum(1 for n in lengths if n >= 30) >= 40 and sum(1 for n in lengths if n <= 3) >= 40


def first_intent(story_step):
    return next(e.intent["name"] for e in story_step.events if isinstance(e, UserUttered))


def test_every_topic_and_ladder_has_an_intent_and_a_rule():
    importer = TrainingDataImporter.load_from_config(
        str(REPO / "config.yml"), str(REPO / "domain.yml"), [str(REPO / "data")]
    )
    topics = [p.stem for p in (REPO / "knowledge/content/topics").glob("*.yaml")]
    ladders = yaml.safe_load((REPO / "knowledge/content/national/ladders.yaml").read_text())[
        "ladders"
    ]
    ruled = {first_intent(step) for step in importer.get_stories().story_steps}
    assert len(topics) >= 32
    for name in topics + [ladder["intent"] for ladder in ladders]:
        assert name in DOMAIN_INTENTS and name in ruled, name


def test_a_topic_file_is_all_it_takes_to_add_a_topic(tmp_path):
    """A new topic file alone gives Rasa an intent, its examples and its rule."""
    import shutil

    from nlu.topic_importer import TopicImporter

    content = tmp_path / "content"
    shutil.copytree(REPO / "knowledge/content", content)
    new = yaml.safe_load((content / "topics/senco.yaml").read_text())
    new["id"] = "a_new_topic"
    new["examples"] = "".join(f"- a new topic question number {n}\n" for n in range(30))
    (content / "topics/a_new_topic.yaml").write_text(yaml.safe_dump(new))
    importer = TopicImporter(content_dir=str(content))
    assert "a_new_topic" in importer.get_domain().intents
    assert (
        sum(m.get("intent") == "a_new_topic" for m in importer.get_nlu_data().intent_examples) == 30
    )
    rules = [s for s in importer.get_stories().story_steps if first_intent(s) == "a_new_topic"]
    assert [e.action_name for e in rules[0].events if isinstance(e, ActionExecuted)][
        -1
    ] == "action_answer_topic"
