"""`afterword outcome`: how an interview ended (next round, offer, rejected, withdrawn); it stops pending
check-ins, offers a reply that keeps the door open after a rejection, and starts a next round's notes from
the people already known."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from afterword.cli.common import json_option, now_option, print_json, resolve_now, resolve_ui_language
from afterword.cli.db_cmds import _interview_id, _service, _write_whole, db_option
from afterword.core.errors import InputError
from afterword.core.model import Language, Outcome
from afterword.core.text import Text
from afterword.core.timeutil import iso

if TYPE_CHECKING:
    from afterword.service.follow_through import FollowThrough, OutcomeResult, PersonHistory


def _date(text: str | None, now: datetime) -> date:
    if text is None:
        return now.date()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(Text(f"`{text}` is not a date (YYYY-MM-DD)", f"`{text}` is geen datum (JJJJ-MM-DD)"),
                         key="--date") from None


def _result_json(result: OutcomeResult) -> dict[str, Any]:
    reply = None
    if result.reply is not None:
        reply = {"to": result.reply_to, "address": result.reply_address, "language": str(result.reply.language),
                 "subject": result.reply.subject, "body": result.reply.body,
                 "findings": [f.to_json() for f in result.findings]}
    return {"interview": result.interview_id, "outcome": str(result.outcome), "date": result.on_date.isoformat(),
            "cancelled_check_ins": list(result.cancelled), "reply": reply}


def _person_json(contact: str, person: PersonHistory) -> dict[str, Any]:
    return {"contact": contact, "person": person.id, "name": person.name,
            "interviews": [{"interview": s.interview_id, "company": s.company, "contact": s.contact,
                            "kept_apart": s.unsure.en if s.unsure else None,
                            "touchpoints": [{"at": iso(at), "channel": ch, "status": st}
                                            for at, ch, st in s.touchpoints]} for s in person.seen]}


def _people_lines(follow: FollowThrough, ident: int, lang: Language) -> list[str]:
    nl = lang is Language.NL
    lines: list[str] = []
    for contact, person in follow.people_in(ident):
        others = [s for s in person.seen if s.interview_id != ident]
        if others:
            where = ", ".join(f"{s.company} ({'gesprek' if nl else 'interview'} {s.interview_id}, "
                              f"{len(s.touchpoints)} {'contactmomenten' if nl else 'touchpoints'})" for s in others)
            lines.append(f"{person.name} [{contact}]: " + (f"ook in {where}" if nl else f"also in {where}"))
    lines += [t.get(lang) for t in follow.kept_apart(ident)]
    return lines


@click.command("outcome")
@click.argument("interview_id", metavar="ID")
@click.argument("kind", metavar="[next-round|offer|rejected|withdrawn]", required=False)
@click.option("--date", "date_text", metavar="YYYY-MM-DD", default=None, help="When they said so (default: today).")
@click.option("--reply-to", "reply_to", metavar="CONTACT", default=None,
              help="With rejected: who the reply is for (default: whoever hosted the interview).")
@click.option("--notes", "notes_out", metavar="FILE", default=None,
              help="With next-round: write the next round's notes, starting from the people already known.")
@click.option("--ui-language", "ui_language_text", type=click.Choice(["en", "nl"]), default=None,
              help="Language of what is said; default: [ui] language in config.toml, then the locale.")
@db_option
@now_option
@json_option
def outcome(interview_id: str, kind: str | None, date_text: str | None, reply_to: str | None, notes_out: str | None,
            ui_language_text: str | None, db_url: str | None, now_text: str | None, as_json: bool) -> int:
    """Set how interview ID ended; it cancels pending check-ins (and says so). After `rejected`, a short,
    gracious reply that keeps the door open is composed and checked, in the interview's language; it is
    not sent. Without KIND: the outcomes so far and the people also met in other interviews."""
    from afterword.service.follow_through import FollowThrough

    ident = _interview_id(interview_id)
    now = resolve_now(now_text)
    lang = resolve_ui_language(ui_language_text)
    if kind is not None and kind not in {o.value for o in Outcome}:
        choices = ", ".join(o.value for o in Outcome)
        raise InputError(Text(f"`{kind}` is not an outcome; choose one of {choices}",
                              f"`{kind}` is geen uitkomst; kies uit {choices}"), key="KIND")
    if notes_out is not None and kind != Outcome.NEXT_ROUND.value:
        raise InputError(Text("--notes goes with next-round", "--notes hoort bij next-round"), key="--notes")
    on_date = _date(date_text, now)
    with _service(db_url) as service:
        follow = FollowThrough(service)
        if kind is None:
            history = follow.outcomes(ident)
            if as_json:
                print_json({"outcomes": [{"outcome": str(k), "date": d.isoformat(), "recorded_at": iso(at)}
                                         for k, d, at in history],
                            "people": [_person_json(c, p) for c, p in follow.people_in(ident)]})
                return 0
            if not history:
                click.echo("Nog geen uitkomst." if lang is Language.NL else "No outcome yet.")
            for k, d, _ in history:
                click.echo(f"{d.isoformat()}: {k.label(lang)}")
            for line in _people_lines(follow, ident, lang):
                click.echo(line)
            return 0
        result = follow.set_outcome(ident, kind, on_date, now, reply_to=reply_to)
        written = None
        if notes_out is not None:
            interview, _ = service.get_interview(ident)
            start = datetime.combine(on_date, interview.start.timetz())
            written = Path(notes_out)
            _write_whole(written, follow.next_round_notes(ident, start))
        if as_json:
            print_json({**_result_json(result), "notes": str(written) if written else None})
            return 0
        click.echo(result.said(str(lang)))
        if written is not None:
            click.echo(f"notities voor de volgende ronde: {written} (met de mensen die je al kent)" if lang is Language.NL
                       else f"notes for the next round: {written} (with the people you already know)")
        if result.reply is not None:
            head = (f"Een antwoord dat de deur openhoudt, aan {result.reply_to} <{result.reply_address}> (niet verstuurd):"
                    if lang is Language.NL else
                    f"A reply that keeps the door open, to {result.reply_to} <{result.reply_address}> (not sent):")
            click.echo(f"\n{head}\n\nSubject: {result.reply.subject}\n\n{result.reply.body}")
            for f in result.findings:
                click.echo(f"{f.severity} {f.code}: {f.message_in(lang)}", err=True)
        for line in _people_lines(follow, ident, lang):
            click.echo(line)
    return 0
