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
    from afterword.service.rejection_replies import ReplyView


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
                 "findings": [f.to_json() for f in result.findings],
                 "id": result.reply_id, "contact": result.reply_contact, "state": result.reply_state,
                 "new": result.reply_new}
    return {"interview": result.interview_id, "outcome": str(result.outcome), "date": result.on_date.isoformat(),
            "from": result.news_from, "cancelled_check_ins": list(result.cancelled), "reply": reply}


def reply_json(view: ReplyView) -> dict[str, Any]:
    """The stored reply to a rejection (`outcome`, `show --json`)."""
    return {"id": view.id, "contact": view.contact, "to": view.name, "address": view.address, "state": view.state,
            "language": str(view.language), "subject": view.subject, "body": view.body, "version": view.version,
            "outbox": view.outbox_id, "sent_at": iso(view.sent_at) if view.sent_at else None,
            "findings": [f.to_json() for f in view.findings]}


def reply_lines(view: ReplyView, lang: Language) -> list[str]:
    """The stored reply to a rejection for people: to whom, where it stands, what to do with it, its text."""
    nl = lang is Language.NL
    states = {"pending": ("waits for you", "wacht op jou"), "queued": ("in the outbox", "in de outbox"),
              "sent": ("sent", "verstuurd"), "dropped": ("dropped", "vervallen"), "failed": ("failed", "mislukt"),
              "unknown": ("unsure whether it went", "onzeker of het is verstuurd")}
    state = states.get(view.state, (view.state, view.state))[1 if nl else 0]
    head = (f"Antwoord op de afwijzing, aan {view.name} <{view.address}> [{state}]" if nl
            else f"Reply to the rejection, to {view.name} <{view.address}> [{state}]")
    lines = [head]
    if view.editable:
        iid = view.interview_id
        lines.append(f"  versturen: afterword send {iid} --rejection-reply · bewerken: afterword outcome {iid} "
                     "--reply-subject … --reply-body-file … · laten vervallen: afterword outcome "
                     f"{iid} --drop-reply" if nl else
                     f"  send: afterword send {iid} --rejection-reply · edit: afterword outcome {iid} "
                     f"--reply-subject … --reply-body-file … · drop: afterword outcome {iid} --drop-reply")
    lines.append(f"{'Onderwerp' if nl else 'Subject'}: {view.subject}\n\n{view.body}")
    return lines


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
@click.option("--from", "news_from", metavar="CONTACT", default=None,
              help="Who brought the news; with rejected, the reply goes to them (default: the recruiter, else the "
                   "hiring manager, else whoever hosted the interview).")
@click.option("--reply-to", "reply_to", metavar="CONTACT", default=None,
              help="With rejected: who the reply is for, when not who brought the news.")
@click.option("--reply-subject", "reply_subject", metavar="TEXT", default=None,
              help="Change the stored reply to the rejection: its subject.")
@click.option("--reply-body-file", "reply_body_file", type=click.File("r", encoding="utf-8"), default=None,
              metavar="FILE", help="Change the stored reply to the rejection: its text, from FILE (- for stdin).")
@click.option("--drop-reply", "drop_reply", is_flag=True, help="Drop the stored reply to the rejection: never sent.")
@click.option("--notes", "notes_out", metavar="FILE", default=None,
              help="With next-round: write the next round's notes, starting from the people already known.")
@click.option("--ui-language", "ui_language_text", type=click.Choice(["en", "nl"]), default=None,
              help="Language of what is said; default: [ui] language in config.toml, then the locale.")
@db_option
@now_option
@json_option
def outcome(interview_id: str, kind: str | None, date_text: str | None, news_from: str | None, reply_to: str | None,
            reply_subject: str | None, reply_body_file: Any, drop_reply: bool, notes_out: str | None,
            ui_language_text: str | None, db_url: str | None, now_text: str | None, as_json: bool) -> int:
    """Set how interview ID ended; it cancels pending check-ins (and says so). After `rejected`, a short,
    gracious reply that keeps the door open is composed, checked and stored (once), in the interview's
    language, for who brought the news: edit it with --reply-subject/--reply-body-file, send it with
    `afterword send ID --rejection-reply`, or --drop-reply. Without KIND: the outcomes so far, the stored reply
    and the people also met in other interviews."""
    from afterword.service.follow_through import FollowThrough
    from afterword.service.rejection_replies import RejectionReplies

    ident = _interview_id(interview_id)
    now = resolve_now(now_text)
    lang = resolve_ui_language(ui_language_text)
    if kind is not None and kind not in {o.value for o in Outcome}:
        choices = ", ".join(o.value for o in Outcome)
        raise InputError(Text(f"`{kind}` is not an outcome; choose one of {choices}",
                              f"`{kind}` is geen uitkomst; kies uit {choices}"), key="KIND")
    if notes_out is not None and kind != Outcome.NEXT_ROUND.value:
        raise InputError(Text("--notes goes with next-round", "--notes hoort bij next-round"), key="--notes")
    if (reply_subject is not None or reply_body_file is not None or drop_reply) and kind is not None:
        raise InputError(Text("--reply-subject, --reply-body-file and --drop-reply go without KIND",
                              "--reply-subject, --reply-body-file en --drop-reply horen zonder KIND"),
                         key="--reply-subject" if reply_subject is not None else "--drop-reply")
    if drop_reply and (reply_subject is not None or reply_body_file is not None):
        raise InputError(Text("use either --drop-reply or a change to the reply, not both",
                              "gebruik --drop-reply of een wijziging van het antwoord, niet allebei"),
                         key="--drop-reply")
    on_date = _date(date_text, now)
    with _service(db_url) as service:
        follow = FollowThrough(service)
        replies = RejectionReplies(service)
        if drop_reply or reply_subject is not None or reply_body_file is not None:
            if drop_reply:
                view = replies.drop(ident, now)
            else:
                body = reply_body_file.read() if reply_body_file is not None else None
                view = replies.edit(ident, reply_subject, body, None, now)
            if as_json:
                print_json({"reply": reply_json(view)})
            else:
                for line in reply_lines(view, lang):
                    click.echo(line)
                for f in view.findings:
                    click.echo(f"{f.severity} {f.code}: {f.message_in(lang)}", err=True)
            return 0
        if kind is None:
            history = follow.outcomes(ident)
            stored = replies.get(ident)
            if as_json:
                print_json({"outcomes": [{"outcome": str(k), "date": d.isoformat(), "recorded_at": iso(at)}
                                         for k, d, at in history],
                            "people": [_person_json(c, p) for c, p in follow.people_in(ident)],
                            "reply": reply_json(stored) if stored is not None else None})
                return 0
            if not history:
                click.echo("Nog geen uitkomst." if lang is Language.NL else "No outcome yet.")
            for k, d, _ in history:
                click.echo(f"{d.isoformat()}: {k.label(lang)}")
            if stored is not None:
                for line in reply_lines(stored, lang):
                    click.echo(line)
            for line in _people_lines(follow, ident, lang):
                click.echo(line)
            return 0
        if reply_to is not None and kind != Outcome.REJECTED.value:
            raise InputError(Text("--reply-to goes with rejected", "--reply-to hoort bij rejected"), key="--reply-to")
        result = follow.set_outcome(ident, kind, on_date, now, news_from=news_from, reply_to=reply_to)
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
        stored = replies.get(ident) if result.reply_id is not None else None
        if stored is not None:
            nl = lang is Language.NL
            if result.reply_new:
                said = ("Een antwoord dat de deur openhoudt is opgeslagen (nog niet verstuurd):" if nl
                        else "A reply that keeps the door open is stored (not sent yet):")
            else:
                said = ("Het antwoord op de afwijzing stond al opgeslagen; er is geen tweede gemaakt:" if nl
                        else "The reply to the rejection was already stored; no second one was made:")
            click.echo(f"\n{said}")
            for line in reply_lines(stored, lang):
                click.echo(line)
            for f in stored.findings:
                click.echo(f"{f.severity} {f.code}: {f.message_in(lang)}", err=True)
        for line in _people_lines(follow, ident, lang):
            click.echo(line)
    return 0
