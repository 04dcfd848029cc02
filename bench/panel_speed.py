"""Big panels: composing and checking grows with the panel (issue 14, point 4).

Run: .venv/bin/python bench/panel_speed.py [SIZES…]   (default 5 50 200)
Builds interviews of N people from examples/northwind-panel.toml (its five contacts, needs, strengths,
moments and questions repeated under new ids and names, so each person raises their own need and each
need has its strength), then times in-process, warm: `compose` of every draft and `check_drafts` of
them, and prints milliseconds per contact. Target: per-contact time at 50 within 1.5x of that at 5, and
a 1,000-person interview (`1000` as a size) drafted in under 10 s.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

from afterword.check import check_drafts
from afterword.compose import compose
from afterword.core.model import Interview
from afterword.core.notes import load_notes

ROOT = Path(__file__).resolve().parent.parent
GIVEN = ["Anna", "Bram", "Chloé", "Dirk", "Eva", "Femke", "Gert", "Hugo", "Iris", "Joost", "Kim", "Lotte", "Maarten",
         "Noor", "Olaf", "Pien", "Quinten", "Roos", "Sander", "Tess", "Umar", "Vera", "Wout", "Xander", "Yara", "Zoë"]
FAMILY = ["Smit", "Bakker", "Visser", "Mulder", "Bos", "Dekker", "Brouwer", "Vos", "Peters", "Hendriks", "Dijkstra",
          "Kok", "Jacobs", "Willems", "Schouten", "Vermeulen", "Kuipers", "Veenstra", "Prins", "Huisman", "Koster"]


def panel(base: Interview, size: int) -> Interview:
    """`base` grown to `size` people: copy k of contact c is `c_k` with a name of its own."""
    contacts, needs, strengths, moments, questions = [], [], [], [], []
    copies = -(-size // len(base.contacts))
    for k in range(copies):
        def new(cid: str, k: int = k) -> str:
            return cid if k == 0 else f"{cid}_{k}"

        for i, c in enumerate(base.contacts):
            if len(contacts) == size:
                break
            n = k * len(base.contacts) + i
            name = c.name if k == 0 else f"{GIVEN[n % len(GIVEN)]} {FAMILY[(n // len(GIVEN)) % len(FAMILY)]}"
            def address(value: str | None, k: int = k, n: int = n) -> str | None:
                if value is None or k == 0:
                    return value
                return value.replace("@", f"{n}@", 1) if "@" in value else f"{value}{n}"
            contacts.append(dataclasses.replace(c, id=new(c.id), name=name, email=address(c.email),
                                                linkedin=address(c.linkedin), x=address(c.x)))
        kept = {c.id for c in contacts}
        needs += [dataclasses.replace(nd, id=new(nd.id), raised_by=tuple(new(r) for r in nd.raised_by
                                                                         if new(r) in kept)) for nd in base.needs]
        strengths += [dataclasses.replace(s, answers=tuple(new(a) for a in s.answers)) for s in base.strengths]
        moments += [dataclasses.replace(m, with_=tuple(new(w) for w in m.with_ if new(w) in kept)) for m in base.moments]
        questions += [dataclasses.replace(q, for_=tuple(new(f) for f in q.for_ if new(f) in kept))
                      for q in base.questions]
    return dataclasses.replace(base, contacts=tuple(contacts), needs=tuple(needs), strengths=tuple(strengths),
                               moments=tuple(moments), questions=tuple(questions))


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [5, 50, 200]
    base = load_notes(ROOT / "examples" / "northwind-panel.toml")
    compose(base)  # templates, word lists and language data loaded once
    per: dict[int, float] = {}
    for size in sizes:
        interview = panel(base, size)
        runs = 3 if size <= 50 else 1
        best = float("inf")
        for _ in range(runs):
            from afterword.compose import reading

            reading._LAST.clear()  # the notes are read afresh, as in one `draft` process
            started = time.perf_counter()
            drafts = compose(interview)
            composed = time.perf_counter()
            check_drafts(interview, drafts)
            done = time.perf_counter()
            best = min(best, done - started)
        per[size] = best * 1000 / size
        print(f"{size:5d} people: {len(drafts):5d} drafts, compose {1000 * (composed - started):8.0f} ms, "
              f"check {1000 * (done - composed):8.0f} ms, {per[size]:6.1f} ms per contact (best of {runs})")
    if 5 in per and 50 in per:
        print(f"per contact at 50 / at 5 = {per[50] / per[5]:.2f}x (target <= 1.5)")


if __name__ == "__main__":
    main()
