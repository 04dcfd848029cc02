"""`check` reads the stored companies with the standard library: same names as the schema, read-only."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from afterword.core.notes import load_notes
from afterword.service.interviews import open_service
from afterword.store import peek
from afterword.store.tables import interviews
from tests.conftest import EXAMPLES


def test_the_names_it_reads_are_the_schemas() -> None:
    assert interviews.name == peek.TABLE
    assert {peek.OWNER, peek.COMPANY} <= set(interviews.c.keys())


def test_it_lists_this_owners_companies_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "afterword.db"
    assert peek.stored_companies(path, peek.LOCAL_OWNER) == []
    assert not path.exists()  # never created
    service = open_service(f"sqlite:///{path}")
    for notes in sorted(EXAMPLES.glob("*.toml")):
        service.import_interview(load_notes(notes))
    service.close()
    other = open_service(f"sqlite:///{path}", owner="coach-2")
    other.import_interview(dataclasses.replace(load_notes(EXAMPLES / "northwind-panel.toml"),
                                               company="Someone Else's Employer"))
    other.close()
    before = path.read_bytes()
    assert peek.stored_companies(path, peek.LOCAL_OWNER) == ["Northwind Health", "Waterschap Rijnland"]
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_gives_nothing(tmp_path: Path) -> None:
    junk = tmp_path / "afterword.db"
    junk.write_text("not a database", "utf-8")
    assert peek.stored_companies(junk, peek.LOCAL_OWNER) == []
    assert junk.read_text("utf-8") == "not a database"
