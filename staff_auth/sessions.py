"""Signed, expiring session cookies (HMAC-SHA256), holding no personal data.

A token is ``<expiry>.<random>.<signature>``. The signing key mixes the session secret
with the password hash, so changing STAFF_PASSWORD_HASH signs everyone out.
"""

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable


class SessionSigner:
    def __init__(
        self,
        secret: bytes,
        password_hash: str,
        minutes: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._key = hmac.new(
            secret, b"staff-session\x00" + password_hash.encode(), hashlib.sha256
        ).digest()
        self.seconds = max(1, minutes) * 60
        self._clock = clock

    def _sign(self, body: str) -> str:
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()

    def issue(self) -> str:
        body = f"{int(self._clock()) + self.seconds}.{secrets.token_hex(16)}"
        return f"{body}.{self._sign(body)}"

    def valid(self, token: str) -> bool:
        if not token or len(token) > 200:
            return False
        body, _, signature = token.rpartition(".")
        if not body or not hmac.compare_digest(self._sign(body), signature):
            return False
        expiry = body.split(".", 1)[0]
        return expiry.isdigit() and int(expiry) > self._clock()
