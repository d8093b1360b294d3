"""Limits on password guessing: per client address, and for the whole service.

An address with ``max_failures`` failed attempts within ``window`` seconds is locked out
for ``lock`` seconds (even the right password is refused meanwhile). Many addresses
failing together lock sign-in for everyone for a while, which stops a spread-out
guessing attack at the cost of a short outage for staff. In memory, per process.
"""

import threading
import time
from collections import deque
from collections.abc import Callable

ALL = "*"


class Lockout:
    def __init__(
        self,
        max_failures: int = 5,
        window: float = 900,
        lock: float = 900,
        max_failures_all: int = 100,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures, self.window, self.lock = max_failures, window, lock
        self.max_failures_all = max_failures_all
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._mutex = threading.Lock()

    def retry_after(self, address: str) -> int:
        """Seconds until this address may try again (0: it may try now)."""
        now = self._clock()
        with self._mutex:
            until = max(self._locked_until.get(address, 0), self._locked_until.get(ALL, 0))
            return int(until - now) + 1 if until > now else 0

    def failed(self, address: str) -> None:
        now = self._clock()
        with self._mutex:
            for key, limit in ((address, self.max_failures), (ALL, self.max_failures_all)):
                hits = self._failures.setdefault(key, deque())
                hits.append(now)
                while hits and now - hits[0] > self.window:
                    hits.popleft()
                if len(hits) >= limit:
                    self._locked_until[key] = now + self.lock
                    hits.clear()
            if len(self._failures) > 10000:  # forget quiet addresses so memory stays small
                for key in [
                    k for k, v in self._failures.items() if not v or now - v[-1] > self.window
                ]:
                    del self._failures[key]

    def succeeded(self, address: str) -> None:
        with self._mutex:
            self._failures.pop(address, None)
