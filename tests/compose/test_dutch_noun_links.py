"""Two Dutch nouns typed side by side in notes ("achterstand kantonvonnissen") get the article and the word Dutch
puts between them when they are named to the reader; anything that is not two nouns is left as it was."""

from __future__ import annotations

import pytest

from afterword.compose.pieces import with_article
from afterword.compose.topic import _with_article
from afterword.core.model import Language


@pytest.mark.parametrize(("typed", "named"), [
    ("achterstand kantonvonnissen", "de achterstand van kantonvonnissen"),
    ("verloop jonge griffiers naar advocatuur", "het verloop van jonge griffiers naar advocatuur"),
    ("tekort monteurs", "het tekort aan monteurs"),
    ("wachtrij aansluitingen", "de wachtrij voor aansluitingen"),
    ("inzet flexwerkers", "de inzet van flexwerkers"),
])
def test_two_nouns_side_by_side_are_linked(typed: str, named: str) -> None:
    assert _with_article(typed, Language.NL) == named
    assert with_article(typed, Language.NL) == named


@pytest.mark.parametrize("typed", [
    "omdat de tekeningen steeds veranderen", "acht leerlingen met eigen leerlijn", "schimmel en eenzaamheid",
    "derving vers", "nieuw clubhuis", "veel oudere huurders", "storingen gemalen",
])
def test_what_is_not_two_nouns_gets_no_link(typed: str) -> None:
    assert " van " not in _with_article(typed, Language.NL).replace(typed, "")
    assert " van " not in with_article(typed, Language.NL).replace(typed, "")


@pytest.mark.parametrize(("typed", "named"), [("veel oudere huurders", "de vele oudere huurders"),
                                              ("veel klachten", "de vele klachten"), ("veel werk", "veel werk")])
def test_many_of_a_plural_is_named_as_the_many(typed: str, named: str) -> None:
    assert _with_article(typed, Language.NL) == named
    assert with_article(typed, Language.NL) == named


def test_more_and_more_of_a_plural_is_the_growing_number() -> None:
    assert _with_article("steeds meer mondelinge uitspraken", Language.NL) == "het groeiende aantal mondelinge uitspraken"
    assert with_article("steeds meer mondelinge uitspraken", Language.NL) == "het groeiende aantal mondelinge uitspraken"
