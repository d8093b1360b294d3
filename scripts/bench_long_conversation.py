#!/usr/bin/env python
"""`make bench` (part 2): does a turn cost more late in a long conversation?

Starts the action server and Rasa with the project's tracker store, once on SQLite (as
`make run`) and once on a throwaway PostgreSQL (as tests/scale does), and sends one
conversation of 200 turns through the REST channel, several times. For each run it takes
the median reply time of turns 1-10 and of turns 191-200, and prints both and their ratio,
then the medians over runs. `--baseline` also measures Rasa's own SQL tracker store
(privacy.tracker_store.RedactingSQLTrackerStore: reads and replays the whole conversation
every turn) for comparison. Target: turns 191-200 at most 1.3x turns 1-10.

The two windows of one conversation are measured a minute apart, and the machine is shared,
so each run then also alternates turns 201-210 of that conversation with turns 1-10 of a new
one: the "paired" ratio compares the two under the same background load.

A measurement, not a test: the exit code is 0 whether or not the target is met.
"""

import argparse
import json
import signal
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from devtools import servers  # noqa: E402
from tests.scale import stack  # noqa: E402

TARGET_RATIO = 1.3
OURS = "scaling.tracker_store.WaitingSQLTrackerStore"
RASA_STYLE = "privacy.tracker_store.RedactingSQLTrackerStore"
# A helpline day: contacts, topics and thanks, over and over; every message gets a real answer.
MESSAGES = [
    "I live in Hampshire",
    "how do I contact SENDIASS?",
    "what is SEN support?",
    "thank you",
    "how do I ask for an EHC needs assessment?",
    "the school isn't meeting my child's needs",
    "I've spoken to the SENCO and the head",
    "what is an EHC plan?",
]
WINDOWS = {"turns 1-10": (0, 10), "turns 191-200": (190, 200)}


def endpoints_with(store_type: str, work: Path) -> Path:
    text = (REPO / "endpoints.yml").read_text()
    path = work / f"endpoints-{store_type.rsplit('.', 1)[-1]}.yml"
    path.write_text(text.replace(f"type: {OURS}", f"type: {store_type}"))
    return path


class Conversation:
    def __init__(self, port: int):
        self.url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        self.session, self.sender, self.times = (
            requests.Session(),
            f"bench-long-{uuid.uuid4().hex[:10]}",
            [],
        )

    def turn(self) -> float:
        i = len(self.times)
        start = time.perf_counter()
        answer = self.session.post(
            self.url,
            json={"sender": self.sender, "message": MESSAGES[i % len(MESSAGES)]},
            timeout=60,
        )
        self.times.append((time.perf_counter() - start) * 1000.0)
        answer.raise_for_status()
        if not any(m.get("text") for m in answer.json()):
            raise RuntimeError(f"turn {i + 1} got no reply")
        return self.times[-1]


def one_conversation(port: int, turns: int) -> list:
    conversation = Conversation(port)
    for _ in range(turns):
        conversation.turn()
    return conversation


def paired(long: Conversation, port: int) -> dict:
    """Turns 201-210 of `long` alternating with turns 1-10 of a new conversation: both windows
    under the same background load (the machine is shared), as a check on the main figure."""
    fresh = Conversation(port)
    for _ in range(10):
        fresh.turn()
        long.turn()
    early, late = statistics.median(fresh.times[:10]), statistics.median(long.times[-10:])
    return {"paired turns 1-10": early, "paired turns 201-210": late, "paired ratio": late / early}


def measure(label: str, env: dict, store_type: str, work: Path, runs: int, turns: int) -> dict:
    port = servers.free_port()
    rasa = servers.Process(
        [
            str(servers.BIN / "rasa"),
            "run",
            "--port",
            str(port),
            "--model",
            str(servers.MODEL),
            "--credentials",
            "credentials.yml",
            "--endpoints",
            str(endpoints_with(store_type, work)),
            "--interface",
            "127.0.0.1",
        ],
        env,
        work / f"rasa-{label}.log",
    )
    try:
        servers.wait_until(f"http://127.0.0.1:{port}/", rasa)
        one_conversation(port, 12)  # warm-up, not measured
        per_run = []
        for run in range(runs):
            conversation = one_conversation(port, turns)
            times = conversation.times
            medians = {name: statistics.median(times[a:b]) for name, (a, b) in WINDOWS.items()}
            medians["ratio"] = medians["turns 191-200"] / medians["turns 1-10"]
            medians.update(paired(conversation, port))
            per_run.append(medians)
            print(
                f"  {label} run {run + 1}: turns 1-10 {medians['turns 1-10']:.1f} ms, "
                f"turns 191-200 {medians['turns 191-200']:.1f} ms, ratio {medians['ratio']:.2f}; "
                f"paired: new conversation {medians['paired turns 1-10']:.1f} ms, "
                f"turns 201-210 {medians['paired turns 201-210']:.1f} ms, "
                f"ratio {medians['paired ratio']:.2f}",
                flush=True,
            )
        return {name: statistics.median(r[name] for r in per_run) for name in per_run[0]} | {
            "runs": per_run
        }
    finally:
        rasa.stop()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="conversations per configuration (default 5)"
    )
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument(
        "--baseline", action="store_true", help="also measure Rasa's own SQL tracker store"
    )
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    args = parser.parse_args()
    if args.turns < 200:
        raise SystemExit("--turns must be at least 200 (turns 191-200 are measured)")
    if not servers.MODEL.exists():
        raise SystemExit(f"No trained model at {servers.MODEL}: run `make train` first.")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so `finally` stops the servers
    work = Path(tempfile.mkdtemp(prefix="send-bench-long-"))
    results, started, cluster = {}, [], None
    try:
        action_port = servers.free_port()
        base = servers.base_env(ACTION_PORT=action_port)
        started.append(servers.start_action_server(work, action_port, base))
        databases = [args.only] if args.only else ["sqlite", "postgresql"]
        stores = [("ours", OURS)] + ([("rasa", RASA_STYLE)] if args.baseline else [])
        for database in databases:
            for who, store_type in stores:
                if database == "sqlite":
                    env = dict(base, TRACKER_DB=str(work / f"tracker-{who}.db"))
                else:
                    if cluster is None:
                        cluster = stack.PostgresCluster().start()
                    name = f"tracker_{who}"
                    cluster.create_database(name)
                    env = dict(base, **{k: str(v) for k, v in cluster.tracker_env(name).items()})
                label = f"{database} {who}"
                print(
                    f"[{time.strftime('%H:%M:%S')}] {label}: "
                    f"{args.runs} conversations of {args.turns} turns",
                    flush=True,
                )
                results[label] = measure(
                    label.replace(" ", "-"), env, store_type, work, args.runs, args.turns
                )
    except Exception as exc:  # noqa: BLE001
        print(f"The benchmark could not run: {exc} (logs in {work})", file=sys.stderr)
        return 1
    finally:
        for process in reversed(started):
            process.stop()
        if cluster is not None:
            cluster.destroy()
    print(
        f"\nlong conversation: median reply time (ms) of each window, medians over {args.runs} runs"
    )
    print(
        f"{'':<18}{'turns 1-10':>12}{'turns 191-200':>15}{'ratio':>8}   {'paired: new 1-10':>17}"
        f"{'201-210':>9}{'ratio':>7}"
    )
    for label, r in results.items():
        verdict = "PASS" if r["ratio"] <= TARGET_RATIO else "FAIL"
        note = (
            f"  {verdict} (target <= {TARGET_RATIO}x)"
            if label.endswith("ours")
            else "  (Rasa's store)"
        )
        print(
            f"{label:<18}{r['turns 1-10']:>12.1f}{r['turns 191-200']:>15.1f}{r['ratio']:>8.2f}   "
            f"{r['paired turns 1-10']:>17.1f}{r['paired turns 201-210']:>9.1f}"
            f"{r['paired ratio']:>7.2f}{note}"
        )
    print(
        f"load average at the end: {' '.join(Path('/proc/loadavg').read_text().split()[:3])} "
        f"(shared machine: compare the paired ratio when the two disagree)"
    )
    out = REPO / "results" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    saved = out / f"long-conversation-{time.strftime('%Y%m%d-%H%M%S')}.json"
    saved.write_text(json.dumps(results, indent=1))
    print(f"figures saved to {saved.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
