"""The request contract every public channel shares, checked before anything reaches Rasa.

REST and the web chat accept the same thing the same way (channels/gate.py applies it):
- JSON only: a cross-site page can send text/plain or form posts without a CORS preflight,
  so accepting them would let any website post into a conversation.
- Long sender ids only (CHAT_MIN_SENDER_CHARS, default 22 URL-safe characters = 128 bits):
  a short id can be guessed, and whoever knows an id can read that conversation's replies.
- A bounded body, a non-empty message of at most CHAT_MAX_MESSAGE_CHARS, known metadata only.
"""

import re
from dataclasses import dataclass
from typing import Any

from .limits import Limits
from .protection import (
    RequestError,
    json_object,
    parse_metadata,
    too_long_message,
    validate_message_text,
)

__all__ = ["ChatRequest", "RequestError", "parse_chat_request", "check_sender"]

SENDER_CHARS = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class ChatRequest:
    """One checked message: who sent it, the cleaned text, the metadata the assistant knows."""

    sender: str
    text: str
    metadata: dict[str, str]


def check_sender(sender: Any, limits: Limits) -> str:
    """The sender id if it is long and plain enough; a RequestError (400) otherwise."""
    if (
        not isinstance(sender, str)
        or not SENDER_CHARS.match(sender)
        or not limits.min_sender_chars <= len(sender) <= limits.max_sender_chars
    ):
        raise RequestError(
            400,
            "invalid_sender",
            f"'sender' must be a random id of {limits.min_sender_chars} to "
            f"{limits.max_sender_chars} "
            "letters, digits, '-' or '_' (for example 32 hex digits).",
        )
    return sender


def parse_chat_request(body: bytes, content_type: str | None, limits: Limits) -> ChatRequest:
    """The validated request; raises RequestError (400, 413 or 415) saying what is wrong."""
    if not (content_type or "").lower().startswith("application/json"):
        raise RequestError(
            415,
            "unsupported_media_type",
            "Send the message as JSON with the header Content-Type: application/json.",
        )
    if len(body) > limits.max_body_bytes:  # Sanic refuses bigger bodies first; this is the backstop
        raise RequestError(413, "request_too_large", too_long_message(limits.max_message_chars))
    data = json_object(body)
    sender = check_sender(data.get("sender"), limits)
    return ChatRequest(
        sender,
        validate_message_text(data.get("message"), limits.max_message_chars),
        parse_metadata(data.get("metadata")),
    )
