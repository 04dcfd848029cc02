"""The courteous check-in: find the decision date in `next_step` (en/nl) and draft a check-in once it passed.

The composer's `compose_check_in` is used when it exists; otherwise the templates below.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from afterword.core.model import Channel, Contact, Draft, Formality, Interview, Language
from afterword.core.timeutil import format_date

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "juni": 6, "juli": 7, "augustus": 8,
    "oktober": 10, "okt": 10, "mrt": 3,
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|e)?\s+({_MONTH})\.?(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.IGNORECASE)
_WEEK_OF = re.compile(r"\bweek\s+(of|van)\s*$", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def decision_date(next_step: str | None, after: date) -> date | None:
    """The date named in `next_step` ("Decision by 11 December", "beslissing voor 12 december 2026").

    Without a year, the first such date on or after `after` (the interview day).
    """
    if not next_step:
        return None
    found: tuple[int, int, int | None] | None = None
    where = 0
    if (m := _ISO.search(next_step)) is not None:
        found = (int(m.group(3)), int(m.group(2)), int(m.group(1)))
    elif (m := _DAY_MONTH.search(next_step)) is not None:
        found = (int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3)) if m.group(3) else None)
        where = m.start()
    elif (m := _MONTH_DAY.search(next_step)) is not None:
        found = (int(m.group(2)), _MONTHS[m.group(1).lower()], int(m.group(3)) if m.group(3) else None)
        where = m.start()
    if found is None:
        return None
    day, month, year = found
    try:
        if year is not None:
            named = date(year, month, day)
        else:
            named = date(after.year, month, day)
            named = named if named >= after else date(after.year + 1, month, day)
    except ValueError:
        return None
    # "in the week of 7 December" / "in de week van 7 december": news is due by the end of that week.
    if _WEEK_OF.search(next_step[:where]):
        return named + timedelta(days=6 - named.weekday())
    return named


def check_in_due(interview: Interview, now: datetime) -> date | None:
    """The decision date when it has passed (in the interview's zone), else None."""
    local_start = interview.start
    decided = decision_date(interview.next_step, local_start.date())
    if decided is None:
        return None
    today = now.astimezone(local_start.tzinfo).date()
    return decided if today > decided else None


def _given(contact: Contact) -> str:
    from afterword.core.lang.names import given_name

    return given_name(contact.name)


def template_check_in(interview: Interview, contact: Contact, decided: date) -> Draft:
    """The fallback check-in e-mail, in the contact's language and register."""
    language = interview.language_of(contact)
    met = format_date(interview.start, language, weekday=False)
    when = format_date(datetime.combine(decided, datetime.min.time()), language, weekday=False)
    name = interview.candidate.name
    topic = interview.theme or interview.role
    formal = contact.effective_formality is Formality.FORMAL
    if language is Language.NL:
        you, your = ("u", "uw") if formal else ("je", "je")
        greeting = f"Geachte {contact.name}" if formal else f"Beste {_given(contact)}"
        subject = f"Stand van zaken: {interview.role} bij {interview.company}"
        body = (
            f"{greeting},\n\n"
            f"Op {met} spraken we over {topic}. Toen gaf {you} aan dat er rond {when} meer duidelijk zou zijn "
            f"over de volgende stap. Ik ben nog steeds enthousiast over de functie van {interview.role} en "
            f"hoor graag hoe het ervoor staat.\n\n"
            f"Is er iets dat ik nog kan aanvullen om {your} beslissing te helpen?\n\n"
            f"Met vriendelijke groet,\n{name}\n"
        )
    else:
        greeting = f"Dear {contact.name}" if formal else f"Hi {_given(contact)}"
        subject = f"Checking in on the {interview.role} role at {interview.company}"
        body = (
            f"{greeting},\n\n"
            f"When we spoke on {met} about {topic}, you mentioned there would be news on the next step "
            f"around {when}. I am still keen on the {interview.role} role and would be glad to hear where "
            f"things stand.\n\n"
            f"Is there anything more I can share that would help your decision?\n\n"
            f"Kind regards,\n{name}\n"
        )
    return Draft(contact=contact.id, channel=Channel.EMAIL, language=language, body=body, subject=subject)


def propose_check_in(interview: Interview, contact: Contact, decided: date) -> Draft:
    """The composer's check-in when it offers one, else the template above."""
    try:
        from afterword import compose

        composer = compose.compose_check_in  # type: ignore[attr-defined]
    except (ImportError, AttributeError):
        return template_check_in(interview, contact, decided)
    draft = composer(interview, contact.id)
    assert isinstance(draft, Draft)
    return draft
