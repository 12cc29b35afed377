"""Bad input gets a one-line error naming the file, the row or line, and the reason."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from datasets import Dataset

from newstag.data import DataError, grouped_folds, grouped_holdout, load_dataset_file, prepare


def load(path: Path, labels=None, group=None):
    return prepare(load_dataset_file(path), str(path), labels=labels, group_column=group)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def one_line(err: pytest.ExceptionInfo) -> str:
    message = str(err.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.csv", "", "empty.csv: file is empty"),
        ("blank.jsonl", "\n\n", "blank.jsonl: file is empty"),
        ("header.csv", "text,label\n", "header.csv: no data rows"),
        (
            "ragged.csv",
            "text,label\nA sentence.,other\nB,other,extra\n",
            "ragged.csv, line 3: expected 2 fields",
        ),
        (
            "latin1.csv",
            b"text,label\nok,other\ncaf\xe9,other\n",
            "latin1.csv, line 3: not valid UTF-8",
        ),
        (
            "cut.jsonl",
            '{"text": "A.", "label": "other"}\n{"text": "B.", "lab',
            "cut.jsonl, line 2: not valid JSON",
        ),
        ("nolabel.csv", "text,lbl\nA.,other\n", "The label column 'label' is missing from"),
        ("notext.jsonl", '{"body": "A.", "label": "other"}\n', "The text column 'text' is missing"),
        ("blanktext.csv", "text,label\nA.,other\n   ,other\n", "blanktext.csv, row 2: empty text"),
        ("types.txt", "text,label\n", "unsupported file type '.txt'"),
    ],
)
def test_bad_files_name_file_row_and_reason(tmp_path, name, content, expected):
    path = write(tmp_path, name, content)
    with pytest.raises(DataError) as err:
        load(path)
    assert expected in one_line(err)
    assert name in str(err.value)


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match="nowhere.csv: file not found"):
        load(tmp_path / "nowhere.csv")


def test_label_outside_label_set(tmp_path):
    path = write(tmp_path, "odd.csv", "text,label\nA.,other\nB.,gossip\n")
    with pytest.raises(DataError) as err:
        load(path, labels=["other", "rumor"])
    assert "odd.csv, row 2: label 'gossip' is not one of other, rumor" in one_line(err)


def test_class_too_rare_to_split():
    ds = Dataset.from_dict(
        {"text": ["a", "b", "c", "d"], "label": ["x", "x", "y", "x"], "g": ["1", "2", "3", "4"]}
    )
    data = prepare(ds, "mem", group_column="g")
    with pytest.raises(DataError) as err:
        grouped_holdout(data, 0.25, seed=1)
    assert "class 'y' occurs in 1 article(s)" in one_line(err)


def test_all_three_formats_load_alike(tmp_path, tiny_rows):
    rows = [{k: r[k] for k in ("text", "label", "article_id")} for r in tiny_rows]
    jsonl = tmp_path / "d.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    csv_path = tmp_path / "d.csv"
    Dataset.from_list(rows).to_csv(csv_path, index=False)
    parquet = tmp_path / "d.parquet"
    pq.write_table(pa.Table.from_pylist(rows), parquet)
    loaded = [load(p, group="article_id") for p in (jsonl, csv_path, parquet)]
    assert loaded[0].texts == loaded[1].texts == loaded[2].texts
    assert loaded[0].fingerprint == loaded[1].fingerprint == loaded[2].fingerprint


def test_splits_never_share_an_article(tiny_rows):
    ds = Dataset.from_list(tiny_rows)
    data = prepare(ds, "tiny", group_column="article_id")
    train, test = grouped_holdout(data, 0.25, seed=3)
    assert not {data.groups[i] for i in train} & {data.groups[i] for i in test}
    folds = grouped_folds(data, 4, seed=3)
    assert sorted(i for _, t in folds for i in t) == list(range(len(data)))
    for train, test in folds:
        assert not {data.groups[i] for i in train} & {data.groups[i] for i in test}
    again = grouped_folds(data, 4, seed=3)
    assert all((a[1] == b[1]).all() for a, b in zip(folds, again))


def test_hub_source_loads_a_dataset_folder(tmp_path, tiny_rows):
    """The hub code path (datasets.load_dataset) on a local folder laid out like a hub repo."""
    from omegaconf import OmegaConf

    from newstag.config import DataConfig
    from newstag.data import load_labelled

    repo = tmp_path / "org-news"
    repo.mkdir()
    (repo / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in tiny_rows))
    cfg = OmegaConf.structured(
        DataConfig(name="hub", source="hub", hub_id=str(repo), group_column="article_id")
    )
    data = load_labelled(cfg)
    assert len(data) == 40 and data.source == str(repo)
    assert data.texts == [r["text"] for r in tiny_rows]
    cfg.hub_id = str(tmp_path / "missing")
    with pytest.raises(DataError, match="could not load split 'train'"):
        load_labelled(cfg)
