"""Start the real assistant (action server + Rasa with the trained model) and
a headless Chromium for the browser tests; stop everything afterwards.

Nothing is skipped: a missing model, browser or Playwright fails the run with
a message that says what to do.

Environment knobs (all optional):
  WEBCHAT_TEST_MODEL   model file to serve (default models/send-assistant.tar.gz,
                       else the newest models/*.tar.gz)
  CHROMIUM             browser binary (default /usr/bin/chromium)
"""

import glob
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
VENV_BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHANNEL = "webchat.channel.WebChatInput"
MESSAGE_LIMIT = 1500  # the test server's CHAT_MAX_MESSAGE_CHARS
START_TIMEOUT = float(os.environ.get("WEBCHAT_TEST_START_TIMEOUT", "420"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _model_path() -> Path:
    chosen = os.environ.get("WEBCHAT_TEST_MODEL")
    if chosen:
        path = Path(chosen)
    else:
        default = ROOT / "models" / "send-assistant.tar.gz"
        found = sorted(glob.glob(str(ROOT / "models" / "*.tar.gz")), key=os.path.getmtime)
        path = default if default.exists() else Path(found[-1]) if found else default
    if not path.exists():
        pytest.fail(
            f"No trained model at {path}. The browser tests talk to the real assistant: "
            "run `make train` first (or set WEBCHAT_TEST_MODEL to a model file).",
            pytrace=False,
        )
    return path


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as res:
            return res.status == 200
    except Exception:
        return False


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class _CouncilSite(http.server.SimpleHTTPRequestHandler):
    """Serves the pretend council page for the cross-origin embedding test."""

    def log_message(self, *args):  # keep test output quiet
        pass


def _council_page(widget_url: str) -> str:
    # A council's own page on another origin, embedding the widget as documented.
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Hampshire County Council (test)</title></head>
<body><main><h1>SEND support in Hampshire</h1><p>Test page on another origin.</p></main>
<script src="{widget_url}" data-council="Hampshire" defer></script></body></html>"""


def _short_page(widget_url: str) -> str:
    # A page too short to scroll whose last link sits where the launcher floats.
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Short council page (test)</title>
<style>body {{ margin: 0; }} main {{ height: 100vh; display: flex; flex-direction: column;
justify-content: flex-end; align-items: flex-end; }} a {{ margin: 0 1.5rem 1.5rem 0; }}</style></head>
<body><main><h1>Contact us</h1><a id="corner" href="#top">Accessibility statement</a></main>
<script src="{widget_url}" defer></script></body></html>"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    model = _model_path()
    work = tmp_path_factory.mktemp("assistant")
    ports = set()
    while len(ports) < 3:
        ports.add(_free_port())
    rasa_port, action_port, site_port = sorted(ports)
    base = f"http://127.0.0.1:{rasa_port}/webhooks/webchat/"

    # The council site: http://localhost:PORT is allowed, http://127.0.0.1:PORT
    # (same server, different origin) is not.
    site_dir = work / "site"
    site_dir.mkdir()
    (site_dir / "council.html").write_text(_council_page(base + "widget.js"))
    (site_dir / "short.html").write_text(_short_page(base + "widget.js"))
    handler = lambda *a, **k: _CouncilSite(*a, directory=str(site_dir), **k)  # noqa: E731
    site = http.server.ThreadingHTTPServer(("127.0.0.1", site_port), handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()

    # The deployment's credentials.yml, with the test council origin allowed.
    creds_file = ROOT / "credentials.yml"
    credentials = yaml.safe_load(creds_file.read_text()) if creds_file.exists() else {}
    credentials = credentials or {}
    webchat = dict(credentials.get(CHANNEL) or {})
    webchat["allowed_origins"] = [f"http://localhost:{site_port}"]
    # Not the default 2,000, so the tests show the widget counts to the limit its server sets.
    webchat["max_message_chars"] = MESSAGE_LIMIT
    webchat.setdefault("rate_limit_per_minute", 20)
    credentials[CHANNEL] = webchat
    test_creds = work / "credentials.yml"
    test_creds.write_text(yaml.safe_dump(credentials))

    # The repo's endpoints.yml reads everything from the environment: point it
    # at the test's action port and a throwaway SQLite tracker store, so test
    # conversations never reach a real one.
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
            "ACTION_HOST": "127.0.0.1",
            "ACTION_PORT": str(action_port),
            "TRACKER_DIALECT": "sqlite",
            "TRACKER_HOST": "",
            "TRACKER_PORT": "",
            "TRACKER_DB": str(work / "tracker.db"),
            "TRACKER_USER": "",
            "TRACKER_PASSWORD": "",
            "LOCK_STORE_TYPE": "in_memory",
            "REDIS_HOST": "localhost",
            "REDIS_PORT": "6379",
            "REDIS_DB": "1",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "RASA_TELEMETRY_ENABLED": "false",  # no network calls from tests
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "RASA_CACHE_DIRECTORY": str(work / "rasa-cache"),
        }
    )
    rasa = str(VENV_BIN / "rasa")
    logs = {"actions": work / "actions.log", "rasa": work / "rasa.log"}
    procs = {
        "actions": subprocess.Popen(
            [rasa, "run", "actions", "--port", str(action_port), "--actions", "actions"],
            cwd=ROOT,
            env=env,
            stdout=logs["actions"].open("w"),
            stderr=subprocess.STDOUT,
        ),
        "rasa": subprocess.Popen(
            [
                rasa,
                "run",
                "--port",
                str(rasa_port),
                "-m",
                str(model),
                "--credentials",
                str(test_creds),
                "--endpoints",
                "endpoints.yml",
            ],
            cwd=ROOT,
            env=env,
            stdout=logs["rasa"].open("w"),
            stderr=subprocess.STDOUT,
        ),
    }

    def stop():
        for proc in procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in procs.values():
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
        site.shutdown()

    checks = {"actions": f"http://127.0.0.1:{action_port}/health", "rasa": base}
    deadline = time.monotonic() + START_TIMEOUT
    pending = set(checks)
    while pending:
        for name in list(pending):
            if procs[name].poll() is not None:
                stop()
                pytest.fail(f"The {name} server exited early:\n{_tail(logs[name])}", pytrace=False)
            if _ready(checks[name]):
                pending.discard(name)
        if pending and time.monotonic() > deadline:
            stop()
            pytest.fail(
                f"Timed out after {START_TIMEOUT:.0f}s waiting for {sorted(pending)}:\n"
                + "\n".join(_tail(logs[n]) for n in pending),
                pytrace=False,
            )
        time.sleep(1)

    def dead():
        # The exit code tells a crash (1) from a kill by someone else (-15, -9).
        return {
            f"{name} (exit code {proc.returncode})": _tail(logs[name])
            for name, proc in procs.items()
            if proc.poll() is not None
        }

    yield SimpleNamespace(
        dead=dead,
        base=base,
        demo=base + "demo",
        demo2=base + "demo/page-2",
        staff=base + "staff",
        council_allowed=f"http://localhost:{site_port}/council.html",
        council_refused=f"http://127.0.0.1:{site_port}/council.html",
        short_page=f"http://localhost:{site_port}/short.html",
        logs=logs,
        message_limit=MESSAGE_LIMIT,
    )
    stop()


@pytest.fixture(autouse=True)
def _assistant_still_running(request):
    """Say so plainly if the assistant died during a test (rather than a
    confusing 'connection refused' in the next one)."""
    yield
    if "assistant" in request.fixturenames:
        dead = request.getfixturevalue("assistant").dead()
        if dead:
            pytest.fail(
                "The assistant stopped during the test:\n"
                + "\n".join(f"--- {n}\n{log}" for n, log in dead.items()),
                pytrace=False,
            )


# Module scope: Playwright's sync API keeps an event loop running in this thread until it
# stops, which would break later tests that call asyncio.run().
@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"No Chromium at {CHROMIUM}: install it with `apt-get install -y chromium` "
            "(`make test` does this when it is missing).",
            pytrace=False,
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "Playwright is not installed: pip install -r requirements-extra-webchat.txt",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
