#!/usr/bin/env python
"""`make bench-text`: the per-message text work of the action server, on the longest message
the chat accepts.

The action server runs one event loop for every conversation, so a slow reading of one message
holds up everyone's reply. This times, for messages of CHAT_MAX_MESSAGE_CHARS characters, what
an action does with the whole text: reading which ladder steps it tells (every ladder, as a
worst case; a turn reads one or two) and removing personal data before storage. Texts: real
forum posts, and hostile ones (a clause per two characters, one clause full of step names,
digits, "@"). Prints the median of RUNS runs in milliseconds.

A measurement, not a test: the exit code is 0 whatever the figures.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from advice import ladders  # noqa: E402
from channels.limits import Limits  # noqa: E402
from knowledge import default_kb  # noqa: E402
from privacy.redaction import redact  # noqa: E402

REAL = REPO / "tests" / "nlu" / "real_messages.yml"


def texts(limit: int) -> dict[str, str]:
    real = REAL.read_text(encoding="utf-8")
    return {
        "real posts": real[:limit],
        "a clause every 2 characters ('a.a.')": ("a." * limit)[:limit],
        "one clause of step names": ("my son the senco and the head " * limit)[:limit],
        "digits": ("0 " * limit)[:limit],
        "at signs": ("a@" * limit)[:limit],
    }


def median_ms(work, text: str, runs: int) -> float:
    times = []
    for run in range(runs):
        varied = text[:-1] + str(run % 10)  # a new text each run
        start = time.perf_counter()
        work(varied)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    limit = Limits.from_env().max_message_chars
    every_ladder = default_kb().ladders()

    def steps(text: str) -> None:
        for ladder in every_ladder:
            ladders.steps_heard(ladder, text)

    print(f"{limit} characters a message; median of {args.runs} runs, ms")
    print(f"{'text':40} {'steps, 7 ladders':>17} {'redaction':>10}")
    for name, text in texts(limit).items():
        print(
            f"{name:40} {median_ms(steps, text, args.runs):17.1f} "
            f"{median_ms(redact, text, args.runs):10.1f}"
        )


if __name__ == "__main__":
    main()
