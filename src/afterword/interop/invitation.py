"""A calendar invitation (.ics from Google, Outlook/Exchange, Zoom, Teams) → an Interview."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from afterword.core.errors import InputError, NotesError
from afterword.core.lang.names import fold
from afterword.core.model import Candidate, Contact, Interview, Language
from afterword.core.timeutil import ZoneError, format_moment, load_zone
from afterword.interop.contentlines import Component, ContentLine, read_components, text_value
from afterword.interop.people import clean_email, clean_text, domain_of, email_key, make_id, name_from_email
from afterword.interop.recurrence import Occurrence, pick_occurrence
from afterword.interop.summary import company_from_domain, guess_kind, guess_language, guess_role_company
from afterword.interop.zones import city_zone, iana_name, match_rules

_SKIP_CUTYPES = {"ROOM", "RESOURCE", "GROUP"}
_SKIP_ADDRESS = ("noreply", "no-reply", "donotreply", "@resource.calendar.google.com", "@group.calendar.google.com",
                 "@group.v.calendar.google.com")


@dataclass(frozen=True)
class Invitation:
    """The interview read from an invitation, and one line for each thing that was guessed."""

    interview: Interview
    uid: str | None
    summary: str
    guesses: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Event:
    comp: Component
    ical: Any  # icalendar.Event

    @property
    def uid(self) -> str:
        cl = self.comp.first("UID")
        return cl.value.strip() if cl else ""

    @property
    def summary(self) -> str:
        cl = self.comp.first("SUMMARY")
        return clean_text(" ".join(text_value(cl))) if cl else ""


def read_invitation(
    data: bytes | str,
    filename: str,
    *,
    now: datetime,
    uid: str | None = None,
    index: int | None = None,
    occurrence: date | None = None,
    zone: str | None = None,
    company: str | None = None,
    role: str | None = None,
    candidate_name: str | None = None,
    candidate_email: str | None = None,
    language: Language | None = None,
    local_zone: str | None = None,
) -> Invitation:
    """Read one event as an interview. Several events need `uid` or `index` (1-based); a
    recurring one gives the occurrence on `occurrence`, else the first whose follow-up is still
    due after `now`. Floating times need `zone`; `zone` also sets the zone the interview is shown in.
    `local_zone` (the user's own) shows UTC times when the file names no zone of its own."""
    roots = read_components(data, filename)
    calendars = [c for c in roots if c.name == "VCALENDAR"]
    components = [c for cal in calendars for c in cal.children] + [c for c in roots if c.name == "VEVENT"]
    if not calendars and not components:
        found = roots[0].name if roots else "nothing"
        raise InputError(f"no calendar found (BEGIN:VCALENDAR expected, found {found})", file=filename,
                         line=roots[0].line if roots else 1)
    events = _parse(data, filename, [c for c in components if c.name == "VEVENT"])
    method = calendars[0].first("METHOD") if calendars else None
    if method is not None and method.value.strip().upper() == "CANCEL":
        raise InputError("this is a cancellation (METHOD:CANCEL), not an invitation", file=filename,
                         line=method.line)
    default_zone = None
    if calendars and (wr := calendars[0].first("X-WR-TIMEZONE")) is not None:
        default_zone = iana_name(wr.value)
    display_zone = _zone_option(zone)
    masters = [e for e in events if e.comp.first("RECURRENCE-ID") is None]
    event = _choose(masters, filename, uid, index, display_zone or default_zone)
    overrides = [e for e in events if e.comp.first("RECURRENCE-ID") is not None and e.uid == event.uid]
    status = event.comp.first("STATUS")
    if status is not None and status.value.strip().upper() == "CANCELLED":
        raise InputError("the event is cancelled (STATUS:CANCELLED)", file=filename, line=status.line)
    vtimezones = [c for c in components if c.name == "VTIMEZONE"]
    times = _Times(filename, display_zone or default_zone, display_zone, vtimezones, local_zone)
    start, end = times.span(event)
    guesses: list[str] = []
    if times.used_local:
        guesses.append(f"the invitation gives UTC times: shown in your zone {local_zone}; pass --timezone to change")
    chosen = event
    if event.comp.first("RRULE") or event.comp.first("RDATE"):
        picked: Occurrence = pick_occurrence(event.ical, start, end, now=now, on=occurrence, filename=filename,
                                             line=event.comp.line,
                                             overrides=[(times.recurrence_id(o), o) for o in overrides])
        start, end = picked.start, picked.end
        if picked.override is not None:
            chosen = picked.override
            start, end = times.span(chosen)
        guesses.append(f"recurring event: took the occurrence of {format_moment(start)}")
    people = _people(chosen.comp, filename)
    me = clean_email(candidate_email) if candidate_email else None
    if candidate_email and me is None:
        raise InputError(f"`{candidate_email}` is not an e-mail address", key="--candidate-email")
    organiser = _organiser_email(chosen.comp)
    if me is None and candidate_name:  # the candidate's own name among the guests gives the address
        me = next((e for n, e in people if e and fold(n) == fold(clean_text(candidate_name))), None)
    if me is None:
        me, guessed_name = _guess_candidate(people, organiser)
        if me is not None:
            guesses.append(f"took {me} as you, the candidate (the only guest from outside "
                           f"{domain_of(organiser)}); pass --candidate-email to change")
            candidate_name = candidate_name or guessed_name
    if me is not None and not candidate_name:
        candidate_name = next((n for n, e in people if email_key(e) == email_key(me)), None)
    contacts_people = [(name, email) for name, email in people if email_key(email) != email_key(me)]
    if not candidate_name:
        raise InputError("cannot tell who you are from the invitation; pass --candidate \"Your Name\"",
                         file=filename)
    summary = chosen.summary or event.summary
    description = " ".join(text_value(d)) if (d := chosen.comp.first("DESCRIPTION")) else ""
    location = " ".join(text_value(loc)) if (loc := chosen.comp.first("LOCATION")) else ""
    extra = " ".join(cl.value for cl in chosen.comp.lines if cl.name.startswith(("X-", "CONFERENCE")))
    guess = guess_role_company(summary, names=(candidate_name, *(n for n, _ in people)), organiser_email=organiser)
    company = clean_text(company) if company else guess.company
    if not company and (from_domain := company_from_domain(organiser)):
        company = from_domain
        guesses.append(f"company `{company}` guessed from the organiser's address; pass --company to change")
    role = clean_text(role) if role else guess.role
    where = f" (summary: `{summary}`)" if summary else ""
    if not company:
        raise InputError(f"cannot tell the company from the invitation{where}; pass --company", file=filename)
    if not role:
        raise InputError(f"cannot tell the role from the invitation{where}; pass --role", file=filename)
    lang = language or guess_language(summary, description) or Language.EN
    taken: set[str] = set()
    contacts = tuple(
        Contact(id=make_id(name, taken), name=name, email=email) for name, email in contacts_people
    )
    kind = guess_kind(summary, description, location, extra)
    interview = Interview(
        candidate=Candidate(name=clean_text(candidate_name), email=me),
        company=company,
        role=role,
        start=start,
        end=end,
        timezone=times.zone_name(start),
        kind=kind,
        language=lang,
        contacts=contacts,
    )
    _validate(interview, filename)
    return Invitation(interview, event.uid or None, summary, tuple(guesses))


def _zone_option(zone: str | None) -> str | None:
    if zone is None:
        return None
    try:
        load_zone(zone)
    except ZoneError as exc:
        raise InputError(str(exc), key="--timezone") from None
    return zone


def _parse(data: bytes | str, filename: str, comps: list[Component]) -> list[_Event]:
    import icalendar

    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    raw = raw.lstrip(b"\xef\xbb\xbf")
    try:
        parsed = icalendar.Component.from_ical(raw, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise InputError(f"not a valid calendar: {exc}", file=filename) from None
    ical_events = [ev for comp in parsed for ev in comp.walk("VEVENT")]
    if not comps:
        raise InputError("the calendar holds no event (BEGIN:VEVENT)", file=filename)
    if len(ical_events) != len(comps):
        raise InputError("cannot match the events of the calendar; is it complete?", file=filename)
    return [_Event(c, ev) for c, ev in zip(comps, ical_events, strict=True)]


def _choose(masters: list[_Event], filename: str, uid: str | None, index: int | None, zone: str | None) -> _Event:
    def listing() -> str:
        return "; ".join(f"{i}) {_brief(e)}" for i, e in enumerate(masters, start=1))

    if uid is not None:
        for e in masters:
            if e.uid == uid.strip():
                return e
        raise InputError(f"no event with UID `{uid}`; the file has: {listing()}", file=filename, key="--uid")
    if index is not None:
        if 1 <= index <= len(masters):
            return masters[index - 1]
        raise InputError(f"there is no event {index}; the file has {len(masters)}: {listing()}", file=filename,
                         key="--index")
    if len(masters) == 1:
        return masters[0]
    if not masters:
        raise InputError("the calendar holds no event (BEGIN:VEVENT)", file=filename)
    raise InputError(f"the file holds {len(masters)} events; choose one with --uid or --index: {listing()}",
                     file=filename)


def _brief(e: _Event) -> str:
    start = e.comp.first("DTSTART")
    when = start.value.strip() if start else "no start"
    return f"`{e.summary or '(no summary)'}` {when} UID {e.uid or '(none)'} (line {e.comp.line})"


class _Times:
    """Turns DTSTART/DTEND values into aware datetimes in an IANA zone where one can be named."""

    def __init__(self, filename: str, floating_zone: str | None, display_zone: str | None,
                 vtimezones: list[Component], local_zone: str | None = None) -> None:
        self.filename = filename
        self.local_zone = local_zone
        self.used_local = False
        self.floating_zone = floating_zone
        self.display_zone = display_zone
        self.vtimezones = vtimezones
        self._zone: str | None = display_zone

    def span(self, event: _Event) -> tuple[datetime, datetime | None]:
        start_line = event.comp.first("DTSTART")
        if start_line is None:
            raise InputError("the event has no start time (DTSTART)", file=self.filename, line=event.comp.line)
        start = self.moment(event, "DTSTART", start_line)
        end_line = event.comp.first("DTEND")
        end: datetime | None = None
        if end_line is not None:
            end = self.moment(event, "DTEND", end_line)
        elif (dur := event.comp.first("DURATION")) is not None:
            delta = _attr(event.ical.get("DURATION"), "dt")
            if not isinstance(delta, timedelta):
                raise InputError(f"cannot read DURATION `{dur.value}`", file=self.filename, line=dur.line)
            end = start + delta
        if end is not None and end < start:
            raise InputError("the event ends before it starts (DTEND before DTSTART)", file=self.filename,
                             line=(end_line or start_line).line)
        if end is not None and end == start:
            end = None
        return start, end

    def recurrence_id(self, event: _Event) -> datetime:
        cl = event.comp.first("RECURRENCE-ID")
        assert cl is not None
        return self.moment(event, "RECURRENCE-ID", cl)

    def moment(self, event: _Event, name: str, cl: ContentLine) -> datetime:
        for err_name, message in getattr(event.ical, "errors", []):
            if err_name == name:
                raise InputError(f"cannot read {name} `{cl.value}`: {message}", file=self.filename, line=cl.line)
        prop = event.ical.get(name)
        value = _attr(prop, "dt")
        if isinstance(value, date) and not isinstance(value, datetime):
            raise InputError(f"{name} is a date without a time (an all-day event); an interview needs a start "
                             "time", file=self.filename, line=cl.line)
        if not isinstance(value, datetime):
            raise InputError(f"cannot read {name} `{cl.value}`", file=self.filename, line=cl.line)
        tzid = (cl.param("TZID") or [""])[0]
        wall = value.replace(tzinfo=None)
        if tzid:
            name_found = iana_name(tzid)
            if name_found is None and value.tzinfo is not None:
                name_found = match_rules(value.tzinfo, value, hint=tzid)
            elif name_found is None:  # no VTIMEZONE: `(UTC+01:00) Amsterdam, Berlin, ...` names a city
                name_found = city_zone(tzid)
            if name_found is not None:
                self._zone = self._zone or name_found
                return self._localise(wall, name_found, cl)
            if value.tzinfo is not None:
                return value.astimezone(value.tzinfo)
            if self.floating_zone is not None:
                self._zone = self._zone or self.floating_zone
                return self._localise(wall, self.floating_zone, cl)
            raise InputError(f"unknown time zone `{tzid}` and no VTIMEZONE describes it; pass --timezone",
                             file=self.filename, line=cl.line)
        if value.tzinfo is None:
            if self.floating_zone is None:
                raise InputError(
                    f"{name} {wall:%Y-%m-%d %H:%M} has no time zone (a floating time); pass --timezone, "
                    "e.g. --timezone Europe/Amsterdam", file=self.filename, line=cl.line,
                )
            self._zone = self._zone or self.floating_zone
            return self._localise(wall, self.floating_zone, cl)
        # UTC: shown in the chosen zone, else in the zone the calendar itself describes
        target = self._zone or self.floating_zone or self._only_vtimezone()
        if target is None and self.local_zone:
            target = self.local_zone
            self.used_local = True
        target = target or "UTC"
        self._zone = target
        return value.astimezone(load_zone(target))

    def _localise(self, wall: datetime, zone_name: str, cl: ContentLine) -> datetime:
        zone: tzinfo = load_zone(zone_name)
        moment = wall.replace(tzinfo=zone)
        if moment.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
            raise InputError(f"{wall:%Y-%m-%d %H:%M} does not exist in {zone_name} (the clocks skip that hour)",
                             file=self.filename, line=cl.line)
        return moment.astimezone(load_zone(self.display_zone)) if self.display_zone else moment

    def _only_vtimezone(self) -> str | None:
        names = {iana_name(cl.value) for c in self.vtimezones if (cl := c.first("TZID")) is not None}
        names.discard(None)
        return names.pop() if len(names) == 1 else None

    def zone_name(self, start: datetime) -> str | None:
        key = getattr(start.tzinfo, "key", None)
        return key if isinstance(key, str) else None


def _attr(prop: Any, attr: str) -> Any:
    """An attribute of an icalendar value, or None when icalendar could not parse the value
    (icalendar 7 raises BrokenCalendarProperty on access; the caller then names the line)."""
    if isinstance(prop, list):  # the property was given more than once
        return None
    try:
        return getattr(prop, attr, None)
    except Exception:
        return None


def _params_name(cl: ContentLine) -> str | None:
    cn = ",".join(cl.param("CN"))
    cn = cn.replace("^n", " ").replace("^'", '"').replace("^^", "^").replace("\\,", ",").replace("\\;", ";")
    cn = clean_text(cn.strip().strip('"').strip("'"))
    family, comma, given = cn.partition(",")
    if comma and given.strip() and "," not in given and "@" not in cn and len(given.split()) <= 2:
        cn = f"{given.strip()} {family.strip()}"  # directory order `Vries, Maria de`
    return cn or None


def _people(comp: Component, filename: str) -> list[tuple[str, str | None]]:
    """Organiser first, then attendees; rooms, declined and non-participants left out; no repeats."""
    out: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for cl in comp.all("ORGANIZER") + comp.all("ATTENDEE"):
        email = clean_email(cl.value)
        cutype = {v.upper() for v in cl.param("CUTYPE")}
        if cutype & _SKIP_CUTYPES or "DECLINED" in {v.upper() for v in cl.param("PARTSTAT")}:
            continue
        if "NON-PARTICIPANT" in {v.upper() for v in cl.param("ROLE")}:
            continue
        if email and any(marker in email.lower() for marker in _SKIP_ADDRESS):
            continue
        name = _params_name(cl)
        if name and email and name.casefold() == email.casefold():
            name = None
        if not name and not email:
            continue
        key = email_key(email) or f"name:{name}"
        if key in seen:
            continue
        seen.add(key)
        out.append((name or name_from_email(email or ""), email))
    return out


def _organiser_email(comp: Component) -> str | None:
    cl = comp.first("ORGANIZER")
    return clean_email(cl.value) if cl else None


def _guess_candidate(people: list[tuple[str, str | None]], organiser: str | None) -> tuple[str | None, str | None]:
    """The one guest whose mail domain differs from the organiser's company domain."""
    home = domain_of(organiser)
    if not home or company_from_domain(organiser) is None:
        return None, None
    outsiders = [(n, e) for n, e in people if e and domain_of(e) != home]
    if len(outsiders) == 1 and len(people) > 1:
        return outsiders[0][1], outsiders[0][0]
    return None, None


def _validate(interview: Interview, filename: str) -> None:
    """The result must be a valid notes file; say so in terms of the invitation if not."""
    from afterword.core.notes import dump_notes, parse_notes

    try:
        parse_notes(dump_notes(interview), filename="(from invitation)")
    except NotesError as exc:
        raise InputError(f"the invitation does not make a valid interview: {exc.message}", file=filename,
                         key=exc.key) from None
