"""Compose: turn an Interview into one specific Draft per contact and channel."""
