"""A Rasa NLU component that gives the crisis reply when, and only when, there is real risk.

The risk detector (nlu/risk: patterns, then a learned model trained here, in `train`, on the
labelled safety sets and the NLU examples) decides, not the intent classifier:
- a message with real risk is `safety_concern` with full confidence, whatever the classifier
  thought; its categories go into the parse data as `risk`, and the classifier's best SEND
  topic as `risk.also_intent`, so the safety action can give the right contacts first and then
  answer the parent's question;
- a message without risk never ends as `safety_concern`: if the classifier picked it (upset
  words look like the training examples), the next intent in its ranking takes over, or the
  fallback when that one is unsure;
- a message the learned model is unsure of (a score just below its threshold) keeps its intent
  and gets `safety_check: true` in the parse data: the action answering it first asks whether
  anyone is at risk right now (actions/safety_check.py), without the crisis numbers.

Typed payloads: Rasa's RegexMessageHandler runs after the whole NLU pipeline and replaces the
intent of any text starting with "/" (`/greet{"council":"x"} I want to kill myself` would get a
greeting). This component sees the raw text first; when it finds risk in such a message it hands
on the text without the payload, so the handler leaves the safety intent alone.
"""

import re
from pathlib import Path
from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu import spacy_memory
from nlu.fingerprints import FEATURE_INPUTS, files_digest
from nlu.intents import CONVERSATION_INTENTS, FALLBACK_INTENT, SAFETY_CHECK_KEY
from nlu.risk.combined import RiskDetector
from nlu.risk.learned import RiskModel
from nlu.risk.sets import training_examples, training_files
from nlu.sentence_embedding import warm_up

spacy_memory.install()  # as in nlu/tfidf_intent_classifier.py: whichever Rasa imports first

RISK_KEY = "risk"
# Intents that are never "the SEND question" asked beside a risk.
NOT_A_QUESTION = CONVERSATION_INTENTS | {"bot_capabilities", "privacy", FALLBACK_INTENT}
# `/intent` or `/intent@0.9{...json...}` at the start of a message (the RegexMessageHandler syntax).
_PAYLOAD = re.compile(r"^\s*/[^\s{@]*(?:@[0-9.]*)?(?:\{.*?\}(?=\s|$))?", re.DOTALL)
MODEL_FILE = "risk_model.joblib"
RISK_CODE = Path(__file__).resolve().parent / "risk"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SafetyNet(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # also_threshold: how sure the classifier must be of a SEND topic, once the safety intent
        # is set aside, to answer it after the crisis contacts.
        return {
            "intent": "safety_concern",
            "fallback_threshold": 0.3,
            "also_threshold": 0.3,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model: RiskModel | None = None,
        model_storage: ModelStorage | None = None,
        resource: Resource | None = None,
    ):
        # model None: the patterns alone (before training; unit tests of the overriding logic).
        self.config = {**self.get_default_config(), **(config or {})}
        self.intent = self.config["intent"]
        self.detector = RiskDetector(model)
        self._storage, self._resource = model_storage, resource

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """The labelled safety sets live outside Rasa's training data, and the detector's code
        (patterns, features, threshold rule) is not part of Rasa's fingerprint, nor are the
        abbreviations and the encoder its features read: retrain when any changes, or Rasa's
        cache would hand back a model trained under the old code."""
        return files_digest((*training_files(), *sorted(RISK_CODE.glob("*.py")), *FEATURE_INPUTS))

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyNet":
        return cls(config, None, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        model = RiskModel.fit(training_examples(training_data.intent_examples, self.intent))
        self.detector = RiskDetector(model)
        with self._storage.write_to(self._resource) as directory:
            joblib.dump(model, directory / MODEL_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "SafetyNet":
        # A trained model without its risk model would silently lose the learned half: fail loudly.
        with model_storage.read_from(resource) as directory:
            model = joblib.load(directory / MODEL_FILE)
        # The risk model reads every message's sentence embedding (as the intent classifier does).
        warm_up()
        return cls(config, model, model_storage, resource)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            assessment = self.detector.assess(text)
            risk = assessment.risk
            others = [
                r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get("name") != self.intent
            ]
            if risk:
                self._flag(message, risk, others, text)
                continue
            if (message.get(INTENT) or {}).get("name") == self.intent and not _is_payload(text):
                self._demote(message, others)
            if assessment.check and not _is_payload(text):
                message.set(SAFETY_CHECK_KEY, True, add_to_output=True)
        return messages

    def _flag(self, message: Message, risk, others: list[dict], text: str) -> None:
        override = {"name": self.intent, "confidence": 1.0}
        message.set(INTENT, override, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [override] + others, add_to_output=True)
        message.set(
            RISK_KEY,
            {**risk.as_dict(), "also_intent": self._also_intent(others)},
            add_to_output=True,
        )
        if _is_payload(text):
            message.set(TEXT, _without_payload(text))

    def _also_intent(self, others: list[dict]) -> str | None:
        """The SEND topic the message also asks about, when the classifier is sure enough of it."""
        total = sum(r.get("confidence", 0.0) for r in others) or 1.0
        for ranked in others:
            if ranked.get("name") in NOT_A_QUESTION:
                continue
            # Renormalised without the safety intent, which takes most of the weight.
            if ranked.get("confidence", 0.0) / total >= self.config["also_threshold"]:
                return ranked["name"]
            return None
        return None

    def _demote(self, message: Message, others: list[dict]) -> None:
        best = next((r for r in others if r.get("name") != FALLBACK_INTENT), None)
        if best is None or best.get("confidence", 0.0) < self.config["fallback_threshold"]:
            best = {
                "name": FALLBACK_INTENT,
                "confidence": self.config["fallback_threshold"],
            }
            others = [best] + [r for r in others if r.get("name") != FALLBACK_INTENT]
        message.set(
            INTENT,
            {"name": best["name"], "confidence": best.get("confidence", 0.0)},
            add_to_output=True,
        )
        message.set(INTENT_RANKING_KEY, others, add_to_output=True)


def _is_payload(text: str) -> bool:
    return text.lstrip().startswith("/")


def _without_payload(text: str) -> str:
    """The words typed after a payload; else the payload's own text without the slash."""
    rest = _PAYLOAD.sub("", text, count=1).strip()
    return rest or text.lstrip().lstrip("/")
