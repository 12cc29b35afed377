"""Reading articles to tag: text files, directories, JSONL/CSV/Parquet tables and stdin.

Every document comes out as a ``Doc``; one that cannot be read carries the reason instead of
its text, so a bad file never stops the batch it is in.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newstag.segment import split_spans

UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (surrogateescape)
TABLE_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}


@dataclass
class Doc:
    """One unit of input: an article (or a sentence with ``sentences=True``), or why it failed."""

    doc_id: str
    text: str | None
    error: str | None = None


@dataclass
class TagOptions:
    """What to write and how to read."""

    sentences: bool = False  # inputs are already one sentence per row or line
    all_scores: bool = False
    min_confidence: float | None = None
    text_column: str = "text"
    id_column: str = "id"
    max_chars: int = 1_000_000
    stdin_format: str = "txt"  # txt | jsonl | csv


def _check_text(text: object, max_chars: int) -> str | None:
    """Why a document text cannot be tagged, or None when it can."""
    if not isinstance(text, str):
        return f"text is {type(text).__name__}, not a string"
    if "\x00" in text:
        return "binary content (NUL bytes)"
    if UNDECODABLE.search(text):
        return "not valid UTF-8"
    if not text.strip():
        return "empty document"
    if len(text) > max_chars:
        return f"document too large ({len(text)} characters; limit {max_chars})"
    return None


def _read_txt(path: Path, doc_id: str, opts: TagOptions) -> Iterator[Doc]:
    try:
        raw = path.read_bytes()
    except OSError as err:
        yield Doc(doc_id, None, f"unreadable ({err.strerror})")
        return
    if len(raw) > 4 * opts.max_chars:
        yield Doc(doc_id, None, f"document too large ({len(raw)} bytes)")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line_no = raw[: err.start].count(b"\n") + 1
        yield Doc(doc_id, None, f"not valid UTF-8 (line {line_no}, byte 0x{raw[err.start]:02x})")
        return
    if not opts.sentences:
        error = _check_text(text, opts.max_chars)
        yield Doc(doc_id, None if error else text, error)
        return
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield Doc(f"{doc_id}:{number}", line)


def _records(stream: io.TextIOBase, kind: str) -> Iterator[tuple[int, dict | None, str | None]]:
    """(row number, record, error) for each row of a JSONL or CSV stream."""
    if kind == "jsonl":
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield number, None, f"not valid JSON ({err.msg})"
                continue
            if not isinstance(record, dict):
                yield number, None, "expected a JSON object"
            else:
                yield number, record, None
        return
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        return
    for values in reader:
        if not values:
            continue
        if len(values) != len(header):
            yield reader.line_num, None, f"expected {len(header)} fields, found {len(values)}"
        else:
            yield reader.line_num, dict(zip(header, values)), None


def _table_docs(
    rows: Iterable[tuple[int, dict | None, str | None]], name: str, opts: TagOptions
) -> Iterator[Doc]:
    for number, record, error in rows:
        default_id = f"{name}:{number}"
        if error:
            yield Doc(default_id, None, error)
            continue
        assert record is not None
        doc_id = str(record.get(opts.id_column) or default_id)
        if opts.text_column not in record:
            yield Doc(doc_id, None, f"no {opts.text_column!r} field")
            continue
        text = record[opts.text_column]
        error = _check_text(text, opts.max_chars)
        yield Doc(doc_id, None if error else text, error)


def _read_table(path: Path, opts: TagOptions) -> Iterator[Doc]:
    kind = TABLE_FORMATS[path.suffix.lower()]
    name = str(path)
    if kind == "parquet":
        import pyarrow.parquet as pq

        try:
            parquet = pq.ParquetFile(path)
        except Exception as err:  # pyarrow raises several types for corrupt files
            yield Doc(name, None, f"not a readable Parquet file ({err})")
            return
        number = 0

        def rows() -> Iterator[tuple[int, dict, None]]:
            nonlocal number
            for batch in parquet.iter_batches(batch_size=1024):
                for record in batch.to_pylist():
                    number += 1
                    yield number, record, None

        yield from _table_docs(rows(), name, opts)
        return
    newline = "" if kind == "csv" else None
    with open(path, encoding="utf-8", errors="surrogateescape", newline=newline) as stream:
        yield from _table_docs(_records(stream, kind), name, opts)


def expand_inputs(inputs: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(input, document id) for each file to read; a directory stands for its .txt files."""
    for spec in inputs:
        path = Path(spec)
        if spec != "-" and path.is_dir():
            for file in sorted(p for p in path.rglob("*.txt") if p.is_file()):
                yield str(file), str(file.relative_to(path.parent))
        else:
            yield spec, path.name if len(inputs) == 1 else spec


def read_input(spec: str, doc_id: str, opts: TagOptions) -> Iterator[Doc]:
    """The documents of one input file (or of standard input for '-')."""
    if spec == "-":
        stdin = io.TextIOWrapper(
            sys.stdin.buffer,
            encoding="utf-8",
            errors="surrogateescape",
            newline="" if opts.stdin_format == "csv" else None,
        )
        if opts.stdin_format != "txt":
            yield from _table_docs(_records(stdin, opts.stdin_format), "-", opts)
            return
        text = stdin.read()
        if opts.sentences:
            for number, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    yield Doc(f"-:{number}", line)
        else:
            error = _check_text(text, opts.max_chars)
            yield Doc("-", None if error else text, error)
        return
    path = Path(spec)
    if not path.exists():
        yield Doc(spec, None, "no such file or directory")
    elif path.suffix.lower() in TABLE_FORMATS:
        yield from _read_table(path, opts)
    else:
        yield from _read_txt(path, doc_id, opts)


def iter_inputs(inputs: Sequence[str], opts: TagOptions) -> Iterator[Doc]:
    """Every document of every input, in order; unreadable ones carry their error."""
    for spec, doc_id in expand_inputs(inputs):
        yield from read_input(spec, doc_id, opts)


def segment_files(inputs: Sequence[str], opts: TagOptions) -> Iterator[dict]:
    """Sentences of every readable input document, with their offsets (no model needed)."""
    for doc in iter_inputs(inputs, opts):
        if doc.error is not None:
            yield {"doc_id": doc.doc_id, "error": doc.error}
            continue
        assert doc.text is not None
        for sent_id, (start, end) in enumerate(split_spans(doc.text)):
            yield {
                "doc_id": doc.doc_id,
                "sent_id": sent_id,
                "start": start,
                "end": end,
                "text": doc.text[start:end],
            }
