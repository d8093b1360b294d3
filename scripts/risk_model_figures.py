"""The learned risk model's figures for a few training-data choices, fitted as `SafetyNet.train`
fits it (nlu/risk/learned.py: RiskModel.fit on data/safety + every NLU example):
- the threshold;
- out-of-fold on the training sets (mean over the fold splits, patterns + model): risk messages
  caught (data/safety/risk.yml and all risk examples), upset messages flagged;
- through the patterns + model: the real-phrasing set and the training files (the latter as
  fitted, so only a sanity check): risk detected, ordinary flagged.

Configurations: `--flip-restraint` labels the restraint-injury NLU example as risk (it is:
an injury from restraint); `--safety-sets-from REV` trains on data/safety/*.yml as at git
revision REV instead of the working tree (e.g. the round 9 cycle's messages, f498531).
No blind holdout round is read (rounds 7-14 are training data now, data/safety/retired_rounds/;
scripts/risk_leave_one_round_out.py measures them one at a time, each left out).

Usage: .venv/bin/python scripts/risk_model_figures.py [--flip-restraint] [--safety-sets-from REV]
"""

import argparse
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from nlu.risk import learned, sets  # noqa: E402
from nlu.risk.detector import clean_text, detect  # noqa: E402
from nlu.sentence_embedding import kept_for_training  # noqa: E402

SAFETY_INTENT = "safety_concern"
RESTRAINT_INJURY = "two members of staff held my autistic son down on the floor during a meltdown"


def safety_sets_at(rev: str) -> None:
    """Make nlu.risk.sets.load_set read data/safety/<name>.yml as at git revision `rev`."""

    def load_set(name, split=None):
        text = subprocess.run(
            ["git", "show", f"{rev}:data/safety/{name}.yml"],
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows = yaml.safe_load(text)["messages"]
        return [r for r in rows if split is None or r["split"] == split]

    sets.load_set = load_set


def examples(flip_restraint: bool) -> list:
    from nlu.topic_importer import configured_training_data

    found = sets.training_examples(configured_training_data(REPO).intent_examples, SAFETY_INTENT)
    if flip_restraint:
        flipped = [
            replace(e, risk=True) if e.text.startswith(RESTRAINT_INJURY) else e for e in found
        ]
        assert flipped != found, "the restraint-injury example is missing or already risk"
        found = flipped
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flip-restraint", action="store_true")
    parser.add_argument("--safety-sets-from", metavar="REV")
    parser.add_argument(
        "--budgets",
        type=float,
        nargs="+",
        default=[learned.MAX_FALSE_ALARMS],
        help="false-alarm budgets to print (shares, e.g. 0.004 0.006)",
    )
    args = parser.parse_args()
    if args.safety_sets_from:
        safety_sets_at(args.safety_sets_from)
    started = time.perf_counter()
    # Embed each piece once for the fits and the scoring below (one memo for all of them).
    with kept_for_training():
        report(args)
    print(f"{time.perf_counter() - started:.0f} s")
    return 0


def report(args) -> None:
    train = examples(args.flip_restraint)
    texts = [clean_text(e.text) for e in train]
    labels = np.array([e.risk for e in train])
    oof = learned.mean_out_of_fold_scores(texts, labels)
    model = learned.RiskModel.fit(train, oof_scores=oof)
    print(f"{len(train)} examples ({labels.sum()} risk); budget {learned.MAX_FALSE_ALARMS:.1%}")
    by_pattern = np.array([bool(detect(e.text)) for e in train])
    risk_file = {r["text"].lower() for r in sets.load_set(sets.RISK)}
    in_risk_file = np.array([e.text.lower() in risk_file for e in train]) & labels
    upset = np.array([e.upset for e in train])
    named = {"real": sets.load_real_messages()}
    named["risk.yml"] = [{**r, "risk": True} for r in sets.load_set(sets.RISK)]
    named["ordinary.yml"] = [{**r, "risk": False} for r in sets.load_set(sets.ORDINARY)]
    # Each message's patterns verdict and model score once; each budget only moves the cut.
    verdicts = {
        name: [(r["risk"], detect(r["text"]), model.score(r["text"])) for r in rows]
        for name, rows in named.items()
    }
    for budget in args.budgets:
        threshold = learned.threshold_for(train, oof, budget)
        flagged = by_pattern | (oof >= threshold)
        print(
            f"\nbudget {budget:.1%}: threshold {threshold:.3f}; out-of-fold (patterns + model): "
            f"risk.yml {flagged[in_risk_file].sum()}/{in_risk_file.sum()} = "
            f"{flagged[in_risk_file].mean():.3f}; all risk {flagged[labels].sum()}/{labels.sum()} "
            f"= {flagged[labels].mean():.3f} (model alone {(oof >= threshold)[labels].mean():.3f});"
            f" upset flagged {flagged[upset].sum()}/{upset.sum()} = {flagged[upset].mean():.4f}"
        )
        cells = []
        for name, rows in verdicts.items():
            # As combined.RiskDetector: a pattern decides; else the model, unless negated.
            hits = [bool(p) or (not p.negated and score >= threshold) for _, p, score in rows]
            risk = [h for (is_risk, _, _), h in zip(rows, hits, strict=True) if is_risk]
            ordinary = [h for (is_risk, _, _), h in zip(rows, hits, strict=True) if not is_risk]
            if risk:
                cells.append(f"{name} detected {sum(risk)}/{len(risk)}")
            if ordinary:
                cells.append(f"{name} flagged {sum(ordinary)}/{len(ordinary)}")
        print("  " + "; ".join(cells))


if __name__ == "__main__":
    sys.exit(main())
