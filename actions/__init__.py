"""Custom actions: thin glue between the dialogue and the knowledge base in knowledge/."""

from privacy import log_guard

log_guard.install()  # the action server logs nothing personal either (privacy/log_guard.py)
