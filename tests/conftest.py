"""Shared fixtures: a copy of the content to break, and knowledge bases built from it."""
import shutil
from pathlib import Path

import pytest

from knowledge.db import engine_for
from knowledge.loader import load
from knowledge.paths import CONTENT_DIR
from knowledge.queries import KnowledgeBase

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


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
