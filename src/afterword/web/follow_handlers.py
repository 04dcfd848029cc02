"""After the first message: the timeline (per interview, per person), pending check-ins (edit, send early,
drop) and the choice of a public X post behind its warning. Handlers stay thin: the service does the work."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from anyio.to_thread import run_sync
from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from afterword.core.errors import AfterwordError, InputError
from afterword.core.model import Language
from afterword.service.outcomes import NotFoundError
from afterword.web.render import backend_of, now_of, page, ui_for

if TYPE_CHECKING:
    from afterword.service.checkins import CheckInView
    from afterword.service.interviews import InterviewService
    from afterword.service.social import PublicPost
    from afterword.service.timeline import Event

AnyRequest = Request[Any, Any, Any]


def _service(request: AnyRequest) -> InterviewService:
    return backend_of(request).service


def _text(form: Any, name: str) -> str:
    value = form.get(name)
    return value.replace("\r\n", "\n") if isinstance(value, str) else ""


# -- what the interview page shows ----------------------------------------------------------------------


def follow_through(service: InterviewService, interview_id: int, now: datetime) -> dict[str, object]:
    """The interview page's timeline and its check-ins still to come (blocking: run it in a thread)."""
    from afterword.service.checkins import CheckIns
    from afterword.service.timeline import follow_through_events, timeline

    interview, tps = service.get_interview(interview_id)
    views = CheckIns(service).views(interview_ids=[interview_id])
    events = timeline(interview, tps, views, now, follow_through=follow_through_events(service, interview_id))
    return {"timeline": events, "check_ins": [v for v in views if v.is_open]}


@get("/interviews/{interview_id:int}/people/{contact:str}", name="person")
async def person_page(request: AnyRequest, interview_id: FromPath[int], contact: FromPath[str]) -> Template:
    """One person's touchpoints in order, and their check-in still to come."""
    from afterword.service.checkins import CheckIns
    from afterword.service.timeline import follow_through_events, timeline

    service, now = _service(request), now_of(request)

    def load() -> tuple[Any, list[Event], list[CheckInView]]:
        interview, tps = service.get_interview(interview_id)
        views = CheckIns(service).views(interview_ids=[interview_id])
        done = follow_through_events(service, interview_id)
        return interview, timeline(interview, tps, views, now, contact=contact, follow_through=done), views

    try:
        interview, events, views = await run_sync(load)
    except NotFoundError:
        raise NotFoundException() from None
    person = next((c for c in interview.contacts if c.id == contact), None)
    if person is None:
        raise NotFoundException()
    return page(request, "person.html", interview=interview, interview_id=interview_id, person=person,
                events=events, check_ins=[v for v in views if v.contact == contact and v.is_open])


# -- check-ins ----------------------------------------------------------------------------------------


async def _check_in_action(request: AnyRequest, interview_id: int, check_in_id: int, action: str) -> Response[Any]:
    from afterword.service.checkins import CheckIns
    from afterword.service.views import Notice
    from afterword.web.mail_handlers import interview_response

    form = await request.form()
    ui, now = ui_for(request), now_of(request)
    _ = ui.gettext
    checkins = CheckIns(_service(request))

    def act() -> str:
        view = checkins.get(check_in_id)
        if view.interview_id != interview_id:
            raise NotFoundException()
        if action == "edit":
            try:
                version = int(_text(form, "version"))
            except ValueError:
                version = -1
            checkins.edit(check_in_id, _text(form, "subject"), _text(form, "body"), version, now)
            return _("Check-in saved.")
        if action == "drop":
            checkins.drop(check_in_id, now)
            return _("Check-in dropped: it will not be sent.")
        report = checkins.send_early(check_in_id, now, force=_text(form, "force") == "yes")
        if getattr(report, "sent", None):
            return _("Check-in sent.")
        return _("Check-in handed to the outbox.")

    try:
        text = await run_sync(act)
    except InputError as exc:
        return await interview_response(request, interview_id,
                                        page_notice=Notice("error", exc.located_in(ui.language)), status=422)
    except AfterwordError as exc:
        return await interview_response(request, interview_id,
                                        page_notice=Notice("error", exc.located_in(ui.language)), status=409)
    return await interview_response(request, interview_id, page_notice=Notice("ok", text))


@post("/interviews/{interview_id:int}/check-ins/{check_in_id:int}/edit", name="check-in-edit")
async def check_in_edit(request: AnyRequest, interview_id: FromPath[int], check_in_id: FromPath[int]) -> Response[Any]:
    return await _check_in_action(request, interview_id, check_in_id, "edit")


@post("/interviews/{interview_id:int}/check-ins/{check_in_id:int}/send", name="check-in-send")
async def check_in_send(request: AnyRequest, interview_id: FromPath[int], check_in_id: FromPath[int]) -> Response[Any]:
    return await _check_in_action(request, interview_id, check_in_id, "send")


@post("/interviews/{interview_id:int}/check-ins/{check_in_id:int}/drop", name="check-in-drop")
async def check_in_drop(request: AnyRequest, interview_id: FromPath[int], check_in_id: FromPath[int]) -> Response[Any]:
    return await _check_in_action(request, interview_id, check_in_id, "drop")


# -- a public X post, only after its warning -------------------------------------------------------------


def _public_post(service: InterviewService, interview_id: int, contact: str, language: Language,
                 prepare: bool) -> PublicPost:
    from afterword.service.social import public_post

    found = public_post(service, interview_id, contact, language, prepare=prepare)
    if found is None:
        raise NotFoundException()
    return found


@get("/interviews/{interview_id:int}/x-public/{contact:str}", name="x-public-ask")
async def x_public_ask(request: AnyRequest, interview_id: FromPath[int], contact: FromPath[str]) -> Template:
    """The warning, in the user's language, and the button that chooses the public post anyway."""
    ui = ui_for(request)
    try:
        chosen = await run_sync(partial(_public_post, _service(request), interview_id, contact, ui.language, False))
    except NotFoundError:
        raise NotFoundException() from None
    return page(request, "x_public.html", interview_id=interview_id, person=chosen.person, warning=chosen.warning,
                item=None)


@post("/interviews/{interview_id:int}/x-public/{contact:str}", name="x-public")
async def x_public(request: AnyRequest, interview_id: FromPath[int], contact: FromPath[str]) -> Response[Any]:
    """With the warning confirmed: the public post to copy and the page to post it on."""
    form = await request.form()
    if _text(form, "confirmed") != "yes":
        return Redirect(f"/interviews/{interview_id}/x-public/{contact}", status_code=303)
    ui = ui_for(request)
    try:
        chosen = await run_sync(partial(_public_post, _service(request), interview_id, contact, ui.language, True))
    except NotFoundError:
        raise NotFoundException() from None
    except InputError as exc:
        return page(request, "x_public.html", interview_id=interview_id, person=None, warning=None, item=None,
                    problem=exc.located_in(ui.language), status=422)
    return page(request, "x_public.html", interview_id=interview_id, person=chosen.person, warning=chosen.warning,
                item=chosen.item)


ROUTES = [person_page, check_in_edit, check_in_send, check_in_drop, x_public_ask, x_public]
