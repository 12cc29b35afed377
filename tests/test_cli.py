"""The real `newstag` entry point end to end: train, evaluate, compare, sweeps and help."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TINY_OVERRIDES

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = ["train", "evaluate", "tag", "segment", "compare", "export"]


def newstag(*args: str, cwd: Path, check: bool = True, **env: str) -> subprocess.CompletedProcess:
    """Run the installed console script, as a user would, from ``cwd``."""
    exe = Path(sys.executable).with_name("newstag")
    result = subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NEWSTAG_ROOT": str(cwd), "HYDRA_FULL_ERROR": "0", **env},
    )
    if check and result.returncode != 0:
        raise AssertionError(f"newstag {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result


def single_run(root: Path) -> Path:
    runs = sorted((root / "runs" / "train").glob("20*"))
    assert len(runs) == 1, runs
    return runs[0]


def test_train_evaluate_compare_end_to_end(tmp_path):
    newstag("train", *TINY_OVERRIDES, "publish=tiny", cwd=tmp_path)
    run = single_run(tmp_path)
    assert (run / ".hydra" / "config.yaml").exists() and (run / "model" / "manifest.json").exists()
    newstag("train", *TINY_OVERRIDES, "model=logreg", "model.calibration=null", cwd=tmp_path)

    out = tmp_path / "eval.json"
    result = newstag(
        "evaluate",
        "models/tiny",
        str(ROOT / "tests/fixtures/tiny.jsonl"),
        "--output",
        str(out),
        cwd=tmp_path,
    )
    assert "macro-F1" in result.stdout and "casualty_figure" in result.stdout
    metrics = json.loads(out.read_text())
    for key in ("macro_f1", "accuracy", "n", "labels", "per_class", "confusion_matrix"):
        assert key in metrics
    assert metrics["n"] == 40

    table = newstag("compare", "runs", cwd=tmp_path).stdout
    lines = table.splitlines()
    assert lines[0].split()[:2] == ["run", "macro_f1"]
    assert "model._target_" in lines[0]  # the config value that differs is shown...
    assert "data.path" not in lines[0]  # ...and the ones that agree are not
    assert len(lines) == 4
    board = json.loads(newstag("compare", "runs", "--format", "json", cwd=tmp_path).stdout)
    scores = [row["macro_f1"] for row in board["rows"]]
    assert scores == sorted(scores, reverse=True)
    csv_text = newstag("compare", "runs", "--format", "csv", cwd=tmp_path).stdout
    assert csv_text.splitlines()[0].startswith("run,macro_f1,accuracy,f1.casualty_figure")
    md = newstag(
        "compare", "runs", "--format", "markdown", "--html", "report.html", cwd=tmp_path
    ).stdout
    assert md.startswith("| run | macro_f1 |")
    html = (tmp_path / "report.html").read_text()
    assert html.count("data:image/png;base64,") == 3  # F1 chart + two confusion matrices


def test_cfg_job_prints_composed_config(tmp_path):
    out = newstag("train", "model=complement_nb", "--cfg", "job", cwd=tmp_path).stdout
    assert "newstag.models.complement_nb" in out and "experiment_name: default" in out
    assert not (tmp_path / "runs").exists()


def test_train_help_lists_config_groups(tmp_path):
    out = newstag("train", "--help", cwd=tmp_path).stdout
    for group in ("data:", "features:", "model:", "experiment:", "hparams_search:"):
        assert group in out


def test_bad_data_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,lbl\nA sentence.,other\n")
    result = newstag("train", "data=file", f"data.path={bad}", cwd=tmp_path, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "newstag train: error: The label column 'label' is missing from "
        f"{bad}; found columns: text, lbl"
    )
    result = newstag("evaluate", "nowhere", str(bad), cwd=tmp_path, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == "newstag evaluate: error: nowhere: not a model bundle directory"


def test_unknown_option_fails_with_nonzero_exit(tmp_path):
    result = newstag("train", "model=random_forest", cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert "random_forest" in result.stderr


def test_joblib_sweep_runs_every_job(tmp_path):
    newstag(
        "train",
        "-m",
        *TINY_OVERRIDES,
        "hydra/launcher=joblib",
        "hydra.launcher.n_jobs=2",
        "model=linear_svm,complement_nb",
        "model.calibration=null",
        cwd=tmp_path,
    )
    sweeps = list((tmp_path / "runs" / "train" / "multirun").glob("*"))
    assert len(sweeps) == 1
    assert len(list(sweeps[0].glob("*/metrics.json"))) == 2
    board = json.loads(newstag("compare", str(sweeps[0]), "--format", "json", cwd=tmp_path).stdout)
    assert len(board["rows"]) == 2
    assert "model._target_" in board["differing"] and "seed" not in board["differing"]


def test_submitit_local_launcher(tmp_path):
    pytest.importorskip("hydra_plugins.hydra_submitit_launcher")
    newstag(
        "train",
        "-m",
        *TINY_OVERRIDES,
        "hydra/launcher=submitit_local",
        "hydra.launcher.timeout_min=5",
        "model.calibration=null",
        "seed=1,2",
        cwd=tmp_path,
    )
    sweep = next((tmp_path / "runs" / "train" / "multirun").glob("*"))
    assert len(list(sweep.glob("*/metrics.json"))) == 2


def test_optuna_study_tolerates_crashes_and_resumes(tmp_path):
    pytest.importorskip("hydra_plugins.hydra_optuna_sweeper")
    study = tmp_path / "study"
    args = [
        "train",
        "hparams_search=optuna",
        *TINY_OVERRIDES,
        "split.n_splits=2",
        "model.calibration=null",
        f"hydra.sweep.dir={study}",
        # a negative C makes LinearSVC raise: those trials crash, the study goes on
        "hydra.sweeper.params={model.C:'choice(-1.0, 0.5)'}",
        "hydra.sweeper.n_trials=4",
    ]
    newstag(*args, cwd=tmp_path)
    db = study / "optuna.db"

    def states() -> list[str]:
        with sqlite3.connect(db) as con:
            return [s for (s,) in con.execute("select state from trials")]

    first = states()
    assert len(first) == 4 and "FAIL" in first and "COMPLETE" in first
    newstag(*args[:-1], "hydra.sweeper.n_trials=2", cwd=tmp_path)  # same study, two more trials
    assert len(states()) == 6


def test_every_command_has_help_and_is_in_the_readme(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top = newstag("--help", cwd=tmp_path).stdout
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s", top, re.M), command
        if command != "train":
            assert "usage: newstag " + command in newstag(command, "--help", cwd=tmp_path).stdout
        assert f"newstag {command}" in readme, command
