#!/usr/bin/env python
"""Audit the intent training labels (issue 12): where the training data disagrees with itself.

For every training example, the shipped model's features (config.yml `features:`) trained on the
other folds (5 folds, seed 42: the split of every CV figure) rank the intents. The script prints:

- the cross-validated figures on the training data only: CV macro-F1 and "CV real" (accuracy on
  the real parents' messages), so a label change can be measured before and after;
- per intent, the examples whose out-of-fold top intent is another one with high confidence
  (--min-confidence): likely mislabelled, or written for a neighbouring topic;
- the intent pairs most confused (both directions counted);
- texts filed under two intents or more with the same lemmas (exact or near duplicates).

It reads only the training data (data/nlu and the topic files), never a test set. Review the list
against each topic's answer text (the answer defines the topic) before moving anything.

    .venv/bin/python scripts/label_audit.py [--min-confidence 0.6] [--pairs 25]
"""

import argparse
import os
import pickle
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from sklearn.metrics import f1_score

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from devtools.training_set import load_training_set, spacy_lemmatiser  # noqa: E402
from nlu import intent_models  # noqa: E402
from nlu.sentence_embedding import kept_for_training  # noqa: E402

DEFAULT_CACHE = REPO / "results" / "embedding-cache.pkl"
ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")
# What never changes what a text asks: punctuation, case and articles ("section G in an EHCP"
# and "section G in the EHCP" are the same question).
NOT_A_WORD = re.compile(r"[^\w']+")
ARTICLES = {"a", "an", "the"}


@dataclass(frozen=True)
class Suspect:
    index: int
    label: str
    predicted: str
    confidence: float  # out-of-fold confidence of the predicted intent
    label_confidence: float  # ... and of the intent it is filed under


@dataclass(frozen=True)
class OutOfFold:
    labels: np.ndarray
    predicted: np.ndarray
    confidence: np.ndarray  # of the predicted intent
    label_confidence: np.ndarray  # of the labelled intent

    def macro_f1(self) -> float:
        return float(f1_score(self.labels, self.predicted, average="macro"))

    def accuracy(self, where=None) -> float:
        right = self.predicted == self.labels
        return float(right[where].mean() if where is not None else right.mean())


def out_of_fold(features, texts, lemma_texts, labels, is_real, folds=intent_models.CV_FOLDS):
    """Each example's top intent and confidences from a model that never saw it."""
    labels = np.asarray(labels)
    predicted = np.empty(len(texts), dtype=object)
    confidence, label_confidence = np.zeros(len(texts)), np.zeros(len(texts))
    for test_idx, model in intent_models.out_of_fold_models(
        features, texts, lemma_texts, labels, is_real, folds
    ):
        proba = model.proba([texts[i] for i in test_idx], [lemma_texts[i] for i in test_idx])
        classes = list(model.classes_)
        best = proba.argmax(axis=1)
        for row, i in enumerate(test_idx):
            predicted[i] = str(classes[best[row]])
            confidence[i] = proba[row, best[row]]
            label_confidence[i] = proba[row, classes.index(labels[i])]
    return OutOfFold(labels, predicted.astype(str), confidence, label_confidence)


def suspects(oof: OutOfFold, min_confidence: float) -> list[Suspect]:
    """Examples whose out-of-fold top intent is another one, at `min_confidence` or more,
    most confident first."""
    found = [
        Suspect(i, oof.labels[i], oof.predicted[i], oof.confidence[i], oof.label_confidence[i])
        for i in range(len(oof.labels))
        if oof.predicted[i] != oof.labels[i] and oof.confidence[i] >= min_confidence
    ]
    return sorted(found, key=lambda s: (s.label, -s.confidence))


def confused_pairs(oof: OutOfFold) -> list[tuple[tuple[str, str], int, int]]:
    """((a, b), a taken for b, b taken for a) for every pair with a miss, most misses first."""
    misses = Counter(
        (want, got) for want, got in zip(oof.labels, oof.predicted, strict=True) if want != got
    )
    pairs = {tuple(sorted(pair)) for pair in misses}
    rows = [(pair, misses[pair], misses[pair[::-1]]) for pair in pairs]
    return sorted(rows, key=lambda r: (-(r[1] + r[2]), r[0]))


def lemma_key(lemma_text: str) -> str:
    """Texts with the same key say the same thing: the same lemmas in the same order."""
    return " ".join(w for w in NOT_A_WORD.split(lemma_text.lower()) if w and w not in ARTICLES)


def cross_intent_duplicates(texts, lemma_texts, labels) -> list[list[tuple[int, str]]]:
    """Groups of examples with the same lemmas filed under two intents or more:
    [[(index, intent), ...], ...]."""
    groups = defaultdict(list)
    for i, lemma_text in enumerate(lemma_texts):
        groups[lemma_key(lemma_text)].append((i, str(labels[i])))
    return [g for g in groups.values() if len({intent for _, intent in g}) > 1]


def example_files(repo: Path) -> dict[str, list[str]]:
    """Example text -> the training files it is written in (to find it when fixing it)."""
    files = defaultdict(list)
    paths = sorted((repo / "data" / "nlu").glob("*.yml"))
    paths += sorted((repo / "knowledge" / "content" / "topics").glob("*.yaml"))
    for path in paths:
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        blocks = content.get("nlu") or [content]
        for block in blocks:
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    text = ANNOTATION.sub(r"\1", line.strip()[2:])
                    files[text].append(str(path.relative_to(repo)))
    return files


def configured_features(repo: Path) -> str:
    config = yaml.safe_load((repo / "config.yml").read_text())
    for component in config.get("pipeline") or []:
        if component.get("name", "").endswith("TfidfIntentClassifier"):
            return component.get("features", "tfidf")
    raise SystemExit("config.yml has no TfidfIntentClassifier")


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def report(args) -> None:
    training = load_training_set(REPO)
    texts, labels, is_real = training.texts, training.labels, training.is_real
    lemmatise = spacy_lemmatiser(REPO)
    lemma_texts = [lemmatise(t) for t in texts]
    files = example_files(REPO)
    features = args.features or configured_features(REPO)
    oof = out_of_fold(features, texts, lemma_texts, labels, is_real, args.folds)

    def where(i):
        found = files.get(texts[i]) or ["?"]
        return ",".join(Path(f).stem for f in found) + (" [real]" if is_real[i] else "")

    print(
        f"{len(texts)} training examples, {len(set(labels))} intents, {is_real.sum()} real; "
        f"features {features}, {args.folds} folds (seed {intent_models.CV_SEED})\n"
        f"CV macro-F1 {oof.macro_f1():.3f}  CV accuracy {oof.accuracy():.3f}  "
        f"CV real ({is_real.sum()}) {oof.accuracy(is_real):.3f}\n"
    )
    found = suspects(oof, args.min_confidence)
    print(f"== Out-of-fold top intent is another one at >= {args.min_confidence} ({len(found)})")
    label = None
    for s in found:
        if s.label != label:
            label = s.label
            print(f"\n-- {label}")
        print(
            f"  -> {s.predicted} {s.confidence:.2f} (own {s.label_confidence:.2f}) "
            f"<{where(s.index)}> {shorten(texts[s.index], args.width)}"
        )
    print(f"\n== Most confused intent pairs (a taken for b / b taken for a), top {args.pairs}")
    for (a, b), ab, ba in confused_pairs(oof)[: args.pairs]:
        print(f"  {ab + ba:3}  {a} -> {b}: {ab}   {b} -> {a}: {ba}")
    duplicates = cross_intent_duplicates(texts, lemma_texts, labels)
    print(f"\n== Same lemmas under different intents ({len(duplicates)} groups)")
    for group in duplicates:
        print(f"  {shorten(texts[group[0][0]], args.width)}")
        for i, intent in group:
            print(f"      {intent} <{where(i)}> {shorten(texts[i], 60)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-confidence", type=float, default=0.6)
    parser.add_argument("--pairs", type=int, default=25, help="how many confused pairs to list")
    parser.add_argument("--folds", type=int, default=intent_models.CV_FOLDS)
    parser.add_argument("--features", help="the model's features (default: config.yml's)")
    parser.add_argument("--width", type=int, default=150, help="characters of each text shown")
    parser.add_argument(
        "--embedding-cache",
        type=Path,
        default=DEFAULT_CACHE,
        help="keep sentence embeddings in this file between runs",
    )
    args = parser.parse_args()
    cached = {}
    if args.embedding_cache.exists():
        cached = pickle.loads(args.embedding_cache.read_bytes())
    with kept_for_training(cached) as memo:
        report(args)
        args.embedding_cache.parent.mkdir(parents=True, exist_ok=True)
        args.embedding_cache.write_bytes(pickle.dumps(memo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
