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
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from newstag.articles import Doc, TagOptions, expand_inputs, iter_inputs, read_input
from newstag.persistence import Bundle, load_bundle, sha256, verify, write_json
from newstag.segment import split_spans

# json.dumps with options builds a new encoder per call; one shared encoder is much faster.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_JSON_STR = json.encoder.encode_basestring  # type: ignore[attr-defined]
OUTPUT_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}


class TagError(ValueError):
    """A tagging job that cannot start (bad arguments, unreadable model or output clash)."""


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
    skipped: list[dict] = field(default_factory=list)  # errors, when no errors file is written

    def line(self) -> str:
        text = (
            f"read {self.read} documents: {self.tagged} tagged ({self.sentences} sentences), "
            f"{self.errors} errors; output {self.output}"
        )
        if self.errors:
            text += f"; errors in {self.errors_file}"
        if self.resumed_from:
            text += f"; resumed after {self.resumed_from} documents"
        return text


def tag_docs(bundle: Bundle, docs: Sequence[Doc], opts: TagOptions) -> list[tuple]:
    """Rows for a batch of readable documents: one tuple per sentence, in ``output_columns`` order.

    Rows are tuples, not dicts: at tens of thousands of sentences a second, building and
    encoding a dict per sentence costs as much as splitting the text.
    """
    doc_ids: list[str] = []
    sent_ids: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    texts: list[str] = []
    for doc in docs:
        text = doc.text
        assert text is not None
        if opts.sentences:
            stripped = text.strip()
            start = text.index(stripped[0])
            spans = [(start, start + len(stripped))]
        else:
            spans = split_spans(text)
        doc_ids += [doc.doc_id] * len(spans)
        sent_ids += range(len(spans))
        starts += [start for start, _ in spans]
        ends += [end for _, end in spans]
        texts += [text[start:end] for start, end in spans]
    labels, confidence, scores = bundle.predict(texts)
    columns: list[list] = [[round(c, 4) for c in confidence.tolist()]]
    if opts.min_confidence is not None:
        columns.append([c < opts.min_confidence for c in confidence.tolist()])
    if opts.all_scores:
        columns += [[round(v, 4) for v in column] for column in scores.T.tolist()]
    return list(zip(doc_ids, sent_ids, starts, ends, texts, labels, *columns))


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


# A tagged batch: its documents (with their errors) and, for each readable one, its output
# text and row count.
Tagged = tuple[list[Doc], list[tuple[str, int]]]


def _work(batch: list[Doc], opts: TagOptions, kind: str) -> list[tuple[str, int]]:
    """Tag a batch in a worker: output text and row count per readable document.

    Workers encode the rows themselves and send back only text, so the parent's share of the
    work (read, write) stays small and added workers scale.
    """
    good = [d for d in batch if d.error is None]
    if not good:
        return []
    bundle = _WORKER["bundle"]
    encode = row_encoder(kind, output_columns(bundle.labels, opts))
    rows = tag_docs(bundle, good, opts)
    # each readable document has at least one sentence, and only its first has sent_id 0
    starts = [i for i, row in enumerate(rows) if row[1] == 0] + [len(rows)]
    assert len(starts) == len(good) + 1
    return [(encode(rows[a:b]), b - a) for a, b in zip(starts, starts[1:])]


def _tagged_batches(
    model: str,
    batches: Iterator[list[Doc]],
    opts: TagOptions,
    kind: str,
    workers: int,
    allow_version_mismatch: bool,
) -> Iterator[Tagged]:
    """Tagged batches in input order, computed here or by worker processes."""
    if workers <= 1:
        _init_worker(model, allow_version_mismatch)
        for batch in batches:
            yield batch, _work(batch, opts, kind)
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else "fork")
    with context.Pool(workers, _init_worker, (model, allow_version_mismatch)) as pool:
        pending: deque = deque()
        for batch in batches:  # keep a bounded number of batches in flight
            pending.append((batch, pool.apply_async(_work, (batch, opts, kind))))
            if len(pending) >= 2 * workers:
                done, result = pending.popleft()
                yield done, result.get()
        while pending:
            done, result = pending.popleft()
            yield done, result.get()


def _dask_batches(
    scheduler: str,
    model: str,
    inputs: Sequence[str],
    opts: TagOptions,
    kind: str,
    allow_version_mismatch: bool,
) -> Iterator[Tagged]:
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
            pending.append(
                client.submit(
                    _tag_input, model, spec, doc_id, opts, kind, allow_version_mismatch, pure=False
                )
            )
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _tag_input(
    model: str, spec: str, doc_id: str, opts: TagOptions, kind: str, allow_version_mismatch: bool
) -> Tagged:
    """One distributed task: every document of one input file."""
    if "bundle" not in _WORKER:
        _init_worker(model, allow_version_mismatch)
    docs: list[Doc] = []
    outputs: list[tuple[str, int]] = []
    for batch in _batches(read_input(spec, doc_id, opts), 256):
        docs += [Doc(d.doc_id, None, d.error) for d in batch]  # texts need not travel back
        outputs += _work(batch, opts, kind)
    return docs, outputs


# ---------------------------------------------------------------- writing


def output_columns(labels: Sequence[str], opts: TagOptions) -> list[str]:
    """The fields of every output row, in order."""
    columns = ["doc_id", "sent_id", "start", "end", "text", "label", "confidence"]
    if opts.min_confidence is not None:
        columns.append("uncertain")
    if opts.all_scores:
        columns += [f"score_{label}" for label in labels]
    return columns


def _json_value(value: object) -> object:
    if value is True or value is False:
        return "true" if value else "false"
    return value


def jsonl_encoder(columns: Sequence[str]) -> Callable[[Iterable[tuple]], str]:
    """A function that writes row tuples as JSONL text, exactly as ``json.dumps`` would.

    Text columns (``doc_id``, ``text``, ``label``) are escaped; the rest are numbers or
    flags. One format string per row is several times faster than encoding a dict.
    """
    line = "{{" + ", ".join(f"{_JSON_STR(c)}: {{}}" for c in columns) + "}}\n"
    fmt, enc = line.format, _JSON_STR

    def encode(rows: Iterable[tuple]) -> str:
        return "".join(
            [
                fmt(enc(r[0]), r[1], r[2], r[3], enc(r[4]), enc(r[5]), *map(_json_value, r[6:]))
                for r in rows
            ]
        )

    def encode_plain(rows: Iterable[tuple]) -> str:  # the default columns: no flags to convert
        return "".join(
            [fmt(enc(d), i, a, b, enc(t), enc(lab), c) for d, i, a, b, t, lab, c in rows]
        )

    return encode_plain if len(columns) == 7 else encode


def _dict_lines(rows: Iterable[dict]) -> str:
    return "".join(_ENCODE(r) + "\n" for r in rows)


def _csv_encoder() -> Callable[[Iterable[tuple]], str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def encode(rows: Iterable[tuple]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(rows)
        return buffer.getvalue()

    return encode


def row_encoder(kind: str, columns: Sequence[str]) -> Callable[[Iterable[tuple]], str]:
    """The text of rows in an output format: ``jsonl`` (also staging Parquet) or ``csv``."""
    return _csv_encoder() if kind == "csv" else jsonl_encoder(columns)


class _Staged:
    """An append-only text file that can be cut back to a checkpoint."""

    def __init__(self, path: Path, header: str, offset: int | None):
        if offset is None:
            self.fh = open(path, "w", encoding="utf-8", newline="")
            self.fh.write(header)
        else:
            self.fh = open(path, "r+", encoding="utf-8", newline="")
            self.fh.truncate(offset)
            self.fh.seek(offset)

    def write(self, text: str) -> None:
        self.fh.write(text)

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
    key = json.dumps(
        [model_hash, [str(Path(i).resolve()) for i in inputs], vars(opts)],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(key.encode()).hexdigest()


def _check_paths(inputs: Sequence[str], output: Path, errors: Path) -> None:
    if output.suffix.lower() not in OUTPUT_FORMATS:
        raise TagError(f"{output}: output must end in {', '.join(OUTPUT_FORMATS)}")
    targets = {output.resolve(), errors.resolve()}
    for spec in inputs:
        if spec != "-" and Path(spec).resolve() in targets:
            raise TagError(f"{spec}: output path is also an input; refusing to overwrite it")


class _FileSink:
    """Rows staged beside their target with a checkpoint per batch; moved into place at the end."""

    def __init__(self, out: Path, errors: Path, columns: list[str], fingerprint: str, resume: bool):
        self.out, self.errors, self.columns, self.fingerprint = out, errors, columns, fingerprint
        self.kind = OUTPUT_FORMATS[out.suffix.lower()]
        self.partial = out.with_name(out.name + ".partial")
        self.err_partial = errors.with_name(errors.name + ".partial")
        self.checkpoint = out.with_name(out.name + ".checkpoint.json")
        self.state: dict = {}
        if resume and self.checkpoint.exists():
            self.state = json.loads(self.checkpoint.read_text(encoding="utf-8"))
            if self.state.get("fingerprint") != fingerprint:
                raise TagError(
                    f"{self.checkpoint}: written for another model, input or options; "
                    "run without --resume to start again"
                )
        # Parquet is staged as JSONL and converted at the end
        self.row_kind = "csv" if self.kind == "csv" else "jsonl"
        header = ",".join(columns) + "\r\n" if self.kind == "csv" else ""
        self.rows = _Staged(self.partial, header, self.state.get("out_bytes"))
        self.errs = _Staged(self.err_partial, "", self.state.get("err_bytes"))

    def write(self, text: str, error_rows: list[dict], summary: Summary) -> None:
        self.rows.write(text)
        self.errs.write(_dict_lines(error_rows))
        counts = {k: getattr(summary, k) for k in ("read", "tagged", "errors", "sentences")}
        write_json(
            self.checkpoint,
            {
                "fingerprint": self.fingerprint,
                "out_bytes": self.rows.sync(),
                "err_bytes": self.errs.sync(),
                **counts,
            },
        )

    def finish(self, summary: Summary) -> None:
        self.rows.close()
        self.errs.close()
        if self.kind == "parquet":
            _jsonl_to_parquet(self.partial, self.out, self.columns)
            self.partial.unlink()
        else:
            os.replace(self.partial, self.out)
        if summary.errors:
            os.replace(self.err_partial, self.errors)
        else:
            self.err_partial.unlink()
            self.errors.unlink(missing_ok=True)  # a stale list from an earlier run would mislead
        self.checkpoint.unlink()


class _StreamSink:
    """JSONL rows to a text stream; errors to a file, or kept in the summary for the caller."""

    row_kind = "jsonl"

    def __init__(self, stream: TextIO, errors: Path | None):
        self.stream, self.errors = stream, errors
        self.state: dict = {}
        if errors is not None:
            errors.write_text("", encoding="utf-8")

    def write(self, text: str, error_rows: list[dict], summary: Summary) -> None:
        self.stream.write(text)
        if self.errors is None:
            summary.skipped += error_rows
        elif error_rows:
            with open(self.errors, "a", encoding="utf-8") as fh:
                fh.write(_dict_lines(error_rows))

    def finish(self, summary: Summary) -> None:
        self.stream.flush()


def tag_files(
    model: str | Path,
    inputs: Sequence[str],
    output: str | Path | None = None,
    errors: str | Path | None = None,
    opts: TagOptions | None = None,
    workers: int = 1,
    batch_size: int = 256,
    resume: bool = False,
    progress: bool = False,
    scheduler: str | None = None,
    allow_version_mismatch: bool = False,
    stdout: TextIO | None = None,
) -> Summary:
    """Tag every sentence of ``inputs`` with the bundle at ``model``; return the counts.

    Without ``output`` rows go to ``stdout`` as JSONL, and unreadable documents to ``errors``
    or, without it, to ``Summary.skipped``. With ``output`` the format follows its extension
    and the file appears only when complete; ``resume`` continues from its checkpoint.
    """
    from tqdm import tqdm

    opts = opts or TagOptions()
    model = str(model)
    # Check hashes and versions now; each worker unpickles the model itself, once.
    labels = verify(model, allow_version_mismatch)["labels"]
    summary = Summary()
    sink: _FileSink | _StreamSink
    if output:
        out = Path(output)
        err = Path(errors) if errors else out.with_name(out.name + ".errors.jsonl")
        _check_paths(inputs, out, err)
        fingerprint = _fingerprint(model, inputs, opts)
        sink = _FileSink(out, err, output_columns(labels, opts), fingerprint, resume)
        summary.output, summary.errors_file = str(out), str(err)
    elif resume:
        raise TagError("--resume needs an output file (-o)")
    else:
        sink = _StreamSink(stdout or sys.stdout, Path(errors) if errors else None)
        summary.errors_file = str(errors) if errors else "standard error"
    for key in ("read", "tagged", "errors", "sentences"):
        setattr(summary, key, sink.state.get(key, 0))
    summary.resumed_from = skip = sink.state.get("read", 0)

    if scheduler:
        batches = _dask_batches(
            scheduler, model, inputs, opts, sink.row_kind, allow_version_mismatch
        )
    else:
        docs = _batches(_skip(iter_inputs(inputs, opts), skip), batch_size)
        batches = _tagged_batches(model, docs, opts, sink.row_kind, workers, allow_version_mismatch)
    bar = tqdm(
        total=None,
        initial=skip,
        unit=" docs",
        file=sys.stderr,
        dynamic_ncols=True,
        disable=not (progress and sys.stderr.isatty()),
    )
    seen = 0
    for batch, outputs in batches:
        if scheduler and seen < skip:  # a distributed resume re-tags whole files: drop done docs
            drop = min(len(batch), skip - seen)
            outputs = outputs[sum(d.error is None for d in batch[:drop]) :]
            batch = batch[drop:]
            seen += drop
        bad = [d for d in batch if d.error is not None]
        summary.read += len(batch)
        summary.errors += len(bad)
        summary.tagged += len(batch) - len(bad)
        summary.sentences += sum(n for _, n in outputs)
        text = "".join(t for t, _ in outputs)
        sink.write(text, [{"doc_id": d.doc_id, "error": d.error} for d in bad], summary)
        bar.update(len(batch))
        bar.set_postfix(sentences=summary.sentences, errors=summary.errors, refresh=False)
    bar.close()
    sink.finish(summary)
    return summary


def _skip(docs: Iterator[Doc], n: int) -> Iterator[Doc]:
    for index, doc in enumerate(docs):
        if index >= n:
            yield doc
