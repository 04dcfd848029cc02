"""Drafts for a folder of notes, written out for reading, with the counts that matter for real notes.

    python bench/corpus_report.py tests/data/real-notes/tuning [--out /tmp/drafts-tuning.txt]

Prints per folder: emails, shorthand leaks (the notes-shorthand pattern in any draft), sentences shared by
two emails of one interview (signature aside), repeated subjects, checker findings by code."""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from afterword.check import check_drafts
from afterword.compose import compose
from afterword.compose.person import company_in_sentence
from afterword.core.model import Channel
from afterword.core.notes import load_notes

LEAK = re.compile(r"\b(lol|haha|wk|wkn|wks|mnd|mths|yr|yrs|evt|lkr|approx|probs|w/o?|incl|pw|dgn|vd|mbt|ivm|ca)\b"
                  r"|->|~\d| & | \+ ", re.I)
SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def report(folder: Path, out: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in sorted(folder.glob("*.toml")):
        interview = load_notes(path)
        drafts = compose(interview)
        findings = check_drafts(interview, drafts)
        out.append(f"\n######## {path.name}\n")
        seen_sentences: Counter[str] = Counter()
        subjects: Counter[str] = Counter()
        for draft, found in zip(drafts, findings, strict=True):
            counts["drafts"] += 1
            body = draft.body
            sig_from = body.rfind("\n\n")
            core = body[:sig_from] if draft.channel is Channel.EMAIL and sig_from > 0 else body
            # The organisation's own name may hold "&" ("Harrow & Finch"): that is not notes-speak.
            own = core.replace(interview.company, " ").replace(interview.role, " ")
            own = own.replace(company_in_sentence(interview.company, draft.language), " ")  # "… Ltd" left out
            leaks = [m.group() for m in LEAK.finditer(own)]
            counts["leaks"] += len(leaks)
            if draft.channel is Channel.EMAIL:
                counts["emails"] += 1
                subjects[draft.subject or ""] += 1
                for s in {s.strip() for s in SENTENCE.findall(core) if len(s.split()) >= 5}:
                    seen_sentences[s] += 1
            out.append(f"--- {draft.contact} · {draft.channel} · {draft.language}"
                       + (f"\nSubject: {draft.subject}" if draft.subject else "") + f"\n{body}")
            for f in found:
                counts[f"finding:{f.code}"] += 1
                out.append(f"  [{f.severity}] {f.code}: {f.message}")
            if leaks:
                out.append(f"  LEAKS: {leaks}")
        counts["shared-sentences"] += sum(n - 1 for n in seen_sentences.values() if n > 1)
        out.extend(f"  SHARED x{n}: {s}" for s, n in seen_sentences.items() if n > 1)
        counts["repeated-subjects"] += sum(n - 1 for n in subjects.values() if n > 1)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out: list[str] = []
    for folder in args.folders:
        counts = report(folder, out)
        print(folder, " ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    if args.out:
        args.out.write_text("\n".join(out), encoding="utf-8")
    elif not sys.stdout.isatty():
        pass


if __name__ == "__main__":
    main()
