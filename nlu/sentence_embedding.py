"""One MiniLM sentence embedding per message per process, shared by every model that needs it.

The intent classifier (and later the risk model) ask `sentence_embedding(text)` for the same
message in the same turn; the encoder runs once and the others get the cached vector. The
message is embedded with its abbreviations expanded ("my DS" -> "my son"), as the models were
trained. The cache is keyed by a digest of the text, not the text, and holds only the last few
messages, so no message text is kept by it (no personal data stored).
"""

import hashlib
from collections import OrderedDict
from functools import lru_cache

import numpy as np

from .abbreviations import expand

CACHE_SIZE = 32  # a turn's message is asked for a few times; more is never needed

_cache: "OrderedDict[bytes, np.ndarray]" = OrderedDict()


@lru_cache(maxsize=1)
def shared_encoder():
    """The int8 ONNX encoder (nlu/onnx_encoder.py), loaded once per process."""
    from .onnx_encoder import OnnxEncoder

    return OnnxEncoder()


def warm_up() -> None:
    """Load the encoder and run it once, so the first parent after a start is not kept waiting
    (the session's set-up and first run cost 0.1 to 0.2 s). The text is fixed, not a message."""
    shared_encoder().encode_one("warm up")


def sentence_embedding(text: str) -> np.ndarray:
    """The message's 384-dimensional unit vector (read-only; copy it to change it)."""
    key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    vector = _cache.get(key)
    if vector is None:
        vector = shared_encoder().encode_one(expand(text))
        vector.setflags(write=False)
        _cache[key] = vector
        if len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    return vector
