"""Write an `Interview` back as a notes file (format 1); parse(dump(x)) == x."""

from __future__ import annotations

from typing import Any

from afterword.core.model import Interview


def dump_notes(interview: Interview) -> str:
    import tomli_w

    doc: dict[str, Any] = {"format": 1}
    cand = interview.candidate
    doc["candidate"] = _compact(
        {"name": cand.name, "email": cand.email, "phone": cand.phone, "linkedin": cand.linkedin}
    )
    start, end = interview.start, interview.end
    if interview.timezone:
        start = start.replace(tzinfo=None)
        end = end.replace(tzinfo=None) if end is not None else None
    doc["interview"] = _compact(
        {
            "company": interview.company,
            "role": interview.role,
            "start": start,
            "end": end,
            "timezone": interview.timezone,
            "kind": interview.kind,
            "language": interview.language,
            "theme": interview.theme,
            "next_step": interview.next_step,
            "company_linkedin": interview.company_linkedin,
            "company_x": interview.company_x,
        }
    )
    tables: dict[str, list[dict[str, Any]]] = {
        "contacts": [
            _compact(
                {
                    "id": c.id,
                    "name": c.name,
                    "title": c.title,
                    "role": c.role,
                    "met": c.met,
                    "email": c.email,
                    "linkedin": c.linkedin,
                    "x": c.x,
                    "language": c.language,
                    "formality": c.formality,
                    "gave_contact": c.gave_contact,
                    "salutation": c.salutation,
                    "x_dm": c.x_dm,
                }
            )
            for c in interview.contacts
        ],
        "needs": [_compact({"id": n.id, "text": n.text, "raised_by": list(n.raised_by)}) for n in interview.needs],
        "strengths": [_compact({"text": s.text, "answers": list(s.answers)}) for s in interview.strengths],
        "moments": [_compact({"text": m.text, "with": list(m.with_)}) for m in interview.moments],
        "questions": [_compact({"text": q.text, "for": list(q.for_)}) for q in interview.questions],
    }
    for name, rows in tables.items():
        if rows:
            doc[name] = rows
    return tomli_w.dumps(doc, multiline_strings=False)


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Drop keys the notes did not give; enums become their plain string."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or value == []:
            continue
        out[key] = str(value) if hasattr(value, "value") and isinstance(value, str) else value
    return out
