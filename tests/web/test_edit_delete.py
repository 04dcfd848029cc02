"""Editing and deleting an interview in the web UI; capturing a stored interview again says it updates it."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from litestar import Litestar
from litestar.testing import TestClient

from afterword.core.model import Language
from afterword.core.notes import load_notes
from afterword.web import capture
from afterword.web.i18n import UiText
from afterword.web.mail import notice_for
from tests.delivery.conftest import cert_dir, smtp_server  # noqa: F401 - fixtures
from tests.delivery.servers import SmtpServer
from tests.web.conftest import ACME, GEMEENTE, NOW, backend, form_post, store_example, store_with_drafts
from tests.web.test_capture import VALID
from tests.web.test_sending import outbox, smtp  # noqa: F401 - fixture


def posted(form: capture.Capture) -> list[tuple[str, str]]:
    """The form as the browser posts it (what `capture.read_form` reads back)."""
    items = list(form.fields.items())
    for table, rows in form.rows.items():
        ref = capture.REFERENCES.get(table, ("",))[0]
        for row in rows:
            items += [(f"{table}-{row.index}-{k}", v) for k, v in row.values.items()]
            items += [(f"{table}-{row.index}-{ref}", r) for r in row.refs]
    return items


def test_the_edit_page_shows_the_stored_interview(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_example(app, ACME)
    page = client.get(f"/interviews/{interview_id}/edit")
    assert page.status_code == 200
    assert "Edit the interview" in page.text and f'action="/interviews/{interview_id}/edit"' in page.text
    assert 'value="Acme Logistics"' in page.text and 'value="2026-11-27T14:00"' in page.text
    assert 'name="offset" value="+01:00"' in page.text
    assert 'value="id:maria" class="row-key"' in page.text and 'value="Maria de Vries"' in page.text
    assert "Save changes" in page.text
    assert client.get("/interviews/999/edit").status_code == 404
    assert f'href="/interviews/{interview_id}/edit"' in client.get(f"/interviews/{interview_id}").text


def test_an_edit_keeps_the_drafts_ids_and_what_the_form_does_not_show(app: Litestar,
                                                                     client: TestClient[Litestar]) -> None:
    interview_id = store_with_drafts(app)
    service = backend(app).service
    stored, before = service.get_interview(interview_id)
    form = capture.from_interview(stored)
    form.fields["theme"] = "Shipment status in minutes, not hours"
    maria = form.rows["contacts"][0]
    assert maria.values["key"] == "id:maria"
    maria.values["title"] = "VP Engineering and Data"
    assert form_post(client, f"/interviews/{interview_id}/edit", posted(form)).status_code == 303
    after, touchpoints = service.get_interview(interview_id)
    assert after.theme == "Shipment status in minutes, not hours"
    assert after.contact("maria").title == "VP Engineering and Data"
    assert [c.id for c in after.contacts] == [c.id for c in stored.contacts]
    assert [n.id for n in after.needs] == [n.id for n in stored.needs]
    assert after.needs[0].raised_by == stored.needs[0].raised_by
    assert after.candidate.phone == "+31 6 1234 5678"  # not on the form, still stored
    assert dataclasses.replace(after, theme=stored.theme, contacts=stored.contacts) == stored
    assert {(tp.contact, tp.channel, tp.body, tp.version) for tp in touchpoints} == {
        (tp.contact, tp.channel, tp.body, tp.version) for tp in before}


def test_removing_a_person_in_the_edit_takes_their_drafts(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_with_drafts(app)
    service = backend(app).service
    form = capture.from_interview(service.get_interview(interview_id)[0])
    form.rows["contacts"] = [r for r in form.rows["contacts"] if r.values["key"] != "id:tom"]
    for table in ("needs", "moments", "questions"):
        for row in form.rows[table]:
            row.refs = [r for r in row.refs if r != "id:tom"]
    assert form_post(client, f"/interviews/{interview_id}/edit", posted(form)).status_code == 303
    interview, touchpoints = service.get_interview(interview_id)
    assert "tom" not in {c.id for c in interview.contacts} and "tom" not in {tp.contact for tp in touchpoints}
    assert "maria" in {tp.contact for tp in touchpoints}


def test_an_edit_that_makes_it_another_stored_interview_is_refused(app: Litestar,
                                                                   client: TestClient[Litestar]) -> None:
    acme = store_example(app, ACME)
    gemeente = store_example(app, GEMEENTE)
    form = capture.from_interview(load_notes(GEMEENTE))
    mine = capture.from_interview(load_notes(ACME))
    for name in ("company", "role", "start", "end", "timezone", "offset", "candidate_name"):
        form.fields[name] = mine.fields[name]
    r = form_post(client, f"/interviews/{gemeente}/edit", posted(form))
    assert r.status_code == 409 and "Another stored interview has the same company" in r.text
    assert backend(app).service.get_interview(acme)[0] == load_notes(ACME)
    assert backend(app).service.get_interview(gemeente)[0] == load_notes(GEMEENTE)


def test_a_form_error_in_an_edit_is_shown_on_the_edit_form(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_example(app, ACME)
    form = capture.from_interview(backend(app).service.get_interview(interview_id)[0])
    form.fields["company"] = ""
    r = form_post(client, f"/interviews/{interview_id}/edit", posted(form))
    assert r.status_code == 422 and f'action="/interviews/{interview_id}/edit"' in r.text
    assert 'id="f-company"' in r.text and 'aria-invalid="true"' in r.text


def test_delete_says_what_goes_with_it_then_deletes(app: Litestar, client: TestClient[Litestar],
                                                    smtp: SmtpServer,  # noqa: F811 - the fixture
                                                    db_url: str, mail_home: Path) -> None:
    interview_id = store_with_drafts(app)
    ui = UiText(Language.EN)
    notice = notice_for(app.state["mail"].send(interview_id, ["tom"], NOW + timedelta(hours=15), NOW, ui.language),
                        ui.gettext)
    assert notice.kind == "ok", notice.text
    ask = client.get(f"/interviews/{interview_id}/delete")
    assert ask.status_code == 200
    assert "Delete Acme Logistics · Head of Data Platform?" in ask.text
    assert "1 scheduled email: it will not be sent" in ask.text
    drafts = len(backend(app).service.get_interview(interview_id)[1])
    assert f"{drafts} drafts and their history" in ask.text
    # Without the confirmation nothing goes: back to the question.
    r = form_post(client, f"/interviews/{interview_id}/delete", {})
    assert r.status_code == 303 and r.headers["location"] == f"/interviews/{interview_id}/delete"
    assert backend(app).service.list_interviews(NOW) != []
    r = form_post(client, f"/interviews/{interview_id}/delete", {"confirmed": "yes"})
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert backend(app).service.list_interviews(NOW) == []
    assert outbox(db_url) == []  # the scheduled email went with it: the worker will not send it
    assert client.get(f"/interviews/{interview_id}").status_code == 404
    assert form_post(client, f"/interviews/{interview_id}/delete", {"confirmed": "yes"}).status_code == 404


def test_capturing_a_stored_interview_again_says_it_updates_it(app: Litestar, client: TestClient[Litestar]) -> None:
    assert form_post(client, "/capture", VALID).status_code == 303
    again = form_post(client, "/capture", VALID)
    assert again.status_code == 409
    assert "This interview is already stored." in again.text and "Update the stored interview" in again.text
    assert 'name="replace" value="yes"' in again.text
    assert len(backend(app).service.list_interviews(NOW)) == 1
    assert form_post(client, "/capture", [*VALID, ("replace", "yes")]).status_code == 303
    assert len(backend(app).service.list_interviews(NOW)) == 1
