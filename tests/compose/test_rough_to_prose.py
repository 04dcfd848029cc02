"""Rough notes items made into prose before anyone reads them: questions as one sentence, a Dutch moment as a
bijzin, a strength that opens with its place, the first clause of an item whose tail is notes, a recruiter's
question, the polite form the notes use, the candidate's own impressions kept out."""

from __future__ import annotations

import re

import pytest

from afterword.compose import compose, read_notes
from afterword.compose.pieces import strength_piece
from afterword.compose.reader import dutch_subordinate
from afterword.compose.reading import and_clauses, one_question
from afterword.core.model import Language
from afterword.core.notes import parse_notes


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("of the 140 which would you want closed first - oldest or highest risk?", Language.EN,
     "of the 140 which would you want closed first – oldest or highest risk?"),
    ("how is CAPA effectiveness checked right now, if at all? who signs off", Language.EN,
     "how is CAPA effectiveness checked right now, if at all?"),
    ("hoe zie je collectie en publiekswerking concreet, een gedeelde planning? of eerder per project", Language.NL,
     "hoe zie je collectie en publiekswerking concreet – een gedeelde planning, of eerder per project?"),
    ("welke stukken gaan eerst naar het nieuwe depot - de kwetsbaarste of de meest gebruikte?", Language.NL,
     "welke stukken gaan eerst naar het nieuwe depot – de kwetsbaarste of de meest gebruikte?"),
    ("ask rob - budget", Language.EN, "ask rob - budget"),  # not a question: left for the gate to refuse
])
def test_a_question_is_one_sentence_with_one_mark(text: str, lang: Language, expected: str) -> None:
    assert one_question(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Dirk zat vroeger bij de Vlaamse overheid, vertelde over het retabel", Language.NL,
     "Dirk zat vroeger bij de Vlaamse overheid en vertelde over het retabel"),
    ("Tom ran the Leeds depot, showed me the sorter", Language.EN, "Tom ran the Leeds depot and showed me the sorter"),
    ("Tom ran the Leeds depot, told him about my thesis", Language.EN, "Tom ran the Leeds depot, told him about my thesis"),
    ("Tom ran the Leeds depot, i told him about my thesis", Language.EN,
     "Tom ran the Leeds depot, i told him about my thesis"),
    ("the depot is huge, showed me the sorter", Language.EN, "the depot is huge, showed me the sorter"),
])
def test_a_telling_verb_without_subject_belongs_to_the_person_before_it(text: str, lang: Language, expected: str) -> None:
    assert and_clauses(text, lang) == expected


@pytest.mark.parametrize(("clause", "expected"), [
    ("u zat vroeger bij de Vlaamse overheid en vertelde over het retabel",
     "u vroeger bij de Vlaamse overheid zat en over het retabel vertelde"),
    ("u kende mijn promotor goed en herinnerde zich mijn verdediging nog",
     "u mijn promotor goed kende en zich mijn verdediging nog herinnerde"),
    ("je loopt ook de 20 km door Brussel", "je ook de 20 km door Brussel loopt"),
    ("je stapte over naar Gent", None),  # a separable verb: not moved
    ("je hebt in Gent gestudeerd", None),  # a participle at the end: not moved
    ("je zei dat het druk was", None),  # a clause inside
    ("Henk fietst elke dag", None),  # not a pronoun subject
])
def test_a_dutch_moment_as_a_bijzin_moves_each_verb_to_the_end(clause: str, expected: str | None) -> None:
    assert dutch_subordinate(clause) == expected


def test_a_strength_that_opens_with_its_place_gets_its_subject() -> None:
    piece = strength_piece("at Hovione cut open deviations from 210 to 45 in nine months", Language.EN, frozenset())
    assert (piece.kind, piece.text) == ("i", "at Hovione I cut open deviations from 210 to 45 in nine months")
    assert strength_piece("at scale things break", Language.EN, frozenset()).kind != "i"


NOTES_EN = """format = 1
[candidate]
name = "Joao Ferreira"
[interview]
company = "Vireon"
role = "QA Specialist"
start = 2026-12-04T10:00:00+01:00
language = "en"
[[contacts]]
id = "hj"
name = "Henk-Jan de Groot"
role = "hiring-manager"
email = "hj@vireon.example"
[[contacts]]
id = "lotte"
name = "Lotte Bakker"
role = "recruiter"
email = "lotte@vireon.example"
[[needs]]
id = "capa"
text = "CAPAs closed without an effectiveness check"
raised_by = ["hj"]
[[needs]]
id = "dev"
text = "deviation backlog of 140"
raised_by = ["hj"]
[[strengths]]
text = "wrote the CAPA effectiveness SOP there, FDA PAI 2024 = 0 obs on CAPA"
answers = ["capa"]
[[strengths]]
text = "at Hovione (Loures) cut open deviations 210 -> 45 in 9 mths, weekly triage + 1 root cause template"
answers = ["dev"]
[[moments]]
text = "presentation went well i think, felt good"
[[moments]]
text = "henk-jan did a postdoc in Coimbra!! tried a few words of portuguese, terrible accent haha"
with = ["hj"]
[[questions]]
text = "is there a date for the MES vendor decision or is 2028 a guess"
[[questions]]
text = "should I bring a laptop for the case?"
"""


def test_rough_items_give_their_first_clause_and_the_candidates_own_feelings_stay_out() -> None:
    reading = read_notes(parse_notes(NOTES_EN))
    strengths = [s.text for s in reading.interview.strengths]
    assert "wrote the CAPA effectiveness SOP" in strengths  # the tail "= 0 obs" and the dangling "there" left out
    assert "at Hovione cut open deviations from 210 to 45 in nine months" in strengths  # "+" only in the tail
    moments = [m.text for m in reading.interview.moments]
    assert moments == ["Henk-Jan did a postdoc in Coimbra"]
    assert any(r.field == "moments" and r.reason == "private" for r in reading.rough)  # "went well i think"


def test_a_recruiter_gets_the_process_question_and_not_the_work_one() -> None:
    drafts = {(d.contact, str(d.channel)): d.body for d in compose(parse_notes(NOTES_EN))}
    lotte, hj = drafts[("lotte", "email")], drafts[("hj", "email")]
    assert "MES vendor" not in lotte and "laptop" in lotte
    assert "MES vendor" in hj
    assert "presentation went well" not in lotte + hj
    assert "hear that you did a postdoc in Coimbra." in hj or "hearing that you did a postdoc" in hj
    assert lotte.count("Thank you") + lotte.count("Thanks") <= 2  # not "Thank you … Thank you for your part"


NOTES_NL = """format = 1
[candidate]
name = "Lien Vermeulen"
[interview]
company = "Museum Roosendaele"
role = "hoofd collectie"
start = 2026-12-07T13:00:00+01:00
language = "nl"
[[contacts]]
id = "gerda"
name = "Gerda ter Horst"
role = "hiring-manager"
formality = "formal"
email = "g@museum.example"
[[contacts]]
id = "wouter"
name = "Wouter De Smet"
role = "interviewer"
formality = "informal"
email = "w@museum.example"
[[moments]]
text = "mevr. ter Horst kende m'n promotor goed, herinnerde zich m'n verdediging nog (haha)"
with = ["gerda"]
[[moments]]
text = "wouter loopt ook de 20 km door brussel"
with = ["wouter"]
[[moments]]
text = "vroeg door over m'n scriptie, leek echt geinteresseerd"
[[moments]]
text = "presentatie ging goed denk ik, goesting gekregen"
"""


def test_dutch_moments_read_as_a_bijzin_and_the_greeting_uses_the_notes_polite_form() -> None:
    drafts = {(d.contact, str(d.channel)): d.body for d in compose(parse_notes(NOTES_NL))}
    gerda, wouter = drafts[("gerda", "email")], drafts[("wouter", "email")]
    assert gerda.startswith("Geachte mevrouw Ter Horst,")
    assert "dat u mijn promotor goed kende en zich mijn verdediging nog herinnerde." in gerda
    assert "dat je ook de 20 km door Brussel loopt." in wouter
    both = gerda + wouter
    assert "vroeg door" not in both and "scriptie" not in both  # who asked? no subject: not quoted
    assert "presentatie ging goed" not in both and "goesting" not in both
    assert "m'n" not in both


@pytest.mark.parametrize(("text", "lang", "absent"), [
    ("parity mess across the 3 sites + GMs not trusting the fcst", Language.EN, "mess"),
    ("rijtijden kloppen niet meer sinds de nieuwe brug", Language.NL, "kloppen niet"),
    ("alles nog op papier, amai", Language.NL, "papier"),
])
def test_a_blunt_theme_heads_no_message(text: str, lang: Language, absent: str) -> None:
    notes = NOTES_EN if lang is Language.EN else NOTES_NL
    notes = notes.replace('[[contacts]]', f'theme = "{text}"\n[[contacts]]', 1)
    interview = parse_notes(notes)
    reading = read_notes(interview)
    assert reading.interview.theme is None and not reading.theme_topic
    assert any(r.field == "theme" and r.reason == "blunt" for r in reading.rough)
    for draft in compose(interview):
        assert absent not in (draft.subject or "") + draft.body


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("flagged ~$410k in claims", Language.EN, "flagged about $410,000 in claims"),
    ("sponsors €45k total", Language.NL, "sponsors €45.000 total"),
    ("decision by 11 dec, maybe jan", Language.EN, "decision by 11 December, maybe jan"),  # "jan" may be a name
    ("nieuwe concessie per dec 2027", Language.NL, "nieuwe concessie per december 2027"),
    ("via ne gedeelde Excel", Language.NL, "via een gedeelde Excel"),
    ("how do u want it split", Language.EN, "how do you want it split"),
    ("FMECA op 60+ pompstations", Language.NL, "FMECA op meer dan 60 pompstations"),
])
def test_notes_speak_is_written_out(text: str, lang: Language, expected: str) -> None:
    from afterword.compose.reading import tidy

    assert tidy(text, lang, {}) == expected


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("bij Waterbedrijf FMECA gedaan op meer dan 60 pompstations, storingen -22% in twee jaar", Language.NL,
     "bij Waterbedrijf FMECA gedaan op meer dan 60 pompstations, met als resultaat 22% minder storingen in twee jaar"),
    ("moved the rota onto RotaCloud, locum days -40% in six months", Language.EN,
     "moved the rota onto RotaCloud, which cut the locum days by 40% in six months"),
    ("built a speed dashboard, flagged about $410,000 in claims", Language.EN,
     "built a speed dashboard and flagged about $410,000 in claims"),
    ("termijnkalender opgezet in Outlook", Language.NL, "een termijnkalender opgezet in Outlook"),
    ("maximo ingericht", Language.NL, "maximo ingericht"),  # a product in lower case gets no "een"
])
def test_a_strength_keeps_its_result_and_its_article(text: str, lang: Language, expected: str) -> None:
    from afterword.compose.reading import _strength

    assert _strength(text, lang) == expected


def test_a_plus_joins_nouns_but_not_a_deed_and_a_thing() -> None:
    from afterword.compose.reading import _joined

    assert not _joined("11.000 objecten geregistreerd met vrijwilligers + projectsubsidie, overzet")
    assert _joined("maximo ingericht + migratie van 2 oude systemen")
    assert _joined("jurist + 11 jr")
    assert _joined("registratie + depot op orde + terug onderzoek doen")


def test_dutch_modal_with_infinitive_as_a_bijzin() -> None:
    assert dutch_subordinate("je liet de oude schakelkast zien") == "je de oude schakelkast liet zien"
    assert dutch_subordinate("je gaat volgend jaar met pensioen") is None


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("vijf jaar planner bij stadsvervoer, rijtijdanalyse", Language.NL,
     "ik heb vijf jaar als planner bij stadsvervoer gewerkt, rijtijdanalyse"),
    ("three years at Solent Bulk doing voyage P&L", Language.EN, "I spent three years at Solent Bulk doing voyage P&L"),
    ("8 years as engineer at Arup", Language.EN, "I spent 8 years as an engineer at Arup"),
    ("twelve years of experience in audit", Language.EN, "twelve years of experience in audit"),  # already a phrase
])
def test_years_somewhere_become_something_the_candidate_did(text: str, lang: Language, expected: str) -> None:
    from afterword.compose.reading import _years_as

    assert _years_as(text, lang) == expected


def test_a_range_after_van_is_not_doubled_and_a_year_names_the_one() -> None:
    from afterword.compose.articles import fill_articles
    from afterword.compose.reading import tidy
    from afterword.compose.topic import topic

    assert tidy("gebroken diensten van 31% -> 18%", Language.NL, {}) == "gebroken diensten van 31% naar 18%"
    assert fill_articles("concessiestart 2023 meegemaakt", Language.NL) == "de concessiestart van 2023 meegemaakt"
    assert topic("chauffeurstekort loopt op", Language.NL) == "het chauffeurstekort"


def test_the_role_is_named_to_the_hiring_manager_not_to_every_panel_member() -> None:
    notes = NOTES_EN.replace('[[needs]]', '''[[contacts]]
id = "ana"
name = "Ana Ruiz"
role = "interviewer"
email = "ana@vireon.example"
[[needs]]''', 1)
    drafts = {d.contact: d.body for d in compose(parse_notes(notes)) if str(d.channel) == "email"}
    assert "role of QA Specialist" in drafts["hj"].split("\n\n")[1]
    assert "QA Specialist" not in drafts["ana"].split("\n\n")[1]


def test_places_typed_in_lower_case_get_their_capital_and_a_gerund_no_article() -> None:
    from afterword.compose.reading import tidy
    from afterword.compose.topic import _with_article

    assert tidy("ran the lisbon half in oct", Language.EN, {}) == "ran the Lisbon half in October"
    assert tidy("woont in antwerpen, fietst naar gent", Language.NL, {}) == "woont in Antwerpen, fietst naar Gent"
    assert _with_article("moving off spreadsheets", Language.EN) == "moving off spreadsheets"
    assert _with_article("training compliance", Language.EN) == "the training compliance"


def test_a_deed_before_a_plus_is_the_claim_and_an_organisation_gets_its_article() -> None:
    from afterword.compose.articles import fill_articles
    from afterword.compose.reading import _deed_before_plus, _strength

    assert _deed_before_plus("termijnkalender opgezet in outlook + dubbele check, nul gemist", Language.NL) == \
        "termijnkalender opgezet in outlook"
    assert _deed_before_plus("vrijwilligers + projectsubsidie", Language.NL) == "vrijwilligers + projectsubsidie"
    assert fill_articles("een model gebouwd bij drogisterijketen", Language.NL) == "een model gebouwd bij een drogisterijketen"
    assert fill_articles("built a model at drugstore chain", Language.EN) == "built a model at a drugstore chain"
    assert fill_articles("at the firm", Language.EN) == "at the firm"
    assert _strength("depotverhuis 2022 geleid: 6.500 objecten, 0 schade", Language.NL) == "de depotverhuis van 2022 geleid"


def test_news_from_hr_is_not_the_hiring_managers_call() -> None:
    notes = NOTES_EN.replace('[[contacts]]', 'next_step = "hr will call by the end of next week"\n[[contacts]]', 1)
    drafts = {d.contact: d.body for d in compose(parse_notes(notes)) if str(d.channel) == "email"}
    assert "your call" not in drafts["hj"]


@pytest.mark.parametrize(("text", "lang"), [
    ("fran has 2 kids at the same school as my niece, lewisham. didnt say, felt weird", Language.EN),
    ("kiran said band is 38-42k + shift allowance, shelley didnt say anything re money", Language.EN),
    ("sander vertelde dat zijn compagnon er vorig jr uit is gestapt, ruzie over geld. niet aan beginnen", Language.NL),
    ("leonie vroeg door op renteswaps, ik wist de details van de hedge niet meer precies (balen)", Language.NL),
    ("marieke heeft 2 kinderen op dezelfde school als mijn nichtje", Language.NL),
    # marked as not for a message in the words people use (found by the heldout10 reading: a rumour reached the
    # person it was about)
    ("volgens wim stopt de directeur volgend jaar, 'maar dat weet nog niemand' - gerucht, NIKS mee doen", Language.NL),
    ("het MT wil de afdeling splitsen, niet in mail zetten", Language.NL),
    ("ransomware incident last spring took the lab systems down for a week, keep it in the room", Language.EN),
    ("the previous manager left after 4 months - rumour, don't use", Language.EN),
])
def test_someones_family_pay_and_own_slips_are_never_quoted(text: str, lang: Language) -> None:
    from afterword.core.lang.private import find_private

    assert find_private(text, lang, in_notes=True)


def test_blunt_words_in_a_need_name_its_topic_but_plain_negations_do_not() -> None:
    from afterword.core.lang.private import blunt

    assert blunt("the rota is a total mess", Language.EN, mild=False) == "mess"
    # "nobody has time to coach them", read back to the head of that team, is a criticism of it (heldout7 reader):
    # the need is named by its topic ("the three juniors"), while a plain "nobody" in a need stays mild.
    assert blunt("nobody has time to coach them", Language.EN, mild=False) == "nobody has time"
    assert blunt("niemand heeft tijd om ze in te werken", Language.NL, mild=False) == "niemand heeft tijd"
    assert blunt("nobody owns the data model", Language.EN, mild=False) is None
    assert blunt("nobody owns the data model", Language.EN) == "nobody"  # but it heads no subject
    assert blunt("de sensordata staat in drie systemen die niet praten", Language.NL, mild=False) is None


def test_a_name_with_a_backslash_is_text_not_a_replacement_template() -> None:
    notes = NOTES_NL.replace('name = "Gerda ter Horst"', 'name = "\\\\ ter Horst"')
    assert compose(parse_notes(notes))  # found by the property test: "\\ 0" as a name broke re.sub


@pytest.mark.parametrize(("met", "lang", "expected"), [
    ("phone screen last week", Language.EN, "Thank you for "),
    ("intro call before", Language.EN, "Thank you for "),
    ("telefonisch vooraf", Language.NL, "regel"),
])
def test_a_recruiter_who_called_before_is_thanked_for_arranging_not_for_the_conversation(
        met: str, lang: Language, expected: str) -> None:
    notes = (NOTES_EN if lang is Language.EN else NOTES_NL)
    if lang is Language.EN:
        notes = notes.replace('role = "recruiter"', f'role = "recruiter"\nmet = "{met}"')
        who = "lotte"
    else:
        notes = notes.replace('id = "wouter"\nname = "Wouter De Smet"\nrole = "interviewer"',
                              f'id = "wouter"\nname = "Wouter De Smet"\nrole = "recruiter"\nmet = "{met}"')
        who = "wouter"
    body = next(d.body for d in compose(parse_notes(notes)) if d.contact == who and str(d.channel) == "email")
    opening = body.split("\n\n")[1]
    assert expected in opening and "conversation on" not in opening and "gesprek van maandag over" not in opening
    assert any(word in opening for word in ("arranging", "setting up", "regelen", "geregeld"))


def test_a_recruiter_met_at_the_panel_is_still_thanked_for_the_conversation() -> None:
    from afterword.core.model import Contact, ContactRole

    assert not Contact("a", "A B", role=ContactRole.RECRUITER, met="panel, called me before").spoke_before
    assert Contact("a", "A B", role=ContactRole.RECRUITER, met="belde vorige week").spoke_before


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("3 juniors starting jan, nobody has time", Language.EN, "three juniors starting January, nobody has time"),
    ("the pad closed in mar", Language.EN, "the pad closed in March"),
    ("jan said the belt jams", Language.EN, "jan said the belt jams"),  # a name, not a month
    ("uitslag eind jan", Language.NL, "uitslag eind januari"),
    ("jan zei dat de band vastloopt", Language.NL, "jan zei dat de band vastloopt"),
    ("visitors go down ca. 50% nov-feb", Language.EN, "visitors go down about 50% from November to February"),
    ("drukte van sept-dec", Language.NL, "drukte van september tot en met december"),
    ("drafted the 24h/72h incident notifications", Language.EN, "drafted the 24- and 72-hour incident notifications"),
    ("meldingen binnen 24h/72h", Language.NL, "meldingen binnen 24 en 72 uur"),
    ("rebuilt the rota -> overtime down 40%", Language.EN, "rebuilt the rota, which brought overtime down by 40%"),
    ("nieuwe planning ingevoerd -> wachttijd omlaag met 30%", Language.NL,
     "nieuwe planning ingevoerd, waarmee de wachttijd met 30% daalde"),
])
def test_months_spans_hours_and_arrows_to_a_result_are_written_out(text: str, lang: Language, expected: str) -> None:
    from afterword.compose.reading import tidy

    assert tidy(text, lang, {}) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("NIS2 clients asking for proper incident reports w/in 24h", "the NIS2 clients"),
    ("A321 turn scheduled 35 min, they're averaging 41-44", "the A321 turn"),
    ("de-icing season starting, last winter a mess", "the de-icing season"),
    ("rosters done by hand in excel", "the rosters"),
    ("staff training budget gone", "the staff training budget"),
    ("the set list is long", "the set list"),  # a word that is also a participle, after an article
])
def test_a_topic_ends_before_what_its_subject_does(text: str, expected: str) -> None:
    from afterword.compose.topic import topic

    assert topic(text, Language.EN) == expected


def test_a_need_named_by_its_topic_is_never_quoted_after_a_colon() -> None:
    from dataclasses import replace

    interview = parse_notes(NOTES_EN)
    need = replace(interview.needs[0], text="A321 turn scheduled 35 min, they're averaging 41-44 -> knock on all day")
    drafts = compose(replace(interview, needs=(need, *interview.needs[1:])))
    bodies = " ".join(d.body for d in drafts)
    assert "turn scheduled" not in bodies and ": A321 turn" not in bodies and ": the A321 turn" not in bodies
    assert "the A321 turn" in bodies  # named by what it is about, in a sentence of its own


def test_there_in_a_strength_is_the_place_of_the_strength_before() -> None:
    from dataclasses import replace

    interview = parse_notes(NOTES_EN)
    strengths = (replace(interview.strengths[0], text="4 yrs running turns at Bristol for a low cost carrier"),
                 replace(interview.strengths[0], text="started a 'first wave' huddle there -> late pushbacks down ~30% in 3 months"))
    read = read_notes(replace(interview, strengths=strengths)).interview
    assert read.strengths[-1].text == ("started a 'first wave' huddle at Bristol, which brought late pushbacks down by "
                                       "about 30% in three months")


def test_ordinary_words_of_the_company_name_are_not_capitalised_in_the_notes() -> None:
    from dataclasses import replace

    interview = parse_notes(NOTES_EN)
    interview = replace(interview, company="Liffey Valley Wildlife Park", moments=(replace(
        interview.moments[0], text="Niamh told me about the red panda they found on the car park"),))
    assert "car park" in read_notes(interview).interview.moments[0].text


def test_a_formal_dutch_letter_without_a_polite_form_greets_by_the_given_name_and_keeps_u() -> None:
    """"Geachte Gerda ter Horst," reads as mail merge and "Geachte mevrouw" needs what the notes do not say."""
    plain = NOTES_NL.replace('text = "mevr. ter Horst kende', 'text = "ze kende')
    drafts = {(d.contact, str(d.channel)): d.body for d in compose(parse_notes(plain))}
    gerda = drafts[("gerda", "email")]
    assert gerda.startswith("Beste Gerda,")
    assert re.search(r"\b(?:u|uw)\b", gerda) and not re.search(r"\b(?:je|jij|jouw)\b", gerda)
    with_salutation = plain.replace('name = "Gerda ter Horst"', 'name = "Gerda ter Horst"\nsalutation = "mevrouw Ter Horst"')
    drafts = {(d.contact, str(d.channel)): d.body for d in compose(parse_notes(with_salutation))}
    assert drafts[("gerda", "email")].startswith("Geachte mevrouw Ter Horst,")
    english = plain.replace('language = "nl"', 'language = "en"')
    if english != plain:
        assert all(not d.body.startswith("Beste") for d in compose(parse_notes(english)) if d.contact == "gerda")


@pytest.mark.parametrize(("subject", "lang", "reads"), [
    ("Many groups cancel in winter", Language.EN, False),   # a line of notes with a verb
    ("46 fte", Language.NL, False),                          # a bare figure
    ("Batch release 21 days average", Language.EN, False),
    ("Risicogestuurd onderhoud in plaats", Language.NL, False),  # a loose end
    ("ICR zakt richting WSW-norm", Language.NL, False),
    ("Veel aannemers", Language.NL, False),
    ("School program also", Language.EN, False),
    ("Deviation backlog and release", Language.EN, True),
    ("Minder derving – naar aanleiding van ons gesprek", Language.NL, True),
    ("The A321 turn and what worked at Bristol", Language.EN, True),
    ("Your story about the bot attack on Black Friday", Language.EN, True),
    ("Wie beheert straks het nieuwe planningssysteem?", Language.NL, True),
])
def test_a_subject_from_the_notes_reads_as_a_headline(subject: str, lang: Language, reads: bool) -> None:
    from afterword.compose.subject import reads_as_headline

    assert reads_as_headline(subject, lang) is reads


@pytest.mark.parametrize(("text", "lang"), [
    ("froze on the 'disagreed w/ a clinician' q (sweating buckets), recovered ok i think??", Language.EN),
    ("jess took the mick out of the gaffer's powerpoint skills, 'word art' lol - DO NOT repeat", Language.EN),
    ("case study went ok, ran out of time on the staffing calc (argh)", Language.EN),
    ("tomás said manager might be gone if they lose sat (!!) keep to myself", Language.EN),
    ("casus ging wel oké, tijd te kort bij de berekening", Language.NL),
    ("klapte dicht bij de vraag over conflicten", Language.NL),
])
def test_the_candidates_own_slips_and_marked_remarks_are_private(text: str, lang: Language) -> None:
    """Found by the heldout8 readers: these reached the people they were about."""
    from afterword.core.lang.private import find_private

    assert find_private(text, lang, in_notes=True)
