"""Character counts against the channel limits (`Channel.limit`): LinkedIn note, X post in weighted characters.

The X count is the checker's own (`core.lang.xcount`), so the counter on a card and the
`over-limit` finding can never disagree.
"""

from __future__ import annotations

from afterword.core.lang.xcount import weighted_length
from afterword.core.model import Channel


def count(channel: Channel, text: str) -> int:
    return weighted_length(text) if channel is Channel.X else len(text)


def limit(channel: Channel) -> int | None:
    return channel.limit()
