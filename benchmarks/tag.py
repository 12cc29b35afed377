"""Tagging benchmark: end-to-end throughput, the prediction ceiling, workers, memory, splitter.

Builds a corpus of articles by repeating the shipped articles until it holds at least
200,000 sentences (one JSONL row per article), then for the default model and a word n-gram
model prints: sentences per second end to end (read, split, classify, write JSONL) with 1
and 2 workers; the bare prediction rate on the already-split sentences (the ceiling) and the
ratio of the two; peak memory of `newstag tag` processes at 10x and 100x an input size; and
the splitter's speed against pySBD. Each rate is the best of --repeat runs, interleaved.
Usage: python benchmarks/tag.py [--sentences N] [--repeat N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newstag.persistence import load_bundle
from newstag.segment import split_spans
from newstag.tag import tag_files

ROOT = Path(__file__).resolve().parents[1]
NEWSTAG = str(Path(sys.executable).with_name("newstag"))
MODELS = {"default": ["experiment=default"], "word n-gram": ["experiment=baseline_word_svm"]}


def train(name: str, overrides: list[str], root: Path) -> Path:
    env = {**os.environ, "NEWSTAG_ROOT": str(root)}
    subprocess.run(
        [NEWSTAG, "train", *overrides, f"publish={name}", "split.test_size=0.5"],
        env=env,
        check=True,
        capture_output=True,
    )
    return root / "models" / name


def write_articles(path: Path, n_sentences: int) -> tuple[int, int]:
    """Repeat the shipped articles into a JSONL file until it has ``n_sentences``."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/articles").glob("*.txt"))]
    docs = sentences = 0
    with open(path, "w", encoding="utf-8") as fh:
        while sentences < n_sentences:
            for text in texts:
                fh.write(json.dumps({"id": f"d{docs}", "text": text}) + "\n")
                docs += 1
                sentences += len(split_spans(text))
                if sentences >= n_sentences:
                    break
    return docs, sentences


def peak_rss(args: list[str]) -> float:
    """Peak resident memory (MiB) of a `newstag` process, measured by /usr/bin/time-like wait4."""
    proc = subprocess.Popen([NEWSTAG, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        sys.exit(f"newstag {' '.join(args)} failed: {proc.stderr.read().decode()[-2000:]}")
    return usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "articles.jsonl"
        docs, n = write_articles(corpus, args.sentences)
        rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
        sentences = [r["text"][a:b] for r in rows for a, b in split_spans(r["text"])]
        del rows
        print(f"input: {docs} articles, {n} sentences, {corpus.stat().st_size / 1e6:.0f} MB JSONL")
        for name, overrides in MODELS.items():
            model = train(name.replace(" ", "_"), overrides, tmp_path)
            bundle = load_bundle(model)
            ceilings, rates = [], {1: [], 2: []}
            for _ in range(args.repeat):  # interleaved, best of each: the machine is shared
                start = time.perf_counter()
                for i in range(0, len(sentences), 4096):
                    bundle.predict(sentences[i : i + 4096])
                ceilings.append(len(sentences) / (time.perf_counter() - start))
                for workers in (1, 2):
                    out = tmp_path / f"out-{workers}.jsonl"
                    start = time.perf_counter()
                    summary = tag_files(model, [str(corpus)], out, workers=workers)
                    rates[workers].append(summary.sentences / (time.perf_counter() - start))
            ceiling, rates = max(ceilings), {w: max(r) for w, r in rates.items()}
            print(f"{name} model:")
            print(f"  bare prediction on split sentences (ceiling): {ceiling:9,.0f} sentences/s")
            print(
                f"  end to end, 1 worker:  {rates[1]:9,.0f} sentences/s "
                f"({rates[1] / ceiling:.2f} of the ceiling)"
            )
            print(
                f"  end to end, 2 workers: {rates[2]:9,.0f} sentences/s "
                f"({rates[2] / rates[1]:.2f}x one worker)"
            )
        same = (tmp_path / "out-1.jsonl").read_bytes() == (tmp_path / "out-2.jsonl").read_bytes()
        print(f"  1-worker and 2-worker outputs identical: {same}")

        small = tmp_path / "small.jsonl"
        small.write_text("".join(corpus.read_text(encoding="utf-8").splitlines(True)[:200]))
        big = tmp_path / "big.jsonl"
        with open(big, "w", encoding="utf-8") as fh:
            for _ in range(10):
                fh.write(small.read_text(encoding="utf-8"))
        large = tmp_path / "large.jsonl"
        with open(large, "w", encoding="utf-8") as fh:
            for _ in range(10):
                fh.write(big.read_text(encoding="utf-8"))
        print("peak memory of `newstag tag` (default model, JSONL out):")
        for label, path in (("1x (200 articles)", small), ("10x", big), ("100x", large)):
            rss = peak_rss(
                [
                    "tag",
                    str(tmp_path / "models" / "default"),
                    str(path),
                    "-o",
                    str(tmp_path / "mem.jsonl"),
                    "--quiet",
                ]
            )
            print(f"  {label:18s} {path.stat().st_size / 1e6:7.1f} MB in: {rss:6.0f} MiB")

    spec = importlib.util.spec_from_file_location(
        "segment_bench", Path(__file__).parent / "segment.py"
    )
    assert spec is not None and spec.loader is not None
    segment_bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(segment_bench)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/articles").glob("*.txt"))]
    speed = segment_bench.compare_with_pysbd(texts)
    print(
        f"splitter: newstag {speed['newstag_sents_per_s']:,.0f} sentences/s, pySBD "
        f"{speed['pysbd_sents_per_s']:,.0f} sentences/s ({speed['ratio']:.0f}x)"
    )


if __name__ == "__main__":
    main()
