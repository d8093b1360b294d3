"""A Rasa intent classifier: TF-IDF word and character n-grams with logistic regression.

Parents write short, misspelt, informal messages, and each intent has a few dozen
examples. On this data a linear model over lemmatised word n-grams (from the project's
spaCy pipeline) and character n-grams generalises better than DIET, trains in seconds and
answers in well under a millisecond (see docs/benchmarks.md).
"""

from typing import Any

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union

MODEL_FILE = "tfidf_intent_classifier.joblib"


def features_text(message: Message) -> str:
    """The message as lemmas ('spoke' -> 'speak'), falling back to its text."""
    tokens = message.get("text_tokens") or []
    lemmas = [getattr(t, "lemma", None) or getattr(t, "text", "") for t in tokens]
    return " ".join(lemmas) if lemmas else (message.get(TEXT) or "")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "C": 30.0,
            "max_word_ngram": 2,
            "min_char_ngram": 2,
            "max_char_ngram": 5,
            "ranking_length": 10,
            "random_state": 42,
        }

    def __init__(
        self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, model=None
    ):
        self.config, self._storage, self._resource, self.model = (
            config,
            model_storage,
            resource,
            model,
        )

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TfidfIntentClassifier":
        return cls(config, model_storage, resource)

    def _new_model(self):
        c = self.config
        words = TfidfVectorizer(
            ngram_range=(1, c["max_word_ngram"]), sublinear_tf=True, lowercase=True
        )
        chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(c["min_char_ngram"], c["max_char_ngram"]),
            sublinear_tf=True,
            lowercase=True,
        )
        # Each text is given twice, as lemmas and as typed: word n-grams generalise over
        # inflections, character n-grams over typos.
        return make_pipeline(
            make_union(words, chars),
            LogisticRegression(C=c["C"], max_iter=5000, random_state=c["random_state"]),
        )

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT)]
        texts = [f"{features_text(e)} || {e.get(TEXT)}" for e in examples]
        labels = [e.get(INTENT) for e in examples]
        self.model = self._new_model()
        if len(set(labels)) >= 2:
            self.model.fit(texts, labels)
        with self._storage.write_to(self._resource) as directory:
            joblib.dump(self.model, directory / MODEL_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "TfidfIntentClassifier":
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            ranking = self.rank(message)
            if ranking:
                message.set(INTENT, ranking[0], add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def rank(self, message: Message) -> list[dict[str, Any]] | None:
        if self.model is None or not hasattr(self.model, "classes_") or not message.get(TEXT):
            return None
        proba = self.model.predict_proba([f"{features_text(message)} || {message.get(TEXT)}"])[0]
        order = np.argsort(proba)[::-1][: self.config["ranking_length"]]
        return [{"name": str(self.model.classes_[i]), "confidence": float(proba[i])} for i in order]
