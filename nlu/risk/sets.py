"""The labelled safety sets: the training sets in data/safety/ (ordinary-but-upset messages and
genuine risk messages, which the learned model trains on) and the untouched holdout rounds in
tests/nlu/ (never trained or tuned on)."""

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
# What the learned model trains on: data/safety/<name>.yml.
TRAINING_DIR = REPO / "data" / "safety"
# Untouched holdout rounds and the real-phrasing set: tests/nlu/.
SETS_DIR = REPO / "tests" / "nlu"
ORDINARY = "ordinary"
RISK = "risk"


def load_set(name: str, split: str | None = None) -> list[dict]:
    """Messages of data/safety/<name>.yml, optionally only one split ("dev" or "holdout")."""
    rows = yaml.safe_load((TRAINING_DIR / f"{name}.yml").read_text(encoding="utf-8"))["messages"]
    return [r for r in rows if split is None or r["split"] == split]


def load_real_messages() -> list[dict]:
    """tests/nlu/real_messages.yml as rows with the text and a boolean risk label."""
    data = yaml.safe_load((SETS_DIR / "real_messages.yml").read_text(encoding="utf-8"))
    rows = data["messages"] if isinstance(data, dict) else data
    return [{"text": r["text"], "risk": bool(r.get("risk"))} for r in rows]


# What the learned risk model trains on (nlu/safety.py): never a holdout_r* file.
TRAINING_FILES = (TRAINING_DIR / f"{RISK}.yml", TRAINING_DIR / f"{ORDINARY}.yml")


def training_examples(intent_examples, safety_intent: str) -> list:
    """The labelled safety sets, plus Rasa's NLU examples: the safety intent's as risk, every
    other intent's as ordinary (what SEND questions look like).

    A topic's example can show risk too ("he keeps saying he wants to die, CAMHS won't see him"):
    the topic files keep such messages so the topic is answered after the crisis contacts. Those
    the patterns call risk are left out of the ordinary examples (teaching the model that they are
    ordinary would teach it to miss them); ones the patterns miss are labelled in
    data/safety/risk.yml, which wins over their topic label here."""
    from .detector import detect
    from .learned import Example

    examples = [Example(r["text"], True, r.get("category")) for r in load_set(RISK)]
    examples += [Example(r["text"], False, upset=True) for r in load_set(ORDINARY)]
    seen = {e.text.lower() for e in examples}
    for message in intent_examples:
        text, intent = message.get("text"), message.get("intent")
        if text and intent and text.lower() not in seen:
            seen.add(text.lower())
            is_risk = intent == safety_intent
            if is_risk or not detect(text):
                examples.append(Example(text, is_risk))
    return examples


def load_holdout(round_no: int) -> list[dict]:
    """tests/nlu/safety_holdout_r<N>.yml: messages never trained or tuned on, each with `risk`."""
    path = SETS_DIR / f"safety_holdout_r{round_no}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]


def holdout_rounds() -> list[int]:
    return sorted(int(p.stem.rsplit("_r", 1)[1]) for p in SETS_DIR.glob("safety_holdout_r*.yml"))
