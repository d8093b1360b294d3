"""Advice built on the knowledge base: statutory deadlines, letters, a ladder's next step."""
