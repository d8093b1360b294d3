"""What the actions need to know about the conversation: council, mode and escalation memory."""

import json
import re

from rasa_sdk import Tracker

from advice.issues import EarlierMessage
from knowledge import Place, default_kb
from replies import phrases


def kb():
    """The knowledge base every action uses (tests point `actions.context.default_kb` elsewhere)."""
    return default_kb()


def metadata(tracker: Tracker) -> dict:
    return (tracker.latest_message or {}).get("metadata") or {}


def is_staff(tracker: Tracker) -> bool:
    """The staff page marks every message; staff replies carry full details and citations."""
    return metadata(tracker).get("mode") == "staff"


def latest_entity(tracker: Tracker, name: str) -> str | None:
    values = [
        e.get("value")
        for e in (tracker.latest_message or {}).get("entities", [])
        if e.get("entity") == name
    ]
    return values[-1] if values else None


def entity_values(tracker: Tracker, name: str) -> list[str]:
    return [
        e.get("value")
        for e in (tracker.latest_message or {}).get("entities", [])
        if e.get("entity") == name
    ]


def current_place(tracker: Tracker) -> Place | None:
    """The council named in this message, else the remembered one, else the widget's council."""
    knowledge = kb()
    for candidate in (
        latest_entity(tracker, "council"),
        tracker.get_slot("council"),
        metadata(tracker).get("council"),
    ):
        place = (
            knowledge.find_place(candidate) if isinstance(candidate, str) and candidate else None
        )
        if place:
            return place
    return None


# Words that say the place right after them is where the family lives ("we live in Corby",
# "I'm in Southampton", "we moved to Hexham"), not a council the parent is asking about.
_LIVES_IN = re.compile(
    r"(?<!\w)(?:live|lives|living|based|moved|i'm|im|i am|we're|we are)\s+"
    r"(?:now\s+)?(?:in|to|near)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def stated_home(tracker: Tracker) -> Place | None:
    """A council or covered town this message says the family lives in (the last one said:
    "we lived in Rochdale, now we live in Corby")."""
    message = tracker.latest_message or {}
    text = (message.get("text") or "").replace("\u2019", "'")
    knowledge = kb()
    for entity in reversed(message.get("entities", [])):
        start = entity.get("start")
        if entity.get("entity") != "council" or not isinstance(start, int):
            continue
        if _LIVES_IN.search(text[:start]):
            place = knowledge.find_place(entity.get("value") or "")
            if place:
                return place
    return None


def home_place(tracker: Tracker) -> Place | None:
    """Where the parent lives: a place this message says they live in, else the council
    remembered before this message (a council named in the message itself has already been
    copied into the slot), else the widget's council."""
    stated = stated_home(tracker)
    if stated:
        return stated
    events = list(tracker.events or [])
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    before = events[: users[-1]] if users else events
    remembered = next(
        (
            e.get("value")
            for e in reversed(before)
            if e.get("event") == "slot" and e.get("name") == "council"
        ),
        None,
    )
    knowledge = kb()
    for candidate in (remembered, metadata(tracker).get("council")):
        place = knowledge.find_place(candidate) if isinstance(candidate, str) else None
        if place:
            return place
    return None


def unconfirmed_town(tracker: Tracker) -> tuple[str, Place] | None:
    """A town named in this message that is also a place outside its covered council ("Hythe"):
    (the town as written, the covered council), to confirm before using."""
    knowledge = kb()
    for value in entity_values(tracker, "town"):
        found = knowledge.ambiguous_town(value)
        if found:
            return found
    return knowledge.ambiguous_town_in_text((tracker.latest_message or {}).get("text") or "")


def confirm_town_buttons(place: Place) -> list:
    """Yes sets the council; "No, somewhere else" asks which council."""
    return [
        {"title": phrases.YES, "payload": f'/inform_council{{"council": "{place.name}"}}'},
        {"title": phrases.NO_SOMEWHERE_ELSE, "payload": "/inform_council"},
    ]


def spelt_like_buttons(places: list[Place]) -> list:
    """A council name typed with a slip ("hampshir"): the near ones, or somewhere else."""
    return [
        {"title": p.name, "payload": f'/inform_council{{"council": "{p.name}"}}'} for p in places
    ] + [{"title": phrases.NO_SOMEWHERE_ELSE, "payload": "/inform_council"}]


def council_buttons() -> list:
    """One button per council with local guidance, from the knowledge base."""
    return [
        {"title": p.name, "payload": f'/inform_council{{"council": "{p.name}"}}'}
        for p in kb().covered_places()
    ]


def council_choices() -> list:
    """Asking again which council: the covered ones, and a way out for a family in Wales,
    Scotland or Northern Ireland, whose councils the list does not know."""
    return council_buttons() + [{"title": phrases.OUTSIDE_ENGLAND, "payload": "/outside_england"}]


def latest_intent(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def _last_turn_bot_events(tracker: Tracker) -> list[dict]:
    events = list(tracker.events or [])
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if not users:
        return []
    start = users[-2] + 1 if len(users) > 1 else 0
    return [e for e in events[start : users[-1]] if e.get("event") == "bot"]


def last_turn_buttons(tracker: Tracker) -> list[dict]:
    """The buttons the assistant showed in its turn before this message (all its messages)."""
    return [
        button
        for event in _last_turn_bot_events(tracker)
        for button in ((event.get("data") or {}).get("buttons") or [])
    ]


def _previous_user_event(tracker: Tracker) -> dict:
    """The event of the parent's message before this one ({} if there was none)."""
    users = [e for e in tracker.events or [] if e.get("event") == "user"]
    return users[-2] if len(users) >= 2 else {}


def previous_intent(tracker: Tracker) -> str:
    """The intent of the parent's message before this one ("" if there was none)."""
    parse = _previous_user_event(tracker).get("parse_data") or {}
    return (parse.get("intent") or {}).get("name") or ""


def previous_message(tracker: Tracker) -> EarlierMessage | None:
    """The parent's message before this one, if they typed it: a pressed button has no words."""
    event = _previous_user_event(tracker)
    text = str(event.get("text") or "")
    if not text.strip() or text.startswith("/"):
        return None
    return EarlierMessage(text, (event.get("parse_data") or {}).get("intent_ranking") or [])


def last_turn_texts(tracker: Tracker) -> list[str]:
    """What the assistant said in its turn before this message."""
    return [str(e.get("text") or "") for e in _last_turn_bot_events(tracker)]


def button_payload(button: dict) -> tuple[str, dict]:
    """'/steps_taken{"step": "none"}' -> ("steps_taken", {"step": "none"})."""
    intent, _, entities = str(button.get("payload") or "").lstrip("/").partition("{")
    try:
        values = json.loads("{" + entities) if entities else {}
    except ValueError:
        values = {}
    return intent, values if isinstance(values, dict) else {}


def plain_words(text: str) -> str:
    """'What's next?' -> 'whats next': lower case, apostrophes dropped, the rest spaces."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("'", "").replace("’", "")).strip()
