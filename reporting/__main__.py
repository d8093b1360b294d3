"""python -m reporting [--days 30] [--out results/report.html] [--db-url URL]

Writes the report as one self-contained HTML file and prints where and how long it took.
Without --db-url it reads the tracker store endpoints.yml uses (TRACKER_* variables).
"""

import argparse
import os
import sys
import time

from .build import MAX_DAYS, build_report, tracker_engine


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write the conversation report as HTML.")
    parser.add_argument(
        "--days", type=int, default=30, help="how many days up to today (default 30)"
    )
    parser.add_argument(
        "--out", default="results/report.html", help="where to write (default results/report.html)"
    )
    parser.add_argument(
        "--db-url", help="SQLAlchemy URL of the tracker store (default: TRACKER_* settings)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.days <= MAX_DAYS:
        parser.error(f"--days must be between 1 and {MAX_DAYS}")
    started = time.perf_counter()
    try:
        page = build_report(tracker_engine(args.db_url), args.days)
    except LookupError as error:
        print(f"Cannot make the report: {error}", file=sys.stderr)
        return 1
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(page)
    os.replace(tmp, args.out)  # a half-written report never replaces a good one
    os.chmod(args.out, 0o600)  # it quotes (redacted) messages: readable by its owner only
    print(
        f"wrote {args.out} ({len(page) / 1024:.0f} KB) for the last {args.days} days "
        f"in {time.perf_counter() - started:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
