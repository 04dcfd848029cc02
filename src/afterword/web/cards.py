"""View models for the interview page: one card per person and channel, with its findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from afterword.core.model import Channel, Contact, Finding, Language, TouchpointStatus
from afterword.web import counting

if TYPE_CHECKING:
    from afterword.web.mail import EmailSend, Notice, SocialSend


@dataclass(frozen=True)
class Card:
    contact: Contact
    channel: Channel
    status: TouchpointStatus
    language: Language
    subject: str | None
    body: str
    version: int
    findings: tuple[Finding, ...]
    #: Filled in by `web.mail`: sending (email) or copy-and-open (LinkedIn, X), and an action's outcome.
    email: EmailSend | None = None
    social: SocialSend | None = None
    notice: Notice | None = None

    @property
    def key(self) -> str:
        return f"{self.contact.id}--{self.channel.value}"

    @property
    def limit(self) -> int | None:
        return counting.limit(self.channel)

    @property
    def count(self) -> int:
        return counting.count(self.channel, self.body)

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.count > self.limit

    @property
    def address(self) -> str | None:
        return self.contact.address(self.channel)

    @property
    def done(self) -> bool:
        return self.status.is_done

    @property
    def open_url(self) -> str | None:
        """Where the message goes: the LinkedIn profile, the X profile, or a mail draft."""
        return open_url(self.contact, self.channel, self.subject, self.body)


def open_url(contact: Contact, channel: Channel, subject: str | None = None, body: str = "") -> str | None:
    if channel is Channel.LINKEDIN and contact.linkedin:
        url = contact.linkedin.strip()
        return url if url.lower().startswith(("https://", "http://")) else f"https://{url}"
    if channel is Channel.X and contact.x_handle:
        return f"https://x.com/{quote(contact.x_handle)}"
    if channel is Channel.EMAIL and contact.email:
        query = f"subject={quote(subject or '')}&body={quote(body)}"
        return f"mailto:{quote(contact.email, safe='@.+-_')}?{query}"
    return None
