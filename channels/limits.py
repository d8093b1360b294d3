"""Every limit the public channels enforce, each read from an environment variable.

One place, so the REST channel and the web chat protect alike and an operator (or a test
harness on the same machine) can change a limit without editing code. README lists them.
"""

import os
from dataclasses import dataclass


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int = (
        16 * 1024
    )  # CHAT_MAX_BODY_BYTES: Sanic refuses bigger bodies before reading them
    # CHAT_MAX_MESSAGE_CHARS: 3 of 71 real forum posts, already shortened, were over 1,000
    max_message_chars: int = 2000
    per_conversation_per_minute: int = (
        20  # CHAT_RATE_PER_CONVERSATION: messages a minute, one conversation
    )
    per_client_per_minute: int = 120  # CHAT_RATE_PER_CLIENT: messages a minute, one client address
    max_turns: int = 200  # CHAT_MAX_TURNS: messages in one conversation, ever (0 = no cap)
    min_sender_chars: int = (
        22  # CHAT_MIN_SENDER_CHARS: 22 base64url characters hold 128 random bits
    )
    max_sender_chars: int = 128  # CHAT_MAX_SENDER_CHARS

    @classmethod
    def from_env(cls) -> "Limits":
        d = cls()
        return cls(
            max_body_bytes=_int("CHAT_MAX_BODY_BYTES", d.max_body_bytes),
            max_message_chars=_int("CHAT_MAX_MESSAGE_CHARS", d.max_message_chars),
            per_conversation_per_minute=_int(
                "CHAT_RATE_PER_CONVERSATION", d.per_conversation_per_minute
            ),
            per_client_per_minute=_int("CHAT_RATE_PER_CLIENT", d.per_client_per_minute),
            max_turns=_int("CHAT_MAX_TURNS", d.max_turns),
            min_sender_chars=_int("CHAT_MIN_SENDER_CHARS", d.min_sender_chars),
            max_sender_chars=_int("CHAT_MAX_SENDER_CHARS", d.max_sender_chars),
        )


def allowed_origins_from_env(configured: list[str] | None = None) -> list[str]:
    """Sites whose pages may call the channels: credentials.yml's list plus CHAT_ALLOWED_ORIGINS
    (comma-separated)."""
    extra = [o.strip() for o in os.environ.get("CHAT_ALLOWED_ORIGINS", "").split(",") if o.strip()]
    return list(configured or []) + extra
