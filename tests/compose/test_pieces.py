"""Turning notes phrases into sentences: first person, toward the reader, register, shortening."""

from __future__ import annotations

import pytest

from afterword.compose.pieces import need_piece, strength_piece
from afterword.compose.question import question_text
from afterword.compose.reader import moment_piece
from afterword.compose.wording import lower_first, shorten
from afterword.core.model import Contact, Formality, Language

EN, NL = Language.EN, Language.NL
NONE: frozenset[str] = frozenset()


@pytest.mark.parametrize(("text", "lang", "kind", "out"), [
    ("Moved an order pipeline to Kafka", EN, "i", "I moved an order pipeline to Kafka"),
    ("Led a team of 8", EN, "i", "I led a team of 8"),
    ("Has ten years in logistics", EN, "i", "I have ten years in logistics"),
    ("Ten years of experience with Python", EN, "np", "ten years of experience with Python"),
    ("Experienced in SQL", EN, "raw", "experienced in SQL"),
    ("I speak Polish", EN, "i", "I speak Polish"),
    ("Leidde twaalf bewonersavonden", NL, "i", "ik leidde twaalf bewonersavonden"),
    ("Heb bij Adyen een team opgebouwd", NL, "i", "ik heb bij Adyen een team opgebouwd"),
    ("Ervaring met load testing", NL, "np", "ervaring met load testing"),
    ("Grote ervaring met subsidies", NL, "raw", "grote ervaring met subsidies"),
])
def test_strengths_in_first_person(text: str, lang: Language, kind: str, out: str) -> None:
    piece = strength_piece(text, lang, frozenset({"kafka", "python", "adyen", "sql", "polish"}))
    assert (piece.kind, piece.text) == (kind, out)


def test_needs() -> None:
    assert need_piece("Grow a team of four", EN, NONE).kind == "want"
    assert need_piece("Grow a team of four", EN, NONE).text == "grow a team of four"
    assert need_piece("ETL runs nightly.", EN, NONE).text == "ETL runs nightly"


MARIA = Contact(id="maria", name="Maria de Vries")
HENK = Contact(id="henk", name="Henk Bosman", formality=Formality.FORMAL)
LISA = Contact(id="lisa", name="Lisa Smit")


@pytest.mark.parametrize(("text", "contact", "lang", "kind", "out"), [
    ("Maria's story about the Rotterdam hub outage", MARIA, EN, "your", "your story about the Rotterdam hub outage"),
    ("Maria and I both prefer dbt", MARIA, EN, "clause", "you and I both prefer dbt"),
    ("Maria mentioned the new warehouse", MARIA, EN, "you_tell", "you mentioned the new warehouse"),
    ("Maria told me about her first job", MARIA, EN, "you_tell", "you told me about your first job"),
    ("Maria cycles to work", MARIA, EN, "you", "you cycle to work"),
    ("Maria is training for a marathon", MARIA, EN, "you", "you are training for a marathon"),
    ("Maria laughed about the coffee machine", MARIA, EN, "clause_plain", "you laughed about the coffee machine"),
    ("Maria said she would call", MARIA, EN, "you_tell", "you said you would call"),
    ("maria said she would call", MARIA, EN, "you_tell", "you said you would call"),
    ("She told me about the new graduate scheme", MARIA, EN, "you_tell", "you told me about the new graduate scheme"),
    ("Anna's idea about the hub", MARIA, EN, "raw", "Anna's idea about the hub"),
    ("We talked about sailing", MARIA, EN, "clause_plain", "we talked about sailing"),
    ("Henk fietst elke dag vanuit Houten", HENK, NL, "you", "u fietst elke dag vanuit Houten"),
    ("Henk is fan van Feyenoord", HENK, NL, "you", "u bent fan van Feyenoord"),
    ("Henk vertelde over zijn dochter", HENK, NL, "you_tell", "u vertelde over uw dochter"),
    ("Henks verhaal over de dijk", HENK, NL, "your", "uw verhaal over de dijk"),
    ("Lisa en ik hebben allebei in Delft gestudeerd", LISA, NL, "clause", "jij en ik hebben allebei in Delft gestudeerd"),
    ("Lisa heeft een hond", LISA, NL, "you", "je hebt een hond"),
])
def test_moments_turn_toward_the_reader(text: str, contact: Contact, lang: Language, kind: str, out: str) -> None:
    piece = moment_piece(text, contact, lang, frozenset({"rotterdam", "houten", "feyenoord", "delft", "anna"}))
    assert (piece.kind, piece.text) == (kind, out)


@pytest.mark.parametrize(("text", "formality", "out"), [
    ("Wat vind jij het belangrijkste?", Formality.FORMAL, "Wat vindt u het belangrijkste?"),
    ("Kun je iets vertellen over jouw team?", Formality.FORMAL, "Kunt u iets vertellen over uw team?"),
    ("Hoe wilt u het succes meten?", Formality.INFORMAL, "Hoe wil je het succes meten?"),
    ("Hoe wilt u het succes meten?", Formality.FORMAL, "Hoe wilt u het succes meten?"),
    ("hoe meet je succes", Formality.INFORMAL, "Hoe meet je succes?"),
])
def test_dutch_questions_in_the_reader_register(text: str, formality: Formality, out: str) -> None:
    assert question_text(text, NL, formality) == out


def test_not_a_question_or_two_questions() -> None:
    assert question_text("Ask about onboarding", EN, Formality.INFORMAL) is None
    assert question_text("Why? And how?", EN, Formality.INFORMAL) is None


def test_lowercasing_keeps_names_and_acronyms() -> None:
    assert lower_first("Shipment status lags", NONE) == "shipment status lags"
    assert lower_first("ETL runs nightly", NONE) == "ETL runs nightly"
    assert lower_first("Rotterdam hub", frozenset({"rotterdam"})) == "Rotterdam hub"
    assert lower_first("Real-Time Shipment Visibility Platform", NONE) == "Real-Time Shipment Visibility Platform"


def test_shorten_cuts_at_natural_boundaries() -> None:
    text = "Shipment status lags six hours behind because the ETL runs in nightly batches"
    assert shorten(text, 40, EN, level="clause") == "Shipment status lags six hours behind"
    assert shorten("Getting patients to finish online intake before their first visit", 50, EN,
                   level="phrase") == "Getting patients to finish online intake"
    assert shorten("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 10, EN) is None
