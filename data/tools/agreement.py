#!/usr/bin/env python3
"""Agreement between the writers' labels and a blind second pass, per label and overall.

Usage: python data/tools/agreement.py data/annotation/labels.jsonl

Each row of the annotation file has `id`, `first` (the writer's label), `second` (the blind
annotator's label) and `final` (after adjudication). Prints percent agreement and Cohen's
kappa between the two passes, and how often the final label sided with each.
"""

from __future__ import annotations

import collections
import json
import sys

from sklearn.metrics import cohen_kappa_score


def main() -> None:
    rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    first = [r["first"] for r in rows]
    second = [r["second"] for r in rows]
    agree = sum(a == b for a, b in zip(first, second))
    print(
        f"sentences: {len(rows)}; agreement {agree / len(rows):.1%}; "
        f"Cohen's kappa {cohen_kappa_score(first, second):.3f}"
    )
    pairs = collections.Counter((a, b) for a, b in zip(first, second) if a != b)
    print("most frequent disagreements (first -> second):")
    for (a, b), n in pairs.most_common(10):
        print(f"  {a:16s} -> {b:16s} {n}")
    disputed = [r for r in rows if r["first"] != r["second"]]
    kept = sum(r["final"] == r["first"] for r in disputed)
    took = sum(r["final"] == r["second"] for r in disputed)
    print(
        f"adjudicated: {len(disputed)}; final = first {kept}, = second {took}, "
        f"other {len(disputed) - kept - took}"
    )


if __name__ == "__main__":
    main()
