"""The intent training data as the harnesses read it (scripts/compare_classifiers.py,
scripts/label_audit.py): every example `rasa train` sees, its lemmas from the project's spaCy
pipeline, and whether it is a real parent's message."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlu import intent_models
from nlu.topic_importer import configured_training_data


@dataclass(frozen=True)
class TrainingSet:
    texts: list[str]
    labels: np.ndarray
    is_real: np.ndarray  # a real parent's message (its block names a `source:` page)


def load_training_set(repo: Path) -> TrainingSet:
    training = configured_training_data(repo).intent_examples
    return TrainingSet(
        texts=[m.get("text") for m in training],
        labels=np.array([m.get("intent") for m in training]),
        is_real=np.array([bool(intent_models.real_source(m.get("metadata"))) for m in training]),
    )


def spacy_lemmatiser(repo: Path) -> Callable[[str], str]:
    """Text -> its lemmas (abbreviations expanded) from models/spacy_send, exactly as in Rasa."""
    import spacy

    nlp = spacy.load(repo / "models" / "spacy_send")

    def lemmas(text: str) -> str:
        return " ".join(t.lemma_ or t.text for t in nlp(text))

    return lemmas
