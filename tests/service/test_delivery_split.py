"""`service/delivery.py` is split by family (background pass, replies, copy-and-open, check-ins); the edges
still hold one `DeliveryService` and find every use case on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterword.service import background, checkins, replies, social
from afterword.service.delivery import DeliveryService

SERVICE = Path(__file__).resolve().parents[2] / "src" / "afterword" / "service"

#: What the CLI and the web call on a DeliveryService.
USE_CASES = [
    "password", "sender", "require_smtp", "email_messages", "check", "queue_emails", "suggest", "recipient_zone",
    "send_now", "login_refused_error", "worker", "overdue_reason", "queue_reminders", "queue_stuck_notices",
    "settle_unknown", "poll_replies", "read_replies", "latest_follow_ups", "outbox_counts", "outbox", "resolve",
    "cancel", "attention", "prepare_social", "social_items", "linkedin_notes_used", "allowance_warning",
    "mark_social_done", "check_ins",
]


@pytest.mark.parametrize("name", USE_CASES)
def test_every_use_case_is_on_the_delivery_service(name: str) -> None:
    assert callable(getattr(DeliveryService, name))


@pytest.mark.parametrize(("module", "names"), [
    (background, ["worker", "overdue_reason", "queue_reminders", "queue_stuck_notices", "background_worker",
                  "worker_status"]),
    (replies, ["read_replies", "settle_unknown", "SentFolderCopy"]),
    (social, ["prepare", "items", "mark_done", "allowance_warning", "public_post_warning"]),
    (checkins, ["proposals", "CheckIn"]),
])
def test_each_family_lives_in_its_own_module(module: object, names: list[str]) -> None:
    for name in names:
        assert hasattr(module, name), name


@pytest.mark.parametrize("name", ["delivery", "background", "replies", "social", "checkins"])
def test_the_delivery_modules_stay_readable(name: str) -> None:
    """The house soft limit of about 400 lines per module (delivery.py had 698)."""
    assert len((SERVICE / f"{name}.py").read_text(encoding="utf-8").splitlines()) <= 400
