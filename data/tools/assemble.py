#!/usr/bin/env python3
"""Assemble written articles into data/articles/*.txt and data/sentences.jsonl.

Input: folders of hand-written article files, one per article, in this layout:

    # setting: War in Ukraine (2014-2024)
    # source_type: wire
    label<TAB>sentence[<TAB>hard-case tag]
    (a blank line between paragraphs)

Sentences of a paragraph are joined by one space, paragraphs by a blank line; each row of
sentences.jsonl records the character span of its sentence in the article. This script only
formats and checks what was written; it writes no text of its own.

Usage: python data/tools/assemble.py SRC_DIR [SRC_DIR ...] [--out data]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

LABELS = ("casualty_figure", "rumor", "policy", "statement", "other")


def parse(path: Path) -> tuple[dict, list[list[tuple[str, str, str | None]]]]:
    meta: dict[str, str] = {}
    paragraphs: list[list[tuple[str, str, str | None]]] = []
    current: list[tuple[str, str, str | None]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# "):
            key, _, value = line[2:].partition(":")
            meta[key.strip()] = value.strip()
        elif not line.strip():
            if current:
                paragraphs.append(current)
            current = []
        else:
            fields = line.split("\t")
            if len(fields) not in (2, 3) or fields[0] not in LABELS or not fields[1].strip():
                sys.exit(f"{path}, line {number}: expected LABEL<TAB>SENTENCE[<TAB>TAG]")
            current.append((fields[0], fields[1].strip(), fields[2] if len(fields) == 3 else None))
    if current:
        paragraphs.append(current)
    return meta, paragraphs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1])
    args = ap.parse_args()
    articles = args.out / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    rows = []
    for path in sorted(p for src in args.sources for p in src.glob("*.txt")):
        meta, paragraphs = parse(path)
        article_id = path.stem
        text, position = "", 0
        for p_index, paragraph in enumerate(paragraphs):
            if p_index:
                text += "\n\n"
            for s_index, (label, sentence, tag) in enumerate(paragraph):
                if s_index:
                    text += " "
                start = len(text)
                text += sentence
                row = {
                    "id": f"{article_id}-{position:03d}",
                    "article_id": article_id,
                    "position": position,
                    "start": start,
                    "end": len(text),
                    "text": sentence,
                    "label": label,
                    "setting": meta["setting"],
                    "source_type": meta["source_type"],
                }
                if tag:
                    row["hard_case"] = tag
                rows.append(row)
                position += 1
        (articles / f"{article_id}.txt").write_text(text + "\n", encoding="utf-8")
    with open(args.out / "sentences.jsonl", "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences from {len({r['article_id'] for r in rows})} articles")


if __name__ == "__main__":
    main()
