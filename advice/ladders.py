"""Walking an escalation ladder: the next step, and the steps a message says were taken."""

from collections.abc import Iterable

from knowledge import LadderView, Place, ServiceView, StepView
from knowledge.names import normalise


def next_step(ladder: LadderView, tried: Iterable[str]) -> StepView | None:
    """The step after the furthest one tried (the head implies the teacher came first)."""
    tried = set(tried or ())
    furthest = max((i for i, s in enumerate(ladder.steps) if s.key in tried), default=-1)
    return ladder.steps[furthest + 1] if furthest + 1 < len(ladder.steps) else None


def steps_mentioned(ladder: LadderView, text: str) -> list[str]:
    """Steps a message says were taken ('spoke to the SENCO and the head'), in ladder order."""
    words = f" {normalise(text)} "
    return [
        step.key
        for step in ladder.steps
        if any(f" {normalise(phrase)} " in words for phrase in step.mentions)
    ]


def step_contact(step: StepView, place: Place) -> ServiceView | None:
    """The council's service for a step, or its IASS where the council has no such service.

    The chat and the staff page both use this, so they always name the same contact.
    """
    return place.service(step.contact_kind) or place.service("iass")
