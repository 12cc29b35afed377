"""Training runs write a complete, reproducible run directory and a verifiable bundle."""

from __future__ import annotations

import json

from omegaconf import open_dict

from newstag.persistence import load_bundle
from newstag.train import train

RUN_FILES = {
    "metrics.json",
    "report.txt",
    "confusion_matrix.png",
    "misclassified.jsonl",
    "config.yaml",
}
BUNDLE_FILES = {
    "model.joblib",
    "manifest.json",
    "metrics.json",
    "config.yaml",
    "confusion_matrix.png",
    "MODEL_CARD.md",
    "report.txt",
}


def test_holdout_run_writes_everything(cfg_tiny, tmp_path):
    metrics = train(cfg_tiny)
    run = tmp_path / "run"
    assert RUN_FILES <= {p.name for p in run.iterdir()}
    assert {p.name for p in (run / "model").iterdir()} == BUNDLE_FILES
    on_disk = json.loads((run / "metrics.json").read_text())
    for key in ("macro_f1", "accuracy", "n", "labels", "per_class", "confusion_matrix", "timings"):
        assert key in on_disk
    assert on_disk["labels"] == ["casualty_figure", "rumor", "policy", "statement", "other"]
    assert set(on_disk["per_class"]["rumor"]) == {"precision", "recall", "f1", "support"}
    assert sum(map(sum, on_disk["confusion_matrix"])) == on_disk["n"] == metrics["n"]
    assert 0 < on_disk["n"] < 40  # a holdout, not the training data
    for line in (run / "misclassified.jsonl").read_text().splitlines():
        row = json.loads(line)
        assert set(row) == {"text", "true", "predicted", "confidence"}
        assert row["true"] != row["predicted"]
    assert (run / "confusion_matrix.png").read_bytes()[:4] == b"\x89PNG"


def test_cv_run_scores_every_sentence_once(cfg_tiny):
    with open_dict(cfg_tiny):
        cfg_tiny.split.method = "cv"
        cfg_tiny.split.n_splits = 4
        cfg_tiny.model.calibration = None
    metrics = train(cfg_tiny)
    assert metrics["n"] == 40 and metrics["n_folds"] == 4


def test_same_seed_same_metrics_and_predictions(cfg_tiny_global, tmp_path):
    from tests.conftest import in_tmp

    outputs = []
    for name in ("a", "b"):
        cfg = in_tmp(cfg_tiny_global, tmp_path / name)
        metrics = train(cfg)
        metrics.pop("timings")
        bundle = load_bundle(tmp_path / name / "run" / "model")
        texts = ["Three soldiers died.", "The ministry banned rallies.", "He said it was over."]
        labels, confidence, _ = bundle.predict(texts)
        missed = (tmp_path / name / "run" / "misclassified.jsonl").read_text()
        outputs.append((metrics, labels, confidence.tolist(), missed))
    assert outputs[0] == outputs[1]


def test_publish_copies_a_verifiable_bundle(cfg_tiny, tmp_path):
    with open_dict(cfg_tiny):
        cfg_tiny.publish = "mine"
    train(cfg_tiny)
    bundle = load_bundle(tmp_path / "models" / "mine")
    manifest = bundle.manifest
    assert manifest["labels"] == sorted(bundle.labels) or manifest["labels"] == bundle.labels
    for lib in ("python", "newstag", "scikit-learn", "numpy", "scipy", "joblib"):
        assert manifest["versions"][lib]
    assert len(manifest["data"]["fingerprint"]) == 64
    assert set(manifest["files"]) == BUNDLE_FILES - {"manifest.json"}
    assert manifest["metrics"]["macro_f1"] >= 0
    assert "git_commit" in manifest


def test_refit_false_bundles_the_holdout_model(cfg_tiny, tmp_path):
    with open_dict(cfg_tiny):
        cfg_tiny.split.refit = False
    metrics = train(cfg_tiny)
    assert metrics["timings"]["final_fit_seconds"] == 0.0
    bundle = load_bundle(tmp_path / "run" / "model")
    assert bundle.manifest["data"]["n"] == 40 and bundle.labels
