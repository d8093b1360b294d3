"""Intent models compared for issue 12 (scripts/compare_classifiers.py), used by the Rasa component.

Every model has `fit(texts, lemma_texts, labels)` and `rank(text, lemma_text) -> [(intent, p), ...]`
(best first). `lemma_text` is the message as the project's spaCy pipeline lemmatises it, with
abbreviations expanded ("my DS" -> "my son").

- TfidfModel: TF-IDF over lemma word n-grams and character n-grams, a linear SVM (the chosen
  model) or logistic regression (the earlier one), with calibrated confidences (below).
- SentenceScoring(model): also scores each sentence of a long message and mixes the sentence
  scores in, with questions weighted up, so the issue the parent asks about is not drowned by
  the story around it.
- EmbeddingModel: all-MiniLM-L6-v2 sentence embeddings (the int8 ONNX encoder,
  nlu/onnx_encoder.py, through nlu/sentence_embedding.py), logistic regression;
  SentenceEmbeddingSvm: the same with a linear SVM.
- TokenEmbeddingModel: a linear SVM over the mean of the same model's word-piece embeddings
  (no transformer layers: a table look-up per message).
- TfidfEmbeddingModel: TF-IDF and sentence embeddings side by side.
- ProbabilityEnsemble: the calibrated confidences of the TF-IDF model and an embedding model
  averaged ("tfidf|embeddings" is the chosen model, docs/nlu.md round 4); WeightedEnsemble: any
  number of models' confidences with fixed weights.

Confidences are calibrated: each model's raw scores (SVM margins, or log-probabilities) go through
a softmax with a temperature fitted by 5-fold cross-validation on the training data (the one that
gives the held-out folds' true intents the highest likelihood). A linear SVM's margins have no
probability scale of their own, and an uncalibrated model spreads a long message's weight over 80
intents, so a fixed fallback threshold on raw scores says little about how likely the top intent
is to be right. After calibration a confidence of 0.6 means "right about 6 times in 10" on
messages like the training data, which is what FallbackClassifier's threshold needs.
"""

import re
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse
from scipy.special import log_softmax, softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_union
from sklearn.svm import LinearSVC

from .abbreviations import expand

Ranking = list[tuple[str, float]]
QUESTION = re.compile(
    r"\?|^\s*(how|what|can|could|should|is|are|do|does|who|when|where|why|will|would|any|help|"
    r"advice)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+")
MIN_SENTENCE_WORDS = 4
CALIBRATION_FOLDS = 5
TEMPERATURES = np.exp(np.linspace(np.log(0.02), np.log(5.0), 120))


def combined(text: str, lemma_text: str) -> str:
    """What the TF-IDF features read: the lemmas (abbreviations expanded) and the text as typed."""
    return f"{lemma_text} || {text}"


def sentences(text: str) -> list[str]:
    """The message's sentences of four words or more (short fragments carry little topic)."""
    parts = [p.strip() for p in SENTENCE_END.split(text or "") if p.strip()]
    return [p for p in parts if len(p.split()) >= MIN_SENTENCE_WORDS]


def fitted_temperature(scores: np.ndarray, classes, labels) -> float:
    """The softmax temperature that gives the true intents of held-out scores the highest
    likelihood (scores: one row per example, one column per class in `classes` order)."""
    truth = np.searchsorted(classes, labels)
    rows = np.arange(len(truth))
    losses = [-log_softmax(scores / t, axis=1)[rows, truth].mean() for t in TEMPERATURES]
    return float(TEMPERATURES[int(np.argmin(losses))])


class TfidfModel:
    """TF-IDF word and character n-grams; `classifier` "svm" (LinearSVC) or "logistic"."""

    def __init__(
        self,
        classifier: str = "svm",
        C: float | None = None,
        max_word_ngram: int = 2,
        min_char_ngram: int = 2,
        max_char_ngram: int = 5,
        calibrate: bool = True,
        random_state: int = 42,
    ):
        if classifier not in ("svm", "logistic"):
            raise ValueError(f"classifier must be 'svm' or 'logistic', not {classifier!r}")
        self.classifier_kind, self.random_state = classifier, random_state
        self.calibrate = calibrate
        # C as measured best by cross-validation for each (docs/nlu.md).
        self.C = C if C is not None else (1.0 if classifier == "svm" else 30.0)
        self.vectoriser = make_union(
            TfidfVectorizer(ngram_range=(1, max_word_ngram), sublinear_tf=True, lowercase=True),
            TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=(min_char_ngram, max_char_ngram),
                sublinear_tf=True,
                lowercase=True,
            ),
        )
        self.classifier, self.temperature = None, 1.0

    @property
    def classes_(self):
        return self.classifier.classes_

    def features(self, texts: Sequence[str], lemma_texts: Sequence[str], fit: bool = False):
        rows = [combined(t, lt) for t, lt in zip(texts, lemma_texts, strict=True)]
        return self.vectoriser.fit_transform(rows) if fit else self.vectoriser.transform(rows)

    def new_classifier(self):
        if self.classifier_kind == "svm":
            return LinearSVC(C=self.C, random_state=self.random_state)
        return LogisticRegression(C=self.C, max_iter=5000, random_state=self.random_state)

    def raw_scores(self, classifier, x) -> np.ndarray:
        if self.classifier_kind == "svm":
            return classifier.decision_function(x)
        return np.log(np.clip(classifier.predict_proba(x), 1e-12, 1.0))

    def fit(self, texts, lemma_texts, labels, sample_weight=None):
        """`sample_weight` (optional, one per example) counts some examples more than once, such
        as real parents' messages beside written ones."""
        x = self.features(texts, lemma_texts, fit=True)
        labels = np.asarray(labels)
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
        self.classifier = self.new_classifier().fit(x, labels, sample_weight=weights)
        self.temperature = (
            self.cross_validated_temperature(x, labels, weights) if self.calibrate else 1.0
        )
        return self

    def cross_validated_temperature(self, x, labels, weights=None) -> float:
        """Scores of each example from a model that never saw it (5 folds), then the temperature."""
        classes = self.classifier.classes_
        held_out = np.zeros((len(labels), len(classes)))
        folds = StratifiedKFold(CALIBRATION_FOLDS, shuffle=True, random_state=self.random_state)
        for train, test in folds.split(np.zeros(len(labels)), labels):
            fold = self.new_classifier().fit(
                x[train], labels[train], sample_weight=None if weights is None else weights[train]
            )
            # A class missing from a fold's training part gets the lowest score there.
            scores = np.full((len(test), len(classes)), -1e3)
            scores[:, np.searchsorted(classes, fold.classes_)] = self.raw_scores(fold, x[test])
            held_out[test] = scores
        return fitted_temperature(held_out, classes, labels)

    def proba(self, texts, lemma_texts) -> np.ndarray:
        scores = self.raw_scores(self.classifier, self.features(texts, lemma_texts))
        return softmax(scores / self.temperature, axis=1)

    def rank(self, text: str, lemma_text: str) -> Ranking:
        return to_ranking(self.classes_, self.proba([text], [lemma_text])[0])


class EmbeddingModel(TfidfModel):
    """Logistic regression over sentence embeddings of the message (abbreviations expanded)."""

    def __init__(self, C: float = 10.0, random_state: int = 42, calibrate: bool = True):
        self.C, self.random_state, self.calibrate = C, random_state, calibrate
        self.classifier_kind, self.classifier, self.temperature = "logistic", None, 1.0

    def features(self, texts, lemma_texts, fit=False):
        return embed(texts)


class TokenEmbeddingModel(EmbeddingModel):
    """A linear SVM over the mean word-piece embedding of the message (as accurate as logistic
    regression here by cross-validation, and several times faster to train)."""

    def __init__(self, C: float = 1.0, random_state: int = 42, calibrate: bool = True):
        super().__init__(C=C, random_state=random_state, calibrate=calibrate)
        self.classifier_kind = "svm"

    def features(self, texts, lemma_texts, fit=False):
        from .sentence_encoder import shared_token_embeddings

        return shared_token_embeddings().encode([expand(t) for t in texts])


class TfidfEmbeddingModel(TfidfModel):
    """TF-IDF features and sentence embeddings side by side (embeddings scaled to weigh in)."""

    def __init__(self, embedding_weight: float = 1.0, **kwargs):
        super().__init__(**{"classifier": "logistic", **kwargs})
        self.embedding_weight = embedding_weight

    def features(self, texts, lemma_texts, fit=False):
        tfidf = super().features(texts, lemma_texts, fit)
        dense = sparse.csr_matrix(embed(texts) * self.embedding_weight)
        return sparse.hstack([tfidf, dense]).tocsr()


class ProbabilityEnsemble:
    """The calibrated confidences of the TF-IDF model and an embedding model, averaged with
    `embedding_weight` on the embedding model (chosen by cross-validated macro-F1)."""

    def __init__(self, embeddings=None, embedding_weight: float = 0.5):
        self.embedding_weight = embedding_weight
        self.tfidf, self.embeddings = TfidfModel(), embeddings or EmbeddingModel()

    @property
    def classes_(self):
        return self.tfidf.classes_

    def fit(self, texts, lemma_texts, labels, sample_weight=None):
        self.tfidf.fit(texts, lemma_texts, labels, sample_weight)
        self.embeddings.fit(texts, lemma_texts, labels, sample_weight)
        return self

    def proba(self, texts, lemma_texts) -> np.ndarray:
        w = self.embedding_weight
        return (1 - w) * self.tfidf.proba(texts, lemma_texts) + w * self.embeddings.proba(
            texts, lemma_texts
        )

    def rank(self, text: str, lemma_text: str) -> Ranking:
        return to_ranking(self.classes_, self.proba([text], [lemma_text])[0])


class SentenceEmbeddingSvm(EmbeddingModel):
    """A linear SVM over the MiniLM sentence embedding (trains faster than logistic regression)."""

    def __init__(self, C: float = 1.0, random_state: int = 42, calibrate: bool = True):
        super().__init__(C=C, random_state=random_state, calibrate=calibrate)
        self.classifier_kind = "svm"


class WeightedEnsemble:
    """Several models' calibrated confidences averaged with fixed weights (summing to 1)."""

    def __init__(self, weighted_models):
        self.weighted_models = list(weighted_models)

    @property
    def classes_(self):
        return self.weighted_models[0][1].classes_

    def fit(self, texts, lemma_texts, labels, sample_weight=None):
        for _, model in self.weighted_models:
            model.fit(texts, lemma_texts, labels, sample_weight)
        return self

    def proba(self, texts, lemma_texts) -> np.ndarray:
        return sum(w * m.proba(texts, lemma_texts) for w, m in self.weighted_models)

    def rank(self, text: str, lemma_text: str) -> Ranking:
        return to_ranking(self.classes_, self.proba([text], [lemma_text])[0])


class SentenceScoring:
    """Wraps a model: a long message's score mixes its whole-text score with its sentences' scores.

    Each sentence is scored on its own; a question ("what can I do?") counts double, since the
    parent's main issue is usually what they ask about, not the story before it.
    """

    def __init__(
        self,
        model,
        whole_weight: float = 1.0,
        question_weight: float = 2.0,
        lemmatise: Callable = None,
    ):
        self.model, self.whole_weight, self.question_weight = model, whole_weight, question_weight
        self.lemmatise = lemmatise

    @property
    def classes_(self):
        return self.model.classes_

    def fit(self, texts, lemma_texts, labels, sample_weight=None):
        self.model.fit(texts, lemma_texts, labels, sample_weight)
        return self

    def rank(self, text: str, lemma_text: str) -> Ranking:
        parts = sentences(text)
        if len(parts) < 2:
            return self.model.rank(text, lemma_text)
        lemmatise = self.lemmatise or (lambda s: s.lower())
        proba = self.model.proba([text] + parts, [lemma_text] + [lemmatise(p) for p in parts])
        weights = np.array(
            [self.whole_weight * len(parts) / 2]
            + [self.question_weight if QUESTION.search(p) else 1.0 for p in parts]
        )
        mixed = (proba * weights[:, None]).sum(0) / weights.sum()
        return to_ranking(self.classes_, mixed)


def to_ranking(classes, proba) -> Ranking:
    order = np.argsort(proba)[::-1]
    return [(str(classes[i]), float(proba[i])) for i in order]


def embed(texts: Sequence[str]) -> np.ndarray:
    """Sentence embeddings (the int8 ONNX encoder, abbreviations expanded), each text encoded
    once while training (nlu/sentence_embedding.py `kept_for_training`)."""
    from .sentence_embedding import embedding

    return np.vstack([embedding(t) for t in texts])


BASES: dict[str, Callable] = {
    "tfidf": TfidfModel,
    "tfidf-logistic": lambda: TfidfModel(classifier="logistic"),
    "embeddings": EmbeddingModel,
    "tfidf+embeddings": TfidfEmbeddingModel,
    "tfidf|embeddings": ProbabilityEnsemble,
    "token-embeddings": TokenEmbeddingModel,
    "tfidf|token-embeddings": lambda: ProbabilityEnsemble(TokenEmbeddingModel(), 0.4),
    "tfidf|embeddings-svm": lambda: ProbabilityEnsemble(SentenceEmbeddingSvm(), 0.5),
    "tfidf|token-embeddings|embeddings": lambda: WeightedEnsemble(
        [(0.5, TfidfModel()), (0.2, TokenEmbeddingModel()), (0.3, EmbeddingModel())]
    ),
}


REAL_WEIGHT_SUFFIX = "@real"


def real_weight_of(features: str) -> float:
    """How many times a real parent's message counts: "tfidf|embeddings@real3" -> 3."""
    _, _, factor = features.partition(REAL_WEIGHT_SUFFIX)
    return float(factor) if factor else 1.0


def real_message_weights(features: str, is_real) -> np.ndarray | None:
    """Each training example's weight for `features` (None when every example counts once)."""
    factor = real_weight_of(features)
    return None if factor == 1 else np.where(np.asarray(is_real, dtype=bool), factor, 1.0)


def model_for(features: str):
    """A new, untrained model for a `features` name (with or without a real-message weight)."""
    base = features.partition(REAL_WEIGHT_SUFFIX)[0]
    if base not in BASES:
        raise ValueError(
            f"features must be one of {sorted(BASES)} (optionally with "
            f"'{REAL_WEIGHT_SUFFIX}<weight>'), not {features!r}"
        )
    return BASES[base]()


def real_source(metadata) -> str | None:
    """The page a training example was written on, when it is a real parent's message (its block
    carries `metadata: {source: <url>}`, data/nlu/forum_messages*.yml); None for written ones."""
    intent_metadata = (metadata or {}).get("intent") or {}
    return intent_metadata.get("source") if isinstance(intent_metadata, dict) else None


def candidates() -> list[tuple[str, str, bool]]:
    """(name, base model, sentence-level scoring) for every candidate compared."""
    return [
        ("tfidf-logistic", "tfidf-logistic", False),
        ("tfidf", "tfidf", False),
        ("tfidf+sentences", "tfidf", True),
        ("embeddings", "embeddings", False),
        ("embeddings+sentences", "embeddings", True),
        ("tfidf+embeddings", "tfidf+embeddings", False),
        ("tfidf|embeddings", "tfidf|embeddings", False),
        ("token-embeddings", "token-embeddings", False),
        ("tfidf|token-embeddings", "tfidf|token-embeddings", False),
        ("tfidf|embeddings-svm", "tfidf|embeddings-svm", False),
        ("tfidf|token-embeddings|embeddings", "tfidf|token-embeddings|embeddings", False),
        ("tfidf|embeddings@real2", "tfidf|embeddings@real2", False),
        ("tfidf|embeddings@real3", "tfidf|embeddings@real3", False),
        ("tfidf|embeddings@real5", "tfidf|embeddings@real5", False),
    ]


# Every cross-validated figure (compare_classifiers "CV macro-F1" and "CV real", the label audit)
# uses this one split, so the figures are comparable across tools and rounds.
CV_FOLDS = 5
CV_SEED = 42


def cross_validation_folds(labels, folds: int = CV_FOLDS):
    """(train indices, held-out indices) for each of the stratified folds (seed 42)."""
    labels = np.asarray(labels)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=CV_SEED)
    return splitter.split(np.zeros(len(labels)), labels)


def out_of_fold_models(features: str, texts, lemma_texts, labels, is_real, folds: int = CV_FOLDS):
    """Yields (held-out indices, a `features` model trained on the other folds), fold by fold."""
    labels, is_real = np.asarray(labels), np.asarray(is_real, dtype=bool)
    for train_idx, test_idx in cross_validation_folds(labels, folds):
        model = model_for(features).fit(
            [texts[i] for i in train_idx],
            [lemma_texts[i] for i in train_idx],
            labels[train_idx],
            real_message_weights(features, is_real[train_idx]),
        )
        yield test_idx, model
