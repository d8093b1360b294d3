"""Helpers shared by developer tools and the HTTP tests: the assistant's servers on free ports."""
