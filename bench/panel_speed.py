"""Big panels: composing and checking grows with the panel (issue 14, point 4).

Run: .venv/bin/python bench/panel_speed.py [SIZES…]   (default 5 50 200)
Builds interviews of N people from examples/northwind-panel.toml (its five contacts, needs, strengths,
moments and questions repeated under new ids and names, so each person raises their own need and each
need has its strength), then times in-process, warm (CPU time, medians, sizes alternating): `compose` of every draft and `check_drafts` of
them, and prints milliseconds per contact. Target: per-contact time at 50 within 1.5x of that at 5, and
a 1,000-person interview (`1000` as a size) drafted in under 10 s.
"""

from __future__ import annotations

import dataclasses
import statistics
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


def measure(base: Interview, sizes: list[int], runs: int = 3) -> dict[int, float]:
    """CPU milliseconds per contact of compose + check_drafts at each size, warm, the median of `runs` (one run
    above 200 people); the sizes alternate run by run, so every size sees the same machine."""
    from afterword.compose import reading

    compose(base)  # templates, word lists and language data loaded once
    panels = {size: panel(base, size) for size in sizes}
    times: dict[int, list[tuple[float, float, int]]] = {size: [] for size in sizes}
    for run in range(runs):
        for size in sizes:
            if run and size > 200:
                continue
            interview = panel(base, size) if run else panels[size]  # a new object: no identity cache carries over
            reading._LAST.clear()  # the notes are read afresh, as in one `draft` process
            started = time.process_time()
            drafts = compose(interview)
            composed = time.process_time()
            check_drafts(interview, drafts)
            done = time.process_time()
            times[size].append((composed - started, done - composed, len(drafts)))
    per: dict[int, float] = {}
    for size in sizes:
        compose_s = statistics.median(t[0] for t in times[size])
        check_s = statistics.median(t[1] for t in times[size])
        per[size] = (compose_s + check_s) * 1000 / size
        print(f"{size:5d} people: {times[size][0][2]:5d} drafts, compose {1000 * compose_s:8.0f} ms, "
              f"check {1000 * check_s:8.0f} ms cpu, {per[size]:6.1f} ms per contact "
              f"(median of {len(times[size])})")
    return per


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [5, 50, 200]
    base = load_notes(ROOT / "examples" / "northwind-panel.toml")
    per = measure(base, sizes)
    if 5 in per and 50 in per:
        print(f"per contact at 50 / at 5 = {per[50] / per[5]:.2f}x (target <= 1.5)")
    if 1000 in per:
        print(f"1,000 people: {per[1000] * 1000 / 1000:.1f} s cpu in all (target < 10 s)")


if __name__ == "__main__":
    main()
