"""The chat route: POST /webhooks/webchat/message -> {"messages": [...]} for the widget."""

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.validation import RequestError, parse_chat_request
from replies import phrases
from webchat.http import json_error, json_response
from webchat.output import WebChatOutput

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


def bot_message(message: dict[str, Any]) -> dict[str, Any]:
    """Keep the parts of a Rasa bot message the widget renders."""
    out: dict[str, Any] = {}
    if isinstance(message.get("text"), str):
        out["text"] = message["text"]
    buttons = [
        {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
        for b in message.get("buttons") or []
        if isinstance(b, dict) and b.get("title")
    ]
    if buttons:
        out["buttons"] = buttons
    if isinstance(message.get("custom"), dict):
        out["custom"] = message["custom"]
    return out


def too_many(wait: int) -> HTTPResponse:
    return json_error(429, "rate_limited", phrases.RATE_LIMITED, Retry_After=str(wait))


async def receive(channel: Any, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
    """Checks (origin, per-address limit, body, per-conversation limit), then one turn of Rasa."""
    if not channel.origin_ok(request):
        return json_error(403, "origin_not_allowed", phrases.ORIGIN_NOT_ALLOWED)
    wait = channel.ip_limiter.retry_after("ip:" + str(request.remote_addr or request.ip))
    if wait:
        return too_many(wait)
    try:
        chat = parse_chat_request(
            request.body or b"", request.headers.get("content-type"), channel.max_message_chars
        )
    except RequestError as error:
        return json_error(error.status, error.code, error.message)
    wait = channel.sender_limiter.retry_after("sender:" + chat.sender)
    if wait:
        return too_many(wait)

    collector = WebChatOutput()  # one message per utterance
    try:
        await on_new_message(
            UserMessage(
                chat.text,
                collector,
                chat.sender,
                input_channel=channel.name(),
                metadata=dict(chat.metadata),
            )
        )
    except Exception:
        logger.exception("webchat.message.failure")
        if not collector.messages:
            return json_error(503, "assistant_unavailable", phrases.ASSISTANT_UNAVAILABLE)
    return json_response({"messages": [bot_message(m) for m in collector.messages]})


def add_routes(bp: Blueprint, channel: Any, on_new_message: OnNewMessage, methods: list) -> None:
    @bp.route("/message", methods=methods, name="message")
    async def message(request: Request) -> HTTPResponse:
        if request.method == "OPTIONS":
            return channel.preflight(request)
        if request.method != "POST":
            return json_error(405, "method_not_allowed", "Send messages with POST.")
        try:
            return await receive(channel, request, on_new_message)
        except Exception:  # never let a request become a bare 500
            logger.exception("webchat.message.unexpected")
            return json_error(503, "assistant_unavailable", phrases.ASSISTANT_UNAVAILABLE)
