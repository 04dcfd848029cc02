"""HTTP tests of the draft cards: live findings, saving with optimistic concurrency, statuses."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import TestClient

from afterword.core.model import Channel, TouchpointStatus
from tests.web.conftest import GOOD_BODY, NOW, backend, card_version, csrf, form_post, store_with_drafts

HTMX = {"hx-request": "true"}


def _check(client: TestClient[Litestar], interview_id: int, key: str, body: str, subject: str = "") -> str:
    contact, channel = key.split("--")
    r = client.post(f"/interviews/{interview_id}/cards/{contact}/{channel}/check",
                    data={"subject": subject, "body": body}, headers={**HTMX, "x-csrftoken": csrf(client)})
    assert r.status_code == 200
    assert r.text.lstrip().startswith(f'<div class="findings-box" id="findings-{key}"')
    return r.text


def test_live_check_reports_and_clears_a_placeholder(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_with_drafts(app)
    good = GOOD_BODY.format(given="Maria")
    html = _check(client, interview_id, "maria--email", good.replace("Maria", "[Name]"), "Shipment visibility")
    assert 'data-code="placeholder"' in html
    html = _check(client, interview_id, "maria--email", good, "Shipment visibility")
    assert 'data-code="placeholder"' not in html
    # The check saves nothing.
    _, tps = backend(app).service.get_interview(interview_id)
    assert all("[Name]" not in tp.body for tp in tps)


def test_live_check_counts_against_the_linkedin_limit(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_with_drafts(app)
    assert 'data-code="over-limit"' in _check(client, interview_id, "maria--linkedin", "Hi Maria, " + "x" * 200)
    assert 'data-code="over-limit"' not in _check(client, interview_id, "maria--linkedin", "Hi Maria, thanks!")


def test_live_check_needs_csrf(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_with_drafts(app)
    r = client.post(f"/interviews/{interview_id}/cards/maria/email/check", data={"body": "x"}, headers=HTMX)
    assert r.status_code == 403


def test_save_then_reload_shows_the_text(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_with_drafts(app)
    page = client.get(f"/interviews/{interview_id}").text
    version = card_version(page, "maria--email")
    r = form_post(client, f"/interviews/{interview_id}/cards/maria/email",
                  {"subject": "Streaming at Acme", "body": "Hi Maria,\nnew text", "version": str(version)},
                  headers=HTMX)
    assert r.status_code == 200
    assert 'id="card-maria--email"' in r.text and "Saved" in r.text
    assert card_version(r.text, "maria--email") == version + 1
    tp = backend(app).service.touchpoint(interview_id, "maria", Channel.EMAIL)
    assert (tp.subject, tp.body, tp.status) == ("Streaming at Acme", "Hi Maria,\nnew text", TouchpointStatus.EDITED)


def test_two_tabs_editing_the_same_draft_conflict_and_nothing_is_lost(
    app: Litestar, client: TestClient[Litestar]
) -> None:
    interview_id = store_with_drafts(app)
    page = client.get(f"/interviews/{interview_id}").text
    version = card_version(page, "tom--email")  # both tabs opened the page at this version
    url = f"/interviews/{interview_id}/cards/tom/email"
    first = form_post(client, url, {"subject": "S", "body": "Text from tab one", "version": str(version)},
                      headers=HTMX)
    assert first.status_code == 200
    second = form_post(client, url, {"subject": "S", "body": "Text from tab two", "version": str(version)},
                       headers=HTMX)
    assert second.status_code == 409
    assert "Changed in another tab." in second.text
    assert "Text from tab one" in second.text  # the saved version, now in the editor
    assert "Text from tab two" in second.text  # the user's own text, kept for them
    assert card_version(second.text, "tom--email") == version + 1  # a retry now saves over the right version
    assert backend(app).service.touchpoint(interview_id, "tom", Channel.EMAIL).body == "Text from tab one"
    # Without htmx (no JavaScript) the same conflict is a full page.
    third = form_post(client, url, {"subject": "S", "body": "Text from tab three", "version": str(version)})
    assert third.status_code == 409 and "Text from tab three" in third.text and "<html" in third.text


def test_mark_sent_changes_the_dashboard(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_with_drafts(app)
    before = client.get("/").text
    assert 'data-contact="tom"' in before
    r = form_post(client, f"/interviews/{interview_id}/cards/tom/email/status", {"action": "sent"}, headers=HTMX)
    assert r.status_code == 200
    assert 'data-status="sent"' in r.text and "Reopen" in r.text
    after = client.get("/").text
    assert 'data-contact="tom"' not in after  # Tom has been reached: nothing owed to him on any channel
    assert 'data-contact="maria"' in after
    tp = backend(app).service.touchpoint(interview_id, "tom", Channel.EMAIL)
    assert tp.status is TouchpointStatus.SENT and tp.times[TouchpointStatus.SENT] == NOW


def test_skip_and_reopen_without_javascript(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_with_drafts(app)
    url = f"/interviews/{interview_id}/cards/els/linkedin/status"
    r = form_post(client, url, {"action": "skipped"})
    assert r.status_code == 303 and r.headers["location"] == f"/interviews/{interview_id}#card-els--linkedin"
    assert backend(app).service.touchpoint(interview_id, "els", "linkedin").status is TouchpointStatus.SKIPPED
    form_post(client, url, {"action": "reopen"})
    assert backend(app).service.touchpoint(interview_id, "els", "linkedin").status is TouchpointStatus.EDITED
    assert form_post(client, url, {"action": "explode"}).status_code == 400


def test_mark_sent_saves_the_text_in_the_editor_first(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_with_drafts(app)
    version = card_version(client.get(f"/interviews/{interview_id}").text, "maria--linkedin")
    r = form_post(client, f"/interviews/{interview_id}/cards/maria/linkedin/status",
                  {"action": "sent", "body": "Hi Maria, the note as I sent it.", "version": str(version)},
                  headers=HTMX)
    assert r.status_code == 200
    tp = backend(app).service.touchpoint(interview_id, "maria", "linkedin")
    assert (tp.status, tp.body) == (TouchpointStatus.SENT, "Hi Maria, the note as I sent it.")
    # From a stale tab, the text is not lost and the status is not changed behind the user's back.
    r = form_post(client, f"/interviews/{interview_id}/cards/tom/x/status",
                  {"action": "skipped", "body": "Stale tab text", "version": "0"}, headers=HTMX)
    assert r.status_code == 409 and "Stale tab text" in r.text
    assert backend(app).service.touchpoint(interview_id, "tom", "x").status is TouchpointStatus.DRAFTED
