"""Training benchmark: the default experiment on the shipped corpus, and sweep launchers.

Prints the time and peak memory of training the default model, the macro-F1 of grouped
5-fold cross-validation, and the wall time of a 4-job sweep with the joblib launcher against
the same 4 jobs run one after another. Each figure comes from a fresh `newstag train`
process, as a user would run it. Usage: python benchmarks/train.py
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NEWSTAG = str(Path(sys.executable).with_name("newstag"))


def run(args: list[str], root: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `newstag` process tree."""
    env = {**os.environ, "NEWSTAG_ROOT": str(root)}
    start = time.perf_counter()
    proc = subprocess.run([NEWSTAG, *args], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"newstag {' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak


def newest_metrics(root: Path) -> dict:
    files = sorted((root / "runs").rglob("metrics.json"), key=lambda p: p.stat().st_mtime)
    return json.loads([f for f in files if f.parent.name != "model"][-1].read_text())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        wall, peak = run(["train", "publish=null"], root)
        holdout = newest_metrics(root)
        print(
            "default experiment on the shipped corpus "
            f"({holdout['n_train_sentences']} sentences, {holdout['n_articles']} articles)"
        )
        print(
            f"  train (holdout + final refit), whole process: {wall:6.1f} s wall, "
            f"peak RSS {peak:.0f} MiB"
        )
        print(
            f"  fit of the final model on all sentences:     "
            f"{holdout['timings']['final_fit_seconds']:6.1f} s"
        )
        wall, _ = run(["train", "publish=null", "split.method=cv", "split.n_splits=5"], root)
        cv = newest_metrics(root)
        print(
            f"  grouped 5-fold cross-validation: macro-F1 {cv['macro_f1']:.4f}, "
            f"accuracy {cv['accuracy']:.4f}, ECE {cv['ece']:.4f} ({wall:.1f} s wall)"
        )
        print(
            "  per-class F1: " + ", ".join(f"{k} {v['f1']:.3f}" for k, v in cv["per_class"].items())
        )

        jobs = ["-m", "publish=null", "seed=1,2,3,4"]
        sequential, _ = run(["train", *jobs], root)
        joblib = ["hydra/launcher=joblib", "hydra.launcher.n_jobs=2"]
        parallel, _ = run(["train", *jobs, *joblib], root)
        print("4-job sweep (seeds 1-4, default experiment), 2 cores:")
        print(f"  one after another (basic launcher): {sequential:6.1f} s")
        print(
            f"  joblib launcher, 2 jobs at a time:  {parallel:6.1f} s "
            f"({sequential / parallel:.2f}x faster)"
        )


if __name__ == "__main__":
    main()
