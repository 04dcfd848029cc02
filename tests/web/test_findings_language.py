"""Findings speak the interface language, whatever the draft's language; the code links to its explanation."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import TestClient

from tests.web.conftest import GOOD_BODY, csrf, store_with_drafts

HTMX = {"hx-request": "true"}


def _check(client: TestClient[Litestar], interview_id: int, body: str) -> str:
    r = client.post(f"/interviews/{interview_id}/cards/maria/email/check",
                    data={"subject": "Shipment visibility", "body": body},
                    headers={**HTMX, "x-csrftoken": csrf(client)})
    assert r.status_code == 200
    return r.text


def test_an_english_draft_gets_dutch_findings_in_a_dutch_interface(app: Litestar,
                                                                     client: TestClient[Litestar]) -> None:
    interview_id = store_with_drafts(app)
    body = GOOD_BODY.format(given="Maria").replace("Maria", "[Name]")
    client.cookies.set("afterword_lang", "nl")
    dutch = _check(client, interview_id, body)
    assert 'data-code="placeholder"' in dutch and "is sjabloontekst die nooit is ingevuld" in dutch
    client.cookies.set("afterword_lang", "en")
    english = _check(client, interview_id, body)
    assert 'data-code="placeholder"' in english and "is template text that was never filled in" in english
    assert english != dutch
    # The message comes first; the code is a small link to its explanation.
    item = english.split('data-code="placeholder"', 1)[1].split("</li>", 1)[0]
    assert item.index("template text") < item.index('href="/rules/placeholder"')


def test_the_rule_page_explains_a_code_in_the_interface_language(client: TestClient[Litestar]) -> None:
    client.cookies.set("afterword_lang", "nl")
    r = client.get("/rules/shorthand")
    assert r.status_code == 200 and "Waarom het ertoe doet" in r.text and "notitietaal" in r.text.lower()
    client.cookies.set("afterword_lang", "en")
    r = client.get("/rules/shorthand")
    assert r.status_code == 200 and "Why it matters" in r.text and "Write it out" in r.text
    assert client.get("/rules/no-such-code").status_code == 404
