"""Everything the phrases need about one person: language, register, seed, and the notes turned into pieces."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from afterword.compose.naming import address_name, mentions, name_forms, pronouns
from afterword.compose.pieces import need_piece, role_in_sentence, strength_piece, theme_piece, theme_shape
from afterword.compose.question import question_text
from afterword.compose.reader import dutch_subordinate, moment_piece, second_person, towards_reader
from afterword.compose.reading import Result
from afterword.compose.render import Voice
from afterword.compose.select import Selection
from afterword.compose.topic import _with_article, good_topic, has_verb, quotable, topic
from afterword.compose.wording import Piece, Words, clean, lower_first, phrase_language, shorten, words
from afterword.core.lang.names import given_name, strip_titles, surname_alone
from afterword.core.model import Contact, Formality, Interview, Language, Need, Strength
from afterword.core.timeutil import format_date

if TYPE_CHECKING:
    from afterword.core.lang.when import When

#: How a conversation was held, as the notes may write it (met or kind), in either language.
_HOW = {"video": "video", "video call": "video", "videocall": "video", "videogesprek": "video", "teams": "video",
        "zoom": "video", "google meet": "video", "online": "video", "phone": "phone", "phone call": "phone",
        "call": "phone", "telefoon": "phone", "telefonisch": "phone", "telefoongesprek": "phone", "gebeld": "phone"}

#: A next step that opens with one of these is a sentence, not a short note to put in brackets.
_SENTENCE_SUBJECTS = frozenset({"ze", "zij", "we", "wij", "hij", "they", "he", "she", "i", "ik", "you", "u", "je"})

#: A theme longer than this does not fit inside a sentence; it is shortened or left out.
THEME_IN_SENTENCE = 90


@dataclass
class Person:
    interview: Interview
    contact: Contact
    sel: Selection
    voice: Voice
    proper: frozenset[str]
    #: Needs whose answer is in the notes but too rough to quote ("That is close to work I have done").
    unquoted: frozenset[str] = frozenset()
    #: The result a too-rough answer names, by need id ("de achterstand van 410 naar 120 dossiers").
    results: dict[str, Result] = field(default_factory=dict)
    #: The polite form the notes use for a contact, per language ("mevrouw Ter Horst"), from the notes as typed.
    polite: dict[str, dict[Language, str]] = field(default_factory=dict)
    #: The topic of a theme typed as notes, for the subject only.
    theme_topic: str = ""
    #: Needs the reading could only name by what they are about ("the A321 turn"): never quoted after a colon.
    topics: frozenset[str] = frozenset()
    #: Moves every phrase choice along, so a panel member's email can differ from a colleague's.
    shift: int = 0
    #: The next step as typed, before the reading set a rough one aside: its time is still worth naming.
    next_step_typed: str | None = None
    #: When the next step says they will come back, and who gives that news (`next_step_news`): read once per
    #: interview by `compose`, or here when a Person is made on its own.
    news: tuple[When | None, frozenset[str]] | None = None
    #: People a private remark in the notes is about or came from: never thanked through the host, which would
    #: invite the question what they said or did.
    discreet: frozenset[str] = frozenset()
    lang: Language = field(init=False)
    formal: bool = field(init=False)
    seed: str = field(init=False)
    base: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        iv, c = self.interview, self.contact
        self.lang = iv.language_of(c)
        self.formal = c.effective_formality is Formality.FORMAL
        self.seed = f"{iv.company}\x1f{iv.role}\x1f{iv.start.isoformat()}"
        candidate = iv.candidate
        self.base = {
            "name": self.greeting_name(),
            "given": given_name(c.name),
            "full": " ".join(c.name.split()),
            "company": company_in_sentence(iv.company, self.lang),
            "role": role_in_sentence(iv.role, self.lang, self.proper),
            "weekday": format_date(iv.start, self.lang).split(" ", 1)[0],
            "me": given_name(candidate.name),
            "me_full": " ".join(candidate.name.split()),
            "theme": self.theme() or "",
            "place": self.place(),
            "ns": self.next_step(),
            "ns_note": self.next_step_note(),
            **self.next_step_when(),
            "talk": self.talk(),
        }

    def greeting_name(self) -> str:
        """How the greeting names them. A title from the notes goes with the surname ("Dear Professor Okonkwo",
        "Geachte dr. Van den Berg"); a formal English greeting without one uses the given name ("Dear Olu,"),
        since "Dear Olu Adeyemi" reads as mail merge."""
        c = self.contact
        if c.salutation:
            return " ".join(c.salutation.split())  # the user knows best: "Mr Chen", "mevrouw Van der Meer"
        written = address_name(c, self.formal)
        if self.formal and written == " ".join(strip_titles(c.name).split()):
            typed = self.polite.get(c.id, {}).get(self.lang, "")
            if typed:
                return typed  # the notes call her "Mevrouw Ter Horst": "Geachte mevrouw Ter Horst,"
        if self.formal and self.lang is Language.EN and written.split(" ", 1)[0].lower() in _DUTCH_ONLY_TITLES:
            return given_name(c.name)  # "Dear drs. Visser" is Dutch: in English, "Dear Marco,"
        if not self.formal or written != " ".join(strip_titles(c.name).split()):
            return written  # informal, or a title already in the name ("dr. Van den Berg")
        job = (c.title or "").lower()
        surname = surname_alone(c.name)
        if job.startswith(("professor", "prof.", "hoogleraar")) and surname != c.name:
            return f"Professor {surname}" if self.lang is Language.EN else f"professor {surname}"
        if self.lang is Language.EN:
            return given_name(c.name)
        # Dutch without a polite form, title or salutation in the notes: "Geachte Liesbeth Vanhoutte" reads as mail
        # merge and "Geachte mevrouw" needs what the notes do not say; "Beste Liesbeth," with u is how people write.
        return given_name(c.name)

    def greeting_key(self, name: str) -> str:
        """`greeting.formal_given` for a formal greeting by the given name alone ("Beste Liesbeth," with u), where
        letters (email, check-in) have one; a LinkedIn note or an X message keeps its own greeting."""
        if self.formal and name in ("email", "check_in") and self.base["name"] == given_name(self.contact.name) \
                and not self.contact.salutation and self.voice.has(self.lang, name, "greeting.formal_given"):
            return "greeting.formal_given"
        return f"greeting.{self.register}"

    @property
    def register(self) -> str:
        return "formal" if self.formal else "informal"

    @property
    def notes_lang(self) -> Language:
        return self.interview.effective_language

    def say(self, name: str, key: str, **values: Any) -> str:
        """One phrase in this person's language and register (`key.formal` wins over `key`)."""
        registered = f"{key}.{self.register}"
        chosen = registered if self.voice.has(self.lang, name, registered) else key
        return self.voice.pick(self.lang, name, chosen, self.seed, {**self.base, **values}, self.sel.index + self.shift)

    def sign_key(self, name: str, base: str) -> str:
        """The sign-off's key: in Flanders (a Dutch letter for an interview in Europe/Brussels) the Flemish one
        ("Met vriendelijke groeten"), where the templates have it."""
        key = f"{base}.{self.register}"
        if self.lang is Language.NL and (self.interview.timezone or "") == "Europe/Brussels" \
                and self.voice.has(self.lang, name, key + "_be"):
            return key + "_be"
        return key

    def foreign(self, text: str) -> bool:
        """The notes phrase is in another language than this person's draft."""
        # Asked of the same notes phrases for every person and every shift: each phrase's language is found once
        # per interview (kept with it, so found by identity, never by hashing a big panel's interview).
        known: dict[str, Language | None] = self.interview.__dict__.setdefault("_phrase_languages", {})
        if text in known:
            found = known[text]
        else:
            found = known[text] = phrase_language(text, None, ignore=self.interview.contact_names)
        return found is not None and found is not self.lang

    def theme(self, limit: int = THEME_IN_SENTENCE) -> str | None:
        theme = self.interview.theme
        if not theme or not clean(theme) or self.foreign(theme):
            return None
        return theme_piece(theme, self.lang, self.proper, limit)

    def place(self) -> str:
        met = (self.contact.met or "").strip()
        w = words(self.lang)
        if met.lower() in w.met:
            return w.met[met.lower()]
        if met and met.split(" ", 1)[0].lower() in w.met_prefix and not self.foreign(met):
            return towards_reader(clean(met), self.contact, self.lang)  # "op zijn kantoor" → "op uw kantoor"
        first = re.split(r"[\s,+(/]+", met.lower(), maxsplit=1)[0] if met else ""
        if first in w.met:
            return w.met[first]  # "rondleiding onderstation", "lunch na afloop": where, by its first word
        return ""

    def talk(self) -> str:
        """What the conversation was: a video call, a phone call, or simply a conversation."""
        how = _HOW.get((self.contact.met or "").strip().lower(), "")
        how = how or _HOW.get((self.interview.kind or "").strip().lower(), "")
        table = {Language.EN: {"video": "video call", "phone": "call"},
                 Language.NL: {"video": "videogesprek", "phone": "telefoongesprek"}}[self.lang]
        return table.get(how, "conversation" if self.lang is Language.EN else "gesprek")

    def next_step(self) -> str:
        ns = self.interview.next_step
        # A short note ("Decision by 11 December") reads well in parentheses; a long sentence does not.
        if not ns or not clean(ns) or self.foreign(ns) or len(clean(ns)) > 50:
            return ""
        text = clean(ns)
        if _HEDGED.search(text):
            return ""  # "(hear back by fri hopefully)", "(hoor vrijdag iets)": a note to self, not to them
        if self.lang is Language.EN:  # notes shorthand: "final round w/ CEO w/c 15 June"
            text = re.sub(r"\bw/c\b", "the week of", text)
            text = re.sub(r"\bw/(?=\s)", "with", text)
        return lower_first(text, self.proper)

    def next_step_when(self) -> dict[str, str]:
        """When the notes say they will come back ("offers early jan", "uitslag uiterlijk do 3 dec"): the close
        names it ("I look forward to hearing from you in early January"). `close_kind` is when (a time to
        name), round_when (a further conversation at a time), hear / round (a guess: no time is promised)."""
        if self.news is None:
            self.news = next_step_news(self.interview, self.next_step_typed)
        when, owners = self.news
        if when is None:
            return {"when": "", "close_kind": ""}
        if self.contact.id not in owners:
            # A time is said only to whoever gives the news: the panel member is not told when to reply.
            return {"when": "", "close_kind": "onward"}
        if when.hedged:
            return {"when": "", "close_kind": "round" if when.round else "hear"}
        if when.call and not when.round:
            from dataclasses import replace

            return {"when": replace(when, on=True).phrase(self.lang), "close_kind": "call"}
        return {"when": when.phrase(self.lang), "close_kind": "round_when" if when.round else "when"}

    def next_step_note(self) -> str:
        """The next step as a note in brackets: not when it is a sentence about them ("Ze laten vóór 15
        december iets weten" reads wrong in brackets to the person who decides)."""
        ns = self.next_step()
        if mentions(self.contact, ns):
            return ""  # "(Orla to come back after the board meeting)" said to Orla is a note about her
        return "" if ns.split(" ", 1)[0].lower() in _SENTENCE_SUBJECTS else ns

    def moment(self) -> tuple[str, dict[str, str]] | None:
        """The phrase key (`moment.<kind>`) and values for this person's moment, or None."""
        m = self.sel.moment
        if m is None or not clean(m.text):
            return None
        if self.foreign(m.text):
            return None  # "Dank voor wat u vertelde over ‘the new Antwerp warehouse …’" reads as a glitch
        piece = moment_piece(_before_third_person(m.text, self.lang), self.contact, self.lang, self.proper)
        names = name_forms(self.contact)
        if piece.kind == "raw" and any(name in piece.text for name in names):
            # "Maria's story …, when they …": the part before the clause may still turn toward her.
            head = shorten(m.text, len(clean(m.text)) - 1, self.lang, level="clause")
            if head:
                piece = moment_piece(head, self.contact, self.lang, self.proper)
            if piece.kind == "raw":
                return None  # never write to someone about themselves in the third person
        kind = "you_tell_gerund" if piece.kind == "you_tell" and piece.gerund else piece.kind
        if kind == "you" and _witnessed(piece.text, self.lang):
            kind = "clause_plain"  # "your cat walked across the keyboard": seen together, not heard ("nice to hear that …")
        told = re.match(r"(?:vertelde|vertelden)\s+(over\s.+)$", piece.rest) if kind == "you_tell" else None
        # "u vertelde over de wateroverlast" is said as "uw verhaal over de wateroverlast" ({{ about }})
        values = {"m": piece.text, "rest": piece.rest, "gerund": piece.gerund, "sub": "",
                  "about": told.group(1) if told else ""}
        if kind == "you" and self.lang is Language.NL:
            sub = dutch_subordinate(piece.text)
            if sub:  # "je loopt ook de 20 km" → "Wat leuk dat je ook de 20 km loopt."
                kind, values["sub"] = "you_sub", sub
        place = self.base.get("place", "") if self.contact.met_in_passing else ""
        if place and all(len(v.replace(place, "").split()) >= 3 for v in values.values() if v):
            # "…on the office tour" need not be said twice when the greeting already says where we met.
            values = {k: " ".join(v.replace(place, "").split()) for k, v in values.items()}
        return kind, values

    def _foreign_moment(self, text: str) -> tuple[str, dict[str, str]] | None:
        text = clean(text)
        other = words(self.notes_lang)
        for name in name_forms(self.contact):
            if text.startswith(name + " "):
                verb, _, rest = text[len(name) + 1 :].partition(" ")
                for lead in ("me about ", "about ", "me over ", "over ", "me "):
                    if rest.startswith(lead):
                        rest = rest[len(lead):]
                        break
                if verb.lower() in other.telling and len(rest.split()) >= 2:
                    return "foreign_tell", {"m": rest, "rest": rest, "gerund": ""}
        if any(name in text for name in name_forms(self.contact)):
            return None  # it speaks of the reader in the third person, in another language
        return "foreign", {"m": text, "rest": "", "gerund": ""}

    def need(self, need: Need) -> Piece:
        if need.id in self.topics:
            named = _with_article(need.text, self.lang) if self.lang is self.notes_lang and need.text else ""
            if named and good_topic(named, self.lang):
                return Piece("topic", named, original=need.text)  # "your point about the A321 turn"
            return Piece("skip", "", original=need.text)
        text = self.about_others(need.text)
        if self.foreign(text):
            # In the other language only a sentence written as one is quoted (English reads fine in Dutch mail);
            # readers of "‘unrestricted only about 11% …’" in a formal Dutch letter, and of "‘rapportages naar
            # fondsen’" in an English one, saw pasted notes.
            head = re.split(r",\s+|;\s+", clean(text), maxsplit=1)[0]
            if self.quotes_foreign(head):
                return Piece("foreign", head, original=text)  # its first clause: "AIS data is noisy and …"
            return Piece("skip", "", original=text)
        piece = need_piece(text, self.lang, self.proper)
        if piece.kind == "want" or theme_shape(text, self.lang) == "question":
            return piece
        notes_like = not has_verb(text, self.lang) and (text[:1].islower() or bool(_NOTES_PUNCT.search(text)))
        if not quotable(text, self.lang) or notes_like:
            # A noun phrase is named ("your point about the recon batch"), never pasted after a colon.
            found = self.named_topic(text)
            if found:
                return Piece("topic", found, original=text)
            return Piece("skip", "", original=text)  # too rough to quote, too vague to name: left out
        return piece

    def named_topic(self, text: str) -> str | None:
        """What a notes phrase is about, when that names something ("the recon batch"), else None."""
        found = topic(text, self.lang)
        return found if found and good_topic(found, self.lang) else None

    def quotes_foreign(self, text: str) -> bool:
        """Text in the other language that may still be quoted: English written as a sentence, into Dutch only."""
        return self.lang is Language.NL and _written_sentence(text)

    def may_quote(self, text: str) -> bool:
        """Whether notes text may be quoted to this reader as far as its language goes."""
        return not self.foreign(text) or self.quotes_foreign(text)

    def about_others(self, text: str) -> str:
        """A notes phrase that names this reader ("… niemand snapt ze behalve kevin") is cut before the
        clause that does, or turned toward them: the reader is spoken to, never about."""
        lowered = text.lower()
        for name in name_forms(self.contact):
            at = lowered.find(name.lower())
            if at < 0:
                continue
            head = shorten(text[:at], max(at - 1, 0), self.lang, level="clause") if at > 0 else None
            if head and len(head.split()) >= 3 and head != clean(text[:at]):
                return head
            # The reader doing something ("als Marloes op vakantie gaat"): you, with the verb that goes with it.
            p = pronouns(self.lang, self.contact.effective_formality)
            w = words(self.lang)

            def as_subject(m: re.Match[str], w: Words = w, subject: str = p.subject) -> str:
                verb = m.group(1)
                turned = second_person(verb, w, self.contact.effective_formality) or verb
                return f"{subject} {turned}"

            text = re.sub(rf"(?<!\w){re.escape(name)}\s+([a-zà-ÿ']+)(?=[\s,.;:]|$)", as_subject, text,
                          flags=re.IGNORECASE)
            return towards_reader(text, self.contact, self.lang)
        return text

    def strength_clause(self, strength: Strength, name: str) -> str:
        if self.foreign(strength.text):
            return self.say(name, "strength.foreign", s=clean(strength.text))
        piece = strength_piece(strength.text, self.lang, self.proper)
        return self.say(name, f"strength.{piece.kind}", s=piece.text)

    def question(self) -> str | None:
        q = self.sel.question
        if q is None or self.foreign(q.text):
            return None
        asked = question_text(q.text, self.lang, self.contact.effective_formality)
        if asked and mentions(self.contact, asked):
            return None  # "welk dossier zou ik van Kees overnemen?" is not a question to put to Kees
        if asked and self.lang is Language.EN and tuple(q.for_) == (self.contact.id,):
            asked = _to_you(asked)  # "would she be open to joint sessions?", asked of her: "would you be open …?"
        return asked


_DURING = re.compile(r"(?i)\b(?:call|keyboard|screen|camera|meeting|interview|presentation|case|mid-|during|panel|"
                     r"gesprek|beeld|scherm|tijdens|presentatie|casus|toetsenbord)")


def _witnessed(text: str, lang: Language) -> bool:
    """A moment of the conversation itself, told in the past ("your cat walked across the keyboard", "je kat liep door
    beeld"): something both saw, which "nice to hear that …" would turn into news."""
    from afterword.compose.wording import words as lexicon

    if not _DURING.search(text):
        return False  # "you moved from Bristol two years ago": told, not seen
    w = lexicon(lang)
    tokens = [t.strip(".,;:!?").lower() for t in text.split()[1:4]]
    if lang is Language.EN:
        return any(w.is_past(t) for t in tokens[:3]) and not any(t in ("is", "are", "has", "have") for t in tokens)
    return any(t in ("liep", "kwam", "viel", "sprong", "zat", "stond", "ging", "klonk", "kroop", "rende", "blafte")
               or (t.endswith(("de", "te")) and len(t) > 5 and w.is_past(t)) for t in tokens[:3])


_THIRD_AGREES = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't", "isn't": "aren't",
                 "wasn't": "weren't", "hasn't": "haven't"}


def _to_you(question: str) -> str:
    """An English question typed about its one reader ("she", "he") put to them ("you", with the verb agreeing)."""
    toks = question.split(" ")
    low = [t.lower().strip("?,.") for t in toks]
    if not any(t in ("she", "he", "her", "him", "his") for t in low):
        return question
    for i, t in enumerate(low):
        tail = toks[i][len(t):] if toks[i].lower().startswith(t) else ""
        if t in ("she", "he"):
            toks[i] = ("You" if toks[i][:1].isupper() else "you") + tail
            if i > 0 and low[i - 1] in _THIRD_AGREES:
                toks[i - 1] = _THIRD_AGREES[low[i - 1]].capitalize() if toks[i - 1][:1].isupper() \
                    else _THIRD_AGREES[low[i - 1]]
            elif i + 1 < len(toks) and low[i + 1] in _THIRD_AGREES:
                toks[i + 1] = _THIRD_AGREES[low[i + 1]] + toks[i + 1][len(low[i + 1]):]
        elif t == "his" or (t == "her" and i + 1 < len(low) and not tail and low[i + 1].isalpha()
                            and low[i + 1] not in ("to", "about", "for", "with", "on", "in", "at", "and", "or")):
            toks[i] = "your" + tail
        elif t == "her" or t == "him":
            toks[i] = "you" + tail
    return " ".join(toks)


def next_step_news(interview: Interview, typed: str | None = None) -> tuple[When | None, frozenset[str]]:
    """The time the next step names (`typed`: as written, before the reading set it aside) and the ids of who
    gives the news: the people it names ("zoe rings monday"), or when it names nobody, the hiring manager and
    the recruiter."""
    from afterword.core.lang.when import next_step_time
    from afterword.core.model import ContactRole

    text = typed or interview.next_step or ""
    when = next_step_time(text, interview.start.date())
    if when is None:
        return None, frozenset()
    named = frozenset(c.id for c in interview.contacts if mentions(c, text))
    if not named and _HR_NAMED.search(text):
        # "hr belt eind van de week": the news comes from HR, not from the hiring manager ("je telefoontje" to him
        # would be wrong); a recruiter in the notes is HR, else nobody in particular is told "your call".
        return when, frozenset(c.id for c in interview.contacts if c.effective_role is ContactRole.RECRUITER)
    return when, named or frozenset(c.id for c in interview.contacts
                                    if c.effective_role in (ContactRole.HIRING_MANAGER, ContactRole.RECRUITER))


#: A next step that names the organisation's HR or an agency rather than a person.
_HR_NAMED = re.compile(r"(?i)\b(?:hr|p&o|p&c|recruit\w*|recruiter|agency|bureau|personeelszaken|talent team|"
                       r"people team|selectiebureau|werving)\b")


def _written_sentence(text: str) -> bool:
    """English written with care: a capital first, quotable as it stands, no notes marks."""
    from afterword.compose.prose import marks

    text = clean(text)
    return bool(text) and text[:1].isupper() and quotable(text, Language.EN) and not marks(text)


def company_in_sentence(company: str, lang: Language = Language.EN) -> str:
    """"Brabant Fulfilment B.V. (DC Tilburg-Vossenberg)" → "Brabant Fulfilment": no brackets or legal form
    in running text (the reader knows where they work). In English, a name made of a common noun and "of"
    takes its article: "working at the University of Connacht"."""
    text = re.sub(r"\s*\([^()]*\)", "", clean(company))
    stripped = re.sub(r"[\s,]+(?:B\.?V\.?|N\.?V\.?|Ltd\.?|Limited|GmbH|Inc\.?|LLC|plc|PLC|S\.?A\.?|AG)$", "", text)
    out = stripped or text
    if lang is Language.EN and _OF_NAME.match(out):
        out = "the " + out
    return out


#: English organisation names that read with "the" in a sentence ("the University of Leeds", "the Bank of England").
_OF_NAME = re.compile(r"(?:(?:Royal|National|State|Central|Open|Free)\s+)?(?:University|Bank|Ministry|Department|"
                      r"Institute|Museum|Port|Office|College|Academy|Society|Council|Church|Court|Board|"
                      r"Agency|Authority|Federation|Foundation|Trust|Union|Association|School)\s+of\b")


#: A next step that is the candidate's own note: hedged, about someone, or in day shorthand.
_HEDGED = re.compile(r"(?i)\b(?:hopefully|probably|probs|maybe|think|either way|i|i'll|me|my|she|he|she'll|he'll|they'll|"
                     r"mon|tue|tues|wed|thu|thurs|fri|sat|sun|hoop|hopelijk|waarschijnlijk|misschien|evt|eventueel|"
                     r"denk|ik|mij|me|mijn|hij|zij|ze|hoor|wss|mss|ma|di|wo|do|vr|za|zo)\b|\?")

#: A need typed as notes even with a capital: "Legacy PI claims still settling …; litigation rate 38%",
#: "NWO project deliverable: working prototype by Sept 2027".
_NOTES_PUNCT = re.compile(r"[;:]|\b(?:still|now|only|nog|nu)\s+\w+ing\b")

#: Dutch academic titles with no English use in a greeting ("drs.", "ir.", "ing.", "mr." as a law degree).
_DUTCH_ONLY_TITLES = frozenset({"drs.", "drs", "ir.", "ir", "ing.", "ing", "mr.", "mr", "mevr.", "dhr.", "mw."})

_THIRD = {Language.EN: frozenset({"he", "she", "his", "her", "him", "he's", "she's", "he'd", "she'd"}),
          Language.NL: frozenset({"hij", "zij", "ze", "zijn", "haar", "hem", "z'n"})}


def _before_third_person(text: str, lang: Language) -> str:
    """"Ben and me both hate yaml, he's writing a blog post on it": the part before the clause that talks about
    the reader as he/she (which would read as notes about them)."""
    pieces = re.split(r"(?<=[^\d]),\s+|(?<=\d),\s+(?=[^\d])", text)
    for index, piece in enumerate(pieces[1:], start=1):
        if any(w.lower().strip(".,;:!?") in _THIRD[lang] for w in piece.split()):
            return ", ".join(pieces[:index])
    return text
