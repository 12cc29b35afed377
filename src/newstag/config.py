"""Typed schemas for the parts of the configuration that are not estimators.

The dataclasses are registered in Hydra's ConfigStore, so a misspelt key or a value of the
wrong type fails when the config is composed, before any data is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from hydra.core.config_store import ConfigStore
from omegaconf import MISSING, OmegaConf


@dataclass
class DataConfig:
    """Where labelled sentences come from and which columns hold what."""

    name: str = MISSING
    source: str = "file"  # file | hub
    path: str | None = None  # local CSV/JSONL/Parquet (source=file)
    hub_id: str | None = None  # dataset id on the Hugging Face hub (source=hub)
    hub_config: str | None = None
    hub_split: str = "train"
    revision: str | None = None
    text_column: str = "text"
    label_column: str = "label"
    group_column: str | None = None
    labels: list[str] | None = None  # None: the sorted labels found in the data


@dataclass
class SplitConfig:
    """How a run estimates quality: one grouped holdout or grouped k-fold cross-validation."""

    method: str = "holdout"  # holdout | cv
    test_size: float = 0.2
    n_splits: int = 5
    seed: int = 42
    refit: bool = True  # refit the bundled model on all data once evaluated


@dataclass
class PathsConfig:
    root_dir: str = "."
    models_dir: str = "models"
    log_dir: str = "runs"
    output_dir: str = "."


@dataclass
class TrainConfig:
    """The root of a training run."""

    data: DataConfig = field(default_factory=DataConfig)
    split: SplitConfig = field(default_factory=SplitConfig)
    features: Any = MISSING
    model: Any = MISSING
    paths: PathsConfig = field(default_factory=PathsConfig)
    task_name: str = "train"
    seed: int = 42
    publish: str | None = None  # bundle name under paths.models_dir to publish to
    optimized_metric: str = "macro_f1"
    experiment_name: str = "custom"
    misclassified_limit: int = 2000


def corpus_path(name: str = "sentences.jsonl") -> str:
    """Absolute path of a file of the corpus shipped inside the package."""
    return str(Path(str(resources.files("newstag.corpus").joinpath(name))))


def _mkdir(path: str) -> str:
    Path(path).mkdir(parents=True, exist_ok=True)
    return path


def register() -> None:
    """Register schemas and resolvers; safe to call more than once."""
    cs = ConfigStore.instance()
    cs.store(name="train_schema", node=TrainConfig)
    OmegaConf.register_new_resolver("corpus", corpus_path, replace=True)
    OmegaConf.register_new_resolver("mkdir", _mkdir, replace=True)


register()


def compose_config(overrides: list[str] | tuple[str, ...] = (), return_hydra_config: bool = False):
    """The training config for ``overrides``, composed as ``newstag train`` would.

    For notebooks, benchmarks and tests; runs nothing.
    """
    from hydra import compose, initialize_config_module
    from hydra.core.global_hydra import GlobalHydra

    register()
    GlobalHydra.instance().clear()
    with initialize_config_module("newstag.conf", version_base="1.3"):
        return compose("train", overrides=list(overrides), return_hydra_config=return_hydra_config)
