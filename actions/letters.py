"""Rasa action: offer and write a letter for the parent, addressed for their council.

The letter is sent as chat text and, in a `custom` payload, for the web widget to offer as
a download. The child's details stay as placeholders: this action sets no slot but
`letter_kind`, and never copies anything the parent typed into the letter.
"""

import json
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from advice import letters
from knowledge import KnowledgeUnavailable
from replies import phrases, render

from .context import current_place
from .escalation import ASKS_FOR_A_LETTER, continue_ladder_if_steps_told
from .resilience import resilient
from .safety_check import asks_safety_first

log = logging.getLogger(__name__)
SLOT = "letter_kind"
INTENT = "request_letter"
# Letters to the council's SEN team. The sources give no council's address for these letters
# (Stockton's SEN team is for "further help or advice"), so the parent adds it.
_COUNCIL_LETTERS = {
    "request_assessment",
    "chase_deadline",
    "early_review",
    "provision_not_delivered",
}


@asks_safety_first
@resilient
class ActionOfferLetter(Action):
    def name(self) -> str:
        return "action_offer_letter"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict]:
        chosen = next(tracker.get_latest_entity_values(SLOT), None)
        text = tracker.latest_message.get("text") or ""
        # "I wrote to the head" tells a step taken (the classifier hears a letter).
        if chosen is None and not ASKS_FOR_A_LETTER.search(text):
            steps_told = continue_ladder_if_steps_told(dispatcher, tracker, in_reply_only=False)
            if steps_told is not None:
                return steps_told
        return offer_letter(dispatcher, tracker, chosen)


def offer_letter(dispatcher: CollectingDispatcher, tracker: Tracker, chosen: str | None) -> list:
    """Write the letter `chosen` (a button, or a typed yes to one), else the one the
    conversation or the message points to, else ask which letter."""
    known = {t.id: t for t in letters.available_letters()}
    text = tracker.latest_message.get("text") or ""
    candidates = (
        chosen,
        tracker.get_slot(SLOT),
        None if text.startswith("/") else letters.detect_letter_kind(text),
    )
    kind = next((k for k in candidates if k in known), None)
    if kind is None:
        dispatcher.utter_message(
            text=phrases.WHICH_LETTER,
            buttons=[
                {"title": t.button, "payload": f"/{INTENT}{json.dumps({SLOT: t.id})}"}
                for t in known.values()
            ],
        )
        return []
    try:
        place = current_place(tracker)
        facts = (
            {"deadline_kind": tracker.get_slot("deadline_kind")} if kind == "chase_deadline" else {}
        )
        letter = letters.render_letter(kind, place, {k: v for k, v in facts.items() if v})
    except KnowledgeUnavailable:
        log.exception("cannot read the knowledge base for a letter")
        dispatcher.utter_message(text=phrases.CANNOT_WRITE_LETTER)
        return [SlotSet(SLOT, None)]
    dispatcher.utter_message(text=_intro(kind, letter, place))
    # json_message is the SDK's name for the `custom` payload the widget reads.
    dispatcher.utter_message(
        text=letter.text,
        json_message={
            "letter": {"title": letter.title, "filename": letter.filename, "text": letter.text}
        },
    )
    return [SlotSet(SLOT, None)]


def _intro(kind: str, letter, place) -> str:
    # The sources give no council's address for these letters: the parent adds it (issue 10).
    return render.letter_intro(letter.title, None, to_council=kind in _COUNCIL_LETTERS)
