"""Export then import is lossless: every example and generated interviews, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from afterword.core.model import Interview
from afterword.core.notes import dump_notes, load_notes, parse_notes
from afterword.service.interviews import InterviewService
from tests.conftest import Result, example_files
from tests.store.strategies import interviews


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_every_example_round_trips(path: Path, service: InterviewService) -> None:
    original = load_notes(path)
    interview_id = service.import_interview(original)
    stored, touchpoints = service.get_interview(interview_id)
    assert stored == original
    assert touchpoints == ()
    exported = parse_notes(service.export_notes(interview_id))
    assert exported == original
    assert exported.deadline == original.deadline


def test_importing_every_example_into_one_database(service: InterviewService) -> None:
    ids = [service.import_interview(load_notes(p)) for p in example_files()]
    assert len(set(ids)) == len(ids) == len(example_files())
    assert sorted(s.id for s in service.list_interviews(load_notes(example_files()[0]).start)) == sorted(ids)


def test_cli_export_then_import_is_lossless(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    db = f"sqlite:///{tmp_path / 'a.db'}"
    other = f"sqlite:///{tmp_path / 'b.db'}"
    for path in example_files():
        new_id = run_cli("--db", db, "import", str(path)).out.strip()
        out = tmp_path / f"{new_id}.toml"
        assert run_cli("--db", db, "export", new_id, "--out", str(out)).code == 0
        assert load_notes(out) == load_notes(path)
        again = run_cli("--db", other, "import", str(out))
        assert again.code == 0, again.err
        printed = run_cli("--db", other, "export", again.out.strip())
        assert parse_notes(printed.out) == load_notes(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(interview=interviews())
def test_generated_interviews_survive_the_store(interview: Interview, service: InterviewService) -> None:
    assert parse_notes(dump_notes(interview)) == interview  # the generator makes valid notes
    interview_id = service.import_interview(interview)
    try:
        stored, _ = service.get_interview(interview_id)
        assert stored == interview
        assert [c.id for c in stored.contacts] == [c.id for c in interview.contacts]
        assert stored.start.utcoffset() == interview.start.utcoffset()
        assert parse_notes(service.export_notes(interview_id)) == interview
    finally:
        service.delete_interview(interview_id)
