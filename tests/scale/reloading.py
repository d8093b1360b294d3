"""Parents keep talking while `python -m knowledge load` rebuilds the knowledge base.

Loads alternate between the real content and a copy with one visible edit (Hampshire
SENDIASS's description), so the action server really swaps content mid-conversation; each
reply must be right for one version or the other, and after the last load, the real one.
"""

import shutil
import threading
import time
from pathlib import Path

import requests

from knowledge.db import engine_for
from knowledge.loader import load
from knowledge.paths import CONTENT_DIR
from knowledge.queries import KnowledgeBase
from tests.scale import stack
from tests.scale.conversations import either_version, problems_in_reply, script_for

EDIT = (
    "Information about SEN support and SEN funding,",
    "Reload check. Information about SEN support and SEN funding,",
)
COUNCILS = ["Hampshire", "Leeds", "Northumberland", "Hampshire"]
PAUSE = 2.5  # seconds: longer than knowledge.queries.VERSION_CHECK_SECONDS, so each load is seen


def edited_content(workdir: Path) -> Path:
    root = workdir / "edited" / "knowledge" / "content"
    shutil.copytree(CONTENT_DIR, root)
    hampshire = root / "councils" / "hampshire.yaml"
    text = hampshire.read_text()
    assert EDIT[0] in text, "hampshire.yaml changed: update tests/scale/reloading.py's EDIT"
    hampshire.write_text(text.replace(EDIT[0], EDIT[1]))
    return root


def knowledge_from(root: Path, workdir: Path, name: str) -> KnowledgeBase:
    url = f"sqlite:///{workdir / name}.db"
    load(engine_for(url), root)
    return KnowledgeBase(url)


def talk_during_reloads(
    ports: list[int],
    knowledge_url: str,
    workdir: Path,
    loads: int = 5,
    workers: int = 4,
    limit: float = 120,
) -> dict[str, object]:
    """Run conversations on `ports` while loading `loads` times into `knowledge_url`."""
    edited = edited_content(workdir)
    real_kb, edited_kb = (
        knowledge_from(CONTENT_DIR, workdir, "real"),
        knowledge_from(edited, workdir, "edited"),
    )
    edited_line = next(
        w for w in script_for(edited_kb, "Hampshire").turns[1].expect if EDIT[1] in w
    )
    scripts = [either_version(script_for(real_kb, c), script_for(edited_kb, c)) for c in COUNCILS]
    stop, deadline = threading.Event(), time.monotonic() + limit
    problems: list[str] = []
    seen = {"replies": 0, "edited": 0, "conversations": 0}
    guard = threading.Lock()

    def parent(worker: int):
        n = 0
        while not stop.is_set() and time.monotonic() < deadline:
            script, sender = (
                scripts[(worker + n) % len(scripts)],
                f"reload-{worker}-{n}-{time.monotonic_ns()}",
            )
            for t, turn in enumerate(script.turns):
                try:
                    port = ports[(t + worker) % len(ports)]
                    reply = requests.post(
                        f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                        json={"sender": sender, "message": turn.text},
                        timeout=60,
                    ).json()
                except (requests.RequestException, ValueError) as exc:
                    reply, found = [], [f"{turn.text!r} -> request failed: {exc}"]
                else:
                    found = problems_in_reply(script, turn, reply)
                with guard:
                    problems.extend(f"{sender}: {p}" for p in found)
                    seen["replies"] += 1
                    seen["edited"] += any(edited_line in (m.get("text") or "") for m in reply)
            with guard:
                seen["conversations"] += 1
            n += 1

    threads = [threading.Thread(target=parent, args=(w,)) for w in range(workers)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(PAUSE)
        # Real content first and last, and in between: `python -m knowledge load` each time.
        for i in range(loads):
            stack.load_knowledge(knowledge_url, None if i % 2 == 0 else edited)
            time.sleep(PAUSE)
    finally:
        stop.set()
        for thread in threads:
            thread.join(90)
    seen["problems"] = problems
    seen["real_loads"] = (loads + 1) // 2
    return seen
