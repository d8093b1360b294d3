"""A Rasa NLU component that puts safety first.

Whatever the classifier predicted, a message with a sign that someone may be at risk
is classified as `safety_concern` with full confidence, so the emergency and crisis
contacts always come first. The phrases live in safety_phrases.yml beside this file.
"""

import re
from pathlib import Path
from typing import Any

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

PHRASES_FILE = Path(__file__).with_name("safety_phrases.yml")


def load_patterns(path: Path = PHRASES_FILE) -> list[re.Pattern]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["patterns"]
    return [re.compile(p, re.IGNORECASE) for p in raw]


def signals_risk(text: str, patterns: list[re.Pattern]) -> bool:
    return any(p.search(text or "") for p in patterns)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyNet(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent": "safety_concern"}

    def __init__(self, config: dict[str, Any]):
        self.intent = config["intent"]
        self.patterns = load_patterns()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyNet":
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if signals_risk(message.get(TEXT), self.patterns):
                override = {"name": self.intent, "confidence": 1.0}
                ranking = [
                    r
                    for r in (message.get(INTENT_RANKING_KEY) or [])
                    if r.get("name") != self.intent
                ]
                message.set(INTENT, override, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [override] + ranking, add_to_output=True)
        return messages
