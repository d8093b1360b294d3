"""The assistant's own NLU pieces: the spaCy pipeline builder and custom Rasa components."""
