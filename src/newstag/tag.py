"""Batch tagging: read articles, split them into sentences, classify, and write rows.

Work streams in batches of documents, so memory stays flat however large the input. A bad
document goes to the errors file and the batch carries on; output is staged beside its
target with a checkpoint after every batch, moved into place only when complete, and
``resume=True`` continues a killed job from its last checkpoint.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newstag.persistence import Bundle, load_bundle, sha256, write_json
from newstag.segment import split_spans

TABLE_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}
OUTPUT_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}


class TagError(ValueError):
    """A tagging job that cannot start (bad arguments, unreadable model or output clash)."""


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


@dataclass
class Summary:
    """Counts that reconcile: read = tagged + errors."""

    read: int = 0
    tagged: int = 0
    errors: int = 0
    sentences: int = 0
    output: str = "-"
    errors_file: str | None = None
    resumed_from: int = 0
    extra: dict = field(default_factory=dict)

    def line(self) -> str:
        text = (f"read {self.read} documents: {self.tagged} tagged ({self.sentences} sentences), "
                f"{self.errors} errors; output {self.output}")
        if self.errors:
            text += f"; errors in {self.errors_file}"
        if self.resumed_from:
            text += f"; resumed after {self.resumed_from} documents"
        return text


# ---------------------------------------------------------------- reading


def _check_text(text: object, max_chars: int) -> str | None:
    """Why a document text cannot be tagged, or None when it can."""
    if not isinstance(text, str):
        return f"text is {type(text).__name__}, not a string"
    if "\x00" in text:
        return "binary content (NUL bytes)"
    if any("\udc80" <= ch <= "\udcff" for ch in text):
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
        line = raw[: err.start].count(b"\n") + 1
        yield Doc(doc_id, None, f"not valid UTF-8 (line {line}, byte 0x{raw[err.start]:02x})")
        return
    if not opts.sentences:
        error = _check_text(text, opts.max_chars)
        yield Doc(doc_id, None if error else text, error)
        return
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield Doc(f"{doc_id}:{number}", line)


def _records(stream: io.TextIOBase, kind: str, name: str) -> Iterator[tuple[int, dict | None, str | None]]:
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


def _table_docs(rows: Iterable[tuple[int, dict | None, str | None]], name: str,
                opts: TagOptions) -> Iterator[Doc]:
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
        yield from _table_docs(_records(stream, kind, name), name, opts)


def expand_inputs(inputs: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(input, document id for plain text) for each file to read; directories become their .txt files."""
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
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape",
                                 newline="" if opts.stdin_format == "csv" else None)
        if opts.stdin_format != "txt":
            yield from _table_docs(_records(stdin, opts.stdin_format, "-"), "-", opts)
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


# ---------------------------------------------------------------- tagging


def tag_docs(bundle: Bundle, docs: Sequence[Doc], opts: TagOptions) -> list[dict]:
    """Rows for a batch of readable documents: one per sentence, documents in order."""
    spans: list[tuple[str, int, int, int, str]] = []
    for doc in docs:
        assert doc.text is not None
        if opts.sentences:
            stripped = doc.text.strip()
            start = doc.text.index(stripped[0])
            spans.append((doc.doc_id, 0, start, start + len(stripped), stripped))
            continue
        for sent_id, (start, end) in enumerate(split_spans(doc.text)):
            spans.append((doc.doc_id, sent_id, start, end, doc.text[start:end]))
    labels, confidence, scores = bundle.predict([s[4] for s in spans])
    names = bundle.labels
    rows = []
    for (doc_id, sent_id, start, end, text), label, conf, score in zip(
        spans, labels, confidence, scores
    ):
        row = {"doc_id": doc_id, "sent_id": sent_id, "start": start, "end": end, "text": text,
               "label": label, "confidence": round(float(conf), 4)}
        if opts.min_confidence is not None:
            row["uncertain"] = bool(conf < opts.min_confidence)
        if opts.all_scores:
            row.update({f"score_{n}": round(float(s), 4) for n, s in zip(names, score)})
        rows.append(row)
    return rows


def _batches(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    batch: list[Doc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_WORKER: dict = {}


def _init_worker(model: str, allow_version_mismatch: bool) -> None:
    _WORKER["bundle"] = load_bundle(model, allow_version_mismatch)


def _work(batch: list[Doc], opts: TagOptions) -> tuple[list[Doc], list[dict]]:
    good = [d for d in batch if d.error is None]
    return batch, tag_docs(_WORKER["bundle"], good, opts) if good else []


def _tagged_batches(
    model: str, batches: Iterator[list[Doc]], opts: TagOptions, workers: int,
    allow_version_mismatch: bool,
) -> Iterator[tuple[list[Doc], list[dict]]]:
    """(documents, rows) per batch, in input order, computed here or by worker processes."""
    if workers <= 1:
        _init_worker(model, allow_version_mismatch)
        for batch in batches:
            yield _work(batch, opts)
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    with context.Pool(workers, _init_worker, (model, allow_version_mismatch)) as pool:
        pending: deque = deque()
        for batch in batches:  # keep a bounded number of batches in flight
            pending.append(pool.apply_async(_work, (batch, opts)))
            if len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _dask_batches(
    scheduler: str, model: str, inputs: Sequence[str], opts: TagOptions,
    allow_version_mismatch: bool,
) -> Iterator[tuple[list[Doc], list[dict]]]:
    """Tag each input file as one task on a Dask cluster; results come back in input order.

    Workers read the model and the inputs by path, so both must be on storage they share.
    """
    from dask.distributed import Client

    if "-" in inputs:
        raise TagError("standard input cannot be distributed; pass files with --scheduler")
    model = str(Path(model).resolve())
    with Client(scheduler) as client:
        limit = 2 * max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque = deque()
        for spec, doc_id in expand_inputs(inputs):
            pending.append(client.submit(_tag_input, model, spec, doc_id, opts,
                                         allow_version_mismatch, pure=False))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _tag_input(model: str, spec: str, doc_id: str, opts: TagOptions,
               allow_version_mismatch: bool) -> tuple[list[Doc], list[dict]]:
    """One distributed task: every document of one input file."""
    if "bundle" not in _WORKER:
        _init_worker(model, allow_version_mismatch)
    docs: list[Doc] = []
    rows: list[dict] = []
    for batch in _batches(read_input(spec, doc_id, opts), 256):
        done, tagged = _work(batch, opts)
        docs += [Doc(d.doc_id, None, d.error) for d in done]  # texts need not travel back
        rows += tagged
    return docs, rows


# ---------------------------------------------------------------- writing


def output_columns(labels: Sequence[str], opts: TagOptions) -> list[str]:
    """The fields of every output row, in order."""
    columns = ["doc_id", "sent_id", "start", "end", "text", "label", "confidence"]
    if opts.min_confidence is not None:
        columns.append("uncertain")
    if opts.all_scores:
        columns += [f"score_{label}" for label in labels]
    return columns


class _Staged:
    """An append-only JSONL or CSV file that can be cut back to a checkpoint."""

    def __init__(self, path: Path, kind: str, columns: list[str], offset: int | None):
        self.path, self.kind, self.columns = path, kind, columns
        if offset is None:
            self.fh = open(path, "w", encoding="utf-8", newline="")
            if kind == "csv":
                self.fh.write(",".join(columns) + "\r\n")
        else:
            self.fh = open(path, "r+", encoding="utf-8", newline="")
            self.fh.truncate(offset)
            self.fh.seek(offset)
        self.csv = csv.DictWriter(self.fh, columns) if kind == "csv" else None

    def write(self, rows: Iterable[dict]) -> None:
        if self.csv is not None:
            self.csv.writerows(rows)
        else:
            self.fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)

    def sync(self) -> int:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        return self.fh.tell()

    def close(self) -> None:
        self.fh.close()


def _jsonl_to_parquet(src: Path, dest: Path, columns: list[str]) -> None:
    import pyarrow as pa
    import pyarrow.json as pajson
    import pyarrow.parquet as pq

    tmp = dest.with_name(f".{dest.name}.tmp")
    if src.stat().st_size == 0:
        pq.write_table(pa.table({c: pa.array([], pa.string()) for c in columns}), tmp)
    else:
        table = pajson.read_json(src, parse_options=pajson.ParseOptions(newlines_in_values=False))
        pq.write_table(table.select(columns), tmp)
    os.replace(tmp, dest)


def _fingerprint(model: str, inputs: Sequence[str], opts: TagOptions) -> str:
    model_hash = sha256(Path(model) / "manifest.json")
    key = json.dumps([model_hash, [str(Path(i).resolve()) for i in inputs], vars(opts)],
                     sort_keys=True, default=str)
    return hashlib.sha256(key.encode()).hexdigest()


def _check_paths(inputs: Sequence[str], output: Path, errors: Path) -> None:
    if output.suffix.lower() not in OUTPUT_FORMATS:
        raise TagError(f"{output}: output must end in {', '.join(OUTPUT_FORMATS)}")
    targets = {output.resolve(), errors.resolve()}
    for spec in inputs:
        if spec != "-" and Path(spec).resolve() in targets:
            raise TagError(f"{spec}: output path is also an input; refusing to overwrite it")


def tag_files(
    model: str | Path,
    inputs: Sequence[str],
    output: str | Path | None = None,
    errors: str | Path | None = None,
    opts: TagOptions | None = None,
    workers: int = 1,
    batch_size: int = 64,
    resume: bool = False,
    progress: bool = False,
    scheduler: str | None = None,
    allow_version_mismatch: bool = False,
    stdout: io.TextIOBase | None = None,
) -> Summary:
    """Tag every sentence of ``inputs`` with the bundle at ``model``; return the counts.

    Without ``output`` rows go to ``stdout`` as JSONL and errors to ``errors`` (if given).
    With ``output`` the format follows its extension and the file appears only when complete.
    """
    opts = opts or TagOptions()
    model = str(model)
    manifest_labels = load_bundle(model, allow_version_mismatch).labels  # verify up front
    columns = output_columns(manifest_labels, opts)
    summary = Summary()
    out_path = Path(output) if output else None
    if out_path is not None:
        err_path = Path(errors) if errors else out_path.with_name(out_path.name + ".errors.jsonl")
        _check_paths(inputs, out_path, err_path)
    else:
        if resume:
            raise TagError("--resume needs an output file (-o)")
        err_path = Path(errors) if errors else None
    summary.output = str(out_path or "-")
    summary.errors_file = str(err_path) if err_path else "standard error"

    fingerprint = _fingerprint(model, inputs, opts)
    state: dict = {}
    if out_path is not None:
        kind = OUTPUT_FORMATS[out_path.suffix.lower()]
        partial = out_path.with_name(out_path.name + ".partial")
        err_partial = err_path.with_name(err_path.name + ".partial")
        checkpoint = out_path.with_name(out_path.name + ".checkpoint.json")
        if resume and checkpoint.exists():
            state = json.loads(checkpoint.read_text(encoding="utf-8"))
            if state.get("fingerprint") != fingerprint:
                raise TagError(f"{checkpoint}: written for another model, input or options; "
                               "run without --resume to start again")
        staged_kind = "jsonl" if kind == "parquet" else kind
        rows_out = _Staged(partial, staged_kind, columns, state.get("out_bytes"))
        errs_out = _Staged(err_partial, "jsonl", [], state.get("err_bytes"))
    else:
        rows_out = errs_out = None
        stream = stdout or sys.stdout
    for key in ("read", "tagged", "errors", "sentences"):
        setattr(summary, key, state.get(key, 0))
    summary.resumed_from = skip = state.get("read", 0)

    docs = iter_inputs(inputs, opts)
    if scheduler:
        batches = _dask_batches(scheduler, model, inputs, opts, allow_version_mismatch)
    else:
        batches = _tagged_batches(model, _batches(_skip(docs, skip), batch_size), opts, workers,
                                  allow_version_mismatch)
    from tqdm import tqdm

    bar = tqdm(total=None, initial=skip, unit=" docs", file=sys.stderr, dynamic_ncols=True,
               disable=not (progress and sys.stderr.isatty()))
    seen = 0
    for batch, rows in batches:
        if scheduler and seen < skip:  # a distributed resume re-tags whole files; drop the done part
            drop = min(len(batch), skip - seen)
            done_ids = {d.doc_id for d in batch[:drop] if d.error is None}
            batch, rows = batch[drop:], [r for r in rows if r["doc_id"] not in done_ids]
            seen += drop
        bad = [d for d in batch if d.error is not None]
        summary.read += len(batch)
        summary.errors += len(bad)
        summary.tagged += len(batch) - len(bad)
        summary.sentences += len(rows)
        error_rows = [{"doc_id": d.doc_id, "error": d.error} for d in bad]
        if rows_out is not None:
            rows_out.write(rows)
            errs_out.write(error_rows)
            state = {"fingerprint": fingerprint, "out_bytes": rows_out.sync(),
                     "err_bytes": errs_out.sync(), "read": summary.read,
                     "tagged": summary.tagged, "errors": summary.errors,
                     "sentences": summary.sentences}
            write_json(checkpoint, state)
        else:
            stream.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
            for row in error_rows:
                if err_path is None:
                    print(f"newstag tag: skipped {row['doc_id']}: {row['error']}", file=sys.stderr)
            if err_path is not None and error_rows:
                with open(err_path, "a", encoding="utf-8") as fh:
                    fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in error_rows)
        bar.update(len(batch))
        bar.set_postfix(sentences=summary.sentences, errors=summary.errors, refresh=False)
    bar.close()
    if rows_out is not None:
        rows_out.close()
        errs_out.close()
        if kind == "parquet":
            _jsonl_to_parquet(partial, out_path, columns)
            partial.unlink()
        else:
            os.replace(partial, out_path)
        if summary.errors:
            os.replace(err_partial, err_path)
        else:
            err_partial.unlink()
            err_path.unlink(missing_ok=True)  # a stale list from an earlier run would mislead
        checkpoint.unlink()
    elif stdout is None:
        sys.stdout.flush()
    return summary


def _skip(docs: Iterator[Doc], n: int) -> Iterator[Doc]:
    for index, doc in enumerate(docs):
        if index >= n:
            yield doc


# ---------------------------------------------------------------- command line


def segment_files(inputs: Sequence[str], opts: TagOptions) -> Iterator[dict]:
    """Sentences of every readable input document, with their offsets (no model needed)."""
    for doc in iter_inputs(inputs, opts):
        if doc.error is not None:
            yield {"doc_id": doc.doc_id, "error": doc.error}
            continue
        assert doc.text is not None
        for sent_id, (start, end) in enumerate(split_spans(doc.text)):
            yield {"doc_id": doc.doc_id, "sent_id": sent_id, "start": start, "end": end,
                   "text": doc.text[start:end]}


def _options(args) -> TagOptions:
    return TagOptions(
        sentences=getattr(args, "sentences", False), all_scores=getattr(args, "all_scores", False),
        min_confidence=getattr(args, "min_confidence", None), text_column=args.text_column,
        id_column=args.id_column, max_chars=args.max_chars, stdin_format=args.stdin_format,
    )


def cmd_tag(args) -> int:
    summary = tag_files(
        args.model, args.inputs, args.output, args.errors, _options(args), workers=args.workers,
        batch_size=args.batch_size, resume=args.resume, progress=not args.quiet,
        scheduler=args.scheduler, allow_version_mismatch=args.allow_version_mismatch,
    )
    if not args.quiet or summary.errors:
        print(summary.line(), file=sys.stderr)
    return 0


def cmd_segment(args) -> int:
    for row in segment_files(args.inputs, _options(args)):
        if "error" in row:
            print(f"newstag segment: skipped {row['doc_id']}: {row['error']}", file=sys.stderr)
        elif args.jsonl:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(row["text"].replace("\n", " "))
    return 0


def _input_arguments(p) -> None:
    p.add_argument("--text-column", default="text", help="text field of JSONL/CSV/Parquet rows")
    p.add_argument("--id-column", default="id", help="document id field of rows (default: id)")
    p.add_argument("--stdin-format", choices=["txt", "jsonl", "csv"], default="txt",
                   help="how to read '-' (default: one plain-text article)")
    p.add_argument("--max-chars", type=int, default=1_000_000,
                   help="documents longer than this go to the errors file")


def add_tag_parsers(sub) -> None:
    """Register the ``tag`` and ``segment`` subcommands."""
    p = sub.add_parser(
        "tag", help="label every sentence of articles with a model bundle",
        description="Split articles into sentences and label each one. INPUT is a .txt file, a "
                    "directory of them, a JSONL/CSV/Parquet file with one article per row, or -.")
    p.add_argument("model", help="bundle directory, e.g. models/default")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", help="output .jsonl, .csv or .parquet (default: JSONL on stdout)")
    p.add_argument("--errors", help="where unreadable documents are listed "
                                    "(default: OUTPUT.errors.jsonl)")
    p.add_argument("--sentences", action="store_true",
                   help="inputs are already one sentence per line or row: do not split")
    p.add_argument("--all-scores", action="store_true", help="add a score_<label> column per class")
    p.add_argument("--min-confidence", type=float,
                   help="mark rows below this confidence with uncertain=true (never dropped)")
    p.add_argument("--workers", type=int, default=1, help="processes to tag with (default: 1)")
    p.add_argument("--batch-size", type=int, default=64, help="documents per batch (default: 64)")
    p.add_argument("--resume", action="store_true",
                   help="continue an interrupted job from its last checkpoint")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (one task per input file)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.add_argument("--allow-version-mismatch", action="store_true")
    _input_arguments(p)
    p.set_defaults(func=cmd_tag)

    p = sub.add_parser(
        "segment", help="print the sentences `tag` would see",
        description="Split articles into sentences, one per line (or JSONL with offsets).")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--jsonl", action="store_true", help="JSONL rows with doc_id, offsets and text")
    _input_arguments(p)
    p.set_defaults(func=cmd_segment)
