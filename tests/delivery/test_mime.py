"""MIME building: encoded headers round-trip, HTML alternative, and no header can ever be injected."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.core.errors import InputError
from afterword.delivery.mime import Outgoing, make_message_id, parse_mailbox

NOW = datetime(2026, 11, 27, 19, 30, tzinfo=UTC)
EXPECTED_HEADERS = {"from", "to", "subject", "date", "message-id", "mime-version", "content-type",
                    "content-transfer-encoding"}


def build(subject: str = "Over de migratie", name: str | None = "Jan de Vriës", html: str | None = None) -> bytes:
    return Outgoing(
        sender=parse_mailbox("jan@example.org", "from", name=name),
        to=(parse_mailbox("Zoë Ünal <zoe@example.nl>", "to"),),
        subject=subject, body="Beste Zoë,\n\nTot snel.\n", message_id="<abc.123@example.org>", html=html,
    ).as_bytes(NOW)


def parse(data: bytes) -> object:
    return message_from_bytes(data, policy=policy.default)


def test_headers_are_ascii_and_round_trip() -> None:
    data = build()
    head = data.split(b"\r\n\r\n", 1)[0]
    assert head.isascii()
    msg = message_from_bytes(data, policy=policy.default)
    assert str(msg["From"]) == "Jan de Vriës <jan@example.org>"
    assert str(msg["To"]) == "Zoë Ünal <zoe@example.nl>"
    assert msg["Message-ID"] == "<abc.123@example.org>"
    assert msg["Date"] == "Fri, 27 Nov 2026 19:30:00 +0000"
    assert msg.get_content_type() == "text/plain" and msg.get_content_charset() == "utf-8"


def test_html_part_is_an_alternative() -> None:
    msg = message_from_bytes(build(html="<p>Beste Zoë</p>"), policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    html = msg.get_body(("html",))
    plain = msg.get_body(("plain",))
    assert html is not None and "Zoë" in html.get_content()
    assert plain is not None and "Tot snel" in plain.get_content()


@pytest.mark.parametrize("bad", ["a\r\nBcc: x@y.z", "a\nBcc: x@y.z", "a\rb", "tab\there", "nul\x00", "del\x7f",
                                 "next\x85line", "line\u2028sep", "para\u2029sep"])
def test_control_characters_are_refused_everywhere(bad: str) -> None:
    with pytest.raises(InputError, match="control character"):
        build(subject=bad)
    with pytest.raises(InputError, match="control character"):
        build(name=bad)
    with pytest.raises(InputError):
        parse_mailbox(f"x{bad}@example.org", "to")


def test_bad_addresses_name_the_key() -> None:
    with pytest.raises(InputError) as caught:
        parse_mailbox("maria@@example", "maria.email")
    assert caught.value.located().startswith("maria.email: `maria@@example` is not an email address")


def test_message_ids_are_unique_and_well_formed() -> None:
    ids = {make_message_id("example.org") for _ in range(1000)}
    assert len(ids) == 1000
    assert all(i.startswith("<") and i.endswith("@example.org>") for i in ids)
    with pytest.raises(InputError):
        Outgoing(parse_mailbox("a@b.nl", "f"), (parse_mailbox("c@d.nl", "t"),), "s", "b", "no-brackets")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.text(max_size=40))
def test_any_text_is_refused_or_stays_inside_its_header(subject: str, name: str) -> None:
    """Whatever the text, either it is refused, or the message has exactly the expected headers
    and the subject and name read back unchanged (modulo whitespace folding)."""
    try:
        data = build(subject=subject, name=name or None)
    except InputError:
        return
    msg = message_from_bytes(data, policy=policy.default)
    assert {k.lower() for k in msg} == EXPECTED_HEADERS
    assert " ".join(str(msg["Subject"]).split()) == " ".join(subject.split())
    assert len(msg.get_all("To") or []) == 1
