"""`afterword plan`: the deadline, one row per contact and channel, and the interview findings."""

from __future__ import annotations

from typing import Any

import click

from afterword.cli.common import console, json_option, load, now_option, print_json, resolve_now
from afterword.core.model import Channel, Language, Severity
from afterword.core.timeutil import format_moment, format_remaining, iso
from afterword.plan import CheckInTime, FollowStep, Plan, check_in_time, follow_steps, make_plan

_HEAD = {
    Language.EN: ("Contact", "Channel", "Address", "Status", "Time left", "Deadline", "to draft", "no address",
                  "thanked via"),
    Language.NL: ("Contact", "Kanaal", "Adres", "Status", "Resterend", "Deadline", "op te stellen", "geen adres",
                  "bedankt via"),
}


@click.command("plan")
@click.argument("notes", type=click.Path(dir_okay=True))
@now_option
@json_option
def plan(notes: str, now_text: str | None, as_json: bool) -> int:
    """Who should hear from you, on which channel, by when (deadline: end of interview + 24 h)."""
    interview = load(notes)
    result = make_plan(interview, resolve_now(now_text))
    if as_json:
        print_json(plan_json(result))
    else:
        render(result)
    return 1 if any(f.severity is Severity.ERROR for f in result.findings) else 0


def plan_json(result: Plan) -> dict[str, Any]:
    return {
        "deadline": iso(result.deadline),
        "now": iso(result.now),
        "remaining_seconds": int(result.remaining.total_seconds()),
        "rows": [
            {
                "contact": row.contact.id,
                "name": row.contact.name,
                "channel": str(row.channel) if row.channel else None,
                "address": row.address,
                "status": str(row.status) if row.status else ("to-draft" if row.channel else "no-channel"),
                "deadline": iso(row.deadline),
                "remaining_seconds": int(row.remaining.total_seconds()),
                **({"thanked_via": row.via.id} if row.via is not None else {}),
            }
            for row in result.rows
        ],
        "findings": [f.to_json() for f in result.findings],
        "check_in": _check_in_json(result),
        "follow": [{"who": "org" if step.is_organisation else step.target, "name": step.name,
                    "network": str(step.network), "open_url": step.url} for step in follow_steps(result.interview)],
    }


def _check_in_json(result: Plan) -> dict[str, Any] | None:
    """When a check-in would go to the people emailed, if nobody has answered by then."""
    if not any(row.channel is Channel.EMAIL for row in result.rows):
        return None
    when = _check_in_time(result)
    return {"at": iso(when.at), "waits_for": when.waits_for.latest.isoformat() if when.waits_for else None,
            "waits_for_phrase": {str(lang): when.waits_for.phrase(lang) for lang in Language}
            if when.waits_for else None}


def _check_in_time(result: Plan) -> CheckInTime:
    from afterword.core.errors import AfterwordError
    from afterword.service.delivery import load_config

    try:
        config = load_config()
    except AfterwordError:  # the mail settings are not this command's business: the defaults then
        return check_in_time(result.interview)
    return check_in_time(result.interview, after_days=config.check_in_after_days,
                         default_days=config.check_in_default_days)


def follow_heading(lang: Language) -> str:
    """The heading over follow steps (`plan`, `social`): they never use up a LinkedIn note."""
    return "Volgen (telt niet mee voor de LinkedIn-notities):" if lang is Language.NL \
        else "Follow (does not count as a LinkedIn note):"


def follow_step_text(step: FollowStep, lang: Language) -> str:
    """"Northwind Health (the organisation) — X: https://x.com/northwindhealth"."""
    org = (" (de organisatie)" if lang is Language.NL else " (the organisation)") if step.is_organisation else ""
    return f"{step.name}{org} — {'LinkedIn' if step.network is Channel.LINKEDIN else 'X'}: {step.url}"


def render(result: Plan) -> None:
    from rich.table import Table

    interview = result.interview
    lang = interview.effective_language
    head = _HEAD[lang]
    out = console()
    left = format_remaining(result.remaining, lang)
    colour = "red" if result.overdue else ("yellow" if result.remaining.total_seconds() < 4 * 3600 else "green")
    out.print(f"[bold]{interview.company}[/] — {interview.role}")
    out.print(f"Deadline: {format_moment(result.deadline, lang)}  [bold {colour}]{left}[/]")
    table = Table(show_edge=False, header_style="bold")
    for title in head[:5]:
        table.add_column(title)
    for row in result.rows:
        status = str(row.status) if row.status else (head[6] if row.channel else head[7])
        table.add_row(
            row.contact.name, str(row.channel) if row.channel else "—",
            row.address or (f"{head[8]} {row.via.name}" if row.via is not None else "—"), status,
            left if row.owed else "—",
        )
    out.print(table)
    for f in result.findings:
        style = {"error": "bold red", "warning": "yellow", "suggestion": "cyan"}[str(f.severity)]
        out.print(f"[{style}]{f.severity}[/] [bold]{f.code}[/]: {f.message}", markup=True)
    steps = follow_steps(interview)
    if steps:  # a step of its own, never a LinkedIn note
        out.print(follow_heading(lang), markup=False)
        for step in steps:
            out.print("  " + follow_step_text(step, lang), markup=False)
    if any(row.channel is Channel.EMAIL for row in result.rows):
        when = _check_in_time(result)
        moment = format_moment(when.at, lang)
        waits = when.waits_for.phrase(lang) if when.waits_for else None
        if lang is Language.NL:
            out.print(f"Check-in zonder reactie: {moment}" + (f" (na “{waits}”)" if waits else ""), markup=False)
        else:
            out.print(f"Check-in if nobody answers: {moment}" + (f" (after “{waits}”)" if waits else ""),
                      markup=False)
