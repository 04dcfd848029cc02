"""A detail that contradicts the notes in a checkable way: a family word, the reader's job title, or
"met in passing" wording to someone who interviewed the candidate.

Family words come in pairs (son/daughter, zoon/dochter, wife/husband, broer/zus …): a draft that says
one where the notes only ever say the other has it wrong. A job title after "your role as", "as" or
"als" in a sentence spoken to the reader must be the reader's title from the notes (or the role applied
for). "Our brief chat", "meeting you briefly", "kort gesproken" fit someone met in the lobby, not the
hiring manager who ran a four-hour onsite.

Why it matters:
A wrong detail about the reader's own life or job tells them the message was written carelessly, or
for someone else, and it is the part they are sure to notice.

Example:
"Good luck to your son with his first term" when the notes say daughter; "in your role as Head of Design"
to a Design Lead; "I enjoyed our brief chat" to the hiring manager who interviewed you for hours.

Fix:
Check the detail against your notes, or leave it out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from afterword.check.context import Context
from afterword.check.rule import ALL_CHANNELS, Hit, make_rule
from afterword.core.model import Language, Severity

_PAIRS = {
    Language.EN: [("son", "daughter"), ("sons", "daughters"), ("boy", "girl"), ("wife", "husband"),
                  ("brother", "sister"), ("father", "mother"), ("dad", "mum"), ("dad", "mom"), ("nephew", "niece"),
                  ("grandson", "granddaughter"), ("stepson", "stepdaughter"), ("boyfriend", "girlfriend")],
    Language.NL: [("zoon", "dochter"), ("zoontje", "dochtertje"), ("zonen", "dochters"), ("jongen", "meisje"),
                  ("broer", "zus"), ("broertje", "zusje"), ("vader", "moeder"), ("papa", "mama"),
                  ("kleinzoon", "kleindochter"), ("vriend", "vriendin")],
}
_MY = frozenset({"my", "mijn", "m'n", "our", "onze", "ons"})
_BRIEF = {
    Language.EN: re.compile(r"(?i)\b(?:(?:our|the|a|that) (?:brief|short|quick) (?:chat|conversation|talk|word|hello)"
                            r"|(?:meet|met|meeting|speak|spoke|speaking|chat|chatting|talk|talking) (?:to |with )?you "
                            r"(?:briefly|in passing)|briefly (?:meet|met|meeting)|in passing)\b"),
    Language.NL: re.compile(r"(?i)\b(?:kort (?:gesproken|ontmoet|gezien)|(?:ons|het|een) kort(?:e)? "
                            r"(?:gesprek|gesprekje|praatje|babbeltje|kennismaking)|(?:onze|de|een) korte "
                            r"(?:kennismaking|babbel|ontmoeting)|even (?:gesproken|kort gesproken|bijgepraat)"
                            r"|in het voorbijgaan|heel even ontmoet)\b"),
}
#: A `met` that says the meeting was short ("dropped into the video call for 5 min at the end", "sprong er de
#: laatste 10 min in"): "a brief chat" is then simply true.
_BRIEFLY = re.compile(r"(?i)\b(?:\d+\s?min(?:utes?|uten)?\b|dropped in|popped in|stuck (?:her|his|their) head in|"
                      r"briefly|for a moment|kort|heel even|even binnen|schoof (?:kort )?aan|sprong er)")
_TITLE_HEADS = ("head", "director", "manager", "lead", "chief", "officer", "vp", "president", "engineer", "designer",
                "partner", "coordinator", "recruiter", "principal", "dean", "professor", "chair", "hoofd", "directeur",
                "teamleider", "coördinator", "coordinator", "bestuurder", "wethouder", "hoogleraar", "adviseur",
                "specialist", "consultant", "architect", "analyst", "scientist", "founder", "ceo", "cto", "cfo", "coo",
                "supervisor", "afdelingshoofd", "programmamanager", "productmanager", "projectleider", "owner")
_AS_TITLE = re.compile(
    r"(?i:your role as|your job as|you as|in your position as|(?<!\w)as|in je rol als|in jouw rol als|in uw rol als"
    r"|jouw rol als|uw rol als|(?<!\w)als)\s+(?i:(?:the|a|an|de|het)\s+)?(?P<title>(?:[\w&.'’-]+\s*){1,6})")
_CONNECTORS = frozenset({"of", "and", "for", "van", "voor", "en", "&", "de", "het", "the"})


def _title_words(text: str) -> str:
    """The job title at the start of `text`: capitalised words, title words and connectors ("Director of Grid
    Operations", "teamleider Wonen")."""
    out: list[str] = []
    for word in text.split():
        bare = word.strip(",.;:")
        if not bare or not (bare[:1].isupper() or bare.lower() in _TITLE_HEADS or (out and bare.lower() in _CONNECTORS)):
            break
        out.append(bare)
        if word != bare:
            break
    while out and out[-1].lower() in _CONNECTORS:
        out.pop()
    return " ".join(out)


_TO_READER = {Language.EN: re.compile(r"(?i)\b(?:you|your)\b"), Language.NL: re.compile(r"(?i)\b(?:je|jij|jouw|u|uw)\b")}


def check(ctx: Context) -> Iterator[Hit]:
    lang = ctx.text_language
    body = ctx.body[:ctx.signature_start]
    yield from _family(ctx, body, lang)
    yield from _title(ctx, body, lang)
    if not ctx.contact.met_in_passing and not _BRIEFLY.search(ctx.contact.met or ""):
        for m in _BRIEF[lang].finditer(body):
            yield Hit("brief", {"text": m.group()}, start=m.start(), end=m.end())
            break


def _family(ctx: Context, body: str, lang: Language) -> Iterator[Hit]:
    notes = ctx.notes.words
    low = body.lower()
    for a, b in _PAIRS[lang]:
        if a not in low and b not in low:
            continue
        for said, other in ((a, b), (b, a)):
            if said in notes or other not in notes:
                continue
            for m in re.finditer(rf"(?i)(?<!\w){said}(?!\w)", body):
                before = body[max(0, m.start() - 6):m.start()].lower().split()
                if before and before[-1] in _MY:
                    continue  # the candidate's own family
                yield Hit("family", {"text": m.group(), "noted": other}, start=m.start(), end=m.end())
                break


def _title(ctx: Context, body: str, lang: Language) -> Iterator[Hit]:
    title = ctx.contact.title
    if not title:
        return
    from rapidfuzz import fuzz

    known = [title, ctx.interview.role]
    for sentence in ctx.sentences:
        if sentence.start >= len(body) or not _TO_READER[lang].search(sentence.text):
            continue
        for m in _AS_TITLE.finditer(sentence.text):
            written = _title_words(m.group("title"))
            words = written.lower().split()
            if not words or not any(w.strip(".,") in _TITLE_HEADS for w in words) or len(words) > 6:
                continue
            if len(words) < 2 and not written[:1].isupper():
                continue  # "als partner", "as a lead": a word, not a job title
            if any(fuzz.token_set_ratio(written.lower(), k.lower()) >= 80 for k in known if k):
                continue
            start = sentence.start + m.start("title")
            yield Hit("title", {"text": written, "noted": title}, start=start, end=start + len(written))
            return


#: Waarom het ertoe doet / Voorbeeld / Oplossing, for `explain --lang nl` and the rule reference.
DOC_NL = ("Een verkeerd detail over het eigen leven of de eigen baan van de lezer laat zien dat het bericht "
          "slordig is geschreven, of voor iemand anders, en het is het deel dat ze zeker opmerken.",
          "\"Veel succes voor je zoon\" terwijl de notities dochter zeggen; \"in uw rol als afdelingshoofd\" tegen "
          "een teamleider; \"ons korte gesprek\" tegen de manager die je drie uur sprak.",
          "Controleer het detail in je notities, of laat het weg.")


RULE = make_rule(
    "wrong-fact", Severity.ERROR, ALL_CHANNELS, __doc__,
    summary_nl="Een detail dat de notities tegenspreekt: een familiewoord, de functie van de lezer, of "
               "\"kort gesproken\" tegen iemand die je heeft geïnterviewd.",
    en={"family": "\"{text}\" — your notes say \"{noted}\". Check the detail or leave it out.",
        "title": "\"{text}\" is not their title: your notes say \"{noted}\". Use that, or leave the title out.",
        "brief": "\"{text}\" fits someone you met in passing, but this person interviewed you. Thank them for "
                 "the conversation instead."},
    nl={"family": "\"{text}\" — je notities zeggen \"{noted}\". Controleer het detail of laat het weg.",
        "title": "\"{text}\" is niet hun functie: je notities zeggen \"{noted}\". Gebruik die, of laat de functie "
                 "weg.",
        "brief": "\"{text}\" past bij iemand die je in het voorbijgaan sprak, maar deze persoon heeft je "
                 "geïnterviewd. Bedank liever voor het gesprek."},
    doc_nl=DOC_NL,
    check=check,
)
