"""The protections every public channel applies, in one order (REST and the web chat alike).

1. Origin policy: a page on a site not allowed (credentials.yml / CHAT_ALLOWED_ORIGINS) is refused.
2. Per-client rate limit (CHAT_RATE_PER_CLIENT), shared by both channels, so rotating sender
   ids or switching channel does not escape it. The client is the socket peer: Sanic believes
   X-Forwarded-For only when a trusted proxy is configured (SANIC_PROXIES_COUNT, set by
   scripts/run.sh from TRUSTED_PROXY_COUNT), so a spoofed header cannot pick the bucket.
3. The request contract (channels/validation.py): JSON only, bounded body, long sender id.
4. Per-conversation rate limit (CHAT_RATE_PER_CONVERSATION) and a cap on turns (CHAT_MAX_TURNS).
5. Typed payloads honoured only when just offered as buttons (channels/payloads.py).

The body limit itself is Sanic's REQUEST_MAX_SIZE, set from CHAT_MAX_BODY_BYTES when the
server starts (`limit_body_size`), so a big body is refused from its Content-Length, unread.
"""

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from sanic import Blueprint, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

from privacy import log_guard
from privacy.retention_schedule import start_retention
from replies import phrases

from . import payloads
from .limits import Limits, allowed_origins_from_env
from .protection import OriginPolicy, RateLimiter, RequestError, too_long_message
from .validation import ChatRequest, parse_chat_request

log_guard.install()  # the Rasa server imports the channels at start-up

_shared_client_limiters: dict[int, RateLimiter] = {}
_shared_lock = threading.Lock()


def shared_client_limiter(per_minute: int) -> RateLimiter:
    """One per-client limiter for every channel in this process (same limit, same counts)."""
    with _shared_lock:
        if per_minute not in _shared_client_limiters:
            _shared_client_limiters[per_minute] = RateLimiter(per_minute)
        return _shared_client_limiters[per_minute]


class TurnCounter:
    """Messages seen per conversation, for at most `max_conversations` (least recent dropped)."""

    def __init__(self, max_turns: int, max_conversations: int = 100_000) -> None:
        self.max_turns = max_turns
        self.max_conversations = max_conversations
        self._counts: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, conversation: str) -> bool:
        if self.max_turns <= 0:
            return True
        with self._lock:
            count = self._counts.pop(conversation, 0) + 1
            self._counts[conversation] = count
            while len(self._counts) > self.max_conversations:
                self._counts.popitem(last=False)
            return count <= self.max_turns

    def forget(self, conversation: str) -> None:
        with self._lock:
            self._counts.pop(conversation, None)


def known_council_only(metadata: dict[str, str]) -> dict[str, str]:
    """Metadata with its council kept only when the knowledge base knows it: it is stored with
    the message, so free text there could be anything (a name, say)."""
    council = metadata.get("council")
    if not council:
        return metadata
    try:
        from knowledge import default_kb

        known = default_kb().find_place(council) is not None
    except Exception:  # knowledge base down: the council cannot be checked, so it is not kept
        known = False
    return metadata if known else {k: v for k, v in metadata.items() if k != "council"}


def restart_notice(text: str, replies: list) -> str | None:
    """What to tell a parent whose restart produced no reply of its own."""
    return phrases.CONVERSATION_DELETED if text == payloads.RESTART and not replies else None


def too_many(wait: int) -> RequestError:
    error = RequestError(429, "rate_limited", phrases.RATE_LIMITED)
    error.headers = {"Retry-After": str(wait)}
    return error


def client_address(request: Request) -> str:
    # remote_addr is filled only from a trusted proxy's headers; otherwise the socket peer.
    return str(request.remote_addr or request.ip)


class ChannelGate:
    def __init__(
        self,
        limits: Limits | None = None,
        allowed_origins: Iterable[str] | None = None,
        conversation_prefix: str = "",
    ) -> None:
        self.limits = limits or Limits.from_env()
        self.origins = OriginPolicy(allowed_origins_from_env(list(allowed_origins or [])))
        self.client_limiter = shared_client_limiter(self.limits.per_client_per_minute)
        self.conversation_limiter = RateLimiter(self.limits.per_conversation_per_minute)
        self.turns = TurnCounter(self.limits.max_turns)
        # Why a prefix: each channel's conversations live apart, so an id seen in one
        # channel cannot be replayed in another to read that conversation.
        self.conversation_prefix = conversation_prefix

    def origin_ok(self, request: Request) -> bool:
        return self.origins.is_allowed(request.headers.get("origin"), request.host)

    def conversation_id(self, sender: str) -> str:
        return self.conversation_prefix + sender

    async def admit(self, request: Request) -> ChatRequest:
        """The checked request with the conversation id Rasa will use; RequestError if refused."""
        if not self.origin_ok(request):
            raise RequestError(403, "origin_not_allowed", phrases.ORIGIN_NOT_ALLOWED)
        wait = self.client_limiter.retry_after("client:" + client_address(request))
        if wait:
            raise too_many(wait)
        chat = parse_chat_request(
            request.body or b"", request.headers.get("content-type"), self.limits
        )
        conversation = self.conversation_id(chat.sender)
        wait = self.conversation_limiter.retry_after(conversation)
        if wait:
            raise too_many(wait)
        agent = getattr(request.app.ctx, "agent", None)
        text = await payloads.screen(agent, conversation, chat.text)
        if text == payloads.RESTART:
            self.turns.forget(conversation)
        elif not self.turns.allow(conversation):
            raise RequestError(429, "conversation_too_long", phrases.CONVERSATION_TOO_LONG)
        return ChatRequest(conversation, text, known_council_only(chat.metadata))


def prepare_server(bp: Blueprint, limits: Limits) -> None:
    """What every public channel needs from the server it runs in: Sanic refusing bodies over
    the limit from their Content-Length, before reading them (with the same JSON error as every
    other refusal); redacted logs once Rasa and Sanic have set up theirs; retention on a timer."""

    def too_large(request: Request, exception: Exception) -> HTTPResponse:
        error = RequestError(413, "request_too_large", too_long_message(limits.max_message_chars))
        return response.json(error.as_json(), status=413, headers={"Connection": "close"})

    @bp.listener("before_server_start")
    async def _limit(app: Any, _loop: Any) -> None:
        app.config.REQUEST_MAX_SIZE = min(int(app.config.REQUEST_MAX_SIZE), limits.max_body_bytes)
        app.error_handler.add(PayloadTooLarge, too_large)
        log_guard.install()

    @bp.listener("after_server_start")
    async def _retention(app: Any, loop: Any) -> None:
        start_retention(app, loop)
