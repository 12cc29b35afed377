"""The ``newstag`` command: thin wrappers that parse arguments, call one function and print."""

from __future__ import annotations

import argparse
import json
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

    metrics, report = evaluate_file(
        args.model, args.data, args.text_column, args.label_column, args.allow_version_mismatch
    )
    print(report, end="")
    print(
        f"macro-F1 {metrics['macro_f1']:.4f}  accuracy {metrics['accuracy']:.4f}  "
        f"ECE {metrics['ece']:.4f}  n {metrics['n']}"
    )
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


def _options(args: argparse.Namespace):
    from newstag.articles import TagOptions

    return TagOptions(
        sentences=getattr(args, "sentences", False),
        all_scores=getattr(args, "all_scores", False),
        min_confidence=getattr(args, "min_confidence", None),
        text_column=args.text_column,
        id_column=args.id_column,
        max_chars=args.max_chars,
        stdin_format=args.stdin_format,
    )


def cmd_tag(args: argparse.Namespace) -> int:
    from newstag.tag import tag_files

    summary = tag_files(
        args.model,
        args.inputs,
        args.output,
        args.errors,
        _options(args),
        workers=args.workers,
        batch_size=args.batch_size,
        resume=args.resume,
        progress=not args.quiet,
        scheduler=args.scheduler,
        allow_version_mismatch=args.allow_version_mismatch,
    )
    for row in summary.skipped:
        print(f"newstag tag: skipped {row['doc_id']}: {row['error']}", file=sys.stderr)
    if not args.quiet or summary.errors:
        print(summary.line(), file=sys.stderr)
    return 0


def cmd_segment(args: argparse.Namespace) -> int:
    from newstag.articles import segment_files

    for row in segment_files(args.inputs, _options(args)):
        if "error" in row:
            print(f"newstag segment: skipped {row['doc_id']}: {row['error']}", file=sys.stderr)
        elif args.jsonl:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(row["text"].replace("\n", " "))
    return 0


def _input_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--text-column", default="text", help="text field of JSONL/CSV/Parquet rows")
    p.add_argument("--id-column", default="id", help="document id field of rows (default: id)")
    p.add_argument(
        "--stdin-format",
        choices=["txt", "jsonl", "csv"],
        default="txt",
        help="how to read '-' (default: one plain-text article)",
    )
    p.add_argument(
        "--max-chars",
        type=int,
        default=1_000_000,
        help="documents longer than this go to the errors file",
    )


def add_tag_parsers(sub) -> None:
    """Register the ``tag`` and ``segment`` subcommands."""
    p = sub.add_parser(
        "tag",
        help="label every sentence of articles with a model bundle",
        description="Split articles into sentences and label each one. INPUT is a .txt file, a "
        "directory of them, a JSONL/CSV/Parquet file with one article per row, or -.",
    )
    p.add_argument("model", help="bundle directory, e.g. models/default")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument(
        "-o", "--output", help="output .jsonl, .csv or .parquet (default: JSONL on stdout)"
    )
    p.add_argument(
        "--errors", help="where unreadable documents are listed (default: OUTPUT.errors.jsonl)"
    )
    p.add_argument(
        "--sentences",
        action="store_true",
        help="inputs are already one sentence per line or row: do not split",
    )
    p.add_argument("--all-scores", action="store_true", help="add a score_<label> column per class")
    p.add_argument(
        "--min-confidence",
        type=float,
        help="mark rows below this confidence with uncertain=true (never dropped)",
    )
    p.add_argument("--workers", type=int, default=1, help="processes to tag with (default: 1)")
    p.add_argument("--batch-size", type=int, default=256, help="documents per batch (default: 256)")
    p.add_argument(
        "--resume", action="store_true", help="continue an interrupted job from its last checkpoint"
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (one task per input file)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.add_argument("--allow-version-mismatch", action="store_true")
    _input_arguments(p)
    p.set_defaults(func=cmd_tag)

    p = sub.add_parser(
        "segment",
        help="print the sentences `tag` would see",
        description="Split articles into sentences, one per line (or JSONL with offsets).",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--jsonl", action="store_true", help="JSONL rows with doc_id, offsets and text")
    _input_arguments(p)
    p.set_defaults(func=cmd_segment)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newstag",
        description="Train, compare and run sentence classifiers for conflict news.",
        epilog="`newstag train --help` shows the Hydra configuration groups and options.",
    )
    parser.add_argument("--version", action="version", version=f"newstag {newstag.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub.add_parser(
        "train",
        help="train a model with Hydra overrides (see `newstag train --help`)",
        add_help=False,
    )

    p = sub.add_parser(
        "evaluate",
        help="score a model bundle on a labelled file",
        description="Score a model bundle on a labelled CSV, JSONL or Parquet file.",
    )
    p.add_argument("model", help="bundle directory, e.g. models/default")
    p.add_argument("data", help="labelled CSV, JSONL or Parquet file")
    p.add_argument("-o", "--output", help="write the metrics as JSON to this file")
    p.add_argument("--text-column", default="text")
    p.add_argument("--label-column", default="label")
    p.add_argument(
        "--allow-version-mismatch",
        action="store_true",
        help="load a bundle trained with another scikit-learn version",
    )
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser(
        "compare",
        help="leaderboard of run and sweep directories",
        description="Rank runs by a metric and show the config values that differ.",
    )
    p.add_argument(
        "runs", nargs="*", default=["runs"], help="run or sweep directories (default: runs)"
    )
    p.add_argument("--metric", default="macro_f1", help="metric to sort by (default: macro_f1)")
    p.add_argument("--format", choices=["table", "csv", "json", "markdown"], default="table")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser(
        "export",
        help="export a bundle with its model in the skops format",
        description="Copy a verified bundle, replacing the pickle by a skops file "
        "that can be shared with people who should not trust pickles.",
    )
    p.add_argument("model", help="bundle directory to export")
    p.add_argument("output", help="new bundle directory")
    p.add_argument("--allow-version-mismatch", action="store_true")
    p.set_defaults(func=cmd_export)

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
