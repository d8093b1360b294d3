"""The fast sentence encoder (int8 ONNX, nlu/onnx_encoder.py) against the numpy reference, and
the one-pass-per-message cache (nlu/sentence_embedding.py)."""

import numpy as np
import onnx
import pytest

from nlu import sentence_embedding as shared
from nlu.onnx_encoder import DEFAULT_PATH, OnnxEncoder, build
from nlu.sentence_encoder import EncoderUnavailable, SentenceEncoder

MESSAGES = [
    "EHCP",
    "my son keeps being sent home from school at lunchtime",
    "how do I apply for a personal budget",
    # a long message, as real parents write them
    "My 5 year old son has been diagnosed with ASD and Learning Disabilities. He currently "
    "attends a Mainstream school and has an EHCP. Since he started Reception, we have been "
    "getting calls constantly to come and collect him half an hour after we drop him off. We do "
    "feel he is better off at a Special School where his needs are met better. The next review "
    "would be in November, but we aren't sure how this works in regards to requesting a special "
    "school. Or do we just request an emergency review and explain everything to them?",
]


@pytest.fixture(scope="module")
def reference():
    return SentenceEncoder().encode(MESSAGES)


@pytest.fixture(scope="module")
def float_graph(tmp_path_factory):
    return build(tmp_path_factory.mktemp("onnx") / "fp32.onnx", quantise=False)


def test_the_float_graph_computes_what_the_numpy_reference_computes(float_graph, reference):
    vectors = OnnxEncoder(float_graph).encode(MESSAGES)
    assert np.allclose(vectors, reference, atol=1e-4)


def test_the_int8_encoder_stays_close_to_the_reference(reference):
    vectors = OnnxEncoder(DEFAULT_PATH).encode(MESSAGES)
    cosines = (vectors * reference).sum(1)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert cosines.min() > 0.98, cosines


def test_the_int8_encoder_keeps_paraphrases_closer_than_other_topics():
    sent_home, collect_early, budget = OnnxEncoder(DEFAULT_PATH).encode(
        [
            "my son keeps being sent home from school at lunchtime",
            "the school phones me to collect my child early every day",
            "how do I apply for a personal budget",
        ]
    )
    assert sent_home @ collect_early > sent_home @ budget + 0.2


def test_a_missing_graph_says_how_to_build_it(tmp_path):
    with pytest.raises(EncoderUnavailable, match="make train"):
        OnnxEncoder(tmp_path / "absent.onnx")


def test_a_graph_not_built_from_the_published_weights_is_refused(float_graph, tmp_path):
    model = onnx.load(str(float_graph))
    for prop in model.metadata_props:
        if prop.key == "source_sha256":
            prop.value = "0" * 64
    onnx.save(model, str(tmp_path / "other.onnx"))
    with pytest.raises(EncoderUnavailable, match="rebuild"):
        OnnxEncoder(tmp_path / "other.onnx")


class CountingEncoder:
    def __init__(self, encoder):
        self.encoder, self.calls = encoder, 0

    def encode_one(self, text):
        self.calls += 1
        return self.encoder.encode_one(text)


@pytest.fixture
def counting(monkeypatch):
    counter = CountingEncoder(shared.shared_encoder())
    monkeypatch.setattr(shared, "shared_encoder", lambda: counter)
    monkeypatch.setattr(shared, "_cache", type(shared._cache)())
    return counter


def test_a_message_is_encoded_once_however_many_models_ask(counting):
    text = "the council stopped his taxi to school"
    first, second = shared.sentence_embedding(text), shared.sentence_embedding(text)
    assert counting.calls == 1
    assert np.array_equal(first, second)
    shared.sentence_embedding("a different message")
    assert counting.calls == 2


def test_the_shared_vector_cannot_be_changed_by_one_model_under_another(counting):
    vector = shared.sentence_embedding("how do I appeal to the tribunal")
    with pytest.raises(ValueError):
        vector[0] = 1.0


def test_the_cache_keeps_no_message_text_and_stays_small(counting):
    for i in range(shared.CACHE_SIZE + 5):
        shared.sentence_embedding(f"my daughter's name is Alice {i}")
    assert len(shared._cache) == shared.CACHE_SIZE
    assert not any(b"Alice" in key for key in shared._cache)


def test_abbreviations_are_expanded_before_encoding(counting):
    # "DS" is the parents' forum short form for "dear son" (nlu/abbreviations.py)
    short = shared.sentence_embedding("my DS is being excluded")
    spelt_out = shared.sentence_embedding("my son is being excluded")
    assert np.allclose(short, spelt_out, atol=1e-6)


def test_warm_up_loads_the_encoder_without_keeping_any_message():
    """SafetyNet.load warms the encoder so the first parent is not kept waiting; the fixed
    warm-up text never enters the per-message cache."""
    shared.shared_encoder.cache_clear()
    before = dict(shared._cache)
    shared.warm_up()
    assert shared.shared_encoder.cache_info().currsize == 1
    assert dict(shared._cache) == before


def test_training_embeddings_are_encoded_once_and_dropped_afterwards():
    with shared.kept_for_training() as memo:
        first = shared.embedding("my son was sent home again")
        assert shared.embedding("my son was sent home again") is first
        with shared.kept_for_training() as inner:
            assert inner is memo  # one memo for the whole training run
        assert list(memo) == ["my son was sent home again"]
    assert shared._training_memo is None
    assert np.allclose(shared.embedding("my son was sent home again"), first, atol=1e-6)
