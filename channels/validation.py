"""The two channels' request contracts, checked before anything reaches Rasa.

Both use the shared checks in channels/protection.py, so they reject the same things the
same way. The REST channel keeps Rasa's own contract: any content type (curl -d sends
form-encoded) and free-form sender ids. The web chat requires JSON (so cross-site browser
requests need a CORS preflight) and short, plain sender ids made by the widget.
"""

import re
from dataclasses import dataclass
from typing import Any

from .protection import (
    MAX_BODY_BYTES,
    RequestError,
    json_object,
    parse_metadata,
    too_long_message,
    validate_message_text,
)

MAX_SENDER_CHARS = 64
MAX_MESSAGE_CHARS = 1000
# Control characters and lone surrogates: PostgreSQL refuses NUL and UTF-8 cannot encode
# surrogates, so such a sender id would fail in the tracker store rather than here.
_BAD_SENDER_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
WEBCHAT_SENDER_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

__all__ = [
    "ChatRequest",
    "RestRequest",
    "RequestError",
    "parse_chat_request",
    "parse_rest_request",
    "MAX_BODY_BYTES",
    "MAX_MESSAGE_CHARS",
]


@dataclass(frozen=True)
class ChatRequest:
    """One checked message: sender, cleaned text, the metadata the assistant understands."""

    sender: str
    text: str
    metadata: dict[str, str]


RestRequest = ChatRequest  # the REST channel's name for the same shape


def parse_rest_request(body: bytes, max_chars: int = MAX_MESSAGE_CHARS) -> ChatRequest:
    """The validated REST request; raises RequestError (400 or 413) saying what is wrong."""
    if len(body) > MAX_BODY_BYTES:
        raise RequestError(413, "request_too_large", too_long_message(max_chars))
    data = json_object(body)
    sender = data.get("sender")
    if (
        not isinstance(sender, str)
        or not sender.strip()
        or len(sender) > MAX_SENDER_CHARS
        or _BAD_SENDER_CHARS.search(sender)
    ):
        raise RequestError(
            400,
            "invalid_sender",
            f"'sender' must be a string of 1 to {MAX_SENDER_CHARS} printable characters.",
        )
    return ChatRequest(
        sender,
        validate_message_text(data.get("message"), max_chars),
        parse_metadata(data.get("metadata")),
    )


def parse_chat_request(body: bytes, content_type: str | None, max_chars: int) -> ChatRequest:
    """The validated web chat request; raises RequestError (400, 413 or 415) saying why."""
    if len(body) > MAX_BODY_BYTES:
        raise RequestError(413, "request_too_large", too_long_message(max_chars))
    # Requiring JSON means every cross-site browser request needs a CORS
    # preflight, so a page we do not allow cannot post "simple" form requests.
    if not (content_type or "").lower().startswith("application/json"):
        raise RequestError(415, "unsupported_media_type", "Send the message as application/json.")
    data: dict[str, Any] = json_object(body)
    sender = data.get("sender")
    if not isinstance(sender, str) or not WEBCHAT_SENDER_RE.match(sender):
        raise RequestError(
            400, "invalid_sender", "'sender' must be 1 to 64 letters, digits, '-' or '_'."
        )
    return ChatRequest(
        sender,
        validate_message_text(data.get("message"), max_chars),
        parse_metadata(data.get("metadata")),
    )
