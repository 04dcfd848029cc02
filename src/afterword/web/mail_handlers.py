"""Route handlers for sending: send now or schedule, send all, copy-and-open done, outbox verdicts, calendars."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from functools import partial
from typing import Any

from anyio.to_thread import run_sync
from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from afterword.core.model import Channel, TouchpointStatus
from afterword.service.mail_desk import MailDesk, sendable
from afterword.service.views import Card, InterviewView, Notice, Panel
from afterword.web.mail import notice_for, panel_in_words, parse_local
from afterword.web.render import backend_of, now_of, page, ui_for

AnyRequest = Request[Any, Any, Any]
ICS_TYPE = "text/calendar; charset=utf-8"


def desk_of(request: AnyRequest) -> MailDesk:
    desk: MailDesk = request.app.state["mail"]
    return desk


def _is_htmx(request: AnyRequest) -> bool:
    return request.headers.get("hx-request") == "true"


def _text(form: Any, name: str) -> str:
    value = form.get(name)
    return value.replace("\r\n", "\n") if isinstance(value, str) else ""


def _channel(channel: str) -> Channel:
    try:
        return Channel(channel)
    except ValueError:
        raise NotFoundException() from None


def _edited(form: Any, channel: Channel) -> tuple[str | None, str, int] | None:
    if "body" not in form or "version" not in form:
        return None
    try:
        version = int(_text(form, "version"))
    except ValueError:
        return None
    return (_text(form, "subject") if channel is Channel.EMAIL else None, _text(form, "body"), version)


# -- rendering shared with the page handlers ----------------------------------------------------------


def decorate_card(request: AnyRequest, interview_id: int, card: Card, now: datetime) -> Card:
    ui = ui_for(request)
    return desk_of(request).decorate(interview_id, [card], now, ui.language)[0]


async def interview_response(request: AnyRequest, interview_id: int, notices: Mapping[str, Notice] | None = None,
                             page_notice: Notice | None = None, status: int = 200,
                             outcome_result: Any = None) -> Template:
    """The interview page with delivery controls; `notices` by card key, one `page_notice` on top; after an
    outcome was set, what it did (`outcome_result`)."""
    from afterword.web.follow_handlers import follow_through
    from afterword.web.outcome_handlers import follow_context

    view, panel = await _decorated_view(request, interview_id, notices)
    follow = await run_sync(partial(follow_context, request, interview_id))
    later = await run_sync(partial(follow_through, backend_of(request).service, interview_id, now_of(request)))
    return page(request, "interview.html", view=view, panel=panel, page_notice=page_notice, status=status,
                outcome_result=outcome_result, **follow, **later)


async def _decorated_view(request: AnyRequest, interview_id: int,
                          notices: Mapping[str, Notice] | None = None) -> tuple[InterviewView, Panel]:
    backend, now, ui = backend_of(request), now_of(request), ui_for(request)
    view = await run_sync(partial(backend.interview_view, interview_id, now))
    if view is None:
        raise NotFoundException()
    desk = desk_of(request)
    cards = await run_sync(partial(desk.decorate, interview_id, view.cards, now, ui.language))
    if notices:
        cards = tuple(dataclasses.replace(c, notice=notices.get(c.key, c.notice)) for c in cards)
    panel = panel_in_words(await run_sync(partial(desk.panel, interview_id, cards, now, ui.language)), ui.gettext)
    return dataclasses.replace(view, cards=cards), panel


async def _card_response(request: AnyRequest, interview_id: int, contact: str, channel: Channel,
                         notice: Notice | None) -> Response[Any]:
    if not _is_htmx(request):
        key = f"{contact}--{channel.value}"
        return await interview_response(request, interview_id, {key: notice} if notice else None)
    backend, now = backend_of(request), now_of(request)
    card = await run_sync(partial(backend.card, interview_id, contact, channel, now))
    if card is None:
        raise NotFoundException()
    card = await run_sync(partial(decorate_card, request, interview_id, card, now))
    if notice is not None:
        card = dataclasses.replace(card, notice=notice)
    return page(request, "_card.html", card=card, interview_id=interview_id, conflict=None, saved=False)


# -- actions ------------------------------------------------------------------------------------------


@post("/interviews/{interview_id:int}/cards/{contact:str}/{channel:str}/send", name="card-send")
async def card_send(request: AnyRequest, interview_id: FromPath[int], contact: FromPath[str],
                    channel: FromPath[str]) -> Response[Any]:
    """Send this email now, or schedule it (`when=schedule` with `send_at` in the recipient's zone)."""
    ch = _channel(channel)
    if ch is not Channel.EMAIL:
        raise NotFoundException()
    form = await request.form()
    backend, now, ui = backend_of(request), now_of(request), ui_for(request)
    _ = ui.gettext
    conflict = await run_sync(partial(backend.keep_edits, interview_id, contact, ch, _edited(form, ch), now))
    if conflict is not None:
        notice = Notice("error", _("This draft was changed in another tab. Reload the page, then send."))
        return await _card_response(request, interview_id, contact, ch, notice)
    when = await _when(request, form, interview_id)
    if isinstance(when, Notice):
        return await _card_response(request, interview_id, contact, ch, when)
    desk = desk_of(request)
    notice = notice_for(await run_sync(partial(desk.send, interview_id, [contact], when, now, ui.language)),
                        ui.gettext)
    return await _card_response(request, interview_id, contact, ch, notice)


async def _when(request: AnyRequest, form: Any, interview_id: int) -> datetime | Notice | None:
    if _text(form, "when") != "schedule":
        return None
    zone = await run_sync(partial(desk_of(request).recipient_zone, interview_id))
    moment = parse_local(_text(form, "send_at"), zone)
    if moment is None:
        return Notice("error", ui_for(request).gettext("Choose a date and time to send it."))
    return moment


@get("/interviews/{interview_id:int}/cards/{contact:str}/{channel:str}", name="card-view")
async def card_view(request: AnyRequest, interview_id: FromPath[int], contact: FromPath[str],
                    channel: FromPath[str]) -> Response[Any]:
    """One card as it is now (the undo countdown fetches it when the window closes)."""
    ch = _channel(channel)
    if not _is_htmx(request):
        return Redirect(f"/interviews/{interview_id}#card-{contact}--{ch.value}", status_code=303)
    return await _card_response(request, interview_id, contact, ch, None)


@post("/interviews/{interview_id:int}/send-all", name="send-all")
async def send_all(request: AnyRequest, interview_id: FromPath[int]) -> Template:
    """Send every email draft of the interview that is not sent or on its way, once the user confirmed
    the list of who gets what (the first post shows it; the confirmed post sends)."""
    now, ui = now_of(request), ui_for(request)
    form = await request.form()
    if _text(form, "when") != "schedule" and _text(form, "confirmed") != "yes":
        view, panel = await _decorated_view(request, interview_id)
        going = sendable(view.cards)
        return page(request, "confirm_send.html", view=view, going=going, panel=panel)
    when = await _when(request, form, interview_id)
    if isinstance(when, Notice):
        return await interview_response(request, interview_id, page_notice=when, status=422)
    desk = desk_of(request)
    notice = notice_for(await run_sync(partial(desk.send, interview_id, [], when, now, ui.language)), ui.gettext)
    return await interview_response(request, interview_id, page_notice=notice,
                                    status=200 if notice.kind != "error" else 422)


@post("/interviews/{interview_id:int}/cards/{contact:str}/{channel:str}/done", name="card-done")
async def card_done(request: AnyRequest, interview_id: FromPath[int], contact: FromPath[str],
                    channel: FromPath[str]) -> Response[Any]:
    """The LinkedIn note or X post was sent by hand: mark it, and count the month's LinkedIn notes."""
    ch = _channel(channel)
    if ch is Channel.EMAIL:
        raise NotFoundException()
    form = await request.form()
    backend, now, ui = backend_of(request), now_of(request), ui_for(request)
    card = await run_sync(partial(backend.card, interview_id, contact, ch, now))
    if card is None:
        raise NotFoundException()
    notice: Notice | None = None
    edited = _edited(form, ch)
    stale = await run_sync(partial(backend.stale, interview_id, contact, ch, edited))
    if stale is not None:  # changed in another tab since this page was loaded: as Save, change nothing
        if not _is_htmx(request):
            return page(request, "conflict.html", card=card, mine=stale, interview_id=interview_id, status=409)
        card = await run_sync(partial(decorate_card, request, interview_id, card, now))
        return page(request, "_card.html", card=card, interview_id=interview_id, conflict=stale, saved=False,
                    status=409)
    if card.status is not TouchpointStatus.SENT:
        conflict = await run_sync(partial(backend.keep_edits, interview_id, contact, ch, edited, now))
        if conflict is not None:
            notice = Notice("error", ui.gettext("This draft was changed in another tab. Reload the page first."))
        else:
            warning = await run_sync(partial(desk_of(request).mark_done, interview_id, contact, ch, now,
                                             ui.language))
            notice = Notice("warning", warning) if warning else None
    return await _card_response(request, interview_id, contact, ch, notice)


@post("/interviews/{interview_id:int}/outbox/{row_id:int}", name="outbox-resolve")
async def outbox_resolve(request: AnyRequest, interview_id: FromPath[int], row_id: FromPath[int]) -> Response[Any]:
    """Settle an `unknown` message (it was sent, or not: send again), or cancel a scheduled one."""
    form = await request.form()
    verdict = _text(form, "verdict")
    if verdict not in ("sent", "not-sent", "cancel"):
        from afterword.web.errors import render_error

        return render_error(request, 400)
    found = await run_sync(partial(desk_of(request).resolve, interview_id, row_id, verdict, now_of(request)))
    if found is None:
        raise NotFoundException()
    contact, done = found
    _ = ui_for(request).gettext
    notice = None if done else Notice("warning", _(
        "Too late to undo: it was already on its way.") if verdict == "cancel" else _(
        "This message was settled meanwhile; here is how it stands."))  # only after a race with the sender
    if not _is_htmx(request):
        if notice is None:
            return Redirect(f"/interviews/{interview_id}#card-{contact}--email", status_code=303)
        return await interview_response(request, interview_id, {f"{contact}--email": notice}, status=409)
    return await _card_response(request, interview_id, contact, Channel.EMAIL, notice)


# -- calendars (GET only, read-only: a calendar client has no CSRF cookie) --------------------------------


@get("/calendar.ics", name="calendar")
async def calendar_feed(request: AnyRequest) -> Response[bytes]:
    data = await run_sync(partial(desk_of(request).calendar, now_of(request)))
    return Response(data, media_type=ICS_TYPE,
                    headers={"content-disposition": 'inline; filename="afterword.ics"', "cache-control": "no-cache"})


@get("/interviews/{interview_id:int}/reminders.ics", name="interview-calendar")
async def interview_calendar(request: AnyRequest, interview_id: FromPath[int]) -> Response[bytes]:
    backend = backend_of(request)
    if not await run_sync(partial(backend.exists, interview_id)):
        raise NotFoundException()
    data = await run_sync(partial(desk_of(request).calendar, now_of(request), interview_id))
    return Response(data, media_type=ICS_TYPE,
                    headers={"content-disposition": f'attachment; filename="interview-{interview_id}.ics"'})


ROUTES = [card_send, card_view, send_all, card_done, outbox_resolve, calendar_feed, interview_calendar]
