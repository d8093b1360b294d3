"""Helpers for developers' tools and the HTTP tests: starting the assistant's servers on free ports."""
