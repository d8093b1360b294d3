"""The training data: enough varied examples per intent, nothing shared between intents or
with the held-out set."""

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

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


TRAINING = examples(sorted((REPO / "data" / "nlu").glob("*.yml")))
HOLDOUT = examples(sorted((REPO / "tests").glob("nlu_holdout*.yml")))
DOMAIN_INTENTS = yaml.safe_load((REPO / "domain.yml").read_text())["intents"]


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


def test_every_topic_and_ladder_has_an_intent_and_a_rule():
    topics = yaml.safe_load((REPO / "knowledge/content/national/topics.yaml").read_text())["topics"]
    ladders = yaml.safe_load((REPO / "knowledge/content/national/ladders.yaml").read_text())[
        "ladders"
    ]
    rules = yaml.safe_load((REPO / "data/rules.yml").read_text())["rules"]
    ruled = {r["steps"][0]["intent"] for r in rules}
    for name in [t["id"] for t in topics] + [lad["intent"] for lad in ladders]:
        assert name in DOMAIN_INTENTS and name in ruled
