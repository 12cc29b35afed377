"""Feature factories: turn plain config values into scikit-learn text transformers.

YAML has lists where scikit-learn wants tuples (``ngram_range``), so configs point their
``_target_`` here rather than at the estimators themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline

# Keep apostrophes and hyphens inside words; single letters and digits count as tokens.
TOKEN_PATTERN = r"(?u)\b\w[\w'-]*\b|\d+"


def _ngrams(value: Sequence[int]) -> tuple[int, int]:
    low, high = (int(v) for v in value)
    if not 1 <= low <= high:
        raise ValueError(f"ngram_range must be [low, high] with 1 <= low <= high, got {value}")
    return low, high


def word_tfidf(
    ngram_range: Sequence[int] = (1, 2),
    min_df: int | float = 1,
    max_df: int | float = 1.0,
    sublinear_tf: bool = True,
    lowercase: bool = True,
    max_features: int | None = None,
) -> TfidfVectorizer:
    """TF-IDF over word n-grams."""
    return TfidfVectorizer(
        ngram_range=_ngrams(ngram_range),
        min_df=min_df,
        max_df=max_df,
        sublinear_tf=sublinear_tf,
        lowercase=lowercase,
        max_features=max_features,
        token_pattern=TOKEN_PATTERN,
    )


def char_tfidf(
    ngram_range: Sequence[int] = (2, 5),
    min_df: int | float = 2,
    sublinear_tf: bool = True,
    lowercase: bool = True,
    max_features: int | None = None,
) -> TfidfVectorizer:
    """TF-IDF over character n-grams taken inside word boundaries."""
    return TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=_ngrams(ngram_range),
        min_df=min_df,
        sublinear_tf=sublinear_tf,
        lowercase=lowercase,
        max_features=max_features,
    )


def word_char_tfidf(
    word_ngram_range: Sequence[int] = (1, 2),
    char_ngram_range: Sequence[int] = (2, 5),
    min_df: int | float = 1,
    sublinear_tf: bool = True,
) -> FeatureUnion:
    """Word and character TF-IDF side by side."""
    return FeatureUnion(
        [
            ("word", word_tfidf(word_ngram_range, min_df=min_df, sublinear_tf=sublinear_tf)),
            ("char", char_tfidf(char_ngram_range, min_df=min_df, sublinear_tf=sublinear_tf)),
        ]
    )


def hashing(
    ngram_range: Sequence[int] = (1, 2),
    n_features: int = 2**20,
    alternate_sign: bool = False,
    lowercase: bool = True,
) -> Pipeline:
    """Hashed word n-grams re-weighted by TF-IDF; nothing to store but the IDF vector."""
    return make_pipeline(
        HashingVectorizer(
            ngram_range=_ngrams(ngram_range),
            n_features=n_features,
            alternate_sign=alternate_sign,
            lowercase=lowercase,
            token_pattern=TOKEN_PATTERN,
            norm=None,
            dtype="float32",
        ),
        TfidfTransformer(sublinear_tf=True),
    )


def union(**parts: object) -> FeatureUnion:
    """A FeatureUnion of named feature blocks (each already instantiated by Hydra)."""
    blocks = [(name, part) for name, part in parts.items() if part is not None]
    if not blocks:
        raise ValueError("features.union needs at least one feature block")
    return FeatureUnion(blocks)


def _mask_numbers(text: str) -> str:
    """Lower-case and replace every number by one token, so "12 killed" and "40 killed" agree."""
    return NUMBER_RUN.sub(" 0 ", text.lower())


NUMBER_RUN = re.compile(r"\d[\d,.]*")


def cue_tfidf(
    ngram_range: Sequence[int] = (1, 3),
    lexicon_dir: str | None = None,
    min_df: int = 2,
    sublinear_tf: bool = True,
) -> TfidfVectorizer:
    """TF-IDF over n-grams of cue classes (QTY PEOPLE HARM, AUTH DECIDE, HEDGE...)."""
    from newstag.cues import CueAnalyzer

    return TfidfVectorizer(
        analyzer=CueAnalyzer(_ngrams(ngram_range), lexicon_dir),
        min_df=min_df,
        sublinear_tf=sublinear_tf,
        lowercase=False,
    )


def scheme(
    word_ngram_range: Sequence[int] = (1, 2),
    char_ngram_range: Sequence[int] | None = (2, 5),
    cue_ngram_range: Sequence[int] = (1, 3),
    min_df: int = 1,
    mask_numbers: bool = True,
    lexicon_dir: str | None = None,
    window: int = 4,
    weights: dict[str, float] | None = None,
) -> FeatureUnion:
    """Word and character TF-IDF plus the label scheme's cues (see ``newstag.cues``).

    ``char_ngram_range=None`` leaves the character block out (about 3x faster to apply).
    """
    from newstag.cues import CueFlags

    word = word_tfidf(word_ngram_range, min_df=min_df)
    if mask_numbers:
        word.set_params(preprocessor=_mask_numbers)
    blocks: list[tuple[str, object]] = [("word", word)]
    if char_ngram_range is not None:
        blocks.append(("char", char_tfidf(char_ngram_range, min_df=min_df)))
    blocks += [
        ("cues", cue_tfidf(cue_ngram_range, lexicon_dir)),
        ("flags", CueFlags(window=window, lexicon_dir=lexicon_dir)),
    ]
    names = {name for name, _ in blocks}
    kept = {k: v for k, v in (weights or {}).items() if k in names}
    return FeatureUnion(blocks, transformer_weights=kept or None)
