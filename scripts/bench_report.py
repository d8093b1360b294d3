"""Time `make report` on generated conversations: median of several runs.

  python scripts/bench_report.py [--conversations 100000] [--runs 5] [--db /tmp/report-bench.db]

Generates the conversations once into a scratch SQLite tracker database (reused on later
runs when it holds the same number), then builds the whole report (SQL aggregation,
grouping, HTML) several times and prints each time and the median.
"""

import argparse
import json
import os
import statistics
import sys
import time

import sqlalchemy as sa

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from reporting.build import build_report  # noqa: E402
from reporting.generate import generate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--db", default="/tmp/report-bench.db")
    args = parser.parse_args()
    meta_path = args.db + ".json"
    meta = (
        json.load(open(meta_path)) if os.path.exists(meta_path) and os.path.exists(args.db) else {}
    )
    engine = sa.create_engine(f"sqlite:///{args.db}")
    if meta.get("conversations") != args.conversations:
        if os.path.exists(args.db):
            os.remove(args.db)
        started = time.perf_counter()
        now = time.time()
        expected = generate(engine, args.conversations, args.days, now=now)
        meta = {"conversations": args.conversations, "now": now, "messages": expected.messages}
        json.dump(meta, open(meta_path, "w"))
        took = time.perf_counter() - started
        print(f"generated {args.conversations:,} conversations in {took:.1f} s")
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT count(*) FROM events").scalar()
    print(
        f"tracker store: {args.db}, {rows:,} events, {os.path.getsize(args.db) / 2**20:.0f} MB, "
        f"{meta['conversations']:,} conversations, {meta['messages']:,} messages"
    )
    times = []
    for run in range(args.runs):
        started = time.perf_counter()
        page = build_report(engine, args.days, now=meta["now"])
        times.append(time.perf_counter() - started)
        print(f"run {run + 1}: {times[-1]:.2f} s ({len(page) / 1024:.0f} KB of HTML)")
    print(
        f"report on {meta['conversations']:,} conversations: "
        f"median {statistics.median(times):.2f} s "
        f"over {args.runs} runs (min {min(times):.2f} s, max {max(times):.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
