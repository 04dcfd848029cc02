"""Build one channel's draft for one person: the email, the LinkedIn note, the X message, the check-in."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from afterword.compose.articles import NL_PARTICIPLE
from afterword.compose.naming import mentions
from afterword.compose.person import Person
from afterword.compose.pieces import strength_piece
from afterword.compose.subject import email_subject
from afterword.compose.wording import shorten
from afterword.core.lang.xcount import weighted_length as x_length  # the checker's count, so over-limit agrees
from afterword.core.model import Channel, Draft, Language

#: Email body length the composer aims for (the checker warns under 50 and over 250 words).
EMAIL_MIN_WORDS = 80
EMAIL_MAX_WORDS = 200


def word_count(text: str) -> int:
    return len(re.findall(r"\w[\w'’-]*", text))


def signature(person: Person) -> str:
    c = person.interview.candidate
    return "\n".join(line for line in (" ".join(c.name.split()), c.phone, c.linkedin) if line)


def email(person: Person, taken_subjects: set[str], specific: Callable[[str], bool] | None = None) -> Draft:
    passing = person.contact.met_in_passing
    moment = person.moment()
    values: dict[str, str] = {
        "greeting": person.say("email", person.greeting_key("email")),
        "signoff": person.say("email", person.sign_key("email", "signoff")),
        "signature": signature(person),
        "opening": _opening(person),
        "moment": person.say("email", f"moment.{moment[0]}", **moment[1]) if moment else "",
        "question": "",
        "close": person.say("email", _close_key(person), ns=person.base["ns_note"]),
    }
    question = person.question()
    if question:
        from afterword.compose.wording import lower_first

        values["question"] = person.say("email", "question.ask", q=question, ql=lower_first(question, person.proper))
    fit = _fit(person, pairs=1)  # one point, made well: a second one made the email a list
    extras: list[str] = []
    if _organiser(person):
        fit = []  # a recruiter who raised no need hears about the process, not a pitch about a problem
        extras.append(person.say("email", "recruiter.process"))  # (met at the door or not: no second "the role of")
    elif passing:
        extras.append(person.say("email", "passing.context"))

    body = _render_email(person, values, fit, extras)
    # Too long: drop the second point, then the moment. Too short: add a tie to the company.
    if word_count(body) > EMAIL_MAX_WORDS and len(fit) > 2:
        fit = fit[:2]
        body = _render_email(person, values, fit, extras)
    if word_count(body) > EMAIL_MAX_WORDS and values["moment"]:
        values["moment"] = ""
        body = _render_email(person, values, fit, extras)
    if not passing and not _organiser(person):
        # Sparse notes make a shorter email; only a little honest padding, never invented detail.
        for key, floor in (("fit.tie", EMAIL_MIN_WORDS - 10), ("close.extra", EMAIL_MIN_WORDS - 25),
                           ("close.offer", EMAIL_MIN_WORDS - 25)):
            if word_count(body) >= floor:
                continue
            if key == "fit.tie" and (not fit or not _quotes_a_strength(person)):
                continue  # "the kind of work I would like to do" needs the work to have been named
            if key == "fit.tie" and not _need_named(person):
                key = "fit.tie_free"  # "Zo'n uitdaging …" points back to a challenge; none was named
            extras.append(person.say("email", key))
            body = _render_email(person, values, fit, extras)
    if _questions(body) > 1 and values["question"]:
        values["question"] = ""
        body = _render_email(person, values, fit, extras)
    subject = email_subject(person, taken_subjects, specific)
    return Draft(person.contact.id, Channel.EMAIL, person.lang, body, subject)


def _decides(person: Person) -> bool:
    """Whether the next step is theirs to speak of: the hiring manager, the recruiter or an executive, or anyone
    when the notes name none of them."""
    from afterword.core.model import ContactRole

    deciders = (ContactRole.HIRING_MANAGER, ContactRole.RECRUITER, ContactRole.EXECUTIVE)
    return person.contact.effective_role in deciders or not any(
        c.effective_role in deciders for c in person.interview.contacts)


def _close_key(person: Person) -> str:
    """The close: the next step as the notes give it, else when they said they would come back, else plain."""
    if person.contact.met_in_passing:
        return "passing.close"
    if _decides(person):  # the decision date to whoever decides or runs the process, not to every panel member
        if person.base["close_kind"] in ("when", "call", "round_when"):
            # said as a sentence ("I look forward to hearing from you by 11 December"), not the notes' field in brackets
            return f"close.{person.base['close_kind']}"
        if person.base["ns_note"]:
            return "close.next"
    if person.base["close_kind"]:
        return f"close.{person.base['close_kind']}"
    return "close.plain"


_QUOTED = re.compile(r"‘[^’]*’|\bWilt? (?:u|je) ook [^?.!]* namens mij bedanken\?")


def _questions(body: str) -> int:
    """Question marks the candidate asks with: a quoted question (the theme "‘How do we …?’") is not one, nor
    the polite request to thank someone ("Wilt u ook Joke namens mij bedanken?")."""
    return _QUOTED.sub("", body).count("?")


def _render_email(person: Person, values: dict[str, str], fit: list[str], extras: list[str]) -> str:
    paragraph = " ".join([*fit, *extras])
    thanks = _thanks_via(person)
    close = values["close"]
    if thanks:
        close = f"{thanks} {close}" if close else thanks
    return person.voice.render(person.lang, "email", {**person.base, **values, "fit": paragraph, "close": close})


def _quotes_a_strength(person: Person) -> bool:
    pair = person.sel.primary
    if pair is not None and pair.strength is not None:
        return person.may_quote(pair.strength.text)
    return pair is not None and pair.need is not None and pair.need.id in person.results \
        and person.notes_lang is person.lang


def _need_named(person: Person) -> bool:
    """Whether the draft names their need before the strength (not a strength said on its own)."""
    pair = person.sel.primary
    return pair is not None and pair.need is not None and person.need(pair.need).kind != "skip"


def _organiser(person: Person) -> bool:
    from afterword.core.model import ContactRole

    c = person.contact
    # (a need of theirs the draft cannot name, "45% uitzendkrachten, verloop enorm …", makes no pitch either)
    return c.effective_role is ContactRole.RECRUITER and all(
        person.need(n).kind == "skip" for n in person.interview.needs_raised_by(c.id))


def _thanks_via(person: Person) -> str:
    """In the host's email, thanks for the people met who have no channel ("Please also pass on my thanks to
    Marcus, whom I met at reception"), so nobody vanishes."""
    iv = person.interview
    others = [c for c in iv.unreachable() if iv.thanked_via(c) is not None and iv.thanked_via(c) == person.contact
              and c.id not in person.discreet]
    if not others:
        return ""
    from afterword.compose.wording import words
    from afterword.core.lang.names import given_name

    met = words(person.lang).met
    names = [(" ".join(c.name.split()) if len(c.name.split()) == 1 else given_name(c.name))
             + (f" {met[(c.met or '').strip().lower()]}" if (c.met or "").strip().lower() in met else "")
             for c in others]  # "Marcus at reception": who they are, to the person who knows them
    joined = names[0] if len(names) == 1 else (", ".join(names[:-1]) + (" and " if person.lang.value == "en" else " en ")
                                               + names[-1])
    return person.say("email", "thanks_via.any", who=joined)


def _opening(person: Person) -> str:
    if person.contact.met_in_passing:
        return person.say("email", "passing.place" if person.base["place"] else "passing.noplace")
    from afterword.core.model import ContactRole

    if person.contact.spoke_before and person.contact.effective_role is ContactRole.RECRUITER:
        # not at the conversation: thanked for arranging it (also when the notes give what they said on the call)
        return person.say("email", "thanks.arranged")
    if _organiser(person):
        return person.say("email", "thanks.role")  # the recruiter organised the day; the theme was for others
    if _own_point(person):
        return person.say("email", "thanks.plain")  # their own point follows: the interview's theme is not theirs
    if not person.base["theme"] and _panel_colleague(person):
        return person.say("email", "thanks.plain")  # the role named to every panel member reads as a form letter
    return person.say("email", "thanks.theme" if person.base["theme"] else "thanks.role")


def _panel_colleague(person: Person) -> bool:
    """Someone on the panel who is not the hiring manager, when the notes have one: the role is named to them."""
    from afterword.core.model import ContactRole

    others = [c for c in person.interview.contacts if c.effective_role is ContactRole.HIRING_MANAGER]
    return bool(others) and person.contact.effective_role in (ContactRole.INTERVIEWER, ContactRole.TEAM_MEMBER,
                                                               ContactRole.OTHER)


def _own_point(person: Person) -> bool:
    """A panel member (not the hiring manager) with a need of their own that the draft names."""
    from afterword.core.model import ContactRole

    if person.contact.effective_role is ContactRole.HIRING_MANAGER or not person.base["theme"]:
        return False
    pair = person.sel.primary
    return pair is not None and pair.need is not None and person.need(pair.need).kind != "skip"


def _fit(person: Person, pairs: int) -> list[str]:
    """The intersection: a need this person raised, and the strength of the candidate that answers it."""
    out: list[str] = []
    said: list[object] = []
    for index, pair in enumerate(person.sel.pairs[:pairs]):
        # A strength in the other language is left out, not quoted (unless it may be: Person.may_quote).
        strength = pair.strength if pair.strength is not None and person.may_quote(pair.strength.text) else None
        if pair.need is None:
            if strength is not None and not person.contact.met_in_passing:
                out.append(person.say("email", "fit.free", s=person.strength_clause(strength, "email")))
            continue
        need = person.need(pair.need)
        if need.kind == "skip":
            if strength is not None and not any(strength is s for s in said) and not person.contact.met_in_passing:
                said.append(strength)
                out.append(person.say("email", "fit.free", s=person.strength_clause(strength, "email")))
            continue
        prefix = "need." if index == 0 else "need.second_"
        out.append(person.say("email", prefix + need.kind, n=need.text))
        if strength is not None and any(strength is s for s in said):
            out.append(person.say("email", "fit.same"))
        elif strength is not None:
            said.append(strength)
            clause = person.strength_clause(strength, "email")
            out.append(person.say("email", "fit.lead" if index == 0 else "fit.second", s=clause))
        elif index == 0 and pair.need.id in person.results and person.notes_lang is person.lang:
            # (a result read from English notes is not put into a Dutch sentence, nor the other way round)
            r = person.results[pair.need.id]
            out.append(person.say("email", "fit.result_down" if r.down else "fit.result_up", what=r.what, a=r.start,
                                  b=r.end, unit=r.unit, took=r.took))
        # No answer the notes give in words a reader can take: the need is named and nothing is claimed.
        # ("I have worked on something similar and would be glad to say more" announces evidence it does
        # not give; readers of such drafts asked "then tell me".)
    return out


def _same_point(concrete: str, other: str) -> bool:
    """Whether a short note's concrete sentence says what `other` already says (its longest run of words)."""
    words_a = re.findall(r"\w+", concrete.lower())
    text_b = " ".join(re.findall(r"\w+", other.lower()))
    return any(" ".join(words_a[i:i + 5]) in text_b for i in range(max(len(words_a) - 4, 1)))


def short_note(person: Person, channel: Channel, limit: int, *, follows: bool = False, avoid: str = "") -> Draft:
    """A LinkedIn connection note or an X message: greeting, one concrete thing, a light close.

    A note that `follows` a message on another channel (the email, or the LinkedIn note before an X message)
    says nothing the reader has just read: a thank-you and an invitation to connect, in the channel's voice."""
    name = str(channel)
    measure: Callable[[str], int] = x_length if channel is Channel.X else len
    fixed = {
        "greeting": person.say(name, person.greeting_key(name)),
        "close": person.say(name, "close.follows" if follows else "close.any"),
        "sign": person.say(name, person.sign_key(name, "sign")),
    }
    text = ""
    closes = (fixed["close"], "")
    # Still one specific thing (the checker's `no-specifics` holds for every channel), said briefly after "thanks
    # again": their moment, else their point named by its topic (never a problem sentence cut short).
    concretes: Iterator[str] = _concretes(person, name, topic_only=follows)
    fallback: str | None = None
    for concrete in concretes:
        if concrete and avoid and _same_point(concrete, avoid):
            fallback = fallback or concrete
            continue  # the X message after a LinkedIn note makes another point (or none)
        openings = iter((person.say(name, "opening.follows"),)) if follows else _openings(person, name)
        for opening in openings:
            for close in closes:
                text = person.voice.render(person.lang, name, {**person.base, **fixed, "opening": opening,
                                                             "concrete": concrete, "close": close})
                if measure(text) <= limit:
                    return Draft(person.contact.id, channel, person.lang, text)
    return Draft(person.contact.id, channel, person.lang, text)


def _openings(person: Person, name: str) -> Iterator[str]:
    if person.contact.met_in_passing:
        if person.base["place"]:
            yield person.say(name, "opening.passing")
        yield person.say(name, "opening.passing_plain")
        return
    for limit in (90, 60, 40):
        theme = person.theme(limit)
        if theme:
            yield person.say(name, "opening.theme", theme=theme)
    yield person.say(name, "opening.role")
    yield person.say(name, "opening.plain")


def _concretes(person: Person, name: str, *, topic_only: bool = False) -> Iterator[str]:
    moment = person.moment()
    if moment is not None:
        kind, values = moment
        yield person.say(name, f"concrete.{kind}", **values)
        for limit in (90, 60, 40):
            short = {k: (shorten(v, limit, person.lang) or "") if v else v for k, v in values.items()}
            if kind == "you_sub":  # a shortened bijzin loses the verb at its end: the main clause is cut instead
                short["sub"] = ""
                if short["m"]:
                    yield person.say(name, "concrete.you", **short)
            elif all(short[k] or not values[k] for k in values):
                yield person.say(name, f"concrete.{kind}", **short)
    yield from _need_concretes(person, name, topic_only=topic_only)
    if not topic_only:
        yield from _strength_concretes(person, name)
    yield from _passing_concretes(person, name)


def _strength_concretes(person: Person, name: str) -> Iterator[str]:
    """The only message they get, with nothing of theirs to name: the candidate's answer to their point, briefly
    ("One thing I'd add: I was PM on three tours including Edinburgh twice.")."""
    pair = person.sel.primary
    if pair is None or pair.strength is None or person.contact.met_in_passing or not person.may_quote(pair.strength.text):
        return
    if not person.voice.has(person.lang, name, "concrete.strength"):
        return  # a user's own templates may not have it
    from afterword.compose.topic import has_any_verb

    piece = strength_piece(pair.strength.text, person.lang, person.proper)
    if piece.kind != "i" or not has_any_verb(piece.text, person.lang) or pair.strength.text.rstrip().endswith("."):
        return  # only a deed said whole with its verb ("I was PM on three tours …"), never a label or a cut
    if person.lang is Language.NL and not any(NL_PARTICIPLE.match(w.strip(",.;:")) for w in
                                              pair.strength.text.split(",")[0].split()):
        return  # "ik heb testgroep DSO-aansluiting bij omgevingsdienst": the participle was cut off
    yield person.say(name, "concrete.strength", s=person.strength_clause(pair.strength, name))


def _need_concretes(person: Person, name: str, *, topic_only: bool = False) -> Iterator[str]:
    pair = person.sel.primary
    if pair is not None and pair.need is not None and person.need(pair.need).kind != "skip":
        need = person.need(pair.need)
        if need.kind == "topic":
            yield person.say(name, "concrete.need_topic", n=need.text)
        if need.kind != "topic" and topic_only:
            found = person.named_topic(need.text)
            if found:
                yield person.say(name, "concrete.need_topic", n=found)
            return
        # Said whole or not at all: a need cut short can say something else ("storingen aan gemalen worden nu pas
        # ontdekt" is not what "… pas ontdekt als bewoners bellen" said).
        for limit in (200,):
            short_need = shorten(need.text, limit, person.lang) if need.kind != "topic" else None
            if short_need:
                key = "concrete.need_want" if need.kind == "want" else "concrete.need"
                yield person.say(name, key, n=f"‘{short_need}’" if need.kind == "foreign" else short_need)


def _passing_concretes(person: Person, name: str) -> Iterator[str]:
    if person.contact.met_in_passing:
        # Nothing noted with this person: at least say what brought the candidate there.
        for limit in (90, 60, 40):
            theme = person.theme(limit)
            if theme:
                yield person.say(name, "concrete.passing_theme", theme=theme)
        # No theme either: one of the interview's needs, quoted as noted, but only one written as a sentence
        # (readers of "One topic of my interview stayed with me: ‘IFRS nine staging overlays basically’" saw a
        # line of notes about a meeting they never attended).
        from afterword.compose.topic import has_verb, quotable

        for need_item in person.interview.needs:
            text = " ".join(need_item.text.split())
            if any(mentions(c, text) for c in person.interview.contacts):
                continue  # "Dewi wil af van …" told to Lieke: a colleague named to them in the third person
            if person.foreign(text):
                if not person.quotes_foreign(text):
                    continue  # English written as a sentence reads fine in a Dutch note; nothing else does
            elif not (text[:1].isupper() and has_verb(text, person.lang) and quotable(text, person.lang)):
                continue
            for limit in (120, 80, 50):
                quoted = shorten(text, limit, person.lang)
                if quoted:
                    yield person.say(name, "concrete.passing_need", n=quoted)
    yield ""
