"""Starting and stopping the real assistant (action server + Rasa) for tests and benchmarks."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = REPO / "models" / "send-assistant.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The test and benchmark harness talks from one address, many conversations at once, with
# short readable sender ids: it raises the channels' limits (README "Limits") as an operator
# could. tests/test_channel_protection.py checks the limits themselves.
HARNESS_LIMITS = {
    "CHAT_RATE_PER_CLIENT": "1000000",
    "CHAT_RATE_PER_CONVERSATION": "1000000",
    "CHAT_MAX_TURNS": "0",
    "CHAT_MIN_SENDER_CHARS": "1",
}


def base_env(**overrides) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "ACTION_HOST": "127.0.0.1",
            "TRACKER_DIALECT": "sqlite",
            "TRACKER_HOST": "",
            "TRACKER_PORT": "",
            "TRACKER_USER": "",
            "TRACKER_PASSWORD": "",
            "LOCK_STORE_TYPE": "in_memory",
            "REDIS_HOST": "localhost",
            "REDIS_PORT": "6379",
            "REDIS_DB": "1",
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "SANIC_HOST": "127.0.0.1",
        }
    )
    env.update(HARNESS_LIMITS)
    env.update({k: str(v) for k, v in overrides.items()})
    return env


class Process:
    def __init__(self, args, env, log: Path):
        self.log = log
        self.handle = open(log, "wb")
        self.proc = subprocess.Popen(
            args, cwd=REPO, env=env, stdout=self.handle, stderr=subprocess.STDOUT
        )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self):
        if self.alive():
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.handle.close()

    def tail(self, lines=40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def wait_until(url: str, process: Process, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not process.alive():
            raise RuntimeError(f"{process.log.name} exited:\n{process.tail()}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout} s:\n{process.tail()}")


def start_action_server(workdir: Path, port: int, env: dict) -> Process:
    proc = Process(
        [str(BIN / "rasa"), "run", "actions", "--port", str(port), "--actions", "actions"],
        env,
        workdir / f"actions-{port}.log",
    )
    wait_until(f"http://127.0.0.1:{port}/health", proc)
    return proc


def start_rasa(workdir: Path, port: int, env: dict, model: Path = MODEL, extra=()) -> Process:
    if not model.exists():
        raise RuntimeError(f"No trained model at {model}: run `make train` first.")
    proc = Process(
        [
            str(BIN / "rasa"),
            "run",
            "--port",
            str(port),
            "--model",
            str(model),
            "--credentials",
            "credentials.yml",
            "--endpoints",
            "endpoints.yml",
            "--logging-config-file",
            "logging.yml",
            *extra,
        ],
        env,
        workdir / f"rasa-{port}.log",
    )
    wait_until(f"http://127.0.0.1:{port}/", proc)
    return proc


def say(
    port: int, sender: str, message: str, timeout: float = 30, metadata: dict | None = None
) -> list:
    """One REST turn; `metadata` as the widget sends it ({"mode": "staff", "council": ...})."""
    body = {"sender": sender, "message": message}
    if metadata:
        body["metadata"] = metadata
    response = requests.post(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook", json=body, timeout=timeout
    )
    response.raise_for_status()
    return response.json()


def text_of(messages: list, sep: str = "\n") -> str:
    """The replies' text; sep="\n\n" gives back a reply the REST channel split at blank lines."""
    return sep.join(m.get("text") or "" for m in messages)


def button_payloads(messages: list) -> list[str]:
    """The payloads of the buttons the assistant offered in these messages, in order."""
    return [b.get("payload", "") for m in messages for b in m.get("buttons") or []]
