"""Rule-based English sentence splitter for news text.

The splitter gathers character spans of sentences from raw article text with
a single linear regex scan per line and a small decision function at each
candidate boundary. It is pure standard-library Python; its word lists live in
``newstag/lexicons/abbreviations.txt`` and are read once at import.

Rules, in the order they apply:

* **Line breaks.** Every line break (``\\n``, ``\\r``, form feed, ``\\u2028``
  ... anything :py:meth:`str.splitlines` splits on) ends a sentence, so
  headlines, datelines, bylines, "Source:" lines and bullet lines without a
  final stop are sentences of their own.
* **In-line lists.** A bullet character (``•``, ``▪``, ``◦``, ``‣``, ``⁃``,
  ``●``, ``■``) preceded by whitespace starts a new sentence. A line (or
  bullet item) that opens with a list marker (``1.``, ``1)``, ``1.)``,
  ``(1)``, ``a.``; not ``A.``, which may be an initial) starts a list: the
  following markers of the same style and next value (``2.``, ``b.``...)
  found in the line start new sentences, and the period of a marker never
  ends one.
* **Candidates.** A candidate boundary is a run of terminal punctuation
  (``. ? ! …``) plus any closing quotes or brackets, followed by whitespace.
  Periods inside tokens (``3.5``, ``U.S.A.``, ``example.com``, ``...see``)
  are never candidates.
* **Dashes.** When a dash stands between terminal punctuation and the next
  word (``gate. - Most are``, ``siege. — With reports``), the word after the
  dash is judged instead; after an abbreviation (``3:40 p.m. — Residents``)
  such a dash never starts a sentence. If a line has such " - Item" bullets,
  a heading before its first item (``Overview - Some 38,000 fled. - Most
  ...``) is cut off too.
* **? and !** end a sentence unless the next word is lower-case or the next
  character continues the sentence (``, ; : - —``...): ``"Why?" he asked``,
  ``Yahoo! in``.
* **Ellipses.** ``...``, ``…`` and longer runs end a sentence only before a
  capitalised word; ``[...]`` never does. A spaced ellipsis ``. . .`` marks an
  omission inside a sentence; with four dots (``. . . .`` or ``word. . . .``)
  it ends the sentence before a capitalised word.
* **Period followed by a closing quote or bracket** ends a sentence unless
  the next word is lower-case (``"This is great." she said``).
* **Period after a word** (``W. Next``):

  - before a lower-case word: no boundary, except in *lower-case text* (see
    below);
  - before a number: a boundary only after a number or an ordinary word, not
    after an abbreviation, single letter or symbol (``No. 10``, ``Jan. 5``,
    ``p. 55``, ``N°. 1026``); ``in 2014. 2022 brought`` splits;
  - before a capitalised word: titles (``Mr.``, ``Gen.``, ``Lt. Col.``,
    ``vs.``) never end a sentence; ``etc.``/``et al.`` always do;
    ``a.m.``/``p.m.`` do unless the next word is a weekday, month or time
    zone, is followed by ``time`` (``10 p.m. Manila time``), or the sentence
    so far is a fronted time phrase (``At 5 a.m. Mr. Smith left.``); other
    abbreviations, U.S.-style forms and single letters (initials) end a
    sentence only before a typical sentence opener (``He``, ``The``,
    ``But``, ``Police``...): ``moved to the U.S. He left`` splits, ``the U.S.
    Government`` and ``John F. Kennedy`` do not, and neither does ``Feb.
    Russian troops`` (a known miss: no opener). Company and name suffixes
    (``Co.``, ``Inc.``, ``Jr.``) also end a sentence before a title. The
    pronoun ``I`` after a lower-case word ends a sentence (``you and I.
    Did``). Any other word or number ends the sentence.

* **Lower-case text.** A line whose first letter is lower-case and in which
  no terminal punctuation is followed by a capital letter is taken to be
  written without capitalisation (transcripts, social media). There, terminal
  punctuation before a lower-case word ends a sentence unless the word before
  it is an abbreviation or a single letter (``he said it was over. then the
  shelling started.`` gives two sentences, ``the u.s. army`` one);
  ``a.m.``/``p.m.`` end one unless a preposition, conjunction or time word
  follows (``at 6 a.m. on tuesday``); after a closing quote, a speech verb
  as the first or second next word keeps the sentence going (``"why?" he
  asked``).
* **Not handled.** A heading run into its first sentence on one line with
  no punctuation between them (``Next steps The report is due``) stays one
  sentence.

The spans returned are stripped of surrounding whitespace, non-empty, in
order and non-overlapping, with only whitespace between them. The running
time is linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources

__all__ = ["iter_sentences", "split_spans"]


# --------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------


def _read_lexicon() -> str:
    try:
        ref = resources.files(__package__ or "newstag").joinpath("lexicons")
        return ref.joinpath("abbreviations.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError, TypeError):
        from pathlib import Path

        path = Path(__file__).with_name("lexicons") / "abbreviations.txt"
        return path.read_text(encoding="utf-8")


def _parse_lexicon(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip(), [])
        elif current is not None:
            current.extend(line.split())
    return sections


_SECTIONS = _parse_lexicon(_read_lexicon())
_ABBREV_CATEGORIES = ("title", "numeric", "suffix", "ambiguous", "final", "time")

_CASED: dict[str, str] = {}  # entries with a capital: exact and all-caps form
_UNCASED: dict[str, str] = {}  # lower-case entries: lower or initial-capital form
for _cat in _ABBREV_CATEGORIES:
    for _entry in _SECTIONS.get(_cat, ()):
        if _entry != _entry.lower():
            _CASED.setdefault(_entry, _cat)
            _CASED.setdefault(_entry.upper(), _cat)
        else:
            _UNCASED.setdefault(_entry, _cat)

_STARTERS = frozenset(_SECTIONS.get("starter", ()))
_TIMEWORDS = frozenset(_SECTIONS.get("timeword", ()))
_FRONTPREPS = frozenset(_SECTIONS.get("frontprep", ()))
_SPEECH_VERBS = frozenset(_SECTIONS.get("speechverb", ()))
_TIME_CONTINUE = frozenset(_SECTIONS.get("timecontinue", ())) | frozenset(
    w.lower() for w in _TIMEWORDS
)
del _cat, _entry


def _category(word: str) -> str | None:
    """Abbreviation category of ``word`` (no final period), or None."""
    cat = _CASED.get(word)
    if cat is not None:
        return cat
    low = word.lower()
    if word == low or word[1:] == low[1:]:
        return _UNCASED.get(low)
    return None


# --------------------------------------------------------------------------
# Character classes and patterns
# --------------------------------------------------------------------------

_TERMINALS = ".?!…‼⁇⁈⁉"
_CLOSERS = "\"'”’»›)]}"
_OPENERS = "\"'“‘«‹([{¿¡„‚"
_BULLETS = "•▪◦‣⁃●■"
# characters that, after terminal punctuation, continue the same sentence
_CONTINUERS = frozenset(",;:-–—%)]}&/|")
_CURRENCY = frozenset("$€£¥₹#")
_DASHES = frozenset("-–—")
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

_LINE_RE = re.compile(f"[^{_LINE_BREAKS}]+")
# A maximal run of terminal punctuation and closers. No trailing context, so
# the match never backtracks and finditer is linear.
_RUN_RE = re.compile(f"[{re.escape(_TERMINALS)}][{re.escape(_TERMINALS + _CLOSERS)}]*")
_LEAD_RE = re.compile(f"[{re.escape(_TERMINALS)}]+")
_QUEST_RE = re.compile("[?!‼⁇⁈⁉]")
_TERM_RE = re.compile(f"[{re.escape(_TERMINALS)}]")
# whitespace, opening quotes/brackets, then the next word (letters only)
_NEXT_RE = re.compile(f"\\s*([{re.escape(_OPENERS)}]*)([^\\W\\d_]*)")
_MULTI_RE = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]\Z")
_BULLET_ANY_RE = re.compile(f"[{_BULLETS}]")
_BULLET_INLINE_RE = re.compile(f"(?<=\\s)[{_BULLETS}]")
_MARKER_RE = re.compile(
    f"\\s*(?:[{_BULLETS}*\\-–—]\\s*)?(\\(?)(\\d{{1,3}}|[a-z])(\\.\\)|\\)|\\.)(?=\\s)"
)
_FIRST_LETTER_RE = re.compile(r"[^\W\d_]")
# a heading followed by " - Item" on the same line as ". - Item" bullets
_HEADING_DASH_RE = re.compile(f"\\s-\\s+[{re.escape(_OPENERS)}]*[A-Z]")
# terminal punctuation (not preceded by more of it) then a capitalised word
_NO_TERM_BEFORE = re.escape(_TERMINALS + _CLOSERS)
_CAP_START_RE = re.compile(
    f"(?<![{_NO_TERM_BEFORE}])[{re.escape(_TERMINALS)}][{_NO_TERM_BEFORE}]*"
    f"\\s+[{re.escape(_OPENERS)}]*[A-ZÀ-ÖØ-Þ]"
)


def _lower_case_line(line: str) -> bool:
    """True if ``line`` looks written without sentence capitalisation."""
    m = _FIRST_LETTER_RE.search(line)
    if m is None or not m.group().islower():
        return False
    return _CAP_START_RE.search(line) is None


def _next(line: str, pos: int) -> re.Match[str]:
    """Match whitespace, openers and the next word at ``pos`` (always matches)."""
    m = _NEXT_RE.match(line, pos)
    assert m is not None  # every part of the pattern is optional
    return m


def _word_after(line: str, pos: int) -> tuple[str, int]:
    """The next word (letters only) after ``pos``, and where it ends."""
    m = _next(line, pos)
    return m.group(2), m.end()


def _attributed(line: str, word: str, word_end: int) -> bool:
    """True if a speech verb is one of the next two words: '"..." he said'."""
    if word.lower() in _SPEECH_VERBS:
        return True
    return bool(word) and _word_after(line, word_end)[0].lower() in _SPEECH_VERBS


def _fronted_time(line: str, wstart: int, last_cut: int) -> bool:
    """True if the sentence so far is a short fronted phrase: "At 5 a.m."."""
    if wstart - last_cut > 60:
        return False
    before = line[last_cut:wstart].split()
    return 1 <= len(before) <= 4 and before[0].lstrip(_OPENERS).capitalize() in _FRONTPREPS


def _next_marker(value: str) -> str | None:
    if value.isdigit():
        return str(int(value) + 1)
    if value in "zZ":
        return None
    return chr(ord(value) + 1)


def _list_cuts(line: str, extra: list[int], suppress: set[int]) -> None:
    """Find bullet and list-marker boundaries of ``line``.

    Appends the positions where a new sentence starts to ``extra`` and the
    positions of list-marker periods (which must not end a sentence) to
    ``suppress``.
    """
    n = len(line)
    starts = [0]
    if _BULLET_ANY_RE.search(line):
        for b in _BULLET_INLINE_RE.finditer(line):
            extra.append(b.start())
            starts.append(b.start())
    ends = starts[1:] + [n]
    for start, end in zip(starts, ends, strict=True):
        m = _MARKER_RE.match(line, start, end)
        if m is None:
            continue
        paren, value, style = m.groups()
        dotted = "." in style
        if dotted:
            suppress.add(m.start(3))
        pos = m.end()
        while True:
            nxt = _next_marker(value)
            if nxt is None:
                break
            needle = f" {paren}{nxt}{style}"
            size = len(needle)
            q = line.find(needle, pos, end)
            while q >= 0 and not (q + size < end and line[q + size].isspace()):
                q = line.find(needle, q + 1, end)
            if q < 0:
                break
            extra.append(q + 1)
            if dotted:
                suppress.add(q + 1 + len(paren) + len(nxt))
            value, pos = nxt, q + size


# --------------------------------------------------------------------------
# Boundary decisions
# --------------------------------------------------------------------------


def _line_cuts(line: str) -> list[int]:
    """Positions in ``line`` (a text without line breaks) where sentences end."""
    n = len(line)
    cuts: list[int] = []
    extra: list[int] = []
    suppress: set[int] = set()
    if _MARKER_RE.match(line) or _BULLET_ANY_RE.search(line):
        _list_cuts(line, extra, suppress)

    lower_mode: bool | None = None
    lo = 0  # end of the previous candidate: words never extend before it
    last_cut = 0
    chain_dots = 0  # dots seen so far in a spaced ellipsis ". . ."
    chain_next = -1  # where the next dot of that ellipsis must start
    first_run = -1  # start of the first candidate of the line
    hyphen_bullets = False  # a cut was made before " - Item"

    for m in _RUN_RE.finditer(line):
        s, e = m.span()
        if e >= n:
            break  # the end of the line is a boundary anyway
        if not line[e].isspace():
            continue
        if s in suppress:
            lo = e
            continue
        if first_run < 0:
            first_run = s
        run = m.group()
        if run == ".":  # by far the most common candidate: skip the regexes
            lead, rest, dots, quest = run, "", 1, False
        else:
            lead = _LEAD_RE.match(run).group()  # type: ignore[union-attr]
            rest = run[len(lead) :]
            dots = lead.count(".") + 3 * lead.count("…")
            quest = _QUEST_RE.search(lead) is not None
        nm = _next(line, e)
        openers, word = nm.group(1), nm.group(2)
        q = nm.end(1)
        first = word[0] if word else (line[q] if q < n else "")

        # spaced ellipsis: ". . ." -- defer to its last dot
        if chain_next != s:
            chain_dots = 0
        if first and first in ".…" and not (openers or rest or quest):
            chain_dots += dots
            chain_next = nm.start(1)
            lo = e
            continue
        spaced_total = chain_dots + dots if chain_dots else 0
        chain_dots, chain_next = 0, -1
        word_end = nm.end()
        dash = ""
        if first in _DASHES and q + 1 < n and line[q + 1].isspace():
            dash = first
            # "... gate. - Most are sheltering": judge the word after the dash
            nm = _next(line, q + 1)
            openers, word = nm.group(1), nm.group(2)
            q = nm.end(1)
            first = word[0] if word else (line[q] if q < n else "")
            word_end = nm.end()

        upper = first.isupper()
        lower = first.islower()
        if lower and lower_mode is None:
            lower_mode = _lower_case_line(line)

        if quest or (rest and _TERM_RE.search(rest)):
            # ? ! (or a period after a closing bracket): strong terminal
            if lower:
                cut = bool(lower_mode) and not (rest and _attributed(line, word, word_end))
            else:
                cut = first not in _CONTINUERS and first != ""
        elif spaced_total:
            cut = spaced_total >= 4 and upper
        elif dots >= 2 or "…" in lead:
            cut = upper and not (s > 0 and line[s - 1] == "[")
        elif rest:
            # period + closing quote/bracket: '"Go home." she said' is one
            # sentence, except in lower-case text without a speech verb
            if lower:
                cut = bool(lower_mode) and not _attributed(line, word, word_end)
            else:
                cut = first not in _CONTINUERS and first != ""
        else:
            cut = _period_cut(
                line,
                s,
                lo,
                last_cut,
                first,
                upper,
                lower,
                lower_mode,
                word,
                word_end,
                bool(dash),
            )
        lo = e
        if cut:
            cuts.append(e)
            last_cut = e
            if dash == "-":
                hyphen_bullets = True

    if hyphen_bullets and first_run > 0:
        # "Overview - Some 38,000 fled. - Most are ...": the heading before
        # the first hyphen item is a sentence of its own
        h = _HEADING_DASH_RE.search(line, 0, first_run)
        if h is not None:
            extra.append(h.start() + 1)
    if extra:
        return sorted(set(cuts).union(extra))
    return cuts


def _word_before(line: str, s: int, lo: int) -> tuple[str, int]:
    """The whitespace-delimited token ending at ``s`` and its start."""
    p = line.rfind(" ", lo, s)
    start = lo if p < 0 else p + 1
    w = line[start:s]
    if w and not w.isprintable():  # other whitespace (tab, nbsp...) inside
        if w[-1].isspace():
            return "", s
        w = w.split()[-1]
        start = s - len(w)
    return w, start


def _period_cut(
    line: str,
    s: int,
    lo: int,
    last_cut: int,
    first: str,
    upper: bool,
    lower: bool,
    lower_mode: bool | None,
    word: str,
    word_end: int,
    dashed: bool,
) -> bool:
    """Decide a single period at ``line[s]`` followed by whitespace.

    ``first``/``upper``/``lower`` describe the next word (``word``, ending at
    ``word_end``); ``dashed`` means a dash stands between the period and it.
    """
    w, wstart = _word_before(line, s, lo)
    stripped = w.lstrip(_OPENERS)
    wstart += len(w) - len(stripped)
    w = stripped.rstrip(_CLOSERS)
    cat = _category(w) if w and not (len(w) == 1 and w.isupper()) else None
    multi = cat is None and "." in w and _MULTI_RE.match(w) is not None

    if lower:
        if not lower_mode or multi:
            return False
        if cat == "time":  # "at six p.m. acting prime minister ..."
            return not (word in _TIME_CONTINUE or _fronted_time(line, wstart, last_cut))
        if cat is not None:
            return False
        return len(w) != 1 or w in "iI"
    if first.isdigit() or first in _CURRENCY:
        if cat is not None or multi:
            return False
        if any(ch.isdigit() for ch in w):
            return True
        return len(w) >= 2 and w.isalpha()
    if not upper:
        if first in _CONTINUERS or first == "":
            return False
        return cat is None and not multi and len(w) != 1

    # the next word is capitalised
    if dashed:  # "siege. — With reports" but "3:40 p.m. — Residents"
        return cat is None and not multi and len(w) != 1
    n = len(line)
    next_initial = len(word) == 1 and word.isupper() and word_end < n and line[word_end] == "."
    if cat is None:
        if multi:
            cat = "ambiguous"
        elif len(w) == 1 and w.isalpha():
            # an initial (John F. Kennedy) or a one-letter word at the end
            if next_initial:
                return False
            if w == "I":
                before = line[max(lo, wstart - 40) : wstart].split()
                if before and before[-1].lstrip(_OPENERS)[:1].islower():
                    return True  # "you and I. Did you ..."
            return word in _STARTERS
        else:
            return True
    if cat == "title":
        return False
    if cat == "final":
        return True
    if cat == "time":
        if word in _TIMEWORDS or _fronted_time(line, wstart, last_cut):
            return False  # "at 6 p.m. Sunday", "At 5 a.m. Mr. Smith went ..."
        return _word_after(line, word_end)[0] != "time"  # "10 p.m. Manila time"
    # numeric, suffix, ambiguous
    if next_initial:
        return False
    if word in _STARTERS:
        return True
    if cat == "suffix" and word_end < n and line[word_end] == ".":
        return _category(word) == "title"
    return False


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def split_spans(text: str) -> list[tuple[int, int]]:
    """Split news text into sentence spans.

    Parameters
    ----------
    text : str
        Raw text: one article, paragraph or any fragment. Every line break
        ends a sentence.

    Returns
    -------
    list of tuple of (int, int)
        ``(start, end)`` character offsets of each sentence, in order and
        non-overlapping. ``text[start:end]`` is non-empty and has no leading
        or trailing whitespace, and only whitespace lies between consecutive
        spans and before the first or after the last. Empty or
        whitespace-only text gives ``[]``.

    Examples
    --------
    >>> text = "He moved to the U.S. He left in May."
    >>> [text[a:b] for a, b in split_spans(text)]
    ['He moved to the U.S.', 'He left in May.']
    """
    spans: list[tuple[int, int]] = []
    append = spans.append
    for lm in _LINE_RE.finditer(text):
        line = lm.group()
        base = lm.start()
        prev = 0
        for cut in _line_cuts(line):
            seg = line[prev:cut]
            body = seg.strip()
            if body:
                a = base + prev + len(seg) - len(seg.lstrip())
                append((a, a + len(body)))
            prev = cut
        seg = line[prev:] if prev else line
        body = seg.strip()
        if body:
            a = base + prev + len(seg) - len(seg.lstrip())
            append((a, a + len(body)))
    return spans


def iter_sentences(text: str) -> Iterator[tuple[int, int, str]]:
    """Iterate over the sentences of news text.

    Parameters
    ----------
    text : str
        Raw text; see :func:`split_spans` for the rules applied.

    Yields
    ------
    tuple of (int, int, str)
        ``(start, end, sentence)`` with ``sentence == text[start:end]``, in
        text order.

    Examples
    --------
    >>> [s for _, _, s in iter_sentences('"We will fight," he said. Then he left.')]
    ['"We will fight," he said.', 'Then he left.']
    """
    for start, end in split_spans(text):
        yield start, end, text[start:end]
