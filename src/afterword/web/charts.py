"""The dashboard's overview as small horizontal bar charts: geometry here, drawing in `_charts.html`.

Server-rendered SVG (no chart library): a `viewBox` that scales to a phone's width, a title and
description for screen readers, and the same numbers as a table beside each chart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from afterword.core.model import Channel
from afterword.service.timeline import DELAY_BUCKETS, Overview

WIDTH = 320
LABEL_W = 92  # the left column of labels
BAR_X = LABEL_W + 6
BAR_MAX = 150  # the longest bar; the value is written after its end
ROW = 30
BAR_H = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str  # the value as written beside the bar and in the table
    width: float
    y: float
    tone: str = ""  # a CSS modifier: "", "late", "muted"

    @property
    def text_x(self) -> float:
        return BAR_X + self.width + 6

    @property
    def text_y(self) -> float:
        return self.y + BAR_H / 2 + 4

    @property
    def label_y(self) -> float:
        return self.text_y


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    desc: str
    heads: tuple[str, str]  # the table's column headings
    bars: tuple[Bar, ...]

    @property
    def height(self) -> int:
        return len(self.bars) * ROW + 6

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def bar_x(self) -> int:
        return BAR_X

    @property
    def label_x(self) -> int:
        return LABEL_W


def _bars(rows: list[tuple[str, int, str, str]], scale: float) -> tuple[Bar, ...]:
    """`(label, value, text, tone)` rows as bars; `scale` is the value of a full-length bar."""
    return tuple(Bar(label, value, text, (BAR_MAX * value / scale) if scale else 0.0, 4 + i * ROW, tone)
                 for i, (label, value, text, tone) in enumerate(rows))


def charts(figures: Overview, gettext: Callable[[str], str], duration: Callable[[timedelta], str]) -> list[Chart]:
    """The three overview charts in the UI language (`duration` writes a time span in it)."""
    _ = gettext
    names = {Channel.EMAIL: _("Email"), Channel.LINKEDIN: "LinkedIn", Channel.X: "X"}
    within = Chart(
        "chart-24h", _("Sent within 24 hours"),
        _("%(within)d of %(total)d follow-ups went out within 24 hours of the interview's end.")
        % {"within": figures.within_24h, "total": figures.timed},
        (_("When"), _("Follow-ups")),
        _bars([(_("within 24 h"), figures.within_24h, str(figures.within_24h), ""),
               (_("later"), figures.later, str(figures.later), "late")], max(figures.timed, 1)),
    )
    shown = [r for r in figures.rates if r.sent]
    rates = Chart(
        "chart-replies", _("Reply rate by channel"),
        "; ".join(_("%(channel)s: %(replied)d replies to %(sent)d sent (%(percent)d%%)")
                  % {"channel": names[r.channel], "replied": r.replied, "sent": r.sent, "percent": r.percent}
                  for r in shown) or _("Nothing sent yet."),
        (_("Channel"), _("Replies")),
        _bars([(names[r.channel], r.percent, f"{r.percent}% ({r.replied}/{r.sent})", "") for r in shown], 100),
    )
    labels = _bucket_labels(gettext)
    median = duration(figures.median_delay) if figures.median_delay is not None else None
    delays = Chart(
        "chart-delay", _("Time from interview end to send"),
        (_("Half of the follow-ups went out within %(span)s of the interview's end.") % {"span": median}
         if median else _("Nothing sent yet.")) + " " + "; ".join(
            f"{label}: {count}" for label, count in zip(labels, figures.delays, strict=True)),
        (_("Time after the interview"), _("Follow-ups")),
        _bars([(label, count, str(count), "late" if bound is None or bound > 24 else "")
               for label, count, bound in zip(labels, figures.delays, DELAY_BUCKETS, strict=True)],
              max(max(figures.delays, default=0), 1)),
    )
    return [within, rates, delays]


def _bucket_labels(gettext: Callable[[str], str]) -> list[str]:
    labels: list[str] = []
    lower = 0
    for bound in DELAY_BUCKETS:
        if bound is None:
            labels.append(gettext("over %(hours)d h") % {"hours": lower})
        elif lower == 0:
            labels.append(gettext("up to %(hours)d h") % {"hours": bound})
        else:
            labels.append(gettext("%(low)d–%(high)d h") % {"low": lower, "high": bound})
        lower = bound or lower
    return labels
