"""Patterns first, then the learned model: a message shows risk when a pattern fires, or when
the model's score reaches its threshold and no pattern saw the risk words negated. A score just
below that threshold (from the model's check threshold up) asks the parent instead."""

from dataclasses import dataclass, replace

from .detector import Risk, clean_text, detect, staff_named, whose_in
from .learned import RiskModel

# Staff are named beside an injury or an allegation: the DSL and the LADO must hear of it.
_STAFF_CATEGORIES = ("abuse", "restraint_injury")


@dataclass(frozen=True)
class Assessment:
    risk: Risk
    # No risk found, but the model is unsure enough that the parent should be asked.
    check: bool = False


class RiskDetector:
    def __init__(self, model: RiskModel | None = None):
        # None: the patterns alone (before training, and in unit tests of the component).
        self.model = model

    def detect(self, text: str) -> Risk:
        return self.assess(text).risk

    def assess(self, text: str) -> Assessment:
        risk = detect(text)
        if risk or risk.negated or self.model is None:
            return Assessment(risk)
        score = self.model.score(text)
        if score < self.model.threshold:
            # A model trained before the check threshold existed never asks.
            check_from = getattr(self.model, "check_threshold", self.model.threshold)
            return Assessment(risk, check=score >= check_from)
        category = self.model.category(text)
        clean = clean_text(text)
        return Assessment(
            replace(
                risk,
                categories=(category,),
                who=whose_in(clean) if category == "self_harm_suicide" else (),
                staff=category == "restraint_injury"
                or (category in _STAFF_CATEGORIES and staff_named(clean)),
                rules=(f"learned:{score:.2f}",),
            )
        )
