"""Dialogue intents that are never a guidance question: greetings, replies, naming the council."""

FALLBACK_INTENT = "nlu_fallback"
CONVERSATION_INTENTS = frozenset(
    {
        "greet",
        "goodbye",
        "thanks",
        "affirm",
        "deny",
        "bot_challenge",
        "out_of_scope",
        "inform_council",
        "steps_taken",
    }
)
