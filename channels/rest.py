"""The REST channel, hardened: POST /webhooks/rest/webhook {"sender", "message", "metadata"}.

credentials.yml::

    channels.rest.ResilientRestInput:
      allowed_origins: []   # optional; the limits come from the environment (channels/limits.py)

Differences from Rasa's RestInput, each for a reason a user would notice:
- The same protections as the web chat (channels/gate.py): JSON only, body limit, rate limits
  per conversation and per client, origin policy, turn cap, long sender ids, typed payloads
  only when offered. Refusals are JSON 400/403/413/415/429 saying what is wrong, never a 500.
- If Rasa fails or says nothing (e.g. the action server is down: Rasa 3.6 only logs the
  failed custom action), the user gets an apology with contacts from the knowledge base
  (channels/fallback.py) instead of silence.
- The body cannot choose the input channel name, and there is no streaming mode.
"""

import asyncio
import logging
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from feedback.http import receive_feedback

from .fallback import apology_for_failed_turn, fallback_text
from .gate import ChannelGate, prepare_server, restart_notice
from .limits import Limits
from .protection import RequestError
from .turn import OnNewMessage, take_turn
from .validation import ChatRequest

log = logging.getLogger(__name__)


class ResilientRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"  # keeps the URL /webhooks/rest/webhook

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        origins = (credentials or {}).get("allowed_origins") or []
        return cls(allowed_origins=[origins] if isinstance(origins, str) else origins)

    def __init__(
        self, limits: Limits | None = None, allowed_origins: list[str] | None = None
    ) -> None:
        self.gate = ChannelGate(limits, allowed_origins)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        bp = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        prepare_server(bp, self.gate.limits)

        @bp.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                chat = await self.gate.admit(request)
            except RequestError as error:
                return response.json(error.as_json(), status=error.status, headers=error.headers)
            try:
                return response.json(await self._answer(request, chat, on_new_message))
            except Exception:  # last resort: still JSON, still no 500
                log.exception("rest.message.unexpected sender=%s", chat.sender)
                return response.json([{"recipient_id": chat.sender, "text": fallback_text()}])

        @bp.route("/feedback", methods=["POST"])
        async def feedback(request: Request) -> HTTPResponse:
            return await receive_feedback(request, self.name())  # "Was this helpful?" (README)

        return bp

    async def _answer(
        self,
        request: Request,
        chat: ChatRequest,
        on_new_message: OnNewMessage,
    ) -> list[dict[str, Any]]:
        collector = CollectingOutputChannel()
        failed, error = False, None
        try:
            await take_turn(chat, collector, self.name(), on_new_message)
        except asyncio.CancelledError:
            failed = True
            log.error("rest.message.timeout sender=%s", chat.sender)
        except Exception as exc:
            failed, error = True, exc
            log.exception("rest.message.failure sender=%s", chat.sender)
        messages = list(collector.messages)
        notice = None if failed else restart_notice(chat.text, messages)
        if notice:
            messages.append({"recipient_id": chat.sender, "text": notice})
        if failed or not messages:
            # Why: Rasa logs a failed custom action and sends nothing; silence helps nobody.
            log.error(
                "rest.message.fallback sender=%s: %s, sending an apology with contacts",
                chat.sender,
                "processing failed" if failed else "the assistant produced no reply",
            )
            text = await apology_for_failed_turn(request, chat, error, self.name())
            messages.append({"recipient_id": chat.sender, "text": text})
        return messages
