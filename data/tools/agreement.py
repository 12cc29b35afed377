#!/usr/bin/env python3
"""Agreement between the labelling passes of the corpus, and how adjudication went.

Usage: python data/tools/agreement.py data/annotation/labels.jsonl

Each row of the annotation file has `id`, `first` (the writer's label), `second` (a blind
annotator's label), `first_round` (adjudicated from those two), `third` (a later blind pass
over the first two waves; null for the third wave) and `final` (adjudicated from
`first_round` and `third`). Prints
percent agreement and Cohen's kappa for each pair of passes, and how often adjudication
sided with each.
"""

from __future__ import annotations

import collections
import json
import sys

from sklearn.metrics import cohen_kappa_score


def compare(rows: list[dict], a: str, b: str, decided: str) -> None:
    """Agreement of passes ``a`` and ``b``, their top disagreements, and the ``decided`` label."""
    rows = [r for r in rows if r.get(a) and r.get(b)]
    first = [r[a] for r in rows]
    second = [r[b] for r in rows]
    agree = sum(x == y for x, y in zip(first, second))
    print(
        f"{a} vs {b}: {len(rows)} sentences; agreement {agree / len(rows):.1%}; "
        f"Cohen's kappa {cohen_kappa_score(first, second):.3f}"
    )
    pairs = collections.Counter((x, y) for x, y in zip(first, second) if x != y)
    print(f"  most frequent disagreements ({a} -> {b}):")
    for (x, y), n in pairs.most_common(8):
        print(f"    {x:16s} -> {y:16s} {n}")
    disputed = [r for r in rows if r[a] != r[b]]
    kept = sum(r[decided] == r[a] for r in disputed)
    took = sum(r[decided] == r[b] for r in disputed)
    print(
        f"  adjudicated: {len(disputed)}; {decided} = {a} {kept}, = {b} {took}, "
        f"other {len(disputed) - kept - took}"
    )


def main() -> None:
    rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    compare(rows, "first", "second", "first_round")
    compare(rows, "first_round", "third", "final")


if __name__ == "__main__":
    main()
