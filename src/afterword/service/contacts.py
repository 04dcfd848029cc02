"""Adding people from business cards (vCard) to an interview, in a notes file or in the database."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from afterword.core.model import Contact

if TYPE_CHECKING:
    from afterword.service.interviews import InterviewService


@dataclass(frozen=True)
class CardsAdded:
    """The contacts after adding the cards, who was added or completed, and what was left out and why."""

    contacts: tuple[Contact, ...]
    added: tuple[str, ...]
    updated: tuple[str, ...]
    skipped: tuple[str, ...]


def add_cards(contacts: Sequence[Contact], files: Sequence[tuple[str, bytes | str]]) -> CardsAdded:
    """Merge the cards of every file (name, content) into `contacts`; every file is read before anything
    changes, and someone already there (same e-mail, else same name) is completed, never repeated."""
    from afterword.interop.vcard import Card, merge_cards, read_vcards

    found: list[Card] = []
    skipped: list[str] = []
    for name, data in files:
        result = read_vcards(data, name)
        found.extend(result.cards)
        skipped.extend(result.skipped)
    merged = merge_cards(contacts, found)
    return CardsAdded(tuple(merged.contacts), tuple(merged.added), tuple(merged.updated), tuple(skipped))


def add_cards_to_stored(service: InterviewService, interview_id: int,
                        files: Sequence[tuple[str, bytes | str]]) -> CardsAdded:
    """`add_cards` for a stored interview, which is updated when someone was added or completed."""
    interview, _touchpoints = service.get_interview(interview_id)
    result = add_cards(interview.contacts, files)
    if result.added or result.updated:
        service.import_interview(dataclasses.replace(interview, contacts=result.contacts), replace=True)
    return result
