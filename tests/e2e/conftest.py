"""One running assistant (action server + Rasa on free ports, SQLite tracker store) for the
HTTP tests."""

from types import SimpleNamespace

import pytest

from devtools import servers


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
    work = tmp_path_factory.mktemp("assistant")
    action_port, rasa_port = servers.free_port(), servers.free_port()
    # RETENTION_INTERVAL_SECONDS: the server's own retention schedule runs often enough to be seen.
    env = servers.base_env(
        ACTION_PORT=action_port, TRACKER_DB=work / "tracker.db", RETENTION_INTERVAL_SECONDS=2
    )
    actions = servers.start_action_server(work, action_port, env)
    try:
        rasa = servers.start_rasa(work, rasa_port, env)
    except Exception:
        actions.stop()
        raise
    yield SimpleNamespace(
        port=rasa_port,
        action_port=action_port,
        env=env,
        work=work,
        tracker_db=work / "tracker.db",
        actions=actions,
        rasa=rasa,
    )
    rasa.stop()
    actions.stop()
