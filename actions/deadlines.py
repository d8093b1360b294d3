"""Rasa action: work out a statutory deadline from the parent's own date.

Thin on purpose: reading dates and the arithmetic live in advice/deadlines.py, the wording in
replies/deadlines.py.
"""

import datetime as dt
import json
import logging
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from advice import date_mentions, date_worker, deadlines
from knowledge import KnowledgeUnavailable
from replies import deadlines as wording

from .context import button_payload, last_turn_buttons, last_turn_texts
from .resilience import resilient
from .safety_check import asks_safety_first

log = logging.getLogger(__name__)
date_worker.warm_up()  # the action server starts the date worker with itself
SLOT = "deadline_kind"
INTENT = "deadline_calculation"


LONDON = ZoneInfo("Europe/London")


def uk_today(now: dt.datetime | None = None) -> dt.date:
    """Today in England, whatever the server's time zone (``now``, time-zone aware, for tests)."""
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(LONDON).date()


def _known(kind: str | None) -> str | None:
    return kind if kind in deadlines.KINDS else None


def answers_date_question(tracker: Tracker) -> bool:
    """The message gives the date just asked for ("the draft came on 2 November"), whatever the
    classifier made of it (the draft plan topic)."""
    text = tracker.latest_message.get("text") or ""
    kind = _known(tracker.get_slot(SLOT))
    return bool(
        kind
        and not text.startswith("/")
        and wording.DATE_QUESTIONS.get(kind) in last_turn_texts(tracker)
        and date_mentions.SAYS_A_DATE.search(text)
    )


def asks_deadline_with_date(tracker: Tracker) -> bool:
    """A deadline the calculator knows, asked for with its date in the same sentence ("what's
    the deadline for a tribunal appeal if the decision letter was 3 July 2026?"), when the
    classifier was unsure. A story with "when" in one sentence and a date in another is not."""
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/") or not deadlines.detect_deadline_kind(text):
        return False
    return date_mentions.asks_when_with_date(text)


def _offered_kind(tracker: Tracker) -> str | None:
    """The deadline of a "Work out my dates" button just shown ("when do I have to reply?")."""
    for button in last_turn_buttons(tracker):
        intent, values = button_payload(button)
        if intent == INTENT and _known(values.get(SLOT)):
            return values[SLOT]
    return None


@asks_safety_first
@resilient
class ActionCalculateDeadline(Action):
    def __init__(self, today: Callable[[], dt.date] = uk_today):
        # Injected for tests; Rasa builds the action with no arguments.
        self.today = today

    def name(self) -> str:
        return "action_calculate_deadline"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        return await calculate_deadline(dispatcher, tracker, self.today)


async def calculate_deadline(
    dispatcher: CollectingDispatcher, tracker: Tracker, clock: Callable[[], dt.date] = uk_today
) -> list[dict]:
    """The deadline the parent asks about, from their date; else which deadline, or the date."""
    text = tracker.latest_message.get("text") or ""
    # A button's entity first, then the kind we asked the date for, then the words used.
    kind = (
        _known(next(tracker.get_latest_entity_values(SLOT), None))
        or _known(tracker.get_slot(SLOT))
        or deadlines.detect_deadline_kind(text)
        or _offered_kind(tracker)
    )
    if kind is None:
        dispatcher.utter_message(
            text=wording.WHICH_DEADLINE,
            buttons=[
                {"title": title, "payload": f"/{INTENT}{json.dumps({SLOT: k})}"}
                for k, title in wording.KIND_CHOICES
            ],
        )
        return []
    try:
        today = clock()
        # Bounded text, in a worker process, with a timeout: other conversations go on.
        result = await date_worker.work_out(kind, text, today)
    except KnowledgeUnavailable:
        log.exception("cannot read the timescales")
        dispatcher.utter_message(text=wording.CANNOT_CALCULATE)
        return [SlotSet(SLOT, None)]
    if isinstance(result, deadlines.DateProblem):
        # Keep the kind so the parent's next message ("3 March") is read as its date.
        question = wording.DATE_QUESTIONS[kind]
        dispatcher.utter_message(text=question if result.kind == "missing" else result.message)
        return [SlotSet(SLOT, kind)]
    dispatcher.utter_message(text=wording.format_deadline_answer(result, today))
    picture = deadlines.timeline(result, today)
    if picture:
        # The same dates as a custom payload: the widget draws them; REST clients get the JSON.
        dispatcher.utter_message(json_message={"timeline": picture})
    return [SlotSet(SLOT, None)]
