"""How far the learned risk model's threshold moves when the training data changes by one message.

Fits out-of-fold scores (nlu/risk/learned.py) on the training data exactly as `SafetyNet.train`
sees it (data/safety + every NLU example), then on small perturbations of it:
- one label flipped (the restraint-injury example of data/nlu/long_messages.yml),
- one hard ordinary message added (restraint without injury),
- the hardest ordinary message removed (highest out-of-fold score beyond the patterns),
and prints the threshold each rule gives:
- "fifth-highest": the rule used up to round 9 (lowest risk score with at most the budget of
  ordinary messages above it, beyond the patterns), on one fold split (seed 12);
- the same on the mean over the CV_SEEDS splits;
- the smoothed (Harrell-Davis) quantile on one split, and on the mean (the rule now shipped).
Also each single split's threshold (the noise a fold split alone brings) and, per variant, the
out-of-fold share of risk messages caught (patterns or model) and of upset messages flagged.

Usage: .venv/bin/python scripts/risk_threshold_steadiness.py   (about 10 minutes on 2 loaded CPUs)
No holdout round is read.
"""

import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from nlu.risk import learned  # noqa: E402
from nlu.risk.detector import clean_text, detect  # noqa: E402
from nlu.risk.learned import Example  # noqa: E402
from nlu.risk.sets import training_examples  # noqa: E402
from nlu.sentence_embedding import kept_for_training  # noqa: E402

SAFETY_INTENT = "safety_concern"
FLIPPED = "two members of staff held my autistic son down on the floor during a meltdown"
ADDED = Example(
    "is it legal for the school to hold my son's hands to stop him hitting, he isn't hurt",
    False,
    upset=True,
)


def fifth_highest_rule(examples, scores, labels, budget) -> float:
    """The rule used up to round 9: the lowest risk score at which no more than `budget` of the
    upset messages and of all ordinary examples score at or above it, beyond the patterns."""
    ordinary = ~labels
    upset = ordinary & np.array([e.upset for e in examples])
    beyond_patterns = ordinary & ~np.array([bool(detect(e.text)) for e in examples])
    for threshold in sorted(set(np.round(scores[labels], 4))):
        extra = beyond_patterns & (scores >= threshold)
        rates = [(extra & group).sum() / max(1, group.sum()) for group in (upset, ordinary)]
        if max(rates) <= budget:
            return float(threshold)
    return float("inf")


def base_examples() -> list[Example]:
    from nlu.topic_importer import configured_training_data

    return training_examples(configured_training_data(REPO).intent_examples, SAFETY_INTENT)


def variants(base: list[Example], hardest: str) -> dict[str, list[Example]]:
    flipped = [replace(e, risk=not e.risk) if e.text.startswith(FLIPPED) else e for e in base]
    assert flipped != base, "the restraint-injury example is missing"
    return {
        "base": base,
        "restraint example's label flipped": flipped,
        "one hard ordinary added": base + [ADDED],
        "hardest ordinary removed": [e for e in base if e.text != hardest],
    }


def oof(examples: list[Example], seeds) -> dict[int, np.ndarray]:
    texts = [clean_text(e.text) for e in examples]
    labels = np.array([e.risk for e in examples])
    return {seed: learned.out_of_fold_scores(texts, labels, seed) for seed in seeds}


def caught(examples, scores, threshold) -> tuple[float, float]:
    """Out-of-fold: share of risk messages caught (patterns or model), of upset ones flagged."""
    by_pattern = np.array([bool(detect(e.text)) for e in examples])
    flagged = by_pattern | (scores >= threshold)
    risk = np.array([e.risk for e in examples])
    upset = np.array([e.upset for e in examples])
    return flagged[risk].mean(), flagged[upset].mean()


def main() -> int:
    budget = learned.MAX_FALSE_ALARMS
    seeds = learned.CV_SEEDS
    started = time.perf_counter()
    with kept_for_training():
        base = base_examples()
        base_scores = oof(base, seeds)
        labels = np.array([e.risk for e in base])
        beyond = ~labels & ~np.array([bool(detect(e.text)) for e in base])
        upset = np.array([e.upset for e in base])
        order = np.argsort(-np.where(beyond & upset, base_scores[learned.SEED], -np.inf))
        hardest = base[order[0]].text
        print(f"{len(base)} examples, {labels.sum()} risk; budget {budget:.1%}; splits {seeds}")
        print(f"hardest upset message beyond the patterns: {hardest[:90]!r}\n")
        rows = {}
        for name, examples in variants(base, hardest).items():
            scores = base_scores if name == "base" else oof(examples, seeds)
            labels = np.array([e.risk for e in examples])
            mean = np.mean(list(scores.values()), axis=0)
            one = scores[learned.SEED]
            rows[name] = {
                "fifth-highest, one split": fifth_highest_rule(examples, one, labels, budget),
                "fifth-highest, mean of splits": fifth_highest_rule(examples, mean, labels, budget),
                "smoothed quantile, one split": learned.threshold_for(examples, one, budget),
                "smoothed quantile, mean (shipped)": learned.threshold_for(examples, mean, budget),
                "_per_split_old": [
                    fifth_highest_rule(examples, s, labels, budget) for s in scores.values()
                ],
                "_per_split_new": [
                    learned.threshold_for(examples, s, budget) for s in scores.values()
                ],
                "_caught": caught(examples, mean, learned.threshold_for(examples, mean, budget)),
                "_caught_old": caught(
                    examples, one, fifth_highest_rule(examples, one, labels, budget)
                ),
            }
            print(f"  {name}: done ({time.perf_counter() - started:.0f} s)", flush=True)
    rules = [k for k in rows["base"] if not k.startswith("_")]
    print("\nThreshold by rule (and its move from base):")
    print(f"{'variant':38}" + "".join(f"{r:>36}" for r in rules))
    for name, row in rows.items():
        cells = []
        for rule in rules:
            move = row[rule] - rows["base"][rule]
            cells.append(f"{row[rule]:.3f} ({move:+.3f})" if name != "base" else f"{row[rule]:.3f}")
        print(f"{name:38}" + "".join(f"{c:>36}" for c in cells))
    print("\nLargest move from one message, by rule:")
    for rule in rules:
        moves = [abs(row[rule] - rows["base"][rule]) for n, row in rows.items() if n != "base"]
        print(f"  {rule:36} {max(moves):.3f}")
    print("\nEach single split's threshold (spread = noise from the fold split alone):")
    for name, row in rows.items():
        old, new = row["_per_split_old"], row["_per_split_new"]
        print(
            f"  {name:38} fifth-highest {' '.join(f'{t:.3f}' for t in old)} "
            f"(spread {max(old) - min(old):.3f}); smoothed {' '.join(f'{t:.3f}' for t in new)} "
            f"(spread {max(new) - min(new):.3f})"
        )
    print("\nOut-of-fold, patterns + model: risk caught / upset flagged")
    for name, row in rows.items():
        (r_new, u_new), (r_old, u_old) = row["_caught"], row["_caught_old"]
        print(
            f"  {name:38} shipped rule {r_new:.3f} / {u_new:.4f};"
            f" fifth-highest one split {r_old:.3f} / {u_old:.4f}"
        )
    print(f"\n{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
