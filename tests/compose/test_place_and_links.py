"""Where a person met in passing was met, read from the first word of a free-text `met` ("rondleiding onderstation",
"lunch na afloop", "coffee before"); compounds typed short ("assetmgmt"); and the link from their need to the
candidate's answer said in one sentence that claims nothing the notes do not say (both languages)."""

from __future__ import annotations

import pytest

from afterword.compose import compose
from afterword.compose.reading import tidy
from afterword.core.model import Channel, Language
from afterword.core.notes import parse_notes

_NOTES = """format = 1
[candidate]
name = "Thijs Mulder"
[interview]
company = "Stroomnet"
role = "{role}"
start = 2026-12-07T10:00:00+01:00
language = "{lang}"
[[contacts]]
id = "hm"
name = "Marieke de Vries"
role = "hiring-manager"
email = "marieke@stroomnet.example"
[[contacts]]
id = "koen"
name = "Koen Jacobs"
role = "other"
met = "{met}"
linkedin = "https://www.linkedin.com/in/koen-jacobs"
[[needs]]
id = "n"
text = "{need}"
raised_by = ["hm"]
[[strengths]]
text = "{strength}"
answers = ["n"]
"""


@pytest.mark.parametrize(("lang", "met", "where"), [
    (Language.NL, "rondleiding onderstation", "tijdens de rondleiding"),
    (Language.NL, "lunch na afloop", "tijdens de lunch"),
    (Language.EN, "coffee before", "over coffee"),
    (Language.EN, "lunch afterwards", "at lunch"),
])
def test_someone_met_in_passing_is_told_where(lang: Language, met: str, where: str) -> None:
    notes = _NOTES.format(role="asset manager", lang=lang.value, met=met, need="the cables are old",
                          strength="built a risk model for cables")
    note = next(d.body for d in compose(parse_notes(notes)) if d.contact == "koen" and d.channel is Channel.LINKEDIN)
    assert where in note, note


@pytest.mark.parametrize(("lang", "typed", "written"), [
    (Language.NL, "wat is de rol van assetmgmt in de gesprekken", "assetmanagement"),
    (Language.EN, "how does riskmgmt work with ops", "riskmanagement"),
])
def test_a_compound_typed_short_is_written_out(lang: Language, typed: str, written: str) -> None:
    out = tidy(typed, lang, {})
    assert written in out and "mgmt" not in out


@pytest.mark.parametrize(("lang", "need", "strength", "never"), [
    (Language.NL, "de kabels zijn oud en vallen vaak uit", "bij Zuidnet risicomodel 10 kV-kabels gebouwd",
     ("Daar heb ik zelf aan gewerkt", "Dat kwam me bekend voor", "Met zo'n vraagstuk heb ik eerder gewerkt")),
    (Language.EN, "the cables are old and keep failing", "built a risk model for 10 kV cables at Zuidnet",
     ("I have worked on something very similar", "I have tackled something like it before", "familiar ground")),
])
def test_the_answer_follows_its_need_in_one_sentence(lang: Language, need: str, strength: str,
                                                       never: tuple[str, ...]) -> None:
    notes = _NOTES.format(role="asset manager", lang=lang.value, met="lunch", need=need, strength=strength)
    body = next(d.body for d in compose(parse_notes(notes)) if d.contact == "hm" and d.channel is Channel.EMAIL)
    line = next(p for p in body.split("\n\n") if "10 kV" in p)
    answer = line[line.index("10 kV") - 60:]
    assert ": ik heb" in answer or ": I built" in answer, line  # one sentence: link, colon, the deed
    assert not any(claim in body for claim in never)


_MOMENT = """format = 1
[candidate]
name = "Femke Smit"
[interview]
company = "Speelgoed"
role = "{role}"
start = 2026-12-07T10:00:00+01:00
language = "{lang}"
[[contacts]]
id = "hm"
name = "Rutger Bos"
role = "hiring-manager"
email = "rutger@speelgoed.example"
linkedin = "https://www.linkedin.com/in/rutger-bos"
[[moments]]
text = "{moment}"
with = ["hm"]
"""


@pytest.mark.parametrize(("lang", "moment", "said"), [
    (Language.EN, "rutger's cat walked across the keyboard mid-question", "your cat walked across the keyboard"),
    (Language.NL, "de kat van rutger liep steeds door beeld tijdens het gesprek", "je kat liep steeds door beeld"),
])
def test_what_both_saw_in_the_conversation_is_not_news_they_told(lang: Language, moment: str, said: str) -> None:
    notes = parse_notes(_MOMENT.format(role="designer", lang=lang.value, moment=moment))
    drafts = compose(notes)
    assert all(said in d.body for d in drafts), [d.body for d in drafts]  # turned to them ("de kat van jou" never)
    for draft in drafts:
        assert "hear that" not in draft.body and "te horen" not in draft.body and "learn that" not in draft.body


@pytest.mark.parametrize(("typed", "asked"), [
    ("how you measure success of a shift lead after first six months?",
     "How do you measure success of a shift lead after the first six months?"),
    ("which teams you manage?", "Which teams do you manage?"),
    ("what would you automate first?", "What would you automate first?"),
    ("how we need to prepare?", "How do we need to prepare?"),
])
def test_an_english_question_typed_without_do_gets_it(typed: str, asked: str) -> None:
    from afterword.compose.question import question_text
    from afterword.core.model import Formality

    assert question_text(tidy(typed, Language.EN, {}), Language.EN, Formality.INFORMAL) == asked


@pytest.mark.parametrize("question", ["How do you plan?", "What is the plan?", "How are you doing?", "Where did it go?"])
def test_an_english_question_with_its_auxiliary_is_left_alone(question: str) -> None:
    from afterword.compose.question import question_text
    from afterword.core.model import Formality

    assert question_text(question, Language.EN, Formality.INFORMAL) == question


_JUDGE = """format = 1
[candidate]
name = "Daan Kuipers"
[interview]
company = "Rechtbank Noordzijde"
role = "juridisch medewerker"
start = 2026-12-04T10:45:00+01:00
language = "nl"
next_step = "mr. smits: 'u hoort uiterlijk half december van ons'"
[[contacts]]
id = "smits"
name = "Gerda Smits-van Oort"
role = "hiring-manager"
email = "g.smits@rechtbank.example"
formality = "formal"
[[contacts]]
id = "anna"
name = "Anna Smits-van Oort"
role = "interviewer"
language = "en"
formality = "formal"
email = "a.smits@rechtbank.example"
"""


def test_a_dutch_lawyers_title_in_the_notes_is_her_greeting_and_never_mister() -> None:
    """"mr. smits" in Dutch notes is the title of a lawyer or judge (by the first part of her double surname):
    "Geachte mr. Smits-van Oort," in Dutch; never turned into the English "Mr"."""
    drafts = {d.contact: d.body for d in compose(parse_notes(_JUDGE)) if d.channel is Channel.EMAIL}
    assert drafts["smits"].startswith("Geachte mr. Smits-van Oort,"), drafts["smits"][:60]
    assert "Mr Smits" not in drafts["anna"] and "Mr. Smits" not in drafts["anna"]


@pytest.mark.parametrize(("lang", "typed", "written"), [
    (Language.NL, "OSA-issues bij yoghurt/kwark in het weekend", "yoghurt en kwark"),
    (Language.NL, "bevoegd/bekwaam registratie loopt achter", "bevoegd en bekwaam"),
    (Language.EN, "pipeline merging gps/wellness/medical into 1 db", "gps, wellness and medical"),
    (Language.EN, "need before/after counts for the bike lanes", "before-and-after counts"),
    (Language.EN, "remote/hybrid?", "remote or hybrid?"),
    (Language.EN, "renewals of €2.1m multi-yr", "multi-year"),
])
def test_words_typed_with_a_slash_are_joined_in_words(lang: Language, typed: str, written: str) -> None:
    assert written in tidy(typed, lang, {})


@pytest.mark.parametrize("typed", ["50 km/h", "and/or", "toolbox NL/EN", "24/7 support", "deadline 5/12"])
def test_units_acronyms_and_dates_keep_their_slash(typed: str) -> None:
    assert "/" in tidy(typed, Language.EN, {})


@pytest.mark.parametrize(("lang", "typed", "said", "never"), [
    (Language.EN, "set up triage + photo-first reporting -> first inspection 28 -> 9 days",
     "which took the first inspection from 28 to 9 days", "reporting to first"),
    (Language.NL, "smed workshop geleid met monteurs -> wisseltijd laadstraat van 40 naar 18 min",
     "waardoor de wisseltijd laadstraat van 40 naar 18 minuten ging", "monteurs naar wisseltijd"),
    (Language.EN, "checkweigher data + SPC -> giveaway 3.8% -> 1.1%", "which took the giveaway from 3.8% to 1.1%",
     "SPC to giveaway"),
    (Language.EN, "strangler pattern on old PHP billing -> Go", "billing to Go", "so Go"),
])
def test_an_arrow_to_a_result_is_a_clause_and_to_a_name_is_to(lang: Language, typed: str, said: str,
                                                                 never: str) -> None:
    from afterword.compose.reading import _strength

    out = _strength(tidy(typed, lang, {}), lang)
    assert said in out and never not in out, out


@pytest.mark.parametrize(("lang", "typed", "said"), [
    (Language.EN, "Power BI + ArcGIS dashboards for 2 municipal clients", "Power BI and ArcGIS dashboards for two"),
    (Language.EN, "wrote a DonorsChoose + got $1.8k for probeware last yr", "wrote a DonorsChoose and got $1,800 for probeware"),
    (Language.EN, "Migrated our bank's MAS 610 pipeline from SAS + Excel to dbt on Snowflake",
     "from SAS and Excel to dbt on Snowflake"),
    (Language.NL, "budget 2,5k voor de pilot", "2.500"),
])
def test_a_plus_between_names_or_before_a_second_deed_is_and(lang: Language, typed: str, said: str) -> None:
    from afterword.compose.reading import _deed_before_plus, _joined

    out = tidy(_deed_before_plus(typed, lang), lang, {})
    assert said in out, out
    assert not _joined(typed) or "DonorsChoose" in typed  # (a deed and a second deed stay marked as joined notes)


@pytest.mark.parametrize(("lang", "typed", "said"), [
    (Language.EN, "weekly parity audits, OTA disparity from 14% of nights -> 3%",
     "introduced weekly parity audits, which took OTA disparity from 14% of nights to 3%"),
    (Language.NL, "dervingsdashboard per winkelcluster, derving 9 -> 5,5%",
     "dervingsdashboard per winkelcluster ingevoerd, waardoor"),
])
def test_a_practice_typed_with_its_result_says_it_was_brought_in(lang: Language, typed: str, said: str) -> None:
    from afterword.compose.reading import _strength

    assert said in _strength(tidy(typed, lang, {}), lang)


def test_a_topic_does_not_end_on_all() -> None:
    from afterword.compose.topic import topic

    assert topic("rate parity all over the place across 4 props", Language.EN) == "the rate parity"


@pytest.mark.parametrize(("lang", "typed", "written"), [
    (Language.EN, "no-shows ~12% on the nhs list", "NHS"),
    (Language.EN, "cqc visit in oct", "CQC"),
    (Language.NL, "hr wil een kpi voor het uwv", "HR wil een KPI voor het UWV"),
])
def test_abbreviations_typed_in_lower_case_get_their_capitals(lang: Language, typed: str, written: str) -> None:
    assert written in tidy(typed, lang, {})


def test_a_dental_need_and_its_answer_in_lower_case_notes_reach_the_principal() -> None:
    notes = parse_notes("""format = 1
[candidate]
name = "Hannah Okafor"
[interview]
company = "Brightwell Dental Care"
role = "Practice Manager"
start = 2026-12-04T10:00:00+00:00
language = "en"
[[contacts]]
id = "dp"
name = "Anjali Patel"
role = "hiring-manager"
email = "anjali@brightwell.example"
[[needs]]
id = "dna"
text = "no-shows ~12% on the nhs list, costing them approx £4k/mo (dr p's guess)"
raised_by = ["dp"]
[[strengths]]
text = "cut DNAs 11 -> 6% at Kingsgate w/ sms reminders + same-day waitlist fill-ins"
answers = ["dna"]
[[questions]]
text = "cqc visit in oct - any actions still open?"
for = ["dp"]
""")
    body = compose(notes)[0].body
    assert "cut DNAs from 11 to 6% at Kingsgate with SMS reminders and same-day waitlist fill-ins" in body, body


_ONLY_X = """format = 1
[candidate]
name = "Ciara Doyle"
[interview]
company = "Lyric Theatre"
role = "{role}"
start = 2026-12-05T10:00:00+00:00
language = "{lang}"
[[contacts]]
id = "dec"
name = "Declan Fitzgerald"
role = "executive"
x = "@decfitz"
[[needs]]
id = "fringe"
text = "{need}"
raised_by = ["dec"]
[[strengths]]
text = "{strength}"
answers = ["fringe"]
"""


@pytest.mark.parametrize(("lang", "need", "strength", "said"), [
    (Language.EN, "declan wants to take one show to the edinburgh fringe 2027", "PM on 3 tours incl. edinburgh twice",
     "I was PM on three tours including Edinburgh twice"),
    (Language.NL, "declan wil in 2027 met één voorstelling naar de fringe in edinburgh",
     "3 tournees geleid bij een gezelschap", "ik heb drie tournees geleid bij een gezelschap"),
])
def test_the_only_message_with_nothing_of_theirs_to_name_brings_the_answer(lang: Language, need: str, strength: str,
                                                                             said: str) -> None:
    """Someone reached only on X whose point cannot be named to them (written about them in the third person) still
    gets something of this conversation: the candidate's answer to it, said whole."""
    notes = parse_notes(_ONLY_X.format(role="production manager", lang=lang.value, need=need, strength=strength))
    (draft,) = compose(notes)
    assert said in draft.body, draft.body


@pytest.mark.parametrize("lang", [Language.EN, Language.NL])
def test_the_decision_date_goes_to_who_decides_not_to_every_panel_member(lang: Language) -> None:
    notes = parse_notes(f"""format = 1
[candidate]
name = "Sam Visser"
[interview]
company = "Northwind"
role = "analyst"
start = 2026-12-04T10:00:00+01:00
language = "{lang.value}"
next_step = "decision by 11 dec"
[[contacts]]
id = "hm"
name = "Grace Whitfield"
role = "hiring-manager"
email = "grace@northwind.example"
[[contacts]]
id = "dev"
name = "Daniel Osei"
role = "interviewer"
email = "daniel@northwind.example"
""")
    bodies = {d.contact: d.body for d in compose(notes) if d.channel is Channel.EMAIL}
    day = "11 December" if lang is Language.EN else "11 december"
    assert day in bodies["hm"]
    assert day not in bodies["dev"]


@pytest.mark.parametrize(("lang", "moment", "said", "never"), [
    (Language.NL, "rutger vertelde over de wateroverlast in Leiden in 2023", "verhaal over de wateroverlast in Leiden",
     "bijgebleven dat je vertelde"),
    (Language.EN, "rutger showed the new accessibility lab", "showing me the new accessibility lab", "showing the new"),
])
def test_a_story_they_told_is_their_story_and_what_they_showed_was_shown_to_me(lang: Language, moment: str, said: str,
                                                                                never: str) -> None:
    notes = parse_notes(_MOMENT.format(role="designer", lang=lang.value, moment=moment))
    bodies = [d.body for d in compose(notes)]
    assert any(said in body for body in bodies), bodies
    assert not any(never in body for body in bodies)


def test_how_many_stayed_needs_a_count_before_it_not_a_word_with_ten_in_it() -> None:
    from afterword.compose.reading import _strength

    assert "of whom" not in _strength("trained juniors often, 4 still there", Language.EN)  # "often" is no count
    assert "four of whom are still there" in _strength("trained six juniors, four still there", Language.EN)
