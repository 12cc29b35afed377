"""Model quality: the default model against two standard baselines, on the corpus and on real news.

For each recipe: grouped 5-fold cross-validation on the shipped corpus, then a model trained on
the whole corpus and scored on ../shared/realnews/dev.jsonl (real sentences, measurement only;
that part is skipped when the file is absent): macro-F1, accuracy, per-class F1 and expected
calibration error. Then the same recipes trained on the real dev sentences alone, scored by
grouped 5-fold cross-validation. Usage: python benchmarks/quality.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from sklearn.base import clone

from newstag.config import compose_config
from newstag.data import grouped_folds, load_labelled, prepare
from newstag.evaluate import compute_metrics
from newstag.models import class_scores
from newstag.train import build_pipeline

REALNEWS = Path(__file__).resolve().parents[1] / ".." / "shared" / "realnews" / "dev.jsonl"
RECIPES = {
    "default (scheme cues + calibrated SVM)": ["experiment=default"],
    "baseline: word TF-IDF + linear SVM": ["experiment=baseline_word_svm"],
    "baseline: word+char TF-IDF + linear SVM": ["experiment=baseline_word_char_svm"],
}


def predict(model, texts: list[str]) -> tuple[list[str], np.ndarray]:
    scores, _ = class_scores(model, texts)
    best = scores.argmax(axis=1)
    return list(np.asarray(model.classes_)[best]), scores[np.arange(len(best)), best]


def cross_validated(template, data, n_splits: int = 5) -> dict:
    predicted, confidence = [None] * len(data), np.zeros(len(data))
    texts, labels = np.asarray(data.texts, dtype=object), np.asarray(data.labels, dtype=object)
    for train, test in grouped_folds(data, n_splits, seed=42):
        model = clone(template).fit(list(texts[train]), list(labels[train]))
        p, c = predict(model, list(texts[test]))
        for i, pi, ci in zip(test, p, c):
            predicted[i], confidence[i] = pi, ci
    return compute_metrics(data.labels, predicted, data.label_set, confidence)


def line(name: str, m: dict) -> str:
    per_class = " ".join(f"{v['f1']:.2f}" for v in m["per_class"].values())
    return (
        f"  {name:42s} macro-F1 {m['macro_f1']:.3f}  acc {m['accuracy']:.3f}  "
        f"ECE {m.get('ece', float('nan')):.3f}  per-class F1 [{per_class}]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the cross-validations")
    args = parser.parse_args()
    corpus_cfg = compose_config()
    corpus = load_labelled(corpus_cfg.data)
    order = ", ".join(corpus.label_set)
    print(
        f"corpus: {len(corpus)} sentences, {len(set(corpus.groups))} articles; "
        f"per-class order: {order}"
    )
    real = None
    if REALNEWS.exists():
        from newstag.data import load_dataset_file

        real = prepare(
            load_dataset_file(REALNEWS),
            str(REALNEWS),
            group_column="article_id",
            labels=corpus.label_set,
        )
    else:
        print(f"  ({REALNEWS} not found: real-news figures skipped)")
    results: dict[str, dict] = {}
    for name, overrides in RECIPES.items():
        template = build_pipeline(compose_config(overrides))
        start = time.perf_counter()
        row: dict = {}
        if not args.quick:
            row["cv"] = cross_validated(template, corpus)
        model = clone(template).fit(corpus.texts, corpus.labels)
        if real is not None:
            p, c = predict(model, real.texts)
            row["real"] = compute_metrics(real.labels, p, corpus.label_set, c)
            if not args.quick:
                row["real_cv"] = cross_validated(template, real)
        row["seconds"] = time.perf_counter() - start
        results[name] = row
    for key, title in [
        ("cv", "grouped 5-fold CV on the shipped corpus"),
        ("real", "trained on the corpus, scored on real news (dev.jsonl)"),
        ("real_cv", "trained on real news alone: grouped 5-fold CV on dev.jsonl"),
    ]:
        if all(key in row for row in results.values()):
            print(title + ":")
            for name, row in results.items():
                print(line(name, row[key]))
    if real is not None:
        default, *baselines = results.values()
        for name, row in list(results.items())[1:]:
            print(
                f"default / {name.split(': ')[1]} on real news: "
                f"{default['real']['macro_f1'] / row['real']['macro_f1']:.2f}x macro-F1"
            )
        worst = min(default["real"]["per_class"].items(), key=lambda kv: kv[1]["f1"])
        print(
            f"default on real news: macro-F1 {default['real']['macro_f1']:.3f} "
            f"(target 0.80), weakest class {worst[0]} {worst[1]['f1']:.3f} (target 0.65), "
            f"ECE {default['real']['ece']:.3f}"
        )
    print(
        json.dumps(
            {
                n: {k: v["macro_f1"] for k, v in r.items() if isinstance(v, dict)}
                for n, r in results.items()
            }
        )
    )


if __name__ == "__main__":
    main()
