"""The small words notes leave out are put back only where it is safe (English and Dutch)."""

from __future__ import annotations

import pytest

from afterword.compose.articles import fill_articles
from afterword.core.model import Language


@pytest.mark.parametrize(("notes", "prose"), [
    ("I built internal integration health dashboard, caught about 80% of breaks",
     "I built an internal integration health dashboard, caught about 80% of breaks"),
    ("set up buddy scheme for new starters", "set up a buddy scheme for new starters"),
    ("wrote exit plan that DNB approved", "wrote an exit plan that DNB approved"),
    ("ran analysis of churn", "ran an analysis of churn"),
    ("at previous job I led the team", "at my previous job I led the team"),
])
def test_english_notes_get_their_article_back(notes: str, prose: str) -> None:
    assert fill_articles(notes, Language.EN) == prose


@pytest.mark.parametrize("text", [
    "built dashboards for ops", "led research on PFAS", "ran onboarding for mid-market restaurants",
    "I ran two xmas peaks as DSM", "led the rollout of single sign-on", "created Power BI dashboard",
    "built an app", "introduced 4-on-3-off rota",
])
def test_english_plurals_mass_nouns_names_and_determined_phrases_are_left_alone(text: str) -> None:
    assert fill_articles(text, Language.EN) == text


@pytest.mark.parametrize(("notes", "prose"), [
    ("Ik heb DMP-spreekuur opgezet in vorige groep.", "Ik heb een DMP-spreekuur opgezet in mijn vorige groep."),
    ("ik heb flexpool opgezet met vier zzp'ers", "ik heb een flexpool opgezet met vier zzp'ers"),
    ("ik heb bij vorige werkgever een team geleid", "ik heb bij mijn vorige werkgever een team geleid"),
    # after a role, a span of time or an employer's name, and before a phrase of time or place
    ("ik heb als teamleider twee jaar BBL-traject opgezet", "ik heb als teamleider twee jaar een BBL-traject opgezet"),
    ("ik heb bij Woonkracht Gelderland schimmelaanpak opgezet",
     "ik heb bij Woonkracht Gelderland een schimmelaanpak opgezet"),
    ("ik heb belronde binnen één week na intake ingevoerd", "ik heb een belronde binnen één week na intake ingevoerd"),
    ("toen heb ik dashboard gebouwd", "toen heb ik een dashboard gebouwd"),
    ("ik heb vijf jaar als planner bij distributiecentrum gewerkt", "ik heb vijf jaar als planner bij een distributiecentrum gewerkt"),
    # a thing made for a number of others; a change typed as notes type it
    ("ik heb bij Zuidnet risicomodel 10 kV-kabels gebouwd", "ik heb bij Zuidnet een risicomodel voor 10 kV-kabels gebouwd"),
    ("bij invoering nieuw DMS heb ik 40 collega's getraind", "bij de invoering van het nieuwe DMS heb ik 40 collega's getraind"),
    ("bij invoering SAP heb ik 40 mensen getraind", "bij de invoering van SAP heb ik 40 mensen getraind"),
])
def test_dutch_notes_get_their_article_back(notes: str, prose: str) -> None:
    assert fill_articles(notes, Language.NL) == prose


@pytest.mark.parametrize("text", [
    "Ik heb de planning omgegooid", "heb trainingen gegeven", "Ik heb onderzoek gedaan", "Ik heb Jan gebeld",
    "notuleerde twee jaar bij de gemeenteraad", "ik heb als key user 40 collega's getraind",
    "ik heb als key user ongeveer 40 collega's getraind", "ik heb bij fusie twee teams samengevoegd",
    "ik ben als teamleider twee jaar Wzd-aandachtsvelder geweest",
])
def test_dutch_plurals_mass_nouns_names_and_determined_phrases_are_left_alone(text: str) -> None:
    assert fill_articles(text, Language.NL) == text
