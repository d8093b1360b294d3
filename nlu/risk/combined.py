"""Patterns first, then the learned model: a message shows risk when a pattern fires, or when
the model's score reaches its threshold and no pattern saw the risk words negated."""

from dataclasses import replace

from .detector import Risk, clean_text, detect, staff_named, whose_in
from .learned import RiskModel

# Staff are named beside an injury or an allegation: the DSL and the LADO must hear of it.
_STAFF_CATEGORIES = ("abuse", "restraint_injury")


class RiskDetector:
    def __init__(self, model: RiskModel | None = None):
        # None: the patterns alone (before training, and in unit tests of the component).
        self.model = model

    def detect(self, text: str) -> Risk:
        risk = detect(text)
        if risk or risk.negated or self.model is None:
            return risk
        score = self.model.score(text)
        if score < self.model.threshold:
            return risk
        category = self.model.category(text)
        clean = clean_text(text)
        return replace(
            risk,
            categories=(category,),
            who=whose_in(clean) if category == "self_harm_suicide" else (),
            staff=category == "restraint_injury"
            or (category in _STAFF_CATEGORIES and staff_named(clean)),
            rules=(f"learned:{score:.2f}",),
        )
