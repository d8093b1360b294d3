"""Two Rasa replicas sharing a PostgreSQL tracker store and a Redis lock store, with the
knowledge base on PostgreSQL: everything started here on 127.0.0.1 and stopped after."""

import os
from types import SimpleNamespace

import pytest

from devtools import servers
from tests.scale import stack


@pytest.fixture(scope="session")
def postgres():
    with stack.running_postgres("tracker", "knowledge") as cluster:
        yield cluster


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    try:
        server = stack.RedisServer(tmp_path_factory.mktemp("redis"))
    except stack.MissingBinary as missing:
        pytest.fail(str(missing), pytrace=False)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def knowledge_on_postgres(postgres):
    url = postgres.url("knowledge")
    stack.load_knowledge(url)
    return url


@pytest.fixture(scope="session")
def replicas(tmp_path_factory, postgres, redis_server, knowledge_on_postgres):
    """The action server and two Rasa replicas, all configured through endpoints.yml's env vars."""
    if not servers.MODEL.exists():
        pytest.fail(f"No trained model at {servers.MODEL}: run `make train` first.", pytrace=False)
    work = tmp_path_factory.mktemp("replicas")
    action_port = servers.free_port()
    env = servers.base_env(
        ACTION_PORT=action_port,
        KNOWLEDGE_DB_URL=knowledge_on_postgres,
        SANIC_HOST="127.0.0.1",
        **postgres.tracker_env("tracker"),
        # SCALE_LOCK_STORE=redis reproduces Rasa's own RedisLockStore race.
        **redis_server.lock_env(os.environ.get("SCALE_LOCK_STORE", stack.ATOMIC_LOCK_STORE)),
    )
    started = []
    try:
        started.append(servers.start_action_server(work, action_port, env))
        ports = [servers.free_port(), servers.free_port()]
        # Start both at once (about 20 s each), then wait for both.
        rasas = [stack.start_rasa(work, port, env, work / f"rasa-{port}.log") for port in ports]
        started += rasas
        for port, rasa in zip(ports, rasas, strict=True):
            servers.wait_until(f"http://127.0.0.1:{port}/", rasa)
        yield SimpleNamespace(
            ports=ports,
            env=env,
            work=work,
            postgres=postgres,
            actions=started[0],
            rasas=rasas,
            knowledge_url=knowledge_on_postgres,
        )
    finally:
        for process in reversed(started):
            process.stop()
