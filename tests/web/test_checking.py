"""Narrowing the other companies before `wrong-company` never changes what the checker finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.check import check_draft
from afterword.core.model import Channel, Draft, Language
from afterword.core.notes import load_notes
from afterword.service.checking import candidates
from tests.web.conftest import ACME, NOW

COMPANIES = ["Globex Freight B.V.", "Acme, Inc.", "O'Brien & Co", "Zoë Design", "Straße GmbH", "Company 123",
             "Initech", "De Vries Transport N.V.", "王芳 Trading", "X", "Hooli Ltd"]
INTERVIEW = load_notes(ACME)


def _wrong_company(draft: Draft, companies: list[str] | tuple[str, ...]) -> list[tuple[str, int | None]]:
    found = check_draft(INTERVIEW, draft, sent_at=NOW, other_companies=companies)
    return [(f.message, f.start) for f in found if f.code == "wrong-company"]


def _draft(body: str, subject: str = "") -> Draft:
    return Draft("maria", Channel.EMAIL, Language.EN, body, subject)


def test_named_companies_survive_the_narrowing() -> None:
    body = ("I would love to help globex freight grow, as I did at O'Brien & Co and ZOË DESIGN; "
            "Straße and company 123 too. Initech? 王芳 Trading. Hooli.")
    kept = candidates(COMPANIES, [_draft(body)])
    for name in ("Globex Freight B.V.", "O'Brien & Co", "Zoë Design", "Straße GmbH", "Company 123", "Initech",
                 "王芳 Trading", "Hooli Ltd"):
        assert name in kept, name
    assert "Acme, Inc." not in kept and "De Vries Transport N.V." not in kept
    assert _wrong_company(_draft(body), kept) == _wrong_company(_draft(body), COMPANIES)
    assert _wrong_company(_draft(body), kept) != []


def test_a_plain_draft_keeps_almost_nothing() -> None:
    kept = candidates([f"Company {n}" for n in range(3000)], [_draft("Thank you for the conversation.")])
    assert kept == ()


WORDS = st.sampled_from(["globex", "Freight", "B.V.", "acme", "Inc.", "O'Brien", "&", "Co", "zoë", "DESIGN",
                         "straße", "STRASSE", "company", "123", "initech", "de", "vries", "transport", "王芳",
                         "trading", "x", "hooli", "ltd", "the", "and", ",", ".", "\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=25), st.lists(WORDS, max_size=6))
def test_narrowing_never_changes_the_findings(body_words: list[str], subject_words: list[str]) -> None:
    draft = _draft(" ".join(body_words), " ".join(subject_words))
    assert _wrong_company(draft, candidates(COMPANIES, [draft])) == _wrong_company(draft, COMPANIES)
