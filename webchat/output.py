"""The output channel the web chat collects a turn's replies with."""

from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel


class WebChatOutput(CollectingOutputChannel):
    """Collects each bot utterance as ONE message: text, buttons and custom payload together.

    Why: Rasa's collector splits text at every blank line and sends a custom payload as a
    separate message, so a letter arrived as 13 messages (each announced by screen readers)
    and a reply's source as a message of its own. The widget lays out paragraphs itself.
    The name stays "collector", so responses written for that channel still apply.
    """

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        text = message.get("text")
        buttons = message.get("buttons") or message.get("quick_replies")
        custom = message.get("custom")
        if not (text or buttons or custom):
            await super().send_response(recipient_id, message)  # images, attachments: Rasa's way
            return
        await self._persist_message(
            self._message(
                recipient_id,
                text=text.strip() if isinstance(text, str) else None,
                buttons=buttons or None,
                custom=custom if isinstance(custom, dict) else None,
            )
        )
