"""A Rasa intent classifier: TF-IDF word and character n-grams with a linear SVM and calibrated
confidences, optionally scoring each sentence of a long message too.

Parents write short, misspelt, informal messages and long, multi-issue ones. On this data a
linear model over lemmatised word n-grams (from the project's spaCy pipeline, abbreviations
expanded) and character n-grams generalises well, trains in seconds and answers in a few
milliseconds. Its confidences are calibrated on the training data by cross-validation
(nlu/intent_models.py), so FallbackClassifier's threshold means "how likely to be right".
The models compared for issue 12 are in nlu/intent_models.py; scripts/compare_classifiers.py
measures them and docs/nlu.md records the figures. `features` picks the model: "tfidf"
(default, linear SVM), "tfidf-logistic" (the earlier logistic regression), "embeddings",
"tfidf+embeddings" (both feature sets) or "tfidf|embeddings" (both models' confidences
averaged), optionally with "@real<K>": real parents' messages (training blocks whose metadata
names their `source:` page) count K times; `sentence_scoring` mixes in each sentence's score for
long messages.
"""

from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu import spacy_memory
from nlu.fingerprints import CLASSIFIER_INPUTS, files_digest
from nlu.intent_models import SentenceScoring, model_for, real_message_weights, real_source
from nlu.sentence_embedding import kept_for_training

# Rasa imports this module with the model: from then on spaCy's memory stays bounded.
spacy_memory.install()

MODEL_FILE = "tfidf_intent_classifier.joblib"


def features_text(message: Message) -> str:
    """The message as lemmas ('spoke' -> 'speak', 'DS' -> 'son'), falling back to its text."""
    tokens = message.get("text_tokens") or []
    lemmas = [getattr(t, "lemma", None) or getattr(t, "text", "") for t in tokens]
    return " ".join(lemmas) if lemmas else (message.get(TEXT) or "")


def sentence_lemmatiser(message: Message):
    """Lemma text of one sentence of the message, from the spaCy tokenizer's tokens."""
    text, tokens = message.get(TEXT) or "", message.get("text_tokens") or []

    def lemmatise(sentence: str) -> str:
        start = text.find(sentence)
        if start < 0 or not tokens:
            return sentence.lower()
        end = start + len(sentence)
        return " ".join(
            getattr(t, "lemma", None) or t.text for t in tokens if t.start >= start and t.end <= end
        )

    return lemmatise


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TfidfIntentClassifier(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"features": "tfidf", "sentence_scoring": False, "ranking_length": 10}

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
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """Retrain when the features' code, the spaCy pipeline or the encoder changes."""
        return files_digest(CLASSIFIER_INPUTS)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TfidfIntentClassifier":
        try:
            model_for(config["features"])
        except ValueError as error:
            raise ValueError(f"TfidfIntentClassifier: {error}") from None
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT)]
        labels = [e.get(INTENT) for e in examples]
        self.model = None
        if len(set(labels)) >= 2:
            # Real parents' messages count `@real<K>` times beside the written examples.
            is_real = [bool(real_source(e.get("metadata"))) for e in examples]
            with kept_for_training():
                self.model = model_for(self.config["features"]).fit(
                    [e.get(TEXT) for e in examples],
                    [features_text(e) for e in examples],
                    labels,
                    real_message_weights(self.config["features"], is_real),
                )
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
        if self.model is None or not message.get(TEXT):
            return None
        model = (
            SentenceScoring(self.model, lemmatise=sentence_lemmatiser(message))
            if self.config["sentence_scoring"]
            else self.model
        )
        ranked = model.rank(message.get(TEXT), features_text(message))[
            : self.config["ranking_length"]
        ]
        return [{"name": name, "confidence": confidence} for name, confidence in ranked]
