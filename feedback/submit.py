"""The feedback request: what a client sends, how it is checked, and how a rating is made.

    POST {"sender": "<conversation id>", "helpful": true | false}
      -> 200 {"status": "recorded", "ref": "<random>"}
    POST {"sender": "<conversation id>", "ref": "<from above>", "comment": "one line, optional"}
      -> 200 {"status": "recorded"}

The server, not the client, decides what was rated: the topic is the intent of the
conversation's latest message and the council its ``council`` slot, read from the tracker
store. The conversation id is used for that look-up only and is never stored.
"""

import datetime as dt
import hashlib
import json
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from channels.protection import RequestError, clean_text
from privacy.redaction import redact

from .store import COMMENT_CHARS, Rating

MAX_BODY_BYTES = 4 * 1024
MAX_SENDER_CHARS = 64
_BAD_SENDER = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_REF = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class FeedbackRequest:
    sender: str
    helpful: bool | None = None  # a rating ...
    ref: str | None = None  # ... or a comment on the rating with this reference
    comment: str | None = None


def one_line(text: str) -> str:
    """The comment as one redacted line: no control characters, no line breaks, no personal data."""
    return redact(" ".join(clean_text(text).split()))


def parse_feedback(body: bytes) -> FeedbackRequest:
    """The checked request; a RequestError (JSON 400/413) saying what is wrong otherwise."""
    if len(body) > MAX_BODY_BYTES:
        raise RequestError(413, "request_too_large", "The feedback is too long.")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise RequestError(400, "invalid_json", "The request body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise RequestError(400, "invalid_json", "The request body must be a JSON object.")
    sender = data.get("sender")
    if (
        not isinstance(sender, str)
        or not sender.strip()
        or len(sender) > MAX_SENDER_CHARS
        or _BAD_SENDER.search(sender)
    ):
        raise RequestError(
            400,
            "invalid_sender",
            f"'sender' must be a string of 1 to {MAX_SENDER_CHARS} printable characters.",
        )
    if "ref" in data:
        ref, comment = data.get("ref"), data.get("comment")
        if not isinstance(ref, str) or not _REF.match(ref):
            raise RequestError(
                400, "invalid_ref", "'ref' must be the reference returned with the rating."
            )
        if not isinstance(comment, str):
            raise RequestError(400, "invalid_comment", "'comment' must be a string.")
        line = one_line(comment)
        if not line:
            raise RequestError(400, "empty_comment", "Please type what was missing first.")
        if len(line) > COMMENT_CHARS:
            raise RequestError(
                413, "comment_too_long", f"Please keep it to {COMMENT_CHARS} characters or fewer."
            )
        return FeedbackRequest(sender, ref=ref, comment=line)
    helpful = data.get("helpful")
    if not isinstance(helpful, bool):
        raise RequestError(400, "invalid_helpful", "'helpful' must be true or false.")
    return FeedbackRequest(sender, helpful=helpful)


def uk_today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def rating_from_tracker(tracker: Any, helpful: bool, channel: str, today: dt.date) -> Rating:
    """What was rated: the latest message's intent (topic) and the council; a RequestError if
    there is nothing to rate."""
    latest = getattr(tracker, "latest_message", None) if tracker is not None else None
    topic = (getattr(latest, "intent", None) or {}).get("name") if latest is not None else None
    if not topic:
        raise RequestError(404, "nothing_to_rate", "There is no answer to rate yet.")
    council = tracker.get_slot("council")
    return Rating(
        helpful=helpful,
        topic=str(topic),
        council=council if isinstance(council, str) else None,
        channel=channel,
        day=today,
    )


class OncePerAnswer:
    """Remembers (in memory, as hashes) which answers were rated, so a double click counts once.

    The key is the conversation and its number of events, hashed with a per-process salt:
    it never leaves the process and is forgotten after ``size`` newer ratings.
    """

    def __init__(self, size: int = 20000) -> None:
        import secrets

        self._salt = secrets.token_bytes(16)
        self._seen: OrderedDict[bytes, None] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def first_time(self, sender: str, tracker: Any) -> bool:
        turn = len(getattr(tracker, "events", ()) or ())
        key = hashlib.sha256(self._salt + f"{sender}\x00{turn}".encode()).digest()
        with self._lock:
            if key in self._seen:
                return False
            self._seen[key] = None
            while len(self._seen) > self._size:
                self._seen.popitem(last=False)
            return True
