"""Does training the learned risk model on other authors' rounds help on a new author's round?

Every blind holdout round was written by someone who read neither the training sets nor the other
rounds; once measured and reported, rounds 7-14 were retired into training
(data/safety/retired_rounds/) on the strength of this script's figures. Out-of-fold figures on the
training sets are far kinder than each round's first look, because paraphrases by one author land on
both sides of a random fold. This script measures generalisation to a new author instead: for each
retired round R, the model is fitted (thresholds included, as `SafetyNet.train` fits it) on the
training sets plus every other retired round, and scored on R alone. The baseline is the model
fitted on the training sets without any retired round, scored on the same rounds.

Reads only retired rounds; never a blind round in tests/nlu/. Prints, per round and in total: risk
messages that get the crisis reply / the crisis reply or the safety check, and ordinary ones that
get it, patterns + model, as nlu/risk/combined.py decides.

Usage: .venv/bin/python scripts/risk_leave_one_round_out.py [--rounds 7 8 ...]
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from nlu.risk import learned, sets  # noqa: E402
from nlu.risk.detector import detect  # noqa: E402
from nlu.sentence_embedding import kept_for_training  # noqa: E402

SAFETY_INTENT = "safety_concern"


def outcomes(model: learned.RiskModel, rows: list[learned.Example]) -> dict[str, int]:
    """Counts as combined.RiskDetector decides: a pattern first, else the model unless negated."""
    counts = dict(risk=0, crisis=0, helped=0, ordinary=0, flagged=0, asked=0)
    for row in rows:
        pattern = detect(row.text)
        score = -np.inf if (pattern or pattern.negated) else model.score(row.text)
        crisis = bool(pattern) or score >= model.threshold
        offered = crisis or score >= model.check_threshold
        if row.risk:
            counts["risk"] += 1
            counts["crisis"] += crisis
            counts["helped"] += offered
        else:
            counts["ordinary"] += 1
            counts["flagged"] += crisis
            counts["asked"] += offered
    return counts


def line(name: str, c: dict[str, int]) -> str:
    return (
        f"{name:>6}  crisis {c['crisis']:3d}/{c['risk']:3d} = {c['crisis'] / c['risk']:.3f}  "
        f"crisis|check {c['helped']:3d}/{c['risk']:3d} = {c['helped'] / c['risk']:.3f}  "
        f"ordinary crisis {c['flagged']:3d}/{c['ordinary']:3d} = "
        f"{c['flagged'] / c['ordinary']:.3f}  crisis|check {c['asked']:3d}/{c['ordinary']:3d} = "
        f"{c['asked'] / c['ordinary']:.3f}"
    )


def add(total: dict[str, int], counts: dict[str, int]) -> None:
    for key, value in counts.items():
        total[key] = total.get(key, 0) + value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, nargs="+", default=sets.retired_rounds())
    args = parser.parse_args()
    started = time.perf_counter()
    from nlu.topic_importer import configured_training_data

    intent_examples = configured_training_data(REPO).intent_examples
    with kept_for_training():
        by_round = {n: sets.round_examples(n) for n in args.rounds}
        baseline = learned.RiskModel.fit(
            sets.training_examples(intent_examples, SAFETY_INTENT, rounds=[])
        )
        print(f"rounds {args.rounds}, each left out in turn")
        print(
            f"baseline thresholds: crisis {baseline.threshold:.3f}, "
            f"check {baseline.check_threshold:.3f}"
        )
        totals = {"baseline": {}, "others": {}}
        for held in args.rounds:
            others = [n for n in args.rounds if n != held]
            model = learned.RiskModel.fit(
                sets.training_examples(intent_examples, SAFETY_INTENT, rounds=others)
            )
            before, after = outcomes(baseline, by_round[held]), outcomes(model, by_round[held])
            add(totals["baseline"], before)
            add(totals["others"], after)
            print(
                f"\nround {held} (thresholds {model.threshold:.3f} / {model.check_threshold:.3f})"
            )
            print(line("before", before))
            print(line("after", after), flush=True)
        print("\nall rounds, each scored by a model that never saw it")
        print(line("before", totals["baseline"]))
        print(line("after", totals["others"]))
    print(f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
