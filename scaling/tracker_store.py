"""The redacting SQL tracker store, made to wait for its database at startup.

Rasa 3.6's SQLTrackerStore only retries when `login_db` is set: otherwise, with PostgreSQL
down at startup, it logs "Could not create tables" once and serves anyway. Every message
then falls back to a fresh in-memory tracker (parents are asked for their council again,
nothing is stored, replicas disagree) and, because the tables are never created, that goes
on after the database comes back, until Rasa is restarted. This store instead waits:
Rasa is not serving until the tables exist, and says why every few seconds.

endpoints.yml: `type: scaling.tracker_store.WaitingSQLTrackerStore` (same settings).
"""

import logging
import os
import time

from sqlalchemy.exc import OperationalError, ProgrammingError

from privacy.tracker_store import RedactingSQLTrackerStore

log = logging.getLogger(__name__)
RETRY_SECONDS = float(os.environ.get("TRACKER_STORE_RETRY_SECONDS", 5))


class WaitingSQLTrackerStore(RedactingSQLTrackerStore):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wait_for_tables(self)


def wait_for_tables(store: RedactingSQLTrackerStore, retry_seconds: float = RETRY_SECONDS) -> None:
    """Create the tracker tables (a no-op when they exist), retrying until the database answers."""
    where = store.engine.url.render_as_string(hide_password=True)
    attempt = 0
    while True:
        try:
            store.Base.metadata.create_all(store.engine)
            if attempt:
                log.warning("tracker store database %s is reachable again; starting", where)
            return
        except (OperationalError, ProgrammingError) as exc:
            attempt += 1
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            log.warning(
                "tracker store database %s is not reachable (%s); not serving yet, retry %d in %g s",
                where,
                reason,
                attempt,
                retry_seconds,
            )
            time.sleep(retry_seconds)
