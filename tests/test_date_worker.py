"""Heavy date reading is bounded: a short text, in a worker process, with a timeout."""

import asyncio
import datetime as dt
import time

from advice import date_worker, deadlines

TODAY = dt.date(2026, 4, 1)


def test_only_a_few_hundred_characters_are_read():
    long = (
        "We have had a very hard year with school. " * 30 + "The final plan came on 3 March 2026."
    )
    kept = date_worker.date_text(long)
    assert len(kept) <= date_worker.MAX_CHARS
    assert "3 March 2026" in kept  # the sentence with the date is the one kept
    assert date_worker.date_text("2025 " * 200) == ("2025 " * 200)[: date_worker.MAX_CHARS].strip()


def test_a_long_message_still_gets_its_answer_from_the_worker(kb):
    text = "It has been a long road. " * 40 + "We asked for the assessment on 3 March 2026."
    answer = asyncio.run(date_worker.calculate("decide_to_assess", text, TODAY))
    assert isinstance(answer, str) and "2026" in answer


def test_a_reading_that_takes_too_long_is_abandoned():
    asyncio.run(date_worker.read_dates("final_plan", "1 March 2026", TODAY))  # worker started
    started = time.monotonic()
    result = asyncio.run(date_worker.read_dates("appeal", "2025 " * 200, TODAY, timeout=0.05))
    assert time.monotonic() - started < 2
    assert isinstance(result, deadlines.DateProblem)
    # The next reading gets a fresh worker and works.
    read = asyncio.run(date_worker.read_dates("final_plan", "1 March 2026", TODAY))
    assert [d.value for d in read] == [dt.date(2026, 3, 1)]
