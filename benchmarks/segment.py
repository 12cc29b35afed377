"""Benchmark newstag's sentence splitter against pysbd.

Run as ``python benchmarks/segment.py``. It prints

(a) the score of both splitters on the named cases of
    ``tests/segment_cases.py`` ("newstag: X/N, pysbd: Y/N") and the names of
    the cases each one fails;
(b) sentences per second of both on news-like text (the ``*.txt`` files of
    ``data/articles`` when that folder exists, else documents built from the
    case texts) and the speed ratio;
(c) newstag's time on three pathological inputs (a 1 MB paragraph without
    punctuation, 100,000 dots, 100,000 quote characters);
(d) when ``data/sentences.jsonl`` exists (hand-cut sentence spans of the
    articles in ``data/articles``), span precision/recall/F1 of both.

``compare_with_pysbd(texts)`` is importable by other benchmarks.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from newstag.segment import split_spans

ROOT = Path(__file__).resolve().parents[1]
CASES_PATH = ROOT / "tests" / "segment_cases.py"
ARTICLES_DIR = ROOT / "data" / "articles"
GOLD_SPANS = ROOT / "data" / "sentences.jsonl"


Splitter = Callable[[str], list[str]]


def load_cases(path: Path = CASES_PATH) -> list[tuple[str, str, list[str]]]:
    """Load the shared ``(name, text, expected)`` case table."""
    spec = importlib.util.spec_from_file_location("newstag_segment_cases", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.CASES)


def newstag_sentences(text: str) -> list[str]:
    """Sentences of ``text`` according to newstag."""
    return [text[a:b] for a, b in split_spans(text)]


_PYSBD = None


def _pysbd():
    """The pysbd segmenter under comparison (built once)."""
    global _PYSBD
    if _PYSBD is None:
        import pysbd

        _PYSBD = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return _PYSBD


def pysbd_sentences(text: str) -> list[str]:
    """Sentences of ``text`` according to pysbd (stripped, empty ones dropped)."""
    out = []
    for span in _pysbd().segment(text):
        sent = text[span.start : span.end].strip()
        if sent:
            out.append(sent)
    return out


def score(cases: Sequence[tuple[str, str, list[str]]], splitter: Splitter) -> tuple[int, list[str]]:
    """Number of cases split exactly as expected, and the names of the others."""
    failed = []
    for name, text, expected in cases:
        try:
            got = splitter(text)
        except Exception:  # a crash counts as a failure
            got = None
        if got != expected:
            failed.append(name)
    return len(cases) - len(failed), failed


def _throughput(splitter: Splitter, texts: Sequence[str], min_seconds: float) -> tuple[float, int]:
    """Sentences per second of ``splitter`` over ``texts`` (repeated)."""
    sentences = 0
    rounds = 0
    start = time.perf_counter()
    while True:
        for text in texts:
            sentences += len(splitter(text))
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return sentences / elapsed, sentences // rounds


def compare_with_pysbd(texts: Iterable[str], min_seconds: float = 1.0) -> dict:
    """Measure the speed of newstag and pysbd on the same texts.

    Parameters
    ----------
    texts : iterable of str
        Documents; each splitter is called once per document, repeatedly
        until ``min_seconds`` have passed.
    min_seconds : float, optional
        Minimum timing window per splitter.

    Returns
    -------
    dict
        ``newstag_sents_per_s``, ``pysbd_sents_per_s``, ``ratio`` (newstag
        over pysbd), ``newstag_sentences`` and ``pysbd_sentences`` (sentences
        found in one pass), ``documents`` and ``chars``.
    """
    texts = list(texts)
    ours, our_count = _throughput(newstag_sentences, texts, min_seconds)
    theirs, their_count = _throughput(pysbd_sentences, texts, min_seconds)
    return {
        "newstag_sents_per_s": ours,
        "pysbd_sents_per_s": theirs,
        "ratio": ours / theirs if theirs else float("inf"),
        "newstag_sentences": our_count,
        "pysbd_sentences": their_count,
        "documents": len(texts),
        "chars": sum(map(len, texts)),
    }


def pysbd_spans(text: str) -> list[tuple[int, int]]:
    """pysbd's sentence spans, stripped of surrounding whitespace."""
    spans = []
    for span in _pysbd().segment(text):
        raw = text[span.start : span.end]
        body = raw.strip()
        if body:
            start = span.start + len(raw) - len(raw.lstrip())
            spans.append((start, start + len(body)))
    return spans


def gold_span_scores(path: Path = GOLD_SPANS, articles: Path = ARTICLES_DIR) -> dict | None:
    """Exact-span precision, recall and F1 of both splitters against the
    hand-cut spans of ``data/sentences.jsonl``; None if it is missing."""
    if not path.is_file():
        return None
    gold: dict[str, set[tuple[int, int]]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                gold.setdefault(row["article_id"], set()).add((row["start"], row["end"]))
    out = {}
    for name, fn in (("newstag", split_spans), ("pysbd", pysbd_spans)):
        tp = found = expected = 0
        for article_id, spans in gold.items():
            text = (articles / f"{article_id}.txt").read_text(encoding="utf-8")
            got = set(fn(text))
            tp += len(got & spans)
            found += len(got)
            expected += len(spans)
        p = tp / found if found else 0.0
        r = tp / expected if expected else 0.0
        out[name] = {
            "precision": p,
            "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "sentences": expected,
            "articles": len(gold),
        }
    return out


def news_texts(cases: Sequence[tuple[str, str, list[str]]]) -> tuple[list[str], str]:
    """News-like documents: data/articles/*.txt, else built from the cases."""
    if ARTICLES_DIR.is_dir():
        files = sorted(ARTICLES_DIR.glob("*.txt"))
        texts = [p.read_text(encoding="utf-8") for p in files]
        texts = [t for t in texts if t.strip()]
        if texts:
            return texts, f"{len(texts)} files from {ARTICLES_DIR}"
    paragraphs = [text for _, text, _ in cases]
    docs = []
    for i in range(0, len(paragraphs), 12):  # ~12 paragraphs per "article"
        docs.append("\n\n".join(paragraphs[i : i + 12]))
    return docs * 5, f"{len(docs) * 5} documents built from the {len(cases)} case texts"


def pathological_inputs() -> dict[str, str]:
    """The three pathological inputs the splitter must handle in linear time."""
    return {
        "1 MB paragraph, no punctuation": ("word " * 200_000)[:1_000_000],
        "100,000 dots": "." * 100_000,
        "100,000 quotes": '"' * 100_000,
    }


def time_pathological() -> dict[str, tuple[float, int]]:
    """Seconds and sentence count of newstag on each pathological input."""
    out = {}
    for name, text in pathological_inputs().items():
        start = time.perf_counter()
        spans = split_spans(text)
        out[name] = (time.perf_counter() - start, len(spans))
    return out


def main() -> int:
    cases = load_cases()
    n = len(cases)
    ours, our_failed = score(cases, newstag_sentences)
    try:
        theirs, their_failed = score(cases, pysbd_sentences)
    except ImportError:
        print("pysbd is not installed: pip install pysbd==0.3.4")
        return 1
    print(f"newstag: {ours}/{n}, pysbd: {theirs}/{n}")
    golden = sum(1 for name, _, _ in cases if name.startswith("gr"))
    print(
        f"  of which the {golden} golden-rule categories: "
        f"newstag {golden - sum(f.startswith('gr') for f in our_failed)}/{golden}, "
        f"pysbd {golden - sum(f.startswith('gr') for f in their_failed)}/{golden}"
    )
    print(f"  newstag fails: {', '.join(our_failed) or '-'}")
    print(f"  pysbd fails:   {', '.join(their_failed) or '-'}")

    texts, origin = news_texts(cases)
    res = compare_with_pysbd(texts)
    print(f"\nspeed on {origin} ({res['chars']:,} chars per pass):")
    print(
        f"  newstag: {res['newstag_sents_per_s']:,.0f} sentences/s "
        f"({res['newstag_sentences']} sentences per pass)"
    )
    print(
        f"  pysbd:   {res['pysbd_sents_per_s']:,.0f} sentences/s "
        f"({res['pysbd_sentences']} sentences per pass)"
    )
    print(f"  ratio newstag/pysbd: {res['ratio']:.1f}x")

    print("\npathological inputs (newstag):")
    for name, (seconds, count) in time_pathological().items():
        print(f"  {name}: {seconds:.3f} s ({count} sentence{'s' if count != 1 else ''})")

    gold = gold_span_scores()
    if gold is not None:
        first = next(iter(gold.values()))
        print(
            f"\nexact sentence spans vs {GOLD_SPANS.relative_to(ROOT)} "
            f"({first['sentences']} sentences, {first['articles']} articles):"
        )
        for name, m in gold.items():
            print(f"  {name}: P={m['precision']:.4f} R={m['recall']:.4f} F1={m['f1']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
