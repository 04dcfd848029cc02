"""One send flow (issue 11, point 1): the CLI's `send` and the web's "Schedule" both go through
service.sending.send_emails, so the same input gives the same outcome on either edge."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from afterword.core.model import Language
from afterword.core.outbox import OutboxState
from afterword.core.timeutil import iso
from afterword.service.delivery import AlreadyQueuedError, DeliveryService
from afterword.service.interviews import open_service
from afterword.service.mail_desk import MailDesk, Refusal
from afterword.service.sending import SendResult, send_emails
from afterword.web.mail import notice_for
from tests.conftest import Result
from tests.delivery.journey import SUBJECTS, import_with_drafts, status

pytestmark = pytest.mark.imap


def test_cli_and_web_schedule_alike_and_refuse_a_second_send_alike(
    run_cli: Callable[..., Result], home: dict[str, Any]
) -> None:
    ident = import_with_drafts(run_cli, home, subject_of=SUBJECTS)
    now = datetime.now(UTC)
    at = (now + timedelta(hours=3)).replace(microsecond=0)

    cli = run_cli("send", str(ident), "--contact", "grace", "--at", iso(at), "--json")
    assert cli.code == 0, cli.err
    [cli_row] = json.loads(cli.out)["messages"]

    interviews = open_service(f"sqlite:///{home['dir'] / 'afterword.db'}")
    try:
        web = notice_for(MailDesk(interviews).send(ident, ["daniel"], at, now, Language.EN), lambda text: text)
        # Both say it is scheduled after the interview's 24-hour deadline (the example's lies in the past).
        assert (web.kind, web.text) == ("warning", "Scheduled, but after the 24-hour deadline: consider an "
                                                   "earlier time.")
        assert "is after the 24-hour deadline" in cli.err
        rows = {r.contact: r for r in DeliveryService(interviews).outbox()}
        # The same stored outcome from either edge: queued for the chosen time, the touchpoint scheduled.
        assert cli_row["state"] == rows["grace"].state == rows["daniel"].state == OutboxState.QUEUED
        assert rows["grace"].send_at == rows["daniel"].send_at == at
        assert status(home, ident, "grace") == status(home, ident, "daniel") == "scheduled"

        # The service's outcome is what both render: scheduled, at `at`, its row.
        outcome = send_emails(DeliveryService(interviews), ident, ["hannah"], at=at, now=now)
        assert outcome.result is SendResult.SCHEDULED and outcome.send_at == at and outcome.after_deadline
        assert [r.contact for r in outcome.rows] == ["hannah"]

        # A second send of one that is already in the outbox is refused alike, by the same error.
        with pytest.raises(AlreadyQueuedError) as caught:
            send_emails(DeliveryService(interviews), ident, ["daniel"], at=None, now=now)
        assert caught.value.row.id == rows["daniel"].id
        cli_again = run_cli("send", str(ident), "--contact", "daniel")
        assert cli_again.code == 2 and f"already in the outbox as message {rows['daniel'].id} (queued)" in cli_again.err
        refused = MailDesk(interviews).send(ident, ["grace"], None, now, Language.EN)
        assert refused.refused is Refusal.ALREADY_QUEUED and refused.detail == "queued"
        web_again = notice_for(refused, lambda text: text)
        assert web_again.kind == "error" and "already in the outbox (scheduled)" in web_again.text
        assert len(home["smtp"].handler.received) == 0
    finally:
        interviews.close()
