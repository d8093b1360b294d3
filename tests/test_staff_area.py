"""Staff sign-in and the protected report, over real HTTP: refused without credentials,
allowed with them, locked after repeated failures, and off when nothing is configured."""

import re

import pytest
import sqlalchemy as sa

from reporting.generate import generate
from staff_auth.lockout import Lockout
from staff_auth.passwords import BadHash, hash_password, parse_hash, verify_password
from staff_auth.routes import COOKIE
from staff_auth.sessions import SessionSigner
from webchat.channel import WebChatInput

from .sanic_app import Server

PASSWORD = "correct horse battery staple"
STAFF = "/webhooks/webchat/staff"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


async def _no_messages(message):
    raise AssertionError("not used")


def _server(monkeypatch, tmp_path, password_hash):
    for name in ("STAFF_PASSWORD_HASH", "STAFF_SESSION_SECRET", "STAFF_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)
    if password_hash:
        monkeypatch.setenv("STAFF_PASSWORD_HASH", password_hash)
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    generate(engine, conversations=40, days=5)
    bp = WebChatInput.from_credentials({}).blueprint(_no_messages)  # reads the environment here
    return Server({"/webhooks/webchat": bp}, report_engine=engine)


@pytest.fixture(scope="module")
def password_hash():
    return hash_password(PASSWORD)


@pytest.fixture
def server(monkeypatch, tmp_path, password_hash):  # one per test: each gets a fresh lock-out
    srv = _server(monkeypatch, tmp_path, password_hash)
    yield srv
    srv.stop()


def sign_in(server, password, origin=None):
    headers = dict(FORM, **({"Origin": origin} if origin else {}))
    return server.call(
        "POST", STAFF + "/login", f"password={password}".replace(" ", "+").encode(), headers
    )


def session_cookie(res) -> str:
    cookie = next(c for c in res.cookies if c.startswith(COOKIE + "="))
    return cookie.split(";")[0]


def test_anonymous_request_for_the_report_is_refused(server):
    res = server.call("GET", STAFF + "/report")
    assert res.status == 401
    assert b"Sign in to the staff area" in res.body and b"What parents asked" not in res.body
    assert res.headers["cache-control"] == "no-store"


def test_a_forged_or_foreign_cookie_is_refused(server):
    for value in ("", "9999999999.abc.def", "junk"):
        res = server.call("GET", STAFF + "/report", headers={"Cookie": f"{COOKIE}={value}"})
        assert res.status == 401


def test_the_right_password_gives_a_secure_session_and_the_report(server):
    res = sign_in(server, PASSWORD)
    assert res.status == 303 and res.headers["location"] == STAFF + "/report"
    cookie = next(c for c in res.cookies if c.startswith(COOKIE + "="))
    for flag in ("HttpOnly", "SameSite=Strict", "Secure", f"Path={STAFF}", "Max-Age=3600"):
        assert flag in cookie
    report = server.call("GET", STAFF + "/report?days=7", headers={"Cookie": session_cookie(res)})
    assert report.status == 200 and b"What parents asked" in report.body
    # Only its own inline style may apply; no script at all.
    csp = report.headers["content-security-policy"]
    assert (
        "default-src 'none'" in csp
        and "script-src" not in csp
        and re.search(r"style-src 'sha256-", csp)
    )
    assert b"<script" not in report.body


def test_a_wrong_password_is_refused_with_a_clear_message(server):
    res = sign_in(server, "not it")
    assert res.status == 401 and b"Enter the correct staff password" in res.body
    assert not [c for c in res.cookies if c.startswith(COOKIE + "=") and "Max-Age=0" not in c]


def test_repeated_failures_lock_the_address_out_even_with_the_right_password(server):
    for _ in range(5):
        assert sign_in(server, "guess").status == 401
    locked = sign_in(server, PASSWORD)
    assert locked.status == 429 and int(locked.headers["retry-after"]) > 60
    assert b"Too many failed attempts" in locked.body
    assert not locked.cookies


def test_a_sign_in_posted_from_another_site_is_refused(server):
    res = sign_in(server, PASSWORD, origin="https://evil.example")
    assert res.status == 403 and not res.cookies


def test_signing_out_clears_the_cookie(server):
    res = server.call("POST", STAFF + "/logout", b"", FORM)
    assert res.status == 303 and any("Max-Age=0" in c for c in res.cookies)


def test_the_public_staff_quick_reference_stays_open(server):
    assert server.call("GET", STAFF).status == 200


def test_bad_days_get_a_clear_error(server):
    cookie = session_cookie(sign_in(server, PASSWORD))
    res = server.call("GET", STAFF + "/report?days=0", headers={"Cookie": cookie})
    assert res.status == 400 and b"whole number from 1 to 366" in res.body


def test_with_no_password_configured_the_report_and_sign_in_are_off(monkeypatch, tmp_path):
    srv = _server(monkeypatch, tmp_path, None)
    try:
        assert srv.call("GET", STAFF + "/report").status == 503
        assert srv.call("GET", STAFF + "/login").status == 503
        assert sign_in(srv, "anything").status == 503
    finally:
        srv.stop()


# ---------------------------------------------------------------- the parts, directly
def test_password_hashes_verify_and_reject():
    stored = hash_password(PASSWORD)
    assert verify_password(PASSWORD, stored) and not verify_password(PASSWORD + "!", stored)
    assert stored != hash_password(PASSWORD)  # salted
    with pytest.raises(BadHash):
        parse_hash("plain-text-password")


def test_sessions_expire_and_follow_the_password():
    now = [1_000_000.0]
    signer = SessionSigner(b"secret", "hash-1", minutes=30, clock=lambda: now[0])
    token = signer.issue()
    assert signer.valid(token)
    assert not SessionSigner(b"secret", "hash-2", 30, clock=lambda: now[0]).valid(
        token
    )  # password changed
    assert not signer.valid(token[:-1] + ("0" if token[-1] != "0" else "1"))  # tampered
    now[0] += 30 * 60 + 1
    assert not signer.valid(token)  # expired


def test_lockout_ends_after_its_time_and_counts_per_address():
    now = [0.0]
    lockout = Lockout(
        max_failures=3, window=60, lock=120, max_failures_all=1000, clock=lambda: now[0]
    )
    for _ in range(3):
        lockout.failed("a")
    assert lockout.retry_after("a") > 0 and lockout.retry_after("b") == 0
    now[0] += 121
    assert lockout.retry_after("a") == 0


def test_many_addresses_failing_lock_sign_in_for_everyone():
    lockout = Lockout(max_failures=5, window=60, lock=60, max_failures_all=10, clock=lambda: 0.0)
    for i in range(10):
        lockout.failed(f"address-{i}")
    assert lockout.retry_after("someone-new") > 0
