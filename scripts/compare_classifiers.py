#!/usr/bin/env python
"""Compare intent-classifier candidates on the same data (issue 12, part 3).

For each candidate: main-topic accuracy and "any labelled topic" accuracy on the real-phrasing
set (tests/nlu/real_messages.yml, never trained on), accuracy on the held-out file
(tests/nlu_holdout_*.yml), 5-fold cross-validated macro-F1 on the training data and the
cross-validated accuracy on its long examples (two sentences or more: a dev set for long
messages drawn from the training data), training time and the median / p95 time to classify one
real message (medians of --timing-runs passes). Features come from the project's spaCy pipeline
(models/spacy_send: lemmas, abbreviations expanded) exactly as in Rasa.

The decision rule (when to answer and when to ask): the fallback threshold is tuned on the
cross-validated confidences of the TRAINING data only (the lowest threshold at which the answered
examples are right at least --answer-precision of the time), then the real set shows what it does
there: how many messages are answered, how often those answers are right, and for the messages
that get the clarifying question how often the top topic, or one of the top three (the question's
buttons), is right. Hyperparameters are never tuned on the real set; it is the check.

    .venv/bin/python scripts/compare_classifiers.py [--only tfidf,tfidf|embeddings] [--folds 5]
"""

import argparse
import json
import os
import pickle
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import yaml
from sklearn.metrics import f1_score

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from devtools.real_messages import configured_fallback_threshold  # noqa: E402
from devtools.training_set import load_training_set, spacy_lemmatiser  # noqa: E402
from nlu import intent_models  # noqa: E402
from nlu.sentence_embedding import kept_for_training  # noqa: E402

HOLDOUT_GLOB = "nlu_holdout_*.yml"
NOT_A_TOPIC = {"safety_concern", "nlu_fallback"}
THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 20)]
CLARIFY_CHOICES = 3


def holdout_examples():
    import re

    found = []
    for path in sorted((REPO / "tests").glob(HOLDOUT_GLOB)):
        for block in yaml.safe_load(path.read_text()).get("nlu", []):
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    found.append(
                        (re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line.strip()[2:]), block["intent"])
                    )
    return found


def topics_first(ranking):
    return [name for name, _ in ranking if name not in NOT_A_TOPIC]


def evaluate(model, real, holdout, docs, timing_runs: int = 3) -> dict:
    runs, rankings = [], []
    for _ in range(max(1, timing_runs)):
        times, rankings = [], []
        for e in real:
            start = time.perf_counter()
            rankings.append(model.rank(e["text"], docs[e["text"]]))
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        runs.append((statistics.median(times), times[int(0.95 * len(times))]))
    main_hits, any_hits, misses, decisions = 0, 0, [], []
    for e, ranking in zip(real, rankings, strict=True):
        # As in the running assistant: the safety net answers risk first, then the best topic.
        top = topics_first(ranking)
        main_hits += top[0] == e["topics"][0]
        any_hits += top[0] in e["topics"]
        if top[0] != e["topics"][0]:
            misses.append((e["topics"][0], top[0], e["text"][:80]))
        # (confidence the fallback sees, main topic right, main topic among the buttons)
        decisions.append((ranking[0][1], top[0] == e["topics"][0], e["topics"][0] in top[:3]))
    hold_hits = sum(model.rank(t, docs[t])[0][0] == i for t, i in holdout)
    return {
        "real_main": main_hits / len(real),
        "real_any": any_hits / len(real),
        "holdout": hold_hits / len(holdout),
        "p50_ms": statistics.median(r[0] for r in runs),
        "p95_ms": statistics.median(r[1] for r in runs),
        "misses": misses,
        "decisions": decisions,
    }


def print_row(name, r):
    print(
        f"{name:26} real main {r['real_main']:.3f}  real any {r['real_any']:.3f}  "
        f"holdout {r['holdout']:.3f}  "
        f"train {r['train_s']:.0f} s  classify p50 {r['p50_ms']:.1f} ms "
        f"p95 {r['p95_ms']:.1f} ms",
        flush=True,
    )
    if os.environ.get("SHOW_MISSES"):
        for want, got, text in r["misses"]:
            print(f"    {want} -> {got}: {text}")


def tuned_threshold(cv_decisions, precision: float) -> float:
    """The lowest threshold whose answered training examples (cross-validated) are right at
    least `precision` of the time."""
    cv_decisions = list(cv_decisions)
    for threshold in THRESHOLDS:
        answered = [right for confidence, right in cv_decisions if confidence >= threshold]
        if answered and sum(answered) / len(answered) >= precision:
            return threshold
    return THRESHOLDS[-1]


def decision_figures(decisions, threshold: float) -> dict:
    answered = [d for d in decisions if d[0] >= threshold]
    asked = [d for d in decisions if d[0] < threshold]

    def share(rows, column):
        return sum(r[column] for r in rows) / len(rows) if rows else float("nan")

    return {
        "threshold": threshold,
        "answered": len(answered) / len(decisions),
        "answered_right": share(answered, 1),
        "asked_top1_right": share(asked, 1),
        "asked_in_buttons": share(asked, 2),
    }


def print_decision(name, d):
    print(
        f"{name:26} threshold {d['threshold']:.2f}: real answered {d['answered']:.2f} "
        f"(right {d['answered_right']:.2f}); asked {1 - d['answered']:.2f} (top topic right "
        f"{d['asked_top1_right']:.2f}, right topic among the {CLARIFY_CHOICES} buttons "
        f"{d['asked_in_buttons']:.2f})",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated candidate names")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds; 0 skips it")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--timing-runs", type=int, default=3, help="passes over the real set")
    parser.add_argument(
        "--answer-precision",
        type=float,
        default=0.9,
        help="tune the fallback threshold so answered training examples are right this often",
    )
    parser.add_argument(
        "--current-threshold",
        type=float,
        default=configured_fallback_threshold(),
        help="the threshold to compare with (default: FallbackClassifier's in config.yml)",
    )
    parser.add_argument(
        "--embedding-cache", type=Path, help="keep sentence embeddings in this file between runs"
    )
    args = parser.parse_args()
    cached = {}
    if args.embedding_cache and args.embedding_cache.exists():
        cached = pickle.loads(args.embedding_cache.read_bytes())
    with kept_for_training(cached) as memo:
        compare(args)
        if args.embedding_cache:
            args.embedding_cache.write_bytes(pickle.dumps(memo))
    return 0


def compare(args) -> None:
    lemmas = spacy_lemmatiser(REPO)
    training = load_training_set(REPO)
    texts, labels = training.texts, training.labels
    # Real parents' messages (a `source:` page in their block's metadata): the dev set for
    # real phrasing ("CV real"), and the examples a "@realK" candidate counts K times.
    is_real = training.is_real
    real = yaml.safe_load((REPO / "tests/nlu/real_messages.yml").read_text())
    holdout = holdout_examples()
    long_examples = np.array([len(intent_models.sentences(t)) >= 2 for t in texts])
    docs = {t: lemmas(t) for t in set(texts) | {e["text"] for e in real} | {t for t, _ in holdout}}
    chosen = [
        c for c in intent_models.candidates() if not args.only or c[0] in args.only.split(",")
    ]
    bases = list(dict.fromkeys(base for _, base, _ in chosen))

    def weights_for(base, index=slice(None)):
        return intent_models.real_message_weights(base, is_real[index])

    print(
        f"{len(texts)} training examples, {len(set(labels))} intents; real set {len(real)}; "
        f"holdout {len(holdout)}; real training examples {is_real.sum()}",
        flush=True,
    )
    results = {}
    for base in bases:
        # One fit per base model (and per fold) serves both variants (whole message, sentences).
        start = time.perf_counter()
        model = intent_models.model_for(base).fit(
            texts, [docs[t] for t in texts], labels, weights_for(base)
        )
        train_s = time.perf_counter() - start
        variants = [(name, by_sentence) for name, b, by_sentence in chosen if b == base]

        def ranker(m, by_sentence):
            return intent_models.SentenceScoring(m, lemmatise=lemmas) if by_sentence else m

        for name, by_sentence in variants:
            results[name] = evaluate(
                ranker(model, by_sentence), real, holdout, docs, args.timing_runs
            )
            results[name]["train_s"] = train_s
            print_row(name, results[name])
        if args.folds < 2:
            continue
        predicted = {name: np.empty(len(texts), dtype=object) for name, _ in variants}
        confidence = {name: np.zeros(len(texts)) for name, _ in variants}
        lemma_texts = [docs[t] for t in texts]
        for test_idx, fold in intent_models.out_of_fold_models(
            base, texts, lemma_texts, labels, is_real, args.folds
        ):
            for name, by_sentence in variants:
                for i in test_idx:
                    best = ranker(fold, by_sentence).rank(texts[i], docs[texts[i]])[0]
                    predicted[name][i], confidence[name][i] = best
        for name, _ in variants:
            right = predicted[name].astype(str) == labels
            results[name]["cv_macro_f1"] = f1_score(
                labels, predicted[name].astype(str), average="macro"
            )
            results[name]["cv_long"] = float(right[long_examples].mean())
            results[name]["cv_real"] = float(right[is_real].mean()) if is_real.any() else None
            print(
                f"{name:26} CV macro-F1 ({args.folds} folds) {results[name]['cv_macro_f1']:.3f}  "
                f"CV long examples ({long_examples.sum()}) {results[name]['cv_long']:.3f}  "
                f"CV real messages ({is_real.sum()}) {results[name]['cv_real'] or 0:.3f}",
                flush=True,
            )
            threshold = tuned_threshold(
                zip(confidence[name], right, strict=True), args.answer_precision
            )
            for key, value in (("current", args.current_threshold), ("tuned", threshold)):
                results[name][f"decision_{key}"] = decision_figures(
                    results[name]["decisions"], value
                )
                print_decision(name, results[name][f"decision_{key}"])
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    k: {x: y for x, y in v.items() if x not in ("misses", "decisions")}
                    for k, v in results.items()
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    sys.exit(main())
