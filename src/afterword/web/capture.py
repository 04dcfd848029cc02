"""The capture form: turn posted fields into a notes file and validate it with the notes parser.

The browser never types ids: people and needs rows carry a stable row key (`p1`, `n2`), and the
checkboxes for "who raised what" post those keys. Here the keys become readable ids (`maria`,
`latency`), the whole form becomes format-1 TOML, and `core.notes.parse_notes` applies exactly
the rules a notes file gets. A parser error is mapped back to the form field it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, tzinfo
from typing import Any

from afterword.core.errors import NotesError
from afterword.core.lang.names import fold, given_name
from afterword.core.model import Interview, Language
from afterword.core.notes import parse_notes
from afterword.core.text import Text

CONTACT_FIELDS = ("name", "title", "role", "met", "email", "linkedin", "x", "language", "formality")
ROW_TABLES = {
    "contacts": CONTACT_FIELDS,
    "needs": ("text",),
    "strengths": ("text",),
    "moments": ("text",),
    "questions": ("text",),
}
#: which list field of a row table refers to which keyed table
REFERENCES = {"needs": ("raised_by", "contacts"), "strengths": ("answers", "needs"),
              "moments": ("with", "contacts"), "questions": ("for", "contacts")}
INTERVIEW_FIELDS = ("company", "role", "kind", "language", "theme", "next_step")
_ROW_FIELD = re.compile(r"^(contacts|needs|strengths|moments|questions)-(\d{1,3})-([a-z_]+)$")
MAX_ROWS = 200


@dataclass
class Row:
    """One row of a repeated section as posted (text fields, list fields, its browser key)."""

    index: int
    values: dict[str, str] = field(default_factory=dict)
    refs: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.values.get("key", "")

    def blank(self) -> bool:
        return not any(v.strip() for k, v in self.values.items() if k != "key" and k not in ("role", "language",
                                                                                          "formality"))


@dataclass
class Capture:
    """The form as posted, ready to re-render, plus the validated interview or the error."""

    fields: dict[str, str]
    rows: dict[str, list[Row]]
    interview: Interview | None = None
    errors: dict[str, str] = field(default_factory=dict)
    notes_text: str = ""

    @property
    def ok(self) -> bool:
        return self.interview is not None and not self.errors


def read_form(items: Iterable[tuple[str, str]]) -> Capture:
    """Group the posted (name, value) pairs into top-level fields and rows."""
    fields: dict[str, str] = {}
    raw_rows: dict[str, dict[int, Row]] = {name: {} for name in ROW_TABLES}
    for name, value in items:
        if not isinstance(value, str):
            continue
        if m := _ROW_FIELD.match(name):
            table, index, key = m.group(1), int(m.group(2)), m.group(3)
            if index >= MAX_ROWS:
                continue
            row = raw_rows[table].setdefault(index, Row(index))
            if key == REFERENCES.get(table, ("",))[0]:
                row.refs.append(value)
            else:
                row.values[key] = value
        else:
            fields[name] = value
    rows = {table: [r for _, r in sorted(by_index.items())] for table, by_index in raw_rows.items()}
    return Capture(fields, rows)


#: A row key that carries a stored id (`id:maria`): editing an interview keeps its people's and needs'
#: ids, so their drafts and history stay with them.
STORED = "id:"


def from_interview(interview: Interview) -> Capture:
    """The form filled in with a stored interview, for editing it (times in its own zone)."""
    from zoneinfo import ZoneInfo

    # Without a zone name the notes gave a fixed offset: the form keeps it (a hidden field), not a zone.
    zone = ZoneInfo(interview.timezone) if interview.timezone else interview.start.tzinfo or UTC
    start = interview.start.astimezone(zone)
    fields = {
        "company": interview.company, "role": interview.role, "kind": interview.kind or "",
        "language": str(interview.language or ""), "theme": interview.theme or "",
        "next_step": interview.next_step or "", "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": interview.end.astimezone(zone).strftime("%H:%M") if interview.end else "",
        "timezone": interview.timezone or "",
        "offset": "" if interview.timezone else start.isoformat()[19:],
        "candidate_name": interview.candidate.name, "candidate_email": interview.candidate.email or "",
    }
    rows: dict[str, list[Row]] = {name: [] for name in ROW_TABLES}
    for i, c in enumerate(interview.contacts):
        values = {name: str(getattr(c, name) or "") for name in CONTACT_FIELDS}
        rows["contacts"].append(Row(i, {"key": STORED + c.id, **values}))
    for i, n in enumerate(interview.needs):
        rows["needs"].append(Row(i, {"key": STORED + n.id, "text": n.text}, [STORED + r for r in n.raised_by]))
    for i, s in enumerate(interview.strengths):
        rows["strengths"].append(Row(i, {"text": s.text}, [STORED + r for r in s.answers]))
    for i, m in enumerate(interview.moments):
        rows["moments"].append(Row(i, {"text": m.text}, [STORED + r for r in m.with_]))
    for i, q in enumerate(interview.questions):
        rows["questions"].append(Row(i, {"text": q.text}, [STORED + r for r in q.for_]))
    return Capture(fields, rows)


def validate(capture: Capture, *, filename: str = "capture form", language: Language = Language.EN) -> Capture:
    """Build the notes document, dump it as TOML and parse it; fill `interview` or `errors`.

    The parser stops at the first problem; to show every problem at once, the offending value is
    set aside and the document parsed again, up to `MAX_ERRORS` times.
    """
    import tomli_w

    doc, origin, errors = _document(capture, language)
    origin_ids = {(table, entry["id"]): origin[(table, i)]
                  for table in ("contacts", "needs") for i, entry in enumerate(doc.get(table, []))}
    interview: Interview | None = None
    for _ in range(MAX_ERRORS):
        text = tomli_w.dumps(doc)
        try:
            interview = parse_notes(text, filename=filename)
        except NotesError as exc:
            where = _field_of(exc, origin, origin_ids)
            if where in errors and where != "start":  # the same field again: stop rather than loop
                break
            errors.setdefault(where, exc.message_in(language))
            if where == "form" or not _set_aside(doc, exc):
                break
            continue
        if not errors:
            capture.notes_text = text
        break
    capture.errors = errors
    capture.interview = interview if not errors else None
    return capture


MAX_ERRORS = 12
_PLACEHOLDER_START = datetime(2000, 1, 3, 12, 0)


def _set_aside(doc: dict[str, Any], exc: NotesError) -> bool:
    """Replace the value an error points at with a harmless one; False when that is not possible."""
    m = _LABEL.match(exc.table or "")
    key = exc.key
    if m is None or key is None:
        return False
    table = m.group(1)
    entry: Any = doc.get(table)
    if isinstance(entry, list):
        if m.group(2):
            index = int(m.group(2)) - 1
        else:
            index = next((i for i, e in enumerate(entry) if e.get("id") == m.group(3)), -1)
        if not 0 <= index < len(entry):
            return False
        entry = entry[index]
    if not isinstance(entry, dict) or key not in entry:
        return False
    if table == "interview" and key == "timezone":
        del entry["timezone"]
        for moment in ("start", "end"):
            if moment in entry:
                entry[moment] = entry[moment].replace(tzinfo=UTC)
    elif table == "interview" and key == "start":
        entry["start"] = _PLACEHOLDER_START.replace(tzinfo=entry["start"].tzinfo)
        entry.pop("end", None)
    elif key in ("name", "text") or (table == "interview" and key in ("company", "role")):
        entry[key] = "x"
    else:
        del entry[key]
    return True


def _document(capture: Capture, language: Language) -> tuple[dict[str, Any], dict[tuple[str, int], int], dict[str, str]]:
    f = capture.fields
    errors: dict[str, str] = {}
    doc: dict[str, Any] = {"format": 1}
    doc["candidate"] = _compact({"name": f.get("candidate_name", ""), "email": f.get("candidate_email", "")},
                                required=("name",))
    meta = _compact({k: f.get(k, "") for k in INTERVIEW_FIELDS}, required=("company", "role"))
    start = _local_datetime(f.get("start", ""))
    if start is None:
        errors["start"] = Text("expected a date and time such as 2026-11-27 14:00",
                               "verwacht een datum en tijd zoals 2026-11-27 14:00").get(language)
        meta["start"] = _PLACEHOLDER_START  # so that the parser can still check everything else
    else:
        meta["start"] = start
        end_text = f.get("end", "").strip()
        if end_text:
            end = _clock(end_text)
            if end is None:
                errors["end"] = Text("expected a time such as 15:30", "verwacht een tijd zoals 15:30").get(language)
            else:
                meta["end"] = datetime.combine(start.date(), end)
    offset = _offset(f.get("offset", ""))
    if zone := f.get("timezone", "").strip():
        meta["timezone"] = zone
    elif offset is not None and start is not None:  # an edited interview that was stored with an offset
        for moment in ("start", "end"):
            if moment in meta:
                meta[moment] = meta[moment].replace(tzinfo=offset)
    elif start is None:
        meta["start"] = _PLACEHOLDER_START.replace(tzinfo=UTC)
    doc["interview"] = meta

    origin: dict[tuple[str, int], int] = {}
    ids: dict[str, dict[str, str]] = {"contacts": {}, "needs": {}}
    for table in ("contacts", "needs", "strengths", "moments", "questions"):
        entries: list[dict[str, Any]] = []
        for row in capture.rows[table]:
            if row.blank():
                continue
            entry: dict[str, Any] = {}
            if table in ids:
                source = row.values.get("name" if table == "contacts" else "text", "")
                taken = set(ids[table].values())
                kept = row.key.removeprefix(STORED) if row.key.startswith(STORED) else ""
                new_id = kept if kept and kept not in taken else _unique_id(source, table, taken)
                ids[table][row.key or f"row{row.index}"] = new_id
                entry["id"] = new_id
            entry.update(_compact({k: row.values.get(k, "") for k in ROW_TABLES[table]},
                                  required=("name",) if table == "contacts" else ("text",)))
            if table in REFERENCES:
                ref_key, target = REFERENCES[table]
                known = ids[target]
                picked = [known[k] for k in dict.fromkeys(row.refs) if k in known]
                if picked:
                    entry[ref_key] = picked
            origin[(table, len(entries))] = row.index
            entries.append(entry)
        if entries:
            doc[table] = entries
    return doc, origin, errors


def _compact(values: Mapping[str, str], *, required: Sequence[str] = ()) -> dict[str, Any]:
    """Trimmed non-empty values; required keys stay (even empty) so the parser names them."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        text = value.strip()
        if text or key in required:
            out[key] = text
    return out


def _local_datetime(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment.replace(second=0, microsecond=0) if moment.tzinfo is None else None


def _offset(text: str) -> tzinfo | None:
    """`+01:00` as a fixed zone; None for anything else."""
    try:
        return datetime.fromisoformat(f"2000-01-01T00:00:00{text.strip()}").tzinfo if text.strip() else None
    except ValueError:
        return None


def _clock(text: str) -> time | None:
    try:
        return time.fromisoformat(text.strip()).replace(second=0, microsecond=0)
    except ValueError:
        return None


def _unique_id(source: str, table: str, taken: set[str]) -> str:
    base = given_name(source) if table == "contacts" else " ".join(source.split()[:3])
    slug = re.sub(r"[^a-z0-9]+", "-", fold(base).lower()).strip("-")[:24].strip("-")
    slug = slug or ("person" if table == "contacts" else "need")
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


_LABEL = re.compile(r'^(\w+)(?: #(\d+)| "(.*)")?$')


def _field_of(exc: NotesError, origin: Mapping[tuple[str, int], int],
              origin_ids: Mapping[tuple[str, str], int]) -> str:
    """The form field a parser error points at (`start`, `contacts-2-email`, `candidate_name`)."""
    table_label = exc.table or ""
    m = _LABEL.match(table_label)
    table = m.group(1) if m else table_label
    key = exc.key or ""
    if table == "candidate":
        return f"candidate_{key}" if key else "candidate_name"
    if table == "interview":
        return key or "form"
    if table in ROW_TABLES and m:
        row = origin.get((table, int(m.group(2)) - 1)) if m.group(2) else origin_ids.get((table, m.group(3)))
        if row is not None:
            if key in ("raised_by", "answers", "with", "for", "id"):
                key = "name" if table == "contacts" else "text"
            return f"{table}-{row}-{key or ('name' if table == 'contacts' else 'text')}"
    return "form"


