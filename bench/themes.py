"""How well feedback themes are recognised: precision and recall per theme on a labeled set.

    python -m bench.themes [--show-misses]

Two sets, both written for onward, each line ``{"id", "text", "themes": [...]}``
in the many ways recruiters phrase feedback, including negations ("it wasn't
your skills"), praise, several themes in one sentence, and reasons outside the
candidate's control:

- ``feedback_sentences.jsonl`` (172): the patterns were tuned on it, so its
  figures are optimistic;
- ``feedback_heldout.jsonl`` (44): written after the tuning and never tuned
  against; its figures are the honest ones. When you improve the patterns, add
  new held-out sentences before you look at the misses.

It is a benchmark, not a test: it reports figures for people to read and improve.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from onward.domain.themes import detect, taxonomy

DATA = Path(__file__).parent / "data"
SETS = (("tuned on", "feedback_sentences.jsonl"), ("held out", "feedback_heldout.jsonl"))


def main(argv: list[str]) -> int:
    for title, name in SETS:
        rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        print(f"== {name} ({title}) ==")
        report(rows, show_misses="--show-misses" in argv)
        print()
    return 0


def report(rows: list[dict[str, object]], *, show_misses: bool) -> None:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses = []
    for row in rows:
        expected = set(row["themes"])  # type: ignore[call-overload]
        got = set(detect(str(row["text"])).themes)
        for theme in got & expected:
            tp[theme] += 1
        for theme in got - expected:
            fp[theme] += 1
        for theme in expected - got:
            fn[theme] += 1
        if got != expected:
            misses.append((row["id"], sorted(expected), sorted(got), row["text"]))
    print(f"{len(rows)} labeled sentences, {sum(len(r['themes']) for r in rows)} theme labels\n")  # type: ignore[arg-type]
    print(f"{'theme':<20} {'precision':>9} {'recall':>7} {'labels':>7}")
    for theme in [t.id for t in taxonomy()]:
        p = tp[theme] / (tp[theme] + fp[theme]) if tp[theme] + fp[theme] else 1.0
        r = tp[theme] / (tp[theme] + fn[theme]) if tp[theme] + fn[theme] else 1.0
        print(f"{theme:<20} {p:>9.2f} {r:>7.2f} {tp[theme] + fn[theme]:>7}")
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro_p = total_tp / (total_tp + total_fp) if total_tp + total_fp else 1.0
    micro_r = total_tp / (total_tp + total_fn) if total_tp + total_fn else 1.0
    exact = len(rows) - len(misses)
    print(f"\n{'all (micro)':<20} {micro_p:>9.2f} {micro_r:>7.2f}")
    print(f"sentences with exactly the labeled themes: {exact}/{len(rows)} ({exact / len(rows):.0%})")
    if show_misses:
        print()
        for row_id, expected, got, text in misses:
            print(f"{row_id} expected {expected} got {got}: {text}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
