"""The Redis lock store keeps one conversation's messages one at a time across replicas."""

import asyncio
import threading
import time

from rasa.core.lock import TicketLock
from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from scaling.lock_store import AtomicRedisLockStore


def store(redis_server, cls=AtomicRedisLockStore):
    return cls(host="127.0.0.1", port=redis_server.port, db=2)


def test_rasa_redis_lock_store_can_give_two_replicas_the_same_ticket(redis_server):
    """Why scaling/lock_store.py exists: Rasa 3.6's GET-change-SET race, step by step."""
    replica_a, replica_b = store(redis_server, RedisLockStore), store(redis_server, RedisLockStore)
    lock_a = replica_a.get_or_create_lock("race-plain")  # A reads the (new) lock...
    ticket_b = replica_b.issue_ticket("race-plain")  # ...B issues a ticket meanwhile...
    ticket_a = lock_a.issue_ticket(60)  # ...A issues from its stale copy
    replica_a.save_lock(lock_a)
    assert ticket_a == ticket_b == 0  # both are "now serving": two replicas in one conversation


def test_atomic_store_retries_when_another_replica_got_in_first(redis_server, monkeypatch):
    replica_a, replica_b = store(redis_server), store(redis_server)
    original, interfered = TicketLock.issue_ticket, []

    def issue_with_interference(self, lifetime):
        if not interfered:  # between A's read and A's write, B issues a ticket
            interfered.append(None)
            interfered[0] = replica_b.issue_ticket("race-atomic")
        return original(self, lifetime)

    monkeypatch.setattr(TicketLock, "issue_ticket", issue_with_interference)
    ticket_a = replica_a.issue_ticket("race-atomic")
    assert interfered == [0] and ticket_a == 1
    lock = replica_a.get_lock("race-atomic")
    assert (
        [t.number for t in lock.tickets] == [0, 1] and lock.is_locked(1) and not lock.is_locked(0)
    )


def test_one_message_at_a_time_across_replicas(redis_server):
    """Six 'replicas' (own store, own thread) take the same conversation's lock 20 times each."""
    inside, most, served, errors = [0], [0], [0], []
    guard = threading.Lock()

    def replica():
        async def run():
            lock_store = store(redis_server)
            for _ in range(20):
                async with lock_store.lock(
                    "busy-conversation", lock_lifetime=30, wait_time_in_seconds=0.005
                ):
                    with guard:
                        inside[0] += 1
                        most[0] = max(most[0], inside[0])
                    await asyncio.sleep(0.002)
                    with guard:
                        inside[0] -= 1
                        served[0] += 1

        try:
            asyncio.run(run())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=replica) for _ in range(6)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors and served[0] == 120 and most[0] == 1, (errors, served, most)
    assert time.monotonic() - started < 60
    assert store(redis_server).get_lock("busy-conversation") is None  # tidied away when idle


def test_built_from_endpoints_yml_settings(redis_server):
    from rasa.core.lock_store import LockStore

    config = EndpointConfig(
        url="127.0.0.1",
        type="scaling.lock_store.AtomicRedisLockStore",
        port=str(redis_server.port),
        db="1",
    )
    lock_store = LockStore.create(config)
    assert isinstance(lock_store, AtomicRedisLockStore)
    assert lock_store.issue_ticket("from-config") == 0
    lock_store.cleanup("from-config", 0)
    assert lock_store.get_lock("from-config") is None
