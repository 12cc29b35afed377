"""Loading and checking labelled sentences, and splitting them by article.

Files are checked once, here, with errors that name the file, the line or row and the
reason; everything downstream can then trust the columns it gets.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from datasets import Dataset
from sklearn.model_selection import StratifiedGroupKFold

FORMATS = {
    ".csv": "csv",
    ".jsonl": "json",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
}


class DataError(ValueError):
    """Bad input data; the message is one line naming the file, the row and the reason."""


@dataclass
class Labelled:
    """Texts, labels and article groups ready for training or evaluation."""

    texts: list[str]
    labels: list[str]
    groups: list[str]
    label_set: list[str]
    source: str
    fingerprint: str

    def __len__(self) -> int:
        return len(self.texts)


def file_format(path: str | Path) -> str:
    """The reader for ``path`` by its extension, or a DataError naming the extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise DataError(f"{path}: unsupported file type {suffix or '(none)'!r}; use one of {known}")
    return FORMATS[suffix]


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if not raw.strip():
        raise DataError(f"{path}: file is empty")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(
            f"{path}, line {line}: not valid UTF-8 (byte 0x{raw[err.start]:02x}); "
            "re-save the file as UTF-8"
        ) from None


def _read_csv(path: Path) -> tuple[list[str], list[dict]]:
    reader = csv.reader(io.StringIO(_decode(path), newline=""))
    header = next(reader)
    rows = []
    for record in reader:
        if not record:
            continue
        if len(record) != len(header):
            raise DataError(
                f"{path}, line {reader.line_num}: expected {len(header)} fields "
                f"({', '.join(header)}), found {len(record)}"
            )
        rows.append(dict(zip(header, record)))
    if not rows:
        raise DataError(f"{path}: no data rows, only a header ({', '.join(header)})")
    return header, rows


def _read_jsonl(path: Path) -> tuple[list[str], list[dict]]:
    text = _decode(path)
    stripped = text.lstrip()
    if stripped.startswith("["):  # a plain JSON array of records
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as err:
            raise DataError(f"{path}, line {err.lineno}: not valid JSON ({err.msg})") from None
    else:
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise DataError(
                    f"{path}, line {number}: not valid JSON ({err.msg}); truncated line?"
                ) from None
            if not isinstance(row, dict):
                raise DataError(f"{path}, line {number}: expected a JSON object per line")
            rows.append(row)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return columns, rows


def _read_parquet(path: Path) -> tuple[list[str], list[dict]]:
    import pyarrow.parquet as pq

    if path.stat().st_size == 0:
        raise DataError(f"{path}: file is empty")
    try:
        table = pq.read_table(path)
    except Exception as err:  # pyarrow raises several types for corrupt files
        raise DataError(f"{path}: not a readable Parquet file ({err})") from None
    return table.column_names, table.to_pylist()


def read_records(path: str | Path) -> tuple[list[str], list[dict]]:
    """Column names and rows of a CSV, JSONL or Parquet file, checked for structure."""
    path = Path(path)
    kind = file_format(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found")
    if path.stat().st_size == 0:
        raise DataError(f"{path}: file is empty")
    reader = {"csv": _read_csv, "json": _read_jsonl, "parquet": _read_parquet}[kind]
    columns, rows = reader(path)
    if not rows:
        raise DataError(f"{path}: no records")
    return columns, rows


def load_dataset_file(path: str | Path) -> Dataset:
    """A checked local file as a Hugging Face ``Dataset`` (all columns as read)."""
    columns, rows = read_records(path)
    return Dataset.from_dict({c: [row.get(c) for row in rows] for c in columns})


def load_hub(
    hub_id: str, split: str = "train", config: str | None = None, revision: str | None = None
) -> Dataset:
    """A dataset from the Hugging Face hub (or a local dataset folder laid out like one)."""
    from datasets import load_dataset

    try:
        return load_dataset(hub_id, config, split=split, revision=revision)
    except Exception as err:
        raise DataError(f"{hub_id}: could not load split {split!r} ({err})") from None


def _column(ds: Dataset, name: str | None, role: str, source: str) -> list:
    if name not in ds.column_names:
        found = ", ".join(ds.column_names)
        raise DataError(
            f"The {role} column {name!r} is missing from {source}; found columns: {found}"
        )
    return ds[name]


def prepare(
    ds: Dataset,
    source: str,
    text_column: str = "text",
    label_column: str = "label",
    group_column: str | None = None,
    labels: Sequence[str] | None = None,
) -> Labelled:
    """Check texts, labels and groups row by row and return them as plain lists."""
    texts = _column(ds, text_column, "text", source)
    gold = _column(ds, label_column, "label", source)
    groups = _column(ds, group_column, "group", source) if group_column else None
    allowed = set(labels) if labels else None
    for row, (text, label) in enumerate(zip(texts, gold), 1):
        if not isinstance(text, str) or not text.strip():
            raise DataError(f"{source}, row {row}: empty text in column {text_column!r}")
        if label is None or (isinstance(label, str) and not label.strip()):
            raise DataError(f"{source}, row {row}: missing label in column {label_column!r}")
        if allowed is not None and str(label) not in allowed:
            raise DataError(
                f"{source}, row {row}: label {label!r} is not one of {', '.join(labels or [])}"
            )
    gold = [str(label) for label in gold]
    group_ids = [str(g) for g in groups] if groups else [f"row-{i}" for i in range(len(texts))]
    label_set = list(labels) if labels else sorted(set(gold))
    digest = hashlib.sha256()
    for text, label, group in zip(texts, gold, group_ids):
        digest.update(f"{group}\x1f{label}\x1f{text}\x1e".encode())
    return Labelled(list(texts), gold, group_ids, label_set, source, digest.hexdigest())


def load_labelled(data_cfg) -> Labelled:
    """Load and check the data a ``DataConfig`` describes."""
    if data_cfg.source == "hub":
        if not data_cfg.hub_id:
            raise DataError("data.hub_id is not set; pass data.hub_id=ORG/NAME")
        ds = load_hub(data_cfg.hub_id, data_cfg.hub_split, data_cfg.hub_config, data_cfg.revision)
        source = data_cfg.hub_id
    elif data_cfg.source == "file":
        if not data_cfg.path:
            raise DataError("data.path is not set; pass data.path=FILE")
        ds = load_dataset_file(data_cfg.path)
        source = str(data_cfg.path)
    else:
        raise DataError(f"data.source must be 'file' or 'hub', got {data_cfg.source!r}")
    return prepare(
        ds,
        source,
        data_cfg.text_column,
        data_cfg.label_column,
        data_cfg.group_column,
        list(data_cfg.labels) if data_cfg.labels else None,
    )


def check_splittable(data: Labelled, min_groups: int, what: str) -> None:
    """Fail early when a class sits in too few articles for the split asked for."""
    n_groups = len(set(data.groups))
    if n_groups < min_groups:
        raise DataError(
            f"{data.source}: {n_groups} article(s) in all; {what} needs at least {min_groups}"
        )
    seen: dict[str, set[str]] = {label: set() for label in data.label_set}
    for label, group in zip(data.labels, data.groups):
        seen.setdefault(label, set()).add(group)
    for label, groups in seen.items():
        if len(groups) < min_groups:
            raise DataError(
                f"{data.source}: class {label!r} occurs in {len(groups)} article(s); "
                f"{what} needs at least {min_groups}"
            )


def grouped_folds(data: Labelled, n_splits: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified k folds that never put one article on both sides."""
    check_splittable(data, n_splits, f"grouped {n_splits}-fold cross-validation")
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    index = np.zeros(len(data))
    return list(splitter.split(index, data.labels, data.groups))


def grouped_holdout(data: Labelled, test_size: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """One stratified train/test split by article, about ``test_size`` of rows on the test side."""
    if not 0 < test_size < 1:
        raise DataError(f"split.test_size must be between 0 and 1, got {test_size}")
    n_splits = max(2, round(1 / test_size))
    check_splittable(data, 2, "a grouped train/test split")
    n_splits = min(n_splits, len(set(data.groups)))
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    return next(splitter.split(np.zeros(len(data)), data.labels, data.groups))
