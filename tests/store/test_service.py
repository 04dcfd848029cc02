"""Touchpoints, optimistic concurrency, replace, due and owners through the service, on both databases."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from afterword.core.model import Channel, Draft, Interview, Language, TouchpointStatus
from afterword.core.notes import load_notes
from afterword.service.interviews import InterviewService, open_service
from afterword.store.errors import ConflictError, DuplicateError, NotEditableError, NotFoundError
from tests.conftest import EXAMPLES

T0 = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


def _first_channel(interview: Interview) -> tuple[str, Channel]:
    contact = next(c for c in interview.contacts if c.channels)
    return contact.id, contact.channels[0]


def _example(name: str) -> Interview:
    return load_notes(next(p for p in EXAMPLES.glob("*.toml") if name in p.name))


def test_two_tabs_cannot_silently_overwrite(service: InterviewService) -> None:
    interview = _example("northwind")
    iid = service.import_interview(interview)
    cid, ch = _first_channel(interview)
    v1 = service.save_draft(iid, cid, ch, "Thanks", "First text", 0, at=T0)
    assert v1 == 1
    tab_a = service.save_draft(iid, cid, ch, "Thanks", "Tab A text", v1, at=T0 + timedelta(minutes=1))
    assert tab_a == 2
    with pytest.raises(ConflictError, match="changed elsewhere") as caught:
        service.save_draft(iid, cid, ch, "Thanks", "Tab B text", v1, at=T0 + timedelta(minutes=2))
    assert caught.value.current_version == 2
    _, tps = service.get_interview(iid)
    (tp,) = [t for t in tps if (t.contact, t.channel) == (cid, ch)]
    assert tp.body == "Tab A text" and tp.version == 2 and tp.status is TouchpointStatus.EDITED
    with pytest.raises(ConflictError):  # a brand-new draft from a stale page
        service.save_draft(iid, cid, ch, "x", "y", 0)


def test_statuses_have_timestamps_and_history(service: InterviewService) -> None:
    interview = _example("northwind")
    iid = service.import_interview(interview)
    cid, ch = _first_channel(interview)
    lang = interview.language_of(interview.contact(cid))
    assert service.ensure_drafts(iid, [Draft(cid, ch, lang, "Composed", "Subject")], at=T0) == 1
    assert service.ensure_drafts(iid, [Draft(cid, ch, lang, "Again", "Subject")], at=T0) == 0
    v = service.save_draft(iid, cid, ch, "Subject", "Edited", 1, at=T0 + timedelta(minutes=5))
    v = service.set_status(iid, cid, ch, TouchpointStatus.SCHEDULED, T0 + timedelta(minutes=6), expected_version=v)
    v = service.set_status(iid, cid, ch, "sent", T0 + timedelta(minutes=7))
    service.set_status(iid, cid, ch, "replied", T0 + timedelta(hours=3))
    tp = service.touchpoint(iid, cid, ch)
    assert tp.status is TouchpointStatus.REPLIED
    assert [h.status for h in tp.history] == ["drafted", "edited", "scheduled", "sent", "replied"]
    assert [h.version for h in tp.history] == [1, 2, 3, 4, 5]
    assert tp.times[TouchpointStatus.SENT] == T0 + timedelta(minutes=7)
    assert tp.times[TouchpointStatus.DRAFTED] == T0
    assert tp.body == "Edited" and tp.subject == ("Subject" if ch is Channel.EMAIL else None)
    with pytest.raises(NotEditableError, match="already replied"):
        service.save_draft(iid, cid, ch, "S", "too late", tp.version)


def test_unknown_ids_and_channels(service: InterviewService) -> None:
    interview = _example("northwind")
    iid = service.import_interview(interview)
    with pytest.raises(NotFoundError, match="no interview with id 4242"):
        service.get_interview(4242)
    with pytest.raises(NotFoundError, match="no contact `nobody`"):
        service.set_status(iid, "nobody", "email", "sent", T0)
    no_x = next(c for c in interview.contacts if c.x is None and c.channels)
    with pytest.raises(NotFoundError, match="no x address"):
        service.save_draft(iid, no_x.id, "x", None, "hi", 0)
    with pytest.raises(ValueError):
        service.set_status(iid, no_x.id, no_x.channels[0], "posted", T0)
    with pytest.raises(NotFoundError):
        service.delete_interview(4242)


def test_duplicate_import_and_replace_keeps_matching_history(service: InterviewService) -> None:
    interview = _example("northwind")
    iid = service.import_interview(interview)
    with pytest.raises(DuplicateError, match=f"already stored as id {iid}") as caught:
        service.import_interview(interview)
    assert caught.value.existing_id == iid
    kept, dropped = interview.contacts[0], interview.contacts[1]
    service.set_status(iid, kept.id, kept.channels[0], "sent", T0)
    service.set_status(iid, dropped.id, dropped.channels[0], "sent", T0)
    changed = replace(interview, theme="A new theme", contacts=tuple(c for c in interview.contacts if c != dropped),
                      needs=tuple(replace(n, raised_by=tuple(r for r in n.raised_by if r != dropped.id))
                                  for n in interview.needs),
                      moments=tuple(replace(m, with_=tuple(r for r in m.with_ if r != dropped.id))
                                    for m in interview.moments),
                      questions=tuple(replace(q, for_=tuple(r for r in q.for_ if r != dropped.id))
                                      for q in interview.questions))
    assert service.import_interview(changed, replace=True) == iid
    stored, tps = service.get_interview(iid)
    assert stored == changed
    assert [(t.contact, t.status) for t in tps] == [(kept.id, TouchpointStatus.SENT)]
    assert tps[0].history[0].at == T0
    assert len(service.list_interviews(T0)) == 1


def test_due_is_most_urgent_first_and_shrinks_when_sent(service: InterviewService) -> None:
    soon = _example("northwind")
    later = replace(soon, company="Later BV", start=soon.start + timedelta(days=1),
                    end=soon.effective_end + timedelta(days=1))
    id_later = service.import_interview(later)
    id_soon = service.import_interview(soon)
    now = soon.effective_end
    rows = service.due(now, limit=100)
    assert [r.interview_id for r in rows] == sorted((r.interview_id for r in rows), key=[id_soon, id_later].index)
    assert rows[0].remaining == timedelta(hours=24)
    assert all(a.deadline <= b.deadline for a, b in pairwise(rows))
    owed_before = len(rows)
    target = rows[0]
    service.set_status(id_soon, target.contact, target.channel, "sent", now)
    after = service.due(now, limit=100)
    assert all(r.contact != target.contact or r.interview_id != id_soon for r in after)
    reachable = len(soon.contact(target.contact).channels)
    assert len(after) == owed_before - reachable
    assert len(service.due(now, limit=3)) == 3
    summary = {s.id: s for s in service.list_interviews(now)}
    assert summary[id_soon].coverage == f"1/{len(soon.contacts)} sent"
    assert summary[id_later].coverage == f"0/{len(later.contacts)} sent"
    late = service.due(now + timedelta(days=3), limit=1)[0]
    assert late.overdue and late.language in (Language.EN, Language.NL)


def test_skipping_everyone_closes_an_interview(service: InterviewService) -> None:
    interview = _example("rijnland")
    iid = service.import_interview(interview)
    for contact in interview.contacts:
        if contact.channels:
            service.set_status(iid, contact.id, contact.channels[0], "skipped", T0)
    assert service.due(T0, limit=None) == []
    assert service.list_interviews(T0)[0].owed == 0
    first = next(c for c in interview.contacts if c.channels)
    tp = service.touchpoint(iid, first.id, first.channels[0])
    service.save_draft(iid, first.id, first.channels[0], None, "Changed my mind", tp.version)
    assert {r.contact for r in service.due(T0, limit=None)} == {first.id}


def test_owners_never_see_each_other(db_url: str) -> None:
    alice = open_service(db_url, owner="alice")
    bob = open_service(db_url, owner="bob")
    try:
        interview = _example("northwind")
        a_id = alice.import_interview(interview)
        b_id = bob.import_interview(replace(interview, company="Bob's Other Company"))  # same notes, own copy
        assert a_id != b_id
        cid, ch = _first_channel(interview)
        for call in (lambda: bob.get_interview(a_id), lambda: bob.export_notes(a_id),
                     lambda: bob.delete_interview(a_id), lambda: bob.set_status(a_id, cid, ch, "sent", T0),
                     lambda: bob.save_draft(a_id, cid, ch, "s", "b", 0)):
            with pytest.raises(NotFoundError):
                call()
        assert [s.id for s in bob.list_interviews(T0)] == [b_id]
        assert {r.interview_id for r in bob.due(T0, limit=None)} == {b_id}
        assert bob.other_companies(b_id) == []
        assert alice.other_companies(None) == [interview.company]
        assert alice.import_interview(interview, replace=True) == a_id
        assert alice.get_interview(a_id)[0] == interview
        carol = alice.for_owner("carol")
        assert carol.list_interviews(T0) == [] and carol.due(T0) == []
        assert carol.import_interview(interview) not in (a_id, b_id)
    finally:
        alice.close()
        bob.close()


def test_delete_removes_everything(service: InterviewService) -> None:
    interview = _example("northwind")
    iid = service.import_interview(interview)
    cid, ch = _first_channel(interview)
    service.set_status(iid, cid, ch, "sent", T0)
    service.delete_interview(iid)
    with pytest.raises(NotFoundError):
        service.get_interview(iid)
    assert service.list_interviews(T0) == []
    again = service.import_interview(interview)  # no leftover identity blocks a fresh import
    assert service.get_interview(again)[1] == ()


def test_list_pages_newest_first_with_counts(service: InterviewService) -> None:
    base = _example("northwind")
    ids = []
    for day in range(3):
        shifted = replace(base, role=f"Role {day}", start=base.start + timedelta(days=day),
                          end=base.effective_end + timedelta(days=day))
        ids.append(service.import_interview(shifted))
    cid, ch = _first_channel(base)
    service.set_status(ids[1], cid, ch, "sent", T0)
    everything = service.list_interviews(T0)
    assert [s.id for s in everything] == ids[::-1]
    first_page = service.list_interviews(T0, limit=2)
    second_page = service.list_interviews(T0, limit=2, offset=2)
    assert first_page + second_page == everything
    assert [s.contacts_reached for s in everything] == [0, 1, 0]
    assert first_page[1].touchpoints_sent == 1 and first_page[1].contacts == len(base.contacts)
