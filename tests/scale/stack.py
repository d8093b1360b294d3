"""Throwaway PostgreSQL and Redis servers for tests, on 127.0.0.1 and free ports.

Nothing is installed here: the binaries come from Debian's packages, which the Makefile
installs (`apt-get install -y postgresql redis-server`). A missing binary fails the test
with the package to install, rather than skipping it.
"""

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg2
import pytest
import redis

from devtools import servers

PG_PACKAGE_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or in "
    "/usr/lib/postgresql/*/bin. Install them with `apt-get install -y postgresql` "
    "(Debian 12: /usr/lib/postgresql/15/bin/initdb)."
)
ATOMIC_LOCK_STORE = "scaling.lock_store.AtomicRedisLockStore"
REDIS_PACKAGE_HINT = (
    "redis-server was not found on PATH. Install it with `apt-get install -y redis-server` "
    "(Debian 12: /usr/bin/redis-server)."
)


class MissingBinary(RuntimeError):
    pass


def postgres_bin_dir() -> Path:
    """Where initdb, pg_ctl and postgres live: PATH first, else Debian's versioned folder."""
    on_path = [shutil.which(name) for name in ("initdb", "pg_ctl", "postgres")]
    if all(on_path):
        return Path(os.path.realpath(on_path[0])).parent
    for folder in sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True
    ):
        if all(
            os.access(os.path.join(folder, n), os.X_OK) for n in ("initdb", "pg_ctl", "postgres")
        ):
            return Path(folder)
    raise MissingBinary(PG_PACKAGE_HINT)


def redis_server_binary() -> str:
    debian = "/usr/bin/redis-server"
    found = shutil.which("redis-server") or (debian if os.access(debian, os.X_OK) else None)
    if not found:
        raise MissingBinary(REDIS_PACKAGE_HINT)
    return found


class PostgresCluster:
    """initdb into a temp folder, then pg_ctl start/stop on a free port.

    PostgreSQL refuses to run as root, so as root every command runs as the `postgres`
    user (created by Debian's package) in a folder that user owns.
    """

    USER = "send"
    PASSWORD = "send-test-password"

    def __init__(self, port: int | None = None):
        self.bin = postgres_bin_dir()
        self.port = port or servers.free_port()
        self.root = Path(
            tempfile.mkdtemp(prefix="send-pg-")
        )  # /tmp: pytest's tmp dirs are root-only
        self.data, self.log = self.root / "data", self.root / "postgres.log"
        self._runas: list[str] = []
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                raise MissingBinary(
                    "Running as root needs the `postgres` user to run PostgreSQL: "
                    "`apt-get install -y postgresql` creates it."
                ) from None
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self._runas = ["runuser", "-u", "postgres", "--"]
        password_file = self.root / "password"
        password_file.write_text(self.PASSWORD + "\n")
        if self._runas:
            os.chown(password_file, pwd.getpwnam("postgres").pw_uid, -1)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            self.USER,
            "--pwfile",
            str(password_file),
            "--auth",
            "scram-sha-256",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [*self._runas, str(self.bin / tool), *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=self.root,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{tool} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n"
                f"{self.log_tail()}"
            )
        return result

    def start(self) -> "PostgresCluster":
        # fsync off: a throwaway cluster, and it keeps the test quick.
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        return self

    def stop(self, mode: str = "immediate") -> None:
        """`immediate` is a crash; with synchronous_commit off (start()) it can lose the last
        acknowledged commits, so outage tests that count stored events stop in `fast` mode
        (every client cut off at once, committed data kept, as a managed failover does)."""
        if (self.data / "postmaster.pid").exists():
            self._run(
                "pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "30", "stop", check=False
            )

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql://{self.USER}:{self.PASSWORD}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres"):
        return psycopg2.connect(
            host="127.0.0.1",
            port=self.port,
            user=self.USER,
            password=self.PASSWORD,
            dbname=database,
            connect_timeout=5,
        )

    def create_database(self, name: str) -> None:
        conn = self.connect()
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute(f'CREATE DATABASE "{name}"')
        finally:
            conn.close()

    def tracker_env(self, database: str) -> dict:
        """endpoints.yml's settings for the SQL tracker store on this cluster."""
        return {
            "TRACKER_DIALECT": "postgresql",
            "TRACKER_HOST": "127.0.0.1",
            "TRACKER_PORT": self.port,
            "TRACKER_DB": database,
            "TRACKER_USER": self.USER,
            "TRACKER_PASSWORD": self.PASSWORD,
        }

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class RedisServer:
    """redis-server on a free port: no snapshots, no append-only file, loopback only."""

    def __init__(self, workdir: Path):
        self.port = servers.free_port()
        self.workdir = workdir
        self.start()

    def start(self) -> None:
        """Start (again after stop(): same port, empty, as after a failover without persistence)."""
        self.process = servers.Process(
            [
                redis_server_binary(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
                "--protected-mode",
                "yes",
            ],
            dict(os.environ),
            self.workdir / f"redis-{self.port}-{time.monotonic_ns()}.log",
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if not self.process.alive():
                raise RuntimeError(f"redis-server exited:\n{self.process.tail()}")
            try:
                if redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1).ping():
                    return
            except redis.RedisError:
                time.sleep(0.2)
        raise RuntimeError(f"redis-server did not answer within 30 s:\n{self.process.tail()}")

    def lock_env(self, lock_store: str = ATOMIC_LOCK_STORE) -> dict:
        """endpoints.yml's settings for a Redis lock store on this server."""
        return {
            "LOCK_STORE_TYPE": lock_store,
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": self.port,
            "REDIS_DB": "1",
        }

    def stop(self) -> None:
        self.process.stop()


WAITING_TRACKER_STORE = "scaling.tracker_store.WaitingSQLTrackerStore"


def resilient_credentials(workdir: Path) -> Path:
    """credentials.yml as committed, with the REST channel swapped for ResilientRestInput
    (a no-op once credentials.yml names it). Web chat rate limits are turned off because the
    tests send far more than a person would from one address."""
    import yaml

    repo = yaml.safe_load((servers.REPO / "credentials.yml").read_text()) or {}
    credentials = {
        ("channels.rest.ResilientRestInput" if name == "rest" else name): value
        for name, value in repo.items()
    }
    credentials.setdefault("channels.rest.ResilientRestInput", None)
    if "webchat.channel.WebChatInput" in credentials:
        webchat = dict(credentials["webchat.channel.WebChatInput"] or {})
        webchat.update(rate_limit_per_minute=0, rate_limit_per_minute_per_ip=0)
        credentials["webchat.channel.WebChatInput"] = webchat
    path = workdir / "credentials.yml"
    path.write_text(yaml.safe_dump(credentials, sort_keys=False))
    return path


def waiting_endpoints(workdir: Path) -> Path:
    """endpoints.yml as committed, with the tracker store that waits for its database
    (a no-op once endpoints.yml names it); every setting still comes from the environment."""
    text = (servers.REPO / "endpoints.yml").read_text()
    path = workdir / "endpoints.yml"
    path.write_text(
        text.replace(
            "type: privacy.tracker_store.RedactingSQLTrackerStore", f"type: {WAITING_TRACKER_STORE}"
        )
    )
    return path


def rasa_args(workdir: Path) -> tuple:
    """Extra `rasa run` arguments for test servers: the configuration above, loopback only."""
    return (
        "--credentials",
        str(resilient_credentials(workdir)),
        "--endpoints",
        str(waiting_endpoints(workdir)),
        "--interface",
        "127.0.0.1",
    )


def start_rasa(workdir: Path, port: int, env: dict, log: Path) -> "servers.Process":
    """`rasa run` with the trained model and the configuration above on `port` (not waited for:
    `servers.wait_until` does that)."""
    command = [str(servers.BIN / "rasa"), "run", "--port", str(port), "--model", str(servers.MODEL)]
    return servers.Process([*command, *rasa_args(workdir)], env, log)


@contextlib.contextmanager
def running_postgres(*databases: str):
    """A PostgreSQL cluster of its own, started, with these databases; destroyed afterwards. Fails
    the test (never skips it) when the server binaries are missing."""
    try:
        cluster = PostgresCluster()
    except MissingBinary as missing:
        pytest.fail(str(missing), pytrace=False)
    try:
        cluster.start()
        for database in databases:
            cluster.create_database(database)
        yield cluster
    finally:
        cluster.destroy()


def load_knowledge(url: str, root: Path | None = None) -> str:
    """`python -m knowledge load` into `url` (or, with `root`, the same loader on a copy)."""
    env = dict(os.environ, KNOWLEDGE_DB_URL=url)
    if root is None:
        args = [str(servers.BIN / "python"), "-m", "knowledge", "load"]
    else:
        args = [
            str(servers.BIN / "python"),
            "-c",
            "import sys; from pathlib import Path; from knowledge.db import engine_for; "
            "from knowledge.loader import load; load(engine_for(sys.argv[1]), Path(sys.argv[2]))",
            url,
            str(root),
        ]
    result = subprocess.run(
        args, cwd=servers.REPO, env=env, capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise RuntimeError(f"knowledge load failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout
