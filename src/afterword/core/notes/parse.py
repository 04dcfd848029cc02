"""Read a notes file (format 1) into an `Interview`, validating every rule of the spec."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from afterword.core.errors import NotesError
from afterword.core.model import (
    Candidate,
    Contact,
    ContactRole,
    Formality,
    Interview,
    Language,
    Moment,
    Need,
    Question,
    Strength,
)
from afterword.core.notes import schema
from afterword.core.notes.locate import Locator
from afterword.core.readfile import read_at_most
from afterword.core.text import Text
from afterword.core.timeutil import MAX_YEAR, MIN_YEAR, ZoneError, in_range, load_zone

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_HANDLE = re.compile(r"^@?[A-Za-z0-9_]{1,15}$")
_URL = re.compile(r"^(https?://)?[^\s/]+\.[^\s/]+(/\S*)?$", re.IGNORECASE)
_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")
_CONTROL_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\x85]")
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TYPE_NAMES = {
    str: Text("a string", "tekst"),
    int: Text("an integer", "een geheel getal"),
    float: Text("a number", "een getal"),
    bool: Text("true or false", "true of false"),
    list: Text("a list", "een lijst"),
    dict: Text("a table", "een tabel"),
    datetime: Text("a date-time", "een datum-tijd"),
    date: Text("a date", "een datum"),
    time: Text("a time", "een tijd"),
}


def load_notes(path: str | Path) -> Interview:
    """Read and parse the notes file at `path`; every problem raises `NotesError`."""
    name = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise NotesError(Text("is a directory, not a notes file", "is een map, geen notitiebestand"), file=name)
        data = read_at_most(p, schema.MAX_FILE_BYTES)  # by bytes read: /dev/urandom claims to be empty
        if data is None:
            raise NotesError(Text(
                f"file is more than {schema.MAX_FILE_BYTES:,} bytes; a notes file is at most "
                f"{schema.MAX_FILE_BYTES:,} bytes",
                f"bestand is groter dan {_nl_int(schema.MAX_FILE_BYTES)} bytes; een notitiebestand is hoogstens "
                f"{_nl_int(schema.MAX_FILE_BYTES)} bytes",
            ), file=name)
    except FileNotFoundError:
        raise NotesError(Text("no such file", "bestand bestaat niet"), file=name) from None
    except PermissionError:
        raise NotesError(Text("permission denied", "geen toegang"), file=name) from None
    except OSError as exc:
        raise NotesError(Text(f"cannot read file ({exc.strerror})", f"kan het bestand niet lezen ({exc.strerror})"),
                         file=name) from None
    return parse_notes(data, filename=name)


def parse_notes(data: bytes | str, *, filename: str = "<notes>") -> Interview:
    """Parse notes text (bytes are decoded as UTF-8, a BOM is allowed)."""
    text = _decode(data, filename) if isinstance(data, bytes) else data
    if len(text) > schema.MAX_FILE_BYTES:
        raise NotesError(Text(f"text is longer than {schema.MAX_FILE_BYTES:,} characters",
                              f"tekst is langer dan {_nl_int(schema.MAX_FILE_BYTES)} tekens"), file=filename)
    if not text.strip():
        raise NotesError(Text("file is empty; expected a notes file starting with `format = 1`",
                              "bestand is leeg; verwacht een notitiebestand dat begint met `format = 1`"),
                         file=filename)
    try:
        raw = tomllib.loads(text)
    except RecursionError:  # tomllib recurses per nesting level; hundreds of `{a = {a = …` exhaust the stack
        raise NotesError(Text("values are nested too deeply to be notes", "waarden zijn te diep genest voor notities"),
                         file=filename) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = None
        if m := _TOML_POSITION.search(message):
            line = int(m.group(1))
            message = message[: m.start()].strip()
        raise NotesError(Text(f"not valid TOML: {message}", f"geen geldige TOML: {message}"),
                         file=filename, line=line) from None
    return _Reader(raw, Locator(text), filename).interview()


def _decode(data: bytes, filename: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        raise NotesError(Text("is a binary file, not a TOML notes file",
                              "is een binair bestand, geen TOML-notitiebestand"), file=filename)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise NotesError(
            Text(f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
                 f"geen UTF-8-tekst (byte 0x{data[exc.start]:02x}); sla het bestand op als UTF-8"),
            file=filename,
            line=line,
        ) from None


class _Reader:
    """Validates the raw TOML mapping table by table, then builds the model."""

    def __init__(self, raw: dict[str, Any], locator: Locator, filename: str) -> None:
        self.raw = raw
        self.loc = locator
        self.file = filename

    def fail(self, message: Text, table: str | None = None, index: int = 0, key: str | None = None,
             label: str | None = None) -> NotesError:
        line = self.loc.key(table, index, key) if key else self.loc.table(table, index)
        return NotesError(message, file=self.file, line=line, table=label or table, key=key)

    def interview(self) -> Interview:
        for key in self.raw:
            if key not in schema.TOP_LEVEL_KEYS:
                known = ", ".join(schema.TOP_LEVEL_KEYS)
                raise self.fail(Text(f"unknown key; expected one of {known}",
                                     f"onbekende sleutel; verwacht een van {known}"), key=key)
        if "format" not in self.raw:
            raise self.fail(Text("missing; expected `format = 1` at the top of the file",
                                 "ontbreekt; verwacht `format = 1` bovenaan het bestand"), key="format")
        fmt = self.raw["format"]
        if type(fmt) is not int:
            raise self.fail(_both("expected the integer 1, got ", "verwacht het getal 1, kreeg ", _describe(fmt)),
                            key="format")
        if fmt != schema.FORMAT_VERSION:
            raise self.fail(Text(f"format {fmt} is not supported; this version of Afterword reads format 1",
                                 f"format {fmt} wordt niet ondersteund; deze versie van Afterword leest format 1"),
                            key="format")
        tables = {t.name: self._table(t) for t in schema.TABLES}
        self._check_ids_and_references(tables)
        cand = tables["candidate"][0]
        meta = tables["interview"][0]
        start, end, zone_name = self._times(meta)
        return Interview(
            candidate=Candidate(
                name=cand["name"], email=cand.get("email"), phone=cand.get("phone"), linkedin=cand.get("linkedin")
            ),
            company=meta["company"],
            role=meta["role"],
            start=start,
            end=end,
            timezone=zone_name,
            kind=meta.get("kind"),
            language=Language(meta["language"]) if "language" in meta else None,
            theme=meta.get("theme"),
            next_step=meta.get("next_step"),
            company_linkedin=meta.get("company_linkedin"),
            company_x=meta.get("company_x"),
            contacts=tuple(_contact(c) for c in tables["contacts"]),
            needs=tuple(Need(n["id"], n["text"], tuple(n.get("raised_by", ()))) for n in tables["needs"]),
            strengths=tuple(Strength(s["text"], tuple(s.get("answers", ()))) for s in tables["strengths"]),
            moments=tuple(Moment(m["text"], tuple(m.get("with", ()))) for m in tables["moments"]),
            questions=tuple(Question(q["text"], tuple(q.get("for", ()))) for q in tables["questions"]),
        )

    def _table(self, table: schema.Table) -> list[dict[str, Any]]:
        value = self.raw.get(table.name)
        if value is None:
            if table.required:
                raise self.fail(Text(f"missing table; add a {table.header} section",
                                     f"tabel ontbreekt; voeg een sectie {table.header} toe"), key=None, label=table.name)
            return []
        if table.many:
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise self.fail(Text(f"expected an array of tables written as {table.header}",
                                     f"verwacht een lijst van tabellen, geschreven als {table.header}"), key=table.name)
            entries = value
        else:
            if not isinstance(value, dict):
                raise self.fail(Text(f"expected a table written as {table.header}",
                                     f"verwacht een tabel, geschreven als {table.header}"), key=table.name)
            entries = [value]
        return [self._entry(table, i, entry) for i, entry in enumerate(entries)]

    def _entry(self, table: schema.Table, index: int, entry: dict[str, Any]) -> dict[str, Any]:
        label = _label(table, index, entry)
        out: dict[str, Any] = {}
        for key, value in entry.items():
            spec = table.key(key)
            if spec is None:
                hint = _did_you_mean(key, [k.name for k in table.keys])
                names = ", ".join(k.name for k in table.keys)
                raise self.fail(Text(f"unknown key{hint.en}; {table.header} takes {names}",
                                     f"onbekende sleutel{hint.nl}; {table.header} kent {names}"),
                                table.name, index, key, label)
            out[key] = self._value(spec, value, table.name, index, label)
        for spec in table.keys:
            if spec.required and spec.name not in out:
                raise NotesError(
                    _both("missing required key; expected ", "verplichte sleutel ontbreekt; verwacht ", _expected(spec)),
                    file=self.file, line=self.loc.table(table.name, index), table=label, key=spec.name,
                )
        return out

    def _value(self, spec: schema.Key, value: Any, table: str, index: int, label: str) -> Any:
        def bad(message: Text) -> NotesError:
            return self.fail(message, table, index, spec.name, label)

        kind = spec.kind
        if kind == "bool":
            if type(value) is not bool:
                raise bad(_both("expected true or false, got ", "verwacht true of false, kreeg ", _describe(value)))
            return value
        if kind == "datetime":
            if not isinstance(value, datetime):
                raise bad(_both("expected a TOML date-time such as 2026-11-27T14:00:00+01:00, got ", "verwacht een TOML-datum-tijd zoals 2026-11-27T14:00:00+01:00, kreeg ", _describe(value)))
            return value
        if kind == "ids":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise bad(_both("expected a list of ids such as [\"maria\"], got ", "verwacht een lijst van ids zoals [\"maria\"], kreeg ", _describe(value)))
            if len(set(value)) != len(value):
                raise bad(Text("lists the same id twice", "noemt dezelfde id twee keer"))
            return value
        if not isinstance(value, str):
            raise bad(Text(f"expected {_expected(spec).en}, got {_describe(value).en}",
                           f"verwacht {_expected(spec).nl}, kreeg {_describe(value).nl}"))
        if kind == "text":
            value = value.replace("\r\n", "\n")
            if m := _CONTROL_TEXT.search(value):
                code = f"U+{ord(m.group()):04X}"
                raise bad(Text(f"contains a control character ({code}); remove it",
                               f"bevat een stuurteken ({code}); haal het weg"))
            if len(value) > schema.MAX_TEXT_CHARS:
                raise bad(Text(f"is {len(value)} characters long; at most {schema.MAX_TEXT_CHARS}",
                               f"is {len(value)} tekens lang; hoogstens {schema.MAX_TEXT_CHARS}"))
        else:
            if kind == "note" and ("\n" in value or "\r" in value):
                # A note to self that may be typed over lines (a TOML multi-line string): read as one line.
                value = re.sub(r"[ \t]*(?:\r\n|\r|\n)[ \t]*", " ", value).strip()
            if m := _CONTROL_LINE.search(value):
                code = f"U+{ord(m.group()):04X}"
                what = (Text("a line break", "een regeleinde") if m.group() in "\r\n"
                        else Text(f"a control character ({code})", f"een stuurteken ({code})"))
                raise bad(Text(f"contains {what.en}; this field must be one line",
                               f"bevat {what.nl}; dit veld moet één regel zijn"))
            if len(value) > 500:
                raise bad(Text(f"is {len(value)} characters long; at most 500",
                               f"is {len(value)} tekens lang; hoogstens 500"))
        if spec.required and not value.strip():
            raise bad(Text("must not be empty", "mag niet leeg zijn"))
        if spec.choices and value not in spec.choices:
            hint = _did_you_mean(value, list(spec.choices))
            choices = ", ".join(spec.choices)
            raise bad(Text(f"`{value}` is not allowed{hint.en}; expected one of {choices}",
                           f"`{value}` is niet toegestaan{hint.nl}; verwacht een van {choices}"))
        if kind == "id" and not _ID.match(value):
            raise bad(Text("expected a short id of letters, digits, `_`, `-` or `.` (e.g. \"maria\")",
                           "verwacht een korte id van letters, cijfers, `_`, `-` of `.` (bijv. \"maria\")"))
        if kind == "email":
            _check_email(value, bad)
        if kind == "url" and not _URL.match(value):
            raise bad(Text(f"`{value}` is not a profile URL; expected e.g. https://www.linkedin.com/in/name",
                           f"`{value}` is geen profiel-URL; verwacht bijv. https://www.linkedin.com/in/naam"))
        if kind == "handle" and not _HANDLE.match(value):
            raise bad(Text(f"`{value}` is not an X handle; expected 1-15 letters, digits or _, with or without @",
                           f"`{value}` is geen X-naam; verwacht 1-15 letters, cijfers of _, met of zonder @"))
        if kind == "zone":
            try:
                load_zone(value)
            except ZoneError as exc:
                raise bad(exc.text) from None
        return value

    def _check_ids_and_references(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        ids: dict[str, set[str]] = {}
        for table in schema.TABLES:
            if table.key("id") is None:
                continue
            seen: set[str] = set()
            for i, entry in enumerate(tables[table.name]):
                if entry["id"] in seen:
                    raise self.fail(Text(
                        f"duplicate id \"{entry['id']}\"; ids must be unique within {table.header}",
                        f"dubbele id \"{entry['id']}\"; ids moeten uniek zijn binnen {table.header}"),
                        table.name, i, "id", f"{table.name} #{i + 1}",
                    )
                seen.add(entry["id"])
            ids[table.name] = seen
        for table in schema.TABLES:
            for spec in table.keys:
                if spec.refers_to is None:
                    continue
                known = ids[spec.refers_to]
                for i, entry in enumerate(tables[table.name]):
                    for ref in entry.get(spec.name, ()):
                        if ref not in known:
                            hint = _did_you_mean(ref, sorted(known))
                            listing = ", ".join(sorted(known))
                            kind = spec.refers_to.rstrip("s")
                            raise self.fail(Text(
                                f"unknown {kind} id \"{ref}\"{hint.en}; known ids: {listing or 'none'}",
                                f"onbekende {_DUTCH_KIND.get(kind, kind)}-id \"{ref}\"{hint.nl}; "
                                f"bekende ids: {listing or 'geen'}"),
                                table.name, i, spec.name, _label(table, i, tables[table.name][i]),
                            )

    def _times(self, meta: Mapping[str, Any]) -> tuple[datetime, datetime | None, str | None]:
        zone_name: str | None = meta.get("timezone")
        zone = load_zone(zone_name) if zone_name else None
        start = self._moment(meta["start"], "start", zone, zone_name)
        end = self._moment(meta["end"], "end", zone, zone_name) if "end" in meta else None
        if end is not None and end <= start:
            shown = "%H:%M" if end.date() == start.date() else "%Y-%m-%d %H:%M"
            until, since = end.strftime(shown), start.strftime(shown)
            raise self.fail(Text(f"end {until} is not after start {since}", f"einde {until} ligt niet na begin {since}"),
                            "interview", 0, "end")
        if end is not None and end - start > timedelta(days=2):
            raise self.fail(Text("end is more than two days after start; check the date",
                                 "einde ligt meer dan twee dagen na begin; controleer de datum"),
                            "interview", 0, "end")
        return start, end, zone_name

    def _moment(self, value: datetime, key: str, zone: ZoneInfo | None, zone_name: str | None) -> datetime:
        moment = self._zoned(value, key, zone, zone_name)
        if not in_range(moment):
            raise self.fail(Text(f"{value.isoformat()} is not between the years {MIN_YEAR} and {MAX_YEAR}",
                                 f"{value.isoformat()} ligt niet tussen de jaren {MIN_YEAR} en {MAX_YEAR}"),
                            "interview", 0, key)
        return moment

    def _zoned(self, value: datetime, key: str, zone: ZoneInfo | None, zone_name: str | None) -> datetime:
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            return value  # refused by _moment; converting it might not even fit
        if value.tzinfo is None:
            if zone is None:
                raise self.fail(Text(
                    "has no UTC offset; write it as 2026-11-27T14:00:00+01:00 or add "
                    "timezone = \"Europe/Amsterdam\" to [interview]",
                    "heeft geen UTC-verschuiving; schrijf 2026-11-27T14:00:00+01:00 of voeg "
                    "timezone = \"Europe/Amsterdam\" toe aan [interview]"),
                    "interview", 0, key,
                )
            aware = value.replace(tzinfo=zone)
            round_trip = aware.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)
            if round_trip != value:
                raise self.fail(Text(
                    f"{value.isoformat()} does not exist in {zone_name} (the clocks jump forward then)",
                    f"{value.isoformat()} bestaat niet in {zone_name} (de klok springt dan vooruit)"),
                    "interview", 0, key,
                )
            return aware
        if zone is None:
            return value
        expected = value.astimezone(zone)
        if expected.utcoffset() != value.utcoffset():
            raise self.fail(Text(
                f"offset {_offset(value)} does not match timezone {zone_name} "
                f"({_offset(expected)} on that date); fix the offset or the timezone",
                f"verschuiving {_offset(value)} past niet bij tijdzone {zone_name} "
                f"({_offset(expected)} op die datum); verbeter de verschuiving of de tijdzone"),
                "interview", 0, key,
            )
        return expected


def _label(table: schema.Table, index: int, entry: Mapping[str, Any]) -> str:
    """How an error names the table entry: `contacts "maria"`, `strengths #2`, `interview`."""
    if not table.many:
        return table.name
    if isinstance(entry.get("id"), str) and _ID.match(entry["id"]):
        return f"{table.name} \"{entry['id']}\""
    return f"{table.name} #{index + 1}"


def _contact(c: Mapping[str, Any]) -> Contact:
    return Contact(
        id=c["id"],
        name=c["name"],
        title=c.get("title"),
        role=ContactRole(c["role"]) if "role" in c else None,
        met=c.get("met"),
        email=c.get("email"),
        linkedin=c.get("linkedin"),
        x=c.get("x"),
        language=Language(c["language"]) if "language" in c else None,
        formality=Formality(c["formality"]) if "formality" in c else None,
        gave_contact=c.get("gave_contact"),
        salutation=c.get("salutation"),
        x_dm=c.get("x_dm"),
    )


#: The everyday shape of an address (dot-atoms of letters, digits and `_%+-`, a lower-case host name ending in
#: a letter-only top-level domain), which email_validator always accepts: checked without importing it (its
#: regexes take about 40 ms to compile, on every `draft`, `check` and `plan`). Anything else, and every
#: special-use name, goes to email_validator, which gives the reasons.
_PLAIN_EMAIL = re.compile(r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
                          r"[a-z]{2,63}", re.ASCII)
_SPECIAL_USE = frozenset({"arpa", "invalid", "local", "localhost", "onion"})


def plainly_valid_email(value: str) -> bool:
    if len(value) > 254 or "--" in value or not _PLAIN_EMAIL.fullmatch(value):
        return False
    local, domain = value.rsplit("@", 1)
    return len(local) <= 64 and len(domain) <= 253 and not _SPECIAL_USE.intersection(domain.split("."))


def _check_email(value: str, bad: Callable[[Text], NotesError]) -> None:
    if plainly_valid_email(value):
        return
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False, test_environment=True)
    except EmailNotValidError as exc:
        raise bad(Text(f"`{value}` is not a valid e-mail address ({exc})",
                       f"`{value}` is geen geldig e-mailadres ({_dutch_email_reason(str(exc))})")) from None


#: email_validator's most common reasons in Dutch (exact text, or an opening followed by the characters).
_EMAIL_REASONS = {
    "An email address must have an @-sign.": "Een e-mailadres moet een @ bevatten.",
    "There must be something before the @-sign.": "Vóór de @ moet iets staan.",
    "There must be something after the @-sign.": "Na de @ moet iets staan.",
    "The part after the @-sign is not valid. It should have a period.":
        "Het deel na de @ is ongeldig: er hoort een punt in.",
    "The part after the @-sign is not valid. It is not within a valid top-level domain.":
        "Het deel na de @ is ongeldig: het eindigt niet op een geldig topdomein.",
    "An email address cannot have two periods in a row.": "Een e-mailadres kan geen twee punten achter elkaar hebben.",
    "An email address cannot start with a period.": "Een e-mailadres kan niet met een punt beginnen.",
    "An email address cannot end with a period.": "Een e-mailadres kan niet op een punt eindigen.",
    "An email address cannot have a period immediately before the @-sign.":
        "Een e-mailadres kan geen punt direct vóór de @ hebben.",
    "An email address cannot have a period immediately after the @-sign.":
        "Een e-mailadres kan geen punt direct na de @ hebben.",
}
_EMAIL_REASON_OPENINGS = {
    "The email address contains invalid characters before the @-sign: ":
        "Het e-mailadres bevat ongeldige tekens vóór de @: ",
    "The part after the @-sign contains invalid characters: ": "Het deel na de @ bevat ongeldige tekens: ",
}


def _dutch_email_reason(reason: str) -> str:
    """The validator's reason in Dutch where we know it; otherwise its English words, unchanged."""
    if reason in _EMAIL_REASONS:
        return _EMAIL_REASONS[reason]
    for opening, dutch in _EMAIL_REASON_OPENINGS.items():
        if reason.startswith(opening):
            return dutch + reason[len(opening):]
    return reason


def _offset(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _nl_int(n: int) -> str:
    """1.048.576: Dutch groups thousands with a dot."""
    return f"{n:,}".replace(",", ".")


def _both(en: str, nl: str, tail: Text) -> Text:
    """A fixed opening in each language followed by a part that is itself bilingual."""
    return Text(en + tail.en, nl + tail.nl)


def _describe(value: Any) -> Text:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return Text(type(value).__name__, type(value).__name__)


_EXPECTED = {
    "int": Text("an integer", "een geheel getal"),
    "bool": Text("true or false", "true of false"),
    "datetime": Text("a date-time", "een datum-tijd"),
    "ids": Text("a list of ids", "een lijst van ids"),
    "email": Text("an e-mail address as a string", "een e-mailadres als tekst"),
    "url": Text("a URL as a string", "een URL als tekst"),
    "handle": Text("an X handle as a string", "een X-naam als tekst"),
    "zone": Text("an IANA time zone name as a string", "een IANA-tijdzonenaam als tekst"),
    "id": Text("a short id as a string", "een korte id als tekst"),
}
_DUTCH_KIND = {"contact": "contact", "need": "behoefte"}


def _expected(spec: schema.Key) -> Text:
    return _EXPECTED.get(spec.kind, Text("a string", "tekst"))


def _did_you_mean(word: str, options: list[str]) -> Text:
    import difflib

    close = difflib.get_close_matches(word.replace("-", "_"), options, n=1, cutoff=0.6)
    if not close:
        return Text("", "")
    return Text(f" (did you mean `{close[0]}`?)", f" (bedoel je `{close[0]}`?)")
