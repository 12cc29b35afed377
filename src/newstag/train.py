"""Training runs: fit a configured pipeline, evaluate it by article, and record everything.

``train(cfg)`` is the plain function behind ``newstag train``; it writes the run directory
(metrics, report, plots, misclassified sentences, config, bundle) and returns the metrics.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
from hydra.utils import instantiate
from omegaconf import DictConfig, OmegaConf
from sklearn.base import clone
from sklearn.pipeline import Pipeline

from newstag.data import Labelled, grouped_folds, grouped_holdout, load_labelled
from newstag.evaluate import compute_metrics, misclassified, plot_confusion_matrix, text_report
from newstag.models import class_scores
from newstag.persistence import (
    atomic_path,
    copy_from,
    dump_model,
    git_commit,
    replace_dir,
    save_bundle,
    write_json,
)

log = logging.getLogger(__name__)

BUNDLE_DIR = "model"


def build_pipeline(cfg: DictConfig) -> Pipeline:
    """The features and classifier a config describes, as one unfitted pipeline."""
    features = instantiate(cfg.features, _convert_="all")
    model = instantiate(cfg.model, _convert_="all")
    return Pipeline([("features", features), ("clf", model)])


def _predict(pipeline: Pipeline, texts: list[str]) -> tuple[list[str], np.ndarray, str]:
    scores, kind = class_scores(pipeline, texts)
    classes = np.asarray(pipeline.classes_)
    best = scores.argmax(axis=1)
    return list(classes[best]), scores[np.arange(len(best)), best], kind


def cross_validate(
    template: Pipeline, data: Labelled, folds: list[tuple[np.ndarray, np.ndarray]]
) -> tuple[list[str | None], np.ndarray, str, float, Pipeline]:
    """Out-of-fold predictions and confidences for every row covered by a test fold.

    Also returns the model of the last fold (the holdout model when there is one fold).
    """
    predicted: list[str | None] = [None] * len(data)
    confidence = np.full(len(data), np.nan)
    texts, labels = np.asarray(data.texts, dtype=object), np.asarray(data.labels, dtype=object)
    kind, fit_seconds, model = "", 0.0, template
    for number, (train_idx, test_idx) in enumerate(folds, 1):
        start = time.perf_counter()
        model = clone(template).fit(list(texts[train_idx]), list(labels[train_idx]))
        fit_seconds += time.perf_counter() - start
        preds, conf, kind = _predict(model, list(texts[test_idx]))
        for i, p, c in zip(test_idx, preds, conf):
            predicted[i], confidence[i] = p, c
        log.info(
            "fold %d/%d: %d train, %d test sentences",
            number,
            len(folds),
            len(train_idx),
            len(test_idx),
        )
    return predicted, confidence, kind, fit_seconds, model


def run_config(cfg: DictConfig) -> dict:
    """The composed config as plain data, without Hydra's own settings."""
    plain = OmegaConf.masked_copy(cfg, [str(k) for k in cfg if k != "hydra"])
    config = OmegaConf.to_container(plain, resolve=True, throw_on_missing=False)
    assert isinstance(config, dict)
    return config


def _model_card(name: str, cfg: dict, metrics: dict, data: Labelled) -> str:
    rows = "\n".join(
        f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |"
        for label, m in metrics["per_class"].items()
    )
    split = cfg["split"]
    how = (
        f"grouped {split['n_splits']}-fold cross-validation"
        if split["method"] == "cv"
        else f"a grouped holdout of {split['test_size']:.0%} of articles"
    )
    return f"""# Model card: {name}

Sentence classifier trained with newstag on `{data.source}` ({len(data)} sentences,
{len(set(data.groups))} articles). Labels: {", ".join(data.label_set)}.

- Features: `{cfg["features"].get("_target_")}`; model: `{cfg["model"].get("_target_")}`
- Evaluated by {how}; articles never sit on both sides of a split.
- Macro-F1 {metrics["macro_f1"]:.3f}, accuracy {metrics["accuracy"]:.3f}, n = {metrics["n"]}.

| label | precision | recall | F1 | support |
| --- | --- | --- | --- | --- |
{rows}

Intended use: tagging sentences of English news about armed conflict for analysts, who review
low-confidence rows. Scores measured on the training distribution overstate quality on other
outlets; measure on your own labelled sample with `newstag evaluate` before relying on it.
Load it only with `newstag` (hashes are checked before the pickle is opened).
"""


def train(cfg: DictConfig) -> dict:
    """Fit, evaluate and record one run; return its metrics."""
    started = time.perf_counter()
    out = Path(cfg.paths.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = load_labelled(cfg.data)
    log.info(
        "loaded %d sentences from %d articles (%s)", len(data), len(set(data.groups)), data.source
    )
    template = build_pipeline(cfg)
    split = cfg.split
    if split.method == "cv":
        folds = grouped_folds(data, split.n_splits, split.seed)
    elif split.method == "holdout":
        folds = [grouped_holdout(data, split.test_size, split.seed)]
    else:
        raise ValueError(f"split.method must be 'holdout' or 'cv', got {split.method!r}")
    predicted, confidence, kind, fit_seconds, last = cross_validate(template, data, folds)
    covered = [i for i, p in enumerate(predicted) if p is not None]
    y_true = [data.labels[i] for i in covered]
    y_pred = [str(predicted[i]) for i in covered]
    conf = confidence[covered]
    metrics = compute_metrics(y_true, y_pred, data.label_set, conf)
    final_fit = 0.0
    if split.method == "holdout" and not split.refit:
        final = last
    else:
        start = time.perf_counter()
        final = clone(template).fit(data.texts, data.labels)
        final_fit = time.perf_counter() - start
        fit_seconds += final_fit
    metrics.update(
        split=split.method,
        n_folds=len(folds),
        n_train_sentences=len(data),
        n_articles=len(set(data.groups)),
        confidence=kind,
        data_fingerprint=data.fingerprint,
        timings={
            "fit_seconds": round(fit_seconds, 3),
            "final_fit_seconds": round(final_fit, 3),
            "total_seconds": round(time.perf_counter() - started, 3),
        },
    )
    config = run_config(cfg)
    write_json(out / "metrics.json", metrics)
    report = text_report(y_true, y_pred, data.label_set)
    with atomic_path(out / "report.txt", encoding="utf-8") as fh:
        fh.write(report)
    plot_confusion_matrix(metrics, out / "confusion_matrix.png")
    with atomic_path(out / "misclassified.jsonl", encoding="utf-8") as fh:
        texts = [data.texts[i] for i in covered]
        for row in misclassified(texts, y_true, y_pred, conf, cfg.misclassified_limit):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    with atomic_path(out / "config.yaml", encoding="utf-8") as fh:
        fh.write(OmegaConf.to_yaml(config))
    name = cfg.experiment_name
    manifest = {
        "name": name,
        "labels": [str(c) for c in final.classes_],
        "confidence": kind,
        "data": {
            "source": data.source,
            "fingerprint": data.fingerprint,
            "n": len(data),
            "articles": len(set(data.groups)),
        },
        "git_commit": git_commit(Path(__file__).parent),
        "config": config,
        "metrics": {k: metrics[k] for k in ("macro_f1", "accuracy", "n", "split")},
    }
    card = out / "MODEL_CARD.md"
    with atomic_path(card, encoding="utf-8") as fh:
        fh.write(_model_card(name, config, metrics, data))
    files = {"model.joblib": dump_model(final)}
    for n in ("metrics.json", "report.txt", "confusion_matrix.png", "config.yaml", card.name):
        files[n] = copy_from(out / n)
    bundle = save_bundle(out / BUNDLE_DIR, files, manifest)
    log.info(
        "macro-F1 %.4f, accuracy %.4f on %d held-out sentences; bundle in %s",
        metrics["macro_f1"],
        metrics["accuracy"],
        metrics["n"],
        bundle,
    )
    if cfg.publish:
        target = Path(cfg.paths.models_dir) / cfg.publish
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=_parent(target)))
        shutil.copytree(bundle, staging, dirs_exist_ok=True)
        replace_dir(staging, target)
        log.info("published the bundle to %s", target)
    return metrics


def _parent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.parent
