"""Model bundles: writing them atomically with a manifest, and loading only what verifies.

A bundle is a directory. ``manifest.json`` lists the SHA-256 of every other file; loading
checks those hashes and the scikit-learn version *before* anything is unpickled, so a
swapped or corrupted pickle is refused without being executed.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import scipy
import sklearn

import newstag
from newstag.models import class_scores

FORMAT_VERSION = 1
MODEL_FILE = "model.joblib"
SKOPS_FILE = "model.skops"
MANIFEST = "manifest.json"


class BundleError(RuntimeError):
    """A bundle that cannot be trusted or used; the message says which file and why."""


def sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "newstag": newstag.__version__,
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "joblib": joblib.__version__,
    }


def git_commit(cwd: str | Path | None = None) -> str | None:
    """The commit of the working tree, when there is one."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=cwd, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


@contextmanager
def atomic_path(path: str | Path, mode: str = "w", **kwargs) -> Iterator:
    """Open a temporary file beside ``path`` and move it into place only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: str | Path, obj: object) -> None:
    with atomic_path(path, encoding="utf-8") as fh:
        json.dump(obj, fh, indent=2, ensure_ascii=False)
        fh.write("\n")


def replace_dir(src: Path, dest: Path) -> None:
    """Move a finished directory to ``dest``, replacing what was there in one rename."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if dest.exists():
        old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
        os.replace(dest, old)
    os.replace(src, dest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def copy_from(source: Path) -> Callable[[Path], None]:
    """A file writer that copies ``source``."""

    def write(path: Path) -> None:
        shutil.copyfile(source, path)

    return write


def dump_model(pipeline) -> Callable[[Path], None]:
    """A file writer that pickles ``pipeline`` with joblib."""
    return lambda path: joblib.dump(pipeline, path, compress=3)


def save_bundle(dest: str | Path, files: dict[str, Callable[[Path], None]], manifest: dict) -> Path:
    """Write a bundle directory atomically: every file, then the manifest with their hashes.

    ``files`` maps a file name to a function that writes that file at the given path; it
    must include the model (``model.joblib`` or ``model.skops``).
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        for name, write in files.items():
            write(staging / name)
        names = sorted(p.name for p in staging.iterdir() if p.is_file())
        manifest = {
            "format_version": FORMAT_VERSION,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "versions": library_versions(),
            **manifest,
            "files": {name: sha256(staging / name) for name in names},
        }
        write_json(staging / MANIFEST, manifest)
        replace_dir(staging, dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return dest


@dataclass
class Bundle:
    """A verified, loaded model bundle."""

    path: Path
    manifest: dict
    pipeline: Any

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self.pipeline.classes_]

    def predict(self, texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Labels, their confidence, and the full score matrix (columns in ``labels`` order)."""
        if not texts:
            return [], np.zeros(0), np.zeros((0, len(self.labels)))
        scores, _ = class_scores(self.pipeline, texts)
        best = scores.argmax(axis=1)
        labels = self.labels
        return [labels[i] for i in best], scores[np.arange(len(best)), best], scores


def read_manifest(path: str | Path) -> dict:
    path = Path(path)
    if not path.is_dir():
        raise BundleError(f"{path}: not a model bundle directory")
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BundleError(f"{path}: no {MANIFEST}; not a newstag bundle") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BundleError(f"{path / MANIFEST}: unreadable manifest ({err})") from None
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BundleError(
            f"{path}: bundle format {manifest.get('format_version')!r} is not supported "
            f"(this newstag reads format {FORMAT_VERSION})"
        )
    return manifest


def verify(path: str | Path, allow_version_mismatch: bool = False) -> dict:
    """Check hashes and versions of a bundle without unpickling; return its manifest."""
    path = Path(path)
    manifest = read_manifest(path)
    files = manifest.get("files") or {}
    if MODEL_FILE not in files and SKOPS_FILE not in files:
        raise BundleError(f"{path}: manifest lists no model file")
    for name, expected in files.items():
        file = path / name
        if Path(name).name != name:
            raise BundleError(f"{path}: manifest names a file outside the bundle: {name!r}")
        if not file.is_file():
            raise BundleError(f"{file}: listed in the manifest but missing")
        if sha256(file) != expected:
            raise BundleError(f"{file}: SHA-256 does not match the manifest; refusing to load")
    trained = manifest.get("versions", {}).get("scikit-learn")
    if trained != sklearn.__version__ and not allow_version_mismatch:
        raise BundleError(
            f"{path}: trained with scikit-learn {trained}, this is {sklearn.__version__}; "
            "retrain, or pass --allow-version-mismatch to load it anyway"
        )
    return manifest


def load_bundle(path: str | Path, allow_version_mismatch: bool = False) -> Bundle:
    """Verify a bundle, then load its model (joblib, or skops when that is what it holds)."""
    path = Path(path)
    manifest = verify(path, allow_version_mismatch)
    if MODEL_FILE in manifest["files"]:
        pipeline = joblib.load(path / MODEL_FILE)
    else:
        pipeline = _load_skops(path / SKOPS_FILE)
    return Bundle(path, manifest, pipeline)


def _trusted_prefixes() -> tuple[str, ...]:
    return ("sklearn.", "numpy.", "scipy.", "newstag.")


def _load_skops(file: Path):
    try:
        import skops.io as sio
    except ImportError:  # pragma: no cover - depends on the install
        raise BundleError(
            f"{file}: loading skops bundles needs `pip install newstag[skops]`"
        ) from None
    untrusted = sio.get_untrusted_types(file=file)
    unknown = [t for t in untrusted if not t.startswith(_trusted_prefixes())]
    if unknown:
        raise BundleError(f"{file}: refuses to load types outside the allowed libraries: {unknown}")
    return sio.load(file, trusted=untrusted)


def export_skops(src: str | Path, dest: str | Path, allow_version_mismatch: bool = False) -> Path:
    """Copy a verified bundle to ``dest`` with its model in the skops format instead of a pickle."""
    try:
        import skops.io as sio
    except ImportError:  # pragma: no cover - depends on the install
        raise BundleError("exporting to skops needs `pip install newstag[skops]`") from None
    bundle = load_bundle(src, allow_version_mismatch)
    manifest = {
        k: v
        for k, v in bundle.manifest.items()
        if k not in {"files", "format_version", "created", "versions"}
    }
    manifest["exported_from"] = str(Path(src).resolve())
    files = {
        name: copy_from(Path(src) / name)
        for name in bundle.manifest["files"]
        if name not in (MODEL_FILE, SKOPS_FILE)
    }
    files[SKOPS_FILE] = lambda p: sio.dump(bundle.pipeline, p)
    return save_bundle(dest, files, manifest)
