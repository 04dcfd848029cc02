"""Files written by real clients (Google, Exchange, Outlook, iPhone, Android, Gmail, Thunderbird, ...):
import what can be read, and a clear error naming the file (and line) for the rest."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from afterword.core.errors import InputError
from afterword.interop.invitation import read_invitation
from afterword.interop.vcard import Card, read_vcards
from tests.conftest import DATA

REAL = DATA / "real-world"
NOW = datetime(2000, 1, 1, tzinfo=UTC)
OVERRIDES = {"company": "Acme", "role": "Data Engineer", "candidate_name": "Sam Jansen"}

#: file → (start in ISO 8601, IANA zone or None) when it imports; the error's words when it cannot.
INVITATIONS: dict[str, tuple[str, str | None] | str] = {
    "icalendar/alarm_google_future.ics": ("2024-10-04T19:15:00+01:00", "Europe/London"),  # X-WR-TIMEZONE
    "icalendar/bom_calendar.ics": "holds no event",
    "icalendar/calendar_with_unicode.ics": "holds no event",
    "icalendar/event_with_rsvp.ics": "no start time",
    "icalendar/event_with_unicode_organizer.ics": "no start time",
    "icalendar/example.ics": "holds 2 events",
    "icalendar/issue_101_icalendar_chokes_on_umlauts_in_organizer.ics": ("2013-04-16T10:00:00+00:00", "UTC"),
    "icalendar/issue_27_multiple_periods_in_freebusy_multiple_freebusies.ics": "holds no event",
    "icalendar/issue_836_do_not_quote_tzid.ics": ("2024-10-28T17:00:00-04:00", "America/New_York"),
    "icalendar/parsing_error.ics": "holds 2 events",
    "icalendar/property_params.ics": "all-day",
    "icalendar/rfc_7986_conferences.ics": "no start time",
    "icalendar/timezone_same_start.ics": ("2017-02-24T12:00:00-08:00", "America/Los_Angeles"),
    "vobject/ms_tzid.ics": ("2008-05-30T15:00:00+10:00", "Australia/Sydney"),  # "Canberra, Melbourne, Sydney"
    "vobject/tz_us_eastern.ics": "no calendar found",
}


def test_every_real_world_invitation_is_listed() -> None:
    found = {str(p.relative_to(REAL)) for p in REAL.rglob("*.ics")}
    assert found == set(INVITATIONS)


@pytest.mark.parametrize("name", sorted(INVITATIONS))
def test_real_world_invitation(name: str) -> None:
    path = REAL / name
    expected = INVITATIONS[name]
    if isinstance(expected, str):
        with pytest.raises(InputError) as info:
            read_invitation(path.read_bytes(), str(path), now=NOW, **OVERRIDES)  # type: ignore[arg-type]
        assert info.value.file == str(path)
        assert expected in info.value.message
        assert "\n" not in info.value.located()
        return
    interview = read_invitation(path.read_bytes(), str(path), now=NOW, **OVERRIDES).interview  # type: ignore[arg-type]
    assert interview.start.isoformat() == expected[0]
    assert interview.timezone == expected[1]


def test_real_world_choices_and_people() -> None:
    path = REAL / "icalendar" / "example.ics"
    second = read_invitation(path.read_bytes(), str(path), now=NOW, index=2, **OVERRIDES).interview  # type: ignore[arg-type]
    assert [c.email for c in second.contacts] == [
        "me@example.com", "another_friend@example.com", "late_joiner@example.com",
    ]
    path = REAL / "icalendar" / "issue_101_icalendar_chokes_on_umlauts_in_organizer.ics"
    umlaut = read_invitation(path.read_bytes(), str(path), now=NOW, **OVERRIDES).interview  # type: ignore[arg-type]
    assert umlaut.contacts[0].name == "ädmin acme"  # CN="acme, ädmin": directory order, turned round
    path = REAL / "icalendar" / "parsing_error.ics"
    with pytest.raises(InputError) as info:
        read_invitation(path.read_bytes(), str(path), now=NOW, index=1, **OVERRIDES)  # type: ignore[arg-type]
    assert info.value.line == 8  # the all-day DTSTART


#: file → the names read, in order.
CARDS: dict[str, list[str]] = {
    "ez-vcard/John_Doe_ANDROID.vcf": ["John Doe", "Jane Doe", "Ñ Ñ Ñ Ñ Ñ", "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", "Ñ Ñ Ñ Ñ", "ÑÑÑÑ"],
    "ez-vcard/John_Doe_GMAIL.vcf": ["John Richter James Doe"],
    "ez-vcard/John_Doe_IPHONE.vcf": ["John Richter James Doe"],
    "ez-vcard/John_Doe_MS_OUTLOOK.vcf": ["John Richter James Doe"],
    "ez-vcard/gmail-single.vcf": ["Greg Dartmouth"],
    "ez-vcard/outlook-2007.vcf": ["Michael Angstadt"],
    "ez-vcard/rfc6350-example.vcf": ["Simon Perreault"],
    "ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf": ["John Doe"],
    "vobject/radicale-1587.vcf": ["Given Family"],
}


def test_every_real_world_card_file_is_listed() -> None:
    assert {str(p.relative_to(REAL)) for p in REAL.rglob("*.vcf")} == set(CARDS)


@pytest.mark.parametrize("name", sorted(CARDS))
def test_real_world_cards(name: str) -> None:
    path = REAL / name
    result = read_vcards(path.read_bytes(), str(path))
    assert [c.name for c in result.cards] == CARDS[name]
    assert result.skipped == ()


def test_real_world_card_details() -> None:
    def one(name: str) -> Card:
        path = REAL / name
        return read_vcards(path.read_bytes(), str(path)).cards[0]

    gmail = one("ez-vcard/John_Doe_GMAIL.vcf")
    assert (gmail.email, gmail.title, gmail.organisation) == ("john.doe@ibm.com", "Money Counter", "IBM")
    outlook = one("ez-vcard/outlook-2007.vcf")
    assert outlook.email == "mike.angstadt@gmail.com"
    thunderbird = one("ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf")
    assert thunderbird.email == "doe.john@hotmail.com"  # TYPE=PREF of five
    rfc = one("ez-vcard/rfc6350-example.vcf")
    assert rfc.email == "simon.perreault@viagenie.ca"
    path = REAL / "ez-vcard" / "John_Doe_ANDROID.vcf"
    bob = read_vcards(path.read_bytes(), str(path)).cards[4]
    assert bob.email == "bob@company.com"  # EMAIL;PREF;WORK over a quoted-printable non-address


def test_licences_are_kept_beside_the_files() -> None:
    for folder in ("icalendar", "vobject", "ez-vcard"):
        assert any(Path(REAL / folder).glob("LICENSE*"))
