"""Scoring the trained model on the real-phrasing set and the held-out files (issue 12).

Shared by `make nlu-eval` (scripts/nlu_eval.py prints the figures and the misses) and the pytest
thresholds (tests/test_nlu_model.py), so both measure the same thing:

- main topic: the classifier's best guess equals the first (main) label. The safety net may put
  `safety_concern` first and the fallback `nlu_fallback`; the topic is the best intent after them
  (what the answer after the crisis contacts, or the clarifying question's first button, uses).
  How many messages fall below the fallback threshold is reported beside it.
- any labelled topic: the best guess is one of the message's labels.
- council: for messages that name a council or a covered town (the knowledge base knows the
  place words as written), the council the assistant would use equals the label. Messages whose
  only place is a town outside the covered councils ("Altrincham") are counted separately: the
  knowledge base deliberately takes no town outside covered_council_towns.csv as evidence.
"""

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
REAL_SET = REPO / "tests" / "nlu" / "real_messages.yml"
MODEL = REPO / "models" / "send-assistant.tar.gz"
HOLDOUT_GLOB = "nlu_holdout_*.yml"
NOT_A_TOPIC = {"safety_concern", "nlu_fallback"}

# Targets (issue 12). Tests assert these; where a target is not met yet, the tests assert the
# measured floor named beside it and the lead is told (see docs/nlu.md).
TARGET_REAL_MAIN = 0.85
TARGET_REAL_COUNCIL = 0.95
TARGET_HOLDOUT = 0.93


def configured_fallback_threshold() -> float | None:
    """FallbackClassifier's threshold as config.yml sets it (None without that component)."""
    config = yaml.safe_load((REPO / "config.yml").read_text())
    for component in config.get("pipeline") or []:
        if component.get("name") == "FallbackClassifier":
            return component.get("threshold", 0.3)  # Rasa's own default
    return None


def load_real_set(path: Path = REAL_SET) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def holdout_examples() -> list[tuple]:
    """(text, intent) for every example in tests/nlu_holdout_*.yml, annotations removed."""
    found = []
    for path in sorted((REPO / "tests").glob(HOLDOUT_GLOB)):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    found.append(
                        (re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line.strip()[2:]), block["intent"])
                    )
    return found


def topic_of(parsed: dict) -> str:
    """The best intent after the safety net and the fallback."""
    for ranked in parsed.get("intent_ranking") or []:
        if ranked.get("name") not in NOT_A_TOPIC:
            return ranked["name"]
    return (parsed.get("intent") or {}).get("name") or ""


def council_of(parsed: dict, kb) -> str | None:
    """The council the assistant would use: the last council or town named (an ambiguous town is
    confirmed first, and counts here as its covered council)."""
    place = None
    for entity in parsed.get("entities") or []:
        if entity.get("entity") == "council":
            place = kb.find_place(entity.get("value")) or place
        elif entity.get("entity") == "town":
            found = kb.ambiguous_town(entity.get("value"))
            place = found[1] if found else place
    return place.council_codes if place else None


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass
class RealSetScore:
    total: int = 0
    main_hits: int = 0
    any_hits: int = 0
    below_fallback: int = 0
    council_total: int = 0
    council_hits: int = 0
    uncovered_town_total: int = 0
    uncovered_town_hits: int = 0
    misses: list[tuple] = field(default_factory=list)
    council_misses: list[tuple] = field(default_factory=list)
    topics_found: list[str] = field(default_factory=list)  # the model's topic, one per message
    # "You also mentioned" after an answer: topics offered, how many are labels of the message,
    # and the labelled other topics it could have offered.
    others_offered: int = 0
    others_offered_labelled: int = 0
    others_labelled: int = 0
    others_labelled_offered: int = 0
    # The clarifying question (confidence under the fallback threshold): how many of them offer
    # one of the message's labels among their choices, and the main label first.
    clarify_with_a_label: int = 0
    clarify_main_first: int = 0

    @property
    def main(self) -> float:
        return _share(self.main_hits, self.total)

    @property
    def any(self) -> float:
        return _share(self.any_hits, self.total)

    @property
    def council(self) -> float:
        return _share(self.council_hits, self.council_total)

    @property
    def others_precision(self) -> float:
        return _share(self.others_offered_labelled, self.others_offered)

    @property
    def others_recall(self) -> float:
        return _share(self.others_labelled_offered, self.others_labelled)

    def count_other_issues(self, labels: list[str], answered: str, offered: list[str], topic_ids):
        """What "You also mentioned" offers after answering `answered`, against the labels."""
        wanted = {t for t in labels if t != answered and t in topic_ids}
        self.others_offered += len(offered)
        self.others_offered_labelled += len(set(offered) & set(labels))
        self.others_labelled += len(wanted)
        self.others_labelled_offered += len(wanted & set(offered))


def names_a_known_place(entry: dict, kb) -> bool:
    """Whether the message's place words include a council name or a covered town."""
    parts = re.split(r",| to | and ", entry.get("place_text") or "")
    words = [w for p in parts for w in [p.strip()] if w]
    return any(kb.find_place(w) or kb.ambiguous_town(w) or kb.find_place_in_text(w) for w in words)


def score_real_set(entries: list[dict], parse: Callable[[str], dict], kb) -> RealSetScore:
    from advice.issues import clarifying_choices, other_issues

    score = RealSetScore()
    topics, ladders = kb.topics(), kb.ladders()
    topic_ids = {t.id for t in topics}
    for entry in entries:
        parsed = parse(entry["text"])
        topic = topic_of(parsed)
        score.topics_found.append(topic)
        score.total += 1
        score.main_hits += topic == entry["topics"][0]
        score.any_hits += topic in entry["topics"]
        answered = (parsed.get("intent") or {}).get("name")
        score.below_fallback += answered == "nlu_fallback"
        if answered == "nlu_fallback":
            choices = [
                c
                for c, _ in clarifying_choices(
                    entry["text"], parsed.get("intent_ranking"), topics, ladders
                )
            ]
            score.clarify_with_a_label += bool(set(choices) & set(entry["topics"]))
            score.clarify_main_first += choices[:1] == entry["topics"][:1]
        if answered in topic_ids:
            offered = other_issues(entry["text"], answered, parsed.get("intent_ranking"), topics)
            score.count_other_issues(entry["topics"], answered, [t.id for t in offered], topic_ids)
        if topic != entry["topics"][0]:
            confidence = next(
                (r["confidence"] for r in parsed.get("intent_ranking") or [] if r["name"] == topic),
                0,
            )
            score.misses.append((entry["topics"], topic, confidence, entry["text"]))
        if entry.get("council"):
            found = council_of(parsed, kb)
            labelled = kb.find_place(entry["council"])
            right = (
                bool(found)
                and labelled is not None
                and bool(set(labelled.council_codes) & set(found))
            )
            if names_a_known_place(entry, kb):
                score.council_total += 1
                score.council_hits += right
            else:
                score.uncovered_town_total += 1
                score.uncovered_town_hits += right
            if not right:
                score.council_misses.append(
                    (entry["council"], entry["place_text"], found, entry["text"])
                )
    return score


def answer_of(parsed: dict, expected: str) -> str:
    """What the assistant answers with, as the held-out label names it: a message labelled
    safety_concern is right when the safety net gives the crisis reply (topic_of looks past it)."""
    if expected in NOT_A_TOPIC:
        return (parsed.get("intent") or {}).get("name") or ""
    return topic_of(parsed)


def holdout_accuracy(parse: Callable[[str], dict]) -> tuple:
    """(accuracy, misses) of the best intent after safety net and fallback on the held-out files."""
    examples = holdout_examples()
    misses = [
        (intent, answer, text)
        for text, intent in examples
        for answer in [answer_of(parse(text), intent)]
        if answer != intent
    ]
    return 1 - len(misses) / len(examples), misses


def model_parser(model: Path = MODEL) -> Callable[[str], dict]:
    """parse(text) with the trained Rasa model, loaded once (rasa's Agent, as the server does)."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()
    cache: dict[str, dict] = {}

    def parse(text: str) -> dict:
        if text not in cache:
            cache[text] = loop.run_until_complete(agent.parse_message(text))
        return cache[text]

    return parse
