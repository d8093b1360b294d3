"""Memory under many unique messages: `make bench-memory` (MESSAGES=10000 by default).

Loads the trained model in this process, as the Rasa server does, and parses MESSAGES
messages that are all different (new words each time, some starting with "/" as odd typed
payloads do), after the channels' screening. Prints the process's memory (VmRSS) before
and after, and what usually grows: spaCy's StringStore and Python's warning registries.
The first 500 messages warm up (caches, lazy imports) and are not counted.
"""

import argparse
import asyncio
import gc
import random
import string
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


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


async def main(count: int, model: str) -> None:
    import logging

    import structlog
    from rasa.core.agent import Agent

    from channels.payloads import screened
    from privacy import log_guard

    log_guard.install()
    # As the server at INFO: no per-message debug lines (printing them would dominate the time).
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.INFO))
    logging.getLogger().setLevel(logging.WARNING)
    agent = Agent.load(model)
    rng = random.Random(15)
    for n in range(500):
        await agent.parse_message(screened(unique_message(rng, -n - 1), frozenset()))
    gc.collect()
    before = (rss_mb(), spacy_strings(), warning_entries())
    started = time.monotonic()
    checkpoints = []
    for n in range(count):
        await agent.parse_message(screened(unique_message(rng, n), frozenset()))
        if (n + 1) % max(1, count // 10) == 0:
            gc.collect()
            checkpoints.append(f"{rss_mb():.0f}")
    gc.collect()
    after = (rss_mb(), spacy_strings(), warning_entries())
    print(f"{count:,} unique messages in {time.monotonic() - started:.0f} s")
    print(
        f"memory (VmRSS): {before[0]:.1f} MB before, {after[0]:.1f} MB after, "
        f"growth {after[0] - before[0]:+.1f} MB"
    )
    print(f"memory (MB) after each tenth of the messages: {', '.join(checkpoints)}")
    print(f"spaCy StringStore strings: {before[1]:,} before, {after[1]:,} after")
    print(f"warning registry entries: {before[2]:,} before, {after[2]:,} after")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--model", default=str(REPO / "models" / "send-assistant.tar.gz"))
    args = parser.parse_args()
    asyncio.run(main(args.messages, args.model))
