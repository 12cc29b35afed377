"""Every config option and experiment composes and instantiates; bad ones fail at compose time."""

from __future__ import annotations

from importlib import resources

import pytest
from hydra.errors import ConfigCompositionException
from omegaconf.errors import ValidationError
from sklearn.pipeline import Pipeline

from newstag.train import build_pipeline
from tests.conftest import TINY_OVERRIDES, compose_train


def options(group: str) -> list[str]:
    folder = resources.files("newstag.conf").joinpath(group)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def test_groups_exist():
    for group in ("data", "features", "model", "experiment", "hparams_search", "paths", "hydra"):
        assert options(group), group


@pytest.mark.parametrize("features", options("features"))
@pytest.mark.parametrize("model", options("model"))
def test_every_feature_and_model_builds_and_fits(features, model, tiny_rows):
    cfg = compose_train(
        [*TINY_OVERRIDES, f"features={features}", f"model={model}", "experiment=baseline_word_svm"]
    )
    pipeline = build_pipeline(cfg)
    assert isinstance(pipeline, Pipeline)
    texts = [r["text"] for r in tiny_rows]
    labels = [r["label"] for r in tiny_rows]
    pipeline.fit(texts, labels)
    assert set(pipeline.predict(texts[:5])) <= set(labels)


@pytest.mark.parametrize("experiment", options("experiment"))
def test_every_experiment_composes_and_builds(experiment):
    cfg = compose_train([*TINY_OVERRIDES, f"experiment={experiment}"])
    assert cfg.experiment_name == experiment
    assert isinstance(build_pipeline(cfg), Pipeline)


@pytest.mark.parametrize("calibration", ["sigmoid", "isotonic"])
def test_calibration_gives_probabilities(calibration, tiny_rows):
    cfg = compose_train([*TINY_OVERRIDES, f"model.calibration={calibration}"])
    pipeline = build_pipeline(cfg).fit(
        [r["text"] for r in tiny_rows], [r["label"] for r in tiny_rows]
    )
    proba = pipeline.predict_proba(["Five people were killed."])
    assert proba.shape == (1, 5) and abs(proba.sum() - 1) < 1e-6


@pytest.mark.parametrize("search", options("hparams_search"))
def test_every_hparams_search_composes(search):
    cfg = compose_train([*TINY_OVERRIDES, f"hparams_search={search}"])
    assert cfg.hydra.sweeper.storage.startswith("sqlite:///")
    assert cfg.hydra.sweeper.max_failure_rate > 0
    assert cfg.hydra.sweeper.params


@pytest.mark.parametrize("data", options("data"))
def test_every_data_option_composes(data):
    cfg = compose_train([f"data={data}", "data.path=x.csv", "data.hub_id=org/name"])
    assert cfg.data.source in {"file", "hub"}


def test_default_is_the_recommended_experiment():
    cfg = compose_train()
    assert cfg.experiment_name == "default"
    assert cfg.publish == "default"
    assert cfg.data.path.endswith("sentences.jsonl")


def test_unknown_group_option_fails_at_compose():
    with pytest.raises(ConfigCompositionException, match="model"):
        compose_train(["model=random_forest"])


def test_mistyped_value_fails_at_compose():
    with pytest.raises(ConfigCompositionException, match="split.test_size=a_fifth") as err:
        compose_train(["split.test_size=a_fifth"])
    assert isinstance(err.value.__cause__, ValidationError)


def test_misspelt_key_fails_at_compose():
    with pytest.raises(ConfigCompositionException):
        compose_train(["split.tset_size=0.3"])
