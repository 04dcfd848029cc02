"""Turn an `Interview` into table rows and back, losslessly (times keep their zone or offset)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from afterword.core.model import (
    Candidate,
    Channel,
    Contact,
    ContactRole,
    Formality,
    Interview,
    Language,
    Moment,
    Need,
    Question,
    Strength,
    TouchpointStatus,
)
from afterword.store.records import StatusChange, Touchpoint

Row = Mapping[Any, Any]


def identity(interview: Interview) -> str:
    """What makes two imports the same interview: company, role, start instant and candidate."""
    parts = [
        " ".join(interview.company.split()).casefold(),
        " ".join(interview.role.split()).casefold(),
        interview.start.astimezone(UTC).isoformat(),
        " ".join(interview.candidate.name.split()).casefold(),
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def _offset(moment: datetime) -> int:
    delta = moment.utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


def interview_values(interview: Interview) -> dict[str, Any]:
    """The `interviews` columns for one interview (without owner, counters and timestamps)."""
    cand = interview.candidate
    end = interview.end
    return {
        "identity": identity(interview),
        "candidate_name": cand.name,
        "candidate_email": cand.email,
        "candidate_phone": cand.phone,
        "candidate_linkedin": cand.linkedin,
        "company": interview.company,
        "role": interview.role,
        "start_utc": interview.start,
        "start_offset": _offset(interview.start),
        "end_utc": end,
        "end_offset": _offset(end) if end is not None else None,
        "timezone": interview.timezone,
        "kind": interview.kind,
        "language": str(interview.language) if interview.language else None,
        "theme": interview.theme,
        "next_step": interview.next_step,
        "company_linkedin": interview.company_linkedin,
        "company_x": interview.company_x,
        "deadline_utc": interview.deadline,
    }


def contact_values(contact: Contact, position: int) -> dict[str, Any]:
    return {
        "key": contact.id,
        "position": position,
        "name": contact.name,
        "title": contact.title,
        "role": str(contact.role) if contact.role else None,
        "met": contact.met,
        "email": contact.email,
        "linkedin": contact.linkedin,
        "x": contact.x,
        "language": str(contact.language) if contact.language else None,
        "formality": str(contact.formality) if contact.formality else None,
        "gave_contact": contact.gave_contact,
        "salutation": contact.salutation,
        "x_dm": contact.x_dm,
    }


def item_values(interview: Interview) -> list[dict[str, Any]]:
    """Needs, strengths, moments and questions as `items` rows, in notes order."""
    rows: list[dict[str, Any]] = []
    rows += [{"kind": "need", "position": i, "key": n.id, "text": n.text, "refs": list(n.raised_by)}
             for i, n in enumerate(interview.needs)]
    rows += [{"kind": "strength", "position": i, "key": None, "text": s.text, "refs": list(s.answers)}
             for i, s in enumerate(interview.strengths)]
    rows += [{"kind": "moment", "position": i, "key": None, "text": m.text, "refs": list(m.with_)}
             for i, m in enumerate(interview.moments)]
    rows += [{"kind": "question", "position": i, "key": None, "text": q.text, "refs": list(q.for_)}
             for i, q in enumerate(interview.questions)]
    return rows


def zone(name: str | None, offset: int) -> tzinfo:
    if name:
        return ZoneInfo(name)
    return timezone(timedelta(seconds=offset)) if offset else UTC


def _moment(utc: datetime, zone_name: str | None, offset: int) -> datetime:
    return utc.astimezone(zone(zone_name, offset))


def to_contact(row: Row) -> Contact:
    return Contact(
        id=row["key"],
        name=row["name"],
        title=row["title"],
        role=ContactRole(row["role"]) if row["role"] else None,
        met=row["met"],
        email=row["email"],
        linkedin=row["linkedin"],
        x=row["x"],
        language=Language(row["language"]) if row["language"] else None,
        formality=Formality(row["formality"]) if row["formality"] else None,
        gave_contact=row["gave_contact"],
        salutation=row["salutation"],
        x_dm=row["x_dm"],
    )


def to_interview(row: Row, contact_rows: Iterable[Row], item_rows: Sequence[Row] = ()) -> Interview:
    """Rebuild the `Interview` from its row, its contacts (in order) and its items."""
    kinds: dict[str, list[Row]] = {"need": [], "strength": [], "moment": [], "question": []}
    for item in sorted(item_rows, key=lambda r: (r["kind"], r["position"])):
        kinds[item["kind"]].append(item)
    end = row["end_utc"]
    return Interview(
        candidate=Candidate(
            name=row["candidate_name"], email=row["candidate_email"],
            phone=row["candidate_phone"], linkedin=row["candidate_linkedin"],
        ),
        company=row["company"],
        role=row["role"],
        start=_moment(row["start_utc"], row["timezone"], row["start_offset"]),
        end=_moment(end, row["timezone"], row["end_offset"]) if end is not None else None,
        timezone=row["timezone"],
        kind=row["kind"],
        language=Language(row["language"]) if row["language"] else None,
        theme=row["theme"],
        next_step=row["next_step"],
        company_linkedin=row.get("company_linkedin"),
        company_x=row.get("company_x"),
        contacts=tuple(to_contact(c) for c in sorted(contact_rows, key=lambda r: r["position"])),
        needs=tuple(Need(id=r["key"], text=r["text"], raised_by=tuple(r["refs"])) for r in kinds["need"]),
        strengths=tuple(Strength(text=r["text"], answers=tuple(r["refs"])) for r in kinds["strength"]),
        moments=tuple(Moment(text=r["text"], with_=tuple(r["refs"])) for r in kinds["moment"]),
        questions=tuple(Question(text=r["text"], for_=tuple(r["refs"])) for r in kinds["question"]),
    )


def to_touchpoint(row: Row, history: Iterable[StatusChange]) -> Touchpoint:
    """A touchpoint from its row (times aware in UTC) and its history."""
    times = {s: row[f"{s}_at"] for s in TouchpointStatus if row[f"{s}_at"] is not None}
    return Touchpoint(
        interview_id=row["interview_id"], contact=row["contact_key"], channel=Channel(row["channel"]),
        status=TouchpointStatus(row["status"]), language=Language(row["language"]),
        subject=row["subject"], body=row["body"], version=row["version"],
        created_at=row["created_at"], updated_at=row["updated_at"], times=times, history=tuple(history),
    )
