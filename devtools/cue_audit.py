"""Cue words that mostly name other topics: for each topic's cue, how many training examples of
its own topic and of other intents it is found in. Reads only the training data, never tests/.

A cue found in at least MIN_OTHER examples of other intents and in its own topic's examples for
less than MIN_OWN_SHARE of its matches is listed as too broad ("specialist" is in "specialist
school", "budget" in "the school's budget"). Exit status 1 when any is listed.

usage: .venv/bin/python devtools/cue_audit.py
"""

import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from nlu import cues  # noqa: E402
from nlu.topic_importer import configured_training_data, topic_cues  # noqa: E402

MIN_OTHER = 10
MIN_OWN_SHARE = 0.2


def broad_cues(examples, topic_cue_words) -> list[tuple[str, str, int, int]]:
    """(topic, cue, examples of its own topic, examples of other intents) for each too-broad cue."""
    own, other = Counter(), Counter()
    for text, intent in examples:
        for topic, hits in cues.cue_hits_by_topic(text, topic_cue_words).items():
            for cue in hits:
                (own if topic == intent else other)[(topic, cue)] += 1
    broad = [
        (topic, cue, own[(topic, cue)], n)
        for (topic, cue), n in other.items()
        if n >= MIN_OTHER and own[(topic, cue)] / (own[(topic, cue)] + n) < MIN_OWN_SHARE
    ]
    return sorted(broad, key=lambda b: -b[3])


def main() -> int:
    data = configured_training_data(REPO).intent_examples
    examples = [(e.get("text"), e.get("intent")) for e in data]
    broad = broad_cues(examples, topic_cues())
    for topic, cue, own, other in broad:
        print(f"{topic:28s} {cue!r:28s} own topic {own:3d}  other intents {other:3d}")
    print(f"{len(broad)} cue words found mostly in other topics' examples")
    return 1 if broad else 0


if __name__ == "__main__":
    sys.exit(main())
