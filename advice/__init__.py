"""Advice logic built on the knowledge base: statutory deadlines, letters, the next step up a ladder."""
