"""What the web keeps between requests is dropped when the database changes (issue 14, point 3): the other
companies, and each draft's findings; a change from another process counts as much as one from this one."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from afterword.core.model import Channel, Draft, Finding, Interview
from afterword.core.notes import load_notes
from afterword.service.checking import FindingsCache, check_all
from afterword.service.interviews import open_service
from afterword.service.pages import Pages
from tests.conftest import EXAMPLES, example_files

NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)


def test_a_new_or_renamed_company_appears_whoever_wrote_it(db_url: str) -> None:
    base = load_notes(EXAMPLES / "northwind-panel.toml")
    web, other = open_service(db_url), open_service(db_url)  # two pools: as two processes
    try:
        first = web.import_interview(base, at=NOW)
        seen = web.companies()
        assert web.companies() is seen  # nothing written: the same answer, not read again
        extra = other.import_interview(replace(base, start=base.start + timedelta(days=9)))  # same companies
        assert web.companies() is seen  # so the findings cached against them stay
        other.delete_interview(extra)
        assert web.companies() is seen
        other.import_interview(replace(base, company="Zephyr Logistics", start=base.start + timedelta(days=1)))
        assert "Zephyr Logistics" in web.companies()  # another process's import
        assert "Zephyr Logistics" in web.other_companies(first)
        renamed = replace(base, company="Quayside Freight")
        other.update_interview(first, renamed, at=NOW)
        now_known = web.companies()
        assert "Quayside Freight" in now_known and base.company not in now_known  # another process's edit
        assert "Quayside Freight" not in web.other_companies(first)  # its own company is never "other"
        web.import_interview(replace(base, company="Harbour Ltd", start=base.start + timedelta(days=2)))
        assert "Harbour Ltd" in web.companies()  # this process's own write
    finally:
        web.close()
        other.close()


def _written(backend: Pages, interview_id: int) -> list[Draft]:
    _interview, tps = backend.service.get_interview(interview_id)
    return [tp.draft for tp in tps if tp.body.strip()]


def test_cached_findings_are_the_checkers_before_and_after_the_deadline(db_url: str) -> None:
    backend = Pages.open(db_url)
    try:
        ids = [backend.service.import_with_drafts(load_notes(path), at=NOW)[0] for path in example_files()]
        cache = FindingsCache()
        for interview_id in ids:
            interview, _ = backend.service.get_interview(interview_id)
            drafts = _written(backend, interview_id)
            twins = [*drafts, replace(drafts[0], contact=drafts[-1].contact)]  # a duplicate for `duplicate`
            companies = backend.service.companies(interview_id)
            for now in (interview.start, interview.deadline + timedelta(hours=30)):  # in time, and `late`
                for batch in (drafts, twins):
                    expected = check_all(interview, batch, companies=companies, now=now)
                    assert cache.check_all(interview_id, interview, batch, companies=companies, now=now) == expected
                    assert cache.check_all(interview_id, interview, batch, companies=companies, now=now) == expected
        late = [f.code for found in cache.check_all(ids[0], interview, drafts, companies=companies,
                                                       now=interview.deadline + timedelta(days=2)) for f in found]
        assert "late" in late
    finally:
        backend.close()


def test_a_draft_changed_elsewhere_is_checked_again(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import afterword.check

    checked: list[Draft] = []
    real = afterword.check.check_draft

    def counting(interview: Interview, draft: Draft, **options: Any) -> list[Finding]:
        checked.append(draft)
        return real(interview, draft, **options)

    monkeypatch.setattr(afterword.check, "check_draft", counting)  # the real checker, counted
    backend, other = Pages.open(db_url), open_service(db_url)
    try:
        interview_id = backend.service.import_with_drafts(load_notes(EXAMPLES / "northwind-panel.toml"), at=NOW)[0]
        _interview, tps = backend.service.get_interview(interview_id)
        email = next(tp for tp in tps if tp.channel is Channel.EMAIL and tp.body.strip())
        view = backend.interview_view(interview_id, NOW)
        assert view is not None
        card = next(c for c in view.cards if (c.contact.id, c.channel) == (email.contact, Channel.EMAIL))
        assert "placeholder" not in {f.code for f in card.findings}
        checked.clear()
        assert backend.interview_view(interview_id, NOW) == view  # unchanged: nothing checked again
        assert checked == []
        other.save_draft(interview_id, email.contact, Channel.EMAIL, email.subject,
                         email.body + "\n\nPS: see you at [COMPANY] soon.", email.version, at=NOW)
        checked.clear()
        again = backend.interview_view(interview_id, NOW)
        assert again is not None
        assert [d.contact for d in checked] == [email.contact]  # only the changed draft
        card = next(c for c in again.cards if (c.contact.id, c.channel) == (email.contact, Channel.EMAIL))
        assert "placeholder" in {f.code for f in card.findings}  # the new text's findings, not the cached ones
        other.import_interview(replace(load_notes(EXAMPLES / "northwind-panel.toml"), company="Globex",
                                       start=NOW + timedelta(days=3)))
        other.save_draft(interview_id, email.contact, Channel.EMAIL, email.subject,
                         email.body + "\n\nI look forward to joining Globex.", email.version + 1, at=NOW)
        third = backend.interview_view(interview_id, NOW)
        assert third is not None
        card = next(c for c in third.cards if (c.contact.id, c.channel) == (email.contact, Channel.EMAIL))
        assert "wrong-company" in {f.code for f in card.findings}  # a company stored since, by another process
    finally:
        backend.close()
        other.close()
