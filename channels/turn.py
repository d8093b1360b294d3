"""One turn of Rasa for a message a channel has admitted (channels/gate.py): the one way both
public channels, REST and the web chat, hand a parent's message to the assistant."""

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from .validation import ChatRequest

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


async def take_turn(
    chat: ChatRequest, output: OutputChannel, channel_name: str, on_new_message: OnNewMessage
) -> None:
    """Rasa processes the message; its replies go to `output`. Errors are the caller's to
    answer (each channel apologises in its own response format)."""
    await on_new_message(
        UserMessage(
            chat.text,
            output,
            chat.sender,
            input_channel=channel_name,
            metadata=dict(chat.metadata),
        )
    )
