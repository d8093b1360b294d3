"""How often two people labelling the real-phrasing set independently agree (issue 12).

tests/nlu/real_messages_second_labels.yml is a second, blind labelling of
tests/nlu/real_messages.yml. Their agreement on the main topic is the ceiling the model's
"main topic" figure should be read against: where careful people pick different main issues,
no model can match "the" main issue every time. `make nlu-eval` prints these figures beside
the model's.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from .real_messages import REAL_SET

SECOND_LABELS = REAL_SET.with_name("real_messages_second_labels.yml")


class SecondLabelsMismatch(ValueError):
    """The second labels do not name exactly the messages of the real-phrasing set."""


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def paired_second_labels(entries: list[dict], path: Path = SECOND_LABELS) -> list[dict]:
    """The second labels in the order of `entries`, refused unless they cover each message once."""
    second = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    by_digest = {}
    for row in second:
        if row["digest"] in by_digest:
            raise SecondLabelsMismatch(f"{path.name}: message {row['digest']} is labelled twice")
        by_digest[row["digest"]] = row
    wanted = [digest(e["text"]) for e in entries]
    missing = [d for d in wanted if d not in by_digest]
    extra = sorted(set(by_digest) - set(wanted))
    if missing or extra:
        raise SecondLabelsMismatch(
            f"{path.name}: {len(missing)} messages have no second label, {len(extra)} labels name "
            f"no message (first: {(missing + extra)[0]})"
        )
    return [by_digest[d] for d in wanted]


@dataclass
class Agreement:
    total: int = 0
    main_agree: int = 0  # both annotators chose the same main topic
    second_main_in_first: int = 0  # the second's main is one of the first's labels
    clear_total: int = 0  # messages the second annotator thought had one clear main issue
    clear_agree: int = 0
    risk_agree: int = 0
    model_matches_second: int = 0  # the model's topic is the second annotator's main
    model_matches_either: int = 0  # ... is either annotator's main
    model_matches_first_clear: int = 0  # ... is the first's main, where the main was clear

    @property
    def main(self) -> float:
        return self.main_agree / self.total if self.total else 0.0


def agreement(entries: list[dict], second: list[dict], model_topics: list[str] | None = None):
    """Agreement between the two labellings, and the model's topics (one per entry) against each."""
    result = Agreement()
    for i, (first, other) in enumerate(zip(entries, second, strict=True)):
        first_main, second_main = first["topics"][0], other["topics"][0]
        result.total += 1
        result.main_agree += first_main == second_main
        result.second_main_in_first += second_main in first["topics"]
        if other["main_clear"]:
            result.clear_total += 1
            result.clear_agree += first_main == second_main
            if model_topics is not None:
                result.model_matches_first_clear += model_topics[i] == first_main
        result.risk_agree += bool(first["risk"]) == bool(other["risk"])
        if model_topics is not None:
            result.model_matches_second += model_topics[i] == second_main
            result.model_matches_either += model_topics[i] in (first_main, second_main)
    return result
