"""Delivery use cases per owner (team mode): the outbox and the LinkedIn allowance are each owner's own."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from afterword.core.errors import InputError
from afterword.core.notes import load_notes
from afterword.delivery.config import MailConfig, SmtpConfig
from afterword.delivery.config import Security as Sec
from afterword.service.delivery import DeliveryService
from afterword.service.interviews import open_service
from tests.delivery.journey import NOTES

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def test_owners_see_only_their_outbox_and_their_own_note_count(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'afterword.db'}"
    config = MailConfig(tmp_path / "config.toml",
                        smtp=SmtpConfig("127.0.0.1", 1, Sec.NONE, "Priya <priya.raman@example.org>"))
    interview = load_notes(str(NOTES))
    services = {}
    for owner in ("coach-a", "coach-b"):
        interviews = open_service(url, owner=owner)
        ident = interviews.import_interview(interview)
        interviews.save_draft(ident, "grace", "email", "Intake before the first visit", "Dear Grace,\n\nThanks.\n", 0)
        services[owner] = (DeliveryService(interviews, config, environ={}), ident)
    try:
        a, a_id = services["coach-a"]
        b, b_id = services["coach-b"]
        [queued] = a.queue_emails(a_id, ["grace"], send_at=NOW.replace(hour=15), now=NOW)
        assert [r.id for r in a.outbox()] == [queued]
        assert b.outbox() == []
        with pytest.raises(InputError, match=f"no outbox message {queued}"):
            b.resolve(queued, True, NOW)
        a.mark_social_done(a_id, "grace", "linkedin", NOW)
        assert a.linkedin_notes_used(NOW) == 1 and b.linkedin_notes_used(NOW) == 0
        assert a_id != b_id
        with pytest.raises(InputError):  # another owner's interview is simply not found
            b.email_messages(a_id, ["grace"])
    finally:
        for service, _ in services.values():
            service.interviews.close()
