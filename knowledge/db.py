"""Database engines for the knowledge base."""

from functools import lru_cache

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from .paths import database_url


@lru_cache(maxsize=8)
def engine_for(url: str = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite"):
        engine = create_engine(url, future=True, connect_args={"timeout": 15})

        @event.listens_for(engine, "connect")
        def _wal(dbapi_connection, _record):
            # WAL lets readers keep reading the old content while a reload writes the new.
            dbapi_connection.execute("PRAGMA journal_mode=WAL")

        return engine
    return create_engine(url, future=True, pool_pre_ping=True)
