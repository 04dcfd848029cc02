"""Character counting as X (twitter-text v3) does it: links 23, wide characters and emoji 2."""

from __future__ import annotations

import re
import unicodedata

URL_LENGTH = 23
#: Code point ranges that weigh 1 (twitter-text v3 config); everything else weighs 2.
_LIGHT = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_URL = re.compile(
    r"(?:https?://)?(?:[\w-]{1,63}\.){1,6}(?:com|org|net|nl|be|eu|io|co|uk|de|fr|info|dev|app|example|ly|me|ai|gov|edu)"
    r"(?::\d+)?(?:/[^\s]{0,2000})?(?<![.,;:!?)])",
    re.IGNORECASE,
)
_EMOJI = re.compile(
    "(?:[\U0001F1E6-\U0001F1FF]{2}"
    "|[#*0-9]\uFE0F?\u20E3"
    "|[\u00A9\u00AE\u203C\u2049\u2122\u2139\u2194-\u21AA\u231A-\u23FF\u24C2\u25AA-\u27BF\u2934\u2935"
    "\u2B05-\u2B55\u3030\u303D\u3297\u3299\U0001F000-\U0001FAFF]"
    "[\uFE0F\U0001F3FB-\U0001F3FF]*(?:\u200D[\u2600-\u27BF\U0001F000-\U0001FAFF][\uFE0F\U0001F3FB-\U0001F3FF]*)*)"
)


def weighted_length(text: str) -> int:
    """The length X shows for a post: NFC-normalised, each URL 23, each emoji 2, other characters
    1 or 2 by code point range."""
    text = unicodedata.normalize("NFC", text[:20_000])
    total = 0
    position = 0
    for match in _URL.finditer(text):
        total += _plain(text[position:match.start()]) + URL_LENGTH
        position = match.end()
    return total + _plain(text[position:])


def _plain(text: str) -> int:
    total = 0
    position = 0
    for match in _EMOJI.finditer(text):
        total += _chars(text[position:match.start()]) + 2
        position = match.end()
    return total + _chars(text[position:])


def _chars(text: str) -> int:
    total = 0
    for ch in text:
        code = ord(ch)
        total += 1 if any(lo <= code <= hi for lo, hi in _LIGHT) else 2
    return total
