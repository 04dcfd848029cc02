"""The composer against the examples and hand-written edge cases: coverage, limits, register, grounding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from afterword.check import check_drafts
from afterword.compose import compose, compose_check_in, x_length
from afterword.core.errors import InputError
from afterword.core.model import Channel, Formality, Language, Severity
from tests.compose.helpers import DATA, FORMAL_NL, INFORMAL_NL, examples, extra_notes, load, words_of

ALL_NOTES = examples() + extra_notes()


def _ids(paths: list[Path]) -> list[str]:
    return [f"{p.parent.parent.name}/{p.name}" for p in paths]


@pytest.mark.parametrize("path", examples(), ids=_ids(examples()))
def test_examples_have_no_error_or_warning(path: Path) -> None:
    interview = load(path)
    drafts = compose(interview)
    for draft, findings in zip(drafts, check_drafts(interview, drafts), strict=True):
        bad = [f"{f.code}: {f.message}" for f in findings if f.severity is not Severity.SUGGESTION]
        assert not bad, f"{draft.contact}/{draft.channel}: {bad}\n{draft.subject}\n{draft.body}"


@pytest.mark.parametrize("path", ALL_NOTES, ids=_ids(ALL_NOTES))
def test_one_draft_per_contact_and_channel_in_order(path: Path) -> None:
    interview = load(path)
    drafts = compose(interview)
    expected = [(c.id, ch) for c in interview.contacts for ch in c.channels]
    assert [(d.contact, d.channel) for d in drafts] == expected
    for d in drafts:
        assert d.language is interview.language_of(interview.contact(d.contact))
        assert (d.subject is not None) == (d.channel is Channel.EMAIL)


@pytest.mark.parametrize("path", ALL_NOTES, ids=_ids(ALL_NOTES))
def test_limits_and_one_question(path: Path) -> None:
    interview = load(path)
    for d in compose(interview):
        if d.channel is Channel.EMAIL:
            assert d.subject and len(d.subject) <= 60
            # At most one question asked; a theme or need quoted as "the question ‘…?’" is not one.
            assert re.sub(r"‘[^’]*’", "", d.body).count("?") <= 1
            assert len(words_of(d.body)) <= 200
        elif d.channel is Channel.LINKEDIN:
            assert len(d.body) <= 200
        else:
            assert x_length(d.body) <= 280


@pytest.mark.parametrize("path", examples(), ids=_ids(examples()))
def test_in_room_emails_are_80_to_200_words_and_passing_ones_lighter(path: Path) -> None:
    interview = load(path)
    for d in compose(interview, channels=[Channel.EMAIL]):
        count = len(words_of(d.body))
        if interview.contact(d.contact).met_in_passing:
            assert 50 <= count <= 120, d.body
        else:
            assert 80 <= count <= 200, d.body


def test_linkedin_premium_limit_allows_richer_notes() -> None:
    interview = load(examples()[0])
    free = compose(interview, channels=[Channel.LINKEDIN])
    premium = compose(interview, channels=[Channel.LINKEDIN], linkedin_limit=300)
    assert all(len(d.body) <= 300 for d in premium)
    assert all(len(p.body) >= len(f.body) for f, p in zip(free, premium, strict=True))


@pytest.mark.parametrize("path", ALL_NOTES, ids=_ids(ALL_NOTES))
def test_dutch_register_is_consistent(path: Path) -> None:
    interview = load(path)
    for d in compose(interview):
        if d.language is not Language.NL:
            continue
        tokens = set(words_of(d.body))
        if interview.contact(d.contact).effective_formality is Formality.FORMAL:
            assert not tokens & INFORMAL_NL, d.body
        else:
            assert not tokens & FORMAL_NL, d.body


@pytest.mark.parametrize("path", ALL_NOTES, ids=_ids(ALL_NOTES))
def test_every_number_comes_from_the_notes(path: Path) -> None:
    interview = load(path)
    source = path.read_text("utf-8")
    for d in compose(interview):
        for number in re.findall(r"\d+", f"{d.subject or ''} {d.body}"):
            assert number in source, f"{number} in {d.contact}/{d.channel}"


@pytest.mark.parametrize("path", ALL_NOTES, ids=_ids(ALL_NOTES))
def test_no_placeholder_or_unfilled_template(path: Path) -> None:
    source = path.read_text("utf-8")
    for d in compose(load(path)):
        text = f"{d.subject or ''}\n{d.body}"
        for marker in re.findall(r"\{\{.*?\}\}|\{%.*?%\}|\[[A-Z][a-z]+\]", text):
            assert marker in source, marker  # only what the notes themselves contain


DISTINCT = [*examples(), DATA / "same-need.toml"]


@pytest.mark.parametrize("path", DISTINCT, ids=_ids(DISTINCT))
def test_people_get_different_substance(path: Path) -> None:
    from rapidfuzz import fuzz

    interview = load(path)
    emails = compose(interview, channels=[Channel.EMAIL])

    def substance(body: str) -> str:
        return "\n".join(body.splitlines()[1:-4])  # without greeting and signature

    for i, a in enumerate(emails):
        for b in emails[i + 1 :]:
            assert fuzz.ratio(substance(a.body), substance(b.body)) < 85, (a.contact, b.contact)
            assert a.subject != b.subject


def test_template_syntax_and_html_in_notes_come_out_literally() -> None:
    interview = load(DATA / "hostile.toml")
    bodies = "\n".join(d.body for d in compose(interview))
    for literal in ("{{ zes }}", "<script>alert(1)</script>", "{% if x %}streamingplatform{% endif %}",
                    "{{ rotterdam }}", "Sam {{ candidate }} Jansen", "{{ succes }}"):
        assert literal in bodies


def test_names_in_any_script() -> None:
    drafts = {(d.contact, d.channel): d for d in compose(load(DATA / "scripts.toml"))}
    assert drafts[("wang", Channel.EMAIL)].body.splitlines()[0].endswith("王芳,")
    assert drafts[("lukasz", Channel.EMAIL)].body.splitlines()[0].endswith(" Łukasz,")
    # Formal, without a title in the notes: the given name, since "Dear Siobhan O'Brien" reads as mail merge.
    assert drafts[("siobhan", Channel.EMAIL)].body.splitlines()[0] == "Dear Siobhan,"
    assert "you and I both row on the Liffey" in drafts[("lukasz", Channel.EMAIL)].body
    assert "Zoë O'Brien" in drafts[("siobhan", Channel.EMAIL)].body


def test_sparse_notes_give_a_short_honest_draft() -> None:
    interview = load(DATA / "sparse.toml")
    email = compose(interview, channels=[Channel.EMAIL])[0]
    assert 30 <= len(words_of(email.body)) < 80
    assert "Data Engineer" in email.body and "?" not in email.body


def test_passing_contact_gets_where_they_were_met() -> None:
    drafts = {(d.contact, d.channel): d for d in compose(load(DATA / "scripts.toml"))}
    assert "at the coffee machine" in drafts[("siobhan", Channel.EMAIL)].body
    assert "your plan to add battery storage" in drafts[("siobhan", Channel.EMAIL)].body.lower()


def test_filters_and_unknown_contact() -> None:
    interview = load(examples()[0])
    first = interview.contacts[0]
    only = compose(interview, contacts=[first.id], channels=[Channel.EMAIL])
    assert [(d.contact, d.channel) for d in only] == [(first.id, Channel.EMAIL)]
    assert only[0] == compose(interview)[0]  # a person's draft does not depend on the filter
    with pytest.raises(InputError, match=r"nobody.*" + re.escape(first.id)):
        compose(interview, contacts=["nobody"])


def test_output_is_reproducible() -> None:
    interview = load(examples()[0])
    assert compose(interview) == compose(interview)


@pytest.mark.parametrize("path", examples(), ids=_ids(examples()))
def test_check_in_email(path: Path) -> None:
    interview = load(path)
    contact = next(c for c in interview.contacts if c.email)
    draft = compose_check_in(interview, contact.id)
    assert draft.channel is Channel.EMAIL and draft.subject and len(draft.subject) <= 60
    assert draft.language is interview.language_of(contact)
    assert 40 <= len(words_of(draft.body)) <= 200
    findings = check_drafts(interview, [draft])[0]
    assert not [f for f in findings if f.severity is Severity.ERROR], findings
    with pytest.raises(InputError):
        compose_check_in(interview, "nobody")


def test_user_templates_override_by_name(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "common.toml").write_text('[greeting]\ninformal = ["Hey {{ name }},"]\n', "utf-8")
    (tmp_path / "en" / "email.j2").write_text("{{ greeting }}\n\n{{ opening }}\n\n{{ signature }}\n", "utf-8")
    interview = load(DATA / "scripts.toml")
    email = compose(interview, contacts=["lukasz"], channels=[Channel.EMAIL], template_dir=tmp_path)[0]
    assert email.body.splitlines()[0] == "Hey Łukasz,"
    assert email.body.splitlines()[-1] == "+353 1 234 5678"
    assert "Liffey" not in email.body
    # Other phrases and templates still come from the built-in folder: an X message has a greeting of its own
    # (a short note, not a letter), which a user file for x.toml can override in turn.
    note = compose(interview, contacts=["lukasz"], channels=[Channel.X], template_dir=tmp_path)[0]
    assert note.body.startswith("Hi Łukasz – ")
    (tmp_path / "en" / "x.toml").write_text('[greeting]\ninformal = ["Yo {{ name }}!"]\n', "utf-8")
    from afterword.compose.render import voice

    voice.cache_clear()
    note = compose(interview, contacts=["lukasz"], channels=[Channel.X], template_dir=tmp_path)[0]
    assert note.body.startswith("Yo Łukasz! ")


def test_missing_template_folder_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        compose(load(DATA / "sparse.toml"), template_dir=tmp_path / "nope")


def test_phrases_compile_when_first_used_and_a_users_mistake_still_shows_at_once(tmp_path: Path) -> None:
    from afterword.compose.render import Voice, voice

    voice.cache_clear()
    assert compose(load(DATA / "scripts.toml"))
    loaded = [p for vs in voice(None)._phrases.values() for variants in vs.values() for p in variants]
    compiled = [p for p in loaded if p._template is not None]
    assert 0 < len(compiled) < len(loaded) / 2, (len(compiled), len(loaded))
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "common.toml").write_text('[greeting]\ninformal = ["Hey {{ name ", "Hi {{ name }},"]\n',
                                                   "utf-8")
    with pytest.raises(InputError, match=r"phrase `greeting\.informal` in en/common\.toml"):
        Voice(tmp_path).phrases(Language.EN, "common")
