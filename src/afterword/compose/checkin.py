"""A courteous check-in email for when the next step's date passed with no reply."""

from __future__ import annotations

from afterword.compose.build import signature
from afterword.compose.person import Person
from afterword.compose.wording import lower_first, shorten, upper_first
from afterword.core.model import Channel, Draft


def check_in(person: Person) -> Draft:
    pair = person.sel.primary
    need = person.need(pair.need) if pair is not None and pair.need is not None else None
    values = {
        "greeting": person.say("check_in", person.greeting_key("check_in")),
        "opening": person.say("check_in", "opening.next" if person.base["ns"] else "opening.plain"),
        "interest": person.say("check_in", "interest.need" if need and need.kind not in ("foreign", "skip", "topic") else "interest.plain",
                               n=need.text if need else ""),
        "close": person.say("check_in", "close.any"),
        "signoff": person.say("check_in", person.sign_key("check_in", "signoff")),
        "signature": signature(person),
    }
    body = person.voice.render(person.lang, "check_in", {**person.base, **values})
    topic = person.interview.theme if person.base["theme"] else person.interview.role
    short = shorten(topic or "", 40, person.lang, level="phrase") or shorten(person.interview.role, 40, person.lang) or ""
    subject = person.say("check_in", "subject.any", topic=upper_first(short),
                         topic_lower=lower_first(short, person.proper))
    return Draft(person.contact.id, Channel.EMAIL, person.lang, body, subject)
