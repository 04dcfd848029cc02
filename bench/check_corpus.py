"""Write the fixed corpus that pins the checker's findings (tests/check/test_fixed_corpus.py).

Run: .venv/bin/python bench/check_corpus.py [OUT]   (default tests/data/check-corpus/findings.json)
Makes 400 English drafts for examples/northwind-panel.toml (as bench/check_batch.py makes them) and 200
Dutch ones for examples/rijnland-gesprek.toml (the Dutch example drafts and tests/data/drafts/nl, with
paragraphs shuffled, stock phrases and a sentence of their own added), checks each set with
`check_drafts` (so `duplicate` too), and writes the drafts with their findings. Run it with the code
whose findings are to be kept (e.g. PYTHONPATH=/path/to/old/checkout/src); the test then expects the same
from later code.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from check_batch import make_drafts  # noqa: E402

NL_EXTRAS = ["Bedankt voor uw tijd.", "Ik hoor graag van u.", "Wanneer kan ik iets verwachten?",
             "Ik ben de beste kandidaat die u kunt vinden!!", "Ik heb de kosten met 35 procent verlaagd.",
             "Laat u het mij uiterlijk vrijdag weten?", "Het was fijn u te ontmoeten.", "Ik ben benieuwd hoe jullie dat aanpakken."]
NL_DETAILS = ["Ik heb mijn aantekeningen van {day} {n} keer herlezen.", "De samenvatting van {n} pagina's is klaar.",
              "Op {day} schetste ik {n} ideeën voor het formulier."]
NL_DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"]


def dutch_drafts(count: int, seed: int = 9) -> list[dict[str, object]]:
    import subprocess

    from afterword.core.draftfile import parse_draft_text
    from afterword.core.model import Channel

    rng = random.Random(seed)
    notes = ROOT / "examples" / "rijnland-gesprek.toml"
    drafted = subprocess.run([sys.executable, "-m", "afterword.cli.main", "draft", str(notes), "--json", "--now",
                              "2026-11-27T19:30:00+00:00"], capture_output=True, text=True, check=True)
    starts = [(d["channel"], d.get("subject"), d["body"]) for d in json.loads(drafted.stdout)["drafts"]]
    for path in sorted((ROOT / "tests" / "data" / "drafts" / "nl").glob("*.txt")):
        channel = Channel.LINKEDIN if "linkedin" in path.name else Channel.X if "-x-" in path.name else Channel.EMAIL
        subject, body = parse_draft_text(path.read_text("utf-8"), channel)
        starts.append((str(channel), subject, body))
    contacts = sorted({str(d["contact"]) for d in json.loads(drafted.stdout)["drafts"]})
    out: list[dict[str, object]] = []
    for index in range(count):
        channel, subject, body = starts[rng.randrange(len(starts))]
        paragraphs = body.split("\n\n")
        if len(paragraphs) > 2:
            middle = paragraphs[1:-1]
            rng.shuffle(middle)
            if rng.random() < 0.6:
                middle.append(" ".join(rng.sample(NL_EXTRAS, rng.randint(1, 3))))
            paragraphs = [paragraphs[0], *middle, paragraphs[-1]]
        paragraphs.insert(max(1, len(paragraphs) - 1),
                          rng.choice(NL_DETAILS).format(n=rng.randint(2, 99), day=rng.choice(NL_DAYS)))
        out.append({"contact": contacts[index % len(contacts)], "channel": channel, "subject": subject,
                    "body": "\n\n".join(paragraphs)})
    return out


def findings_of(notes: Path, drafts: list[dict[str, object]]) -> list[list[list[object]]]:
    from afterword.check.engine import check_drafts
    from afterword.core.model import Channel, Draft
    from afterword.core.notes import load_notes

    interview = load_notes(notes)
    items = []
    for d in drafts:
        contact = interview.contact(str(d["contact"]))
        items.append(Draft(contact.id, Channel(str(d["channel"])), interview.language_of(contact), str(d["body"]),
                           d["subject"] if isinstance(d["subject"], str) else None))
    return [[[f.code, str(f.severity), f.start, f.end, f.in_subject, f.message_in("en"), f.message_in("nl")]
             for f in found] for found in check_drafts(interview, items)]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "data" / "check-corpus" / "findings.json"
    sets = []
    for notes, drafts in ((ROOT / "examples" / "northwind-panel.toml", make_drafts(400, seed=23)),
                          (ROOT / "examples" / "rijnland-gesprek.toml", dutch_drafts(200))):
        for d in drafts:
            if d["channel"] != "email":
                d["subject"] = None
        sets.append({"notes": str(notes.relative_to(ROOT)), "drafts": drafts, "findings": findings_of(notes, drafts)})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"sets": sets}, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"wrote {out}: {sum(len(s['drafts']) for s in sets)} drafts, "
          f"{sum(len(f) for s in sets for f in s['findings'])} findings", file=sys.stderr)


if __name__ == "__main__":
    main()
