"""Character counts against the channel limits: LinkedIn note 200, X post 280 weighted characters."""

from __future__ import annotations

import re

from afterword.core.model import Channel

LIMITS = {Channel.LINKEDIN: 200, Channel.X: 280}
X_URL_WEIGHT = 23
_URL = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)
# X counts these ranges as 1; everything else (CJK, emoji, …) as 2 (twitter-text v3 configuration).
_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))


def x_weight(text: str) -> int:
    """The weighted length X uses: URLs 23, wide characters and emoji 2, the rest 1."""
    total = 0
    position = 0
    for m in _URL.finditer(text):
        total += _weigh(text[position:m.start()]) + X_URL_WEIGHT
        position = m.end()
    return total + _weigh(text[position:])


def _weigh(chunk: str) -> int:
    return sum(1 if any(lo <= ord(ch) <= hi for lo, hi in _LIGHT) else 2 for ch in chunk)


def count(channel: Channel, text: str) -> int:
    return x_weight(text) if channel is Channel.X else len(text)


def limit(channel: Channel) -> int | None:
    return LIMITS.get(channel)
