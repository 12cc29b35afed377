"""Tests for newstag.segment: named cases, offset invariants, properties and
pathological inputs (correctness only; no timing assertions)."""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstag import segment
from newstag.segment import iter_sentences, split_spans


def _load_cases():
    path = Path(__file__).with_name("segment_cases.py")
    spec = importlib.util.spec_from_file_location("newstag_segment_cases", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_CASES_MODULE = _load_cases()
CASES = _CASES_MODULE.CASES
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def assert_valid_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """Offsets invariants: ordered, non-overlapping, stripped, non-empty,
    only whitespace in the gaps, and gaps + spans rebuild the text."""
    assert isinstance(spans, list)
    prev = 0
    rebuilt = []
    for start, end in spans:
        assert isinstance(start, int) and isinstance(end, int)
        assert prev <= start < end <= len(text), (spans, len(text))
        gap = text[prev:start]
        assert gap.strip() == "", repr(gap)
        sentence = text[start:end]
        assert sentence == sentence.strip(), repr(sentence)
        assert sentence
        rebuilt += [gap, sentence]
        prev = end
    tail = text[prev:]
    assert tail.strip() == ""
    assert "".join(rebuilt) + tail == text
    if not text.strip():
        assert spans == []


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_spans(text)]


# ---------------------------------------------------------------- named cases


def test_case_table_is_well_formed():
    names = [name for name, _, _ in CASES]
    assert len(names) == len(set(names))
    assert len(_CASES_MODULE.GOLDEN_RULE_CASES) == 48
    for _, text, expected in CASES:
        assert expected and all(s == s.strip() and s for s in expected)
        # a careful human cuts, never rewrites: the sentences appear in order
        pos = 0
        for s in expected:
            found = text.find(s, pos)
            assert found >= 0 and text[pos:found].strip() == ""
            pos = found + len(s)


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_named_case(name, text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_named_case_offsets(name, text, expected):
    assert_valid_spans(text, split_spans(text))
    # the same text embedded in an article with padding and paragraph breaks
    padded = "  \n" + text + "\n\n\t"
    spans = split_spans(padded)
    assert_valid_spans(padded, spans)
    assert [padded[a:b] for a, b in spans] == sentences(text)


# ---------------------------------------------------------------- API basics


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n\u2028\xa0 "])
def test_blank_text_gives_no_spans(text):
    assert split_spans(text) == []
    assert list(iter_sentences(text)) == []


def test_iter_sentences_matches_split_spans():
    text = "The talks ended. Both sides left.\nSource: Reuters"
    got = list(iter_sentences(text))
    assert [(a, b) for a, b, _ in got] == split_spans(text)
    assert all(text[a:b] == s for a, b, s in got)
    assert [s for _, _, s in got] == ["The talks ended.", "Both sides left.", "Source: Reuters"]


def test_every_line_break_ends_a_sentence():
    text = "one\rtwo\r\nthree\x0cfour\u2028five\u2029six\x85seven"
    assert sentences(text) == ["one", "two", "three", "four", "five", "six", "seven"]


def test_offsets_point_into_original_text():
    text = "\t  He moved to the U.S.  He left in May.  \n"
    assert split_spans(text) == [(3, 23), (25, 40)]


def test_docstring_examples():
    result = doctest.testmod(segment)
    assert result.attempted >= 2 and result.failed == 0


def test_lexicon_loaded():
    assert segment._category("Mr") == "title"
    assert segment._category("co") == "suffix"
    assert segment._category("Co") == "suffix"
    assert segment._category("Jan") == "ambiguous"
    assert segment._category("JAN") == "ambiguous"
    assert segment._category("jan") is None
    assert segment._category("etc") == "final"
    assert segment._category("p.m") == "time"
    assert "The" in segment._STARTERS


# ---------------------------------------------------------------- properties

NEWS_TOKENS = [
    "U.S.",
    "U.N.",
    "Mr.",
    "Mrs.",
    "Dr.",
    "Gen.",
    "Lt.",
    "Col.",
    "St.",
    "No.",
    "Jan.",
    "Sept.",
    "a.m.",
    "p.m.",
    "P.M.",
    "etc.",
    "e.g.",
    "i.e.",
    "vs.",
    "Inc.",
    "Co.",
    "Jr.",
    "approx.",
    "3.5",
    "1,200",
    "$4.2",
    "10.30",
    "2.4.1",
    "J.",
    "R.",
    "F.",
    "I",
    "i",
    "he",
    "He",
    "said",
    "The",
    "the",
    "attack",
    "then",
    "www.example.com/a?b=1",
    "x@y.org",
    "...",
    "…",
    ". . .",
    ".",
    "?",
    "!",
    "?!",
    "!!",
    "....",
    '"',
    "'",
    "“",
    "”",
    "‘",
    "’",
    "(",
    ")",
    "[",
    "]",
    "[...]",
    "•",
    "⁃",
    "-",
    "—",
    "–",
    "1.",
    "2.",
    "3.",
    "a.",
    "b.",
    "1)",
    "2)",
    "1.)",
    "(1)",
    "N°.",
    "Yahoo!",
    ":",
    ",",
    ";",
    "KYIV",
    "Source:",
]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", "  ", "\t", "\xa0", "\r\n", "\u2028", " \n "]

news_text = st.lists(
    st.tuples(
        st.one_of(st.sampled_from(NEWS_TOKENS), st.text(max_size=3)),
        st.sampled_from(SEPARATORS),
    ),
    max_size=60,
).map(lambda parts: "".join(tok + sep for tok, sep in parts))


def _check_properties(text: str) -> None:
    spans = split_spans(text)
    assert_valid_spans(text, spans)
    for a, b in spans:
        assert not any(ch in LINE_BREAKS for ch in text[a:b])
    assert [(a, b) for a, b, _ in iter_sentences(text)] == spans
    # leading whitespace shifts the spans and changes nothing else
    assert split_spans("  " + text) == [(a + 2, b + 2) for a, b in spans]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_property_any_text(text):
    _check_properties(text)


@settings(max_examples=400, deadline=None)
@given(news_text)
def test_property_news_like_text(text):
    _check_properties(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(NEWS_TOKENS), max_size=40))
def test_property_tokens_without_spaces(tokens):
    _check_properties("".join(tokens))


# ---------------------------------------------------------------- pathological

PATHOLOGICAL = {
    "1mb_no_punctuation": ("lorem ipsum dolor " * 60000)[:1_000_000],
    "1mb_single_token": "x" * 1_000_000,
    "100k_dots": "." * 100_000,
    "100k_dots_then_word": "." * 100_000 + " Then",
    "100k_spaced_dots": ". " * 100_000 + "The end.",
    "100k_quotes": '"' * 100_000,
    "100k_single_quotes": "'" * 100_000,
    "100k_quote_period_pairs": '."' * 100_000 + "x",
    "100k_abbreviations": "U.S. " * 100_000,
    "100k_question_marks": "?" * 100_000 + " Who?",
    "long_list": "1. x " + " ".join(f"{i}. x" for i in range(2, 20_000)),
    "tab_separated_initials": "A.\tB.\t" * 50_000,
    "1mb_whitespace": " \t" * 500_000,
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_inputs(name):
    text = PATHOLOGICAL[name]
    assert_valid_spans(text, split_spans(text))


def test_pathological_expected_counts():
    assert len(split_spans(PATHOLOGICAL["1mb_no_punctuation"])) == 1
    assert len(split_spans(PATHOLOGICAL["100k_dots"])) == 1
    assert len(split_spans(PATHOLOGICAL["100k_quotes"])) == 1
    assert split_spans(PATHOLOGICAL["1mb_whitespace"]) == []
