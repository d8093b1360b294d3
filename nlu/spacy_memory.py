"""Keeping spaCy's memory flat however many different messages arrive.

spaCy keeps every word it has ever seen: each new string goes into the vocabulary's
StringStore and gets a Lexeme, and neither is ever freed (spaCy 3.4 has no memory zones).
A public chat sees endless new strings (typos, names, junk), so the Rasa server would grow
without limit. `install()` wraps Rasa's SpacyNLP so that once the vocabulary has grown by
SPACY_MAX_NEW_STRINGS strings since it was loaded (default 10,000: about 5,000 unique
messages, 7 MB), the pipeline is loaded afresh from disk (models/spacy_send, in a
background thread) and the old one, with everything it learnt, is dropped.

Dropping it is not enough on its own: a spaCy pipeline holds reference cycles, so it is
freed only by a full garbage collection, and glibc keeps freed heap pages in the process.
Left alone, the first reload kept about 17 MB for good (`make bench-memory`, issue 15). So
once in-flight messages are done with the old pipeline, the reload thread collects it and
hands the freed pages back to the system (glibc's `malloc_trim`).
"""

import ctypes
import functools
import gc
import logging
import os
import threading
import time

log = logging.getLogger(__name__)

MAX_NEW_STRINGS = int(os.environ.get("SPACY_MAX_NEW_STRINGS") or 10_000)
_baselines = {}  # id(Language) -> its StringStore size when loaded
_reloading = set()  # id(SpacyModel) being reloaded
_lock = threading.Lock()
RELOAD_IN_BACKGROUND = True
# Messages being parsed when the pipeline is swapped still hold the old one for a moment.
RELEASE_AFTER_SECONDS = 2.0


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
    del nlp  # the reload frees the old pipeline: hold no reference to it here
    if background:
        threading.Thread(
            target=_reload,
            args=(spacy_model, RELEASE_AFTER_SECONDS),
            daemon=True,
            name="spacy-reload",
        ).start()
    else:
        _reload(spacy_model, 0.0)
    return True


def _reload(spacy_model, release_after: float) -> None:
    import spacy

    try:
        fresh = spacy.load(spacy_model.model_name)
        with _lock:
            _baselines.pop(id(spacy_model.model), None)
            _baselines[id(fresh)] = len(fresh.vocab.strings)
            spacy_model.model = fresh
        del fresh
    except Exception:  # keep serving with the old pipeline; try again at the next check
        log.exception("spaCy pipeline reload failed")
        return
    finally:
        with _lock:
            _reloading.discard(id(spacy_model))
    time.sleep(release_after)
    give_back_memory()


def give_back_memory() -> float:
    """Free unreachable objects (the old pipeline's cycles) and return freed heap pages to the
    system where the C library can (glibc); the seconds it took."""
    started = time.perf_counter()
    gc.collect()
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:  # glibc only; elsewhere the freed memory is reused by the process
        trim(0)
    took = time.perf_counter() - started
    log.info("old spaCy pipeline freed in %.2f s", took)
    return took


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
