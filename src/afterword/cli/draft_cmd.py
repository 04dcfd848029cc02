"""`afterword draft`: a checked follow-up for every contact and channel, ready to copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from afterword.cli.common import (
    console,
    json_option,
    linkedin_limit_option,
    load,
    now_option,
    print_json,
    resolve_now,
    resolve_ui_language,
    ui_language_option,
)
from afterword.core.model import Channel, Language
from afterword.core.timeutil import format_moment, format_remaining, iso
from afterword.service.drafting import DraftReport, draft_interview

_TEXT = {
    Language.EN: {"deadline": "Follow-up deadline", "subject": "Subject", "none": "No contact has an address to write to.",
                  "clean": "no findings", "chars": "characters",
                  "rough": "Not quoted from your notes (rewrite them to use them):", "try": "try"},
    Language.NL: {"deadline": "Deadline voor opvolging", "subject": "Onderwerp",
                  "none": "Geen enkel contact heeft een adres om naar te schrijven.", "clean": "geen bevindingen",
                  "chars": "tekens",
                  "rough": "Niet geciteerd uit je notities (herschrijf ze om ze te gebruiken):", "try": "probeer"},
}
_FIELD = {Language.EN: {"theme": "theme", "next_step": "next step", "needs": "need", "strengths": "strength",
                        "moments": "moment", "questions": "question"},
          Language.NL: {"theme": "thema", "next_step": "volgende stap", "needs": "behoefte", "strengths": "sterkte",
                        "moments": "moment", "questions": "vraag"}}
_STYLE = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}


@click.command("draft")
@click.argument("notes", type=click.Path(dir_okay=True))
@click.option("--contact", "contacts", multiple=True, metavar="ID", help="Only this contact (repeatable).")
@click.option("--channel", "channels", multiple=True, type=click.Choice([c.value for c in Channel]),
              help="Only this channel (repeatable).")
@now_option
@json_option
@click.option("--templates", "templates", metavar="DIR", envvar="AFTERWORD_TEMPLATES", default=None,
              type=click.Path(file_okay=False), help="Your own template folder; its files override the built-in ones.")
@linkedin_limit_option("free account")
@click.option("--other-company", "other_companies", multiple=True, metavar="NAME",
              help="Another organisation you are talking to (flags copy-paste slips).")
@ui_language_option
def draft(notes: str, contacts: tuple[str, ...], channels: tuple[str, ...], now_text: str | None, as_json: bool,
          templates: str | None, linkedin_limit: str, other_companies: tuple[str, ...],
          ui_language_text: str | None) -> int:
    """Draft a follow-up for every contact and every channel they gave (email, LinkedIn, X), each checked."""
    interview = load(notes)
    report = draft_interview(
        interview, contacts=list(contacts) or None, channels=[Channel(c) for c in channels] or None,
        now=resolve_now(now_text), other_companies=other_companies,
        template_dir=Path(templates) if templates else None, linkedin_limit=int(linkedin_limit),
        ui_language=resolve_ui_language(ui_language_text),
    )
    if as_json:
        print_json(report_json(report))
    else:
        render(report)
    return 1 if report.has_error else 0


def report_json(report: DraftReport) -> dict[str, Any]:
    iv = report.interview
    drafts: list[dict[str, Any]] = []
    for item in report.items:
        d = item.draft
        entry: dict[str, Any] = {"contact": d.contact, "channel": str(d.channel), "language": str(d.language)}
        if d.subject is not None:
            entry["subject"] = d.subject
        entry["body"] = d.body
        entry["findings"] = [f.to_json() for f in item.findings]
        drafts.append(entry)
    return {
        "interview": {
            "company": iv.company, "role": iv.role, "end": iso(iv.effective_end), "deadline": iso(report.deadline),
            "remaining_seconds": int(report.remaining.total_seconds()),
        },
        "drafts": drafts,
        "rough_notes": [
            {"field": r.field, "index": r.index, "text": r.text, "reason": r.reason,
             "message": r.reason_in(iv.effective_language), "suggestion": r.suggestion}
            for r in report.rough
        ],
    }


def render(report: DraftReport) -> None:
    from rich.markup import escape
    from rich.rule import Rule

    iv = report.interview
    lang = iv.effective_language
    text = _TEXT[lang]
    out = console()
    seconds = report.remaining.total_seconds()
    colour = "red" if seconds < 0 else ("yellow" if seconds < 4 * 3600 else "green")
    out.print(f"[bold]{escape(iv.company)}[/] — {escape(iv.role)}")
    out.print(f"{text['deadline']}: {format_moment(report.deadline, lang)}  "
              f"[bold {colour}]{format_remaining(report.remaining, lang)}[/]", soft_wrap=True)
    if report.rough:
        out.print()
        out.print(f"[bold]{text['rough']}[/]")
        for r in report.rough:
            where = _FIELD[lang][r.field] + (f" {r.index + 1}" if r.field not in ("theme", "next_step") else "")
            out.print(escape(f"  · {where}: “{' '.join(r.text.split())}” — {r.reason_in(lang)}"), soft_wrap=True)
            if r.suggestion and r.reason in ("shorthand", "fragments"):
                out.print(escape(f"    {text['try']}: “{r.suggestion}”"), soft_wrap=True)
    if not report.items:
        out.print(text["none"])
    for item in report.items:
        d = item.draft
        contact = iv.contact(d.contact)
        out.print()
        out.print(Rule(escape(f"{contact.name} · {d.channel} · {contact.address(d.channel)}"), align="left"))
        if d.subject is not None:
            out.print(escape(f"{_TEXT[d.language]['subject']}: {d.subject}"), soft_wrap=True)
            out.print()
        out.print(escape(d.body), soft_wrap=True)
        if d.channel is not Channel.EMAIL:
            from afterword.service.drafting import characters

            used, limit = characters(d.channel, d.body, report.linkedin_limit)
            out.print(f"[dim]{used}/{limit} {_TEXT[d.language]['chars']}[/]")
        out.print()
        for f in item.findings:
            out.print(f"[{_STYLE[str(f.severity)]}]{f.severity}[/] [bold]{f.code}[/]: {escape(f.message)}", soft_wrap=True)
        if not item.findings:
            out.print(f"[green]✓[/] {_TEXT[d.language]['clean']}")
    out.print()
