"""Request checks shared by the REST and web chat channels: message text, metadata, rate
limits, origins.

Kept free of Sanic so the rules can be unit-tested on plain values.
"""

import json
import re
import threading
import time
from collections import deque
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from replies import phrases

COUNCIL_RE = re.compile(r"^[A-Za-z0-9 ,.'()&-]{1,80}$")
MODES = ("parent", "staff")
# Control characters (C0, DEL, C1) except tab and newline; lone surrogates too,
# because they cannot be encoded to UTF-8 later and would fail the tracker store.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class RequestError(Exception):
    """A bad request, turned into ``{"error": {"code", "message"}}`` JSON."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers: dict[str, str] = {}

    def as_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}}


def clean_text(text: str) -> str:
    """Normalise line ends and drop control characters (tab/newline stay)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", text).strip()


def too_long_message(limit: int) -> str:
    return phrases.too_long(limit)


def json_object(body: bytes) -> dict[str, Any]:
    """The request body as a JSON object; a RequestError (400) if it is not one."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # RecursionError: "[[[[..." nesting
        raise RequestError(400, "invalid_json", "The request body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise RequestError(400, "invalid_json", "The request body must be a JSON object.")
    return data


def validate_message_text(message: Any, max_chars: int) -> str:
    """The message cleaned of control characters; a RequestError if it is not usable text."""
    if not isinstance(message, str):
        raise RequestError(400, "invalid_message", "'message' must be a string.")
    text = clean_text(message)
    if not text:
        raise RequestError(400, "empty_message", phrases.EMPTY_MESSAGE)
    if len(text) > max_chars:
        raise RequestError(413, "message_too_long", too_long_message(max_chars))
    return text


def parse_metadata(raw: Any) -> dict[str, str]:
    """Keep only the metadata keys the assistant understands."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise RequestError(400, "invalid_metadata", "'metadata' must be a JSON object.")
    metadata: dict[str, str] = {}
    council = raw.get("council")
    if council not in (None, ""):
        if not isinstance(council, str) or not COUNCIL_RE.match(council.strip()):
            raise RequestError(
                400, "invalid_metadata", "'metadata.council' must be a short council name."
            )
        metadata["council"] = council.strip()
    mode = raw.get("mode")
    if mode not in (None, ""):
        if mode not in MODES:
            raise RequestError(
                400, "invalid_metadata", "'metadata.mode' must be 'parent' or 'staff'."
            )
        metadata["mode"] = mode
    return metadata


class RateLimiter:
    """Sliding one-minute window per key (a conversation, or a client address).

    In memory: each Rasa server process keeps its own counts, which is enough
    to stop one runaway conversation or script hammering the model.
    """

    WINDOW = 60.0

    def __init__(self, per_minute: int, clock=time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._last_sweep = clock()

    def retry_after(self, key: str) -> int:
        """Record a hit; return 0 if allowed, else seconds until allowed."""
        if self.per_minute <= 0:
            return 0
        now = self._clock()
        with self._lock:
            self._sweep(now)
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= self.WINDOW:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(1, int(self.WINDOW - (now - hits[0])) + 1)
            hits.append(now)
            return 0

    def _sweep(self, now: float) -> None:
        # Why: forget idle keys so memory does not grow with every visitor.
        if now - self._last_sweep < self.WINDOW:
            return
        self._last_sweep = now
        for key in [k for k, v in self._hits.items() if not v or now - v[-1] >= self.WINDOW]:
            del self._hits[key]


class OriginPolicy:
    """Which web pages may call the channel from a browser (CORS).

    With no allowed origins configured only same-origin pages (the demo and
    staff pages served by the channel itself) may call it.
    """

    def __init__(self, allowed: Iterable[str] | None = None) -> None:
        self.allow_any = False
        self.allowed: list[str] = []
        for origin in allowed or []:
            origin = str(origin).strip().rstrip("/")
            if origin == "*":
                self.allow_any = True
            elif origin:
                self.allowed.append(origin.lower())

    def is_allowed(self, origin: str | None, host: str | None) -> bool:
        """True when a request from ``origin`` to ``host`` may be answered.

        Requests without an Origin header are not from a cross-site page
        (browsers always send it on cross-origin fetches), so they pass.
        """
        if not origin:
            return True
        origin = origin.strip().lower()
        if self.allow_any or origin in self.allowed:
            return True
        # Same origin: compare host:port only, so it still works behind a
        # TLS-terminating proxy where the scheme differs.
        return bool(host) and urlsplit(origin).netloc == host.strip().lower()

    def cors_headers(self, origin: str | None) -> list[tuple[str, str]]:
        if not origin:
            return [("Vary", "Origin")]
        return [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
