"""A logging filter that redacts personal data from every record (see logging.yml).

privacy/log_guard.py redacts records as they are made; this filter keeps handlers
configured from logging.yml safe even where the guard is not installed.
"""

import logging

from .log_guard import redact_record


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        redact_record(record)
        return True
