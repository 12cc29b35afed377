"""The shipped corpus: spans match their articles, labels are in the scheme, ids are unique,
and the default split never puts one article on both sides."""

from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newstag.data import grouped_folds, grouped_holdout, load_labelled
from tests.conftest import LABELS, compose_train

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    lines = (DATA / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_spans_match_article_text(rows):
    articles: dict[str, str] = {}
    for row in rows:
        aid = row["article_id"]
        if aid not in articles:
            articles[aid] = (DATA / "articles" / f"{aid}.txt").read_text(encoding="utf-8")
        assert articles[aid][row["start"] : row["end"]] == row["text"], row["id"]
    assert len(articles) == len(list((DATA / "articles").glob("*.txt")))


def test_positions_are_in_order_and_gaps_are_whitespace(rows):
    by_article = collections.defaultdict(list)
    for row in rows:
        by_article[row["article_id"]].append(row)
    for aid, sentences in by_article.items():
        text = (DATA / "articles" / f"{aid}.txt").read_text(encoding="utf-8")
        assert [s["position"] for s in sentences] == list(range(len(sentences)))
        ends = [0] + [s["end"] for s in sentences]
        for previous_end, sentence in zip(ends, sentences):
            assert not text[previous_end : sentence["start"]].strip(), sentence["id"]


def test_labels_ids_and_fields(rows):
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows)
    assert {r["label"] for r in rows} == set(LABELS)
    for row in rows:
        assert row["setting"] and row["source_type"] and row["text"].strip() == row["text"]


def test_size_and_balance(rows):
    counts = collections.Counter(r["label"] for r in rows)
    assert len(rows) >= 3000 and min(counts.values()) >= 300
    assert len({r["article_id"] for r in rows}) >= 150
    assert len({r["setting"] for r in rows}) >= 25


def test_annotation_record_matches_final_labels(rows):
    lines = (DATA / "annotation" / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    final = {a["id"]: a["final"] for a in map(json.loads, lines)}
    assert final == {r["id"]: r["label"] for r in rows}


def test_default_split_keeps_articles_apart():
    cfg = compose_train()
    data = load_labelled(cfg.data)
    train, test = grouped_holdout(data, cfg.split.test_size, cfg.split.seed)
    assert not {data.groups[i] for i in train} & {data.groups[i] for i in test}
    for train, test in grouped_folds(data, 5, cfg.split.seed):
        assert not {data.groups[i] for i in train} & {data.groups[i] for i in test}


def test_annotation_record_and_agreement_report(rows):
    """Every sentence records its passes; the agreement tool reports both labelling rounds."""
    path = DATA / "annotation" / "labels.jsonl"
    passes = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for a in passes:
        assert {a["first"], a["second"], a["first_round"], a["final"]} <= set(LABELS), a["id"]
        if a["third"] is None:  # no third pass: the first round is final
            assert a["final"] == a["first_round"], a["id"]
    with_third = sum(a["third"] is not None for a in passes)
    report = subprocess.run(
        [sys.executable, str(DATA / "tools" / "agreement.py"), str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"first vs second: {len(rows)} sentences" in report
    assert f"first_round vs third: {with_third} sentences" in report
