"""The checker over stored drafts: `wrong-company` from other interviews, `duplicate` within one."""

from __future__ import annotations

from datetime import UTC, datetime

from afterword.core.model import Channel, Draft
from afterword.service.interviews import InterviewService
from afterword.service.touchpoints import check_interview_drafts, check_stored_draft, check_text
from tests.store.test_service import _example

T0 = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


def test_wrong_company_uses_the_other_interviews(service: InterviewService) -> None:
    northwind = _example("northwind")
    rijnland = _example("rijnland")
    n_id = service.import_interview(northwind)
    service.import_interview(rijnland)
    assert service.other_companies(n_id) == [rijnland.company]
    contact = next(c for c in northwind.contacts if c.email)
    body = f"Hi {contact.name.split()[0]},\n\nThank you for the conversation about the role at {rijnland.company}."
    codes = {f.code for f in check_text(service, n_id, contact.id, "email", "Thank you", body)}
    assert "wrong-company" in codes
    fixed = body.replace(rijnland.company, northwind.company)
    assert "wrong-company" not in {f.code for f in check_text(service, n_id, contact.id, "email", "Thanks", fixed)}


def test_duplicate_compares_the_drafts_of_one_interview(service: InterviewService) -> None:
    interview = _example("northwind")
    iid = service.import_interview(interview)
    people = [c for c in interview.contacts if c.email][:2]
    text = ("Thank you for the time today. I enjoyed hearing how the patient app team works and how you "
            "measure adoption; the conversation made me even more keen on the role.")
    drafts = [Draft(c.id, Channel.EMAIL, interview.language_of(c), f"Hi {c.name.split()[0]},\n\n{text}", "Thank you")
              for c in people]
    assert service.ensure_drafts(iid, drafts, at=T0) == 2
    results = check_interview_drafts(service, iid)
    assert set(results) == {(c.id, "email") for c in people}
    assert all("duplicate" in {f.code for f in found} for found in results.values())
    one = check_stored_draft(service, iid, people[0].id, "email")
    assert "duplicate" in {f.code for f in one}
