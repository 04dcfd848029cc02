"""Route handlers for the settings page: mail (SMTP, IMAP), LinkedIn, reminders, the undo window, a test message.

The use cases are `service.settings`; here the form is read and the page rendered. A password typed
here goes to the keyring (or the 0600 file) and is never put back into a page, a log or the settings file.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from anyio.to_thread import run_sync
from litestar import Request, get, post
from litestar.response import Redirect, Response, Template

from afterword.core.errors import InputError
from afterword.core.model import Channel
from afterword.service import settings as service
from afterword.web.render import page, ui_for

AnyRequest = Request[Any, Any, Any]
PASSWORD_FIELDS = ("smtp.password", "imap.password")


def values_of(view: service.SettingsView) -> dict[str, str]:
    """The form's fields as the page shows them (passwords never)."""
    form = view.form
    values = {
        "social.account": "premium" if form.linkedin_premium else "free",
        "social.linkedin_free_notes": str(form.linkedin_free_notes),
        "reminders.email_to_self": "on" if form.reminder_email else "",
        "ui.undo_seconds": str(form.undo_seconds),
        "imap.save_sent": "on",
    }
    if form.smtp is not None:
        values.update({"smtp.host": form.smtp.host, "smtp.port": str(form.smtp.port or ""),
                       "smtp.security": form.smtp.security, "smtp.username": form.smtp.username,
                       "smtp.from": form.smtp.sender})
    if form.imap is not None:
        values.update({"imap.host": form.imap.host, "imap.port": str(form.imap.port or ""),
                       "imap.security": form.imap.security, "imap.username": form.imap.username,
                       "imap.save_sent": "on" if form.imap.save_sent else ""})
    return values


def _settings_page(request: AnyRequest, view: service.SettingsView, values: dict[str, str] | None = None,
                   errors: dict[str, str] | None = None, notice: tuple[str, str] | None = None,
                   status: int = 200) -> Template:
    language = ui_for(request).language
    return page(request, "settings.html", view=view, values=values if values is not None else values_of(view),
                errors=errors or {}, notice=notice, status=status,
                note_limits=(Channel.LINKEDIN.note_limit(), Channel.LINKEDIN.note_limit(premium=True)),
                problem=view.problem.get(language) if view.problem else None)


@get("/settings", name="settings")
async def settings_page(request: AnyRequest) -> Template:
    view = await run_sync(service.read_settings)
    _ = ui_for(request).gettext
    saved = request.query_params.get("saved") == "1"
    notice = ("ok", _("Saved. Scheduled email uses the new settings within a few seconds.")) if saved else None
    return _settings_page(request, view, notice=notice)


@post("/settings", name="settings-save")
async def settings_save(request: AnyRequest) -> Response[Any]:
    form = await request.form()
    raw = {key: value for key, value in form.items() if isinstance(value, str) and key != "_csrf_token"}
    passwords = {name.split(".")[0]: raw.pop(name, "") for name in PASSWORD_FIELDS}
    language = ui_for(request).language
    try:
        parsed = service.parse_form(raw)
        await run_sync(partial(service.save_settings, parsed, passwords))
    except InputError as exc:
        key = f"{exc.table}.{exc.key}" if exc.table and exc.key else (exc.key or "form")
        view = await run_sync(service.read_settings)
        message = exc.message_in(language)
        return _settings_page(request, view, values=raw, errors={key: message[:1].upper() + message[1:]},
                              status=422)
    return Redirect("/settings?saved=1", status_code=303)


@post("/settings/test", name="settings-test")
async def settings_test(request: AnyRequest) -> Template:
    language = ui_for(request).language
    _ = ui_for(request).gettext
    try:
        sent = await run_sync(service.send_test_message)
    except InputError as exc:  # settings that do not read, an address that is not one
        outcome = ("error", _("The test message was not sent: %(detail)s") % {"detail": exc.located_in(language)})
    else:
        detail = sent.detail.get(language)
        outcome = ("ok", _("Test message sent: %(detail)s. Look in that inbox.") % {"detail": detail}) if sent.ok \
            else ("error", _("The test message was not sent: %(detail)s") % {"detail": detail})
    view = await run_sync(service.read_settings)
    return _settings_page(request, view, notice=outcome, status=200 if outcome[0] == "ok" else 422)


ROUTES = [settings_page, settings_save, settings_test]
