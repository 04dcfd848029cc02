"""What a notes phrase is about, as a short noun phrase: "recon batch is one giant cron, when it dies …" →
"the recon batch". Used when the phrase itself would not read as a sentence to the person it is quoted to."""

from __future__ import annotations

import re

from afterword.compose.wording import words
from afterword.core.lang.numbers import NUMBER_WORDS
from afterword.core.model import Language

#: Finite verbs (and auxiliaries) that end the subject of a notes phrase, per language.
_VERBS = {
    Language.EN: frozenset(["is", "are", "was", "were", "has", "have", "had", "do", "does", "did", "can", "could", "will", "would", "should", "must", "may", "might", "takes", "take", "needs", "lacks", "wants", "has", "owns", "runs", "took", "eats", "eat", "kills", "kill", "dies", "die", "break", "go", "went", "need", "lack", "fall", "fell", "get", "got", "runs", "run", "ran", "cost", "keep", "sit", "come", "stay", "slip", "live", "mean", "make", "made", "lead", "miss", "hit", "lose", "lost", "grow", "grew", "drop", "dropped", "rose", "rise", "see", "happen", "happened", "depend", "hurt", "stopped", "stop", "started", "start", "wants", "want", "know", "trust", "own", "hate", "hates", "use", "used", "rely", "spend", "spent",
                           # present forms that are never a noun after a noun ("the backlog keeps growing")
                           "keeps", "gets", "goes", "seems", "feels", "looks", "stays", "becomes", "tends", "remains",
                           "grows", "lags", "slips", "piles", "continues", "exists", "exist", "being", "works",
                           "fails", "matters", "sits", "stays", "waits", "don't", "doesn't", "didn't", "can't", "won't",
                           "isn't", "aren't", "wasn't", "weren't", "haven't", "hasn't", "dont", "doesnt", "cant",
                           "wont", "isnt", "arent"]),
    Language.NL: frozenset(["is", "zijn", "was", "waren", "heeft", "hebben", "had", "hadden", "gaat", "gaan", "ging", "gingen", "loopt", "lopen", "liep", "kost", "kosten", "zit", "zitten", "zat", "staat", "staan", "stond", "komt", "komen", "kwam", "doet", "doen", "deed", "snapt", "snappen", "weet", "weten", "wil", "willen", "kan", "kunnen", "moet", "moeten", "mag", "mogen", "wordt", "worden", "werd", "blijft", "blijven", "bleef", "valt", "vallen", "viel", "duurt", "duren", "duurde", "ligt", "liggen", "lag", "mist", "missen", "miste", "groeit", "groeien", "daalt", "dalen", "stijgt", "stijgen", "steeg", "haakt", "haken", "klaagt", "klagen", "werkt", "werken", "draait", "draaien", "hangt", "hangen", "krijgt", "krijgen", "kreeg", "vindt", "vinden", "vond", "zoekt", "zoeken", "gebruikt", "gebruiken", "maakt", "maken", "maakte", "neemt", "nemen", "nam", "houdt", "houden", "hield", "verliest", "verliezen",
                           # present forms notes use for what goes wrong ("de koppeling rammelt")
                           "rammelt", "hapert", "ontbreekt", "schiet", "stokt", "botst", "knelt", "kraakt", "faalt",
                           "lekt", "verschilt", "wisselt", "lukt", "klopt", "past", "telt", "kent", "vraagt", "eist",
                           "dreigt", "verdwijnt", "verloopt", "vertraagt", "stapelt", "sleept", "kampt", "worstelt",
                           "zucht", "piept", "loopt", "speelt", "wacht", "wachten", "komt", "raakt", "blijkt", "zakken",
                           "zakt", "verdwijnen", "ontbreken", "haperen", "verlopen", "stoppen", "stopt", "rammelen"]),
}
_STOP_AT = {Language.EN: frozenset({"because", "when", "so", "but", "which", "that", "who", "since", "while", "if",
                                     "after", "before", "until", "than", "nobody", "everyone", "everybody", "we",
                                     "they", "i", "you", "he", "she", "it", "there", "no", "nothing", "angry",
                                     "upset", "unhappy", "worried", "stuck", "broken", "slow", "late", "too", "not",
                                     "still", "always", "never", "mostly", "only", "just", "ancient", "old",
                                     "outdated", "chaotic", "messy", "manual", "sensitive", "unclear", "unused",
                                     "underused", "unspent", "missing", "overdue", "behind", "high", "low", "poor",
                                     "bad", "weak", "huge", "full", "empty", "tight", "stretched", "short",
                                     "understaffed", "about", "around", "roughly", "approximately", "nearly",
                                     "almost", "over", "under", "down", "up", "vs", "versus", "needs", "lacks"}),
            Language.NL: frozenset({"omdat", "als", "dus", "maar", "die", "dat", "wie", "sinds", "terwijl", "zodat",
                                     "waardoor", "na", "voor", "tot", "dan", "want", "niemand", "iedereen", "we",
                                     "wij", "ze", "zij", "ik", "je", "hij", "er", "niets", "boos", "blij", "bang",
                                     "kwaad", "ontevreden", "bezorgd", "te", "niet", "nog", "altijd", "nooit",
                                     "vooral", "alleen", "pas", "al", "traag", "kapot", "oud", "verouderd",
                                     "chaotisch", "rommelig", "handmatig", "gevoelig", "onduidelijk", "hoog", "laag",
                                     "slecht", "zwak", "groot", "vol", "leeg", "krap", "ongeveer", "circa", "bijna",
                                     "ruim", "achter", "achterstallig", "omhoog", "omlaag", "versus", "vs"})}
#: A number after one of these is a label ("group 5", "ward 12", "schaal 10"), not a count.
LABELS = frozenset({"group", "groep", "ward", "press", "pers", "line", "lijn", "level", "niveau", "band", "schaal",
                    "grade", "klas", "stage", "phase", "fase", "zone", "hal", "room", "kamer", "week", "day", "dag",
                    "page", "floor", "verdieping", "station", "versie", "version", "ronde", "round", "stap", "step",
                    "year", "jaar", "tier", "team", "lane", "gate", "dock", "bay", "unit", "ok", "no", "nr", "number",
                    "nummer", "cohort", "module", "sprint", "release", "q", "h", "bed", "bedden", "afdeling",
                    "locatie", "site", "plant", "shift", "ploeg", "cao", "salary", "salaris", "scale", "leerjaar",
                    "jr", "yr", "gr", "gen", "v", "pad", "belt", "stand", "runway", "pier", "berth", "spoor", "perron",
                    "kade", "pomp", "bus", "tram", "route", "terminal", "hangar", "ligplaats"})
_SEGMENT = re.compile(r"[,;:()\[\]–—]| - |\.\s")
_TOKEN = re.compile(r"[^\s]+")


def has_verb(text: str, lang: Language) -> bool:
    """A finite verb among the words (a clause, not a noun phrase)."""
    return any(t.lower().strip(".,;:!?") in _VERBS[lang] for t in text.split())


_EN_VERB = re.compile(r"(?i)\b(?:[a-z]{3,}ed|am|is|are|was|were|has|have|had|do|does|did|can|could|will|would|"
                      r"said|says|told|tells|showed|shows|knew|knows|went|goes|came|comes|made|makes|took|takes|"
                      r"gave|gives|got|gets|saw|sees|ran|runs|found|finds|thought|thinks|felt|feels|met|meets|"
                      r"grew|left|began|spent|brought|built|taught|wrote|spoke|laughed|joked|love[sd]?|like[sd]?|"
                      r"share[sd]?|support(?:s|ed)?|play(?:s|ed)?|live[sd]?|work(?:s|ed)?|want(?:s|ed)?)\b")
_NL_VERB = re.compile(r"(?i)\b(?:(?:[a-z]*)?ge[a-zà-ÿ]{2,}[dt]|is|zijn|was|waren|ben|bent|heeft|hebben|had|hadden|"
                      r"heb|hebt|kan|kon|wil|wilde|zal|zou|moet|moest|mag|gaat|ging|komt|kwam|doet|deed|zei|zegt|"
                      r"vertelde|vertelt|liet|laat|speelt|speelde|woont|woonde|werkt|werkte|houdt|hield|vond|vindt|"
                      r"kent|kende|weet|wist|deelt|deelde|lachte|lacht|zag|ziet|had|studeerde|studeert|fietst|"
                      r"fietste|loopt|liep|maakt|maakte|sprak|spreekt|noemde|noemt|bleek|blijkt|kwamen|zaten|zit|zat|begon|"
                      r"begonnen|startte|plant|plande|leidde|leidt|bouwde|bouwt|schreef|schrijft|won|wint|kookt|kookte|"
                      r"speelt|zingt|zong|rijdt|reed|traint|trainde)\b")


def has_any_verb(text: str, lang: Language) -> bool:
    """A finite verb or a participle anywhere, from a wider list than `has_verb` (which also ends a topic
    and so keeps to verbs that cannot be nouns): a moment that says what happened, not a row of nouns."""
    return has_verb(text, lang) or bool((_EN_VERB if lang is Language.EN else _NL_VERB).search(text))


def first_segment(text: str) -> str:
    return _SEGMENT.split(text, maxsplit=1)[0].strip()


def topic(text: str, lang: Language, *, article: bool = True) -> str | None:
    """The noun phrase a notes phrase is about, or None when none can be found safely.

    The subject before the first verb of the first clause, without numbers and at most five words:
    "changeovers on press 4 take 75 minutes" → "the changeovers on press 4"; "wachttijd ortho 14 weken" →
    "de wachttijd ortho"."""
    segment = first_segment(text)
    w = words(lang)
    out: list[str] = []
    tokens = _TOKEN.findall(segment)
    for at, token in enumerate(tokens):
        low = token.lower().strip(".,;:!?'’\"")
        after = tokens[at + 1].lower() if at + 1 < len(tokens) else ""
        if low in _VERBS[lang] and out and low in _NOUN_TOO and (not after or after in ("&", "and", "en", "+", "vs")):
            out.append(token.strip(",;:!?\"'’"))  # "bunker spend & ETAs": the spend is a noun here
            continue
        if low in _VERBS[lang] or low in _STOP_AT[lang] or _participle_after_noun(low, out, lang, after) \
                or (lang is Language.NL and out and low.endswith("eert") and len(low) > 6):  # "stagneert", "escaleert"
            break
        if re.fullmatch(r"['’]?\d0['’]?s?", token) and out and out[-1].lower() in ("jaren", "the", "early", "late", "mid"):
            out.append(token)  # "MS-kabels uit de jaren 70", "cables from the 70s": a decade, part of the name
            continue
        if any(ch.isdigit() for ch in token) and out and not re.fullmatch(r"\d+", token):
            break
        if re.fullmatch(r"\d+(?:[.,]\d+)?%?", token) and len(out) >= 1 and out[-1].lower() not in LABELS:
            break
        out.append(token.strip(",;:!?\"'’"))
        if len(out) >= 7:
            break
    while out and out[0].lower() in ("about", "around", "roughly", "approximately", "ongeveer", "circa", "bijna", "ruim",
                                     "almost", "nearly"):
        out.pop(0)  # "~30 leerkrachten" is about the teachers, never "de ongeveer"
    if out and out[0].lower() in ("u", "je", "jij", "you", "ik", "i", "we", "wij", "ze", "zij", "hij", "he", "she", "they"):
        return None  # "u wilt in 2027 …": a sentence about someone, never "de u wilt"
    if out and out[0].lower() in ("nobody", "niemand", "nothing", "niets", "not", "niet", *_WHEN_FIRST):
        return None  # "vrijdag 3 groepen dicht door tekort": an event, not something to have a point about
    if len(out) >= 2 and out[0].lower() in ("tekort", "gebrek", "shortage", "lack") and out[1].lower() not in (
            "aan", "van", "op", "of", "in"):
        out.insert(1, "aan" if lang is Language.NL else "of")  # "tekort monteurs" → "het tekort aan monteurs"
    if out and out[0].lower() in ("no", "geen") and len(out) > 1:
        out = out[1:]  # "no idempotency keys on the payout API" is about the idempotency keys
    while out and (out[-1].lower() in w.trailing or out[-1].lower() in w.function_words
                   or out[-1].lower() in ("all", "alles", "everywhere", "overal", "again", "weer")  # "rate parity all …"
                   or out[-1].lower() in _PREPOSITIONS
                   or (len(out) > 2 and out[-1].lower() in _HALF_PREPOSITIONS and out[-2].lower() in _PREPOSITIONS)):
        out.pop()  # (and "met betrekking", "in plaats", "with regard": a preposition cut in half)
    while out and out[0].lower() in ("the", "a", "an", "de", "het", "een", "our", "onze", "ons", "we", "wij", "any",
                                     "some", "all", "every", "each", "elke", "alle", "iedere", "enkele", "sommige"):
        out.pop(0)
    if len(out) > 6:
        cut = max((i for i, w in enumerate(out[:6]) if w.lower() in _PREPOSITIONS and i >= 2), default=6)
        out = out[:cut]
    if not out or not any(ch.isalpha() for ch in " ".join(out)):
        return None
    if len(out) > 1 and out[-1].lower() in ("out", "up", "off", "down", "back", "away", "more", "less", "meer", "minder"):
        return None  # "getting more out (of the existing grid)": cut where the phrase has not ended
    phrase = " ".join(out)
    if phrase[:1].isupper() and not any(c.isupper() for c in phrase[1:3]) and (
            phrase.split()[0].lower() in (w.function_words | w.determiners) or _sentence_capital(phrase.split()[0], lang)):
        phrase = phrase[:1].lower() + phrase[1:]  # "Shipment status lags …" → "the shipment status"
    if not article:
        return phrase
    return _with_article(phrase, lang)


_HALF_PREPOSITIONS = frozenset({"betrekking", "behulp", "plaats", "kader", "vergelijking", "regard", "respect",
                                "terms", "spite", "case", "order", "addition", "light"})
_WHEN_FIRST = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "gisteren", "vandaag",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
               "vorige", "afgelopen", "last",
               # an adverb of time first: a state of affairs, not a thing ("nu elke 5 jaar alles inspecteren")
               "nu", "now", "currently", "momenteel", "straks", "soon", "binnenkort", "altijd", "always", "sinds",
               "since", "vroeger", "eerst", "first")


def _sentence_capital(word: str, lang: Language) -> bool:
    """The capital of a line of notes on an ordinary word ("Shipment"), not on a name ("Kafka", "Utrecht")."""
    from afterword.core.lang.proper import proper_words
    from afterword.core.lang.spelling import words as dictionary

    low = word.lower()
    return word[1:].islower() and low.isalpha() and not dictionary(lang).unknown([low]) \
        and proper_words(lang).get(low) is None


def _participle_after_noun(low: str, before: list[str], lang: Language, after: str = "") -> bool:
    """"NIS2 clients asking for …", "juniors starting in January", "A321 turn scheduled at 35 minutes": an
    English -ing or -ed form after a noun starts what the subject does, so the topic ends before it (a noun in
    -ing after another word, "staff training", "route planning", is kept)."""
    if lang is not Language.EN or not before or not low.isalpha():
        return False
    if before[-1].lower() in ("the", "a", "an", "our", "their", "my", "your", "this", "that", "its"):
        return False  # "the set list", "a running total"
    if low in _IRREGULAR_PARTICIPLES:
        return True  # "rosters done by hand", "budget gone", "pad 2 closed"
    if len(low) < 5:
        return False
    prev = before[-1].lower().strip(".,;:!?")
    if low.endswith("ing") and low not in _ING_NOUNS:
        at_end = not after or after.strip(".,;:!?") in _PREPOSITIONS or after[:1].isdigit()  # "season starting"
        return (prev.endswith("s") and not prev.endswith("ss") and len(prev) > 2) or prev[:1].isdigit() or at_end
    if low.endswith("ed") and not low.endswith("eed"):
        return prev.isalnum() and prev not in ("the", "a", "an", "fully", "well", "newly", "badly", "poorly")
    return False


_IRREGULAR_PARTICIPLES = frozenset({"done", "gone", "left", "lost", "run", "built", "made", "kept", "sold", "cut",
                                    "hit", "shut", "set", "spent", "taken", "given", "written", "driven", "held"})


#: -ing words that are nouns after a plural ("reports training" is rare; "stores opening hours" is not).
_ING_NOUNS = frozenset({"training", "planning", "building", "onboarding", "testing", "pricing", "marketing", "funding",
                        "housing", "parking", "staffing", "scheduling", "reporting", "billing", "hiring", "learning",
                        "engineering", "ticketing", "shipping", "booking", "bookings", "meeting", "meetings", "opening",
                        "spending", "accounting", "processing", "routing", "monitoring", "tracking", "coaching",
                        "mentoring", "handling", "cleaning", "catering", "nursing", "teaching", "boarding", "feeding",
                        "fundraising", "recruiting", "packaging", "landing", "lending", "licensing", "logging"})


#: Words a verb list holds that are nouns at the end of a compound ("bunker spend", "cloud costs", "storage use").
_NOUN_TOO = frozenset({"spend", "cost", "costs", "use", "run", "runs", "plan", "plans", "build", "builds", "change",
                       "changes", "release", "releases", "review", "reviews", "test", "tests", "check", "checks"})


_PREPOSITIONS = frozenset({"via", "met", "op", "in", "bij", "van", "voor", "naar", "over", "on", "at", "of", "with",
                          "for", "from", "to", "by", "per", "zonder", "without", "like", "zoals", "aan", "uit", "tegen", "onder", "tussen"})
_DE_ENDINGS = ("ing", "heid", "teit", "tie", "sie", "nis", "ij", "erij", "schap", "ster", "tuur", "ie", "st", "de", "te")
_HET_ENDINGS = ("je", "huis", "ment", "isme", "um", "sel", "werk", "systeem", "proces", "team", "project", "beleid",
                "overleg", "gesprek", "plan", "model", "platform", "rooster", "budget", "contract", "programma",
                "onderzoek", "magazijn", "bedrijf", "probleem", "netwerk", "gebied", "traject", "gebouw", "beheer",
                "personeel", "verzuim", "rooster", "verloop", "onderwijs", "advies", "aanbod", "vervoer", "verkeer",
                "systeem", "thema", "risico", "verschil", "budget", "gesprek", "proces", "bestand", "verhaal",
                "tekort", "punt", "loket", "station", "overzicht", "dossier", "archief", "register", "document",
                "formulier", "protocol", "contact", "gemaal", "nummer", "spreekuur", "uur", "depot", "net", "museum")


def _with_article(phrase: str, lang: Language) -> str:
    first = phrase.split()[0]
    if re.search(r"\s\d+[a-z]?$", phrase) and phrase.split()[-2].lower() in LABELS:
        return phrase  # "groep 5", "ward 12": a name, no article
    if first[:1].isupper() and lang is Language.EN:
        last = phrase.split()[-1]
        if len(phrase.split()) >= 2 and last.islower() and not first.endswith(("'s", "’s")):
            return "the " + phrase  # "the NWO project deliverable": a name used as a modifier
        return phrase  # "Kafka", "SAP PM": a name needs no article
    if lang is Language.EN:
        if first.lower() in ("your", "my", "our", "their", "his", "her", "its", "the", "a", "an", "this", "that"):
            return phrase  # not "the your Portuguese range"
        second = phrase.split()[1].lower() if len(phrase.split()) > 1 else ""
        gerund = first.lower().endswith("ing") and second in _AFTER_GERUND  # "moving off …", "getting the …"
        return phrase if gerund else "the " + phrase  # not "the moving off spreadsheets"
    many = _many(phrase)
    if many != phrase:
        return many
    if len(phrase.split()) >= 2 and re.search(r"(?:gestuurd|gericht|matig|ig|isch|lijk|baar|eel|aal)$", first.lower()):
        return phrase  # "risicogestuurd onderhoud": "de risicogestuurd" would need the adjective inflected
    linked = _nl_genitive(phrase)
    if linked != phrase:
        return linked
    nouns = [w for w in phrase.split() if w.lower() not in _PREPOSITIONS]
    cut = next((i for i, w in enumerate(phrase.split()) if w.lower() in _PREPOSITIONS), len(phrase.split()))
    head = phrase.split()[max(0, cut - 1)].lower() if nouns else first.lower()  # "centraal beheer": beheer
    inflected = _NL_ADJECTIVES.get(first.lower()) if len(phrase.split()) >= 2 and cut >= 2 else None
    if inflected is not None:
        phrase = inflected + phrase[len(first):]  # "nieuw clubhuis" → "het nieuwe clubhuis", not "de nieuw"
    if (head.endswith(_HET_ENDINGS) and not head.endswith("verhuis")) or head in _HET_ACRONYMS:
        return "het " + phrase
    return "de " + phrase


#: Nouns notes put straight before what they are of, with the word Dutch puts between ("tekort monteurs": "aan").
_NL_LINK_WORD = {"tekort": "aan", "gebrek": "aan", "behoefte": "aan", "vraag": "naar", "zoektocht": "naar",
                 "wachtlijst": "voor", "wachtrij": "voor", "wachttijd": "voor", "budget": "voor", "plan": "voor"}


_NL_CONJUNCTIONS = frozenset({"omdat", "doordat", "zodat", "terwijl", "hoewel", "wanneer", "nadat", "voordat", "sinds",
                              "indien", "mits", "tenzij", "zodra", "totdat", "waardoor", "waarbij", "dus", "maar", "want",
                              "toen", "als", "dat", "welke", "hoeveel", "waarom", "waar", "wie", "wat", "hoe", "ook",
                              "nog", "niet", "niemand", "iedereen", "alles", "iets", "niets", "steeds", "vaak", "soms"})


def _many(phrase: str) -> str:
    """"veel oudere huurders", named after "over": "de vele oudere huurders" (a plural only; "veel werk" stays);
    "steeds meer mondelinge uitspraken": "het groeiende aantal mondelinge uitspraken"."""
    growing = re.match(r"(?i)^(?:de\s+|het\s+)?steeds\s+meer\s+(\S.*)$", phrase)
    if growing and growing.group(1).split()[-1].endswith(("en", "ers", "s")):
        return f"het groeiende aantal {growing.group(1)}"
    toks = phrase.split()
    if len(toks) >= 2 and toks[0].lower() == "veel" and toks[-1].isalpha() and toks[-1].endswith(("en", "ers")) \
            and all(t.isalpha() and t.islower() for t in toks[1:]) and len(toks) <= 3:
        return "de vele " + " ".join(toks[1:])
    return phrase


def _nl_genitive(phrase: str) -> str:
    """"achterstand kantonvonnissen" → "de achterstand van kantonvonnissen", "verloop jonge griffiers naar …" →
    "het verloop van jonge griffiers naar …": two nouns typed side by side get the article and the word between."""
    toks = phrase.split()
    if len(toks) < 2 or not all(t.isalpha() or "-" in t for t in toks[:3]) or not toks[0].islower():
        return phrase
    head = toks[0].lower()
    if head in _PREPOSITIONS or head in NUMBER_WORDS["nl"] or head in (
            "de", "het", "veel", "weinig", "meer", "minder", "geen", "alle", "elke", "paar", "helft", "deel", "aantal",
            "rest") \
            or head.endswith(("en", "e", "ig", "isch", "lijk", "baar")) or has_any_verb(head, Language.NL):
        return phrase  # a plural, an adjective or a verb first: not "the X of Y"
    if head in _NL_CONJUNCTIONS or len(head) < 4:
        return phrase  # "omdat de tekeningen …": a clause, not a noun
    k = 1
    if len(toks) > 2 and toks[1].endswith("e") and len(toks[1]) >= 4 and toks[1].isalpha() and toks[1].islower() \
            and toks[1] not in ("deze", "elke", "iedere", "welke", "zulke", "onze", "jouwe"):
        k = 2  # "verloop jonge griffiers": an adjective before the second noun
    second = toks[k]
    if len(second) < 6 or not second.islower() or not second.endswith(("en", "ers", "els", "eurs", "'s", "ems", "ums")) \
            or head in _NL_ADJECTIVES \
            or has_any_verb(second, Language.NL) or second in _PREPOSITIONS:
        return phrase  # the second word is no plural noun: "de planning" of something else, or a verb
    article = _with_article(head, Language.NL).split(" ")[0]
    link = _NL_LINK_WORD.get(head, "van")
    return f"{article} {toks[0]} {link} {' '.join(toks[1:])}"


#: Dutch adjectives notes type bare before a noun, with the form they take after "de"/"het".
_NL_ADJECTIVES = {"nieuw": "nieuwe", "oud": "oude", "groot": "grote", "klein": "kleine", "hoog": "hoge", "laag": "lage",
                  "lang": "lange", "kort": "korte", "vast": "vaste", "breed": "brede", "zwaar": "zware",
                  "centraal": "centrale", "digitaal": "digitale", "regionaal": "regionale", "landelijk": "landelijke",
                  "extern": "externe", "intern": "interne", "huidig": "huidige", "vorig": "vorige", "volgend": "volgende",
                  "gezamenlijk": "gezamenlijke", "dubbel": "dubbele", "tijdelijk": "tijdelijke", "jaarlijks":
                  "jaarlijkse", "wekelijks": "wekelijkse", "eerst": "eerste", "laatst": "laatste", "slim": "slimme",
                  "snel": "snelle", "traag": "trage", "duur": "dure", "goedkoop": "goedkope", "open": "open"}
def without_article(phrase: str) -> str:
    """"het nieuwe clubhuis" → "nieuw clubhuis", "de nieuwe regels" → "nieuwe regels", "the backlog" → "backlog": a
    topic as a headline."""
    first, _, rest = phrase.partition(" ")
    if first not in ("the", "de", "het") or not rest:
        return phrase
    adjective, _, noun = rest.partition(" ")
    plain = _NL_PLAIN.get(adjective) if first == "het" and noun else None  # (a de-word keeps it: "Nieuwe regels")
    return f"{plain} {noun}" if plain else rest


#: Abbreviations of het-words that notes use ("het ECD": het elektronisch cliëntendossier).
_NL_PLAIN = {v: k for k, v in _NL_ADJECTIVES.items() if k != v}
_HET_ACRONYMS = frozenset({"ecd", "epd", "mt", "ot", "wms", "erp", "crm", "dms", "kms", "hms", "tms", "lms", "pms", "mes",
                           "gis", "bi", "ov", "mbo", "hbo", "vwo", "cbs", "rijk"})


_AFTER_GERUND = frozenset({"off", "on", "to", "the", "a", "an", "from", "away", "our", "my", "their", "up", "out", "down",
                           "back", "over", "into", "more", "less", "people", "members", "staff", "teams"})


_TOPIC_ENDS = frozenset({"and", "or", "but", "the", "a", "an", "of", "to", "en", "maar", "de", "het", "een",
                         "van", "te", "om", "out", "up", "off", "in", "on", "orde", "gang", "af", "uit", "op", "aan",
                         "mee", "door", "weg", "terug"})


def good_theme(phrase: str, lang: Language) -> bool:
    """A theme that can follow "our conversation about": a noun phrase or a clause written whole, not a
    fragment ending on a particle or an infinitive ("getting more out", "achterstand wegwerken")."""
    toks = phrase.split()
    if not toks or "/" in phrase:
        return False
    from afterword.compose.pieces import theme_shape

    first = toks[0].lower()
    if theme_shape(phrase, lang) != "np" or first in words(lang).wh_words or (
            lang is Language.EN and first.endswith("ing")):
        return True  # a question, "how to …", "getting learners to …": read whole
    last = toks[-1].lower().strip(".,;:!?")
    if last in _TOPIC_ENDS:
        return False
    if has_verb(first_segment(phrase), lang):
        return False  # "OK-bezetting blijft hangen op 78%": a statement, not something to talk about
    if lang is Language.NL and len(toks) >= 2 and last.endswith("en") and last in _INFINITIVE_HINTS:
        return False
    return not (lang is Language.NL and len(toks) >= 2 and re.search(r"(?:^|\s)(?:brengen|krijgen|maken|wegwerken|zetten|" r"houden|doen|halen|gaan|komen)$", phrase.lower()))


_INFINITIVE_HINTS = frozenset({"brengen", "krijgen", "maken", "wegwerken", "zetten", "houden", "doen", "halen", "gaan",
                               "komen", "verbeteren", "verlagen", "verhogen", "terugdringen", "oplossen", "opzetten",
                               "inrichten", "invoeren", "voorspellen", "organiseren", "verminderen", "vergroten"})


def good_topic(phrase: str, lang: Language) -> bool:
    """A topic that can follow "your point about": two to seven words (with its article), ending on a word
    that can end a noun phrase ("the recon batch"; not "the model", "the school needs more research and")."""
    toks = phrase.split()
    if not 2 <= len(toks) <= 7 or (len(toks) < 3 and toks[0].lower() in ("the", "de", "het") and len(toks[1]) < 6):
        return False
    last = toks[-1].lower().strip(".,;:!?")
    return last not in _TOPIC_ENDS and last not in _STOP_AT[lang] and last not in _VERBS[lang]


def quotable(text: str, lang: Language) -> bool:
    """A notes phrase that reads well quoted to the person: a question, a sentence written as one (a capital or
    a determiner first), or a short noun phrase. A lower-case clause typed as notes ("recon batch is one giant
    cron") or a row of fragments is not; the draft names what it is about instead."""
    from afterword.compose.pieces import theme_shape

    text = " ".join(text.split())
    if not text or len(text.split()) > 22 or text.count(",") + text.count(";") > 1:
        return False
    if theme_shape(text, lang) in ("question", "clause") or text.split()[0].lower() in words(lang).wh_words:
        return True  # "how to get clinicians to use the new EPR": a wh-clause reads whole
    first = text.split()[0]
    if first[:1].isdigit() or first[:1] in "£€$~":
        return False  # "3 BESS projects in AESO queue": a figure first is a line of notes
    if first[:1].isupper() and not first[1:].islower() and len(first) > 1 and "," in text \
            and not has_verb(text, lang):
        return False  # "PhD completions slow, about 5.2 years average": an acronym first is no sentence capital
    if first[:1].isupper() or first.lower() in words(lang).determiners:
        return True
    return not has_verb(text, lang) and len(text.split()) <= 12
