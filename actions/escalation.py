"""Walking a parent up the escalation ladder for their concern, remembering what they have tried."""

import re
from collections import Counter
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from advice import ladders
from nlu import abbreviations, cues
from replies import phrases, render

from . import slot_kinds
from .context import (
    button_payload,
    current_place,
    entity_values,
    is_staff,
    kb,
    last_turn_buttons,
    latest_intent,
    plain_words,
    previous_intent,
)
from .resilience import resilient
from .safety_check import asks_safety_first

DEFAULT_LADDER = "school_not_meeting_needs"
STEPS_TAKEN = "steps_taken"
PATH_INTENT = "escalation_path"
NOTHING_YET = "none"


def ladder_for(tracker: Tracker) -> str:
    """The ladder the message starts (or, asking for a path, names), else the one under way,
    else the school ladder."""
    intent = latest_intent(tracker)
    started = next((lad.id for lad in kb().ladders() if lad.intent == intent), None)
    requested = next((v for v in entity_values(tracker, "ladder") if kb().ladder(v)), None)
    if intent == PATH_INTENT and not requested:
        requested = ladder_named_in(tracker.latest_message.get("text") or "")
    remembered = slot_kinds.ladder(tracker.get_slot("ladder"))
    return requested or started or remembered or DEFAULT_LADDER


def ladder_named_in(text: str) -> str | None:
    """The ladder the message names ("the ladder for transport", "escalation path for
    exclusions"): its topics' cue words, and the words of its title, counted."""
    with_ladder = [t for t in kb().topics() if t.ladder]
    hits = cues.cue_hits_by_topic(text, {t.id: t.cues for t in with_ladder})
    counts = Counter()
    for topic in with_ladder:
        counts[topic.ladder] += len(hits[topic.id])
    said = _stems(abbreviations.expand(text))
    for ladder in kb().ladders():
        counts[ladder.id] += len(said & _stems(ladder.title))
    ranked = counts.most_common(2) + [(None, 0)]
    (best, score), (_, runner_up) = ranked[0], ranked[1]
    return best if score and score > runner_up else None


# Words in every ladder's title or request: they tell no ladder from another.
_NOT_NAMING = {"child", "my", "the", "council", "school", "escal", "ladde", "path", "steps"}


def _stems(text: str) -> set[str]:
    """Words of 4 letters or more, cut to 5 ('exclusions' and 'excluded' -> 'exclu')."""
    words = {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())}
    return words - _NOT_NAMING


def tried_steps(tracker: Tracker, ladder_id: str) -> list[str]:
    prefix = f"{ladder_id}:"
    remembered = slot_kinds.steps_tried(tracker.get_slot("steps_tried")) or []
    return [s[len(prefix) :] for s in remembered if s.startswith(prefix)]


@asks_safety_first
@resilient
class ActionEscalation(Action):
    def name(self) -> str:
        return "action_escalation"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        return escalate(
            dispatcher, tracker, entity_values(tracker, "step") or _step_just_offered(tracker)
        )


def escalate(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    chosen: list[str],
    ladder_id: str | None = None,
) -> list[dict]:
    """The next step of the ladder under way (or `ladder_id`), from the steps `chosen` (a button,
    or a typed answer to one: actions/typed_answers.py), those the message tells and those
    remembered."""
    ladder_id = ladder_id or ladder_for(tracker)
    ladder, place, base = kb().ladder(ladder_id), current_place(tracker), kb()
    heard = ladders.steps_heard(ladder, tracker.latest_message.get("text") or "")
    clicked = [v for v in chosen if v == NOTHING_YET or ladder.step(v)]
    tried = list(
        dict.fromkeys(
            tried_steps(tracker, ladder_id)
            + heard.done
            + [key for c in clicked if c != NOTHING_YET for key in ladders.reached(ladder, c)]
        )
    )
    events = [
        SlotSet("ladder", ladder_id),
        SlotSet("steps_tried", _merge(tracker, ladder_id, tried)),
    ]
    if place:
        events.append(SlotSet("council", place.name))

    if not tried and not clicked and not heard.asked:
        dispatcher.utter_message(text=render.ask_what_tried(), buttons=_step_buttons(ladder))
        return events
    # A step the parent asks about, or has coming up, is the one to explain.
    step = ladder.step(heard.asked[0]) if heard.asked else ladders.next_step(ladder, tried)
    if step is None:
        dispatcher.utter_message(
            text=render.ladder_finished_reply(ladder, place, base.national_services())
        )
        return events
    dispatcher.utter_message(
        text=render.step_reply(
            ladder,
            step,
            place,
            tried,
            base.national_services(),
            is_staff(tracker),
            asked=bool(heard.asked),
        ),
        buttons=[
            {"title": phrases.STEP_DONE, "payload": f'/steps_taken{{"step": "{step.key}"}}'},
            {
                "title": phrases.WHOLE_PATH,
                "payload": f'/escalation_path{{"ladder": "{ladder_id}"}}',
            },
        ],
    )
    return events


@asks_safety_first
@resilient
class ActionEscalationPath(Action):
    """The whole ladder in one reply, for helpline staff and parents who want the overview."""

    def name(self) -> str:
        return "action_escalation_path"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        return show_path(dispatcher, tracker, ladder_for(tracker))


def show_path(dispatcher: CollectingDispatcher, tracker: Tracker, ladder_id: str) -> list[dict]:
    place = current_place(tracker)
    others = [lad for lad in kb().ladders() if lad.id != ladder_id]
    dispatcher.utter_message(
        text=render.ladder_reply(kb().ladder(ladder_id), place),
        buttons=[
            {"title": lad.title, "payload": f'/escalation_path{{"ladder": "{lad.id}"}}'}
            for lad in others
        ],
    )
    return [SlotSet("council", place.name)] if place else []


# Longer messages are taken as new questions, answered by their intent.
MAX_WORDS_OF_AN_ANSWER = 15
# Words that ask for a letter rather than tell one was sent ("help me write to the head").
ASKS_FOR_A_LETTER = re.compile(
    r"\b(?:letter|draft|template|help me|can you|could you|would you|write|writing)\b", re.I
)


# "what next?", "ok what now", "what do I do next": the next step, or the whole path after one.
WHAT_NEXT = re.compile(
    r"(?:(?:ok|okay|so|right|and|then)\s)?(?:"
    r"(?:(?:whats?|what is|what happens)\s(?:next|now)"
    r"|what (?:do|can|should) (?:i|we) do(?:\s(?:next|now|about it))?)(?:\s(?:then|please))?"
    r"|(?:whats|what is) the next step|now what|next steps?|then what)"
)


def typed_what_next(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict] | None:
    """ "What next?" with a ladder in context: what "What can I do next?" gives; just after a
    step, the whole path (what comes after it); just after "what have you tried so far?", the
    first step. Just after a topic with no ladder, its next step and IASS. Else None."""
    if not WHAT_NEXT.fullmatch(plain_words(tracker.latest_message.get("text") or "")):
        return None
    buttons = last_turn_buttons(tracker)
    if asked_what_tried(buttons):  # asked again instead of answering: nothing tried yet
        ladder_id = ladder_in_context(tracker, buttons)
        return escalate(dispatcher, tracker, [NOTHING_YET], ladder_id=ladder_id)
    topic = kb().topic(previous_intent(tracker))
    if topic and not topic.ladder and not topic.about_assistant and not offers_steps(buttons):
        # Just after a topic with no ladder (exam access): its next step, not an older ladder's.
        from .answers import next_buttons  # answers and support import this module
        from .support import handoff

        intro = phrases.topic_next_step_again(topic.title, topic.next_step)
        return handoff(dispatcher, tracker, intro=intro, buttons=tuple(next_buttons(topic)))
    ladder_id = ladder_in_context(tracker, buttons)
    if ladder_id is None:
        return None
    if phrases.STEP_DONE in {b.get("title") for b in buttons}:
        return show_path(dispatcher, tracker, ladder_id)
    return escalate(dispatcher, tracker, [], ladder_id=ladder_id)


def ladder_in_context(tracker: Tracker, buttons: list[dict]) -> str | None:
    """The ladder the last turn's `buttons` offered ("What can I do next?", a step), else the one
    remembered (set by the last ladder or topic with a ladder)."""
    for button in buttons:
        intent, values = button_payload(button)
        if intent == STEPS_TAKEN and kb().ladder(str(values.get("ladder") or "")):
            return str(values["ladder"])
    return slot_kinds.ladder(tracker.get_slot("ladder"))


def offers_steps(buttons: list[dict]) -> bool:
    """Whether these buttons offer the ladder (a step, "What can I do next?", "Nothing yet")."""
    return any(button_payload(b)[0] == STEPS_TAKEN for b in buttons)


def asked_what_tried(buttons: list[dict]) -> bool:
    """Whether these buttons ask "what have you tried so far?" (they offer "Nothing yet")."""
    return any(button_payload(b) == (STEPS_TAKEN, {"step": NOTHING_YET}) for b in buttons)


def reask_what_tried(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict] | None:
    """A reply to "what have you tried so far?" that tells no step and no clear question ("he's
    in year 4"): the question once more, with its buttons, rather than a guess at a topic.
    None if the last turn did not ask it."""
    buttons = last_turn_buttons(tracker)
    if not asked_what_tried(buttons):
        return None
    dispatcher.utter_message(text=phrases.WHICH_STEP_AGAIN, buttons=buttons)
    return []


def continue_ladder_if_steps_told(
    dispatcher: CollectingDispatcher, tracker: Tracker, *, in_reply_only: bool = True
) -> list[dict] | None:
    """Steps of the ladder in context told as done, none asked about, in a short message
    ("we've been to mediation already", "I wrote to the head"): the next step. Else None.

    The classifier reads such a message as its step's topic (mediation) or as asking for a
    letter ("wrote"), which answered something else and lost the ladder. With `in_reply_only`,
    only just after the assistant offered the ladder ("what have you tried so far?", a step).
    """
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/") or len(text.split()) > MAX_WORDS_OF_AN_ANSWER:
        return None
    buttons = last_turn_buttons(tracker)
    offered = offers_steps(buttons)
    ladder_id = ladder_in_context(tracker, buttons)
    if ladder_id is None or (in_reply_only and not offered):
        return None
    heard = ladders.steps_heard(kb().ladder(ladder_id), text)
    if not heard.done or heard.asked:
        return None
    return escalate(dispatcher, tracker, [], ladder_id=ladder_id)


def _step_just_offered(tracker: Tracker) -> list[str]:
    """A step taken but not named ("did that already"), just after a step was shown: that one."""
    text = tracker.latest_message.get("text") or ""
    if latest_intent(tracker) != STEPS_TAKEN or text.startswith("/"):
        return []
    if ladders.steps_heard(kb().ladder(ladder_for(tracker)), text) != ladders.StepsHeard([], []):
        return []
    for button in last_turn_buttons(tracker):
        _, values = button_payload(button)
        if button.get("title") == phrases.STEP_DONE and values.get("step"):
            return [str(values["step"])]
    return []


def _step_buttons(ladder) -> list:
    buttons = [
        {"title": phrases.NOTHING_YET, "payload": f'/steps_taken{{"step": "{NOTHING_YET}"}}'}
    ]
    return buttons + [
        {"title": s.who, "payload": f'/steps_taken{{"step": "{s.key}"}}'} for s in ladder.steps[:-1]
    ]


def _merge(tracker: Tracker, ladder_id: str, tried: list[str]) -> list[str] | None:
    remembered = slot_kinds.steps_tried(tracker.get_slot("steps_tried")) or []
    others = [s for s in remembered if not s.startswith(f"{ladder_id}:")]
    return others + [f"{ladder_id}:{key}" for key in tried]
