"""Commands over the database: `import`, `export`, `list`, `show`, `due`.

SQLAlchemy and the service are imported inside the commands so `afterword --help` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from afterword.cli.checkin_cmds import check_in_json, check_in_line
from afterword.cli.common import console, json_option, load, now_option, print_json, resolve_now
from afterword.core.errors import InputError
from afterword.core.model import Channel, Language, TouchpointStatus
from afterword.core.timeutil import format_date, format_moment, format_remaining, iso

if TYPE_CHECKING:
    from afterword.service.interviews import InterviewService
    from afterword.service.outcomes import DueRow, InterviewSummary, OutboxEntry, Touchpoint
    from afterword.service.reading import InterviewReads
    from afterword.service.timeline import Event

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    return click.option(
        "--db", "db_url", metavar="URL", default=None,
        help="Database URL (sqlite:///… or postgresql://…); default: --db before the command, "
             "AFTERWORD_DB, AFTERWORD_HOME or the user's data directory.",
    )(func)


def _db_url(db_url: str | None) -> str | None:
    if db_url is None:
        ctx = click.get_current_context(silent=True)
        obj = ctx.find_root().obj if ctx is not None else None
        db_url = obj.get("db_url") if isinstance(obj, dict) else None
    return db_url


@contextmanager
def _service(db_url: str | None) -> Iterator[InterviewService]:
    from afterword.service.interviews import open_service

    service = open_service(_db_url(db_url))
    try:
        yield service
    finally:
        service.close()


@contextmanager
def _reads(db_url: str | None) -> Iterator[InterviewReads]:
    """The database for `list`, `show` and `due`: a SQLite file is read without loading SQLAlchemy."""
    from afterword.service.reading import open_reads

    reads = open_reads(_db_url(db_url))
    try:
        yield reads
    finally:
        reads.close()


def _interview_id(text: str) -> int:
    value = text.strip()
    if not value.isdigit() or len(value) > 12:
        raise InputError(f"`{text}` is not an interview id; ids are numbers, see `afterword list`", key="ID")
    return int(value)


@click.command("import")
@click.argument("notes", type=click.Path(dir_okay=True))
@click.option("--replace", is_flag=True, help="Overwrite the same interview if it is already stored.")
@db_option
@now_option
@json_option
def import_notes(notes: str, replace: bool, db_url: str | None, now_text: str | None, as_json: bool) -> None:
    """Store the interview of a notes file, with a composed draft for every contact and channel that
    has none yet, and print its id."""
    interview = load(notes)  # invalid notes fail here, before the database is touched
    now = resolve_now(now_text)
    with _service(db_url) as service:
        new_id, replaced, drafted = service.import_with_drafts(interview, replace=replace, at=now)
        from afterword.service.follow_through import FollowThrough

        kept_apart = FollowThrough(service).kept_apart(new_id)
    if kept_apart and not as_json:
        from afterword.cli.common import resolve_ui_language

        language = resolve_ui_language(None)
        for reason in kept_apart:
            click.echo(f"afterword: note: {reason.get(language)}", err=True)
    if as_json:
        print_json({"id": new_id, "replaced": replaced, "drafted": drafted})
    else:
        click.echo(f"{new_id}")
        verb = "replaced" if replaced else "stored"
        click.echo(f"{interview.company} — {interview.role}: {verb} as interview {new_id}, "
                   f"{drafted} new draft{'s' if drafted != 1 else ''}", err=True)


@click.command("export")
@click.argument("interview_id", metavar="ID")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None, help="Write to FILE instead of stdout.")
@db_option
@json_option
def export(interview_id: str, out: str | None, db_url: str | None, as_json: bool) -> None:
    """Write a stored interview back as a notes file (format 1)."""
    ident = _interview_id(interview_id)
    with _service(db_url) as service:
        text = service.export_notes(ident)
    if out is not None:
        _write_whole(Path(out), text)
    if as_json:
        print_json({"id": ident, "out": out} if out is not None else {"id": ident, "notes": text})
    elif out is None:
        click.echo(text, nl=False)


def _write_whole(target: Path, text: str) -> None:
    """Write to a temporary file beside `target`, then rename it over: a full disk or a crash leaves the
    old file as it was, never a truncated one."""
    import os
    import tempfile

    data = text.encode("utf-8")
    if target.exists() and not target.is_file():  # /dev/stdout, a pipe: nothing to keep whole
        try:
            target.write_bytes(data)
        except OSError as exc:
            raise InputError(f"cannot write the notes file ({exc.strerror})", file=str(target)) from None
        return
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:
        raise InputError(f"cannot write the notes file ({exc.strerror})", file=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)  # keep the mode the user gave the file
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot write the notes file ({exc.strerror}); the file is unchanged",
                         file=str(target)) from None


#: Interviews on one page of `afterword list`.
PER_PAGE = 50


@click.command("list")
@click.option("--page", type=click.IntRange(min=1), default=None, metavar="N",
              help="Page N of the list (newest first); default: the first.")
@click.option("--per-page", type=click.IntRange(1, 10_000), default=None, metavar="N",
              help=f"Interviews per page (default {PER_PAGE}).")
@click.option("--all", "show_all", is_flag=True, help="Every interview, not one page.")
@db_option
@now_option
@json_option
def list_interviews(page: int | None, per_page: int | None, show_all: bool, db_url: str | None,
                    now_text: str | None, as_json: bool) -> None:
    """Stored interviews, newest first, with deadline, time left and coverage, a page at a time.

    --all prints every interview, one line each, written out as they are read; so does --json, unless
    --page or --per-page asks for one page."""
    if show_all and (page is not None or per_page is not None):
        raise InputError("give either --all or --page/--per-page, not both", key="--all")
    now = resolve_now(now_text)
    paged = not show_all and (not as_json or page is not None or per_page is not None)
    size = per_page or PER_PAGE
    number = page or 1
    with _reads(db_url) as service:
        if as_json:
            _stream_json(now, service.list_interviews(now, limit=size, offset=(number - 1) * size) if paged
                         else service.iter_interviews(now))
            return
        if not paged:
            if not _stream_lines(service.iter_interviews(now)):
                click.echo("No interviews stored yet; add one with `afterword import NOTES`.")
            return
        total = service.count_interviews()
        rows = service.list_interviews(now, limit=size, offset=(number - 1) * size)
    if not rows:
        click.echo(f"No interviews on page {number}; there are {total}." if total else
                   "No interviews stored yet; add one with `afterword import NOTES`.")
        return
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    for title in _COLUMNS:
        table.add_column(title)
    for r in rows:
        cells = _cells(r)
        table.add_row(*cells[:4], f"[{_style(r)}]{cells[4]}[/]", cells[5])
    console().print(table)
    if number > 1 or total > len(rows):
        first = (number - 1) * size + 1
        more = f"`--page {number + 1}` for the next, " if first + len(rows) - 1 < total else ""
        click.echo(f"Interviews {first}–{first + len(rows) - 1} of {total}, newest first; {more}`--all` for every one.")


_COLUMNS = ("ID", "Company", "Role", "Deadline", "Time left", "Coverage")
#: `list --all` sizes its columns to the first rows and writes this many lines at a time.
_STREAM_BATCH = 500


def _cells(r: InterviewSummary) -> tuple[str, str, str, str, str, str]:
    left = "—" if r.owed == 0 else format_remaining(r.remaining, r.language)
    return str(r.id), r.company, r.role, format_moment(r.deadline, r.language), left, r.coverage


def _style(r: InterviewSummary) -> str:
    return "green" if r.owed == 0 else ("red" if r.remaining.total_seconds() < 0 else "yellow")


def _stream_lines(rows: Iterable[InterviewSummary]) -> bool:
    """`list --all`: one line per interview, written as they are read (rich would need a minute and every
    row in memory for a table of 50,000). The columns are as wide as the first rows need; False: no rows."""
    import itertools
    import os
    import sys

    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    ansi = {"green": "32", "red": "31", "yellow": "33", "bold": "1"}
    found = iter(rows)
    first = list(itertools.islice(found, _STREAM_BATCH))
    if not first:
        return False
    widths = [max(len(title), *(len(_cells(r)[i]) for r in first)) for i, title in enumerate(_COLUMNS)]

    def line(cells: Sequence[str], style: str | None) -> str:
        padded = [cell.ljust(width) for cell, width in zip(cells, widths, strict=True)]
        if color and style:
            padded[4] = f"\x1b[{ansi[style]}m{padded[4]}\x1b[0m"
        return "  ".join(padded).rstrip() + "\n"

    head = line(_COLUMNS, None)
    out = sys.stdout
    out.write(f"\x1b[1m{head.rstrip()}\x1b[0m\n" if color else head)
    batch = first
    while batch:
        out.write("".join(line(_cells(r), _style(r)) for r in batch))
        batch = list(itertools.islice(found, _STREAM_BATCH))
    out.flush()
    return True


def _stream_json(now: datetime, rows: Iterable[InterviewSummary]) -> None:
    """`{"now": …, "interviews": […]}` exactly as print_json writes it, one interview at a time."""
    import json
    import sys
    import textwrap

    out = sys.stdout
    out.write('{\n  "now": ' + json.dumps(iso(now), ensure_ascii=False) + ',\n  "interviews": [')
    written = False
    for r in rows:
        out.write(",\n" if written else "\n")
        out.write(textwrap.indent(json.dumps(summary_json(r), ensure_ascii=False, indent=2), "    "))
        written = True
    out.write("\n  ]\n}\n" if written else "]\n}\n")


@click.command("show")
@click.argument("interview_id", metavar="ID")
@click.option("--drafts", "with_drafts", is_flag=True, help="Also print the text of every stored draft.")
@db_option
@now_option
@json_option
def show(interview_id: str, with_drafts: bool, db_url: str | None, now_text: str | None, as_json: bool) -> None:
    """One stored interview with its touchpoints and what is still owed (and the reply to a rejection)."""
    from afterword.cli.outcome_cmds import reply_json, reply_lines
    from afterword.plan import make_plan
    from afterword.service import reading
    from afterword.service.timeline import follow_through_events, stored_rejection_reply, timeline

    ident = _interview_id(interview_id)
    now = resolve_now(now_text)
    with _reads(db_url) as service:
        interview, tps = service.get_interview(ident)
        outbox = {contact: state for (_, contact), state in service.outbox_states([ident]).items()}
        check_ins = reading.check_in_views(service, _db_url(db_url), interview_ids=[ident])
        done = follow_through_events(service, ident, _db_url(db_url))
        reply = stored_rejection_reply(service, ident, _db_url(db_url)) if done else None
    statuses = {(tp.contact, tp.channel): tp.status for tp in tps}
    plan = make_plan(interview, now, statuses)
    events = timeline(interview, tps, check_ins, now, follow_through=done)
    by_key = {(tp.contact, tp.channel): tp for tp in tps}
    if as_json:
        print_json({
            "id": ident,
            "interview": {"company": interview.company, "role": interview.role,
                          "candidate": interview.candidate.name, "start": iso(interview.start),
                          "end": iso(interview.effective_end), "deadline": iso(interview.deadline),
                          "language": str(interview.effective_language)},
            "now": iso(now),
            "remaining_seconds": int(plan.remaining.total_seconds()),
            "rows": [{"contact": row.contact.id, "name": row.contact.name,
                      "channel": str(row.channel) if row.channel else None, "address": row.address,
                      "status": str(row.status) if row.status else None, "owed": row.owed,
                      "outbox": _outbox_json(outbox.get(row.contact.id) if row.channel is Channel.EMAIL else None)}
                     for row in plan.rows],
            "touchpoints": [touchpoint_json(tp) for tp in tps],
            "findings": [f.to_json() for f in plan.findings],
            "check_ins": [check_in_json(v) for v in check_ins],
            "timeline": [e.to_json() for e in events],
            **({"rejection_reply": reply_json(reply)} if reply is not None else {}),
        })
        return
    lang = interview.effective_language
    out = console()
    out.print(f"[bold]{interview.company}[/] — {interview.role}  (id {ident})")
    colour = "red" if plan.overdue else "green"
    out.print(f"Deadline: {format_moment(plan.deadline, lang)}  [bold {colour}]"
              f"{format_remaining(plan.remaining, lang)}[/]")
    from rich.table import Table

    nl = lang is Language.NL
    table = Table(show_edge=False, header_style="bold")
    for title in (("Contact", "Kanaal", "Adres", "Status", "Bijgewerkt") if nl else
                  ("Contact", "Channel", "Address", "Status", "Updated")):
        table.add_column(title)
    for row in plan.rows:
        tp = by_key.get((row.contact.id, row.channel)) if row.channel else None
        state = outbox.get(row.contact.id) if row.channel is Channel.EMAIL else None
        status = _status_text(row.status, state) or (
            "—" if row.channel is None else ("op te stellen" if nl else "to draft"))
        table.add_row(row.contact.name, str(row.channel) if row.channel else "—", row.address or "—", status,
                      format_moment(tp.updated_at.astimezone(interview.start.tzinfo), lang) if tp else "—")
    out.print(table)
    for f in plan.findings:
        out.print(f"[yellow]{f.severity}[/] [bold]{f.code}[/]: {f.message}")
    for v in check_ins:
        out.print(check_in_line(v, lang), markup=False)
    if reply is not None:
        out.print("\n" + "\n".join(reply_lines(reply, lang)), markup=False, soft_wrap=True)
    _print_timeline(out, events, lang, now)
    if with_drafts:
        subject_word = "Onderwerp" if nl else "Subject"
        for tp in tps:
            name = next((c.name for c in interview.contacts if c.id == tp.contact), tp.contact)
            out.rule(f"{name} · {tp.channel} · {tp.status}", align="left", style="dim")
            if tp.subject:
                out.print(f"{subject_word}: {tp.subject}\n", markup=False, soft_wrap=True)
            out.print(tp.body or "—", markup=False, soft_wrap=True)  # no hard breaks in copied text


def _print_timeline(out: Any, events: Sequence[Event], lang: Language, now: datetime) -> None:
    """Every touchpoint in order: a rail of dots, one line each; what is still to come is dim."""
    from rich.markup import escape

    nl = lang is Language.NL
    out.print(f"\n[bold]{'Tijdlijn' if nl else 'Timeline'}[/]")
    day = None
    for e in events:
        date = format_date(e.at, lang)
        if date != day:
            out.print(f"[dim]{date}[/]")
            day = date
        who = " · ".join(part for part in (e.name, str(e.channel) if e.channel else None) if part)
        mark, style = ("○", "dim") if e.upcoming else ("●", _EVENT_STYLE.get(str(e.kind), ""))
        line = f"  {e.at.strftime('%H:%M')} {mark} {e.label(lang)}" + (f" — {who}" if who else "")
        if e.detail:
            line += f" ({e.detail})"
        if e.upcoming:
            line += f" [{format_remaining(e.at - now, lang)}]"
        out.print(f"[{style}]{escape(line)}[/]" if style else escape(line))


_EVENT_STYLE = {"interview": "bold", "sent": "green", "replied": "bold green", "skipped": "dim",
                "check-in-sent": "green", "check-in-cancelled": "yellow", "check-in-dropped": "dim"}


@click.command("due")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True, help="At most N rows.")
@db_option
@now_option
@json_option
def due(limit: int, db_url: str | None, now_text: str | None, as_json: bool) -> None:
    """Everything still owed across all interviews, most urgent first, with time left."""
    from afterword.service import reading
    from afterword.service.reading import OPEN_CHECK_INS as OPEN

    now = resolve_now(now_text)
    with _reads(db_url) as service:
        rows = service.due(now, limit)
        check_ins = reading.check_in_views(service, _db_url(db_url), states=OPEN)[:limit]
    if as_json:
        print_json({"now": iso(now), "rows": [due_json(r) for r in rows],
                    "check_ins": [check_in_json(v) for v in check_ins]})
        return
    for v in check_ins:
        click.echo(f"{v.company} (interview {v.interview_id}) · {check_in_line(v, v.language)}")
    if not rows:
        click.echo("Nothing owed: every contact has heard from you.")
        return
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    for title in ("Time left", "ID", "Company", "Contact", "Channel", "Address", "Status"):
        table.add_column(title)
    for r in rows:
        style = "red" if r.overdue else ("yellow" if r.remaining.total_seconds() < 4 * 3600 else "green")
        table.add_row(f"[{style}]{format_remaining(r.remaining, r.language)}[/]", str(r.interview_id), r.company,
                      r.name, str(r.channel), r.address or "—", _status_text(r.status, r.outbox) or "to draft")
    console().print(table)
    for r in rows:
        state = r.outbox
        if state is None or r.shown_status not in ("unknown", "failed"):
            continue
        what = ("may or may not have gone out: check your Sent folder, then "
                f"`afterword outbox --resolve {state.id} sent|not-sent`" if state.state == "unknown" else
                f"was not sent ({state.error or 'refused'}): edit and send again, see `afterword show "
                f"{r.interview_id}`")
        click.echo(f"afterword: warning: the email to {r.name} (outbox message {state.id}) {what}", err=True)


def _status_text(status: TouchpointStatus | None, state: OutboxEntry | None) -> str | None:
    """The status to show: the outbox's real state for a scheduled email that is not waiting any more."""
    if state is None:
        return str(status) if status is not None else None
    shown = state.shown(status)
    return f"{shown} (message {state.id})" if shown in ("unknown", "failed") else shown


def _outbox_json(state: OutboxEntry | None) -> dict[str, object] | None:
    return state.to_json() if state is not None else None


def _when(moment: datetime | None) -> str | None:
    return iso(moment) if moment is not None else None


def summary_json(r: InterviewSummary) -> dict[str, Any]:
    return {
        "id": r.id, "company": r.company, "role": r.role, "candidate": r.candidate,
        "start": iso(r.start), "deadline": iso(r.deadline), "remaining_seconds": int(r.remaining.total_seconds()),
        "owed": r.owed, "coverage": r.coverage,
        "contacts": r.contacts, "contacts_sent": r.contacts_reached,
        "touchpoints": r.touchpoints, "touchpoints_sent": r.touchpoints_sent,
    }


def touchpoint_json(tp: Touchpoint) -> dict[str, Any]:
    out: dict[str, Any] = {
        "contact": tp.contact, "channel": str(tp.channel), "status": str(tp.status), "version": tp.version,
        "language": str(tp.language), "body": tp.body,
        "updated_at": iso(tp.updated_at),
        "times": {str(s): iso(t) for s, t in tp.times.items()},
        "history": [{"status": str(h.status), "at": iso(h.at), "version": h.version} for h in tp.history],
    }
    if tp.subject is not None:
        out["subject"] = tp.subject
    return out


def due_json(r: DueRow) -> dict[str, Any]:
    return {
        "interview": r.interview_id, "company": r.company, "role": r.role, "contact": r.contact, "name": r.name,
        "channel": str(r.channel), "address": r.address, "status": str(r.status) if r.status else None,
        "deadline": iso(r.deadline), "remaining_seconds": int(r.remaining.total_seconds()),
        "outbox": _outbox_json(r.outbox),
    }
