"""Keeping spaCy's memory flat however many different messages arrive.

spaCy keeps every word it has ever seen: each new string goes into the vocabulary's
StringStore and gets a Lexeme, and neither is ever freed (spaCy 3.4 has no memory zones).
A public chat sees endless new strings (typos, names, junk), so the Rasa server would grow
without limit. `install()` wraps Rasa's SpacyNLP so that once the vocabulary has grown by
SPACY_MAX_NEW_STRINGS (default 20,000) strings since it was loaded, the pipeline is loaded
afresh from disk (models/spacy_send, in a background thread) and the old one, with
everything it learnt, is dropped.
"""

import functools
import logging
import os
import threading

log = logging.getLogger(__name__)

MAX_NEW_STRINGS = int(os.environ.get("SPACY_MAX_NEW_STRINGS") or 20_000)
_baselines = {}  # id(Language) -> its StringStore size when loaded
_reloading = set()  # id(SpacyModel) being reloaded
_lock = threading.Lock()
RELOAD_IN_BACKGROUND = True


def fresh_if_grown(spacy_model, limit: int | None = None, background: bool | None = None) -> bool:
    """Reload `spacy_model.model` (a rasa SpacyModel) once its vocabulary grew past `limit`.

    In the background by default (loading takes a second or two, which no message should
    wait for): the old pipeline serves until the new one replaces it. True if a reload began.
    """
    limit = MAX_NEW_STRINGS if limit is None else limit
    background = RELOAD_IN_BACKGROUND if background is None else background
    nlp = spacy_model.model
    size = len(nlp.vocab.strings)
    with _lock:
        baseline = _baselines.setdefault(id(nlp), size)
        if size - baseline <= limit or id(spacy_model) in _reloading:
            return False
        _reloading.add(id(spacy_model))
    log.info(
        "spaCy vocabulary grew by %d strings; reloading the pipeline to free them",
        size - baseline,
    )
    if background:
        threading.Thread(
            target=_reload, args=(spacy_model, nlp), daemon=True, name="spacy-reload"
        ).start()
    else:
        _reload(spacy_model, nlp)
    return True


def _reload(spacy_model, old) -> None:
    import spacy

    try:
        fresh = spacy.load(spacy_model.model_name)
        with _lock:
            _baselines.pop(id(old), None)
            _baselines[id(fresh)] = len(fresh.vocab.strings)
            spacy_model.model = fresh
    except Exception:  # keep serving with the old pipeline; try again at the next check
        log.exception("spaCy pipeline reload failed")
    finally:
        with _lock:
            _reloading.discard(id(spacy_model))


def install() -> None:
    """Wrap rasa's SpacyNLP.process once (idempotent)."""
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    if getattr(SpacyNLP.process, "_bounded", False):
        return
    process = SpacyNLP.process

    @functools.wraps(process)  # keeps the type hints Rasa's graph validation reads
    def bounded_process(self, messages, model):
        fresh_if_grown(model)
        return process(self, messages, model)

    bounded_process._bounded = True
    SpacyNLP.process = bounded_process
