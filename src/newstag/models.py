"""Classifier factories, each optionally wrapped in probability calibration."""

from __future__ import annotations

import numpy as np
from sklearn.base import ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC

CALIBRATION_METHODS = (None, "sigmoid", "isotonic")


def calibrated(clf: ClassifierMixin, calibration: str | None, cv: int = 5) -> ClassifierMixin:
    """Wrap ``clf`` in CalibratedClassifierCV when a calibration method is named."""
    if calibration not in CALIBRATION_METHODS:
        raise ValueError(f"calibration must be one of {CALIBRATION_METHODS}, got {calibration!r}")
    if calibration is None:
        return clf
    return CalibratedClassifierCV(clf, method=calibration, cv=cv)


def linear_svm(
    C: float = 0.5,
    class_weight: str | dict | None = "balanced",
    calibration: str | None = None,
    calibration_cv: int = 5,
    seed: int = 42,
) -> ClassifierMixin:
    """Linear support vector machine (one-vs-rest)."""
    clf = LinearSVC(C=C, class_weight=class_weight, random_state=seed)
    return calibrated(clf, calibration, calibration_cv)


def logistic_regression(
    C: float = 10.0,
    class_weight: str | dict | None = "balanced",
    max_iter: int = 2000,
    calibration: str | None = None,
    calibration_cv: int = 5,
    seed: int = 42,
) -> ClassifierMixin:
    """Multinomial logistic regression."""
    clf = LogisticRegression(C=C, class_weight=class_weight, max_iter=max_iter, random_state=seed)
    return calibrated(clf, calibration, calibration_cv)


def complement_nb(
    alpha: float = 0.3, calibration: str | None = None, calibration_cv: int = 5
) -> ClassifierMixin:
    """Complement naive Bayes, suited to imbalanced text classes."""
    return calibrated(ComplementNB(alpha=alpha), calibration, calibration_cv)


def sgd(
    loss: str = "modified_huber",
    alpha: float = 1e-4,
    class_weight: str | dict | None = "balanced",
    max_iter: int = 200,
    seed: int = 42,
    calibration: str | None = None,
    calibration_cv: int = 5,
) -> ClassifierMixin:
    """Linear model trained by stochastic gradient descent."""
    clf = SGDClassifier(
        loss=loss,
        alpha=alpha,
        class_weight=class_weight,
        max_iter=max_iter,
        random_state=seed,
        tol=1e-4,
    )
    return calibrated(clf, calibration, calibration_cv)


def class_scores(estimator, texts) -> tuple[np.ndarray, str]:
    """Per-class scores in ``estimator.classes_`` order, and what kind of score they are.

    Calibrated or probabilistic models give probabilities; margin models give a softmax of
    their decision values, which ranks well but is not calibrated.
    """
    if hasattr(estimator, "predict_proba"):
        return np.asarray(estimator.predict_proba(texts), dtype=float), "probability"
    margins = np.asarray(estimator.decision_function(texts), dtype=float)
    if margins.ndim == 1:  # binary: one margin for the positive class
        margins = np.column_stack([-margins, margins])
    margins = margins - margins.max(axis=1, keepdims=True)
    exp = np.exp(margins)
    return exp / exp.sum(axis=1, keepdims=True), "softmax of decision values"
