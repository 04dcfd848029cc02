"""Valid notes parse into the model; dump then parse is the identity."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.core.model import (
    Candidate,
    Channel,
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
from afterword.core.notes import dump_notes, load_notes, parse_notes
from tests.conftest import DATA, SHARED_EXAMPLES, example_files

NOTES = DATA / "notes"


@pytest.mark.parametrize("path", example_files() + sorted(NOTES.glob("valid-*.toml")), ids=lambda p: p.name)
def test_examples_round_trip(path: Path) -> None:
    interview = load_notes(path)
    text = dump_notes(interview)
    again = parse_notes(text)
    assert again == interview
    assert dump_notes(again) == text


def test_example_content_is_read_fully() -> None:
    acme = load_notes(SHARED_EXAMPLES / "acme-panel.toml")
    assert acme.company == "Acme Logistics"
    assert [c.id for c in acme.contacts] == ["maria", "tom", "els"]
    maria, tom, els = acme.contacts
    assert maria.channels == (Channel.EMAIL, Channel.LINKEDIN)
    assert tom.channels == (Channel.EMAIL, Channel.X) and tom.x_handle == "tomokafor"
    assert els.effective_formality is Formality.FORMAL and acme.language_of(els) is Language.NL
    assert els.met_in_passing and not maria.met_in_passing
    assert [n.id for n in acme.needs_raised_by("tom")] == ["latency", "cost"]
    assert acme.deadline == datetime(2026, 11, 28, 15, 30, tzinfo=timezone(timedelta(hours=1)))


def test_bom_and_crlf_are_accepted() -> None:
    minimal = load_notes(NOTES / "valid-minimal.toml")
    assert load_notes(NOTES / "valid-with-bom.toml") == minimal
    assert load_notes(NOTES / "valid-crlf-line-endings.toml") == minimal


def test_markup_and_template_syntax_stay_literal_text() -> None:
    notes = load_notes(NOTES / "valid-scripts-and-markup.toml")
    assert notes.theme == "{% if x %}<script>alert(1)</script>{% endif %}"
    assert notes.contacts[0].name == "王芳"
    assert "{{ role }}" in dump_notes(notes)


def test_local_time_with_zone_and_deadline_across_dst() -> None:
    notes = load_notes(NOTES / "valid-local-time-with-timezone.toml")
    assert notes.start.tzinfo == ZoneInfo("Europe/Amsterdam")
    # 15:00 CEST on 24 October; the clocks go back on 25 October: 24 real hours later is 14:00 CET.
    assert notes.deadline.isoformat() == "2026-10-25T14:00:00+01:00"
    # Same-zone subtraction in Python is wall-clock time (23 h here); the real gap is 24 h.
    assert (notes.deadline.astimezone(UTC) - notes.effective_end.astimezone(UTC)) == timedelta(hours=24)


def test_default_end_is_one_hour() -> None:
    minimal = load_notes(NOTES / "valid-minimal.toml")
    assert minimal.end is None
    assert minimal.effective_end - minimal.start == timedelta(hours=1)


def test_contact_defaults() -> None:
    contact = Contact(id="a", name="A B", role=ContactRole.EXECUTIVE)
    assert contact.effective_formality is Formality.FORMAL
    assert not contact.gave_contact_details
    assert Contact(id="b", name="C D", linkedin="https://x.example/in/cd").gave_contact_details
    assert Contact(id="c", name="E F").effective_formality is Formality.INFORMAL


# --- property test: any Interview the model can hold survives dump -> parse ---------------------

_ids = st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True)
_line = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"),
    min_size=1, max_size=40,
).filter(lambda s: s.strip() != "")
_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85")
    | st.just("\n"),
    min_size=1, max_size=80,
).filter(lambda s: s.strip() != "")
_zones = st.sampled_from(["Europe/Amsterdam", "Europe/Brussels", "America/New_York", "Asia/Tokyo", "UTC"])


@st.composite
def interviews(draw: st.DrawFn) -> Interview:
    contact_ids = draw(st.lists(_ids, min_size=0, max_size=4, unique=True))
    need_ids = draw(st.lists(_ids, min_size=0, max_size=3, unique=True))
    base = draw(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1)))
    base = base.replace(microsecond=0)
    zone_name = draw(st.none() | _zones)
    if zone_name:
        zone = ZoneInfo(zone_name)
        start = base.replace(tzinfo=zone)
        start = start.astimezone(UTC).astimezone(zone)  # normalise DST gaps the way parsing would refuse
        if start.replace(tzinfo=None) != base:
            start = (start + timedelta(hours=2)).astimezone(zone)
        start = start.replace(fold=0)
    else:
        offset = timedelta(minutes=15 * draw(st.integers(-48, 56)))
        start = base.replace(tzinfo=timezone(offset))
    end = draw(st.none() | st.integers(1, 600).map(lambda m: start + timedelta(minutes=m)))
    if end is not None and zone_name:
        end = end.astimezone(UTC).astimezone(ZoneInfo(zone_name))
    subset = st.lists(st.sampled_from(contact_ids), unique=True).map(tuple) if contact_ids else st.just(())
    needs_subset = st.lists(st.sampled_from(need_ids), unique=True).map(tuple) if need_ids else st.just(())
    contacts = tuple(
        Contact(
            id=cid,
            name=draw(_line),
            title=draw(st.none() | _line),
            role=draw(st.none() | st.sampled_from(list(ContactRole))),
            met=draw(st.none() | _line),
            email=draw(st.none() | st.just(f"{cid.replace('_', '').replace('-', '')}x@acme.example")),
            linkedin=draw(st.none() | st.just(f"https://www.linkedin.com/in/{cid}")),
            x=draw(st.none() | st.from_regex(r"@?[A-Za-z0-9_]{1,15}", fullmatch=True)),
            language=draw(st.none() | st.sampled_from(list(Language))),
            formality=draw(st.none() | st.sampled_from(list(Formality))),
            gave_contact=draw(st.none() | st.booleans()),
        )
        for cid in contact_ids
    )
    return Interview(
        candidate=Candidate(name=draw(_line), email=draw(st.none() | st.just("me@example.org")),
                            phone=draw(st.none() | _line)),
        company=draw(_line),
        role=draw(_line),
        start=start,
        end=end,
        timezone=zone_name,
        kind=draw(st.none() | _line),
        language=draw(st.none() | st.sampled_from(list(Language))),
        theme=draw(st.none() | _line),
        next_step=draw(st.none() | _line),
        contacts=contacts,
        needs=tuple(Need(nid, draw(_text), draw(subset)) for nid in need_ids),
        strengths=tuple(Strength(draw(_text), draw(needs_subset)) for _ in range(draw(st.integers(0, 3)))),
        moments=tuple(Moment(draw(_text), draw(subset)) for _ in range(draw(st.integers(0, 3)))),
        questions=tuple(Question(draw(_text), draw(subset)) for _ in range(draw(st.integers(0, 2)))),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interviews())
def test_dump_then_parse_is_identity(interview: Interview) -> None:
    text = dump_notes(interview)
    again = parse_notes(text)
    assert again == interview
    assert again.start.utcoffset() == interview.start.utcoffset()
    assert dump_notes(again) == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parse_never_crashes_on_any_text(text: str) -> None:
    from afterword.core.errors import NotesError

    try:
        parse_notes(text)
    except NotesError as exc:
        assert "\n" not in exc.located()
