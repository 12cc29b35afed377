"""Bundles are verified before any pickle is opened; skops export is the safe way to share."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import pytest

from newstag.persistence import BundleError, export_skops, load_bundle, sha256


class Planted:
    """A pickle payload that would create a file when unpickled."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


@pytest.fixture
def bundle_copy(tiny_bundle, tmp_path) -> Path:
    dest = tmp_path / "bundle"
    shutil.copytree(tiny_bundle, dest)
    return dest


def test_planted_pickle_is_never_unpickled(bundle_copy, tmp_path):
    marker = tmp_path / "pwned"
    (bundle_copy / "model.joblib").write_bytes(pickle.dumps(Planted(marker)))
    # The payload works: unpickling it directly creates the marker.
    probe = tmp_path / "probe"
    pickle.loads(pickle.dumps(Planted(probe)))
    assert probe.exists()
    with pytest.raises(BundleError, match="model.joblib: SHA-256 does not match"):
        load_bundle(bundle_copy)
    assert not marker.exists()


def test_tampered_extra_file_is_refused(bundle_copy):
    (bundle_copy / "config.yaml").write_text("changed: true\n")
    with pytest.raises(BundleError, match="config.yaml: SHA-256 does not match"):
        load_bundle(bundle_copy)


def test_missing_file_and_missing_manifest(bundle_copy, tmp_path):
    (bundle_copy / "report.txt").unlink()
    with pytest.raises(BundleError, match="report.txt: listed in the manifest but missing"):
        load_bundle(bundle_copy)
    with pytest.raises(BundleError, match="no manifest.json"):
        load_bundle(tmp_path)


def test_other_sklearn_version_needs_explicit_override(bundle_copy):
    manifest_path = bundle_copy / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["versions"]["scikit-learn"] = "0.24.2"
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(BundleError, match=r"trained with scikit-learn 0.24.2, this is \d"):
        load_bundle(bundle_copy)
    assert load_bundle(bundle_copy, allow_version_mismatch=True).labels


def test_manifest_hashes_every_file(tiny_bundle):
    manifest = json.loads((tiny_bundle / "manifest.json").read_text())
    on_disk = {p.name for p in tiny_bundle.iterdir()} - {"manifest.json"}
    assert set(manifest["files"]) == on_disk
    assert all(sha256(tiny_bundle / n) == h for n, h in manifest["files"].items())


def test_skops_export_loads_and_predicts_the_same(tiny_bundle, tmp_path):
    pytest.importorskip("skops")
    exported = export_skops(tiny_bundle, tmp_path / "shared")
    assert (exported / "model.skops").exists() and not (exported / "model.joblib").exists()
    original, copy = load_bundle(tiny_bundle), load_bundle(exported)
    texts = ["Four people were wounded.", "The envoy urged calm."]
    assert original.predict(texts)[0] == copy.predict(texts)[0]
    (exported / "model.skops").write_bytes(b"garbage")
    with pytest.raises(BundleError, match="SHA-256"):
        load_bundle(exported)
