"""One MiniLM sentence embedding per message per process, shared by every model that needs it.

The intent classifier and the risk model ask `embedding(text)` for the same message in the same
turn; the encoder runs once and the others get the cached vector. The
message is embedded with its abbreviations expanded ("my DS" -> "my son"), as the models were
trained. The cache is keyed by a digest of the text, not the text, and holds only the last few
messages, so no message text is kept by it (no personal data stored).
"""

import hashlib
from collections import OrderedDict
from contextlib import contextmanager
from functools import lru_cache

import numpy as np

from .abbreviations import expand

CACHE_SIZE = 32  # a turn's message is asked for a few times; more is never needed

_cache: "OrderedDict[bytes, np.ndarray]" = OrderedDict()
# Set only while a model trains (`kept_for_training`): each training text is encoded once for all
# folds and candidates. Dropped on exit, so no text outlives training.
_training_memo: dict[str, np.ndarray] | None = None


@lru_cache(maxsize=1)
def shared_encoder():
    """The int8 ONNX encoder (nlu/onnx_encoder.py), loaded once per process."""
    from .onnx_encoder import OnnxEncoder

    return OnnxEncoder()


def _encode(text: str) -> np.ndarray:
    """One encoder pass, abbreviations expanded as the models were trained."""
    return shared_encoder().encode_one(expand(text))


def warm_up() -> None:
    """Load the encoder and run it once, so the first parent after a start is not kept waiting
    (the session's set-up and first run cost 0.1 to 0.2 s). The text is fixed, not a message."""
    shared_encoder().encode_one("warm up")


def sentence_embedding(text: str) -> np.ndarray:
    """The message's 384-dimensional unit vector (read-only; copy it to change it)."""
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    vector = _cache.get(key)
    if vector is None:
        vector = _encode(text)
        vector.setflags(write=False)
        _cache[key] = vector
        if len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    return vector


@contextmanager
def kept_for_training(preload: dict[str, np.ndarray] | None = None):
    """While training: `embedding(text)` encodes each text once, however many folds ask for it.

    Yields the memo (scripts/compare_classifiers.py keeps it on disk between runs). Nested uses
    share the outer memo; the outermost drops it on exit.
    """
    global _training_memo
    outermost = _training_memo is None
    if outermost:
        _training_memo = dict(preload or {})
    try:
        yield _training_memo
    finally:
        if outermost:
            _training_memo = None


def embedding(text: str) -> np.ndarray:
    """The sentence embedding every model asks for: memoised while training, else the per-turn
    cache (which keeps no text)."""
    if _training_memo is None:
        return sentence_embedding(text)
    vector = _training_memo.get(text)
    if vector is None:
        vector = _training_memo[text] = _encode(text)
    return vector
