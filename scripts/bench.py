#!/usr/bin/env python
"""`make bench`: how fast the assistant answers, measured against a bare `rasa init` assistant.

Starts the action server and Rasa (SQLite tracker store in a temporary directory, as `make run`
does) and a bare `rasa init` assistant (in-memory tracker store, its own endpoints) on free
ports, replays the conversations in scripts/bench_conversations.yml through the REST channel,
and prints:

  * latency per message (client-side, p50/p95/p99 ms) and messages per second at concurrency
    1 and 10, for both assistants, and the ratio of the p50s;
  * action server time (the real action requests Rasa sent, replayed to /webhook);
  * knowledge query time (find_place, find_place_in_text, topic, next_step, in-process);
  * training time (this project and the bare assistant, from an empty cache);
  * server memory (VmRSS) after the load, and server CPU time per message;
  * PASS/FAIL against the targets. The exit code is 0 whether or not targets are met: this is a
    measurement, not a test (it is non-zero only if the benchmark itself could not run).

The machine is shared, so rounds of the two assistants are interleaved (background load hits
both alike) and the load average is printed with every phase. Each run's figures are saved
to results/bench/run-*.json; `--summarise results/bench/run-*.json` prints medians over runs.
"""

import argparse
import glob
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from devtools import servers  # noqa: E402  (helpers shared with the HTTP tests)

CONVERSATIONS = REPO / "scripts" / "bench_conversations.yml"
RESULTS = REPO / "results" / "bench"
LAST_TRAINING = RESULTS / "last_training.json"
BARE_DIR = RESULTS / "bare"
RASA = servers.BIN / "rasa"

TARGET_P95_C1_MS = 100.0
TARGET_P50_RATIO = 1.5
TARGET_KB_P50_MS = 1.0


# -- small helpers ----------------------------------------------------------------------------
def percentile(values, q):
    """Linear interpolation between closest ranks (numpy's default), q in [0, 100]."""
    data = sorted(values)
    if not data:
        return float("nan")
    pos = (len(data) - 1) * q / 100.0
    low = int(pos)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (pos - low)


def median(values):
    return percentile(values, 50)


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message} (load {loadavg()})", flush=True)


def tree_pids(pid: int) -> list:
    """The process and all its descendants."""
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        for task in glob.glob(f"/proc/{current}/task/*/children"):
            try:
                todo.extend(int(c) for c in Path(task).read_text().split())
            except OSError:
                pass
    return pids


def rss_mb(pid: int) -> float:
    total = 0
    for p in tree_pids(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process tree."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in tree_pids(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError):
            pass
    return total / ticks


def run_timed(args, cwd: Path, env: dict, log_file: Path) -> float:
    start = time.perf_counter()
    with open(log_file, "wb") as out:
        result = subprocess.run(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join(log_file.read_text(errors="replace").splitlines()[-30:])
        raise RuntimeError(f"{' '.join(map(str, args))} failed ({result.returncode}):\n{tail}")
    return elapsed


class BareProcess(servers.Process):
    """servers.Process, run in the bare assistant's own directory."""

    def __init__(self, args, env, log: Path, cwd: Path):
        self.log = log
        self.handle = open(log, "wb")
        self.proc = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=self.handle, stderr=subprocess.STDOUT
        )


# -- conversations ----------------------------------------------------------------------------
def load_conversations():
    spec = yaml.safe_load(CONVERSATIONS.read_text())

    def normalise(conversations):
        out = []
        for conv in conversations:
            turns = [t if isinstance(t, dict) else {"text": str(t)} for t in conv["turns"]]
            out.append({"name": conv["name"], "metadata": conv.get("metadata"), "turns": turns})
        return out

    ours, bare = normalise(spec["assistant"]), normalise(spec["bare"])
    if sorted(len(c["turns"]) for c in ours) != sorted(len(c["turns"]) for c in bare):
        raise SystemExit(
            f"{CONVERSATIONS}: 'assistant' and 'bare' must have conversations of the same lengths"
        )
    return ours, bare


class Target:
    """One running assistant and what was measured on it."""

    def __init__(self, name: str, port: int, conversations: list, rasa_proc, action_proc=None):
        self.name, self.port, self.conversations = name, port, conversations
        self.rasa_proc, self.action_proc = rasa_proc, action_proc
        self.url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        self.latencies = {1: [], 10: []}
        self.rates = {1: [], 10: []}
        self.round_p50 = {1: [], 10: []}  # per round, to see drift (warm-up, background load)
        self.cpu = {1: [0.0, 0], 10: [0.0, 0]}  # server CPU seconds, messages
        self.failures = []  # (conversation, turn, reason)
        self.lock = threading.Lock()

    def server_pids(self):
        return [p.proc.pid for p in (self.rasa_proc, self.action_proc) if p]

    def replay(
        self, session: requests.Session, conv: dict, prefix: str, record: list = None
    ) -> int:
        sender = f"{prefix}-{uuid.uuid4().hex[:12]}"
        for i, turn in enumerate(conv["turns"]):
            body = {"sender": sender, "message": turn["text"]}
            if conv["metadata"]:
                body["metadata"] = conv["metadata"]
            start = time.perf_counter()
            try:
                response = session.post(self.url, json=body, timeout=60)
                elapsed = (time.perf_counter() - start) * 1000.0
                response.raise_for_status()
                reply = "\n".join(m.get("text") or "" for m in response.json())
            except (requests.RequestException, ValueError) as exc:
                with self.lock:
                    self.failures.append((conv["name"], i + 1, f"{exc.__class__.__name__}: {exc}"))
                return i
            if record is not None:
                record.append(elapsed)
            expect = turn.get("expect")
            problem = None
            if not reply.strip():
                problem = "empty reply"
            elif expect and expect.lower() not in reply.lower():
                problem = f"reply lacks {expect!r}: {reply[:80]!r}"
            if problem:
                with self.lock:
                    self.failures.append((conv["name"], i + 1, problem))
        return len(conv["turns"])

    def round_c1(self, session, rounds_label):
        before = sum(cpu_seconds(p) for p in self.server_pids())
        start, sent, latencies = time.perf_counter(), 0, []
        for conv in self.conversations:
            sent += self.replay(session, conv, f"bench-c1-{rounds_label}", latencies)
        wall = time.perf_counter() - start
        self.latencies[1].extend(latencies)
        self.round_p50[1].append(median(latencies))
        self.rates[1].append(sent / wall)
        self.cpu[1][0] += sum(cpu_seconds(p) for p in self.server_pids()) - before
        self.cpu[1][1] += sent

    def round_c10(self, sessions, copies: int, workers: int = 10):
        jobs = queue.Queue()
        for _ in range(copies):
            for conv in self.conversations:
                jobs.put(conv)
        sent = [0] * workers
        recorded = [[] for _ in range(workers)]

        def worker(w):
            while True:
                try:
                    conv = jobs.get_nowait()
                except queue.Empty:
                    return
                sent[w] += self.replay(sessions[w], conv, "bench-c10", recorded[w])

        before = sum(cpu_seconds(p) for p in self.server_pids())
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(worker, range(workers)))
        wall = time.perf_counter() - start
        for r in recorded:
            self.latencies[10].extend(r)
        self.round_p50[10].append(median([x for r in recorded for x in r]))
        self.rates[10].append(sum(sent) / wall)
        self.cpu[10][0] += sum(cpu_seconds(p) for p in self.server_pids()) - before
        self.cpu[10][1] += sum(sent)

    def summary(self) -> dict:
        out = {}
        for c in (1, 10):
            lat = self.latencies[c]
            cpu_s, msgs = self.cpu[c]
            out[f"c{c}"] = {
                "messages": len(lat),
                "p50_ms": median(lat),
                "p95_ms": percentile(lat, 95),
                "p99_ms": percentile(lat, 99),
                "max_ms": max(lat) if lat else float("nan"),
                "msgs_per_s": median(self.rates[c]) if self.rates[c] else float("nan"),
                "server_cpu_ms_per_msg": 1000.0 * cpu_s / msgs if msgs else float("nan"),
                "round_p50_ms": self.round_p50[c],
            }
        out["failures"] = len(self.failures)
        out["rss_mb"] = {}
        return out


# -- phases -----------------------------------------------------------------------------------
def bench_knowledge(calls: int) -> dict:
    """In-process timing of the knowledge queries the actions make on every turn."""
    from advice.ladders import next_step
    from knowledge import default_kb

    kb = default_kb()
    _ = kb.version  # load the snapshot (not measured)
    names = [f["written"] for f in kb.council_name_forms()]
    topics = [t.id for t in kb.topics()]
    ladders = [(ladder, [s.key for s in ladder.steps]) for ladder in kb.ladders()]
    sentences = [
        "we live in North Somerset and my son is in year 4",
        "my daughter's school in Stockton-on-Tees isn't meeting her needs",
        "I'm in Bath and North East Somerset, who can help me with an EHC needs assessment request",
        "the head says the SENCO will sort it but nothing has happened since September",
        "we've just moved to West Northamptonshire from Hampshire",
        "how do I contact SENDIASS",
    ]

    def tried_case(i):  # every ladder, with every prefix of its steps already tried
        ladder, keys = ladders[i % len(ladders)]
        return ladder, keys[: i % (len(keys) + 1)]

    cases = {
        "find_place": (
            lambda i: kb.find_place(
                names[i % len(names)].upper() if i % 3 == 0 else names[i % len(names)]
            )
        ),
        "find_place_in_text": (lambda i: kb.find_place_in_text(sentences[i % len(sentences)])),
        "topic": (lambda i: kb.topic(topics[i % len(topics)])),
        "next_step": (lambda i: next_step(*tried_case(i))),
    }
    results = {}
    clock = time.perf_counter_ns
    for name, call in cases.items():
        for i in range(200):  # warm-up
            call(i)
        samples = []
        for i in range(calls):
            start = clock()
            call(i)
            samples.append((clock() - start) / 1000.0)  # microseconds
        results[name] = {
            "calls": calls,
            "p50_us": median(samples),
            "p95_us": percentile(samples, 95),
            "p99_us": percentile(samples, 99),
        }
    return results


def train_ours(work: Path, env: dict) -> tuple:
    out = work / "trained"
    seconds = run_timed(
        [str(RASA), "train", "--fixed-model-name", "send-assistant-bench", "--out", str(out)],
        REPO,
        dict(env, RASA_CACHE_DIRECTORY=str(work / "rasa-cache")),
        work / "train.log",
    )
    return seconds, out / "send-assistant-bench.tar.gz"


def init_bare(env: dict) -> float:
    """`rasa init --no-prompt` copies the starter project and trains it; timed as one."""
    if BARE_DIR.exists():
        shutil.rmtree(BARE_DIR)
    BARE_DIR.mkdir(parents=True)
    log_file = BARE_DIR.parent / "bare-init.log"
    return run_timed(
        [str(RASA), "init", "--no-prompt", "--init-dir", str(BARE_DIR)], BARE_DIR, env, log_file
    )


def bare_model() -> Path:
    models = (
        sorted((BARE_DIR / "models").glob("*.tar.gz")) if (BARE_DIR / "models").exists() else []
    )
    return models[-1] if models else None


def action_requests_from_tracker_db(db: Path, domain: dict, senders_like: str, limit: int) -> list:
    """The requests Rasa sent to the action server, rebuilt from the stored conversations."""
    import sqlite3

    custom = set(domain.get("actions") or [])
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select sender_id, data from events where sender_id like ? order by id", (senders_like,)
        ).fetchall()
    by_sender = {}
    for sender, data in rows:
        by_sender.setdefault(sender, []).append(json.loads(data))
    requests_ = []
    for sender, events in by_sender.items():
        slots = {
            name: ([] if spec.get("type") == "list" else None)
            for name, spec in (domain.get("slots") or {}).items()
        }
        latest, channel, last_action = None, None, None
        for n, event in enumerate(events):
            kind = event.get("event")
            if kind == "action" and event.get("name") in custom:
                requests_.append(
                    {
                        "next_action": event["name"],
                        "sender_id": sender,
                        "version": _rasa_version(),
                        "domain": domain,
                        "tracker": {
                            "sender_id": sender,
                            "slots": dict(slots),
                            "latest_message": latest,
                            "latest_event_time": events[n - 1].get("timestamp") if n else None,
                            "followup_action": None,
                            "paused": False,
                            "events": events[:n],
                            "latest_input_channel": channel,
                            "active_loop": {},
                            "latest_action": {"action_name": last_action},
                            "latest_action_name": last_action,
                        },
                    }
                )
            if kind == "slot":
                slots[event["name"]] = event.get("value")
            elif kind == "user":
                latest = dict(event.get("parse_data") or {})
                latest.setdefault("text", event.get("text"))
                latest["metadata"] = event.get("metadata") or {}
                channel = event.get("input_channel")
            elif kind == "action":
                last_action = event.get("name")
    return requests_[:limit]


def _rasa_version() -> str:
    try:
        from importlib.metadata import version

        return version("rasa")
    except Exception:  # noqa: BLE001
        return "3.6.21"


def bench_action_server(port: int, payloads: list, passes: int) -> dict:
    url = f"http://127.0.0.1:{port}/webhook"
    session = requests.Session()
    for p in payloads:  # warm-up
        session.post(url, json=p, timeout=30)
    samples, errors = [], 0
    by_action = {}
    for _ in range(passes):
        for p in payloads:
            start = time.perf_counter()
            response = session.post(url, json=p, timeout=30)
            elapsed = (time.perf_counter() - start) * 1000.0
            if response.status_code != 200:
                errors += 1
                continue
            samples.append(elapsed)
            by_action.setdefault(p["next_action"], []).append(elapsed)
    return {
        "requests": len(samples),
        "distinct": len(payloads),
        "errors": errors,
        "p50_ms": median(samples),
        "p95_ms": percentile(samples, 95),
        "p99_ms": percentile(samples, 99),
        "by_action_p50_ms": {k: median(v) for k, v in sorted(by_action.items())},
    }


# -- report -----------------------------------------------------------------------------------
def fmt(value, digits=1):
    return "-" if value is None or value != value else f"{value:.{digits}f}"


def print_report(r: dict) -> None:
    print("\n" + "=" * 78)
    print(
        f"SEND assistant benchmark  {r['started']}  ({r['cpus']} CPUs, load at start {r['load_start']}, "
        f"at end {r['load_end']})"
    )
    print(f"model: {r['model']}")
    print("=" * 78)
    head = f"{'':<22}{'msgs':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'msg/s':>8}{'CPU ms/msg':>12}"
    for label, key in (("this assistant", "ours"), ("bare rasa init", "bare")):
        print(
            f"\n{label}"
            + (f"  ({r[key]['failures']} replies off-script)" if r[key]["failures"] else "")
        )
        print(head)
        for c in (1, 10):
            s = r[key][f"c{c}"]
            print(
                f"{'  concurrency ' + str(c):<22}{s['messages']:>6}{fmt(s['p50_ms']):>9}{fmt(s['p95_ms']):>9}"
                f"{fmt(s['p99_ms']):>9}{fmt(s['max_ms']):>9}{fmt(s['msgs_per_s']):>8}"
                f"{fmt(s['server_cpu_ms_per_msg']):>12}"
            )
    print(
        "\nratio ours/bare        p50 c1 {}x   p50 c10 {}x   msg/s c10 {}x   server CPU per message c1 {}x".format(
            fmt(r["ratio"]["p50_c1"], 2),
            fmt(r["ratio"]["p50_c10"], 2),
            fmt(r["ratio"]["rate_c10"], 2),
            fmt(r["ratio"].get("cpu_c1"), 2),
        )
    )
    print(
        "  (CPU ms/msg: Rasa + action server CPU time over the phase / messages; it moves less with other\n"
        "   processes' load than wall-clock latency does)"
    )
    a = r["action_server"]
    print(
        f"\naction server /webhook  p50 {fmt(a['p50_ms'], 2)} ms  p95 {fmt(a['p95_ms'], 2)} ms  "
        f"p99 {fmt(a['p99_ms'], 2)} ms  ({a['requests']} requests, {a['distinct']} distinct, {a['errors']} errors)"
    )
    print(
        "  by action (p50 ms): "
        + ", ".join(f"{k} {fmt(v, 2)}" for k, v in a["by_action_p50_ms"].items())
    )
    print("\nknowledge queries (in-process, microseconds)")
    for name, k in r["knowledge"].items():
        print(
            f"  {name:<22}p50 {fmt(k['p50_us'], 1):>7}  p95 {fmt(k['p95_us'], 1):>7}  p99 {fmt(k['p99_us'], 1):>7}"
            f"  ({k['calls']} calls)"
        )
    t = r["training"]
    print(
        f"\ntraining (empty cache)  this assistant {fmt(t['ours_s'], 0)} s, bare rasa init {fmt(t['bare_s'], 0)} s"
        + (f"  [{t['note']}]" if t.get("note") else "")
    )
    m = r["memory_mb"]
    print(
        f"server memory (VmRSS after load)  Rasa {fmt(m['rasa'], 0)} MB + action server {fmt(m['actions'], 0)} MB"
        f" = {fmt(m['rasa'] + m['actions'], 0)} MB; bare Rasa {fmt(m['bare'], 0)} MB"
    )
    if r["ours"]["failures"] or r["bare"]["failures"]:
        print("\nreplies off-script (first few):")
        for who in ("ours", "bare"):
            for conv, turn, why in r[f"{who}_failure_examples"]:
                print(f"  [{who}] {conv}, turn {turn}: {why}")
    print("\nverdict (targets on 2 cores)")
    for line in r["verdict"]:
        print("  " + line)
    print(f"\nwhole run {fmt(r['elapsed_s'], 0)} s; figures saved to {r['saved_to']}")


def verdict(r: dict) -> list:
    p95 = r["ours"]["c1"]["p95_ms"]
    ratio = r["ratio"]["p50_c1"]
    kb_worst = max(k["p50_us"] for k in r["knowledge"].values()) / 1000.0
    return [
        f"{'PASS' if p95 <= TARGET_P95_C1_MS else 'FAIL'}  p95 at concurrency 1 is {fmt(p95)} ms "
        f"(target <= {TARGET_P95_C1_MS:.0f} ms)",
        f"{'PASS' if ratio <= TARGET_P50_RATIO else 'FAIL'}  p50 is {fmt(ratio, 2)}x the bare assistant's "
        f"at concurrency 1 (target <= {TARGET_P50_RATIO}x)",
        f"{'PASS' if kb_worst <= TARGET_KB_P50_MS else 'FAIL'}  slowest knowledge query p50 is {kb_worst:.4f} ms "
        f"(target <= {TARGET_KB_P50_MS:.0f} ms)",
    ]


# -- summary over several runs ----------------------------------------------------------------
def summarise(files: list) -> None:
    runs = [json.loads(Path(f).read_text()) for f in files]
    if not runs:
        raise SystemExit("no run files given")
    rows = []
    for who in ("ours", "bare"):
        for c in ("c1", "c10"):
            for key, label in (
                ("p50_ms", "p50 ms"),
                ("p95_ms", "p95 ms"),
                ("p99_ms", "p99 ms"),
                ("msgs_per_s", "msg/s"),
                ("server_cpu_ms_per_msg", "CPU ms/msg"),
            ):
                rows.append((f"{who} {c} {label}", lambda r, w=who, c=c, k=key: r[w][c][k]))
    rows += [
        ("ratio p50 c1", lambda r: r["ratio"]["p50_c1"]),
        ("ratio p50 c10", lambda r: r["ratio"]["p50_c10"]),
        (
            "ratio CPU/msg c1",
            lambda r: (
                r["ours"]["c1"]["server_cpu_ms_per_msg"] / r["bare"]["c1"]["server_cpu_ms_per_msg"]
            ),
        ),
        ("action server p50 ms", lambda r: r["action_server"]["p50_ms"]),
        ("action server p95 ms", lambda r: r["action_server"]["p95_ms"]),
        ("training ours s", lambda r: r["training"]["ours_s"]),
        ("training bare s", lambda r: r["training"]["bare_s"]),
        ("RSS rasa MB", lambda r: r["memory_mb"]["rasa"]),
        ("RSS actions MB", lambda r: r["memory_mb"]["actions"]),
        ("RSS bare MB", lambda r: r["memory_mb"]["bare"]),
    ]
    for name in runs[0]["knowledge"]:
        rows.append((f"kb {name} p50 us", lambda r, n=name: r["knowledge"][n]["p50_us"]))
        rows.append((f"kb {name} p95 us", lambda r, n=name: r["knowledge"][n]["p95_us"]))
    print(f"medians over {len(runs)} runs ({', '.join(r['started'] for r in runs)})")
    print(f"{'':<30}{'median':>10}   runs")
    for name, get in rows:
        values = []
        for r in runs:
            try:
                values.append(get(r))
            except (KeyError, TypeError, ZeroDivisionError):
                values.append(None)
        present = [v for v in values if v is not None]
        print(
            f"{name:<30}{fmt(median(present) if present else None, 2):>10}   "
            + "  ".join(fmt(v, 2) for v in values)
        )
    print(
        "verdicts per run: "
        + "; ".join(" ".join(v.split()[0] for v in r["verdict"]) for r in runs)
        + "  (p95 c1, p50 ratio, knowledge)"
    )
    print("loads (start/end): " + "; ".join(f"{r['load_start']} / {r['load_end']}" for r in runs))


# -- main -------------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--skip-training",
        action="store_true",
        help="serve models/send-assistant.tar.gz and the last bare model; report the last "
        "measured training times instead of training again",
    )
    parser.add_argument(
        "--rounds-c1",
        type=int,
        default=10,
        help="rounds at concurrency 1 (each replays every "
        "conversation once per assistant; default 10)",
    )
    parser.add_argument(
        "--rounds-c10", type=int, default=3, help="rounds at concurrency 10 (default 3)"
    )
    parser.add_argument(
        "--copies-c10",
        type=int,
        default=4,
        help="replays of every conversation per concurrency-10 round (default 4)",
    )
    parser.add_argument(
        "--kb-calls", type=int, default=20000, help="timed calls per knowledge query"
    )
    parser.add_argument(
        "--action-passes", type=int, default=10, help="passes over the captured action requests"
    )
    parser.add_argument(
        "--summarise", nargs="+", metavar="RUN_JSON", help="print medians over saved runs and exit"
    )
    args = parser.parse_args()
    if args.summarise:
        summarise(args.summarise)
        return 0

    t0 = time.perf_counter()
    RESULTS.mkdir(parents=True, exist_ok=True)
    ours_convs, bare_convs = load_conversations()
    report = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "cpus": os.cpu_count(),
        "load_start": loadavg(),
    }
    work = Path(tempfile.mkdtemp(prefix="send-bench-"))
    env = servers.base_env(TRACKER_DB=work / "tracker.db")
    procs = []
    try:
        log("knowledge queries")
        report["knowledge"] = bench_knowledge(args.kb_calls)

        last = json.loads(LAST_TRAINING.read_text()) if LAST_TRAINING.exists() else {}
        model = servers.MODEL
        if args.skip_training:
            report["training"] = {
                "ours_s": last.get("ours_s"),
                "bare_s": last.get("bare_s"),
                "note": f"--skip-training: figures measured {last.get('measured', 'never')}",
            }
            if bare_model() is None:
                log("no bare model from an earlier run: running rasa init --no-prompt")
                report["training"]["bare_s"] = init_bare(env)
                report["training"]["note"] += "; bare trained now"
        else:
            log("training this assistant (rasa train, empty cache)")
            ours_s, model = train_ours(work, env)
            log(
                f"trained in {ours_s:.0f} s; rasa init --no-prompt (scaffold + train the bare assistant)"
            )
            bare_s = init_bare(env)
            log(f"bare assistant trained in {bare_s:.0f} s")
            report["training"] = {"ours_s": ours_s, "bare_s": bare_s}
            LAST_TRAINING.write_text(
                json.dumps(dict(report["training"], measured=report["started"]))
            )
        if not model.exists():
            raise RuntimeError(f"No trained model at {model}: run `make train` first.")
        report["model"] = (
            str(model.relative_to(REPO))
            if model.is_relative_to(REPO)
            else "just trained from the working tree (rasa train into a temporary directory)"
        )

        log("starting the action server, Rasa and the bare assistant")
        action_port, rasa_port, bare_port = (
            servers.free_port(),
            servers.free_port(),
            servers.free_port(),
        )
        env_ours = dict(env, ACTION_PORT=str(action_port))
        actions = servers.Process(
            [str(RASA), "run", "actions", "--port", str(action_port), "--actions", "actions"],
            env_ours,
            work / "actions.log",
        )
        procs.append(actions)
        rasa = servers.Process(
            [
                str(RASA),
                "run",
                "--port",
                str(rasa_port),
                "--model",
                str(model),
                "--credentials",
                "credentials.yml",
                "--endpoints",
                "endpoints.yml",
            ],
            env_ours,
            work / "rasa.log",
        )
        procs.append(rasa)
        bare = BareProcess(
            [
                str(RASA),
                "run",
                "--port",
                str(bare_port),
                "--model",
                str(bare_model()),
                "--credentials",
                "credentials.yml",
                "--endpoints",
                "endpoints.yml",
            ],
            env,
            work / "bare.log",
            BARE_DIR,
        )
        procs.append(bare)
        servers.wait_until(f"http://127.0.0.1:{action_port}/health", actions)
        servers.wait_until(f"http://127.0.0.1:{rasa_port}/", rasa)
        servers.wait_until(f"http://127.0.0.1:{bare_port}/", bare)

        ours = Target("ours", rasa_port, ours_convs, rasa, actions)
        base = Target("bare", bare_port, bare_convs, bare)
        log("warming up (not measured)")
        session = requests.Session()
        for target in (ours, base):
            for _ in range(3):
                for conv in target.conversations:
                    target.replay(session, conv, "bench-warm")
            target.failures.clear()

        log(f"concurrency 1: {args.rounds_c1} rounds, interleaved")
        for i in range(args.rounds_c1):
            for target in (ours, base) if i % 2 == 0 else (base, ours):
                target.round_c1(session, str(i))
        log(
            f"concurrency 10: {args.rounds_c10} rounds x {args.copies_c10} replays of each conversation"
        )
        sessions = [requests.Session() for _ in range(10)]
        for i in range(args.rounds_c10):
            for target in (ours, base) if i % 2 == 0 else (base, ours):
                target.round_c10(sessions, args.copies_c10)
        report["memory_mb"] = {
            "rasa": rss_mb(rasa.proc.pid),
            "actions": rss_mb(actions.proc.pid),
            "bare": rss_mb(bare.proc.pid),
        }
        report["load_end"] = loadavg()

        log("action server: replaying the requests Rasa sent during warm-up")
        import warnings

        from rasa.shared.core.domain import Domain

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            domain = Domain.load(str(REPO / "domain.yml")).as_dict()
        payloads = action_requests_from_tracker_db(
            work / "tracker.db", domain, "bench-warm-%", limit=200
        )
        report["action_server"] = bench_action_server(action_port, payloads, args.action_passes)

        report["ours"], report["bare"] = ours.summary(), base.summary()
        report["ours_failure_examples"] = ours.failures[:8]
        report["bare_failure_examples"] = base.failures[:8]
        report["ratio"] = {
            "p50_c1": report["ours"]["c1"]["p50_ms"] / report["bare"]["c1"]["p50_ms"],
            "p50_c10": report["ours"]["c10"]["p50_ms"] / report["bare"]["c10"]["p50_ms"],
            "rate_c10": report["ours"]["c10"]["msgs_per_s"] / report["bare"]["c10"]["msgs_per_s"],
            "cpu_c1": report["ours"]["c1"]["server_cpu_ms_per_msg"]
            / report["bare"]["c1"]["server_cpu_ms_per_msg"],
        }
    except Exception as exc:  # noqa: BLE001
        print(f"\nThe benchmark could not run: {exc}", file=sys.stderr)
        print(f"(logs in {work})", file=sys.stderr)
        return 1
    finally:  # also on Ctrl-C: never leave servers behind
        for p in reversed(procs):
            p.stop()
    report["verdict"] = verdict(report)
    report["elapsed_s"] = time.perf_counter() - t0
    saved = RESULTS / f"run-{time.strftime('%Y%m%d-%H%M%S')}.json"
    report["saved_to"] = str(saved.relative_to(REPO))
    saved.write_text(json.dumps(report, indent=1))
    print_report(report)
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
