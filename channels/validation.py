"""Checking a REST channel request body before it reaches Rasa.

Same text rules and error shape as the web chat channel (webchat/protection.py), so both
channels reject the same things the same way; but the REST channel keeps Rasa's own
contract: any content type (curl -d sends form-encoded) and free-form sender ids.
"""
import json
import re
from dataclasses import dataclass
from typing import Any, Dict

from channels.protection import RequestError, parse_metadata, too_long_message, validate_message_text

MAX_SENDER_CHARS = 64
MAX_MESSAGE_CHARS = 1000
# JSON escapes can make a 1,000-character message ~6x longer on the wire; metadata rides along.
MAX_BODY_BYTES = 16 * 1024
# Control characters and lone surrogates: PostgreSQL refuses NUL and UTF-8 cannot encode
# surrogates, so such a sender id would fail in the tracker store rather than here.
_BAD_SENDER_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

__all__ = ["RestRequest", "RequestError", "parse_rest_request", "MAX_BODY_BYTES", "MAX_MESSAGE_CHARS"]


@dataclass(frozen=True)
class RestRequest:
    sender: str
    text: str
    metadata: Dict[str, str]


def parse_rest_request(body: bytes, max_chars: int = MAX_MESSAGE_CHARS) -> RestRequest:
    """The validated request; raises RequestError (400 or 413) saying what is wrong."""
    if len(body) > MAX_BODY_BYTES:
        raise RequestError(413, "request_too_large", too_long_message(max_chars))
    data = _json_object(body)
    return RestRequest(_sender(data.get("sender")), _message(data.get("message"), max_chars),
                       parse_metadata(data.get("metadata")))


def _json_object(body: bytes) -> Dict[str, Any]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: "[[[[..." nesting
        raise RequestError(400, "invalid_json", "The request body is not valid JSON.")
    if not isinstance(data, dict):
        raise RequestError(400, "invalid_json", "The request body must be a JSON object.")
    return data


def _sender(sender: Any) -> str:
    if (not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS
            or _BAD_SENDER_CHARS.search(sender)):
        raise RequestError(400, "invalid_sender",
                           f"'sender' must be a string of 1 to {MAX_SENDER_CHARS} printable characters.")
    return sender


def _message(message: Any, max_chars: int) -> str:
    return validate_message_text(message, max_chars)
