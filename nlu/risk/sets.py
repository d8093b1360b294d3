"""The labelled safety sets in tests/nlu/: ordinary-but-upset messages and genuine risk messages."""

from pathlib import Path

import yaml

SETS_DIR = Path(__file__).resolve().parents[2] / "tests" / "nlu"
ORDINARY = "ordinary"
RISK = "risk"


def load_set(name: str, split: str | None = None) -> list[dict]:
    """Messages of tests/nlu/safety_<name>.yml, optionally only one split ("dev" or "holdout")."""
    rows = yaml.safe_load((SETS_DIR / f"safety_{name}.yml").read_text(encoding="utf-8"))["messages"]
    return [r for r in rows if split is None or r["split"] == split]


def load_real_messages() -> list[dict]:
    """tests/nlu/real_messages.yml as rows with the text and a boolean risk label."""
    data = yaml.safe_load((SETS_DIR / "real_messages.yml").read_text(encoding="utf-8"))
    rows = data["messages"] if isinstance(data, dict) else data
    return [{"text": r["text"], "risk": bool(r.get("risk"))} for r in rows]
