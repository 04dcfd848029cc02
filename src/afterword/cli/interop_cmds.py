"""`afterword remind --ics`, `afterword invite` and `afterword contacts`: calendars and business cards."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import click

from afterword.cli.common import json_option, load, now_option, print_json, resolve_now
from afterword.core.errors import InputError
from afterword.core.model import Interview, Language
from afterword.core.timeutil import format_moment, iso


def read_input(path: str) -> bytes:
    """A file's bytes; `-` is standard input. Problems name the file."""
    from afterword.core.readfile import read_at_most

    limit = 5_000_000  # the calendar and card readers' own limit (interop.contentlines.MAX_BYTES)
    try:
        data = read_at_most(sys.stdin.buffer if path == "-" else Path(path), limit)
        if data is None:
            raise InputError(f"file is larger than {limit:,} bytes", file=path)
        return data
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=path) from None
    except PermissionError:
        raise InputError("permission denied", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", file=path) from None


def write_output(path: str | None, data: bytes, *, force: bool = True) -> None:
    """Write all or nothing (a temporary file renamed into place); no path or `-` is standard output."""
    if path is None or path == "-":
        stream = getattr(sys.stdout, "buffer", None)
        if stream is not None:
            stream.write(data)
            stream.flush()
        else:
            sys.stdout.write(data.decode("utf-8"))
        return
    target = Path(path)
    if target.exists() and not force:
        raise InputError("already exists; pass --force to overwrite it", file=path, key="--out")
    if target.is_dir():
        raise InputError("is a directory; expected a file name", file=path, key="--out")
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".afterword-", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write here ({exc.strerror})", file=path, key="--out") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write file ({exc.strerror})", file=path, key="--out") from None


def local_zone() -> str | None:
    """The user's IANA zone from TZ or /etc/localtime; None when unknown or plain UTC."""
    from afterword.core.timeutil import ZoneError, load_zone

    name = os.environ.get("TZ", "").lstrip(":").strip()
    if not name:
        target = os.path.realpath("/etc/localtime")
        name = target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""
    if not name or name in {"UTC", "Etc/UTC", "Universal", "Etc/Universal", "Zulu", "GMT", "Etc/GMT"}:
        return None
    try:
        load_zone(name)
    except ZoneError:
        return None
    return name


def _say(message: str) -> None:
    click.echo(message, err=True)


def _db_option(func: Any) -> Any:
    return click.option(
        "--db", "db_url", metavar="URL", default=None,
        help="Database URL for stored interviews (default: --db before the command, AFTERWORD_DB, ...).",
    )(func)


def _open_service(db_url: str | None) -> Any:
    from afterword.service.interviews import open_service

    if db_url is None:
        ctx = click.get_current_context(silent=True)
        obj = ctx.find_root().obj if ctx is not None else None
        db_url = obj.get("db_url") if isinstance(obj, dict) else None
    return open_service(db_url)


def _stored_id(ref: str) -> int | None:
    """A stored interview's id when REF is a number and not a file of that name."""
    value = ref.strip()
    if value.isdigit() and len(value) <= 12 and not Path(ref).exists():
        return int(value)
    return None


def _gather(refs: tuple[str, ...], every: bool, db_url: str | None, now: Any) -> tuple[list[Interview], list[str]]:
    """Interviews from notes files and stored ids (`--all`: every stored one still due); with their UID keys."""
    from afterword.service.calendar import interview_key

    interviews: list[Interview] = []
    keys: list[str] = []
    ids = [i for i in (_stored_id(r) for r in refs) if i is not None]
    for ref in refs:
        if _stored_id(ref) is None:
            interview = load(ref)
            interviews.append(interview)
            keys.append(interview_key(interview))
    if ids or every:
        service = _open_service(db_url)
        try:
            if every:
                ids += [s.id for s in service.list_interviews(now) if s.deadline > now and s.id not in ids]
            for ident in ids:
                interview, _touchpoints = service.get_interview(ident)
                interviews.append(interview)
                keys.append(f"interview-{ident}")
        finally:
            service.close()
    return interviews, keys


@click.command("remind")
@click.argument("notes", nargs=-1, metavar="NOTES|ID...")
@click.option("--ics", "as_ics", is_flag=True, help="Write an iCalendar file: one event per deadline, with alarms.")
@click.option("--all", "every", is_flag=True, help="Every stored interview whose deadline is still ahead.")
@click.option("--out", metavar="FILE", default=None, help="Where to write the .ics (default: standard output).")
@click.option("--language", type=click.Choice(["en", "nl"]), default=None,
              help="Language of the reminders (default: each interview's language).")
@_db_option
@now_option
def remind(notes: tuple[str, ...], as_ics: bool, every: bool, out: str | None, language: str | None,
           db_url: str | None, now_text: str | None) -> int:
    """Reminders that reach you when Afterword is closed: `--ics` writes a calendar with an event
    per follow-up deadline and alarms 2 hours after the interview and 4 hours before the deadline.
    Give notes files, stored interview ids, or --all."""
    from afterword.service.calendar import reminders_ics

    if not as_ics:
        raise click.UsageError("choose a kind of reminder: --ics (a calendar file)")
    if not notes and not every:
        raise click.UsageError("give notes files or stored interview ids, or --all")
    now = resolve_now(now_text)
    interviews, keys = _gather(notes, every, db_url, now)
    data = reminders_ics(interviews, now=now, keys=keys, language=Language(language) if language else None)
    write_output(out, data)
    if out and out != "-":
        _say(f"wrote {out}: {len(interviews)} deadline{'s' if len(interviews) != 1 else ''}")
    return 0


@click.command("invite")
@click.argument("ics_file", metavar="FILE.ics")
@click.option("--uid", default=None, help="The event to take when the file holds several.")
@click.option("--index", type=int, default=None, help="The event to take by position (1 = first).")
@click.option("--occurrence", metavar="DATE", default=None,
              help="For a recurring event: the date of the occurrence (YYYY-MM-DD).")
@click.option("--company", default=None, help="The organisation (default: from the summary or organiser).")
@click.option("--role", default=None, help="The position (default: from the summary).")
@click.option("--candidate", "candidate_name", metavar="NAME", default=None, help="Your name, for the signature.")
@click.option("--candidate-email", metavar="EMAIL", default=None,
              help="Your address: left out of the contacts (default: guessed when clear).")
@click.option("--timezone", "zone", metavar="ZONE", default=None,
              help="IANA zone for floating times, and to show the interview in.")
@click.option("--language", type=click.Choice(["en", "nl"]), default=None, help="Language of the follow-ups.")
@click.option("--out", metavar="NOTES.toml", default=None, help="Write the notes here (default: standard output).")
@click.option("--force", is_flag=True, help="Overwrite --out if it exists.")
@click.option("--import", "store", is_flag=True, help="Also store the interview in the database; prints its id.")
@_db_option
@now_option
@json_option
def invite(ics_file: str, uid: str | None, index: int | None, occurrence: str | None, company: str | None,
           role: str | None, candidate_name: str | None, candidate_email: str | None, zone: str | None,
           language: str | None, out: str | None, force: bool, store: bool, db_url: str | None,
           now_text: str | None, as_json: bool) -> int:
    """Start the notes for an interview from a calendar invitation (.ics from Google, Outlook,
    Exchange, Zoom or Teams): its time and zone, the organiser and guests as contacts."""
    from afterword.core.notes import dump_notes
    from afterword.service.calendar import read_invitation

    on: date | None = None
    if occurrence is not None:
        try:
            on = date.fromisoformat(occurrence.strip())
        except ValueError:
            raise InputError(f"`{occurrence}` is not a date; expected e.g. 2026-11-27", key="--occurrence") from None
    result = read_invitation(
        read_input(ics_file), ics_file, now=resolve_now(now_text), uid=uid, index=index, occurrence=on, zone=zone,
        company=company, role=role, candidate_name=candidate_name, candidate_email=candidate_email,
        language=Language(language) if language else None, local_zone=local_zone(),
    )
    text = dump_notes(result.interview)
    if out is not None and out != "-":
        write_output(out, text.encode("utf-8"), force=force)
    elif not as_json and not store:
        write_output(None, text.encode("utf-8"))
    stored_id: int | None = None
    if store:
        service = _open_service(db_url)
        try:
            stored_id = service.import_interview(result.interview)
        finally:
            service.close()
    if as_json:
        print_json({**_invite_json(result.interview, result.uid, result.guesses, out, text), "id": stored_id})
        return 0
    if stored_id is not None:
        click.echo(str(stored_id))
    for guess in result.guesses:
        _say(f"note: {guess}")
    interview = result.interview
    lang = interview.effective_language
    where = f"wrote {out}: " if out and out != "-" else ""
    where += f"stored as interview {stored_id}: " if stored_id is not None else ""
    _say(f"{where}{interview.company} — {interview.role}, {format_moment(interview.start, lang)}, "
         f"{len(interview.contacts)} contact{'s' if len(interview.contacts) != 1 else ''}")
    return 0


def _invite_json(interview: Interview, uid: str | None, guesses: tuple[str, ...], out: str | None,
                 text: str) -> dict[str, Any]:
    return {
        "uid": uid,
        "company": interview.company,
        "role": interview.role,
        "start": iso(interview.start),
        "end": iso(interview.effective_end),
        "timezone": interview.timezone,
        "deadline": iso(interview.deadline),
        "language": str(interview.effective_language),
        "kind": interview.kind,
        "candidate": {"name": interview.candidate.name, "email": interview.candidate.email},
        "contacts": [{"id": c.id, "name": c.name, "email": c.email} for c in interview.contacts],
        "guesses": list(guesses),
        "out": out if out and out != "-" else None,
        "notes": None if out and out != "-" else text,
    }


@click.command("contacts")
@click.argument("notes", metavar="NOTES|ID")
@click.argument("cards", nargs=-1, required=True, metavar="CARD.vcf...")
@click.option("--out", metavar="FILE", default=None,
              help="Write the completed notes here (may be NOTES itself; comments are not kept). "
                   "Default: standard output.")
@_db_option
@json_option
def contacts(notes: str, cards: tuple[str, ...], out: str | None, db_url: str | None, as_json: bool) -> int:
    """Add the people on business cards (vCard 2.1/3.0/4.0: phone scans, Outlook or Google exports)
    to an interview's contacts; someone already there (same e-mail) is completed, not repeated.
    NOTES may be a stored interview's id: then the stored interview is updated."""
    from dataclasses import replace

    from afterword.core.notes import dump_notes
    from afterword.service.contacts import add_cards

    stored_id = _stored_id(notes)
    if stored_id is not None:
        return _contacts_stored(stored_id, cards, db_url, as_json)
    interview = load(notes)
    merged = add_cards(interview.contacts, [(path, read_input(path)) for path in cards])
    skipped = list(merged.skipped)
    updated = replace(interview, contacts=merged.contacts)
    text = dump_notes(updated)
    from afterword.core.notes import parse_notes

    parse_notes(text, filename=out or notes)  # never write a file that would not load again
    if out is not None or not as_json:
        write_output(out, text.encode("utf-8"))
    if as_json:
        print_json({
            "added": list(merged.added), "updated": list(merged.updated), "skipped": skipped,
            "contacts": [{"id": c.id, "name": c.name, "email": c.email, "title": c.title,
                          "linkedin": c.linkedin, "x": c.x} for c in merged.contacts],
            "out": out,
        })
        return 0
    for line in skipped:
        _say(f"warning: {line}")
    _say(f"{len(merged.added)} added ({', '.join(merged.added) or 'none'}), "
         f"{len(merged.updated)} completed ({', '.join(merged.updated) or 'none'})"
         + (f"; wrote {out}" if out and out != "-" else ""))
    return 0


def _contacts_stored(ident: int, cards: tuple[str, ...], db_url: str | None, as_json: bool) -> int:
    from afterword.service.contacts import add_cards_to_stored

    files = [(path, read_input(path)) for path in cards]  # every file is read before the database is touched
    service = _open_service(db_url)
    try:
        merged = add_cards_to_stored(service, ident, files)
    finally:
        service.close()
    skipped = list(merged.skipped)
    if as_json:
        print_json({"id": ident, "added": list(merged.added), "updated": list(merged.updated), "skipped": skipped})
        return 0
    for line in skipped:
        _say(f"warning: {line}")
    _say(f"interview {ident}: {len(merged.added)} added ({', '.join(merged.added) or 'none'}), "
         f"{len(merged.updated)} completed ({', '.join(merged.updated) or 'none'})")
    return 0
