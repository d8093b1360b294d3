"""Where the knowledge base's content and default database live."""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CONTENT_DIR = PACKAGE_DIR / "content"
DEFAULT_DB_PATH = PACKAGE_DIR / "knowledge.db"


def database_url() -> str:
    """KNOWLEDGE_DB_URL (any SQLAlchemy URL) or the SQLite file beside the package."""
    return os.environ.get("KNOWLEDGE_DB_URL") or f"sqlite:///{DEFAULT_DB_PATH}"
