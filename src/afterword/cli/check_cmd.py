"""`afterword check`, `afterword rules`, `afterword explain`: the checker at the command line."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from afterword.cli.common import (
    console,
    json_option,
    linkedin_limit_option,
    load,
    print_json,
    resolve_now,
    resolve_ui_language,
    ui_language_option,
)
from afterword.core.errors import InputError
from afterword.core.model import Channel, Draft, Finding, Interview, Language, Severity

MAX_DRAFT_BYTES = 20 * 1024 * 1024
CHANNELS = [str(c) for c in Channel]


@click.command("check")
@click.argument("notes", type=click.Path(dir_okay=True))
@click.argument("draft", required=False, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--to", "contact_id", metavar="ID", help="The contact the draft is written for (required with DRAFT).")
@click.option("--drafts", "drafts_file", metavar="FILE.json",
              help="Check several drafts together (the shape `draft --json` prints).")
@click.option("--channel", type=click.Choice(CHANNELS), default="email", show_default=True,
              help="The channel of DRAFT.")
@click.option("--sent-at", "sent_at_text", metavar="T", default=None,
              help="When it will be sent (ISO 8601 with offset); default: now.")
@click.option("--other-company", "other_companies", metavar="NAME", multiple=True,
              help="Another organisation you are talking to (repeatable); naming it is an error.")
@linkedin_limit_option("free")
@json_option
@ui_language_option
def check(notes: str, draft: str | None, contact_id: str | None, drafts_file: str | None, channel: str,
          sent_at_text: str | None, other_companies: tuple[str, ...], linkedin_limit: str, as_json: bool,
          ui_language_text: str | None) -> int:
    """Check DRAFT (a text file, `-` for standard input, written for --to ID) or --drafts FILE.json
    against the NOTES.

    Exit 1 when any finding is an error."""
    if draft is None and drafts_file is None:
        raise InputError("give a DRAFT file with --to ID, or --drafts FILE.json")
    if draft is not None and drafts_file is not None:
        raise InputError("give either a DRAFT file or --drafts FILE.json, not both")
    if draft is not None and not contact_id:
        raise InputError("missing --to ID: the contact this draft is written for", key="--to")
    interview = load(notes)
    sent_at = resolve_now(sent_at_text, "--sent-at")
    options: dict[str, Any] = {"sent_at": sent_at, "other_companies": (*other_companies, *_stored_companies()),
                               "linkedin_limit": int(linkedin_limit),
                               "ui_language": resolve_ui_language(ui_language_text)}
    from afterword.service.rules import check_texts as check_drafts

    if draft is not None:
        assert contact_id is not None
        one = _read_draft(interview, draft, contact_id, Channel(channel))
        findings = check_drafts(interview, [one], **options)[0]
        if as_json:
            print_json({"findings": [f.to_json() for f in findings]})
        else:
            render_draft(one, findings, interview)
        return 1 if _has_error(findings) else 0
    assert drafts_file is not None
    drafts = _read_drafts_json(interview, drafts_file)
    results = check_drafts(interview, drafts, **options)
    if as_json:
        print_json({"drafts": [
            {"contact": d.contact, "channel": str(d.channel), "findings": [f.to_json() for f in fs]}
            for d, fs in zip(drafts, results, strict=True)
        ]})
    else:
        for d, fs in zip(drafts, results, strict=True):
            render_draft(d, fs, interview, heading=True)
    return 1 if any(_has_error(fs) for fs in results) else 0


def _stored_companies() -> list[str]:
    """The organisations of the interviews already in the database, for `wrong-company` (checks.md: "other
    interviews in the database"). `check` stays stateless: without a database it reads none and never
    creates one; the interview's own company is skipped by the rule itself."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    url = obj.get("db_url") if isinstance(obj, dict) else None
    from afterword.service.rules import stored_companies

    return stored_companies(url)


def _has_error(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def _contact_language(interview: Interview, contact_id: str, key: str, file: str | None = None) -> Language:
    try:
        contact = interview.contact(contact_id)
    except KeyError:
        known = ", ".join(c.id for c in interview.contacts) or "none"
        raise InputError(f"unknown contact `{contact_id}`; the notes have: {known}", key=key, file=file) from None
    return interview.language_of(contact)


def _read_text(path: str) -> str:
    """The file's text (`-`: standard input), refusing binary, non-UTF-8 and oversized input."""
    if path == "-":
        import sys

        return _decode(sys.stdin.buffer.read(MAX_DRAFT_BYTES + 1)[:MAX_DRAFT_BYTES], "<stdin>")
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError("is a directory, not a draft file", file=path)
        from afterword.core.readfile import read_at_most

        found = read_at_most(p, MAX_DRAFT_BYTES)  # by bytes read: /dev/urandom claims to be empty
        if found is None:
            raise InputError(f"file is more than {MAX_DRAFT_BYTES:,} bytes; a draft is at most "
                             f"{MAX_DRAFT_BYTES:,} bytes", file=path)
        data = found
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except PermissionError:
        raise InputError("cannot read the file (permission denied)", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})", file=path) from None
    return _decode(data, path)


def _decode(data: bytes, path: str) -> str:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("this is a binary file, not a text draft", file=path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("the file is UTF-16; save the draft as UTF-8", file=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); save the draft "
                         "as UTF-8", file=path, line=line) from None


def _read_draft(interview: Interview, path: str, contact_id: str, channel: Channel) -> Draft:
    from afterword.core.draftfile import parse_draft_text

    language = _contact_language(interview, contact_id, "--to")
    subject, body = parse_draft_text(_read_text(path), channel)
    return Draft(contact_id, channel, language, body, subject)


def _read_drafts_json(interview: Interview, path: str) -> list[Draft]:
    from afterword.core.draftfile import normalise_text

    text = _read_text(path)
    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", file=path, line=exc.lineno) from None
    except RecursionError:
        raise InputError("the JSON is nested too deeply to be drafts", file=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("drafts"), list):
        raise InputError("expected an object with a list `drafts` (the shape `draft --json` prints)", file=path,
                         key="drafts")
    drafts: list[Draft] = []
    for index, item in enumerate(data["drafts"]):
        where = f"drafts[{index}]"
        if not isinstance(item, dict):
            raise InputError("expected an object with contact, channel, subject and body", file=path, key=where)
        contact = item.get("contact")
        if not isinstance(contact, str) or not contact:
            raise InputError("expected a contact id (a string)", file=path, key=f"{where}.contact")
        language = _contact_language(interview, contact, f"{where}.contact", path)
        channel_text = item.get("channel", "email")
        if channel_text not in CHANNELS:
            raise InputError(f"expected one of {', '.join(CHANNELS)}, got {json.dumps(channel_text)[:40]}",
                             file=path, key=f"{where}.channel")
        body = item.get("body")
        if not isinstance(body, str):
            raise InputError("expected the message text (a string)", file=path, key=f"{where}.body")
        subject = item.get("subject")
        if subject is not None and not isinstance(subject, str):
            raise InputError("expected a string or null", file=path, key=f"{where}.subject")
        channel = Channel(channel_text)
        body = normalise_text(body).strip()
        drafts.append(Draft(contact, channel, language, body,
                            normalise_text(subject).strip() if channel is Channel.EMAIL and subject else
                            ("" if channel is Channel.EMAIL and subject == "" else None)))
    return drafts


# Human output: each finding with the offending text highlighted in its line.
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.SUGGESTION: "cyan"}
_WORDS = {
    Language.EN: {"error": ("error", "errors"), "warning": ("warning", "warnings"),
                  "suggestion": ("suggestion", "suggestions"), "clean": "No findings: ready to send.",
                  "subject": "subject", "line": "line", "for": "for"},
    Language.NL: {"error": ("fout", "fouten"), "warning": ("waarschuwing", "waarschuwingen"),
                  "suggestion": ("suggestie", "suggesties"), "clean": "Geen bevindingen: klaar om te versturen.",
                  "subject": "onderwerp", "line": "regel", "for": "voor"},
}
CONTEXT = 60


def render_draft(draft: Draft, findings: list[Finding], interview: Interview, *, heading: bool = False) -> None:
    from rich.markup import escape
    from rich.text import Text

    out = console()
    words = _WORDS[draft.language]
    if heading:
        name = next((c.name for c in interview.contacts if c.id == draft.contact), draft.contact)
        out.print(Text(f"{name} ({draft.contact}) · {draft.channel}", style="bold underline"))
    for f in findings:
        style = _STYLE[f.severity]
        out.print(f"[{style}]{f.severity}[/] [bold]{escape(f.code)}[/]: {escape(f.message)}")
        if f.start is not None and f.end is not None:
            source = (draft.subject or "") if f.in_subject else draft.body
            out.print(_excerpt(source, f.start, f.end, style, words, f.in_subject, marks=not out.is_terminal))
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    if not findings:
        out.print(f"[green]{words['clean']}[/]")
    else:
        parts = [f"{n} {words[str(s)][0 if n == 1 else 1]}" for s, n in counts.items() if n]
        out.print(", ".join(parts))
    if heading:
        out.print()


def _excerpt(source: str, start: int, end: int, style: str, words: Mapping[str, object], in_subject: bool,
             *, marks: bool = False) -> object:
    """The line around [start, end) with that span highlighted (between » « when there is no colour)."""
    from rich.text import Text

    start = max(0, min(start, len(source)))
    end = max(start, min(end, len(source)))
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    if line_end < 0:
        line_end = len(source)
    left = max(line_start, start - CONTEXT)
    right = min(line_end, end + CONTEXT, start + 400)
    where = str(words["subject"]) if in_subject else f"{words['line']} {source.count(chr(10), 0, start) + 1}"
    text = Text(f"    {where}: ", style="dim")
    text.append("…" if left > line_start else "")
    text.append(source[left:start].replace("\n", " "))
    text.append("»" if marks else "")
    text.append(source[start:min(end, start + 400)].replace("\n", " ⏎ "), style=f"{style} underline")
    text.append("«" if marks else "")
    text.append(source[min(end, start + 400):right].replace("\n", " "))
    text.append("…" if right < line_end else "")
    return text


@click.command("rules")
@click.option("--lang", type=click.Choice([str(lang) for lang in Language]), default="en", show_default=True,
              help="Language of the summaries.")
@json_option
def rules(lang: str, as_json: bool) -> None:
    """List every check rule: code, severity, channels and what it catches."""
    from afterword.service.rules import all_rules

    known = all_rules()
    language = Language(lang)
    if as_json:
        print_json({"rules": [
            {"code": r.code, "severity": str(r.severity), "channels": _channels(r.channels),
             "summary": r.summary[language]} for r in known
        ]})
        return
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold", expand=False)
    for title in ("code", "severity", "channels", "summary"):
        table.add_column(title, overflow="fold")
    for r in known:
        table.add_row(r.code, str(r.severity), ", ".join(_channels(r.channels)), r.summary[language])
    console().print(table)


def _channels(channels: frozenset[Channel]) -> list[str]:
    return [str(c) for c in Channel if c in channels]


@click.command("explain")
@click.argument("code")
@click.option("--lang", type=click.Choice([str(lang) for lang in Language]), default="en", show_default=True,
              help="Language of the explanation.")
def explain(code: str, lang: str) -> None:
    """Explain one rule: why it matters, an example, and how to fix it (`--lang nl`: in Dutch)."""
    from afterword.service.rules import all_rules, find_rule

    r = find_rule(code.strip().lower())
    if r is None:
        raise InputError(f"unknown rule `{code}`; known rules: {', '.join(x.code for x in all_rules())}")
    language = Language(lang)
    doc = r.docs(language)
    heads = ("Waarom het ertoe doet", "Voorbeeld", "Oplossing") if language is Language.NL else (
        "Why it matters", "Example", "Fix")
    lines = [f"{r.code} ({r.severity}; {', '.join(_channels(r.channels))})", r.summary[language]]
    if doc.details:
        lines += ["", *doc.details.split("\n\n")]
    for head, text in zip(heads, (doc.why, doc.example, doc.fix), strict=True):
        lines += ["", head, f"  {text}"]
    click.echo("\n".join(lines))
