"""Nothing personal in any log line, whichever way it is written.

The handler filter in logging.yml is not enough on its own: Rasa's coloredlogs set-up swaps
the console handler for its own, Sanic has its own handlers, structlog hands over records
whose message is a dict, Python warnings go straight to stderr, and tracebacks quote the
values involved. So `install()` redacts every record when it is created (a log record
factory: all loggers, all handlers), routes warnings through logging, and bounds the
warning registries, which otherwise keep every unique warning text (one per odd message).

Called by the channels (Rasa server) and the actions package (action server) at import,
and again when the server starts, after Rasa and Sanic have set up their logging.
"""

import logging
import traceback
import warnings
from typing import Any

from .redaction import redact

MAX_REMEMBERED_WARNINGS = 1000
_state = {"installed": False, "base_factory": None, "shown": 0}


def redact_value(value: Any, depth: int = 0) -> Any:
    if isinstance(value, str):
        return redact(value)
    if depth > 20:
        return value
    if isinstance(value, dict):
        return {k: redact_value(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact_value(v, depth + 1) for v in value)
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return redact(str(value))


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    if getattr(record, "_redacted", False):
        return record
    try:
        record.msg = redact_value(record.msg)
        if record.args:
            record.args = redact_value(record.args)
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(
                "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            )
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
    except Exception:  # never lose a log line to redaction itself; drop its details instead
        record.msg, record.args, record.exc_text = (
            "(log message withheld: could not redact it)",
            (),
            None,
        )
    record._redacted = True
    return record


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    return redact_record(_state["base_factory"](*args, **kwargs))


def _bounded(showwarning):
    def show(message, category, filename, lineno, file=None, line=None):
        # Why: "once" keeps each unique text in warnings.onceregistry and "default" in the
        # module's __warningregistry__; a warning quoting a message would grow them forever.
        _state["shown"] += 1
        if len(warnings.onceregistry) > MAX_REMEMBERED_WARNINGS:
            warnings.onceregistry.clear()
        if _state["shown"] % MAX_REMEMBERED_WARNINGS == 0:
            warnings._filters_mutated()  # every module's registry is cleared on its next warning
        return showwarning(message, category, filename, lineno, file, line)

    show._bounded = True
    return show


def install() -> None:
    """Idempotent: redact every log record, route warnings through logging, bound registries."""
    if not _state["installed"]:
        _state["base_factory"] = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_redacting_factory)
        _state["installed"] = True
    logging.captureWarnings(True)
    if not getattr(warnings.showwarning, "_bounded", False):
        warnings.showwarning = _bounded(warnings.showwarning)
