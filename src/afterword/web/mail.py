"""The mail desk's results in the UI's words: a send attempt as a notice, the send-all strip's setup line,
an outbox state's name; and the send time a form field holds. Deciding is `service.mail_desk`'s."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime, tzinfo

from afterword.service.mail_desk import INPUT_FORMAT, Refusal, SendAttempt
from afterword.service.sending import SendResult
from afterword.service.views import Notice, Panel


def not_set_up(gettext: Callable[[str], str]) -> str:
    """What the page says while SMTP is not set up; the settings page (linked beside it) sets it up."""
    _ = gettext
    return _("Email sending is not set up yet.")


def panel_in_words(panel: Panel, gettext: Callable[[str], str]) -> Panel:
    """The strip with its setup line: why the settings do not read, or that sending is not set up."""
    if panel.configured or panel.setup is not None:
        return panel
    return dataclasses.replace(panel, setup=not_set_up(gettext))


def notice_for(attempt: SendAttempt, gettext: Callable[[str], str]) -> Notice:
    """What "Send now", "Schedule…" or "Send all" says on the page."""
    _ = gettext
    refusals = {
        Refusal.NOT_SET_UP: lambda: not_set_up(gettext),
        Refusal.NO_PASSWORD: lambda: _("The SMTP password was not found. Store it with `afterword password smtp` "
                                       "(or set AFTERWORD_SMTP_PASSWORD), then try again."),
        Refusal.ALREADY_QUEUED: lambda: _("This email is already in the outbox (%(state)s); it goes out once only.")
        % {"state": state_name(attempt.detail, gettext)},
        Refusal.NOTHING_LEFT: lambda: _("There is no email left to send in this interview."),
        Refusal.SETTINGS: lambda: attempt.detail,
        Refusal.INPUT: lambda: attempt.detail,
    }
    if attempt.refused is not None:
        return Notice("error", refusals[attempt.refused]())
    outcome = attempt.outcome
    assert outcome is not None
    report = outcome.report
    if outcome.result is SendResult.BLOCKED:
        stopping = tuple(f for found in outcome.blocking.values() for f in found)
        return Notice("error", _(
            "Not sent: the checker found errors. Fix them (or send from the command line with --force)."),
            stopping)
    if outcome.result is SendResult.HELD:
        return Notice("ok", _("Sending in %(seconds)d s. Undo stops it.") % {"seconds": attempt.undo_seconds})
    if outcome.result is SendResult.SCHEDULED:
        if outcome.after_deadline:
            return Notice("warning", _("Scheduled, but after the 24-hour deadline: consider an earlier time."))
        return Notice("ok", _("Scheduled: the worker sends it at the chosen time."))
    assert report is not None
    if outcome.result is SendResult.LOGIN_REFUSED:
        return Notice("error", _(
            "Not sent: the SMTP server refused the login (%(detail)s). Check the username in the settings "
            "and store the password again with `afterword password smtp`, then send again.")
            % {"detail": report.login_refused})
    if outcome.result is SendResult.FAILED:
        refused = {r.id: r.refused for r in outcome.rows}
        details = "; ".join(
            d + "".join(f" ({address}: {answer})" for address, answer in refused.get(i, {}).items())
            for i, d in [*report.failed, *report.unknown])
        return Notice("error", _("Sending failed: %(detail)s") % {"detail": details})
    if outcome.result is SendResult.RETRY:
        details = "; ".join(d for _i, d in report.retry)
        return Notice("warning", _(
            "Not sent yet: %(detail)s. It stays in the outbox and is tried again.") % {"detail": details})
    notes = list(report.warnings)
    text = _("Sent.") if not notes else _("Sent.") + " " + "; ".join(notes)
    return Notice("ok" if not notes else "warning", text)


def state_name(state: str, gettext: Callable[[str], str]) -> str:
    """An outbox state in the UI language (the same words as the card's badge)."""
    _ = gettext
    names = {"queued": _("scheduled"), "sending": _("sending"), "sent": _("sent"), "failed": _("failed"),
             "cancelled": _("cancelled"), "unknown": _("unknown")}
    return names.get(state, state)


def parse_local(text: str, zone: tzinfo) -> datetime | None:
    """A `datetime-local` value (`2026-11-28T09:00`) as a moment in the recipient's zone."""
    try:
        naive = datetime.strptime(text.strip()[:16], INPUT_FORMAT)
    except ValueError:
        return None
    return naive.replace(tzinfo=zone)
