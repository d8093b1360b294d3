"""Rasa action: work out a statutory deadline from the parent's own date.

Thin on purpose: reading dates, the arithmetic and the wording live in knowledge/deadlines.py.
"""
import datetime as dt
import json
import logging
from typing import Any, Callable, Dict, List, Optional, Text
from zoneinfo import ZoneInfo

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge import deadlines
from knowledge.errors import KnowledgeUnavailable
from .resilience import resilient

log = logging.getLogger(__name__)
SLOT = "deadline_kind"
INTENT = "deadline_calculation"


def uk_today() -> dt.date:
    """Today in England, whatever the server's time zone."""
    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def _known(kind: Optional[str]) -> Optional[str]:
    return kind if kind in deadlines.KINDS else None


@resilient
class ActionCalculateDeadline(Action):
    def __init__(self, today: Callable[[], dt.date] = uk_today, kb=None):
        # Injected for tests; Rasa builds the action with no arguments.
        self.today, self.kb = today, kb

    def name(self) -> Text:
        return "action_calculate_deadline"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict]:
        text = tracker.latest_message.get("text") or ""
        # A button's entity first, then the kind we asked the date for, then the words used.
        kind = (_known(next(tracker.get_latest_entity_values(SLOT), None))
                or _known(tracker.get_slot(SLOT))
                or deadlines.detect_deadline_kind(text))
        if kind is None:
            dispatcher.utter_message(text="Which deadline would you like me to work out?", buttons=[
                {"title": title, "payload": f"/{INTENT}{json.dumps({SLOT: k})}"}
                for k, title in deadlines.KIND_CHOICES])
            return []
        try:
            today = self.today()
            result = deadlines.work_out(kind, text, today, kb=self.kb)
        except KnowledgeUnavailable:
            log.exception("cannot read the timescales")
            dispatcher.utter_message(text="Sorry, I can't work out deadlines just now. Your local IASS can help "
                                          "you check the dates.")
            return [SlotSet(SLOT, None)]
        if isinstance(result, deadlines.DateProblem):
            # Keep the kind so the parent's next message ("3 March") is read as its date.
            question = deadlines.DATE_QUESTIONS[kind]
            dispatcher.utter_message(text=question if result.kind == "missing" else result.message)
            return [SlotSet(SLOT, kind)]
        dispatcher.utter_message(text=deadlines.format_deadline_answer(result, today))
        picture = deadlines.timeline(result, today, kb=self.kb)
        if picture:
            # The same dates as a custom payload: the widget draws them; REST clients get the JSON.
            dispatcher.utter_message(json_message={"timeline": picture})
        return [SlotSet(SLOT, None)]
