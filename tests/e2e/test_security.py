"""What the assistant exposes: no Rasa HTTP API, no cross-site access, actions on loopback."""

import re
from pathlib import Path

import pytest
import requests

from devtools import servers

EVIL = "https://evil.example"
API_ROUTES = [
    ("POST", "/model/parse", {"text": "hello"}),
    ("GET", "/conversations/someone/tracker", None),
    ("POST", "/conversations/someone/messages", {"text": "hi", "sender": "user"}),
    ("POST", "/conversations/someone/trigger_intent", {"name": "greet"}),
    ("GET", "/status", None),
    ("PUT", "/model", {"model_file": "/etc/passwd"}),
    ("GET", "/domain", None),
]


@pytest.mark.parametrize("method, path, body", API_ROUTES)
def test_rasa_http_api_is_off_on_the_default_server(assistant, method, path, body):
    """The `assistant` server is started as `make run` starts it (no --enable-api)."""
    response = requests.request(
        method, f"http://127.0.0.1:{assistant.port}{path}", json=body, timeout=10
    )
    assert response.status_code in (401, 403, 404), (
        path,
        response.status_code,
        response.text[:200],
    )


def test_no_script_enables_the_api_without_authentication():
    """If anyone adds --enable-api, it must come with --auth-token or --jwt-secret."""
    for path in [
        servers.REPO / "Makefile",
        *sorted(p for p in (servers.REPO / "scripts").glob("*") if p.is_file()),
    ]:
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if "--enable-api" in line:
                assert "--auth-token" in line or "--jwt-secret" in line, (
                    f"{path.name}:{number}: {line.strip()}"
                )


def test_rest_channel_answers_no_other_site(assistant):
    """Rasa runs without --cors: a page on another site gets no CORS permission to read replies."""
    url = f"http://127.0.0.1:{assistant.port}/webhooks/rest/webhook"
    preflight = requests.options(
        url,
        headers={
            "Origin": EVIL,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
        timeout=10,
    )
    posted = requests.post(
        url, json={"sender": "cors-check", "message": "hello"}, headers={"Origin": EVIL}, timeout=30
    )
    for response in (preflight, posted):
        assert "access-control-allow-origin" not in {k.lower() for k in response.headers}, (
            response.headers
        )


def test_action_server_listens_on_loopback_only_when_sanic_host_is_set(tmp_path):
    """rasa-sdk binds 0.0.0.0 unless SANIC_HOST says otherwise; the Makefile exports 127.0.0.1."""
    env = servers.base_env(SANIC_HOST="127.0.0.1")
    port = servers.free_port()
    actions = servers.start_action_server(tmp_path, port, env)
    try:
        assert listening_addresses(port) == {"127.0.0.1"}
        response = requests.options(
            f"http://127.0.0.1:{port}/webhook",
            timeout=10,
            headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"},
        )
        assert "access-control-allow-origin" not in {k.lower() for k in response.headers}
    finally:
        actions.stop()


def test_makefile_binds_the_action_server_to_loopback():
    makefile = (servers.REPO / "Makefile").read_text()
    assert re.search(r"^export SANIC_HOST \??= ?127\.0\.0\.1\s*$", makefile, re.M), (
        "add `export SANIC_HOST ?= 127.0.0.1` to the Makefile: "
        "rasa-sdk listens on 0.0.0.0 otherwise"
    )


def listening_addresses(port: int) -> set:
    """IPv4 addresses with a listening TCP socket on `port`, from /proc/net/tcp (Linux)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                if len(address) == 8:
                    found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
                else:
                    found.add("::" if set(address) == {"0"} else address)
    return found
