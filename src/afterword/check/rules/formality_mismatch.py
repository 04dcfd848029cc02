"""Informal address to a `formal` contact, or formal address to an `informal` one.

Dutch: je/jij/jouw (or "Hoi", "Hallo", "Hey") to a formal contact, u/uw (or "Geachte") to an
informal one. English: "Hi Els" / "Hey Els" to a formal contact, "Dear Ms. de Vries" or
"Dear Maria de Vries" to an informal one. "Dear Maria" and "Beste Henk" suit both. The closing
counts too: "Groetjes" or "Cheers" to a formal contact, "Hoogachtend" or "Yours faithfully" to an
informal one.

A contact is informal by default (unless an executive); formal address to such a contact is only
reported when the notes say `formality = "informal"` explicitly, since erring on the formal side does
little harm where nobody said otherwise.

Why it matters:
The register is part of the relationship you built in the interview. Writing "je" to an executive
who kept it formal, or "Geachte mevrouw" to a recruiter who was on first-name terms, jars.

Example:
"Hoi Henk, bedankt voor je tijd" to Henk Bosman, a formal contact.

Fix:
Match the register of the notes: u/uw and "Geachte heer …"/"Dear Mr. …" for formal contacts,
je and "Hoi …"/"Hi …" for informal ones (or change the contact's formality in the notes).
"""

from __future__ import annotations

from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.kinds import both_languages
from afterword.check.register import Address
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.lang.tokens import Token
from afterword.core.model import Formality, Language, Severity


def _nickname(ctx: Context, names: tuple[Token, ...]) -> str:
    """The short form of the given name the greeting uses ("Tommy" for Thomas), or ""."""
    from afterword.check.rules.wrong_name import is_short_form
    from afterword.core.lang.names import fold, split_name

    given = fold(split_name(ctx.contact.name).given)
    for token in names:
        folded = fold(token.text)
        if folded != given and is_short_form(folded, given):
            return token.text
    return ""


def check(ctx: Context) -> Iterator[Hit]:
    wanted = ctx.contact.effective_formality
    # Formal address to someone who is informal only by default is not worth a warning.
    formal_is_wrong = ctx.contact.formality is Formality.INFORMAL
    values: dict[str, object] = {"name": ctx.contact.name}
    if ctx.text_language is Language.NL:
        address = Address(ctx.body)
        formal, informal = address.formal, address.informal
        if wanted is Formality.FORMAL and informal and not formal:
            yield Hit("informal_nl", {**values, "written": informal[0].text},
                      start=informal[0].start, end=informal[0].end)
            return
        if formal_is_wrong and formal and not informal:
            yield Hit("formal_nl", {**values, "written": formal[0].text}, start=formal[0].start, end=formal[0].end)
            return
        if formal and informal:
            return  # formality-mix says it
    # The notes format makes an executive formal by default, in both languages ("Hi Robert" to the CTO).
    informal_is_wrong = wanted is Formality.FORMAL
    dutch = ctx.text_language is Language.NL
    values["example"] = ("Geachte …" if dutch else "Dear …") if informal_is_wrong else ("Hoi …" if dutch else "Hi …")
    greeting = ctx.greeting
    if greeting is not None:
        end = greeting.phrase_stop
        line = ctx.body[greeting.start:end].strip()
        nickname = _nickname(ctx, greeting.names)
        if informal_is_wrong and nickname:
            yield Hit("nickname", {**values, "written": nickname}, start=greeting.start, end=end,
                      softer=Severity.SUGGESTION)
            return
        if informal_is_wrong and greeting.register == "informal":
            yield Hit("informal_greeting", {**values, "written": line}, start=greeting.start, end=end)
            return
        if formal_is_wrong and greeting.register == "formal":
            yield Hit("formal_greeting", {**values, "written": line}, start=greeting.start, end=end)
            return
    wrong_closing = "closings_informal" if informal_is_wrong else (
        "closings_formal" if formal_is_wrong else None)
    values["closing"] = ("Met vriendelijke groet," if dutch else "Kind regards,") if informal_is_wrong else (
        "Groet," if dutch else "Best,")
    if wrong_closing is None:
        return
    for sentence in ctx.sentences[1:][-4:]:  # the closing is among the last lines
        if both_languages(wrong_closing).search(sentence.text):
            key = "informal_closing" if wrong_closing == "closings_informal" else "formal_closing"
            yield Hit(key, {**values, "written": sentence.text}, start=sentence.start, end=sentence.end)
            return


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("De toon hoort bij de band die je in het gesprek opbouwde. \"Je\" tegen een directeur die het formeel hield, of \"Geachte mevrouw\" tegen een recruiter die je tutoyeerde, schuurt.",
          "\"Hoi Henk, bedankt voor je tijd\" aan Henk Bosman, een formeel contact.",
          "Volg de toon uit de notities: u/uw en \"Geachte heer …\" voor formele contacten, je en \"Hoi …\" voor informele (of pas `formality` aan).")


RULE = make_rule(
    "formality-mismatch", Severity.WARNING, ALL_CHANNELS, __doc__,
    summary_nl="Informele aanspreekvorm tegen een formeel contact, of formele tegen een informeel contact.",
    en={"informal_nl": "{name} is a formal contact, but the message says \"{written}\". Use u/uw throughout.",
        "formal_nl": "{name} is an informal contact, but the message says \"{written}\". Use je/jij/jouw "
                     "throughout.",
        "informal_greeting": "\"{written}\" is informal, and {name} is a formal contact. Open with e.g. "
                             "\"{example}\" and the surname.",
        "nickname": "\"{written}\" is the name they go by, and {name} is a formal contact: unless they asked you "
                    "to, open with \"{example}\" and the surname.",
        "formal_greeting": "\"{written}\" is formal, and {name} is an informal contact. Open with the first name, "
                           "e.g. \"{example}\".",
        "informal_closing": "\"{written}\" is a casual closing for {name}, a formal contact. Close with e.g. "
                            "\"{closing}\"",
        "formal_closing": "\"{written}\" is a stiff closing for {name}, an informal contact. Close with e.g. "
                          "\"{closing}\""},
    nl={"informal_nl": "{name} is een formeel contact, maar het bericht zegt \"{written}\". Gebruik overal u/uw.",
        "formal_nl": "{name} is een informeel contact, maar het bericht zegt \"{written}\". Gebruik overal "
                     "je/jij/jouw.",
        "informal_greeting": "\"{written}\" is informeel, en {name} is een formeel contact. Begin met "
                             "bijvoorbeeld \"{example}\" en de achternaam.",
        "nickname": "\"{written}\" is de roepnaam, en {name} is een formeel contact: tenzij die persoon daarom "
                    "vroeg, begin met \"{example}\" en de achternaam.",
        "formal_greeting": "\"{written}\" is formeel, en {name} is een informeel contact. Begin met de voornaam, "
                           "bijvoorbeeld \"{example}\".",
        "informal_closing": "\"{written}\" is een losse afsluiting voor {name}, een formeel contact. Sluit af met "
                            "bijvoorbeeld \"{closing}\"",
        "formal_closing": "\"{written}\" is een stijve afsluiting voor {name}, een informeel contact. Sluit af met "
                          "bijvoorbeeld \"{closing}\""},
    doc_nl=DOC_NL,
    check=check,
)
