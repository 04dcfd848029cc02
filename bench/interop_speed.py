"""Print how fast invitations and business cards are read and reminder calendars written."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from afterword.core.notes import load_notes
from afterword.interop.invitation import read_invitation
from afterword.interop.reminders import write_reminders
from afterword.interop.vcard import merge_cards, read_vcards

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
NOW = datetime(2026, 11, 1, tzinfo=UTC)


def timed(label: str, repeat: int, work: Callable[[], object]) -> None:
    work()  # warm caches and lazy imports
    start = time.perf_counter()
    for _ in range(repeat):
        work()
    per = (time.perf_counter() - start) / repeat
    print(f"{label:<58} {per * 1000:8.2f} ms")


def main() -> None:
    google = (DATA / "ics" / "google-meet-amsterdam.ics").read_bytes()
    teams = (DATA / "ics" / "teams-windows-zone-nl.ics").read_bytes()
    weekly = (DATA / "ics" / "recurring-weekly.ics").read_bytes()
    sydney = (DATA / "real-world" / "vobject" / "ms_tzid.ics").read_bytes()
    iphone = (DATA / "real-world" / "ez-vcard" / "John_Doe_IPHONE.vcf").read_bytes()
    many_cards = b"".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL;TYPE=WORK:p{i}@acme.example\r\nEND:VCARD\r\n".encode()
        for i in range(1000)
    )
    kw = {"candidate_name": "Sam Jansen"}
    timed("invitation: Google (IANA zone)", 200, lambda: read_invitation(google, "g.ics", now=NOW, **kw))
    timed("invitation: Teams (Windows zone name)", 200, lambda: read_invitation(teams, "t.ics", now=NOW, **kw))
    timed("invitation: weekly recurring with override", 200, lambda: read_invitation(weekly, "w.ics", now=NOW, **kw))
    timed("invitation: VTIMEZONE matched to IANA by its rules", 20,
          lambda: read_invitation(sydney, "s.ics", now=NOW, company="A", role="B", **kw))
    timed("vCard: iPhone export (612 lines, photo)", 200, lambda: read_vcards(iphone, "i.vcf"))
    timed("vCard: 1000 cards in one file", 5, lambda: read_vcards(many_cards, "m.vcf"))
    # Merging is linear: 4,000 cards should take about four times as long as 1,000, not sixteen.
    read_1000 = read_vcards(many_cards, "m.vcf").cards
    read_4000 = read_vcards(many_cards.replace(b"Person ", b"Person A") + many_cards.replace(b"Person ", b"Person B")
                            + many_cards.replace(b"Person ", b"Person C") + many_cards.replace(b"Person ", b"Person D")
                            .replace(b"@acme", b"@d.acme"), "m4.vcf").cards
    timed("vCard: merge 1000 cards into notes", 5, lambda: merge_cards((), read_1000))
    timed("vCard: merge 4000 cards into notes", 5, lambda: merge_cards((), read_4000))
    base = load_notes(ROOT / "examples" / "rijnland-gesprek.toml")
    hundred = [replace(base, start=base.start + timedelta(days=i), end=None) for i in range(100)]
    timed("reminders: 100 interviews → .ics", 10, lambda: write_reminders(hundred, now=NOW))


if __name__ == "__main__":
    main()
