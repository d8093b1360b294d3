"""Memory stays flat under endless unique messages (figures: `make bench-memory`).

spaCy keeps every string it has seen; nlu/spacy_memory.py reloads the pipeline once it has
grown by SPACY_MAX_NEW_STRINGS. Here the limit is small, so the bound shows in a few
thousand messages.
"""

from pathlib import Path

import pytest
import spacy
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.training_data.message import Message

from nlu import spacy_memory

MODEL = Path(__file__).resolve().parents[1] / "models" / "spacy_send"


@pytest.fixture(scope="module")
def spacy_model():
    if not (MODEL / "meta.json").exists():
        pytest.fail("models/spacy_send is missing: run `make` (it builds the spaCy pipeline)")
    return SpacyModel(model=spacy.load(MODEL), model_name=str(MODEL))


def test_spacy_vocabulary_stays_bounded_under_unique_messages(spacy_model, monkeypatch):
    monkeypatch.setattr(spacy_memory, "MAX_NEW_STRINGS", 800)
    monkeypatch.setattr(
        spacy_memory, "RELOAD_IN_BACKGROUND", False
    )  # the server reloads in a thread
    spacy_memory.install()
    component = SpacyNLP(spacy_model, SpacyNLP.get_default_config())
    start = len(spacy_model.model.vocab.strings)
    sizes = []
    for n in range(1200):
        component.process([Message(data={"text": f"my son word{n}x and thing{n}y"})], spacy_model)
        sizes.append(len(spacy_model.model.vocab.strings))
    # Unbounded, 1,200 messages add about 2,400 strings; bounded, never past the limit.
    assert max(sizes) <= start + 800 + 10, (start, max(sizes))


def test_a_reload_keeps_the_pipeline_working(spacy_model):
    assert spacy_memory.fresh_if_grown(spacy_model, limit=-1, background=False)  # forced
    doc = spacy_model.model("I live in Hampshire")
    assert [e.text for e in doc.ents] == ["Hampshire"]


def test_a_reload_frees_the_old_pipeline_at_once(spacy_model):
    """A spaCy pipeline holds reference cycles: without a collection after the swap it stays
    in memory beside the new one (the 17 MB `make bench-memory` found, issue 15)."""
    import weakref

    old = weakref.ref(spacy_model.model)
    assert spacy_memory.fresh_if_grown(spacy_model, limit=-1, background=False)
    assert old() is None, "the old pipeline is still in memory after the reload"
    assert spacy_model.model("we live in Eastleigh").ents[0].label_ == "council"


def python_says(code: str) -> str:
    """What a fresh interpreter in this repository prints (imports here are already loaded)."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_the_action_server_loads_neither_rasa_nor_tensorflow():
    """Loading every action as the action server does stays small (Rasa with TensorFlow is
    about 500 MB more resident memory and 6 s more start-up)."""
    loaded = python_says(
        "import sys\n"
        "from rasa_sdk.executor import ActionExecutor\n"
        "executor = ActionExecutor()\n"
        "executor.register_package('actions')\n"
        "assert 'action_answer_topic' in executor.actions\n"
        "print(sorted(m for m in ('rasa', 'tensorflow') if m in sys.modules))"
    )
    assert loaded == "[]"


def test_loading_the_model_components_bounds_spacy_memory():
    bounded = python_says(
        "import nlu.tfidf_intent_classifier\n"
        "from rasa.nlu.utils.spacy_utils import SpacyNLP\n"
        "print(getattr(SpacyNLP.process, '_bounded', False))"
    )
    assert bounded.splitlines()[-1] == "True"
