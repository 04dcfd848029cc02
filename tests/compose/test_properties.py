"""Property tests: the composer never crashes on any text and never runs notes text as a template."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afterword.check import check_drafts
from afterword.compose import compose
from afterword.core.model import Contact, Formality, Language, Moment, Need, Question, Strength
from tests.compose.helpers import examples, load

BASE = load(examples()[0])
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120
).filter(lambda s: s.strip() != "")
SYNTAX = st.sampled_from(["{{ 7*7 }}", "{% if a %}", "{#", "<b>", "}}", "{%", "${x}", "\\", "’s", "?"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    theme=TEXT, need=TEXT, strength=TEXT, moment=TEXT, question=TEXT, name=TEXT, syntax=SYNTAX,
    lang=st.sampled_from(list(Language)), formality=st.sampled_from(list(Formality)),
    met=st.sampled_from(["panel", "lobby", "lunch", "gang", "at the coffee machine", "video", "somewhere"]),
)
def test_any_text_composes_and_checks(theme: str, need: str, strength: str, moment: str, question: str,
                                             name: str, syntax: str, lang: Language, formality: Formality,
                                             met: str) -> None:
    contact = Contact(id="p", name=name.strip(), met=met, email="p@example.org", linkedin="https://x.example/p",
                      x="@p", language=lang, formality=formality)
    marked = f"{moment} {syntax}"
    interview = replace(
        BASE, theme=theme, contacts=(contact,), needs=(Need("n", need, ("p",)),),
        strengths=(Strength(strength, ("n",)),), moments=(Moment(marked, ("p",)),),
        questions=(Question(question, ("p",)),),
    )
    drafts = compose(interview)
    assert len(drafts) == 3
    for d in drafts:
        assert d.body.strip()
        assert d.language is lang
        assert "49" not in d.body or "49" in f"{theme}{need}{strength}{moment}{question}{name}"  # never evaluated
    check_drafts(interview, drafts)  # the checker accepts whatever the composer writes
