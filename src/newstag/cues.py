"""Features for the cues the label scheme turns on, as scikit-learn transformers.

Bags of n-grams see "killed" and "12" but not that a quantity sits next to a harm word, that a
hedge governs the main claim rather than one noun, or that an authority decides rather than
speaks. Two transformers carry those cues, both driven by word lists in
``newstag/lexicons/*.txt`` (or a directory of the same files given in the config):

- ``CueAnalyzer`` rewrites a sentence as a sequence of cue classes (``QTY PEOPLE HARM``,
  ``AUTH DECIDE``, ``HEDGE``...) for a TF-IDF over cue n-grams;
- ``CueFlags`` computes a few dozen interpretable indicators (quantity near harm, zero
  count, hedge, forecast, authority with decision, appeal verbs, quotes, headline shape).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

LEXICONS = (
    "zero",
    "quantity",
    "harm",
    "people",
    "things",
    "hedge",
    "noun_hedge",
    "forecast",
    "authority",
    "decision",
    "speech",
    "appeal",
    "commitment",
)
TAGS = {
    "quantity": "QTY",
    "zero": "ZERO",
    "harm": "HARM",
    "people": "PEOPLE",
    "things": "THING",
    "hedge": "HEDGE",
    "noun_hedge": "NHEDGE",
    "forecast": "FCAST",
    "authority": "AUTH",
    "decision": "DECIDE",
    "speech": "SPEECH",
    "appeal": "APPEAL",
    "commitment": "COMMIT",
}
TOKEN = re.compile(r"\d[\d,.]*\d|\d|[A-Za-z]+(?:[-'’][A-Za-z]+)*|[\"“”«»]|[$%]")
NUMBER = re.compile(r"\d")
QUOTES = frozenset('"“”«»')


@lru_cache(maxsize=8)
def load_lexicons(directory: str | None = None) -> dict[str, dict[tuple[str, ...], str]]:
    """Phrase tables keyed by their first word: {first word: {phrase tokens: tag}}."""
    base = Path(directory) if directory else Path(str(resources.files("newstag") / "lexicons"))
    table: dict[str, dict[tuple[str, ...], str]] = {}
    for name in LEXICONS:
        path = base / f"{name}.txt"
        if not path.is_file():
            raise FileNotFoundError(f"{path}: lexicon file missing (needed: {', '.join(LEXICONS)})")
        for line in path.read_text(encoding="utf-8").splitlines():
            phrase = line.split("#", 1)[0].strip().lower()
            if phrase:
                words = tuple(phrase.split())
                # the first list a phrase appears in wins, in LEXICONS order
                table.setdefault(words[0], {}).setdefault(words, TAGS[name])
    return table


@lru_cache(maxsize=16384)
def _cue_tuple(text: str, lexicon_dir: str | None) -> tuple[str, ...]:
    # Both cue transformers read the same sentences in turn: compute each sequence once.
    return tuple(_cue_sequence(text, lexicon_dir))


def cue_sequence(text: str, lexicon_dir: str | None = None) -> list[str]:
    """The sentence as a list of cue tags, one per matched phrase or number (others dropped)."""
    return list(_cue_tuple(text, lexicon_dir))


def _cue_sequence(text: str, lexicon_dir: str | None) -> list[str]:
    table = load_lexicons(lexicon_dir)
    tokens = [t.lower() for t in TOKEN.findall(text)]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in QUOTES:
            out.append("QUOTE")
            i += 1
            continue
        if NUMBER.match(token):
            out.append("NUM")
            i += 1
            continue
        best, tag = 0, ""
        for phrase, phrase_tag in table.get(token, {}).items():
            n = len(phrase)
            if n > best and tuple(tokens[i : i + n]) == phrase:
                best, tag = n, phrase_tag
        if best:
            out.append(tag)
            i += best
        else:
            if not out or out[-1] != "_":
                out.append("_")
            i += 1
    return out


class CueAnalyzer:
    """A picklable TfidfVectorizer analyzer: n-grams over the cue sequence of a sentence."""

    def __init__(self, ngram_range: tuple[int, int] = (1, 3), lexicon_dir: str | None = None):
        self.ngram_range = tuple(ngram_range)
        self.lexicon_dir = lexicon_dir

    def __call__(self, text: str) -> list[str]:
        seq = cue_sequence(text, self.lexicon_dir)
        low, high = self.ngram_range
        grams = []
        for n in range(low, high + 1):
            grams += [" ".join(seq[i : i + n]) for i in range(len(seq) - n + 1)]
        return grams


def _near(seq: list[str], a: set[str], b: set[str], window: int) -> bool:
    positions_b = [i for i, t in enumerate(seq) if t in b]
    return any(abs(i - j) <= window for i, t in enumerate(seq) if t in a for j in positions_b)


FLAG_NAMES = (
    "number",
    "qty_near_harm",
    "qty_people_harm",
    "zero_count",
    "qty_near_thing",
    "age",
    "hedge",
    "noun_hedge_only",
    "forecast",
    "authority",
    "decision",
    "auth_near_decision",
    "speech",
    "appeal",
    "appeal_no_decision",
    "quote",
    "starts_with_quote",
    "we_will",
    "no_final_stop",
    "short",
    "timestamp",
    "speaker_turn",
    "all_lower",
    "deny_reports",
    "unclear",
    "according_to",
    "commitment",
    "auth_near_commitment",
    "speech_and_commitment",
)
QTY = {"QTY", "NUM"}
TIME = re.compile(r"^\s*\d{1,2}[:.]\d{2}\b")
SPEAKER = re.compile(r"^\s*[A-Za-z]+\s*:")
AGE = re.compile(r"\d+-year-old|aged \d+", re.I)
WE_WILL = re.compile(
    r"\b(we|i) (will|shall|are going to|won't|will not)\b|\bwe (must|have decided)\b", re.I
)
DENY = re.compile(
    r"\b(den(y|ied|ies)|dismiss(ed|es)?|reject(ed|s)?)\b[^.]{0,40}\b(reports?|claims?|rumou?rs?|accusations?|allegations?)\b",
    re.I,
)
UNCLEAR = re.compile(
    r"\b(not (immediately )?(clear|known)|unclear|could not (be )?(confirm|verif)\w*)", re.I
)


class CueFlags(TransformerMixin, BaseEstimator):
    """Indicator features for the scheme's cues, one column per name in ``FLAG_NAMES``.

    Parameters
    ----------
    window : int
        How many cue positions apart a quantity and a harm word (or an authority and a
        decision) may be and still count as "near".
    lexicon_dir : str or None
        Directory with the lexicon files; None uses the ones shipped with newstag.
    scale : float
        Value of a present flag; lets a config weigh these against TF-IDF blocks.
    """

    def __init__(self, window: int = 4, lexicon_dir: str | None = None, scale: float = 1.0):
        self.window = window
        self.lexicon_dir = lexicon_dir
        self.scale = scale

    def fit(self, X, y=None):
        self._texts(X)  # validates the input
        load_lexicons(self.lexicon_dir)
        self.n_features_in_ = 1
        self.feature_names_out_ = np.array([f"cue_{n}" for n in FLAG_NAMES], dtype=object)
        return self

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self)
        return self.feature_names_out_

    @staticmethod
    def _texts(X) -> list[str]:
        if isinstance(X, str) or not hasattr(X, "__iter__"):
            raise ValueError("CueFlags expects an iterable of strings, not a single string")
        texts = list(np.asarray(X, dtype=object).ravel()) if not isinstance(X, list) else X
        bad = [type(t).__name__ for t in texts if not isinstance(t, str)]
        if bad:
            raise ValueError(f"CueFlags expects strings; got {bad[0]}")
        return texts

    def _row(self, text: str) -> list[float]:
        seq = cue_sequence(text, self.lexicon_dir)
        tags = set(seq)
        w = self.window
        stripped = text.strip()
        qty_harm = _near(seq, QTY, {"HARM"}, w)
        zero = "ZERO" in tags and _near(seq, {"ZERO"}, {"HARM", "PEOPLE"}, w)
        people_harm = (
            any(seq[i] in QTY and "PEOPLE" in seq[i + 1 : i + 3] for i in range(len(seq)))
            and "HARM" in tags
        )
        decision = "DECIDE" in tags
        return [
            "NUM" in tags or "QTY" in tags,
            qty_harm,
            people_harm,
            zero,
            any(seq[i] in QTY and "THING" in seq[i + 1 : i + 3] for i in range(len(seq))),
            bool(AGE.search(text)),
            "HEDGE" in tags,
            "NHEDGE" in tags and "HEDGE" not in tags,
            "FCAST" in tags,
            "AUTH" in tags,
            decision,
            _near(seq, {"AUTH"}, {"DECIDE"}, w),
            "SPEECH" in tags,
            "APPEAL" in tags,
            "APPEAL" in tags and not decision,
            "QUOTE" in tags,
            stripped[:1] in QUOTES,
            bool(WE_WILL.search(text)),
            stripped[-1:] not in {".", "!", "?", '"', "”", "'", "’"},
            len(stripped.split()) <= 8,
            bool(TIME.match(text)),
            bool(SPEAKER.match(text)),
            stripped == stripped.lower(),
            bool(DENY.search(text)),
            bool(UNCLEAR.search(text)),
            "according to" in text.lower(),
            "COMMIT" in tags,
            _near(seq, {"AUTH"}, {"COMMIT"}, w),
            "SPEECH" in tags and "COMMIT" in tags,
        ]

    def transform(self, X):
        check_is_fitted(self)
        rows = [self._row(t) for t in self._texts(X)]
        return sp.csr_matrix(
            np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FLAG_NAMES)) * self.scale
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.requires_fit = True
        return tags
