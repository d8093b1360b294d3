"""Pieces for running several Rasa replicas side by side."""
