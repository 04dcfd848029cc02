"""When the organisation said it would come back, read from a next step typed as notes, in either language.

"refs being taken up this wk, gráinne said offers early jan" → early January; "uitslag uiterlijk do 3 dec" →
Thursday 3 December; "2nd stage probs wk of 14th" → the week of the 14th, a next round, hedged. The result
says it again in either language ("in early January", "begin januari") and gives the last day it can mean,
so a draft can close on the real next step and a check-in can wait until it has passed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from afterword.core.model import Language

_WEEKDAY_FULL = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
                 "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6}
#: Short forms, trusted only after a word like "by" / "uiterlijk" or before a day number ("do 3 dec").
_WEEKDAY_SHORT = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5,
                  "sun": 6, "ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "vrij": 4, "za": 5, "zo": 6}
_MONTH = {"january": 1, "jan": 1, "januari": 1, "february": 2, "feb": 2, "februari": 2, "march": 3, "mar": 3,
          "maart": 3, "mrt": 3, "april": 4, "apr": 4, "may": 5, "mei": 5, "june": 6, "jun": 6, "juni": 6,
          "july": 7, "jul": 7, "juli": 7, "august": 8, "aug": 8, "augustus": 8, "september": 9, "sep": 9,
          "sept": 9, "october": 10, "oct": 10, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
          "december": 12, "dec": 12}
_MONTH_NAME = {Language.EN: ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"),
               Language.NL: ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                             "oktober", "november", "december")}
def month_name(short: str, lang: Language) -> str:
    """"nov" → "November" / "november": a month as it is written out in the language."""
    return _MONTH_NAME[lang][_MONTH[short.lower()] - 1]


_DAY_NAME = {Language.EN: ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
             Language.NL: ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")}
_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "a": 1, "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4}
_COUNT_WORD = {Language.EN: {1: "one", 2: "two", 3: "three", 4: "four"},
               Language.NL: {1: "één", 2: "twee", 3: "drie", 4: "vier"}}

_M = "|".join(sorted(_MONTH, key=len, reverse=True))
_WD = "|".join(sorted([*_WEEKDAY_FULL, *_WEEKDAY_SHORT], key=len, reverse=True))
_BY = r"by|before|b4|on|uiterlijk|voor|vóór|op|ergens|around|rond|rond de"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("days", re.compile(rf"\b(?:(?:{_BY})\s+)?({_WD})\.?\s*(?:/|\bor\b|\bof\b|-|–)\s*({_WD})\b\.?")),
    ("iso_week", re.compile(r"\b(?:wk|week)\s+(\d{1,2})\b(?!\s*(?:st|nd|rd|th|e\b|[./-]|\w))")),
    ("week_of_us", re.compile(rf"\b(?:wk|week|w/c)\s+of\s+(?:the\s+)?({_M})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b")),
    ("week_of", re.compile(rf"\b(?:wk|week|w/c|w\.c\.)\s+(?:of\s+(?:the\s+)?|van\s+(?:de\s+)?)?(?:({_WD})\s+)?"
                           rf"(\d{{1,2}})(?:st|nd|rd|th|e)?(?:\s+({_M})\b)?")),
    ("date", re.compile(rf"\b(?:({_BY})\s+)?(?:({_WD})\.?\s+)?(\d{{1,2}})(?:st|nd|rd|th|e)?\s+({_M})\b\.?")),
    ("date_num", re.compile(rf"\b(?:({_BY})\s+)?(?:({_WD})\.?\s+)?(\d{{1,2}})[./](\d{{1,2}})\b(?![./]\d)")),
    ("weekday_day", re.compile(rf"\b(?:({_BY})\s+)?({_WD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th|e)\b")),
    ("date_us", re.compile(rf"\b(?:({_BY})\s+)?(?:({_WD})\.?\s+)?({_M})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b")),
    ("part", re.compile(rf"\b(early|beginning of|start of|begin|mid|mid-|midden|half|late|end of|eind|einde|"
                        rf"eind van|eind)\s*-?\s*({_M})\b")),
    ("christmas", re.compile(r"\b(?:before|b4|voor|vóór)\s+(?:the\s+|de\s+)?(?:christmas|xmas|kerst|kerstmis)\b")),
    ("next_week", re.compile(r"\b(?:next|nxt|volgende|vlg|volg\.?)\s+(?:week|wk)\b")),
    ("this_week", re.compile(r"\b(?:this|deze|van de|vd)\s+(?:week|wk)\b|\b(?:end of|eind van|eind)\s+(?:the\s+|de\s+|deze\s+)"
                             r"?(?:week|wk)\b")),
    ("within", re.compile(r"(?:\b(?:within|in|binnen)\s*(?:~|about|approx\.?|ca\.?|ongeveer|around)?\s*"
                          r"(?:\d\s*-\s*)?|^\s*\d\s*-\s*)(\d|one|two|three|four|a|een|één|twee|drie|vier)\s+"
                          r"(days?|weeks?|wks?|wkn|dagen|dgn|weken)\b")),
    ("weekday", re.compile(rf"\b(?:({_BY})\s+)({_WD})\b\.?|\b({'|'.join(_WEEKDAY_FULL)})\b")),
    ("weekday_loose", re.compile(rf"\b({'|'.join(sorted(_WEEKDAY_SHORT, key=len, reverse=True))})\b")),
)

#: Words that make a next step the decision ("offers", "uitslag") rather than something else in the line.
_DECISION = re.compile(r"(?i)\b(?:offers?|decision|decide|decides|deciding|hear|hearing|back|outcome|result|answer|"
                       r"feedback|news|uitslag|besluit|beslissing|beslist|terugkoppeling|laten\s+weten|horen|"
                       r"bericht|antwoord|reactie|nieuws|uitsluitsel|belt|bellen|mailt|mailen|ring|rings|call|calls|email|emails|"
                       r"laat|laten|hoor|hoort)\b")
#: Words that make it a further conversation.
_ROUND = re.compile(r"(?i)\b(?:2nd|second|final|round\s*2|next\s+round|another\s+interview|stage|case\s+study|"
                    r"assessment|presentation|trial|tweede|2e|vervolggesprek|ronde|proefles|meeloopdag|meelopen|"
                    r"assessment|casus|gesprek\s+met)\b")
_CALL = re.compile(r"(?i)\b(?:belt|bellen|bel|call|calls|calling|ring|rings|ringing|phone|phones|telefonisch|tel)\b")
_HEDGE = re.compile(r"(?i)\?|\b(?:probs|probably|prob|maybe|hopefully|i\s+think|think|perhaps|might|possibly|"
                    r"waarschijnlijk|wss|misschien|mss|hopelijk|denk|wellicht|evt|eventueel|or next|of volgende|"
                    r"ofzo|or so|roughly|around|rond|ongeveer)\b|-?ish\b")  # "this week or next": not "this week"


@dataclass(frozen=True)
class When:
    """A time the notes name for the next step."""

    kind: str  # date, weekday, week_of, part, christmas, next_week, this_week, within
    latest: date  # the last day the words can mean
    day: date | None = None  # the day named (date, weekday, week_of)
    part: str = ""  # early, mid, end (with `day` in that month)
    count: int = 0  # within: how many
    unit: str = ""  # within: days or weeks
    hedged: bool = False  # "probs", "?", "hopelijk": the candidate's guess, not a promise
    round: bool = False  # a further conversation rather than the decision
    on: bool = False  # "on"/"op": that day, not "by" it
    day2: date | None = None  # days: the second of two ("do of vr", "wed/thu")
    call: bool = False  # they said they would call ("belt", "to ring")
    loose: bool = False  # a short weekday with nothing around it ("ze bellen vr"): trusted with a decision word only

    def phrase(self, lang: Language) -> str:
        """"by Friday 11 December" / "uiterlijk vrijdag 11 december", for a sentence."""
        en = lang is Language.EN
        months, days = _MONTH_NAME[lang], _DAY_NAME[lang]
        if self.kind == "date" and self.day is not None:
            named = f"{days[self.day.weekday()]} {self.day.day} {months[self.day.month - 1]}"
            if self.on or self.round:
                return f"on {named}" if en else f"op {named}"
            return f"by {named}" if en else f"uiterlijk {named}"
        if self.kind == "days" and self.day is not None and self.day2 is not None:
            pair = f"{days[self.day.weekday()]} {'or' if en else 'of'} {days[self.day2.weekday()]}"
            return f"on {pair}" if en else f"op {pair}"
        if self.kind == "weekday" and self.day is not None:
            name = days[self.day.weekday()]
            if self.on or self.round:
                return f"on {name}" if en else f"op {name}"
            return f"by {name}" if en else f"uiterlijk {name}"
        if self.kind == "week_of" and self.day is not None:
            named = f"{self.day.day} {months[self.day.month - 1]}"
            return f"in the week of {named}" if en else f"in de week van {named}"
        if self.kind == "part" and self.day is not None:
            month = months[self.day.month - 1]
            if en:
                return {"early": f"in early {month}", "mid": f"in mid-{month}", "end": f"by the end of {month}"}[self.part]
            return {"early": f"begin {month}", "mid": f"half {month}", "end": f"eind {month}"}[self.part]
        if self.kind == "christmas":
            return "before Christmas" if en else "vóór de kerst"  # "bericht voor de kerst" reads "a message for Christmas"
        if self.kind == "next_week":
            return "next week" if en else "volgende week"
        if self.kind == "this_week":
            return "this week" if en else "deze week"
        if self.kind == "within":
            word = _COUNT_WORD[lang].get(self.count, str(self.count))
            unit = {("days", True): "days", ("weeks", True): "weeks", ("days", False): "dagen",
                    ("weeks", False): "weken"}[(self.unit, en)]
            if self.count == 1:
                unit = unit.rstrip("s") if en else ("dag" if self.unit == "days" else "week")
                word = "a" if en else "een"
            return f"within {word} {unit}" if en else f"binnen {word} {unit}"
        return ""


#: A day and a weekday that do not agree.
_CONFLICT = When("conflict", latest=date.min)


def next_step_time(text: str | None, after: date) -> When | None:
    """The time the next step names (the decision's, when the line names several), or None.

    `after` is the interview's date: a day or month without a year is the next one from there; a time that has
    already passed by then is no next step."""
    if not text:
        return None
    low = " ".join(text.lower().replace("’", "'").split())
    segments = [s for s in re.split(r"[,;\n]|\.\s|\s[-–]\s", low) if s.strip()]
    found: list[tuple[bool, int, When]] = []
    for order, segment in enumerate(segments):
        when = _first(segment, after)
        if when is None:
            continue
        decision = bool(_DECISION.search(segment))
        if when.loose and not decision:
            continue
        # "Final round with CRO + case study, week of 7 Dec": the round is named just before its time.
        near = segment if order == 0 else f"{segments[order - 1]} {segment}"
        when = _with(when, hedged=bool(_HEDGE.search(segment)), round=bool(_ROUND.search(near)) and not decision,
                     call=bool(_CALL.search(segment)))
        found.append((decision, order, when))
    if not found:
        return None
    found.sort(key=lambda item: (not item[0], item[1]))  # the decision's time first, then the line's order
    return found[0][2]


def _with(when: When, *, hedged: bool, round: bool, call: bool) -> When:
    from dataclasses import replace

    return replace(when, hedged=hedged, round=round, call=call)


def _first(segment: str, after: date) -> When | None:
    hits: list[tuple[int, When]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(segment):
            when = _read(kind, m, after)
            if when is _CONFLICT:
                return None  # "do 4 dec" when the 4th is a Friday: something is mistyped, nothing is safe to say
            if when is not None and when.latest >= after:
                hits.append((m.start(), when))
                break
    if not hits:
        return None
    # The most precise reading at the earliest place: a date inside "wk of 14 dec" is the week.
    order = [k for k, _ in _PATTERNS]
    hits.sort(key=lambda h: (h[1].loose, h[0], order.index(h[1].kind) if h[1].kind in order else 0))
    return hits[0][1]


def _read(kind: str, m: re.Match[str], after: date) -> When | None:
    if kind == "days":
        one, two = (_WEEKDAY_FULL.get(g, _WEEKDAY_SHORT.get(g)) for g in (m.group(1), m.group(2)))
        if one is None or two is None or one == two:
            return None
        first = after + timedelta(days=(one - after.weekday()) % 7 or 7)
        second = first + timedelta(days=(two - one) % 7)
        return When("days", latest=second, day=first, day2=second)
    if kind == "iso_week":
        number = int(m.group(1))
        for year in (after.year, after.year + 1):
            try:
                monday = date.fromisocalendar(year, number, 1)
            except ValueError:
                return None
            if monday + timedelta(days=6) >= after:
                return When("week_of", latest=monday + timedelta(days=6), day=monday)
        return None
    if kind == "week_of_us":
        day = _day_of(int(m.group(2)), _MONTH[m.group(1)], after)
        if day is None:
            return None
        return When("week_of", latest=day - timedelta(days=day.weekday()) + timedelta(days=6), day=day)
    if kind == "date_num":
        month = int(m.group(4))
        if not 1 <= month <= 12:
            return None
        day = _day_of(int(m.group(3)), month, after)
        if day is None:
            return None
        weekday = m.group(2)
        if weekday and (_WEEKDAY_FULL.get(weekday, _WEEKDAY_SHORT.get(weekday)) != day.weekday()):
            return _CONFLICT
        return When("date", latest=day, day=day, on=m.group(1) in ("on", "op"))
    if kind == "weekday_day":
        named = _WEEKDAY_FULL.get(m.group(2), _WEEKDAY_SHORT.get(m.group(2)))
        day = _day_of(int(m.group(3)), 0, after)
        if day is None or day.weekday() != named:
            return None  # "fri 4th" must be a Friday the 4th
        return When("date", latest=day, day=day, on=m.group(1) in ("on", "op"))
    if kind == "week_of":
        day = _day_of(int(m.group(2)), _MONTH.get(m.group(3) or "", 0), after)
        if day is None:
            return None
        monday = day - timedelta(days=day.weekday())
        return When("week_of", latest=monday + timedelta(days=6), day=day)
    if kind in ("date", "date_us"):
        by, weekday = m.group(1), m.group(2)
        digits, month_word = (m.group(3), m.group(4)) if kind == "date" else (m.group(4), m.group(3))
        day = _day_of(int(digits), _MONTH[month_word.rstrip(".")], after)
        if day is None:
            return None
        if weekday and (_WEEKDAY_FULL.get(weekday, _WEEKDAY_SHORT.get(weekday)) != day.weekday()):
            return _CONFLICT
        return When("date", latest=day, day=day, on=by in ("on", "op"))
    if kind == "part":
        which, month = m.group(1), _MONTH[m.group(2)]
        start = _day_of(1, month, after, whole_month=True)
        if start is None:
            return None
        part = "early" if which in ("early", "beginning of", "start of", "begin") else (
            "mid" if which in ("mid", "mid-", "midden", "half") else "end")
        last_day = calendar.monthrange(start.year, start.month)[1]
        latest = start.replace(day={"early": 10, "mid": 20, "end": last_day}[part])
        return When("part", latest=latest, day=start, part=part)
    if kind == "christmas":
        year = after.year if after <= date(after.year, 12, 24) else after.year + 1
        return When("christmas", latest=date(year, 12, 24))
    if kind == "next_week":
        monday = after - timedelta(days=after.weekday()) + timedelta(days=7)
        return When("next_week", latest=monday + timedelta(days=4))
    if kind == "this_week":
        return When("this_week", latest=after - timedelta(days=after.weekday()) + timedelta(days=4))
    if kind == "within":
        raw = m.group(1)
        count = int(raw) if raw.isdigit() else _COUNT[raw]
        unit = "days" if m.group(2).startswith(("day", "dag", "dgn")) else "weeks"
        if count == 0:
            return None
        return When("within", latest=after + timedelta(days=count * (1 if unit == "days" else 7)), count=count,
                    unit=unit)
    if kind in ("weekday", "weekday_loose"):
        by, name = (m.group(1), m.group(2) or m.group(3)) if kind == "weekday" else (None, m.group(1))
        wanted = _WEEKDAY_FULL.get(name, _WEEKDAY_SHORT.get(name))
        if wanted is None:
            return None
        ahead = (wanted - after.weekday()) % 7 or 7
        day = after + timedelta(days=ahead)
        return When("weekday", latest=day, day=day, on=by in ("on", "op"), loose=kind == "weekday_loose")
    return None


def _day_of(number: int, month: int, after: date, *, whole_month: bool = False) -> date | None:
    """The first such day on or after the interview (this month or the next when no month is named)."""
    if not 1 <= number <= 31:
        return None
    if month:
        for year in (after.year, after.year + 1):
            try:
                day = date(year, month, number)
            except ValueError:
                return None
            end = day.replace(day=calendar.monthrange(year, month)[1]) if whole_month else day
            if end >= after:
                return day
            if (after - end).days <= 150:
                return None  # "decision by 20 nov" on 30 November: already past, not next year's
        return None
    for step in range(3):  # "wk of 14th": this month's 14th, or next month's
        y, mo = divmod(after.month - 1 + step, 12)
        try:
            day = date(after.year + y, mo + 1, number)
        except ValueError:
            continue
        if day >= after - timedelta(days=6):
            return day
    return None
