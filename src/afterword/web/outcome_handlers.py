"""The interview page's follow steps and outcome: mark a follow done, set how the interview ended."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from anyio.to_thread import run_sync
from litestar import Request, Response, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from afterword.core.errors import InputError
from afterword.web.render import backend_of, now_of, ui_for

AnyRequest = Request[Any, Any, Any]


def _follow(request: AnyRequest) -> Any:
    from afterword.service.follow_through import FollowThrough

    return FollowThrough(backend_of(request).service)


def follow_context(request: AnyRequest, interview_id: int) -> dict[str, Any]:
    """What the interview page shows of following and outcomes (run in a worker thread): also the stored reply
    to a rejection, and who can have brought the news (people with an email address, the likeliest first
    chosen: the recruiter, else the hiring manager, else the host)."""
    from afterword.service.rejection_replies import RejectionReplies, reply_contact

    follow = _follow(request)
    service = backend_of(request).service
    interview, _ = service.get_interview(interview_id)
    likeliest = reply_contact(interview, None)
    return {"follows": follow.follow_items(interview_id), "outcomes": follow.outcomes(interview_id),
            "rejection_reply": RejectionReplies(service).get(interview_id),
            "news_people": [c for c in interview.contacts if c.email],
            "news_default": likeliest.id if likeliest is not None else None}


@post("/interviews/{interview_id:int}/follow/{who:str}/{network:str}", name="follow-done")
async def follow_done(request: AnyRequest, interview_id: FromPath[int], who: FromPath[str],
                      network: FromPath[str]) -> Response[Any]:
    from afterword.service.follow_through import ORGANISATION

    target = ORGANISATION if who == "org" else who
    try:
        await run_sync(partial(_follow(request).mark_followed, interview_id, target, network, now_of(request)))
    except InputError:
        raise NotFoundException() from None
    return Redirect(f"/interviews/{interview_id}#follow", status_code=303)


@post("/interviews/{interview_id:int}/outcome", name="outcome-set")
async def outcome_set(request: AnyRequest, interview_id: FromPath[int]) -> Any:
    from afterword.service.views import Notice
    from afterword.web.mail_handlers import interview_response

    form = await request.form()
    ui = ui_for(request)
    kind = str(form.get("kind") or "")
    try:
        on_date = date.fromisoformat(str(form.get("date") or ""))
    except ValueError:
        return await interview_response(request, interview_id, page_notice=Notice(
            "error", ui.gettext("Give the date as YYYY-MM-DD.")), status=400)
    news_from = str(form.get("from") or "") or None
    try:
        result = await run_sync(partial(_follow(request).set_outcome, interview_id, kind, on_date, now_of(request),
                                        news_from=news_from))
    except InputError as exc:
        return await interview_response(request, interview_id, page_notice=Notice(
            "error", exc.message_in(ui.language)), status=400)
    notice = Notice("ok", result.said(str(ui.language)), result.findings)
    return await interview_response(request, interview_id, page_notice=notice, outcome_result=result)


async def _reply_action(request: AnyRequest, interview_id: int, action: str) -> Response[Any]:
    """Save, send now or drop the stored reply to a rejection; sending is the one send flow of the cards."""
    from afterword.core.errors import AfterwordError
    from afterword.core.outbox import MessageKind
    from afterword.service.rejection_replies import RejectionReplies
    from afterword.service.views import Notice
    from afterword.web.mail import notice_for
    from afterword.web.mail_handlers import desk_of, interview_response

    form = await request.form()
    ui, now = ui_for(request), now_of(request)
    _ = ui.gettext
    desk = desk_of(request)
    replies = RejectionReplies(backend_of(request).service)

    def text(name: str) -> str:
        value = form.get(name)
        return value.replace("\r\n", "\n") if isinstance(value, str) else ""

    def act() -> Notice:
        if action == "edit":
            try:
                version = int(text("version"))
            except ValueError:
                version = -1
            replies.edit(interview_id, text("subject"), text("body"), version, now)
            return Notice("ok", _("Reply saved."))
        if action == "drop":
            replies.drop(interview_id, now)
            return Notice("ok", _("Reply dropped: it will not be sent."))
        replies.require(interview_id)
        return notice_for(desk.send(interview_id, [], None, now, ui.language, kind=MessageKind.REJECTION_REPLY),
                          ui.gettext)

    try:
        notice = await run_sync(act)
    except InputError as exc:
        return await interview_response(request, interview_id,
                                        page_notice=Notice("error", exc.located_in(ui.language)), status=422)
    except AfterwordError as exc:
        return await interview_response(request, interview_id,
                                        page_notice=Notice("error", exc.located_in(ui.language)), status=409)
    return await interview_response(request, interview_id, page_notice=notice)


@post("/interviews/{interview_id:int}/rejection-reply/edit", name="rejection-reply-edit")
async def rejection_reply_edit(request: AnyRequest, interview_id: FromPath[int]) -> Response[Any]:
    return await _reply_action(request, interview_id, "edit")


@post("/interviews/{interview_id:int}/rejection-reply/send", name="rejection-reply-send")
async def rejection_reply_send(request: AnyRequest, interview_id: FromPath[int]) -> Response[Any]:
    return await _reply_action(request, interview_id, "send")


@post("/interviews/{interview_id:int}/rejection-reply/drop", name="rejection-reply-drop")
async def rejection_reply_drop(request: AnyRequest, interview_id: FromPath[int]) -> Response[Any]:
    return await _reply_action(request, interview_id, "drop")


ROUTES = [follow_done, outcome_set, rejection_reply_edit, rejection_reply_send, rejection_reply_drop]
