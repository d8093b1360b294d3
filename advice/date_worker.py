"""Reading dates without holding up anyone: a bounded text, in a worker process, with a timeout.

dateparser takes about a second for 1,000 characters of "2025 2025 ...", and the action
server runs one event loop for every conversation (the crisis reply included). So:
- only the parts of a message that can hold a date are read, at most DATE_PARSE_MAX_CHARS
  (default 300) characters;
- the reading runs in one worker process (its own interpreter, so no lock is shared with
  the action server), and a reading that takes longer than DATE_PARSE_TIMEOUT_SECONDS
  (default 5) is abandoned: the worker is stopped and the parent asked for just the date.
"""

import asyncio
import concurrent.futures
import datetime as dt
import logging
import multiprocessing
import os
import re
import threading
from concurrent.futures.process import BrokenProcessPool

from replies import deadlines as wording

from . import date_mentions, deadlines

log = logging.getLogger(__name__)

MAX_CHARS = int(os.environ.get("DATE_PARSE_MAX_CHARS") or 300)
TIMEOUT_SECONDS = float(os.environ.get("DATE_PARSE_TIMEOUT_SECONDS") or 5)
# Sentences with a digit or a month name hold dates; failing those, words like "yesterday".
_STRONG_HINT = re.compile(rf"\d|\b{date_mentions.MONTH}\b", re.IGNORECASE)
_WEAK_HINT = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun|today|yesterday|tomorrow|ago|last|next|this|week|month|year|term|"
    r"spring|summer|autumn|christmas|easter)",
    re.IGNORECASE,
)

STARTUP_SECONDS = 120.0  # a fresh worker imports dateparser first; that is not the message's fault
_pool: concurrent.futures.ProcessPoolExecutor | None = None
_ready: concurrent.futures.Future | None = None
_pool_lock = threading.Lock()


def date_text(text: str, limit: int = MAX_CHARS) -> str:
    """At most `limit` characters of `text`: the sentences that may hold a date, in order."""
    text = (text or "").strip()
    if len(text) <= limit:
        return text
    sentences = date_mentions.sentences(text)
    hint = _STRONG_HINT if any(_STRONG_HINT.search(x) for x in sentences) else _WEAK_HINT
    kept, size = [], 0
    for sentence in sentences:
        if not hint.search(sentence):
            continue
        sentence = sentence[: limit - size].strip()
        if sentence:
            kept.append(sentence)
            size += len(sentence) + 1
        if size >= limit:
            break
    return " ".join(kept)[:limit] or text[:limit]


def _pool_now() -> concurrent.futures.ProcessPoolExecutor:
    global _pool, _ready
    with _pool_lock:
        if _pool is None:
            # spawn: a clean interpreter (forking a server with threads and sockets is unsafe).
            _pool = concurrent.futures.ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
            _ready = _pool.submit(
                deadlines.read_dates, "final_plan", "1 March 2020", dt.date(2020, 3, 2)
            )
        return _pool


def _stop_pool() -> None:
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)


def warm_up() -> None:
    """Start the worker ahead of the first deadline question (it imports dateparser once)."""
    _pool_now()


async def read_dates(kind: str, text: str, today: dt.date, timeout: float = TIMEOUT_SECONDS):
    """`deadlines.read_dates` on a bounded text, in the worker; a DateProblem if it is too slow."""
    loop = asyncio.get_running_loop()
    try:
        pool = _pool_now()
        if _ready is not None and not _ready.done():
            await asyncio.wait_for(asyncio.wrap_future(_ready), STARTUP_SECONDS)
        future = loop.run_in_executor(pool, deadlines.read_dates, kind, date_text(text), today)
        return await asyncio.wait_for(future, timeout)
    except asyncio.TimeoutError:
        log.warning("deadline: reading the date took over %g s; worker restarted", timeout)
        _stop_pool()
        return deadlines.DateProblem("missing", wording.NO_DATE_FOUND)
    except BrokenProcessPool:
        _stop_pool()
        return deadlines.DateProblem("missing", wording.NO_DATE_FOUND)


async def work_out(kind: str, text: str, today: dt.date):
    """`deadlines.work_out`, with the date reading bounded as above."""
    return deadlines.deadline_from_dates(kind, await read_dates(kind, text, today), today)


async def calculate(kind: str, text: str, today: dt.date):
    """`deadlines.calculate`, with the date reading bounded as above."""
    deadline = await work_out(kind, text, today)
    if isinstance(deadline, deadlines.DateProblem):
        return deadline
    return wording.format_deadline_answer(deadline, today)
