"""Walking an escalation ladder: the next step, and what a message says of each step."""

from collections.abc import Iterable
from dataclasses import dataclass

from knowledge import LadderView, Place, ServiceView, StepView

from . import step_talk


def next_step(ladder: LadderView, tried: Iterable[str]) -> StepView | None:
    """The first step not tried after the furthest one tried (the head implies the teacher came
    first; a step taken at any stage, such as asking the council, implies nothing before it),
    passing over any step that does not follow a step taken (its `not_after`)."""
    tried = set(tried or ())
    furthest = max(
        (i for i, s in enumerate(ladder.steps) if s.key in tried and not s.any_time), default=-1
    )
    later = ladder.steps[furthest + 1 :]
    return next(
        (s for s in later if s.key not in tried and not tried.intersection(s.not_after)), None
    )


def reached(ladder: LadderView, key: str) -> list[str]:
    """A step chosen as the furthest reached ("what have you tried so far?"): the step, and for
    an any-time step the steps before it too, which next_step would not otherwise assume."""
    step = ladder.step(key)
    if step is None or not step.any_time:
        return [key]
    keys = [s.key for s in ladder.steps]
    return keys[: keys.index(key) + 1]


@dataclass(frozen=True)
class StepsHeard:
    """Steps a message says were taken, and steps it asks about or has still to come."""

    done: list[str]
    asked: list[str]


def steps_heard(ladder: LadderView, text: str) -> StepsHeard:
    """'Spoke to the SENCO and the head' -> done; 'should I go to the governors?' -> asked."""
    clauses = step_talk.clauses(text)  # split once: a long message has many clauses
    how = {step.key: step_talk.read(clauses, list(step.mentions)) for step in ladder.steps}
    return StepsHeard(
        done=[key for key, said in how.items() if said == step_talk.DONE],
        asked=[key for key, said in how.items() if said == step_talk.ASKED],
    )


def step_contact(step: StepView, place: Place) -> ServiceView | None:
    """The council's service for a step, or its IASS where the council has no such service.

    The chat and the staff page both use this, so they always name the same contact.
    """
    return place.service(step.contact_kind) or place.service("iass")
