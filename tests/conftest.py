"""Shared fixtures: configs composed once per session and copied per test, tiny data."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig, open_dict

from newstag.config import compose_config

# Tests never reach the Hugging Face hub (set before `datasets` is first imported).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

FIXTURES = Path(__file__).parent / "fixtures"
TINY = FIXTURES / "tiny.jsonl"
LABELS = ["casualty_figure", "rumor", "policy", "statement", "other"]
TINY_OVERRIDES = [
    "data=file",
    f"data.path={TINY}",
    "data.group_column=article_id",
    f"data.labels=[{','.join(LABELS)}]",
    "split.test_size=0.25",
    "model.calibration_cv=3",
]


def compose_train(overrides: list[str] | tuple[str, ...] = ()) -> DictConfig:
    """Compose the training config as `newstag train OVERRIDES` would, Hydra settings included."""
    return compose_config(overrides, return_hydra_config=True)


def in_tmp(cfg: DictConfig, tmp_path: Path) -> DictConfig:
    """A copy of ``cfg`` whose every path points under ``tmp_path``."""
    cfg = cfg.copy()
    with open_dict(cfg):
        cfg.paths.root_dir = str(tmp_path)
        cfg.paths.output_dir = str(tmp_path / "run")
        cfg.paths.models_dir = str(tmp_path / "models")
        cfg.paths.log_dir = str(tmp_path / "runs")
        cfg.hydra.runtime.output_dir = str(tmp_path / "run")
    HydraConfig().set_config(cfg)
    return cfg


@pytest.fixture(scope="session")
def cfg_tiny_global() -> DictConfig:
    return compose_train(TINY_OVERRIDES)


@pytest.fixture
def cfg_tiny(cfg_tiny_global: DictConfig, tmp_path: Path) -> DictConfig:
    return in_tmp(cfg_tiny_global, tmp_path)


@pytest.fixture(scope="session")
def tiny_rows() -> list[dict]:
    return [json.loads(line) for line in TINY.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def tiny_bundle(tmp_path_factory: pytest.TempPathFactory, cfg_tiny_global: DictConfig) -> Path:
    """A bundle trained once on the tiny data, shared by read-only tests."""
    from newstag.train import train

    tmp = tmp_path_factory.mktemp("bundle")
    train(in_tmp(cfg_tiny_global, tmp))
    return tmp / "run" / "model"
