"""Keeping what parents type safe: redaction before storage or logging, and retention."""
