"""The labelled safety sets: the training sets in data/safety/ (ordinary-but-upset messages and
genuine risk messages, which the learned model trains on; with them the holdout rounds retired into
training once measured, data/safety/retired_rounds/) and the untouched holdout rounds in tests/nlu/
(never trained or tuned on)."""

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
# What the learned model trains on: data/safety/<name>.yml.
TRAINING_DIR = REPO / "data" / "safety"
# Holdout rounds whose first look was measured and reported, then moved into training:
# round_<NN>.yml, in the holdouts' format (each message with `risk` and, if risk, `category`).
RETIRED_DIR = TRAINING_DIR / "retired_rounds"
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


def _round_name(round_no: int) -> str:
    """A retired round's file stem, and its authors' group for grouped folds."""
    return f"round_{round_no:02d}"


def retired_rounds() -> list[int]:
    return sorted(int(p.stem.rsplit("_", 1)[1]) for p in RETIRED_DIR.glob("round_*.yml"))


def _retired_path(round_no: int) -> Path:
    return RETIRED_DIR / f"{_round_name(round_no)}.yml"


def load_retired_round(round_no: int) -> list[dict]:
    return yaml.safe_load(_retired_path(round_no).read_text(encoding="utf-8"))["messages"]


def training_files() -> list[Path]:
    """What the learned risk model trains on (nlu/safety.py): never a tests/nlu/ holdout."""
    retired = [_retired_path(n) for n in retired_rounds()]
    return [TRAINING_DIR / f"{RISK}.yml", TRAINING_DIR / f"{ORDINARY}.yml", *retired]


def round_examples(round_no: int) -> list:
    """A retired round's messages as training examples. Its ordinary messages were written to
    sound upset and to be hard, so they count among the upset ones that set the threshold.
    Each is grouped by its round (one author), for folds that keep an author's paraphrases
    together."""
    from .learned import Example

    group = _round_name(round_no)
    return [
        Example(r["text"], True, r.get("category"), group=group)
        if r["risk"]
        else Example(r["text"], False, upset=True, group=group)
        for r in load_retired_round(round_no)
    ]


def _first_of_each_text(examples: list) -> list:
    seen, kept = set(), []
    for example in examples:
        if example.text.lower() not in seen:
            seen.add(example.text.lower())
            kept.append(example)
    return kept


def training_examples(intent_examples, safety_intent: str, rounds: list[int] | None = None) -> list:
    """The labelled safety sets, plus Rasa's NLU examples: the safety intent's as risk, every
    other intent's as ordinary (what SEND questions look like).

    A topic's example can show risk too ("he keeps saying he wants to die, CAMHS won't see him"):
    the topic files keep such messages so the topic is answered after the crisis contacts. Those
    the patterns call risk are left out of the ordinary examples (teaching the model that they are
    ordinary would teach it to miss them); ones the patterns miss are labelled in
    data/safety/risk.yml, which wins over their topic label here.

    `rounds`: the retired rounds to include (default all; scripts/risk_leave_one_round_out.py
    leaves one out). A text met twice keeps its first label."""
    from .detector import detect
    from .learned import Example

    examples = [Example(r["text"], True, r.get("category")) for r in load_set(RISK)]
    examples += [Example(r["text"], False, upset=True) for r in load_set(ORDINARY)]
    for round_no in retired_rounds() if rounds is None else rounds:
        examples += round_examples(round_no)
    examples = _first_of_each_text(examples)
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
