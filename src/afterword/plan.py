"""The follow-up plan: who is owed a message, on which channel, by when."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from afterword.core.model import Channel, Contact, Finding, Interview, Language, Severity, TouchpointStatus
from afterword.core.timeutil import format_duration, format_moment, format_remaining

DUE_SOON = timedelta(hours=4)

StatusMap = Mapping[tuple[str, Channel], TouchpointStatus]


@dataclass(frozen=True)
class PlanRow:
    """One contact on one channel; `channel` is None for a contact who cannot be reached."""

    contact: Contact
    channel: Channel | None
    deadline: datetime
    remaining: timedelta
    status: TouchpointStatus | None
    via: Contact | None = None  # without a channel: thanked in this person's email

    @property
    def address(self) -> str | None:
        return self.contact.address(self.channel) if self.channel else None

    @property
    def owed(self) -> bool:
        return self.channel is not None and (self.status is None or not self.status.is_done)


@dataclass(frozen=True)
class Plan:
    interview: Interview
    now: datetime
    deadline: datetime
    remaining: timedelta
    rows: tuple[PlanRow, ...]
    findings: tuple[Finding, ...]

    @property
    def overdue(self) -> bool:
        return self.remaining < timedelta(0)


def make_plan(interview: Interview, now: datetime, statuses: StatusMap | None = None) -> Plan:
    """Build the plan at `now`.

    Without `statuses` (a notes file, no database) every channel with an address counts as
    drafted by `afterword draft` and nothing as sent yet.
    """
    deadline = interview.deadline
    remaining = deadline.astimezone(UTC) - now.astimezone(UTC)  # absolute, whatever the zones
    rows: list[PlanRow] = []
    findings: list[Finding] = []
    lang = interview.effective_language
    for contact in interview.contacts:
        channels = contact.channels
        if not channels:
            rows.append(PlanRow(contact, None, deadline, remaining, None, interview.thanked_via(contact)))
        for channel in channels:
            status = statuses.get((contact.id, channel)) if statuses is not None else None
            rows.append(PlanRow(contact, channel, deadline, remaining, status))
        findings.extend(_contact_findings(interview, contact, statuses, remaining, lang))
    return Plan(interview, now, deadline, remaining, tuple(rows), tuple(findings))


def _contact_findings(
    interview: Interview, contact: Contact, statuses: StatusMap | None, remaining: timedelta, lang: Language
) -> list[Finding]:
    channels = contact.channels
    if not channels and not contact.gave_contact_details:
        return []
    out: list[Finding] = []
    own = [statuses.get((contact.id, ch)) for ch in channels] if statuses is not None else []
    if not channels:
        out.append(_finding("uncovered-contact", Severity.WARNING, contact, lang, "no-address"))
    elif statuses is not None and all(s is None for s in own):
        out.append(_finding("uncovered-contact", Severity.WARNING, contact, lang, "not-drafted"))
    done = any(s is not None and s.is_done for s in own)
    if done:
        return out
    deadline_text = format_moment(interview.deadline, lang)
    if remaining < timedelta(0):
        out.append(
            _finding("overdue", Severity.ERROR, contact, lang, "overdue",
                     span=format_remaining(remaining, lang), deadline=deadline_text)
        )
    elif remaining < DUE_SOON:
        out.append(
            _finding("due-soon", Severity.WARNING, contact, lang, "due-soon",
                     span=format_duration(remaining, lang), deadline=deadline_text)
        )
    return out


_MESSAGES: dict[str, dict[Language, str]] = {
    "no-address": {
        Language.EN: "{name} gave contact details, but the notes hold no email, LinkedIn or X address; "
                     "add one so a follow-up can reach them.",
        Language.NL: "{name} gaf contactgegevens, maar de notities bevatten geen e-mail-, LinkedIn- of X-adres; "
                     "voeg er een toe zodat een bericht aankomt.",
    },
    "not-drafted": {
        Language.EN: "{name} gave contact details but has no follow-up drafted, scheduled or sent.",
        Language.NL: "{name} gaf contactgegevens, maar er is nog geen bericht opgesteld, gepland of verstuurd.",
    },
    "overdue": {
        Language.EN: "The 24-hour window closed ({deadline}; {span}) and {name} has no follow-up sent. "
                     "Send it now: late still beats never.",
        Language.NL: "De termijn van 24 uur is verstreken ({deadline}; {span}) en {name} heeft nog geen bericht. "
                     "Stuur het nu: laat is beter dan nooit.",
    },
    "due-soon": {
        Language.EN: "Only {span} until the deadline ({deadline}) and {name} has no follow-up sent yet.",
        Language.NL: "Nog maar {span} tot de deadline ({deadline}) en {name} heeft nog geen bericht.",
    },
}


def _finding(code: str, severity: Severity, contact: Contact, lang: Language, message: str,
             **values: str) -> Finding:
    text = _MESSAGES[message][lang].format(name=contact.name, **values)
    return Finding(code=code, severity=severity, message=text, contact=contact.id)
