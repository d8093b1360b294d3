"""A Redis lock store whose ticket updates are atomic, for several Rasa replicas.

Rasa 3.6's RedisLockStore issues and returns tickets by read-modify-write (GET, change,
SET). When two messages of one conversation reach two replicas at the same moment, both
can read the same lock and both get served at once; the SQL tracker store then loses or
duplicates events (seen in tests/scale/test_scale_out.py). Rasa Pro's fix is its
ConcurrentRedisLockStore; this is the same idea for Rasa Open Source: every change to a
lock is a WATCH/MULTI transaction, retried if another replica changed the lock meanwhile.

endpoints.yml keeps `type: ${LOCK_STORE_TYPE}` with url/port/db; set
LOCK_STORE_TYPE=scaling.lock_store.AtomicRedisLockStore.
"""

import json
from collections.abc import Callable
from typing import TypeVar

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
MAX_ATTEMPTS = (
    1000  # each retry means another replica just changed this lock; a bound, not a timeout
)


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
            return self._transact(conversation_id, issue)
        except LockError:
            raise
        except Exception as e:  # as the base class: Rasa expects LockError here
            raise LockError(f"Error while acquiring lock. Error:\n{e}")

    def update_lock(self, conversation_id: str) -> None:
        def expire(lock):
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, lock is not None, None

        self._transact(conversation_id, expire)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock):
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, lock is not None, None

        self._transact(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove our ticket, and the lock if nobody else is waiting, in one step."""

        def finish_and_tidy(lock):
            if lock is None:
                return None, False, None
            lock.remove_ticket_for(ticket_number)
            return lock, lock.is_someone_waiting(), None

        self._transact(conversation_id, finish_and_tidy)
