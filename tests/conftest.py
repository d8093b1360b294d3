"""Shared fixtures: a copy of the content to break, and knowledge bases built from it.

Every test reaches the knowledge base the way the code does, through `knowledge.default_kb()`:
the `kb` fixture points it at a freshly built copy, `kb_down` at one that cannot be read.
"""

import shutil
from pathlib import Path

import pytest
from sanic import Sanic

from knowledge import KnowledgeBase
from knowledge import queries as knowledge_queries
from knowledge.db import engine_for
from knowledge.loader import load
from knowledge.paths import CONTENT_DIR

# Several test modules build Rasa's Sanic app in this one process; Sanic allows that only in
# test mode (app names may repeat, and each app patches Sanic's methods from the originals).
Sanic.test_mode = True

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """An editable copy of knowledge/content laid out as in the repo (repo/knowledge/content)."""
    target = tmp_path / "repo" / "knowledge" / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


@pytest.fixture(scope="session")
def built_kb(tmp_path_factory) -> KnowledgeBase:
    """A knowledge base built from the real content into a fresh SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('kb') / 'knowledge.db'}"
    load(engine_for(url))
    return KnowledgeBase(url)


@pytest.fixture
def kb(built_kb, monkeypatch) -> KnowledgeBase:
    """The built knowledge base, as `knowledge.default_kb()` for every caller during the test."""
    monkeypatch.setattr(knowledge_queries, "_chosen", built_kb)
    return built_kb


@pytest.fixture
def kb_down(monkeypatch, tmp_path) -> KnowledgeBase:
    """A knowledge base whose database cannot be opened, as `knowledge.default_kb()`."""
    broken = KnowledgeBase(f"sqlite:///{tmp_path}/no-such-dir/knowledge.db")
    monkeypatch.setattr(knowledge_queries, "_chosen", broken)
    return broken


@pytest.fixture(scope="session")
def trained_parse():
    """parse(text) -> Rasa's parse result with the trained model (models/send-assistant.tar.gz),
    loaded once per test session."""
    from devtools.real_messages import MODEL, model_parser

    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    return model_parser(MODEL)
