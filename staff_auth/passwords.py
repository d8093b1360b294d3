"""Password hashes with hashlib's scrypt: ``scrypt$N$r$p$<salt hex>$<hash hex>``."""

import hashlib
import hmac
import secrets

N, R, P, LENGTH = 2**14, 8, 1, 32
PREFIX = "scrypt"


class BadHash(ValueError):
    """STAFF_PASSWORD_HASH is not a hash this module made."""


def hash_password(password: str, salt: bytes = None) -> str:
    if not password:
        raise ValueError("the password is empty")
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=N, r=R, p=P, dklen=LENGTH)
    return f"{PREFIX}${N}${R}${P}${salt.hex()}${digest.hex()}"


def parse_hash(stored: str):
    try:
        prefix, n, r, p, salt, digest = stored.strip().split("$")
        if prefix != PREFIX:
            raise ValueError(prefix)
        n, r, p = int(n), int(r), int(p)
        salt, digest = bytes.fromhex(salt), bytes.fromhex(digest)
    except ValueError:
        raise BadHash(
            "STAFF_PASSWORD_HASH must look like scrypt$16384$8$1$<salt>$<hash> "
            "(make one with `python -m staff_auth hash-password`)"
        ) from None
    if not (
        2**10 <= n <= 2**20
        and n & (n - 1) == 0
        and 1 <= r <= 32
        and 1 <= p <= 16
        and len(salt) >= 8
        and len(digest) >= 16
    ):
        raise BadHash("STAFF_PASSWORD_HASH has parameters out of range")
    return n, r, p, salt, digest


def verify_password(password: str, stored: str) -> bool:
    """True when the password matches; constant-time comparison of the digests."""
    n, r, p, salt, digest = parse_hash(stored)
    if not isinstance(password, str) or not password or len(password) > 1024:
        return False
    candidate = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        dklen=len(digest),
        maxmem=256 * 1024 * 1024,
    )
    return hmac.compare_digest(candidate, digest)
