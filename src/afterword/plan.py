"""The follow-up plan: who is owed a message, on which channel, by when; office hours and the check-in date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from afterword.core.lang.when import When, next_step_time
from afterword.core.model import Channel, Contact, Finding, Interview, Language, Severity, TouchpointStatus
from afterword.core.timeutil import ZoneError, format_duration, format_moment, format_remaining, load_zone

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


# -- office hours and the check-in date ---------------------------------------------------------

OFFICE_START = time(9, 0)
OFFICE_END = time(17, 0)
#: A check-in goes out this many working days after the last day the next step can mean ...
CHECK_IN_AFTER_DAYS = 3
#: ... or, when the notes name no time for it, this many working days after the interview.
CHECK_IN_DEFAULT_DAYS = 10
#: The hour (recipient's time) a check-in goes out: inside office hours, not on the stroke of opening.
CHECK_IN_HOUR = time(10, 0)


def recipient_zone(interview: Interview) -> tzinfo:
    """The interview's IANA zone when the notes give one, else the offset its start was written with."""
    if interview.timezone:
        try:
            return load_zone(interview.timezone)
        except ZoneError:
            pass
    zone = interview.start.tzinfo
    return zone if zone is not None else UTC


def in_office_hours(moment: datetime, zone: tzinfo) -> bool:
    local = moment.astimezone(zone)
    return local.weekday() < 5 and OFFICE_START <= local.time() < OFFICE_END


def next_opening(moment: datetime, zone: tzinfo) -> datetime:
    """The first office-hours moment at or after `moment` (weekdays 09:00–17:00 local)."""
    local = moment.astimezone(zone)
    if in_office_hours(local, zone):
        return local
    day = local.date()
    if local.time() >= OFFICE_START:
        day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, OFFICE_START, tzinfo=zone)


def add_working_days(day: date, count: int) -> date:
    """`count` weekdays (Monday–Friday) after `day`."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


@dataclass(frozen=True)
class CheckInTime:
    """When a check-in goes out (in the recipient's zone) and the next step it waits for, if the notes name one."""

    at: datetime
    waits_for: When | None


def check_in_time(interview: Interview, *, after_days: int = CHECK_IN_AFTER_DAYS,
                  default_days: int = CHECK_IN_DEFAULT_DAYS, not_before: datetime | None = None) -> CheckInTime:
    """The check-in's moment: `after_days` working days after the last day the next step can mean
    ("offers early jan" → 10 January), or `default_days` working days after the interview when the notes
    name no time, at 10:00 in the recipient's office hours. A follow-up sent after that (`not_before`)
    moves it to `after_days` working days after the send."""
    zone = recipient_zone(interview)
    met = interview.start.astimezone(zone).date()
    when = next_step_time(interview.next_step, met)
    base, days = (when.latest, after_days) if when is not None else (interview.effective_end.astimezone(zone).date(),
                                                                       default_days)
    at = datetime.combine(add_working_days(base, days), CHECK_IN_HOUR, tzinfo=zone)
    if not_before is not None and at <= not_before:
        sent = not_before.astimezone(zone).date()
        at = datetime.combine(add_working_days(sent, max(after_days, 1)), CHECK_IN_HOUR, tzinfo=zone)
    return CheckInTime(next_opening(at, zone), when)


#: The `target` of a follow step for the organisation's own page (contact ids never start with `@`).
ORGANISATION = "@organisation"


@dataclass(frozen=True)
class FollowStep:
    """Following someone (or the organisation) on LinkedIn or X: a step of its own, with the page to open.

    It never sends a note, so it never counts against the monthly LinkedIn note allowance."""

    target: str  # a contact id, or ORGANISATION
    name: str
    network: Channel  # LINKEDIN or X
    url: str

    @property
    def is_organisation(self) -> bool:
        return self.target == ORGANISATION


def _x_page(handle: str) -> str:
    return "https://x.com/" + handle.strip().lstrip("@")


def follow_steps(interview: Interview) -> tuple[FollowStep, ...]:
    """Who to follow where: every contact with a LinkedIn profile or X handle, then the organisation's pages
    when the notes give them (`company_linkedin`, `company_x`)."""
    steps: list[FollowStep] = []
    for contact in interview.contacts:
        if contact.linkedin:
            steps.append(FollowStep(contact.id, contact.name, Channel.LINKEDIN, contact.linkedin))
        if contact.x:
            steps.append(FollowStep(contact.id, contact.name, Channel.X, _x_page(contact.x)))
    if interview.company_linkedin:
        steps.append(FollowStep(ORGANISATION, interview.company, Channel.LINKEDIN, interview.company_linkedin))
    if interview.company_x:
        steps.append(FollowStep(ORGANISATION, interview.company, Channel.X, _x_page(interview.company_x)))
    return tuple(steps)
