"""Names the NLU and the actions share (this module imports nothing, so the action server can use
it): dialogue intents that are never a guidance question, and the safety check's parse-data key."""

FALLBACK_INTENT = "nlu_fallback"
# Set by nlu/safety.py when the risk model is unsure; read by actions/safety_check.py.
SAFETY_CHECK_KEY = "safety_check"
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
