"""The chat route: POST /webhooks/webchat/message -> {"messages": [...]} for the widget."""

import logging
from typing import Any

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.fallback import apology_for_failed_turn
from channels.gate import restart_notice
from channels.protection import RequestError
from channels.turn import OnNewMessage, take_turn
from replies import phrases
from webchat.http import json_error, json_response
from webchat.output import WebChatOutput

logger = logging.getLogger(__name__)


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


async def receive(channel: Any, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
    """The shared checks (channels/gate.py), then one turn of Rasa."""
    try:
        chat = await channel.gate.admit(request)
    except RequestError as error:
        return json_error(
            error.status,
            error.code,
            error.message,
            **{k.replace("-", "_"): v for k, v in error.headers.items()},
        )

    collector = WebChatOutput()  # one message per utterance
    try:
        await take_turn(chat, collector, channel.name(), on_new_message)
    except Exception as exc:
        logger.exception("webchat.message.failure")
        if not collector.messages:
            # As on REST: the apology with the council's contacts, never silence or a bare error.
            text = await apology_for_failed_turn(request, chat, exc, channel.name())
            return json_response({"messages": [{"text": text}]})
    messages = [bot_message(m) for m in collector.messages]
    notice = restart_notice(chat.text, messages)
    if notice:
        messages.append({"text": notice})
    return json_response({"messages": messages})


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
