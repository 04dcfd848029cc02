"""What independent readers of drafts from real notes found, made into tests (English and Dutch): a note on a
second channel does not repeat the email, the candidate's own stumbles and other people's slips are never a
"moment", nobody is asked to thank someone the notes say to keep quiet about, a question that names its reader
is not put to them, and the time of the news goes only to whoever gives it."""

from __future__ import annotations

import re

import pytest

from afterword.compose import compose
from afterword.compose.naming import name_forms
from afterword.compose.pieces import role_in_sentence
from afterword.core.model import Channel, Contact, Language
from afterword.core.notes import parse_notes

_NOTES = """format = 1
[candidate]
name = "Priya Raman"
[interview]
company = "Northwind"
role = "{role}"
start = 2026-12-07T10:00:00+01:00
language = "{lang}"
next_step = "{next_step}"

[[contacts]]
id = "dana"
name = "Dana Whitfield"
role = "hiring-manager"
met = "panel"
email = "dana@northwind.example"
linkedin = "https://www.linkedin.com/in/danawhitfield"
x = "@danaw"

[[contacts]]
id = "rajesh"
name = "Rajesh Pillai"
role = "interviewer"
met = "panel"
email = "rajesh@northwind.example"

[[contacts]]
id = "zoe"
name = "Zoë Hartley"
role = "recruiter"
email = "zoe@northwind.example"

[[contacts]]
id = "dragan"
name = "Dragan"
role = "other"
met = "tour"

[[needs]]
id = "oncall"
text = "{need}"
raised_by = ["dana", "rajesh"]

[[moments]]
text = "{moment_dana}"
with = ["dana"]

[[moments]]
text = "{moment_raj}"
with = ["rajesh"]

[[moments]]
text = "{moment_dragan}"
with = ["dragan"]

[[questions]]
text = "{question}"
for = ["rajesh"]
"""

_EN = {"role": "Staff Engineer, Reliability", "lang": "en", "next_step": "zoe rings monday w/ feedback",
           "need": "The on-call rota burns people out within a year",
           "moment_dana": "I blanked on the consistent hashing follow-up for about 20s, recovered ok-ish",
           "moment_raj": "raj and I both trained at Leeds",
           "moment_dragan": "dragan showed me how they fix the glue unit with a cable tie. dont tell anybody!!",
           "question": "Which service would I take over from Rajesh first?"}
_NL = {"role": "Teamleider planning - nachtdienst", "lang": "nl", "next_step": "zoë belt do of vr",
           "need": "Het consignatierooster put mensen binnen een jaar uit",
           "moment_dana": "ik was zo zenuwachtig, klapte dicht bij de vraag over hashing",
           "moment_raj": "raj: ook in Leeds gestudeerd",
           "moment_dragan": "dragan liet zien hoe ze de lijmunit met een tiewrap repareren. niet vertellen!!",
           "question": "Welk dossier zou ik als eerste van Rajesh overnemen?"}


def _drafts(values: dict[str, str]) -> dict[tuple[str, Channel], str]:
    interview = parse_notes(_NOTES.format(**values))
    return {(d.contact, d.channel): d.body for d in compose(interview)}


def _sentences(body: str) -> set[str]:
    return {s.strip() for s in re.findall(r"[^.!?\n]+[.!?]", body) if len(s.split()) >= 5}


@pytest.mark.parametrize("values", [_EN, _NL], ids=["en", "nl"])
def test_a_note_on_a_second_channel_does_not_repeat_the_email(values: dict[str, str]) -> None:
    drafts = _drafts(values)
    email, linkedin, x = (drafts[("dana", c)] for c in (Channel.EMAIL, Channel.LINKEDIN, Channel.X))
    assert not _sentences(linkedin) & _sentences(email)
    assert not _sentences(x) & _sentences(email)
    assert linkedin != x and not _sentences(linkedin) & _sentences(x)


@pytest.mark.parametrize("values", [_EN, _NL], ids=["en", "nl"])
def test_stumbles_slips_and_secrets_stay_in_the_notes(values: dict[str, str]) -> None:
    text = "\n".join(_drafts(values).values()).lower()
    for leak in ("blanked", "ok-ish", "zenuwachtig", "klapte dicht", "cable tie", "tiewrap", "dragan"):
        assert leak not in text  # nor is Dragan thanked through the host: that invites "what did he show you?"


@pytest.mark.parametrize("values", [_EN, _NL], ids=["en", "nl"])
def test_the_reader_is_never_named_in_the_third_person(values: dict[str, str]) -> None:
    drafts = _drafts(values)
    for (contact, _), body in drafts.items():
        if contact == "rajesh":
            assert not re.search(r"\b(?:raj|Raj|Rajesh)\b", body.split("\n", 1)[1])  # the greeting aside
            assert "overnemen" not in body and "take over from" not in body


def test_the_time_of_the_news_goes_only_to_whoever_gives_it() -> None:
    en = _drafts(_EN)
    assert "your call on Monday" in en[("zoe", Channel.EMAIL)]
    assert not any("your call" in en[(c, Channel.EMAIL)] for c in ("dana", "rajesh"))
    nl = _drafts(_NL)
    assert re.search(r"(telefoontje|van je) op (donderdag of vrijdag)", nl[("zoe", Channel.EMAIL)])
    assert not any("donderdag" in nl[(c, Channel.EMAIL)] or "telefoontje" in nl[(c, Channel.EMAIL)]
                   for c in ("dana", "rajesh"))


def test_names_as_notes_write_them() -> None:
    assert {"Zoe", "Zoë"} <= set(name_forms(Contact(id="z", name="Zoë Hartley")))
    assert "Raj" in name_forms(Contact(id="r", name="Rajesh Pillai"))
    assert "Dan" not in name_forms(Contact(id="d", name="Daniel Okafor"))  # "dan" is a word ("then")


@pytest.mark.parametrize(("role", "lang", "said"), [
    ("Senior Credit Risk Analyst - CRE", Language.EN, "Senior Credit Risk Analyst"),
    ("Staff Engineer, Reliability", Language.EN, "Staff Engineer"),
    ("Ward Manager – Ward 23 Respiratory", Language.EN, "Ward Manager"),
    ("Sous-chef brasserie + banqueting", Language.NL, "sous-chef brasserie"),
])
def test_a_role_is_said_as_a_person_would_say_it(role: str, lang: Language, said: str) -> None:
    assert role_in_sentence(role, lang, frozenset()) == said
