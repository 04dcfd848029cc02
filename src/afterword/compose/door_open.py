"""The reply to a rejection: short and gracious, and it keeps the door open (issue 12, point 4)."""

from __future__ import annotations

from afterword.compose.build import signature
from afterword.compose.person import Person
from afterword.compose.wording import lower_first, shorten, upper_first
from afterword.core.model import Channel, Draft


def door_open(person: Person) -> Draft:
    values = {
        "greeting": person.say("check_in", person.greeting_key("check_in")),
        "opening": person.say("door_open", "opening.any"),
        "interest": person.say("door_open", "interest.theme" if person.base["theme"] else "interest.plain"),
        "close": person.say("door_open", "close.any"),
        "signoff": person.say("check_in", person.sign_key("check_in", "signoff")),
        "signature": signature(person),
    }
    body = person.voice.render(person.lang, "door_open", {**person.base, **values})
    topic = person.interview.theme if person.base["theme"] else person.interview.role
    topic = shorten(topic or "", 32, person.lang, level="phrase") or shorten(person.interview.role, 32, person.lang) \
        or person.interview.role
    subject = person.say("door_open", "subject.any", topic=upper_first(topic),
                         topic_lower=lower_first(topic, person.proper))
    return Draft(person.contact.id, Channel.EMAIL, person.lang, body, subject)
