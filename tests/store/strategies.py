"""Hypothesis strategies for valid `Interview` values (they must survive dump → parse)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from afterword.core.model import (
    Candidate,
    Contact,
    ContactRole,
    Formality,
    Interview,
    Language,
    Moment,
    Need,
    Question,
    Strength,
)

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCXYZéëïöüçñøåŁłŽžĳ王芳'’-.,&() "
_TEXT = _LETTERS + "\n\t\"\\#=[]{}0123456789"
ZONES = ("Europe/Amsterdam", "Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Adelaide", "UTC")


def _clean(chars: str, max_size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=chars, min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


lines = _clean(_LETTERS, 60)
texts = _clean(_TEXT, 200)
slugs = st.from_regex(r"[a-z][a-z0-9]{0,11}", fullmatch=True)
handles = st.from_regex(r"@?[A-Za-z0-9_]{1,15}", fullmatch=True)
emails = st.builds(lambda user, host: f"{user}@{host}.example", slugs, slugs)
urls = slugs.map(lambda s: f"https://www.linkedin.com/in/{s}")
languages = st.sampled_from(Language)


@st.composite
def moments(draw: st.DrawFn) -> tuple[datetime, datetime | None, str | None]:
    """Start, end and zone as the parser produces them (IANA zone, or a fixed offset)."""
    instant = draw(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)))
    instant = instant.replace(second=0, microsecond=0, tzinfo=UTC)
    duration = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=48 * 60)))
    zone_name = draw(st.one_of(st.none(), st.sampled_from(ZONES)))
    if zone_name is not None:
        tz: ZoneInfo | timezone = ZoneInfo(zone_name)
    else:
        tz = timezone(timedelta(minutes=15 * draw(st.integers(min_value=-48, max_value=56))))
    start = instant.astimezone(tz)
    if zone_name is not None:  # the notes write local time; an ambiguous hour reads as its first occurrence
        start = start.replace(fold=0)
        start = start.astimezone(UTC).astimezone(tz)
    end = (start.astimezone(UTC) + timedelta(minutes=duration)).astimezone(tz) if duration else None
    if end is not None and zone_name is not None:
        end = end.replace(fold=0).astimezone(UTC).astimezone(tz)
        if end <= start:
            end = None
    return start, end, zone_name


def _opt(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.none(), strategy)


@st.composite
def contacts(draw: st.DrawFn, ids: list[str]) -> tuple[Contact, ...]:
    out = []
    for cid in ids:
        out.append(Contact(
            id=cid,
            name=draw(lines),
            title=draw(_opt(lines)),  # type: ignore[arg-type]
            role=draw(_opt(st.sampled_from(ContactRole))),  # type: ignore[arg-type]
            met=draw(_opt(lines)),  # type: ignore[arg-type]
            email=draw(_opt(emails)),  # type: ignore[arg-type]
            linkedin=draw(_opt(urls)),  # type: ignore[arg-type]
            x=draw(_opt(handles)),  # type: ignore[arg-type]
            language=draw(_opt(languages)),  # type: ignore[arg-type]
            formality=draw(_opt(st.sampled_from(Formality))),  # type: ignore[arg-type]
            gave_contact=draw(_opt(st.booleans())),  # type: ignore[arg-type]
        ))
    return tuple(out)


def _refs(draw: st.DrawFn, pool: list[str]) -> tuple[str, ...]:
    if not pool:
        return ()
    return tuple(draw(st.lists(st.sampled_from(pool), unique=True, max_size=3)))


@st.composite
def interviews(draw: st.DrawFn) -> Interview:
    """A valid interview of up to 5 contacts with needs, strengths, moments and questions."""
    contact_ids = draw(st.lists(slugs, unique=True, max_size=5))
    need_ids = draw(st.lists(slugs, unique=True, max_size=4))
    start, end, zone_name = draw(moments())
    return Interview(
        candidate=Candidate(name=draw(lines), email=draw(_opt(emails)),  # type: ignore[arg-type]
                            phone=draw(_opt(lines)), linkedin=draw(_opt(urls))),  # type: ignore[arg-type]
        company=draw(lines),
        role=draw(lines),
        start=start,
        end=end,
        timezone=zone_name,
        kind=draw(_opt(lines)),  # type: ignore[arg-type]
        language=draw(_opt(languages)),  # type: ignore[arg-type]
        theme=draw(_opt(lines)),  # type: ignore[arg-type]
        next_step=draw(_opt(lines)),  # type: ignore[arg-type]
        contacts=draw(contacts(contact_ids)),
        needs=tuple(Need(id=n, text=draw(texts), raised_by=_refs(draw, contact_ids)) for n in need_ids),
        strengths=tuple(Strength(text=draw(texts), answers=_refs(draw, need_ids))
                        for _ in range(draw(st.integers(0, 3)))),
        moments=tuple(Moment(text=draw(texts), with_=_refs(draw, contact_ids)) for _ in range(draw(st.integers(0, 3)))),
        questions=tuple(Question(text=draw(texts), for_=_refs(draw, contact_ids))
                        for _ in range(draw(st.integers(0, 3)))),
    )
