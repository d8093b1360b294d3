"""Keeping spaCy's memory flat however many different messages arrive.

spaCy keeps every word it has ever seen: each new string goes into the vocabulary's
StringStore and gets a Lexeme, and neither is ever freed (spaCy 3.4 has no memory zones).
A public chat sees endless new strings (typos, names, junk), so the Rasa server would grow
without limit. `install()` wraps Rasa's SpacyNLP so that once the vocabulary has grown by
SPACY_MAX_NEW_STRINGS (default 20,000) strings since it was loaded, the pipeline is loaded
afresh from disk (models/spacy_send: blank English, a few MB, well under a second) and
the old one, with everything it learnt, is dropped.
"""

import logging
import os
import threading

log = logging.getLogger(__name__)

MAX_NEW_STRINGS = int(os.environ.get("SPACY_MAX_NEW_STRINGS") or 20_000)
_baselines = {}  # id(Language) -> its StringStore size when loaded
_lock = threading.Lock()


def fresh_if_grown(spacy_model, limit: int = MAX_NEW_STRINGS) -> bool:
    """Reload `spacy_model.model` (a rasa SpacyModel) if its vocabulary grew past `limit`; True if so."""
    import spacy

    nlp = spacy_model.model
    size = len(nlp.vocab.strings)
    with _lock:
        baseline = _baselines.setdefault(id(nlp), size)
        if size - baseline <= limit:
            return False
        fresh = spacy.load(spacy_model.model_name)
        _baselines.pop(id(nlp), None)
        _baselines[id(fresh)] = len(fresh.vocab.strings)
        spacy_model.model = fresh
    log.info(
        "spaCy vocabulary grew by %d strings; pipeline reloaded to free them",
        size - baseline,
    )
    return True


def install() -> None:
    """Wrap rasa's SpacyNLP.process once (idempotent)."""
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    if getattr(SpacyNLP.process, "_bounded", False):
        return
    process = SpacyNLP.process

    def bounded_process(self, messages, model):
        fresh_if_grown(model)
        return process(self, messages, model)

    bounded_process._bounded = True
    SpacyNLP.process = bounded_process
