"""The assistant's own NLU pieces: the spaCy pipeline builder and custom Rasa components.

Nothing here imports Rasa at package import: the action server imports `nlu.abbreviations`
(through advice/issues.py) and must not load Rasa and TensorFlow with it. The components that
Rasa loads with the model bound spaCy's memory themselves (nlu/spacy_memory.py).
"""
