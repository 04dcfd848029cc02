"""`afterword checkin`: the check-ins that wait for silence after a follow-up: list, edit, send early, drop."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from afterword.cli.common import json_option, now_option, print_json, resolve_now
from afterword.core.errors import InputError
from afterword.core.model import Language
from afterword.core.timeutil import format_moment, iso

if TYPE_CHECKING:
    from afterword.service.checkins import CheckIns, CheckInView


@contextmanager
def _check_ins() -> Iterator[CheckIns]:
    from afterword.cli.delivery_cmds import _delivery

    with _delivery() as delivery:
        yield delivery.checkins


def _id(text: str) -> int:
    value = text.strip()
    if not value.isdigit() or len(value) > 12:
        raise InputError(f"`{text}` is not a check-in id; see `afterword checkin list`", key="ID")
    return int(value)


def check_in_json(view: CheckInView) -> dict[str, Any]:
    return {
        "id": view.id, "interview": view.interview_id, "contact": view.contact, "name": view.name,
        "to": view.address, "state": view.state, "due_at": iso(view.due_at), "waits_for": view.waits_for,
        "waits_for_phrase": view.waits_phrase, "language": str(view.language), "subject": view.subject,
        "body": view.body, "version": view.version, "reason": view.reason, "outbox": view.outbox_id,
        "sent_at": iso(view.sent_at) if view.sent_at else None,
        "closed_at": iso(view.closed_at) if view.closed_at else None,
        "findings": [f.to_json() for f in view.findings],
    }


_STATE_NL = {"pending": "gepland", "queued": "in de wachtrij", "sent": "verstuurd", "cancelled": "geannuleerd",
             "dropped": "vervallen", "failed": "mislukt", "unknown": "onzeker"}


def check_in_line(view: CheckInView, lang: Language) -> str:
    """One line for `show`, `due` and `checkin list`, in the interview's language."""
    nl = lang is Language.NL
    state = _STATE_NL.get(view.state, view.state) if nl else view.state
    when = format_moment(view.due_at, lang)
    waits = (view.waits_phrase or {}).get(str(lang))
    if nl:
        text = f"check-in {view.id} aan {view.name} <{view.address or '—'}>: {state}, {when}"
        text += f" (na “{waits}” zonder bericht)" if waits else ""
    else:
        text = f"check-in {view.id} to {view.name} <{view.address or '—'}>: {state}, {when}"
        text += f" (after “{waits}” without news)" if waits else ""
    if view.reason and not view.is_open:
        text += f" — {view.reason}"
    errors = sorted({f.code for f in view.findings if str(f.severity) == "error"})
    if errors:
        text += (" — de controle vond: " if nl else " — the checker found: ") + ", ".join(errors)
    return text


@click.group("checkin")
def checkin() -> None:
    """Check-ins: one courteous email per person, a few working days after the next step's date passed
    without news (set in [check_ins] of config.toml); a reply cancels it."""


@checkin.command("list")
@click.argument("interview_id", metavar="[ID]", required=False)
@click.option("--all", "show_all", is_flag=True, help="Also sent, cancelled and dropped check-ins.")
@click.option("--body", "with_body", is_flag=True, help="Also print each check-in's text.")
@json_option
def list_cmd(interview_id: str | None, show_all: bool, with_body: bool, as_json: bool) -> int:
    """Check-ins (of interview ID, or all), soonest first; open ones only unless --all."""
    from afterword.service.checkins import OPEN

    ids = [_id(interview_id)] if interview_id is not None else None
    with _check_ins() as service:
        views = service.views(interview_ids=ids, states=() if show_all else OPEN)
    if as_json:
        print_json({"check_ins": [check_in_json(v) for v in views]})
        return 0
    if not views:
        click.echo("No check-ins waiting." if not show_all else "No check-ins.")
    for v in views:
        click.echo(f"{v.company} (interview {v.interview_id}) · " + check_in_line(v, v.language))
        if with_body:
            click.echo(f"  Subject: {v.subject}\n\n" + "\n".join(f"  {line}" for line in v.body.splitlines()) + "\n")
    return 0


@checkin.command("edit")
@click.argument("check_in_id", metavar="ID")
@click.option("--subject", default=None, help="The new subject.")
@click.option("--body-file", "body_file", type=click.File("r", encoding="utf-8"), default=None,
              help="Read the new text from FILE (- for standard input).")
@click.option("--at", "at_text", metavar="T", default=None, help="Move it to this time (ISO 8601 with offset).")
@click.option("--version", "version", type=int, default=None, help="The version you edited (refuse if changed).")
@now_option
@json_option
def edit(check_in_id: str, subject: str | None, body_file: Any, at_text: str | None, version: int | None,
         now_text: str | None, as_json: bool) -> int:
    """Change a pending check-in's subject, text or time; it is checked again."""
    from afterword.core.timeutil import parse_instant

    ident = _id(check_in_id)
    body = body_file.read() if body_file is not None else None
    due_at = parse_instant(at_text, option="--at") if at_text else None
    if subject is None and body is None and due_at is None:
        raise InputError("give --subject, --body-file or --at", key="--subject")
    with _check_ins() as service:
        view = service.edit(ident, subject, body, version, resolve_now(now_text), due_at=due_at)
    if as_json:
        print_json(check_in_json(view))
    else:
        click.echo(check_in_line(view, view.language))
        for f in view.findings:
            click.echo(f"{f.severity} {f.code}: {f.message}", err=True)
    return 1 if any(str(f.severity) == "error" for f in view.findings) else 0


@checkin.command("send")
@click.argument("check_in_id", metavar="ID")
@click.option("--force", is_flag=True, help="Send even when the checker finds errors.")
@now_option
@json_option
def send(check_in_id: str, force: bool, now_text: str | None, as_json: bool) -> int:
    """Send a pending check-in now instead of at its time."""
    ident = _id(check_in_id)
    with _check_ins() as service:
        report = service.send_early(ident, resolve_now(now_text), force=force)
        if report.login_refused is not None:
            raise service.delivery.login_refused_error(report)
        view = service.get(ident)
    if as_json:
        print_json(check_in_json(view))
    else:
        click.echo(check_in_line(view, view.language))
    return 0 if view.state == "sent" else 1


@checkin.command("drop")
@click.argument("check_in_id", metavar="ID")
@now_option
@json_option
def drop(check_in_id: str, now_text: str | None, as_json: bool) -> int:
    """Drop a pending check-in: it will not be sent."""
    ident = _id(check_in_id)
    with _check_ins() as service:
        view = service.drop(ident, resolve_now(now_text))
    if as_json:
        print_json(check_in_json(view))
    else:
        click.echo(check_in_line(view, view.language))
    return 0
