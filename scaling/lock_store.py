"""A Redis lock store whose ticket updates are atomic, for several Rasa replicas.

Rasa 3.6's RedisLockStore issues and returns tickets by read-modify-write (GET, change,
SET). When two messages of one conversation reach two replicas at the same moment, both
can read the same lock and both get served at once; the SQL tracker store then loses or
duplicates events (seen in tests/scale/test_scale_out.py). Rasa Pro's fix is its
ConcurrentRedisLockStore; this is the same idea for Rasa Open Source: every change to a
lock is a WATCH/MULTI transaction, retried if another replica changed the lock meanwhile.

It also fails safe when Redis is unreachable: every lock operation then raises
LockStoreUnavailable (a LockError) at once, so the turn fails before anything is processed and
the channel answers with the apology and the council's contacts (channels/fallback.py); the
first failure and the recovery are logged once each, and service resumes by itself when Redis
answers again. Returning a ticket when Redis is down only logs: the ticket expires anyway.

endpoints.yml keeps `type: ${LOCK_STORE_TYPE}` with url/port/db; set
LOCK_STORE_TYPE=scaling.lock_store.AtomicRedisLockStore.
"""

import json
import logging
import time
from collections.abc import Callable
from typing import TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

log = logging.getLogger(__name__)
T = TypeVar("T")
CONNECT_TIMEOUT_SECONDS = (
    2.0  # a failed-over Redis must not hold a turn for Rasa's 10 s socket timeout
)
UNREACHABLE = (redis.ConnectionError, redis.TimeoutError)
MAX_ATTEMPTS = (
    1000  # each retry means another replica just changed this lock; a bound, not a timeout
)


class LockStoreUnavailable(LockError):
    """Redis did not answer: the conversation cannot be locked, so the turn is not processed."""


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs) -> None:
        # Rasa builds a lock store named by module path with `endpoint_config=` only.
        if endpoint_config is not None:
            kwargs = {
                "host": endpoint_config.url or "localhost",
                **endpoint_config.kwargs,
                **kwargs,
            }
        kwargs.pop("type", None)
        super().__init__(**kwargs)
        connection = self.red.connection_pool.connection_kwargs
        if connection.get("socket_connect_timeout") is None:
            connection["socket_connect_timeout"] = CONNECT_TIMEOUT_SECONDS
        self.down_since: float | None = None

    def _unavailable(self, exc: Exception) -> LockStoreUnavailable:
        if self.down_since is None:
            self.down_since = time.monotonic()
            log.warning(
                "lock store Redis %s is unreachable (%s); "
                "answering with the apology until it returns",
                self._where(),
                exc,
            )
        return LockStoreUnavailable(f"lock store Redis {self._where()} is unreachable: {exc}")

    def _answered(self) -> None:
        if self.down_since is not None:
            log.warning(
                "lock store Redis %s is reachable again after %.1f s; serving",
                self._where(),
                time.monotonic() - self.down_since,
            )
            self.down_since = None

    def _where(self) -> str:
        kwargs = self.red.connection_pool.connection_kwargs
        return f"{kwargs.get('host')}:{kwargs.get('port')}/{kwargs.get('db')}"

    def health(self) -> dict:
        try:
            self.red.ping()
            self._answered()
            return {"ok": True, "detail": "reachable"}
        except redis.RedisError as exc:
            return {"ok": False, "detail": str(exc)}

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        try:
            lock = super().get_lock(conversation_id)
        except UNREACHABLE as exc:
            raise self._unavailable(exc) from exc
        self._answered()
        return lock

    def _transact(
        self,
        conversation_id: str,
        change: Callable[[TicketLock | None], tuple[TicketLock | None, bool, T]],
    ) -> T:
        """Apply `change(lock) -> (lock, keep, result)` atomically; keep=False deletes the lock."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            for _ in range(MAX_ATTEMPTS):
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    lock, keep, result = change(lock)
                    pipe.multi()
                    if lock is not None and keep:
                        pipe.set(key, lock.dumps())
                    elif raw is not None:
                        pipe.delete(key)
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue  # another replica changed the lock between our read and write
        raise LockError(
            f"Could not update the lock for conversation '{conversation_id}': too much contention."
        )

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock):
            lock = lock or TicketLock(conversation_id)
            return lock, True, lock.issue_ticket(lock_lifetime)

        try:
            ticket = self._transact(conversation_id, issue)
        except LockError:
            raise
        except UNREACHABLE as exc:
            raise self._unavailable(exc) from exc
        except Exception as e:  # as the base class: Rasa expects LockError here
            raise LockError(f"Error while acquiring lock. Error:\n{e}") from e
        self._answered()
        return ticket

    def update_lock(self, conversation_id: str) -> None:
        def expire(lock):
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, lock is not None, None

        try:
            self._transact(conversation_id, expire)
        except UNREACHABLE as exc:
            raise self._unavailable(exc) from exc

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock):
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, lock is not None, None

        self._finish_quietly(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove our ticket, and the lock if nobody else is waiting, in one step."""

        def finish_and_tidy(lock):
            if lock is None:
                return None, False, None
            lock.remove_ticket_for(ticket_number)
            return lock, lock.is_someone_waiting(), None

        self._finish_quietly(conversation_id, finish_and_tidy)

    def _finish_quietly(self, conversation_id: str, change) -> None:
        """Give a ticket back; if Redis is gone, it expires by itself (and the lock with Redis)."""
        try:
            self._transact(conversation_id, change)
        except UNREACHABLE as exc:
            self._unavailable(exc)
            log.warning(
                "lock store: could not return a ticket of conversation %s (Redis unreachable); "
                "it expires after its lifetime",
                conversation_id,
            )
