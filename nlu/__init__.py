"""The assistant's own NLU pieces: the spaCy pipeline builder and custom Rasa components."""

from .spacy_memory import install as _bound_spacy_memory

_bound_spacy_memory()  # Rasa imports this package with the model: spaCy's memory stays bounded
