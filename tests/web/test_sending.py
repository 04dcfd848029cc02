"""Sending from the web UI over HTTP: a real aiosmtpd, the outbox, the worker, copy-and-open, calendar feeds."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from afterword.core.notes import load_notes
from afterword.delivery.config import MailConfig
from afterword.delivery.schedule import suggest_send_time
from afterword.service.delivery import DeliveryService
from afterword.service.interviews import open_service
from tests.delivery.conftest import cert_dir, smtp_server  # noqa: F401 - fixtures
from tests.delivery.servers import PASSWORD, USER, SmtpServer, free_port
from tests.web.conftest import ACME, BASE_URL, GEMEENTE, NOW, csrf, form_post, store_example, store_with_drafts

HX = {"hx-request": "true"}
UTF8_BODY = (
    "Hi {given},\n\nThank you for the conversation about real-time shipment visibility. Your point about the "
    "nightly batch that leaves the shipment status six hours behind stayed with me: at my last job I moved an "
    "order pipeline from nightly batch to Kafka streaming, cutting the data delay from 8 hours to 2 minutes "
    "— and the cloud bill by €4 000 a month.\n\n"
    "Which metric would tell you after 90 days that the streaming platform is working?\n\nBest regards,\nSam"
)


def write_config(home: Path, server: SmtpServer | None = None, *, cert: Path | None = None,
                 username: str | None = USER, free_notes: int = 5, undo_seconds: int = 0) -> Path:
    """Settings for the tests; no undo window unless asked (these tests see what a send does at once)."""
    text = ""
    if server is not None:
        text += (f'[smtp]\nhost = "127.0.0.1"\nport = {server.port}\nsecurity = "starttls"\n'
                 f'from = "Sam Jansen <sam.jansen@example.org>"\nca_file = "{cert / "cert.pem" if cert else ""}"\n'
                 "timeout = 5\n")
        if username:
            text += f'username = "{username}"\n'
    text += f"[social]\nlinkedin_free_notes = {free_notes}\n[ui]\nundo_seconds = {undo_seconds}\n"
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def smtp(mail_home: Path, smtp_server: Any, cert_dir: Path,  # noqa: F811 - fixtures
         monkeypatch: pytest.MonkeyPatch) -> SmtpServer:
    server: SmtpServer = smtp_server(auth=True, starttls=cert_dir)
    write_config(mail_home, server, cert=cert_dir)
    monkeypatch.setenv("AFTERWORD_SMTP_PASSWORD", PASSWORD)
    return server


def card_html(html: str, key: str) -> str:
    return html.split(f'id="card-{key}"', 1)[1].split("</article>", 1)[0]


def outbox(db_url: str) -> list[Any]:
    service = open_service(db_url)
    try:
        return DeliveryService(service, MailConfig(Path("unused.toml"))).outbox()  # whatever the settings say
    finally:
        service.close()


def send(client: TestClient[Litestar], interview_id: int, contact: str, **data: str) -> Any:
    return form_post(client, f"/interviews/{interview_id}/cards/{contact}/email/send", {"when": "now", **data},
                     headers=HX)


def test_send_now_delivers_exactly_once_and_the_card_says_sent(app: Litestar, client: TestClient[Litestar],
                                                              smtp: SmtpServer, db_url: str) -> None:
    interview_id = store_with_drafts(app, body=UTF8_BODY)
    page = client.get(f"/interviews/{interview_id}").text
    assert "Send now" in card_html(page, "maria--email")
    reply = send(client, interview_id, "maria")
    assert reply.status_code == 200
    assert 'data-state="sent"' in reply.text and "Sent." in reply.text
    [got] = smtp.handler.received
    message = got.message
    assert message["Subject"] == "Real-time shipment visibility at Acme"
    assert "maria.devries@acme.example" in message["To"] and "Maria de Vries" in message["To"]
    assert got.recipients == ["maria.devries@acme.example"]
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "€4 000" in text and "— and the cloud bill" in text and text.startswith("Hi Maria,")
    [row] = outbox(db_url)
    assert row.state == "sent" and row.message_id == message["Message-ID"]
    # Sending again: no second message, a clear word instead, and the page has no Send now for Maria.
    again = send(client, interview_id, "maria")
    assert "already in the outbox (sent)" in again.text and len(smtp.handler.received) == 1
    page = client.get(f"/interviews/{interview_id}").text
    maria = card_html(page, "maria--email")
    assert "Send now" not in maria and 'id="card-maria--email" data-status="sent"' in page
    assert PASSWORD not in page and PASSWORD not in reply.text


def test_schedule_shows_the_suggestion_and_the_worker_sends_it(app: Litestar, client: TestClient[Litestar],
                                                               smtp: SmtpServer, db_url: str) -> None:
    interview_id = store_with_drafts(app)
    page = client.get(f"/interviews/{interview_id}").text
    maria = card_html(page, "maria--email")
    suggestion = suggest_send_time(load_notes(ACME), NOW)
    shown = re.search(r'type="datetime-local"[^>]*value="([^"]+)"', maria)
    assert shown is not None and shown.group(1) == suggestion.at.strftime("%Y-%m-%dT%H:%M")
    assert "(time in UTC+01:00)" in maria and "09:00–17:00" in maria and "Deadline:" in maria
    reply = send(client, interview_id, "maria", when="schedule", send_at="2026-11-28T09:30")
    assert 'data-state="queued"' in reply.text and "Scheduled" in reply.text
    assert "Saturday 28 November 2026, 09:30" in reply.text
    assert smtp.handler.received == []
    [row] = outbox(db_url)
    assert row.state == "queued" and row.send_at == NOW.replace(day=28, hour=9, minute=30)
    late = send(client, interview_id, "tom", when="schedule", send_at="2026-11-30T09:00")  # a Monday, too late
    assert "after the 24-hour deadline" in late.text and 'data-state="queued"' in late.text
    bad = send(client, interview_id, "tom", when="schedule", send_at="tomorrow-ish")
    assert "Choose a date and time" in bad.text
    service = open_service(db_url)
    try:
        early = DeliveryService(service).worker(clock=lambda: NOW + timedelta(hours=1)).cycle()
        assert early.batch.sent == [] and smtp.handler.received == []
        report = DeliveryService(service).worker(clock=lambda: NOW.replace(day=28, hour=9, minute=31)).cycle()
    finally:
        service.close()
    assert report.batch.sent == [row.id]
    [got] = smtp.handler.received
    assert got.message["Message-ID"] == row.message_id  # fixed when it was queued
    assert 'data-state="sent"' in card_html(client.get(f"/interviews/{interview_id}").text, "maria--email")


def test_send_all_sends_each_email_once(app: Litestar, client: TestClient[Litestar], smtp: SmtpServer,
                                        db_url: str) -> None:
    interview_id = store_with_drafts(app)
    page = client.get(f"/interviews/{interview_id}").text
    assert "Send all emails (2)" in page
    assert "Schedule all" not in page  # at 18:00 on Friday the suggestion is "now" (no office hours left)
    ask = form_post(client, f"/interviews/{interview_id}/send-all", {"when": "now"})
    assert ask.status_code == 200 and "Send 2 emails now?" in ask.text  # first, who gets what
    assert "maria.devries@acme.example" in ask.text and "Real-time shipment visibility at Acme" in ask.text
    assert 'name="confirmed" value="yes"' in ask.text and smtp.handler.received == []
    reply = form_post(client, f"/interviews/{interview_id}/send-all", {"when": "now", "confirmed": "yes"})
    assert reply.status_code == 200 and 'id="page-notice"' in reply.text
    assert sorted(r.recipients[0] for r in smtp.handler.received) == ["maria.devries@acme.example",
                                                                      "tom.okafor@acme.example"]
    assert "Send all emails" not in reply.text
    again = form_post(client, f"/interviews/{interview_id}/send-all", {"when": "now", "confirmed": "yes"})
    assert again.status_code == 422 and "There is no email left to send" in again.text
    assert len(smtp.handler.received) == 2


def test_a_refused_recipient_shows_failed(app: Litestar, client: TestClient[Litestar], smtp: SmtpServer) -> None:
    smtp.handler.reject.add("maria.devries@acme.example")
    interview_id = store_with_drafts(app)
    reply = send(client, interview_id, "maria")
    assert 'data-state="failed"' in reply.text and "Sending failed" in reply.text and "550" in reply.text
    assert 'role="alert"' in reply.text and "Send now" in reply.text  # may be tried again after fixing
    assert smtp.handler.received == []


def test_checker_errors_block_sending(app: Litestar, client: TestClient[Litestar], smtp: SmtpServer,
                                      db_url: str) -> None:
    interview_id = store_with_drafts(app, body="Hi [NAME],\n\nThanks for the talk about {given}'s team.\n\nSam")
    reply = send(client, interview_id, "maria")
    assert "Not sent: the checker found errors" in reply.text and 'data-code="placeholder"' in reply.text
    assert smtp.handler.received == [] and outbox(db_url) == []


def test_unconfigured_smtp_says_where_to_set_it_up_and_queues_nothing(
        app: Litestar, client: TestClient[Litestar], mail_home: Path, db_url: str) -> None:
    interview_id = store_with_drafts(app)
    page = client.get(f"/interviews/{interview_id}").text
    setup = page.split('id="smtp-setup"', 1)[1].split("</p>", 1)[0]
    assert "not set up yet" in setup and 'href="/settings"' in setup and "Send now" not in page
    reply = send(client, interview_id, "maria")
    assert "not set up" in reply.text
    assert outbox(db_url) == []


def test_a_missing_password_is_named_not_shown_and_nothing_is_queued(
        app: Litestar, client: TestClient[Litestar], mail_home: Path, smtp_server: Any,  # noqa: F811
        cert_dir: Path, db_url: str) -> None:  # noqa: F811
    write_config(mail_home, smtp_server(auth=True, starttls=cert_dir), cert=cert_dir)
    interview_id = store_with_drafts(app)
    reply = send(client, interview_id, "maria")
    assert "SMTP password was not found" in reply.text and "afterword password smtp" in reply.text
    assert outbox(db_url) == []


def test_dutch_messages_for_sending(app: Litestar, client: TestClient[Litestar], mail_home: Path) -> None:
    interview_id = store_with_drafts(app)
    client.cookies.set("afterword_lang", "nl")
    page = client.get(f"/interviews/{interview_id}").text
    assert "E-mail versturen is nog niet ingesteld." in page and ">Instellen</a>" in page
    assert "Zet de deadlines in je agenda" in page


def test_every_new_post_needs_the_csrf_token(app: Litestar, client: TestClient[Litestar], smtp: SmtpServer,
                                             db_url: str) -> None:
    interview_id = store_with_drafts(app)
    for url, data in [
        (f"/interviews/{interview_id}/cards/maria/email/send", {"when": "now"}),
        (f"/interviews/{interview_id}/send-all", {"when": "now"}),
        (f"/interviews/{interview_id}/cards/maria/linkedin/done", {}),
        (f"/interviews/{interview_id}/outbox/1", {"verdict": "sent"}),
    ]:
        reply = client.post(url, data=data, follow_redirects=False)
        assert reply.status_code == 403, url
        wrong = client.post(url, data={**data, "_csrf_token": csrf(client)[:-2] + "xx"}, follow_redirects=False)
        assert wrong.status_code == 403, url
    assert smtp.handler.received == [] and outbox(db_url) == []
    assert "status-sent" not in card_html(client.get(f"/interviews/{interview_id}").text, "maria--linkedin")


def test_mark_done_counts_linkedin_notes_and_warns_near_the_allowance(
        app: Litestar, client: TestClient[Litestar], mail_home: Path, db_url: str) -> None:
    write_config(mail_home, free_notes=2)
    interview_id = store_with_drafts(app)
    page = client.get(f"/interviews/{interview_id}").text
    maria = card_html(page, "maria--linkedin")
    link = re.search(r'<a class="button primary copy-open" href="([^"]+)" target="_blank" rel="([^"]+)"', maria)
    assert link is not None and link.group(1) == "https://www.linkedin.com/in/maria-de-vries"
    assert "noopener" in link.group(2).split() and "Mark done" in maria
    tom = card_html(page, "tom--x")
    # X is private by default: the profile to follow, never a public post that mentions them.
    assert "https://x.com/tomokafor" in tom and "intent/post" not in tom
    assert "allowance" not in page
    reply = form_post(client, f"/interviews/{interview_id}/cards/maria/linkedin/done", {}, headers=HX)
    assert reply.status_code == 200 and "status-sent" in reply.text
    assert "1 personalised LinkedIn note left this month (of 2)" in reply.text
    service = open_service(db_url)
    try:
        assert DeliveryService(service).linkedin_notes_used(NOW) == 1
        # Marking the same note twice does not count it twice.
        form_post(client, f"/interviews/{interview_id}/cards/maria/linkedin/done", {}, headers=HX)
        assert DeliveryService(service).linkedin_notes_used(NOW) == 1
        form_post(client, f"/interviews/{interview_id}/cards/els/linkedin/done", {}, headers=HX)
        assert DeliveryService(service).linkedin_notes_used(NOW) == 2
    finally:
        service.close()
    page = client.get(f"/interviews/{interview_id}").text
    assert "all 2 personalised LinkedIn notes of this month are used" in page
    x_done = form_post(client, f"/interviews/{interview_id}/cards/tom/x/done", {}, headers=HX)
    assert "status-sent" in x_done.text and "LinkedIn" not in x_done.text.split('class="socialbox"')[1]


def test_calendar_feed_has_one_event_per_interview_with_alarms(app: Litestar) -> None:
    from icalendar import Calendar

    first = store_example(app)
    second = store_example(app, GEMEENTE)
    with TestClient(app, base_url=BASE_URL) as fresh:  # a calendar client: no cookies, GET only
        reply = fresh.get("/calendar.ics")
        assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/calendar")
        events = Calendar.from_ical(reply.content).walk("VEVENT")
        assert sorted(str(e["UID"]) for e in events) == sorted(
            [f"interview-{first}-deadline@afterword.invalid", f"interview-{second}-deadline@afterword.invalid"])
        alarms = {str(e["UID"]): len(e.walk("VALARM")) for e in events}
        assert alarms[f"interview-{first}-deadline@afterword.invalid"] >= 1  # 4 hours before the deadline
        assert alarms[f"interview-{second}-deadline@afterword.invalid"] == 0  # its deadline has passed
        import vobject  # a second, independent parser

        parsed = vobject.readOne(reply.content.decode("utf-8"))
        assert sorted(e.uid.value for e in parsed.vevent_list) == sorted(alarms)
        one = fresh.get(f"/interviews/{first}/reminders.ics")
        [event] = Calendar.from_ical(one.content).walk("VEVENT")
        assert str(event["UID"]) == f"interview-{first}-deadline@afterword.invalid"
        assert fresh.get("/interviews/999/reminders.ics").status_code == 404
        assert fresh.post("/calendar.ics").status_code in (403, 405)
    with TestClient(app, base_url="http://evil.example:8765") as other:
        assert other.get("/calendar.ics").status_code == 400


def test_the_pages_link_the_calendar(app: Litestar, client: TestClient[Litestar]) -> None:
    interview_id = store_example(app)
    dashboard = client.get("/").text
    assert 'href="/calendar.ics"' in dashboard and 'href="webcal://127.0.0.1:8765/calendar.ics"' in dashboard
    assert f'href="/interviews/{interview_id}/reminders.ics"' in client.get(f"/interviews/{interview_id}").text


def test_a_connection_lost_after_data_is_unknown_until_the_user_says(
        app: Litestar, client: TestClient[Litestar], smtp: SmtpServer, db_url: str) -> None:
    smtp.handler.drop_in_data = True
    interview_id = store_with_drafts(app)
    reply = send(client, interview_id, "maria")
    assert 'data-state="unknown"' in reply.text and "Sent folder" in reply.text
    [row] = outbox(db_url)
    assert row.state == "unknown"
    assert "Send now" not in card_html(reply.text, "maria--email")  # never a second copy by accident
    # Without the token nothing changes; with it, the verdict settles the message and the card.
    assert client.post(f"/interviews/{interview_id}/outbox/{row.id}", data={"verdict": "sent"}).status_code == 403
    settled = form_post(client, f"/interviews/{interview_id}/outbox/{row.id}", {"verdict": "sent"}, headers=HX)
    assert settled.status_code == 200 and 'data-state="sent"' in settled.text
    assert 'id="card-maria--email" data-status="sent"' in settled.text
    assert [r.state for r in outbox(db_url)] == ["sent"]
    assert form_post(client, f"/interviews/{interview_id}/outbox/{row.id}", {"verdict": "sent"},
                     headers=HX).status_code == 404  # only an unknown message can be settled


def test_a_server_that_is_down_leaves_the_message_queued_for_a_retry(
        app: Litestar, client: TestClient[Litestar], smtp: SmtpServer, mail_home: Path, db_url: str) -> None:
    down = SmtpServer(smtp.handler, free_port(), smtp.controller)  # nothing listens on this port
    write_config(mail_home, down, cert=smtp.cert)
    interview_id = store_with_drafts(app)
    reply = send(client, interview_id, "maria")
    assert "Not sent yet" in reply.text and "tried again" in reply.text
    assert 'data-state="queued"' in reply.text and "last try:" in reply.text
    [row] = outbox(db_url)
    assert row.state == "queued" and row.attempts == 1


def test_a_password_in_the_settings_file_is_refused_and_never_shown(
        app: Litestar, client: TestClient[Litestar], mail_home: Path, db_url: str) -> None:
    secret = "hunter2-Zeer-Geheim"
    (mail_home / "config.toml").write_text(
        f'[smtp]\nhost = "smtp.example.org"\nusername = "sam"\npassword = "{secret}"\nfrom = "sam@example.org"\n',
        encoding="utf-8")
    interview_id = store_with_drafts(app)
    page = client.get(f"/interviews/{interview_id}").text
    assert "passwords never go in the settings file" in page and secret not in page
    reply = send(client, interview_id, "maria")
    assert "passwords never go in the settings file" in reply.text and secret not in reply.text
    assert outbox(db_url) == []


def test_two_clicks_at_once_send_one_message(app: Litestar, smtp: SmtpServer, db_url: str) -> None:
    import threading

    from afterword.core.model import Language
    from afterword.service.mail_desk import MailDesk
    from afterword.web.mail import notice_for

    interview_id = store_with_drafts(app)
    desk = MailDesk(app.state["backend"].service)
    start = threading.Barrier(4)
    kinds: list[str] = []

    def click() -> None:
        start.wait()
        kinds.append(notice_for(desk.send(interview_id, ["maria"], None, NOW, Language.EN), lambda text: text).kind)

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(kinds) == ["error", "error", "error", "ok"]
    assert len(smtp.handler.received) == 1 and len(outbox(db_url)) == 1


def test_a_scheduled_message_can_be_cancelled_and_then_never_goes_out(
        app: Litestar, client: TestClient[Litestar], smtp: SmtpServer, db_url: str) -> None:
    interview_id = store_with_drafts(app)
    queued = send(client, interview_id, "maria", when="schedule", send_at="2026-11-28T09:30")
    maria = card_html(queued.text, "maria--email")
    assert "Cancel sending" in maria and "Mark sent" not in maria and "Skip" not in maria
    assert re.search(r'<textarea id="body-maria--email"[^>]*readonly', maria) and ">Save<" not in maria
    [row] = outbox(db_url)
    cancelled = form_post(client, f"/interviews/{interview_id}/outbox/{row.id}", {"verdict": "cancel"}, headers=HX)
    assert cancelled.status_code == 200 and "You cancelled it" in cancelled.text
    assert 'data-status="edited"' in cancelled.text and "Send now" in cancelled.text
    service = open_service(db_url)
    try:
        report = DeliveryService(service).worker(clock=lambda: NOW + timedelta(days=1)).cycle()
    finally:
        service.close()
    assert report.batch.sent == [] and smtp.handler.received == []
    # A cancelled message cannot be cancelled or settled again.
    again = form_post(client, f"/interviews/{interview_id}/outbox/{row.id}", {"verdict": "cancel"}, headers=HX)
    assert again.status_code == 404


def test_schedule_all_at_the_suggested_moment(smtp: SmtpServer, db_url: str) -> None:
    from afterword.web.app import create_app

    morning = NOW.replace(hour=7, minute=0)  # before the interview: the suggestion is its end, 15:30
    app = create_app(db_url, now=lambda: morning, csrf_secret="test-secret-for-csrf")
    with TestClient(app, base_url=BASE_URL) as client:
        client.get("/")
        interview_id = store_with_drafts(app)
        page = client.get(f"/interviews/{interview_id}").text
        assert "Schedule all for Friday 27 November 2026, 15:30 (+01:00)" in page
        assert 'name="send_at" value="2026-11-27T15:30"' in page
        reply = form_post(client, f"/interviews/{interview_id}/send-all",
                          {"when": "schedule", "send_at": "2026-11-27T15:30"})
        assert reply.status_code == 200 and "Scheduled" in reply.text
    rows = outbox(db_url)
    assert [r.state for r in rows] == ["queued", "queued"]
    assert {r.send_at for r in rows} == {NOW.replace(hour=15, minute=30)}
    assert smtp.handler.received == []


def test_a_refused_send_is_explained_in_dutch(app: Litestar, client: TestClient[Litestar], smtp: SmtpServer,
                                              db_url: str) -> None:
    interview_id = store_with_drafts(app)
    service = app.state["backend"].service
    version = service.touchpoint(interview_id, "maria", "email").version
    service.save_draft(interview_id, "maria", "email", "", "Beste Maria,\n\nDank je.\n\nSam", version, at=NOW)
    client.cookies.set("afterword_lang", "nl")
    reply = send(client, interview_id, "maria")
    assert "De e-mail aan Maria de Vries heeft geen onderwerp" in reply.text
    assert "email to Maria de Vries has no subject" not in reply.text
    assert outbox(db_url) == [] and smtp.handler.received == []


def test_the_dashboard_warns_about_emails_that_may_not_have_gone_out_or_were_refused(
        app: Litestar, client: TestClient[Litestar], smtp: SmtpServer, db_url: str) -> None:
    interview_id = store_with_drafts(app)
    assert 'id="stuck-emails"' not in client.get("/").text
    smtp.handler.drop_in_data = True
    send(client, interview_id, "maria")
    smtp.handler.drop_in_data = False
    [row] = outbox(db_url)
    assert row.state == "unknown"
    page = client.get("/").text
    assert 'id="stuck-emails"' in page and "1 email needs your attention." in page
    assert "The email to Maria de Vries (Acme Logistics) may or may not have gone out" in page
    assert f'href="/interviews/{interview_id}#card-maria--email"' in page
    client.cookies.set("afterword_lang", "nl")
    assert "Het is niet zeker of de e-mail aan Maria de Vries (Acme Logistics) is verstuurd" in client.get("/").text
    client.cookies.set("afterword_lang", "en")
    # Settled by the user: nothing to look at any more.
    form_post(client, f"/interviews/{interview_id}/outbox/{row.id}", {"verdict": "sent"}, headers=HX)
    assert 'id="stuck-emails"' not in client.get("/").text


def test_the_dashboard_names_a_refused_email(app: Litestar, client: TestClient[Litestar], smtp: SmtpServer) -> None:
    interview_id = store_with_drafts(app)
    smtp.handler.data_reply = "554 5.6.0 message refused"
    send(client, interview_id, "maria")
    page = client.get("/").text
    assert "The email to Maria de Vries (Acme Logistics) was not sent: 554 5.6.0 message refused" in page


def test_an_undo_that_comes_too_late_says_so(app: Litestar, client: TestClient[Litestar], smtp: SmtpServer,
                                             mail_home: Path, cert_dir: Path, db_url: str) -> None:  # noqa: F811
    write_config(mail_home, smtp, cert=cert_dir, undo_seconds=1)
    interview_id = store_with_drafts(app)
    held = send(client, interview_id, "maria")
    assert "Sending in 1 s" in held.text and 'class="button undo-send"' in held.text
    [row] = outbox(db_url)
    deadline = time.monotonic() + 10
    while outbox(db_url)[0].state != "sent" and time.monotonic() < deadline:
        time.sleep(0.1)
    late = form_post(client, f"/interviews/{interview_id}/outbox/{row.id}", {"verdict": "cancel"}, headers=HX)
    assert late.status_code == 200 and "Too late to undo" in late.text and 'data-state="sent"' in late.text
    assert len(smtp.handler.received) == 1
