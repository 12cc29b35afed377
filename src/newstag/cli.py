"""The ``newstag`` command: thin wrappers that parse arguments, call one function and print."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import hydra
from omegaconf import DictConfig

import newstag
from newstag.config import register

register()  # schemas and resolvers must exist before Hydra composes the config

COMMANDS = ("train", "evaluate", "tag", "segment", "compare", "export")


@hydra.main(version_base="1.3", config_path="pkg://newstag.conf", config_name="train")
def train_app(cfg: DictConfig) -> float:
    """Hydra task: one training run; returns the metric a sweeper optimises."""
    from hydra.core.hydra_config import HydraConfig
    from hydra.types import RunMode

    from newstag.data import DataError
    from newstag.train import train

    try:
        metrics = train(cfg)
    except (DataError, ValueError) as err:
        if HydraConfig.get().mode == RunMode.RUN:
            print(f"newstag train: error: {err}", file=sys.stderr)
            sys.exit(2)
        raise
    return float(metrics[cfg.optimized_metric])


def _fail(command: str, err: Exception) -> int:
    print(f"newstag {command}: error: {err}", file=sys.stderr)
    return 2


def cmd_evaluate(args: argparse.Namespace) -> int:
    from newstag.evaluate import evaluate_file
    from newstag.persistence import write_json

    metrics, report = evaluate_file(args.model, args.data, args.text_column, args.label_column,
                                    args.allow_version_mismatch)
    print(report, end="")
    print(f"macro-F1 {metrics['macro_f1']:.4f}  accuracy {metrics['accuracy']:.4f}  "
          f"ECE {metrics['ece']:.4f}  n {metrics['n']}")
    if args.output:
        write_json(args.output, metrics)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from newstag.compare import FORMATTERS, compare_runs, to_html
    from newstag.persistence import atomic_path

    board = compare_runs(args.runs, args.metric)
    print(FORMATTERS[args.format](board).rstrip("\n"))
    if args.html:
        with atomic_path(args.html, encoding="utf-8") as fh:
            fh.write(to_html(board))
        print(f"wrote {args.html}", file=sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from newstag.persistence import export_skops

    dest = export_skops(args.model, args.output, args.allow_version_mismatch)
    print(f"wrote {dest} (skops format)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newstag",
        description="Train, compare and run sentence classifiers for conflict news.",
        epilog="`newstag train --help` shows the Hydra configuration groups and options.",
    )
    parser.add_argument("--version", action="version", version=f"newstag {newstag.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub.add_parser("train", help="train a model with Hydra overrides (see `newstag train --help`)",
                   add_help=False)

    p = sub.add_parser("evaluate", help="score a model bundle on a labelled file",
                       description="Score a model bundle on a labelled CSV, JSONL or Parquet file.")
    p.add_argument("model", help="bundle directory, e.g. models/default")
    p.add_argument("data", help="labelled CSV, JSONL or Parquet file")
    p.add_argument("-o", "--output", help="write the metrics as JSON to this file")
    p.add_argument("--text-column", default="text")
    p.add_argument("--label-column", default="label")
    p.add_argument("--allow-version-mismatch", action="store_true",
                   help="load a bundle trained with another scikit-learn version")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("compare", help="leaderboard of run and sweep directories",
                       description="Rank runs by a metric and show the config values that differ.")
    p.add_argument("runs", nargs="*", default=["runs"], help="run or sweep directories (default: runs)")
    p.add_argument("--metric", default="macro_f1", help="metric to sort by (default: macro_f1)")
    p.add_argument("--format", choices=["table", "csv", "json", "markdown"], default="table")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("export", help="export a bundle with its model in the skops format",
                       description="Copy a verified bundle, replacing the pickle by a skops file "
                                   "that can be shared with people who should not trust pickles.")
    p.add_argument("model", help="bundle directory to export")
    p.add_argument("output", help="new bundle directory")
    p.add_argument("--allow-version-mismatch", action="store_true")
    p.set_defaults(func=cmd_export)

    from newstag.tag import add_tag_parsers

    add_tag_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "train":
        sys.argv = [f"{Path(sys.argv[0]).name} train", *argv[1:]]
        train_app()
        return 0
    args = build_parser().parse_args(argv)
    from newstag.compare import CompareError
    from newstag.data import DataError
    from newstag.persistence import BundleError
    from newstag.tag import TagError

    try:
        return args.func(args)
    except (DataError, BundleError, CompareError, TagError, OSError) as err:
        return _fail(args.command, err)


def train_main() -> None:
    """Entry point of ``newstag-train``: the Hydra app on its own, for shell completion."""
    train_app()


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
