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
    """What the interview page shows of following and outcomes (run in a worker thread)."""
    follow = _follow(request)
    return {"follows": follow.follow_items(interview_id), "outcomes": follow.outcomes(interview_id)}


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
    try:
        result = await run_sync(partial(_follow(request).set_outcome, interview_id, kind, on_date, now_of(request)))
    except InputError as exc:
        return await interview_response(request, interview_id, page_notice=Notice(
            "error", exc.message_in(ui.language)), status=400)
    notice = Notice("ok", result.said(str(ui.language)), result.findings)
    return await interview_response(request, interview_id, page_notice=notice, outcome_result=result)


ROUTES = [follow_done, outcome_set]
