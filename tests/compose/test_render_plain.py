"""Phrase variants that are text with `{{ name }}` only are filled in without Jinja (issue 14, point 2),
exactly as Jinja renders them; anything else still goes to Jinja."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, StrictUndefined, UndefinedError

from afterword.compose.render import BUILTIN, Phrase, Voice, _plain_parts
from afterword.core.model import Language

ENV = Environment(undefined=StrictUndefined, autoescape=False, trim_blocks=False, lstrip_blocks=True,
                  keep_trailing_newline=False)


def _builtin_phrases() -> list[Phrase]:
    voice = Voice(None)
    names = sorted({p.stem for lang in ("en", "nl") for p in (BUILTIN / lang).glob("*.toml")})
    return [phrase for lang in Language for name in names
            for variants in voice.phrases(lang, name).values() for phrase in variants]


PHRASES = _builtin_phrases()
PLAIN = [(p, ENV.from_string(p._source)) for p in PHRASES if p._parts is not None]


def test_most_builtin_variants_need_no_jinja() -> None:
    plain = [p for p in PHRASES if p._parts is not None]
    assert len(plain) > 0.8 * len(PHRASES)
    assert all("{%" not in p._source and "|" not in p._source for p in plain)


@settings(deadline=None, max_examples=40)
@given(st.text(max_size=30), st.sampled_from(["{{ x }}", "{% raw %}", "}}", "ünï", "", "None", "\n"]))
def test_plain_variants_render_as_jinja_does(value: str, extra: str) -> None:
    for phrase, template in PLAIN:
        values = dict.fromkeys(phrase._parts[1::2], value + extra)  # type: ignore[index]
        assert phrase.render(values) == template.render(values)


@pytest.mark.parametrize("source", [
    "{{ m | capitalize_first }} stayed with me.", "{% if a %}b{% endif %}", "a {# note #} b", "{{ true }}",
    "line\nbreak {{ x }}", "{{ x.y }}", "{{ x }} and { brace", "{{ 'literal' }}",
])
def test_anything_else_is_left_to_jinja(source: str) -> None:
    assert _plain_parts(source) is None


def test_a_missing_name_is_still_jinjas_error() -> None:
    phrase = Phrase(Voice(None), "Thank you, {{ name }}.", "en/email.toml", "thanks")
    assert phrase.render({"name": 7, "other": "x"}) == "Thank you, 7."
    with pytest.raises(UndefinedError, match="'name' is undefined"):
        phrase.render({"other": "x"})
