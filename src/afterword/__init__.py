"""Afterword: specific, personal follow-up after a job interview."""

__version__ = "0.1.0"
