"""Should a pattern's risk give way to the learned model when the model finds no risk at all?

The patterns make most of the crisis reply's false alarms on blind rounds (round 17: 6 of 7 at
its first look; round 18: 5 of 6). This script measures the "pattern veto": when a pattern fires
but the learned model scores the message below its check threshold, the parent gets the gentle
safety check (actions/safety_check.py) instead of the crisis reply. Negated patterns are unchanged.

It fits the model as `SafetyNet.train` does (the training sets and the retired rounds) and scores
the files given, which must be rounds the model never trained on. Prints, per file and in total,
what the shipped rule and the veto decide: risk messages that get the crisis reply / the crisis
reply or the check, and ordinary ones that get them.

Ninth session, dev = rounds 15, 16, 17 (tests/nlu/) and the two rounds written as training data
(later holdout rounds 20 and 21), 350 risk and 650 ordinary messages, none trained on: shipped
crisis 284, crisis|check 334, ordinary crisis 18, crisis|check 54; veto 277, 334, 12, 54. The
rule fixed beforehand asked for 40% fewer crisis false alarms for at most 3 fewer crisis replies
to risk: 33% fewer for 7 fewer, so the veto was not adopted.

Usage: .venv/bin/python scripts/risk_pattern_veto.py FILE.yml [FILE.yml ...]
"""

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from devtools.risk_outcomes import line, tally  # noqa: E402
from nlu.risk import learned, sets  # noqa: E402
from nlu.risk.combined import RiskDetector  # noqa: E402
from nlu.risk.detector import detect  # noqa: E402
from nlu.sentence_embedding import kept_for_training  # noqa: E402

SAFETY_INTENT = "safety_concern"


def decisions(detector: RiskDetector, text: str) -> dict[str, tuple[bool, bool]]:
    """(crisis, crisis or check) under the shipped rule and under the veto."""
    shipped = detector.assess(text)
    shipped_pair = (bool(shipped.risk), bool(shipped.risk) or shipped.check)
    model = detector.model
    if detect(text) and model.score(text) < model.check_threshold:
        return {"shipped": shipped_pair, "veto": (False, True)}
    return {"shipped": shipped_pair, "veto": shipped_pair}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    started = time.perf_counter()
    from nlu.topic_importer import configured_training_data

    intent_examples = configured_training_data(REPO).intent_examples
    with kept_for_training():
        examples = sets.training_examples(intent_examples, SAFETY_INTENT)
        trained_on = {e.text.lower() for e in examples}
        model = learned.RiskModel.fit(examples)
        print(f"thresholds: crisis {model.threshold:.3f}, check {model.check_threshold:.3f}")
        detector = RiskDetector(model)
        totals = {"shipped": Counter(), "veto": Counter()}
        for path in args.files:
            rows = yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]
            leaked = [r["text"] for r in rows if r["text"].lower() in trained_on]
            if leaked:
                parser.error(f"{path}: {len(leaked)} messages are training data")
            counts = {rule: Counter() for rule in totals}
            for row in rows:
                for rule, (crisis, offered) in decisions(detector, row["text"]).items():
                    tally(counts[rule], row["risk"], crisis, offered)
            print(f"\n{path.name}")
            for rule, c in counts.items():
                print(line(rule, c))
                totals[rule].update(c)
        print("\nall files")
        for rule, c in totals.items():
            print(line(rule, c))
    print(f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
