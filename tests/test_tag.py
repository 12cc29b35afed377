"""Batch tagging: formats, errors that never stop a batch, atomic output, resume, parallel."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstag.tag import (
    TagError,
    TagOptions,
    _FileSink,
    jsonl_encoder,
    output_columns,
    tag_files,
)

ARTICLE = (
    "KABUL, March 3 (Reuters) - At least 12 people were killed when a bomb exploded near a "
    "market in the Afghan capital on Tuesday, officials said.\n\n"
    'The interior ministry ordered all checkpoints reinforced. "We will not allow them to '
    'win," a spokesman said.\n\nIt was not immediately clear who was behind the attack.'
)


def articles(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(ARTICLE.replace("12", str(10 + i)), encoding="utf-8")
    return folder


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_rows_have_offsets_labels_and_confidence(tiny_bundle, tmp_path):
    folder = articles(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    summary = tag_files(tiny_bundle, [str(folder)], out, opts=TagOptions(all_scores=True))
    rows = read_jsonl(out)
    assert summary.read == summary.tagged == 3 and summary.errors == 0
    assert summary.sentences == len(rows) == 12
    labels = json.loads((tiny_bundle / "manifest.json").read_text())["labels"]
    for row in rows:
        text = (tmp_path / row["doc_id"]).read_text(encoding="utf-8")
        assert text[row["start"] : row["end"]] == row["text"]
        assert row["label"] in labels and 0 < row["confidence"] <= 1
        scores = [row[f"score_{label}"] for label in labels]
        assert abs(sum(scores) - 1) < 1e-3 and max(scores) == row["confidence"]
    assert [r["doc_id"] for r in rows] == sorted(r["doc_id"] for r in rows)  # input order kept
    assert [r["sent_id"] for r in rows[:5]] == [0, 1, 2, 3, 0]


def test_formats_follow_the_extension(tiny_bundle, tmp_path):
    folder = articles(tmp_path / "in", 2)
    outputs = {ext: tmp_path / f"out.{ext}" for ext in ("jsonl", "csv", "parquet")}
    for path in outputs.values():
        tag_files(tiny_bundle, [str(folder)], path, opts=TagOptions(min_confidence=0.99))
    jsonl = read_jsonl(outputs["jsonl"])
    with open(outputs["csv"], newline="", encoding="utf-8") as fh:
        csv_rows = list(csv.DictReader(fh))
    parquet = pq.read_table(outputs["parquet"]).to_pylist()
    assert len(jsonl) == len(csv_rows) == len(parquet) == 8
    assert (
        [r["text"] for r in jsonl] == [r["text"] for r in csv_rows] == [r["text"] for r in parquet]
    )
    assert all(r["uncertain"] is True for r in jsonl)  # every tiny-model row is below 0.99
    assert list(csv_rows[0]) == [
        "doc_id",
        "sent_id",
        "start",
        "end",
        "text",
        "label",
        "confidence",
        "uncertain",
    ]


def test_table_inputs_and_sentences_mode(tiny_bundle, tmp_path):
    table = tmp_path / "articles.jsonl"
    table.write_text(
        json.dumps({"id": "x1", "text": ARTICLE})
        + "\n"
        + json.dumps({"id": "x2", "text": "Two more died."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    tag_files(tiny_bundle, [str(table)], out)
    assert [r["doc_id"] for r in read_jsonl(out)] == ["x1"] * 4 + ["x2"]
    sentences = tmp_path / "sentences.csv"
    sentences.write_text(
        "id,text\ns1,Three soldiers were wounded. The army said so.\n", encoding="utf-8"
    )
    tag_files(tiny_bundle, [str(sentences)], out, opts=TagOptions(sentences=True))
    rows = read_jsonl(out)
    assert len(rows) == 1 and rows[0]["text"] == "Three soldiers were wounded. The army said so."


def test_bad_documents_go_to_errors_and_the_batch_goes_on(tiny_bundle, tmp_path):
    folder = articles(tmp_path / "in", 2)
    (folder / "b_latin1.txt").write_bytes(b"caf\xe9 bombing\n")
    (folder / "b_empty.txt").write_text("   \n")
    (folder / "b_binary.txt").write_bytes(b"\x00\x01\x02abc")
    (folder / "b_huge.txt").write_text("word " * 500)
    table = tmp_path / "rows.jsonl"
    table.write_text(
        '{"id": "ok", "text": "Five were killed."}\n{"id": "cut", "text": "Tw\n{"id": "notext"}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    summary = tag_files(
        tiny_bundle, [str(folder), str(table)], out, opts=TagOptions(max_chars=1000)
    )
    errors = {e["doc_id"]: e["error"] for e in read_jsonl(Path(str(out) + ".errors.jsonl"))}
    assert errors["in/b_latin1.txt"].startswith("not valid UTF-8")
    assert errors["in/b_empty.txt"] == "empty document"
    assert errors["in/b_binary.txt"] == "binary content (NUL bytes)"
    assert errors["in/b_huge.txt"].startswith("document too large")
    assert errors[f"{table}:2"].startswith("not valid JSON")
    assert errors["notext"] == "no 'text' field"
    assert summary.read == summary.tagged + summary.errors == 9
    assert summary.errors == 6
    assert {r["doc_id"] for r in read_jsonl(out)} == {"in/a0000.txt", "in/a0001.txt", "ok"}
    assert "read 9 documents: 3 tagged" in summary.line()


def test_output_equal_to_input_is_refused(tiny_bundle, tmp_path):
    table = tmp_path / "rows.jsonl"
    table.write_text('{"text": "Five were killed."}\n')
    with pytest.raises(TagError, match="output path is also an input"):
        tag_files(tiny_bundle, [str(table)], table)
    assert table.read_text() == '{"text": "Five were killed."}\n'


def test_workers_give_identical_output(tiny_bundle, tmp_path):
    folder = articles(tmp_path / "in", 40)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    tag_files(tiny_bundle, [str(folder)], one, batch_size=3)
    tag_files(tiny_bundle, [str(folder)], two, batch_size=3, workers=2)
    assert one.read_bytes() == two.read_bytes()


def _cli(*args: str, cwd: Path, **kwargs) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("newstag")
    return subprocess.Popen(
        [str(exe), *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def test_kill_9_then_resume_has_no_duplicate_or_missing_row(tiny_bundle, tmp_path):
    folder = articles(tmp_path / "in", 400)
    reference = tmp_path / "reference.jsonl"
    tag_files(tiny_bundle, [str(folder)], reference, batch_size=2)
    out = tmp_path / "out.jsonl"
    checkpoint = tmp_path / "out.jsonl.checkpoint.json"
    job = ["tag", str(tiny_bundle), str(folder), "-o", str(out), "--batch-size", "2"]
    proc = _cli(*job, "--quiet", cwd=tmp_path)
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until a few batches are checkpointed, then kill -9
        if checkpoint.exists() and json.loads(checkpoint.read_text() or "{}").get("read", 0) >= 20:
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists(), "the job finished before it could be killed"
    assert (tmp_path / "out.jsonl.partial").exists()
    resumed = _cli(*job, "--resume", cwd=tmp_path)
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert "resumed after" in err
    assert out.read_bytes() == reference.read_bytes()
    assert not checkpoint.exists() and not (tmp_path / "out.jsonl.partial").exists()


def test_stdin_and_stdout(tiny_bundle, tmp_path):
    proc = _cli("tag", str(tiny_bundle), "-", "--quiet", cwd=tmp_path, stdin=subprocess.PIPE)
    out, err = proc.communicate(ARTICLE, timeout=120)
    assert proc.returncode == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 4 and {r["doc_id"] for r in rows} == {"-"}


def test_segment_command_prints_sentences(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = _cli("segment", "a.txt", "--jsonl", cwd=tmp_path)
    out, err = proc.communicate(timeout=60)
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 4 and all(ARTICLE[r["start"] : r["end"]] == r["text"] for r in rows)


def test_dask_local_cluster_matches_local_run(tiny_bundle, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    folder = articles(tmp_path / "in", 6)
    (folder / "bad.txt").write_bytes(b"\xff\xfe")
    local, remote = tmp_path / "local.jsonl", tmp_path / "remote.jsonl"
    tag_files(tiny_bundle, [str(folder)], local)
    # a local job over a table of 7 articles that dies after its first batch of 3
    table = tmp_path / "table.jsonl"
    table.write_text(
        "".join(json.dumps({"id": f"a{i}", "text": ARTICLE}) + "\n" for i in range(7)),
        encoding="utf-8",
    )
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    tag_files(tiny_bundle, [str(table)], whole)
    real_write = _FileSink.write

    def write_then_die(self, *args):
        real_write(self, *args)
        raise KeyboardInterrupt

    monkeypatch.setattr(_FileSink, "write", write_then_die)
    with pytest.raises(KeyboardInterrupt):
        tag_files(tiny_bundle, [str(table)], cut, batch_size=3)
    monkeypatch.undo()
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        summary = tag_files(tiny_bundle, [str(folder)], remote, scheduler=cluster.scheduler_address)
        # the cluster re-tags the whole file and drops the 3 documents already written
        resumed = tag_files(
            tiny_bundle, [str(table)], cut, resume=True, scheduler=cluster.scheduler_address
        )
    assert resumed.resumed_from == 3 and resumed.read == 7
    assert cut.read_bytes() == whole.read_bytes()
    assert summary.errors == 1 and summary.tagged == 6
    assert local.read_bytes() == remote.read_bytes()
    assert (
        Path(str(local) + ".errors.jsonl").read_bytes()
        == Path(str(remote) + ".errors.jsonl").read_bytes()
    )


_ROW = st.tuples(
    st.text(),
    st.integers(0, 10**6),
    st.integers(0, 10**9),
    st.integers(0, 10**9),
    st.text(),
    st.sampled_from(["policy", "rumor", 'odd "label"\n']),
    st.floats(0, 1),
    st.booleans(),
    st.floats(-5, 5),
    st.floats(-5, 5),
)


@given(st.lists(_ROW, max_size=5))
def test_jsonl_encoder_writes_what_json_dumps_would(rows):
    """The fast row encoder must match json.dumps byte for byte, for every column layout."""
    labels = ["a", "b"]
    for opts in (
        TagOptions(),
        TagOptions(min_confidence=0.5),
        TagOptions(all_scores=True),
        TagOptions(min_confidence=0.5, all_scores=True),
    ):
        columns = output_columns(labels, opts)
        keep = [0, 1, 2, 3, 4, 5, 6]
        keep += [7] if opts.min_confidence is not None else []
        keep += [8, 9] if opts.all_scores else []
        cut = [tuple(row[i] for i in keep) for row in rows]
        expected = "".join(
            json.dumps(dict(zip(columns, row)), ensure_ascii=False) + "\n" for row in cut
        )
        assert jsonl_encoder(columns)(cut) == expected
