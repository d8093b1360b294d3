"""Databases going away or changing under a running assistant."""

import re
import time

import requests

from devtools import servers
from knowledge.queries import KnowledgeBase
from tests.scale import stack
from tests.scale.conversations import problems_in_reply, script_for
from tests.scale.reloading import talk_during_reloads

HAMPSHIRE_IASS = "0808 164 5504"
# What scaling/tracker_store.py logs each time it cannot connect (it then sleeps 5 s and retries).
RETRY_LINE = re.compile(
    r"WARNING\s+scaling\.tracker_store\s+- tracker store database postgresql://send:\*\*\*@"
    r"127\.0\.0\.1:\d+/tracker is not reachable \(connection to server at \"127\.0\.0\.1\", "
    r"port \d+ failed: Connection refused\); not serving yet, retry \d+ in 5 s"
)


def test_rasa_waits_for_the_tracker_database_then_serves(replicas):
    """PostgreSQL down when Rasa starts: Rasa stays up, logs why every 5 s, serves once it is up.

    (Rasa 3.6 alone would log one error and serve from a throwaway in-memory tracker for ever:
    scaling/tracker_store.py.)"""
    cluster = stack.PostgresCluster()  # initialised, not started: nothing listens on its port yet
    port = servers.free_port()
    env = dict(replicas.env, **{k: str(v) for k, v in cluster.tracker_env("tracker").items()})
    rasa = stack.start_rasa(replicas.work, port, env, replicas.work / f"rasa-db-down-{port}.log")
    try:
        deadline = time.monotonic() + 120
        while (
            len(RETRY_LINE.findall(rasa.log.read_text(errors="replace"))) < 2
        ):  # two tries: it retries
            assert rasa.alive(), f"Rasa exited while the database was down:\n{rasa.tail()}"
            assert time.monotonic() < deadline, f"no retry line logged:\n{rasa.tail()}"
            time.sleep(0.5)
        assert rasa.alive()
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=2)
            serving_early = True
        except requests.ConnectionError:
            serving_early = False
        assert not serving_early, "Rasa answered before it had a tracker store"

        cluster.start()
        cluster.create_database("tracker")
        servers.wait_until(f"http://127.0.0.1:{port}/", rasa, timeout=120)
        sender = "db-came-back"
        servers.say(port, sender, "I live in Hampshire")
        assert HAMPSHIRE_IASS in servers.text_of(
            servers.say(port, sender, "how do I contact SENDIASS?")
        )
        with cluster.connect("tracker") as conn, conn.cursor() as cur:
            cur.execute(
                "SELECT count(*) FROM events WHERE sender_id = %s AND type_name = 'user'", (sender,)
            )
            assert cur.fetchone()[0] == 2
    finally:
        rasa.stop()
        cluster.destroy()


def test_repo_endpoints_use_the_waiting_tracker_store():
    """Fails until endpoints.yml names the store that waits for its database."""
    text = (servers.REPO / "endpoints.yml").read_text()
    assert f"type: {stack.WAITING_TRACKER_STORE}" in text, (
        f"set `type: {stack.WAITING_TRACKER_STORE}` under tracker_store in endpoints.yml"
    )


def test_reloading_knowledge_on_postgres_breaks_no_conversation(replicas, tmp_path):
    seen = talk_during_reloads(replicas.ports, replicas.knowledge_url, tmp_path)
    assert not seen["problems"], "\n".join(seen["problems"][:20])
    assert seen["conversations"] >= 8 and seen["real_loads"] >= 3
    assert 0 < seen["edited"] < seen["replies"], (
        f"the edited content never (or always) reached replies: {seen}"
    )
    # After the last load (the real content) every replica's action server serves it again.
    script = script_for(KnowledgeBase(replicas.knowledge_url), "Hampshire")
    for port in replicas.ports:
        sender = f"after-reload-{port}"
        for turn in script.turns[:2]:
            assert not problems_in_reply(script, turn, servers.say(port, sender, turn.text))
