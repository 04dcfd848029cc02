"""Business cards: vCard 2.1/3.0/4.0 → contacts, merging without duplicates, and bad files."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterword.core.errors import InputError
from afterword.core.model import Contact
from afterword.interop.vcard import Card, merge_cards, read_vcards
from tests.conftest import DATA

VCF = DATA / "vcf"


def read(name: str) -> tuple[Card, ...]:
    path = VCF / name
    return read_vcards(path.read_bytes(), str(path)).cards


def test_scanned_card_prefers_work_email_and_reads_profiles() -> None:
    (card,) = read("business-card-scan.vcf")
    assert card.name == "Maria de Vries"
    assert card.email == "maria.devries@acme.example"  # TYPE=WORK beats the home address listed first
    assert card.title == "VP Engineering"
    assert card.organisation == "Acme Logistics B.V."
    assert card.linkedin == "https://www.linkedin.com/in/maria-de-vries"
    assert card.x == "@mariadevries"


def test_vcard4_several_cards_pref_and_non_ascii_names() -> None:
    tom, zoe = read("vcard4-two-cards.vcf")
    assert tom.email == "tom.okafor@acme.example"  # TYPE=work;PREF=1
    assert tom.x == "@tomokafor"
    assert zoe.name == "Zoë Łukasiewicz"
    assert zoe.linkedin == "https://nl.linkedin.com/in/zoe-lukasiewicz"
    assert zoe.line == 10


def test_vcard21_quoted_printable_soft_breaks_and_honorific() -> None:
    (els,) = read("outlook-21-quoted-printable.vcf")
    assert els.name == "Els van den Berg"
    assert els.title == "Chief Operating Officer, Directie Operations & Logística"
    assert els.email == "els.vandenberg@acme.example"


def test_card_without_name_or_address_is_skipped_and_reported() -> None:
    path = VCF / "no-name-no-email.vcf"
    result = read_vcards(path.read_bytes(), str(path))
    assert [c.name for c in result.cards] == ["Ravi Kumar"]
    assert len(result.skipped) == 1
    assert f"{path}:1:" in result.skipped[0]


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("malformed-line.vcf", 5, "cannot read line"),
        ("malformed-unclosed.vcf", 5, "missing END:VCARD"),
        ("not-a-vcard.vcf", 1, "not a vCard"),
        ("empty.vcf", 1, "no vCard found"),
    ],
)
def test_malformed_files_name_file_and_line(name: str, line: int, words: str) -> None:
    path = VCF / name
    with pytest.raises(InputError) as info:
        read_vcards(path.read_bytes(), str(path))
    assert info.value.file == str(path)
    assert info.value.line == line
    assert words in info.value.message


def test_binary_file_is_refused_and_utf16_is_read() -> None:
    with pytest.raises(InputError, match="binary"):
        read_vcards(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "card.vcf")
    utf16 = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Müller\r\nEND:VCARD\r\n".encode("utf-16")
    (card,) = read_vcards(utf16, "windows.vcf").cards
    assert card.name == "Zoë Müller"


def test_cp1252_file_is_read() -> None:
    data = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Müller\r\nEND:VCARD\r\n".encode("cp1252")
    (card,) = read_vcards(data, "old.vcf").cards
    assert card.name == "Zoë Müller"


def test_file_as_order_uses_n() -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Meer\\, Anneke van der\nN:van der Meer;Anneke;;;\nEND:VCARD\n"
    (card,) = read_vcards(text, "x.vcf").cards
    assert card.name == "Anneke van der Meer"


def test_name_from_email_when_card_has_only_an_address() -> None:
    text = "BEGIN:VCARD\nVERSION:2.1\nEMAIL;PREF:joost.van.dijk@rijnland.example\nEND:VCARD\n"
    (card,) = read_vcards(text, "x.vcf").cards
    assert card.name == "Joost van Dijk"


def test_unsupported_version_names_line() -> None:
    text = "BEGIN:VCARD\nVERSION:5.0\nFN:A B\nEND:VCARD\n"
    with pytest.raises(InputError) as info:
        read_vcards(text, "x.vcf")
    assert info.value.line == 2


def test_merge_completes_existing_contact_by_email_and_adds_new_ones() -> None:
    existing = (
        Contact(id="maria", name="Maria de Vries", email="Maria.DeVries@acme.example"),
        Contact(id="tom", name="Tom Okafor"),
    )
    cards = [
        Card(name="Maria de Vries", line=1, email="maria.devries@acme.example", title="VP Engineering",
             linkedin="https://www.linkedin.com/in/maria-de-vries"),
        Card(name="Tom Okafor", line=9, email="tom.okafor@acme.example"),
        Card(name="Maria Jansen", line=20, email="m.jansen@acme.example"),
    ]
    merged = merge_cards(existing, cards)
    assert [c.id for c in merged.contacts] == ["maria", "tom", "maria-jansen"]
    assert merged.added == ("maria-jansen",)
    assert merged.updated == ("maria", "tom")
    maria = merged.contacts[0]
    assert maria.email == "Maria.DeVries@acme.example"  # what the notes said is kept
    assert maria.title == "VP Engineering"
    assert merged.contacts[1].email == "tom.okafor@acme.example"


def test_merge_same_card_twice_adds_once() -> None:
    card = Card(name="Ravi Kumar", line=1, email="ravi@acme.example")
    merged = merge_cards((), [card, card])
    assert len(merged.contacts) == 1


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_never_crashes_on_any_text(text: str) -> None:
    try:
        result = read_vcards("BEGIN:VCARD\nVERSION:3.0\n" + text + "\nEND:VCARD\n", "fuzz.vcf")
    except InputError as exc:
        assert exc.file == "fuzz.vcf"
    else:
        assert all(c.name for c in result.cards)



def test_apple_and_google_social_profile_shapes() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tom Okafor\r\n"
        "X-SOCIALPROFILE;type=twitter;x-user=tomokafor:x-apple:tomokafor\r\n"
        "item2.URL:https\\://www.linkedin.com/in/tom-okafor\r\nitem2.X-ABLabel:LinkedIn\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ravi Kumar\r\n"
        "X-SOCIALPROFILE;type=linkedin;x-user=ravi:http://www.linkedin.com/in/ravi-kumar\r\n"
        "URL:https://www.acme.example/team/ravi\r\nURL:https://twitter.com/ravi_k/status/1\r\n"
        "END:VCARD\r\n"
    )
    tom, ravi = read_vcards(text, "apple.vcf").cards
    assert (tom.x, tom.linkedin) == ("@tomokafor", "https://www.linkedin.com/in/tom-okafor")
    assert (ravi.x, ravi.linkedin) == ("@ravi_k", "http://www.linkedin.com/in/ravi-kumar")


def test_many_cards_merge_by_address_then_name_and_keep_their_handles() -> None:
    """The merge looks people up instead of scanning everyone for every card (linear; bench/interop_speed.py
    times it): who is new, who is completed and the handles are what the scan gave."""
    from afterword.interop.vcard import Card, merge_cards

    existing = [Contact(id="maria", name="Maria de Vries", email="m@x.example")]
    cards = [Card(name=f"Sam Lee{'' if i == 0 else f' {i}'}", line=i, email=f"sam{i}@x.example") for i in range(400)]
    cards.append(Card(name="Someone Else", line=401, email="M@X.example", title="Lead"))  # Maria's address
    cards.append(Card(name="Maria de Vries", line=402, linkedin="https://www.linkedin.com/in/mdv"))  # her name
    cards.append(Card(name="Sam Lee", line=403, email="other@x.example", x="@samlee"))  # a name seen before
    merged = merge_cards(existing, cards)
    ids = [c.id for c in merged.contacts]
    assert len(ids) == len(set(ids)) == 401
    assert ids[:3] == ["maria", "sam", "sam-lee-1"]
    maria = merged.contacts[0]
    assert (maria.title, maria.linkedin, maria.email) == ("Lead", "https://www.linkedin.com/in/mdv", "m@x.example")
    sam = merged.contacts[1]
    assert (sam.email, sam.x) == ("sam0@x.example", "@samlee")  # completed, its own address kept
    assert merged.updated == ("maria",) and len(merged.added) == 400
