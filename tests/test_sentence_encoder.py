"""The packaged all-MiniLM-L6-v2 model run in numpy (nlu/sentence_encoder.py)."""

import shutil

import numpy as np
import pytest

from nlu.sentence_encoder import (
    PUBLISHED_WEIGHTS_SHA256,
    EncoderUnavailable,
    SentenceEncoder,
    TokenEmbeddings,
    model_dir,
    sha256,
)


@pytest.fixture(scope="module")
def encoder():
    return SentenceEncoder()


def test_the_installed_weights_are_the_published_ones():
    assert sha256(model_dir() / "model.safetensors") == PUBLISHED_WEIGHTS_SHA256


@pytest.mark.parametrize("model", [SentenceEncoder, TokenEmbeddings])
def test_weights_that_differ_from_the_published_ones_are_refused(tmp_path, model):
    copy = tmp_path / "model"
    shutil.copytree(model_dir(), copy)
    with open(copy / "model.safetensors", "r+b") as handle:
        handle.seek(-1, 2)
        last = handle.read(1)
        handle.seek(-1, 2)
        handle.write(bytes([last[0] ^ 1]))
    with pytest.raises(EncoderUnavailable):
        model(copy)


def test_embeddings_are_unit_vectors_and_paraphrases_are_closer_than_other_topics(encoder):
    sent_home, collect_early, budget = encoder.encode(
        [
            "my son keeps being sent home from school at lunchtime",
            "the school phones me to collect my child early every day",
            "how do I apply for a personal budget",
        ]
    )
    assert np.isclose(np.linalg.norm(sent_home), 1.0, atol=1e-5)
    assert sent_home @ collect_early > sent_home @ budget + 0.2


def test_wordpiece_splits_unknown_words_into_known_pieces(encoder):
    ids = encoder.tokenizer.encode("EHCNA")
    assert ids[0] == encoder.tokenizer.cls and ids[-1] == encoder.tokenizer.sep
    assert encoder.tokenizer.unk not in ids and len(ids) > 3


def test_word_piece_embeddings_put_the_same_issue_closer_than_another():
    # The chosen classifier's second model reads only the word-piece table (no transformer).
    taxi, bus, budget = TokenEmbeddings().encode(
        [
            "the council stopped his taxi to school",
            "his school bus transport was cancelled",
            "how do I apply for a personal budget",
        ]
    )
    assert np.isclose(np.linalg.norm(taxi), 1.0, atol=1e-5)
    assert taxi @ bus > taxi @ budget + 0.2
