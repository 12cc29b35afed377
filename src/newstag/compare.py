"""Leaderboards of training runs, read only from the files each run directory holds."""

from __future__ import annotations

import base64
import csv
import html
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

IGNORED_PREFIXES = ("paths.", "hydra.")


class CompareError(ValueError):
    """No runs to compare, or a run directory that cannot be read."""


def find_runs(paths: Iterable[str | Path]) -> list[Path]:
    """Run directories under ``paths``: any folder with a metrics.json that is not a bundle."""
    runs: list[Path] = []
    for path in map(Path, paths):
        if not path.exists():
            raise CompareError(f"{path}: no such run or sweep directory")
        candidates = [path / "metrics.json", *sorted(path.rglob("metrics.json"))]
        for metrics in candidates:
            run = metrics.parent
            if metrics.is_file() and not (run / "manifest.json").exists() and run not in runs:
                runs.append(run)
    if not runs:
        raise CompareError(
            f"no run directories (with metrics.json) under {', '.join(map(str, paths))}"
        )
    return runs


def _flatten(node: object, prefix: str = "") -> dict[str, object]:
    if isinstance(node, dict):
        flat: dict[str, object] = {}
        for key, value in node.items():
            flat.update(_flatten(value, f"{prefix}{key}."))
        return flat
    value = json.dumps(node) if isinstance(node, list) else node
    return {prefix[:-1]: value}


def _read_run(run: Path) -> dict:
    try:
        metrics = json.loads((run / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise CompareError(f"{run / 'metrics.json'}: unreadable ({err})") from None
    config_file = run / "config.yaml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8")) if config_file.exists() else {}
    return {"run": str(run), "metrics": metrics, "config": _flatten(config or {})}


def compare_runs(paths: Sequence[str | Path], metric: str = "macro_f1") -> dict:
    """Rows sorted by ``metric`` (best first) with per-class F1 and the differing config values."""
    runs = [_read_run(r) for r in find_runs(paths)]
    missing = [r["run"] for r in runs if metric not in r["metrics"]]
    if missing:
        raise CompareError(f"{missing[0]}: metrics.json has no {metric!r}")
    keys = sorted({k for r in runs for k in r["config"] if not k.startswith(IGNORED_PREFIXES)})
    differing = [k for k in keys if len({json.dumps(r["config"].get(k)) for r in runs}) > 1]
    labels = list(dict.fromkeys(lab for r in runs for lab in r["metrics"].get("labels", [])))
    rows = []
    for r in runs:
        m = r["metrics"]
        row = {"run": r["run"], metric: m[metric]}
        if metric != "accuracy":
            row["accuracy"] = m.get("accuracy")
        row.update({f"f1.{lab}": m.get("per_class", {}).get(lab, {}).get("f1") for lab in labels})
        row["fit_seconds"] = m.get("timings", {}).get("fit_seconds")
        row.update({k: r["config"].get(k) for k in differing})
        rows.append(row)
    rows.sort(key=lambda row: -float(row[metric]))
    return {"metric": metric, "labels": labels, "differing": differing, "rows": rows}


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return "" if value is None else str(value)


def to_table(board: dict, markdown: bool = False) -> str:
    """An aligned text table, or a Markdown one."""
    columns = list(board["rows"][0])
    cells = [[_cell(row.get(c)) for c in columns] for row in board["rows"]]
    if markdown:
        lines = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
        return "\n".join(lines)
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths]), *map(line, cells)])


def to_csv(board: dict) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(board["rows"][0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(board["rows"])
    return buffer.getvalue()


def to_json(board: dict) -> str:
    return json.dumps(board, indent=2)


def _png(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode()


def _f1_chart(board: dict) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    rows, labels = board["rows"], board["labels"]
    fig, ax = plt.subplots(figsize=(max(6, 1.4 * len(labels) + 2), 4))
    width = 0.8 / max(len(rows), 1)
    for i, row in enumerate(rows):
        values = [row.get(f"f1.{lab}") or 0 for lab in labels]
        ax.bar(np.arange(len(labels)) + i * width, values, width, label=f"#{i + 1}")
    ax.set_xticks(np.arange(len(labels)) + width * (len(rows) - 1) / 2, labels)
    ax.set_ylim(0, 1)
    ax.set_ylabel("F1")
    ax.legend(fontsize=8, ncol=min(len(rows), 6))
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def to_html(board: dict) -> str:
    """A self-contained report: the leaderboard, a per-class F1 chart and the confusion matrices."""
    columns = ["#", *board["rows"][0]]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + f"<td>{i}</td>"
        + "".join(f"<td>{html.escape(_cell(row.get(c)))}</td>" for c in columns[1:])
        + "</tr>"
        for i, row in enumerate(board["rows"], 1)
    )
    matrices = "".join(
        f'<figure><img src="{_png(Path(row["run"]) / "confusion_matrix.png")}" '
        f'alt="confusion matrix"><figcaption>#{i} {html.escape(row["run"])}</figcaption></figure>'
        for i, row in enumerate(board["rows"], 1)
        if (Path(row["run"]) / "confusion_matrix.png").exists()
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newstag runs</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px 8px;font-size:13px}}th{{background:#eee}}
.grid{{display:flex;flex-wrap:wrap;gap:1em}}figure{{margin:0}}img{{max-width:420px}}</style>
</head><body>
<h1>newstag: {len(board["rows"])} runs by {html.escape(board["metric"])}</h1>
<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
<h2>Per-class F1</h2><img src="{_f1_chart(board)}" alt="per-class F1 by run">
<h2>Confusion matrices</h2><div class="grid">{matrices}</div>
</body></html>
"""


FORMATTERS = {
    "table": to_table,
    "markdown": lambda board: to_table(board, markdown=True),
    "csv": to_csv,
    "json": to_json,
}
