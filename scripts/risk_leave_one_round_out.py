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

`--variant NAME` measures candidate settings against the shipped ones (VARIANTS); the baseline is
fitted with the same variant. `--no-baseline` skips it (its figures do not depend on the rounds).
Summed over rounds 7-14 (crisis / crisis|check of 522 risk; crisis / crisis|check of 960
ordinary), Nov 2026: shipped 423 / 497 / 24 / 59; grouped-folds 431 / 497 / 26 / 59; C=0.3 419 /
497 / 24 / 58; C=3 424 / 497 / 24 / 61; embedding-weight=2 403 / 489 / 23 / 56. None met the rule
fixed beforehand (crisis +10 with flagged up at most 3, or flagged -5 with crisis down at most 5).

`--score` leaves out and scores only some of `--rounds` (the others stay in training);
`--baseline-rounds` names the rounds the baseline trains on. Retiring rounds 15-17 as well, ninth
session (their files moved to data/safety/retired_rounds/ for the run): `--rounds 7 ... 17
--score 15 16 17 --baseline-rounds 7 ... 14` gave, summed over the three (210 risk, 390
ordinary), crisis 173 -> 172, crisis|check 200 -> 200, ordinary crisis 10 -> 8, crisis|check
33 -> 28: short of the rule fixed beforehand (crisis +5), so not retired.

Usage: .venv/bin/python scripts/risk_leave_one_round_out.py [--rounds 7 8 ...] [--score N ...]
       [--baseline-rounds N ...] [--variant NAME]
"""

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from devtools.risk_outcomes import line, tally  # noqa: E402
from nlu.risk import learned, sets  # noqa: E402
from nlu.risk.combined import RiskDetector  # noqa: E402
from nlu.sentence_embedding import kept_for_training  # noqa: E402

SAFETY_INTENT = "safety_concern"
# Candidate settings: module constants of nlu/risk/learned.py to set, and RiskModel.fit keywords.
VARIANTS = {
    "shipped": ({}, {}),
    # Each retired round (one author) in one fold of the out-of-fold scores that set the thresholds.
    "grouped-folds": ({}, {"grouped_folds": True}),
    "C=0.3": ({"SVM_C": 0.3}, {}),
    "C=3": ({"SVM_C": 3.0}, {}),
    "embedding-weight=2": ({"EMBEDDING_WEIGHT": 2.0}, {}),
}


def outcomes(model: learned.RiskModel, rows: list[learned.Example]) -> Counter:
    """Counts of what the shipped detector (patterns, then this model) decides for each row."""
    detector = RiskDetector(model)
    counts = Counter()
    for row in rows:
        assessment = detector.assess(row.text)
        crisis = bool(assessment.risk)
        tally(counts, row.risk, crisis, crisis or assessment.check)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, nargs="+", default=sets.retired_rounds())
    parser.add_argument(
        "--score", type=int, nargs="+", help="rounds to leave out and score (default: all --rounds)"
    )
    parser.add_argument(
        "--baseline-rounds",
        type=int,
        nargs="*",
        default=[],
        help="retired rounds the 'before' model trains on (default none: the training sets alone)",
    )
    parser.add_argument("--variant", choices=VARIANTS, default="shipped")
    parser.add_argument("--no-baseline", action="store_true", help="skip the 'before' model")
    args = parser.parse_args()
    started = time.perf_counter()
    constants, fit_options = VARIANTS[args.variant]
    for name, value in constants.items():
        assert hasattr(learned, name), name  # a renamed constant must not be set silently
        setattr(learned, name, value)
    print(f"variant {args.variant}: {constants or ''} {fit_options or ''}")
    scored = args.score or args.rounds
    if set(scored) - set(args.rounds) or set(args.baseline_rounds) & set(scored):
        parser.error("--score must be among --rounds, and the baseline must not train on them")
    from nlu.topic_importer import configured_training_data

    intent_examples = configured_training_data(REPO).intent_examples
    with kept_for_training():
        by_round = {n: sets.round_examples(n) for n in args.rounds}
        baseline = None
        if not args.no_baseline:
            baseline = learned.RiskModel.fit(
                sets.training_examples(intent_examples, SAFETY_INTENT, rounds=args.baseline_rounds),
                **fit_options,
            )
            print(
                f"baseline thresholds: crisis {baseline.threshold:.3f}, "
                f"check {baseline.check_threshold:.3f}"
            )
        print(f"rounds {scored}, each left out in turn from {args.rounds}")
        totals = {"baseline": Counter(), "others": Counter()}
        for held in scored:
            others = [n for n in args.rounds if n != held]
            model = learned.RiskModel.fit(
                sets.training_examples(intent_examples, SAFETY_INTENT, rounds=others),
                **fit_options,
            )
            after = outcomes(model, by_round[held])
            totals["others"].update(after)
            print(
                f"\nround {held} (thresholds {model.threshold:.3f} / {model.check_threshold:.3f})"
            )
            if baseline:
                before = outcomes(baseline, by_round[held])
                totals["baseline"].update(before)
                print(line("before", before))
            print(line("after", after), flush=True)
        print("\nall rounds, each scored by a model that never saw it")
        if baseline:
            print(line("before", totals["baseline"]))
        print(line("after", totals["others"]))
    print(f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
