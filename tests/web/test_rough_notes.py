"""The interview page lists the notes items the drafts do not quote, why, and a rewrite, in the UI language."""

from __future__ import annotations

from pathlib import Path

from litestar import Litestar
from litestar.testing import TestClient

from tests.web.conftest import NOW, backend

REAL = Path(__file__).resolve().parents[1] / "data" / "real-notes" / "tuning" / "shared-en-fintech.toml"


def test_the_interview_page_lists_what_was_not_quoted(app: Litestar, client: TestClient[Litestar]) -> None:
    from afterword.core.notes import load_notes

    interview_id = backend(app).add(load_notes(REAL), NOW)
    page = client.get(f"/interviews/{interview_id}").text
    assert 'id="rough-notes"' in page
    assert "aisha just back from parental leave" in page and "a private detail" in page
    assert "parental leave" not in page.split('id="rough-notes"')[0]  # never in a draft above it
    client.cookies.set("afterword_lang", "nl")
    dutch = client.get(f"/interviews/{interview_id}").text
    assert "een privédetail" in dutch and "niet geciteerd in de concepten" in dutch
