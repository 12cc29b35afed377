"""Scoring predictions: the metrics dictionary, the per-class report and the plots."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    precision_recall_fscore_support,
)


def expected_calibration_error(
    confidence: np.ndarray, correct: np.ndarray, n_bins: int = 10
) -> float:
    """Gap between confidence and accuracy, averaged over equal-width confidence bins."""
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=float)
    if confidence.size == 0:
        return 0.0
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    total = 0.0
    for b in range(n_bins):
        mask = bins == b
        if mask.any():
            total += mask.sum() * abs(confidence[mask].mean() - correct[mask].mean())
    return float(total / confidence.size)


def compute_metrics(
    y_true: Sequence[str],
    y_pred: Sequence[str],
    labels: Sequence[str],
    confidence: np.ndarray | None = None,
) -> dict:
    """Macro-F1, accuracy, per-class scores and the confusion matrix (rows true, cols predicted)."""
    labels = list(labels)
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0
    )
    metrics = {
        "macro_f1": float(np.mean(f1)),
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "n": len(y_true),
        "labels": labels,
        "per_class": {
            label: {
                "precision": float(p),
                "recall": float(r),
                "f1": float(f),
                "support": int(s),
            }
            for label, p, r, f, s in zip(labels, precision, recall, f1, support)
        },
        "confusion_matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
    }
    if confidence is not None:
        correct = np.asarray(y_true) == np.asarray(y_pred)
        metrics["ece"] = expected_calibration_error(confidence, correct)
    return metrics


def text_report(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str]) -> str:
    """scikit-learn's per-class report."""
    return classification_report(y_true, y_pred, labels=list(labels), digits=3, zero_division=0)


def plot_confusion_matrix(metrics: dict, path: str | Path, title: str = "") -> Path:
    """Write the confusion matrix of ``metrics`` as a PNG, counts and row-normalised colour."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = metrics["labels"]
    matrix = np.asarray(metrics["confusion_matrix"], dtype=float)
    rates = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    fig, ax = plt.subplots(figsize=(1.1 * len(labels) + 2.5, 1.0 * len(labels) + 2))
    ax.imshow(rates, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(labels)), labels, rotation=35, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    for i in range(len(labels)):
        for j in range(len(labels)):
            colour = "white" if rates[i, j] > 0.6 else "black"
            ax.text(
                j, i, str(int(matrix[i, j])), ha="center", va="center", color=colour, fontsize=9
            )
    ax.set_title(title or f"macro-F1 {metrics['macro_f1']:.3f}, n={metrics['n']}")
    fig.tight_layout()
    path = Path(path)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def misclassified(
    texts: Sequence[str],
    y_true: Sequence[str],
    y_pred: Sequence[str],
    confidence: np.ndarray,
    limit: int | None = None,
) -> list[dict]:
    """Wrong predictions, most confident first: the rows worth reading."""
    rows: list[dict[str, Any]] = [
        {"text": t, "true": g, "predicted": p, "confidence": round(float(c), 4)}
        for t, g, p, c in zip(texts, y_true, y_pred, confidence)
        if g != p
    ]
    rows.sort(key=lambda r: -r["confidence"])
    return rows[:limit] if limit else rows


def evaluate_file(
    model: str | Path,
    data: str | Path,
    text_column: str = "text",
    label_column: str = "label",
    allow_version_mismatch: bool = False,
) -> tuple[dict, str]:
    """Score a bundle on a labelled CSV/JSONL/Parquet file; return metrics and the text report."""
    from newstag.data import load_dataset_file, prepare
    from newstag.persistence import load_bundle

    bundle = load_bundle(model, allow_version_mismatch)
    labelled = prepare(
        load_dataset_file(data), str(data), text_column, label_column, labels=bundle.labels
    )
    predicted, confidence, _ = bundle.predict(labelled.texts)
    metrics = compute_metrics(labelled.labels, predicted, bundle.labels, confidence)
    metrics.update(model=str(model), data=str(data), data_fingerprint=labelled.fingerprint)
    return metrics, text_report(labelled.labels, predicted, bundle.labels)
