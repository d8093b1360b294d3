"""Intent models compared for issue 12 (scripts/compare_classifiers.py), used by the Rasa component.

Every model has `fit(texts, lemma_texts, labels)` and `rank(text, lemma_text) -> [(intent, p), ...]`
(best first). `lemma_text` is the message as the project's spaCy pipeline lemmatises it, with
abbreviations expanded ("my DS" -> "my son").

- TfidfModel: TF-IDF over lemma word n-grams and character n-grams, logistic regression.
- SentenceScoring(model): also scores each sentence of a long message and mixes the sentence
  scores in, with questions weighted up, so the issue the parent asks about is not drowned by
  the story around it.
- EmbeddingModel: all-MiniLM-L6-v2 sentence embeddings (nlu/sentence_encoder.py), logistic
  regression.
- TfidfEmbeddingModel: both feature sets side by side.
"""

import re
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_union

from .abbreviations import expand

Ranking = list[tuple[str, float]]
QUESTION = re.compile(
    r"\?|^\s*(how|what|can|could|should|is|are|do|does|who|when|where|why|will|would|any|help|"
    r"advice)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+")
MIN_SENTENCE_WORDS = 4


def combined(text: str, lemma_text: str) -> str:
    """What the TF-IDF features read: the lemmas (abbreviations expanded) and the text as typed."""
    return f"{lemma_text} || {text}"


def sentences(text: str) -> list[str]:
    """The message's sentences of four words or more (short fragments carry little topic)."""
    parts = [p.strip() for p in SENTENCE_END.split(text or "") if p.strip()]
    return [p for p in parts if len(p.split()) >= MIN_SENTENCE_WORDS]


class TfidfModel:
    def __init__(
        self,
        C: float = 30.0,
        max_word_ngram: int = 2,
        min_char_ngram: int = 2,
        max_char_ngram: int = 5,
        random_state: int = 42,
    ):
        self.C, self.random_state = C, random_state
        self.vectoriser = make_union(
            TfidfVectorizer(ngram_range=(1, max_word_ngram), sublinear_tf=True, lowercase=True),
            TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=(min_char_ngram, max_char_ngram),
                sublinear_tf=True,
                lowercase=True,
            ),
        )
        self.classifier = None

    @property
    def classes_(self):
        return self.classifier.classes_

    def features(self, texts: Sequence[str], lemma_texts: Sequence[str], fit: bool = False):
        rows = [combined(t, lt) for t, lt in zip(texts, lemma_texts, strict=True)]
        return self.vectoriser.fit_transform(rows) if fit else self.vectoriser.transform(rows)

    def fit(self, texts, lemma_texts, labels):
        x = self.features(texts, lemma_texts, fit=True)
        self.classifier = LogisticRegression(
            C=self.C, max_iter=5000, random_state=self.random_state
        )
        self.classifier.fit(x, labels)
        return self

    def proba(self, texts, lemma_texts) -> np.ndarray:
        return self.classifier.predict_proba(self.features(texts, lemma_texts))

    def rank(self, text: str, lemma_text: str) -> Ranking:
        return to_ranking(self.classes_, self.proba([text], [lemma_text])[0])


class EmbeddingModel(TfidfModel):
    """Logistic regression over sentence embeddings of the message (abbreviations expanded)."""

    def __init__(self, C: float = 10.0, random_state: int = 42):
        self.C, self.random_state, self.classifier = C, random_state, None

    def features(self, texts, lemma_texts, fit=False):
        return embed([expand(t) for t in texts])


class TfidfEmbeddingModel(TfidfModel):
    """TF-IDF features and sentence embeddings side by side (embeddings scaled to weigh in)."""

    def __init__(self, embedding_weight: float = 1.0, **kwargs):
        super().__init__(**kwargs)
        self.embedding_weight = embedding_weight

    def features(self, texts, lemma_texts, fit=False):
        tfidf = super().features(texts, lemma_texts, fit)
        dense = sparse.csr_matrix(embed([expand(t) for t in texts]) * self.embedding_weight)
        return sparse.hstack([tfidf, dense]).tocsr()


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

    def fit(self, texts, lemma_texts, labels):
        self.model.fit(texts, lemma_texts, labels)
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


_EMBEDDINGS: dict[str, np.ndarray] = {}


def embed(texts: Sequence[str]) -> np.ndarray:
    """Sentence embeddings, cached per text (training and cross-validation encode a text once)."""
    from .sentence_encoder import shared_encoder

    missing = [t for t in dict.fromkeys(texts) if t not in _EMBEDDINGS]
    if missing:
        encoder = shared_encoder()
        for t in missing:
            _EMBEDDINGS[t] = encoder.encode_one(t)
    return np.vstack([_EMBEDDINGS[t] for t in texts])


BASES: dict[str, Callable] = {
    "tfidf": TfidfModel,
    "embeddings": EmbeddingModel,
    "tfidf+embeddings": TfidfEmbeddingModel,
}


def candidates() -> list[tuple[str, str, bool]]:
    """(name, base model, sentence-level scoring) for every candidate compared."""
    return [
        (f"{base}{'+sentences' if by_sentence else ''}", base, by_sentence)
        for base in BASES
        for by_sentence in (False, True)
    ]
