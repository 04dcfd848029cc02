"""check_draft never crashes, whatever the text, channel or language, and its offsets stay in range."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.check import check_draft, check_drafts
from afterword.core.draftfile import parse_draft_text
from afterword.core.model import Channel, Draft, Language
from tests.check.cases import interview_for

WORDS = st.sampled_from([
    "Maria", "Marie", "de", "Vries", "u", "je", "jij", "uw", "Dear", "Hi", "Geachte", "Hoi", "[Name]", "{bedrijf}",
    "XXX", "TODO", "!!", "?", "23%", "drieëntwintig", "procent", "one", "in", "five", "€2", "million", "7",
    "December", "14:00", "https://example.org/x", "Rotterdam", "outage", "Kafka", "when", "I", "start", "best",
    "candidate", "Wanneer", "hoor", "ik", "meer", "Globex", "\n", "\n\n", ",", ".", "Zoë", "Łukasz", "王芳", "👍",
    "Subject:", "Onderwerp:", "\r\n", "\ufeff", "____", "<interviewer>",
])
TEXT = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, subject=st.one_of(st.none(), st.text(max_size=80)), channel=st.sampled_from(list(Channel)),
       language=st.sampled_from(list(Language)),
       who=st.sampled_from([("acme-panel.toml", "maria"), ("acme-panel.toml", "tom"), ("acme-panel.toml", "els"),
                            ("gemeente-een-op-een.toml", "henk"), ("rijnland-gesprek.toml", "anneke"),
                            ("names.toml", "zoe"), ("names.toml", "lukasz")]),
       late=st.booleans())
def test_check_draft_never_crashes(text: str, subject: str | None, channel: Channel, language: Language,
                                   who: tuple[str, str], late: bool) -> None:
    notes, contact = who
    interview = interview_for(notes)
    sent_at = datetime(2026, 11, 30, tzinfo=UTC) if late else None
    draft = Draft(contact, channel, language, text, subject if channel is Channel.EMAIL else None)
    findings = check_draft(interview, draft, sent_at=sent_at, other_companies=["Globex Freight", ""])
    for f in findings:
        assert f.message
        if f.start is not None:
            source = (draft.subject or "") if f.in_subject else draft.body
            assert f.end is not None and 0 <= f.start <= f.end <= len(source)
    assert (late and findings[0].code == "late") or not late


@settings(max_examples=150, deadline=None)
@given(text=TEXT, channel=st.sampled_from(list(Channel)))
def test_draft_file_parsing_never_crashes(text: str, channel: Channel) -> None:
    subject, body = parse_draft_text(text, channel)
    assert "\r" not in body and not body.startswith("\ufeff")
    assert subject is None or channel is Channel.EMAIL


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(TEXT, min_size=2, max_size=4))
def test_check_drafts_keeps_order(texts: list[str]) -> None:
    interview = interview_for("rijnland-gesprek.toml")
    ids = ["anneke", "joost", "fatima", "anneke"]
    drafts = [Draft(ids[i], Channel.EMAIL, Language.NL, t, "Gemalen") for i, t in enumerate(texts)]
    results = check_drafts(interview, drafts)
    assert len(results) == len(drafts)
    for draft, findings in zip(drafts, results, strict=True):
        assert all(f.contact == draft.contact for f in findings)
