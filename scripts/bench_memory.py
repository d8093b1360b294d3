"""Memory under many unique messages: `make bench-memory` (MESSAGES=10000, RUNS=3 by default).

Each run is a fresh process that loads the trained model, as the Rasa server does, and
parses MESSAGES messages that are all different (new words each time, some starting with
"/" as odd typed payloads do), after the channels' screening. The first 500 messages warm
up (caches, lazy imports) and are not counted. Prints, for each run and as the median of
the runs: the process's memory (VmRSS) after 1,000, 2,500, 5,000, 7,500, 10,000, 15,000
and 20,000 messages (those reached), the growth, what usually grows (spaCy's StringStore,
Python's warning registries), and the spaCy pipeline reloads (nlu/spacy_memory.py) with
the time each took to free the old pipeline.
"""

import argparse
import asyncio
import gc
import json
import logging
import random
import re
import statistics
import string
import subprocess
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CHECKPOINTS = (1_000, 2_500, 5_000, 7_500, 10_000, 15_000, 20_000)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def warning_entries() -> int:
    total = len(warnings.onceregistry)
    for module in list(sys.modules.values()):
        registry = getattr(module, "__warningregistry__", None)
        if isinstance(registry, dict):
            total += len(registry)
    return total


def spacy_strings() -> int:
    import spacy

    return sum(
        len(o.vocab.strings) for o in gc.get_objects() if isinstance(o, spacy.language.Language)
    )


def unique_message(rng: random.Random, n: int) -> str:
    word = "".join(rng.choice(string.ascii_lowercase) for _ in range(8)) + str(n)
    other = "".join(rng.choice(string.ascii_lowercase) for _ in range(6)) + str(n * 7)
    if n % 10 == 0:
        return f"/greet@{word} my question about {other}"
    return f"the school {word} will not help my son with {other} what can I do"


class Reloads(logging.Handler):
    """Counts the spaCy pipeline reloads and how long freeing each old pipeline took."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.started, self.freed = 0, []

    def emit(self, record: logging.LogRecord) -> None:
        if "reloading the pipeline" in record.getMessage():
            self.started += 1
        elif record.getMessage().startswith("old spaCy pipeline freed"):
            self.freed.append(float(re.search(r"[\d.]+", record.getMessage()).group()))


async def one_run(count: int, model: str) -> dict:
    import structlog
    from rasa.core.agent import Agent

    from channels.payloads import screened
    from privacy import log_guard

    log_guard.install()
    # As the server at INFO: no per-message debug lines (printing them would dominate the time).
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.INFO))
    logging.getLogger().setLevel(logging.WARNING)
    reloads = Reloads()
    spacy_log = logging.getLogger("nlu.spacy_memory")
    spacy_log.setLevel(logging.INFO)
    spacy_log.addHandler(reloads)
    agent = Agent.load(model)
    rng = random.Random(15)
    for n in range(500):
        await agent.parse_message(screened(unique_message(rng, -n - 1), frozenset()))
    gc.collect()
    before = {"rss": rss_mb(), "strings": spacy_strings(), "warnings": warning_entries()}
    started = time.monotonic()
    curve = {}
    for n in range(1, count + 1):
        await agent.parse_message(screened(unique_message(rng, n), frozenset()))
        if n in CHECKPOINTS or n == count:
            gc.collect()
            curve[n] = rss_mb()
    gc.collect()
    return {
        "seconds": time.monotonic() - started,
        "before": before,
        "after": {"rss": rss_mb(), "strings": spacy_strings(), "warnings": warning_entries()},
        "curve": curve,
        "reloads": reloads.started,
        "freed_seconds": reloads.freed,
    }


def run_in_fresh_process(count: int, model: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, __file__, "--one-run", "--messages", str(count), "--model", model],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def result_of(process: subprocess.Popen) -> dict:
    out, _ = process.communicate()
    if process.returncode:
        raise SystemExit(f"a run failed (exit {process.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    result["curve"] = {int(k): v for k, v in result["curve"].items()}
    return result


def report(results: list[dict], count: int) -> None:
    for i, r in enumerate(results, 1):
        growth = r["after"]["rss"] - r["before"]["rss"]
        curve = ", ".join(f"{n:,}: {mb:.0f}" for n, mb in sorted(r["curve"].items()))
        freed = ", ".join(f"{s:.2f}" for s in r["freed_seconds"]) or "-"
        print(
            f"run {i}: {r['before']['rss']:.1f} MB after warm-up, growth {growth:+.1f} MB over "
            f"{count:,} messages ({r['seconds']:.0f} s); MB after n messages: {curve}; "
            f"spaCy reloads {r['reloads']} (old pipeline freed in {freed} s); "
            f"spaCy strings {r['before']['strings']:,} -> {r['after']['strings']:,}; "
            f"warning registry {r['before']['warnings']:,} -> {r['after']['warnings']:,}"
        )
    growths = [r["after"]["rss"] - r["before"]["rss"] for r in results]
    print(
        f"median of {len(results)} runs: growth {statistics.median(growths):+.1f} MB "
        f"over {count:,} unique messages (runs: {', '.join(f'{g:+.1f}' for g in growths)})"
    )
    points = sorted(set.intersection(*(set(r["curve"]) for r in results)))
    growth_at = [
        f"{n:,}: {statistics.median(r['curve'][n] - r['before']['rss'] for r in results):+.1f}"
        for n in points
    ]
    print(f"median growth (MB) after n messages: {', '.join(growth_at)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--parallel",
        action="store_true",
        help="start the runs at once (each is its own process, so memory is unaffected; "
        "only the times are)",
    )
    parser.add_argument("--model", default=str(REPO / "models" / "send-assistant.tar.gz"))
    parser.add_argument("--one-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_run:
        print(json.dumps(asyncio.run(one_run(args.messages, args.model))))
        return
    if args.parallel:
        running = [run_in_fresh_process(args.messages, args.model) for _ in range(args.runs)]
        results = [result_of(p) for p in running]
    else:
        results = [
            result_of(run_in_fresh_process(args.messages, args.model)) for _ in range(args.runs)
        ]
    report(results, args.messages)


if __name__ == "__main__":
    main()
