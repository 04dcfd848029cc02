"""The small words notes leave out, put back where it is safe: "I built internal integration health dashboard" →
"I built an internal integration health dashboard"; "at previous job" → "at my previous job"; "Ik heb
DMP-spreekuur opgezet in vorige groep" → "Ik heb een DMP-spreekuur opgezet in mijn vorige groep".

Only a bare singular noun phrase right after a verb of making or leading gets "a"/"een"; plurals, numbers, names,
words that take no article ("research", "onderzoek") and anything already determined are left as they are.
"""

from __future__ import annotations

import re

from afterword.core.lang.numbers import NUMBER_WORDS
from afterword.core.model import Language

_EN_VERBS = ("built|set up|created|made|ran|led|wrote|designed|launched|introduced|developed|started|implemented|"
             "rolled out|delivered|established|founded|organised|organized|automated|redesigned|rebuilt|co-wrote|"
             "wrote up|put together|drafted|negotiated|won|opened|piloted")
_EN_DETERMINERS = frozenset(
    ["a", "an", "the", "my", "our", "their", "his", "her", "its", "this", "that", "these", "those", "some", "any", "every", "each", "all", "both", "several", "many", "few", "most", "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "first", "second", "third", "new"])
#: Nouns that take no article ("led research", "ran onboarding").
_EN_MASS = frozenset(
    ["research", "training", "work", "software", "data", "support", "feedback", "maintenance", "planning", "recruitment", "procurement", "compliance", "governance", "change", "testing", "infrastructure", "quality", "safety", "security", "advice", "equipment", "information", "knowledge", "staff", "marketing", "sales", "finance", "operations", "logistics", "production", "development", "management", "engineering", "teaching", "coaching", "mentoring", "onboarding", "payroll", "stock", "inventory", "reporting", "budgeting", "scheduling", "hiring", "evidence", "outreach", "fundraising", "analytics", "design", "strategy", "policy"])
_EN_BOUNDARY = frozenset(["for", "with", "that", "which", "to", "in", "at", "on", "across", "from", "into", "by", "of", "where", "who", "so", "and", "while"])

_EN_HEAD = re.compile(rf"\b((?:I\s+)?(?:{_EN_VERBS}))\s+(?=[a-z])")
_EN_MINE = re.compile(r"\b(at|in|from|during|with)\s+(?:(previous|current|former)\s+([\w-]+)|(last|old)\s+"
                      r"(job|role|company|team|employer|position|group|school|hospital|firm|post|lab|unit|store|site|place|"
                      r"studio|station|club|practice|agency))\b")

#: A Dutch past participle ("opgezet", "gebouwd", "gedaan"): where a deed typed in notes ends.
NL_PARTICIPLE = re.compile(r"^(?:ge\w+[dt]|\w*(?:gedaan|gestaan|opgezet|ingevoerd|opgebouwd|geleid|gebouwd|ontwikkeld|opgestart|"
                            r"uitgerold|gemaakt|geschreven|begeleid|gegeven|georganiseerd|ingericht|ontworpen|"
                            r"bedacht|gestart|geïntroduceerd|geïmplementeerd|gelanceerd|opgericht|verbeterd))$")
_NL_DETERMINERS = frozenset(
    ["een", "de", "het", "mijn", "onze", "ons", "die", "dat", "deze", "dit", "zo'n", "elk", "elke", "alle", "veel", "meerdere", "geen", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "hun", "haar", "zijn", "jullie", "welke", "eigen", "nieuwe"])
_NL_MASS = frozenset(
    ["onderzoek", "onderwijs", "werk", "beleid", "data", "software", "training", "begeleiding", "planning", "support", "advies", "personeel", "informatie", "kennis", "onderhoud", "inkoop", "marketing", "financiën", "administratie"])
#: Adverbs between a noun and its participle in notes ("rapportages zelf gebouwd", "pool samen opgezet").
_NL_ADVERBS = frozenset(["zelf", "samen", "ook", "mee", "al", "nog", "eerst", "toen", "daar", "hier", "weer"])
_NL_HAVE = re.compile(r"\b((?:[Ii]k\s+)?(?:heb|had))\s+")
_NL_MINE = re.compile(r"\b(in|bij|op|van|uit)\s+(vorige|huidige|oude)\s+(?=\w)")


#: A kind of organisation typed without its article after "at"/"bij": "at drugstore chain", "bij notariskantoor".
_EN_PLACE = re.compile(r"\b(at|with|for)\s+(?!(?:a|an|the|my|our|their|his|her|this|that|one)\b)(?=(?:[a-z-]+\s+)?[a-z-]*(?:chain|firm|company|hospital|school|agency|bank|"
                       r"startup|start-up|retailer|insurer|council|charity|consultancy|manufacturer|supplier|"
                       r"carrier|distributor|wholesaler|practice|clinic|university|college)\b)")
#: Institutions there is one of, typed without "de" after "bij": "notuleerde twee jaar bij gemeenteraad".
_NL_INSTITUTION = re.compile(r"\b(bij|voor|in|op)\s+(gemeenteraad|gemeente|politie|rechtbank|provincie|overheid|"
                             r"belastingdienst|brandweer|universiteit|raad van bestuur|ondernemingsraad|rijksoverheid|"
                             r"marechaussee|landmacht|marine)\b(?!-)")
_NL_PLACE = re.compile(r"\b(bij|voor|in)\s+(?!(?:een|de|het|mijn|onze|hun|haar|zijn|dit|dat|deze|die)\b)(?=(?:[a-z-]+e\s+)?[a-z-]*(?:keten|kantoor|bedrijf|ziekenhuis|school|bureau|"
                       r"winkel|fabriek|instelling|organisatie|vervoerder|bank|verzekeraar|start-up|startup|"
                       r"agentschap|corporatie|hogeschool|groothandel|praktijk|kliniek|leverancier|centrum|magazijn|"
                       r"apotheek|laboratorium|dierenartsenpraktijk|brouwerij|uitgeverij|hotel|terminal|gezelschap|theater|museum|omroep|"
                       r"krant|zorginstelling|woningcorporatie|waterschap|netbeheerder)\b)")


def fill_articles(text: str, lang: Language) -> str:
    """The text with the missing article or "my"/"mijn" put back where the notes left it out."""
    if lang is Language.EN:
        text = _EN_MINE.sub(lambda m: f"{m.group(1)} my {m.group(2) or m.group(4)} {m.group(3) or m.group(5)}", text)
        text = _EN_PLACE.sub(lambda m: f"{m.group(1)} {_a_or_an(m.string[m.end():])} ", text)
        return _EN_HEAD.sub(_en_article, text)
    text = _NL_MINE.sub(lambda m: f"{m.group(1)} mijn {m.group(2)} ", text)
    text = _NL_PLACE.sub(lambda m: f"{m.group(1)} een ", text)
    text = _NL_INSTITUTION.sub(lambda m: f"{m.group(1)} de {m.group(2)}", text)  # "bij gemeenteraad" → "bij de …"
    text = _NL_EVENT.sub(_nl_event, text)  # "bij invoering nieuw DMS" → "bij de invoering van het nieuwe DMS"
    return _nl_article(text)


#: A change typed as notes type it, "bij invoering nieuw DMS": the event takes "de" and "van" before what changed.
_NL_EVENT = re.compile(r"\b(bij|tijdens|na|voor|sinds)\s+(invoering|implementatie|overgang naar|migratie naar|"
                       r"introductie|fusie met|reorganisatie|verhuizing naar|overname door|"
                       r"uitrol|livegang|oprichting|sluiting|opening)\s+(?!(?:van|de|het|een|mijn|onze|ons|hun|twee|drie|"
                       r"vier|vijf|zes|zeven|acht|negen|tien|\d+)\b)"
                       r"((?:[\w'-]+\s+){0,2}?[\w'-]+)(?=$|[,.;:!?)]|\s+(?:op|in|bij|met|voor|van|en|heb|ik|naar|\d))")


def _nl_event(m: re.Match[str]) -> str:
    from afterword.compose.topic import _with_article

    event, what = m.group(2), m.group(3)
    if " " in event:  # "overgang naar", "fusie met": the preposition is there already
        named = what if what[:1].isupper() and " " not in what else _with_article(what, Language.NL)
        return f"{m.group(1)} de {event} {named}"
    if what[:1].isupper() and what.replace("-", "").isalnum() and " " not in what:
        return f"{m.group(1)} de {event} van {what}"  # "bij de invoering van SAP"
    return f"{m.group(1)} de {event} van {_with_article(what, Language.NL)}"


def _a_or_an(following: str) -> str:
    return "an" if following[:1] in "aeio" else "a"


def _en_article(m: re.Match[str]) -> str:
    rest = m.string[m.end():]
    phrase: list[str] = []
    for raw in rest.split():
        word = raw.rstrip(",.;:!?)")
        if not word or word.lower() in _EN_BOUNDARY:
            break
        phrase.append(word)
        if word != raw:
            break
    if not phrase or len(phrase) > 6:
        return m.group(0)
    first, head = phrase[0], phrase[-1].lower()
    if (first.lower() in _EN_DETERMINERS or (not first.isalpha() and "-" not in first) or not first[:1].islower()
            or first.endswith("ing") or head in _EN_MASS or (first.lower() in _EN_MASS and len(phrase) == 1)):
        return m.group(0)
    if head.endswith("s") and not head.endswith(("ss", "us", "is")):
        return m.group(0)  # "built dashboards": a plural takes none
    if m.group(1).lower().endswith("made") and any(w.lower().endswith("s") and not w.lower().endswith(("ss", "us", "is"))
                                                   for w in phrase):
        return m.group(0)  # "made releases predictable": "made" with an object and its result, no article
    article = "an" if first[:1] in "aeio" or (first[:1] == "u" and not first.startswith(("us", "uni", "ut"))) else "a"
    return f"{m.group(0)}{article} "


_NL_NOT_A_NOUN = frozenset(["bij", "in", "op", "voor", "met", "als", "van", "naar", "over", "tijdens", "sinds", "na",
                            "samen", "zelf", "ook", "al", "toen", "daar", "hier", "vorig", "vorige", "dit", "dat"])


#: Words that open a phrase of place, time or manner between the noun and its participle ("belronde binnen één week
#: na intake ingevoerd": the noun is "belronde").
_NL_PREPOSITIONS = frozenset(["bij", "in", "op", "voor", "met", "van", "naar", "over", "tijdens", "sinds", "na",
                              "binnen", "zonder", "tegen", "onder", "per", "rond", "vanuit", "via", "om", "uit"])
#: A count, or a word that goes before one ("ruim twee jaar", "ongeveer 40 collega's").
_NL_NUMBER_WORDS = NUMBER_WORDS["nl"] | {"anderhalf", "ruim", "bijna", "ca.", "ongeveer"}
_NL_SPANS = frozenset(["jaar", "jr", "maanden", "maand", "weken", "week", "dagen"])


def _nl_adjuncts(words: list[str]) -> int:
    """How many words at the start are a role, a span or a named place before the object ("als teamleider twee jaar
    BBL-traject opgezet", "bij Zuidnet risicomodel gebouwd"): the object's noun comes after them."""
    i = 0
    while i < len(words) - 1:
        w, nxt = words[i].lower(), words[i + 1]
        if w == "als" and nxt[:1].isalpha() and nxt.lower() not in _NL_DETERMINERS:
            i += 2  # "als teamleider"
            for _ in range(2):  # "als key user 40 collega's getraind": a role of more words, up to what follows it
                if i + 1 < len(words) and _role_word(words[i]) and not NL_PARTICIPLE.match(words[i + 1].rstrip(",.")):
                    i += 1
        elif (w in _NL_NUMBER_WORDS or w.isdigit()) and nxt.lower().rstrip(",") in _NL_SPANS:
            i += 2  # "twee jaar"
        elif w in ("bij", "in", "voor") and nxt[:1].isupper() and "-" not in nxt and nxt.rstrip(",").isalpha():
            i += 2  # "bij Zuidnet", "bij Woonkracht Gelderland"
            while i < len(words) - 1 and words[i][:1].isupper() and words[i].isalpha():
                i += 1
        elif w in _NL_ADVERBS or (i == 0 and w in ("ik", "we", "wij")):
            i += 1  # "zelf"; "heb ik … gemaakt"
        else:
            break
    return i


def _a_verb_in(phrase: list[str]) -> bool:
    from afterword.compose.topic import has_verb

    return any(has_verb(w, Language.NL) for w in phrase)


def _role_word(word: str) -> bool:
    low = word.lower()
    return (low[:1].isalpha() and low not in _NL_NUMBER_WORDS and low not in _NL_PREPOSITIONS and low not in _NL_DETERMINERS
            and low not in _NL_ADVERBS and not word.endswith((",", ".")) and not NL_PARTICIPLE.match(low))


def _nl_article(text: str) -> str:
    m = _NL_HAVE.search(text)
    start = m.end() if m is not None else 0
    words = text[start:].split(" ")
    skip = _nl_adjuncts(words)
    if m is None and not skip:
        first = text.split(" ", 1)[0].lower()
        if not first or first in _NL_NOT_A_NOUN or not first[:1].isalpha():
            return text  # "bij Waterbedrijf … gedaan": a place first, no noun to give an article
    if skip:
        start += len(" ".join(words[:skip])) + 1
        words = words[skip:]
    # "heb DMP-spreekuur opgezet": the noun phrase between the verb and its participle (one to four words), or
    # before a phrase of place or time that comes before the participle ("belronde binnen één week … ingevoerd").
    for end in range(1, min(9, len(words))):
        participle = words[end].rstrip(",.;:!?").lower()
        if words[end - 1].endswith((",", ".", ";", ":")):
            return text  # the clause ended before any participle
        if NL_PARTICIPLE.match(participle):
            if participle in ("geweest", "geworden", "gebleven"):
                return text  # "Wzd-aandachtsvelder geweest": a role one has been takes no article
            phrase = words[:end]
            cut = next((k for k, w in enumerate(phrase) if w.lower() in _NL_PREPOSITIONS), len(phrase))
            if cut == 0:
                return text  # "notuleerde twee jaar bij gemeenteraad": no noun phrase before a participle here
            if words[end - 1].lower() in _NL_DETERMINERS:
                return text  # "bij de gemeenteraad": a noun that looks like a participle, after its article
            phrase = phrase[:cut]
            if len(phrase) > 4 or any(w.lower() in _NL_NOT_A_NOUN or w.lower() in _NL_NUMBER_WORDS for w in phrase) \
                    or _a_verb_in(phrase):
                return text  # "notuleerde twee jaar …", "ongeveer 40 collega's": no bare noun to count here
            while len(phrase) > 1 and phrase[-1].lower() in _NL_ADVERBS:
                phrase = phrase[:-1]  # "HiX-rapportages zelf gebouwd": the noun is before the adverb
            first, head = phrase[0], phrase[-1].lower().rstrip(",")
            if len(phrase) == 3 and phrase[1].isdigit() and first.isalpha() and first[:1].islower() \
                    and not first.endswith(("en", "s")) and head.endswith(("en", "s")):
                # "risicomodel 10 kV-kabels gebouwd": a thing made for a number of others
                rest = text[start + len(" ".join(phrase)):]
                return f"{text[:start]}een {first} voor {phrase[1]} {phrase[2]}{rest}"
            if first.lower() in _NL_DETERMINERS or first[:1].isdigit() or head in _NL_MASS \
                    or (head.endswith(("en", "s")) and not head.endswith(("uis", "ijs", "oos"))):
                return text
            if first[:1].isupper() and "-" not in first:
                return text  # a name: "heb Jan gebeld"
            if len(phrase) == 1 and _unknown_nl(first):
                return text  # "maximo ingericht": a product typed in lower case, not a noun to count
            if len(phrase) == 2 and re.fullmatch(r"(?:19|20)\d\d", phrase[1]) and first.isalpha():
                from afterword.compose.topic import _with_article

                named = f"{_with_article(first, Language.NL).split(' ')[0]} {first} van {phrase[1]}"
                return f"{text[:start]}{named}{text[start + len(' '.join(phrase)):]}"  # "de concessiestart van 2023"
            if any(re.fullmatch(r"(?:19|20)\d\d", w) for w in phrase):
                return text  # a particular one, not "een"
            return f"{text[:start]}een {text[start:]}"
    return text


def _unknown_nl(word: str) -> bool:
    from afterword.core.lang.spelling import words

    core = word.strip(",.;:!?()").lower()
    return "-" not in core and len(core) <= 7 and bool(words(Language.NL).unknown([core]))
