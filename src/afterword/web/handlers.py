"""Thin route handlers: read the request, call the backend, render a page or a partial."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from anyio.to_thread import run_sync
from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from afterword.core.errors import NotesError
from afterword.core.model import Channel, TouchpointStatus
from afterword.service.views import Card
from afterword.web import capture as capture_form
from afterword.web.i18n import COOKIE, UI_LANGUAGES
from afterword.web.mail_handlers import decorate_card, interview_response
from afterword.web.render import backend_of, now_of, page, ui_for

if TYPE_CHECKING:
    from afterword.web.charts import Chart

AnyRequest = Request[Any, Any, Any]
MAX_NOTES_BYTES = 1_000_000
STATUS_ACTIONS = {"sent": TouchpointStatus.SENT, "skipped": TouchpointStatus.SKIPPED,
                  "reopen": TouchpointStatus.EDITED}


def _is_htmx(request: AnyRequest) -> bool:
    return request.headers.get("hx-request") == "true"


@get("/", name="dashboard")
async def dashboard(request: AnyRequest) -> Template:
    backend, now = backend_of(request), now_of(request)
    owed, interviews, more = await run_sync(partial(backend.dashboard, now))
    stuck = await run_sync(backend.stuck_emails)
    return page(request, "dashboard.html", owed=owed, interviews=interviews, more=more, stuck=stuck,
                overview=await run_sync(partial(_overview, request, now)))


def _overview(request: AnyRequest, now: datetime) -> list[Chart] | None:
    """The dashboard's charts across interviews; None until something was sent."""
    from afterword.core.timeutil import format_duration
    from afterword.service.timeline import stored_overview
    from afterword.web.charts import charts

    figures = stored_overview(backend_of(request).service, now)
    if figures.empty:
        return None
    ui = ui_for(request)
    return charts(figures, ui.gettext, lambda span: format_duration(span, ui.language))


@get("/capture", name="capture")
async def capture_page(request: AnyRequest) -> Template:
    return _capture(request, capture_form.read_form([]))


@post("/capture", name="capture-save")
async def capture_save(request: AnyRequest) -> Response[Any]:
    form = await request.form()
    result = capture_form.validate(capture_form.read_form(form.multi_items()), language=ui_for(request).language)
    if not result.ok or result.interview is None:
        return _capture(request, result, status=422)
    backend = backend_of(request)
    existing = await run_sync(partial(backend.service.find_same, result.interview))
    if existing is not None and _text(form, "replace") != "yes":
        # Saving again would overwrite the stored interview: say so, and let the user choose.
        return _capture(request, result, status=409, duplicate=existing)
    interview_id = await run_sync(partial(backend.add, result.interview, now_of(request)))
    return Redirect(f"/interviews/{interview_id}", status_code=303)


@get("/interviews/{interview_id:int}/edit", name="interview-edit")
async def edit_page(request: AnyRequest, interview_id: FromPath[int]) -> Template:
    loaded = await run_sync(partial(backend_of(request).stored, interview_id))
    if loaded is None:
        raise NotFoundException()
    return _capture(request, capture_form.from_interview(loaded[0]), action=f"/interviews/{interview_id}/edit")


@post("/interviews/{interview_id:int}/edit", name="interview-update")
async def edit_save(request: AnyRequest, interview_id: FromPath[int]) -> Response[Any]:
    form = await request.form()
    ui = ui_for(request)
    action = f"/interviews/{interview_id}/edit"
    result = capture_form.validate(capture_form.read_form(form.multi_items()), language=ui.language)
    if not result.ok or result.interview is None:
        return _capture(request, result, status=422, action=action)
    outcome = await run_sync(partial(backend_of(request).update, interview_id, result.interview, now_of(request)))
    if outcome is None:
        raise NotFoundException()
    if not isinstance(outcome, int):
        result.errors["form"] = ui.gettext(
            "Another stored interview has the same company, role and start. Change one of them, or delete "
            "the other interview first.")
        return _capture(request, result, status=409, action=action)
    return Redirect(f"/interviews/{interview_id}", status_code=303)


@get("/interviews/{interview_id:int}/delete", name="interview-delete-ask")
async def delete_page(request: AnyRequest, interview_id: FromPath[int]) -> Template:
    """What deleting takes along (drafts, scheduled and sent emails), and the button that does it."""
    deletion = await run_sync(partial(request.app.state["mail"].deletion, interview_id))
    if deletion is None:
        raise NotFoundException()
    return page(request, "delete.html", interview=deletion.interview, interview_id=interview_id,
                drafts=deletion.drafts, scheduled=deletion.scheduled, sent=deletion.sent, sending=deletion.sending)


@post("/interviews/{interview_id:int}/delete", name="interview-delete")
async def delete_interview(request: AnyRequest, interview_id: FromPath[int]) -> Response[Any]:
    form = await request.form()
    if _text(form, "confirmed") != "yes":
        return Redirect(f"/interviews/{interview_id}/delete", status_code=303)
    deletion = await run_sync(partial(request.app.state["mail"].deletion, interview_id))
    if deletion is not None and deletion.sending:
        return Redirect(f"/interviews/{interview_id}/delete", status_code=303)
    if not await run_sync(partial(backend_of(request).delete, interview_id)):
        raise NotFoundException()
    return Redirect("/", status_code=303)


def _capture(request: AnyRequest, form: capture_form.Capture, status: int = 200, action: str = "/capture",
             duplicate: int | None = None) -> Template:
    _ = ui_for(request).gettext
    roles = [("", _("interviewer (default)")), ("hiring-manager", _("hiring manager")),
             ("interviewer", _("interviewer")), ("recruiter", _("recruiter")), ("executive", _("executive")),
             ("team-member", _("team member")), ("other", _("other"))]
    choices = {
        "contacts": [(r.key, r.values.get("name", "").strip()) for r in form.rows["contacts"]
                     if r.key and r.values.get("name", "").strip()],
        "needs": [(r.key, _short(r.values.get("text", ""))) for r in form.rows["needs"]
                  if r.key and r.values.get("text", "").strip()],
    }
    return page(request, "capture.html", form=form, errors=form.errors, roles=roles, choices=choices,
                blank=capture_form.Row(0), zones=COMMON_ZONES, status=status, action=action,
                editing=action != "/capture", duplicate=duplicate)


def _short(text: str, size: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


COMMON_ZONES = ("Europe/Amsterdam", "Europe/Brussels", "Europe/London", "Europe/Berlin", "Europe/Paris",
                "Europe/Lisbon", "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Singapore",
                "Asia/Tokyo", "Australia/Sydney", "UTC")


@get("/interviews/{interview_id:int}", name="interview")
async def interview_page(request: AnyRequest, interview_id: FromPath[int]) -> Template:
    return await interview_response(request, interview_id)


def _card_args(contact: str, channel: str) -> Channel:
    try:
        return Channel(channel)
    except ValueError:
        raise NotFoundException() from None


@post("/interviews/{interview_id:int}/cards/{contact:str}/{channel:str}/check", name="card-check")
async def card_check(request: AnyRequest, interview_id: FromPath[int], contact: FromPath[str],
                     channel: FromPath[str]) -> Template:
    """Findings for the text as typed (nothing is saved): the live check behind the editor."""
    ch = _card_args(contact, channel)
    form = await request.form()
    backend, now = backend_of(request), now_of(request)
    card = await run_sync(partial(backend.preview, interview_id, contact, ch, _text(form, "subject"),
                                  _text(form, "body"), now))
    if card is None:
        raise NotFoundException()
    return page(request, "_findings.html", card=card)


@post("/interviews/{interview_id:int}/cards/{contact:str}/{channel:str}", name="card-save")
async def card_save(request: AnyRequest, interview_id: FromPath[int], contact: FromPath[str],
                     channel: FromPath[str]) -> Response[Any]:
    ch = _card_args(contact, channel)
    form = await request.form()
    try:
        expected = int(_text(form, "version"))
    except ValueError:
        expected = -1
    backend, now = backend_of(request), now_of(request)
    subject = _text(form, "subject") if ch is Channel.EMAIL else None
    outcome = await run_sync(partial(backend.save, interview_id, contact, ch, subject, _text(form, "body"),
                                     expected, now))
    if outcome is None:
        raise NotFoundException()
    card, conflict = outcome
    if not _is_htmx(request):
        if conflict is not None:
            return page(request, "conflict.html", card=card, mine=conflict, interview_id=interview_id,
                        status=409)
        return Redirect(f"/interviews/{interview_id}#card-{card.key}", status_code=303)
    card = await run_sync(partial(decorate_card, request, interview_id, card, now))
    return page(request, "_card.html", card=card, interview_id=interview_id, conflict=conflict,
                saved=conflict is None, status=409 if conflict is not None else 200)


@post("/interviews/{interview_id:int}/cards/{contact:str}/{channel:str}/status", name="card-status")
async def card_status(request: AnyRequest, interview_id: FromPath[int], contact: FromPath[str],
                     channel: FromPath[str]) -> Response[Any]:
    ch = _card_args(contact, channel)
    form = await request.form()
    status = STATUS_ACTIONS.get(_text(form, "action"))
    if status is None:
        from afterword.web.errors import render_error

        return render_error(request, 400)
    backend, now = backend_of(request), now_of(request)
    edited = None
    if "body" in form and "version" in form:
        try:
            edited = (_text(form, "subject") if ch is Channel.EMAIL else None, _text(form, "body"),
                      int(_text(form, "version")))
        except ValueError:
            edited = None
    outcome = await run_sync(partial(backend.mark, interview_id, contact, ch, status, now, edited))
    if outcome is None:
        raise NotFoundException()
    card, conflict = outcome
    if conflict is not None:
        if not _is_htmx(request):
            return page(request, "conflict.html", card=card, mine=conflict, interview_id=interview_id,
                        status=409)
        card = await run_sync(partial(decorate_card, request, interview_id, card, now))
        return page(request, "_card.html", card=card, interview_id=interview_id, conflict=conflict,
                    saved=False, status=409)
    if not _is_htmx(request):
        return Redirect(f"/interviews/{interview_id}#card-{card.key}", status_code=303)
    card = await run_sync(partial(decorate_card, request, interview_id, card, now))
    return page(request, "_card.html", card=card, interview_id=interview_id, conflict=None, saved=False)


@get("/upload", name="upload")
async def upload_page(request: AnyRequest) -> Template:
    return page(request, "upload.html", error=None, filename=None)


@post("/upload", name="upload-save")
async def upload_save(request: AnyRequest) -> Response[Any]:
    form = await request.form()
    upload = form.get("notes")
    replace = _text(form, "replace") == "1"
    if upload is None or isinstance(upload, str):
        return page(request, "upload.html", error=ui_for(request).gettext("Choose a notes file first."),
                    filename=None, status=400)
    filename = upload.filename or "notes.toml"
    data = await upload.read(MAX_NOTES_BYTES + 1)
    await upload.close()
    if len(data) > MAX_NOTES_BYTES:
        from afterword.web.errors import render_error

        return render_error(request, 413)
    from afterword.core.notes import parse_notes

    try:
        interview = parse_notes(data, filename=filename)
    except NotesError as exc:
        return page(request, "upload.html", error=exc.located_in(ui_for(request).language), filename=filename,
                    status=422)
    backend = backend_of(request)
    outcome = await run_sync(partial(backend.add_or_duplicate, interview, now_of(request), replace))
    if not isinstance(outcome, int):
        ui = ui_for(request)
        error = ui.gettext("This interview (%(company)s, %(role)s, %(start)s) is already stored. To overwrite it, "
                           "tick “Replace the stored interview” below.") % {"company": interview.company, "role": interview.role,
                                                  "start": ui.moment(interview.start)}
        return page(request, "upload.html", error=error, filename=filename, duplicate=True, status=409)
    return Redirect(f"/interviews/{outcome}", status_code=303)


@get("/interviews/{interview_id:int}/notes.toml", name="download")
async def download(request: AnyRequest, interview_id: FromPath[int]) -> Response[bytes]:
    backend = backend_of(request)
    found = await run_sync(partial(backend.notes_file, interview_id))
    if found is None:
        raise NotFoundException()
    name, text = found
    return Response(text.encode("utf-8"), media_type="application/toml; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


@post("/language", name="language")
async def language(request: AnyRequest) -> Redirect:
    form = await request.form()
    chosen = _text(form, "lang")
    target = _text(form, "next")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = "/"
    response = Redirect(target, status_code=303)
    if chosen in {lang.value for lang in UI_LANGUAGES}:
        response.set_cookie(COOKIE, chosen, max_age=365 * 24 * 3600, samesite="lax", httponly=True, path="/")
    return response


def _text(form: Any, name: str) -> str:
    value = form.get(name)
    return value.replace("\r\n", "\n") if isinstance(value, str) else ""


__all__ = ["Card"]

@get("/rules/{code:str}", name="rule")
async def rule_page(request: AnyRequest, code: FromPath[str]) -> Template:
    """What a check looks for, why it matters, an example and the fix, in the UI language."""
    from afterword.core.errors import InputError
    from afterword.service.rules import explain

    try:
        explanation = explain(code, ui_for(request).language)
    except InputError:
        raise NotFoundException() from None
    return page(request, "rule.html", rule=explanation)


ROUTES = [dashboard, capture_page, capture_save, interview_page, card_check, card_save, card_status,
          upload_page, upload_save, download, language, rule_page, edit_page, edit_save, delete_page,
          delete_interview]
