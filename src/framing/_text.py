"""Sentences with character offsets, tokens, and literal phrase matching.

Sentence boundaries follow NLTK's Punkt algorithm with parameters set here instead of a
downloaded model: a list of abbreviations (:data:`ABBREVIATIONS`, Punkt's ``abbrev_types``),
titles that never end a sentence, and frequent sentence starters (Punkt's orthographic
heuristic). :func:`punkt_tokenizer` returns NLTK's own tokenizer with these parameters; the
splitter used by the library applies the same decisions with compiled regular expressions, one
Python step per candidate boundary rather than per token, which is several times faster. It
adds a few decisions of its own that Punkt's parameters cannot express, all about news text:
an abbreviation that is also a plain word ends a sentence outside its own context (``said no.``
but ``No. 1``; ``fell ill.`` but ``Springfield, Ill.``: :data:`NUMBER_ABBREVIATIONS`,
:data:`STATE_ABBREVIATIONS`); a quotation ending in ``?`` or ``!`` keeps its attribution
(``"Why now?" Peskov asked.``, :data:`REPORTING_VERBS`); the word before a period starts after
a dash, slash or bracket (``leaders—Mr. Xi``); and an ellipsis ends a sentence.
Line breaks are boundaries, except a soft wrap: a line that does not end a sentence followed by
one that starts in lower case, or a line that ends with a word that cannot end a sentence
(``relations with`` / ``Russia were …``; a headline such as ``Xi meets Putin`` / ``The two
leaders …`` stays a sentence of its own). Each line is a paragraph (wrapped lines joined);
blank lines separate paragraphs too.

Tokens are made lazily (:func:`tokenize`): the scorer matches compiled patterns over sentences
and never needs per-token objects.

Examples
--------
>>> text = "Mr. Xi met Mr. Putin in the U.S. capital. They talked.\\nA headline"
>>> [text[s:e] for s, e, _ in split_sentences(text)]
['Mr. Xi met Mr. Putin in the U.S. capital.', 'They talked.', 'A headline']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING

from ._english import (
    ABBREVIATIONS,
    ATTRIBUTION_ADVERBS,
    ATTRIBUTION_PRONOUNS,
    GENERIC_SUBJECTS,
    LOWER_NEVER_FINAL,
    NEVER_FINAL,
    NUMBER_ABBREVIATIONS,
    REPORTING_VERBS,
    SENTENCE_STARTERS,
    STATE_ABBREVIATIONS,
    TITLES,
    WRAP_PREPOSITIONS,
)
from ._phrases import APOSTROPHES, WORD_SEPARATORS, phrase_key
from .errors import ParameterError

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = [
    "ABBREVIATIONS",
    "TITLES",
    "SENTENCE_STARTERS",
    "NUMBER_ABBREVIATIONS",
    "STATE_ABBREVIATIONS",
    "REPORTING_VERBS",
    "Token",
    "PhraseMatcher",
    "PhraseSets",
    "split_sentences",
    "tokenize",
    "count_words",
    "punkt_tokenizer",
]

# Capitalised words that start a new sentence rather than name a quotation's speaker.
_NOT_NAMES = SENTENCE_STARTERS | REPORTING_VERBS | GENERIC_SUBJECTS
_WRAPPED_LINE = 40  # characters: text wrapped at 60 columns or more fills lines this far

# Only at the start of a run of marks, taken whole (possessive): a run of a million '!' is one
# candidate, not a million candidates that each scan to its end (quadratic time). The pattern
# opens with the mark itself, so the engine jumps from mark to mark; the look-behind, run only
# there, checks that the character before it is not a mark too.
# The white space after it is captured in the lookahead: where the next sentence would start.
_CANDIDATE = re.compile(r"[.?!…](?<![.?!…][.?!…])[.?!…]*+[\"”’'»)\]]*+(?=([ \t]+)\S)")
_MARKS = ".?!…"
_AFTER_MARK = frozenset(_MARKS + "\"”’'»)] \t")  # what can follow a candidate's first mark
_SPACE_RUN = re.compile(r"[ \t]+")
_SENT_END = re.compile(r"[.?!…:][\"”’'»)\]]*[ \t]*$")
_FINAL = frozenset(".?!…:")  # a line ending with one of these ends a sentence (_SENT_END)
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_LEADING_PUNCT = re.compile(r"[\"“‘'(\[«]+")
# The word before a period starts after the last space, and then after the last dash, slash or
# opening bracket in it ("leaders—Mr.", "(Gen."); leading quotes are stripped from it after.
_INNER_BREAK = re.compile(r".*[—–‐‑\-/(\[{]")
_WORD_REACH = 48
# The words before a period that may not end a sentence (lower case); any other word of letters
# does.
_ABBREVIATION_LIKE = TITLES | NUMBER_ABBREVIATIONS | STATE_ABBREVIATIONS | ABBREVIATIONS
_CLOSING_QUOTES = "\"”’'»"
# One word of an attribution after a quotation: letters (a name may hold digits, hyphens,
# apostrophes), then an optional period (a title or initial) and comma (an apposition).
_ATTRIBUTION_WORD = re.compile(r"([^\W\d_][\w'’\-]*)(\.?)(,?)")
_LAST_WORD = re.compile(r"(?<!\w)\w+$")


def punkt_tokenizer() -> PunktSentenceTokenizer:
    """NLTK's Punkt sentence tokenizer with this module's parameters; no download needed.

    Returns
    -------
    nltk.tokenize.punkt.PunktSentenceTokenizer

    Raises
    ------
    ImportError
        nltk is not installed (it is the ``nltk`` extra, not a dependency of framing).

    Examples
    --------
    >>> punkt_tokenizer().tokenize("Mr. Xi met Dr. Li. They talked.")
    ['Mr. Xi met Dr. Li.', 'They talked.']
    """
    try:
        from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    except ImportError as exc:  # nltk is not a dependency: split_sentences does without it
        raise ImportError(
            "punkt_tokenizer needs nltk: pip install 'framing[nltk]' (framing's own "
            "split_sentences makes the same decisions without it)"
        ) from exc
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.sent_starters = set(SENTENCE_STARTERS)
    return PunktSentenceTokenizer(params)


def _is_boundary(
    text: str, line_start: int, dot: int, end: int, next_start: int, tabs: bool
) -> bool:
    """Decide whether the punctuation at ``dot`` (its first character, the candidate ending at
    ``end``) ends a sentence; ``tabs``: whether the text holds a tab."""
    nxt = text[next_start]
    if nxt.islower():
        return False
    mark = text[dot]
    if mark != ".":
        # '"Why now?" Peskov asked.': a quotation ending in ? or ! and its attribution.
        if mark in "?!" and text[end - 1] in _CLOSING_QUOTES:
            return not _attribution_follows(text, next_start)
        return True
    if text[dot + 1] == ".":  # an ellipsis ('...')
        return nxt.isupper() or nxt in "\"“‘'(["
    # Words longer than _WORD_REACH are no abbreviations: the search goes no further back, so
    # that a long run of words separated by tabs alone costs linear time.
    reach = dot - _WORD_REACH if dot - _WORD_REACH > line_start else line_start
    word_start = text.rfind(" ", reach, dot)
    if tabs:  # most texts have none (cleaned ones never): a search saved
        word_start = max(word_start, text.rfind("\t", reach, dot))
    word_start += 1
    if not word_start:
        if reach > line_start:
            return True
        word_start = reach
    # Most words before a period are plain words of letters (nothing to strip before them) that
    # are no abbreviation, title or initial: they end the sentence.
    written = text[word_start:dot]
    if len(written) > 1 and written.isalpha() and written.lower() not in _ABBREVIATION_LIKE:
        return True
    inner = _INNER_BREAK.match(text, word_start, dot)
    if inner:
        word_start = inner.end()
    leading = _LEADING_PUNCT.match(text, word_start, dot)
    if leading:
        word_start = leading.end()
    written = text[word_start:dot]
    word = written.lower()
    if not word:
        return True
    if word in TITLES:
        return False
    if word in NUMBER_ABBREVIATIONS:  # "No. 1", not "said no."
        return not nxt.isdigit()
    if word in STATE_ABBREVIATIONS and not (
        written[0].isupper() and word_start >= 2 and text.startswith(", ", word_start - 2)
    ):  # "Springfield, Ill.", not "fell ill."
        return True
    if len(word) == 1 and word.isalpha():  # an initial: "George W. Bush", "J. Smith"
        return _next_word(text, next_start) in SENTENCE_STARTERS
    if word in ABBREVIATIONS or ("." in word and word.replace(".", "").isalpha()):
        return _next_word(text, next_start) in SENTENCE_STARTERS
    return True


def _attribution_follows(text: str, start: int) -> bool:
    """Whether a short attribution starts at ``start``: a reporting verb after a pronoun
    (``He asked``, ``He later added``) or after a name of up to five words (``Peskov asked``,
    ``Kremlin spokesman Dmitry Peskov said``, ``Mr. Peskov, the spokesman, said``, ``Peskov
    later told``). A name starts with a capital and is no frequent sentence starter or generic
    subject (``Nobody answered.``, ``Analysts said …`` start new sentences), and the word
    before the verb is capitalised, ends an apposition (a comma) or is an adverb."""
    match = _ATTRIBUTION_WORD.match(text, start)
    if not match:
        return False
    written = match.group(1)
    first = written.lower()
    if first in ATTRIBUTION_PRONOUNS:
        reach = 2  # the pronoun and an adverb
    elif written[0].isupper() and first not in _NOT_NAMES:
        reach = 5  # words before the verb
    else:
        return False
    for _ in range(reach):
        word, period, comma = match.group(1), match.group(2), match.group(3)
        if period and word.lower() not in TITLES and len(word) > 1:  # the sentence ended
            return False
        space = _SPACE_RUN.match(text, match.end())
        following = _ATTRIBUTION_WORD.match(text, space.end()) if space else None
        if not following:
            return False
        if following.group(1).lower() in REPORTING_VERBS:
            return bool(
                match.start() == start  # the pronoun or one-word name itself
                or word[0].isupper()
                or comma
                or word in ATTRIBUTION_ADVERBS
                or word.endswith("ly")
            )
        match = following
    return False


def _next_word(text: str, start: int) -> str:
    match = _WORD.match(text, start + (0 if text[start].isalnum() else 1))
    return match.group().lower() if match else ""


def _ends_unfinished(text: str, line_start: int, line_end: int, next_start: int) -> bool:
    """Whether the line ``text[line_start:line_end]`` ends with a word that cannot end a
    sentence (``relations with``, ``the``), so that the next line, at ``next_start``, goes on
    with the same sentence."""
    match = _LAST_WORD.search(text, max(line_start, line_end - 12), line_end)
    if not match:
        return False
    word = match.group()
    if word.lower() in NEVER_FINAL or word in LOWER_NEVER_FINAL:
        return True
    if word not in WRAP_PREPOSITIONS:
        return False
    return (
        line_end - line_start >= _WRAPPED_LINE
        or _next_word(text, next_start) not in SENTENCE_STARTERS
    )


def find_each(text: str, characters: Iterable[str]) -> list[int]:
    """The offsets of every occurrence of each of ``characters`` in ``text``, character by
    character (not in text order), found with ``str.find``: a memchr scan per character costs
    far less than a regular expression's scan for a class of characters."""
    found = []
    for character in characters:
        at = text.find(character)
        while at >= 0:
            found.append(at)
            at = text.find(character, at + 1)
    return found


def _trimmed_lines(text: str) -> list[tuple[int, int]]:
    """The start and end of each line of ``text`` that is not blank, without the white space
    (``str.isspace``) at its ends. Read from ``str.split``: a pattern would step through every
    character of the text in the regular-expression engine, which costs more."""
    found = []
    end = -1
    for segment in text.split("\n"):
        start = end + 1
        end = start + len(segment)
        if segment and not segment[0].isspace() and not segment[-1].isspace():
            found.append((start, end))
        elif trimmed := segment.strip():
            first = start + len(segment) - len(segment.lstrip())
            found.append((first, first + len(trimmed)))
    return found


def _mark_offsets(text: str) -> list[int]:
    """The offsets of every sentence-final mark (``. ? ! …``) in ``text``, in order."""
    return sorted(find_each(text, _MARKS))


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """Split text into sentences with character offsets and paragraph numbers.

    Parameters
    ----------
    text : str
        Cleaned text (see :func:`framing.clean.clean`).

    Returns
    -------
    list of (start, end, paragraph)
        ``text[start:end]`` is the sentence without surrounding white space; ``paragraph``
        counts lines (0-based) that hold text, soft-wrapped lines joined.

    Notes
    -----
    A candidate boundary is sentence-final punctuation (``. ? ! …``), optionally followed by
    closing quotes or brackets, then white space. It is a boundary unless the next word starts
    in lower case (``“…,” he said``), the word before the period is a title (``Mr.``), or the word
    is an abbreviation or an initial (``U.S.``, ``W.``) and the next word is not a frequent
    sentence starter. The word before the period is taken after the last space, dash, slash or
    opening bracket and without opening quotes (``leaders—Mr.`` is ``Mr.``). An abbreviation
    that is also a plain word is one only in its own context: before a number
    (:data:`NUMBER_ABBREVIATIONS`: ``No. 1`` but ``said no. Moscow``) or capitalised after a
    comma (:data:`STATE_ABBREVIATIONS`: ``Springfield, Ill.`` but ``fell ill. Xi``). A ``?`` or
    ``!`` with closing quotes is no boundary when a short attribution follows: a pronoun or a
    name and a reporting verb (``"Why now?" Peskov asked.``, ``"Never!" He later added.``);
    ``"Why now?" The answer came later.`` splits. Decimals (``1.28``) have no white space after
    the period and are never candidates.

    A line break ends a sentence unless the line has no final punctuation and the next line
    starts in lower case, or the line ends with a word that cannot end a sentence (an article,
    conjunction, ``of``, a possessive, ``Mr``, or a lower-case preposition: ``relations with``
    / ``Russia were``); the sentence then spans the line break.

    Examples
    --------
    >>> text = "“Ice cream is always ready. Xi loves it,” Peskov said. Trade hit 1.28 trillion."
    >>> [text[s:e] for s, e, _ in split_sentences(text)]
    ['“Ice cream is always ready.', 'Xi loves it,” Peskov said.', 'Trade hit 1.28 trillion.']
    """
    spans: list[tuple[int, int, int]] = []
    paragraph = -1
    previous_line_start, previous_line_end = 0, None
    marks = _mark_offsets(text)
    marks.append(len(text))  # past the last mark of every line: ends the walk below
    tabs = "\t" in text
    k = 0  # the first mark not looked at yet
    for line_start, line_end in _trimmed_lines(text):
        soft_wrap = (
            previous_line_end is not None
            and text[previous_line_end - 1] not in _FINAL
            and text.count("\n", previous_line_end, line_start) == 1
            and not _SENT_END.search(text, max(0, previous_line_end - 4), previous_line_end)
            and (
                text[line_start].islower()
                or _ends_unfinished(text, previous_line_start, previous_line_end, line_start)
            )
        )
        if soft_wrap:
            # Continue the last sentence of the previous line across the line break.
            sentence_start = spans.pop()[0]
        else:
            paragraph += 1
            sentence_start = line_start
        # The candidates are those of _CANDIDATE.finditer over the line: a mark that follows no
        # other mark, then more marks, closing quotes or brackets, white space and a word (a
        # decimal point or the inner periods of 'U.S.' are none).
        if marks[k] < line_start:  # the last character of the line before, the only mark between
            k += 1
        last = line_end - 1  # a mark here or further has no white space after it in the line
        while (dot := marks[k]) < last:
            k += 1
            after = text[dot + 1]
            if after not in _AFTER_MARK or (dot and text[dot - 1] in _MARKS):
                continue
            # Most candidates are a mark, one space and a word: read without the pattern. The
            # line is trimmed, so the character after that space is in it.
            if after == " " and not text[dot + 2].isspace():
                end, next_start = dot + 1, dot + 2
            else:
                candidate = _CANDIDATE.match(text, dot, line_end)
                if not candidate:
                    continue
                end, next_start = candidate.end(), candidate.end(1)
            if _is_boundary(text, line_start, dot, end, next_start, tabs):
                spans.append((sentence_start, end, paragraph))
                sentence_start = next_start
        spans.append((sentence_start, line_end, paragraph))
        previous_line_start, previous_line_end = line_start, line_end
    return spans


def count_words(text: str) -> int:
    """Count ``\\w+`` runs, the unit of every throughput figure in ``benchmarks/``.

    Examples
    --------
    >>> count_words("Xi's junior-partner remark")
    5
    """
    return sum(1 for _ in _WORD.finditer(text))


@dataclass(frozen=True)
class Token:
    """A word with its character offsets.

    Attributes
    ----------
    text : str
        As written (``Xi’s``).
    start, end : int
        Offsets into the text that was tokenised.
    lower : str
        Lower case, curly apostrophes made straight (``xi's``).
    norm : str
        ``lower`` without a possessive ``'s`` (``xi``).
    """

    text: str
    start: int
    end: int
    lower: str
    norm: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """Yield the word tokens of ``text[start:end]`` lazily, with offsets into ``text``.

    Hyphenated compounds give one token per part (``junior-partner`` -> ``junior``, ``partner``),
    as cue matching treats a hyphen like a space; apostrophes stay inside a word (``Xi’s``,
    ``isn't``) and the possessive is removed in ``norm``.

    Parameters
    ----------
    text : str
    start, end : int
        The span to tokenise (a sentence's offsets).

    Yields
    ------
    Token

    Examples
    --------
    >>> [(t.text, t.norm, t.start) for t in tokenize("Xi’s junior-partner")]
    [('Xi’s', 'xi', 0), ('junior', 'junior', 5), ('partner', 'partner', 12)]
    """
    stop = len(text) if end is None else end
    for match in _TOKEN.finditer(text, start, stop):
        lower = match.group().lower().replace("’", "'")
        yield Token(match.group(), match.start(), match.end(), lower, _POSSESSIVE.sub("", lower))


# --- literal phrase matching ---------------------------------------------------------------------

_SEP = "\x00"
_WILD = "\x01"
_SEPARATOR_RE = f"(?:[{WORD_SEPARATORS}]+)"
_APOSTROPHE_RE = f"[{APOSTROPHES}]"


def _units(key: str) -> list[str]:
    """A phrase key as trie units: characters, word separators and a trailing wildcard."""
    units: list[str] = []
    for i, word in enumerate(key.split(" ")):
        if i:
            units.append(_SEP)
        if word.endswith("*") and len(word) > 1:
            units.extend(word[:-1])
            units.append(_WILD)
        else:
            units.extend(word)
    return units


_MAX_NESTING = 200  # nested groups in one trie pattern; Python's re parser recurses on each


def _unit_regex(unit: str) -> str:
    if unit == _SEP:
        return _SEPARATOR_RE
    if unit == _WILD:
        return r"\w*"
    if unit == "'":
        return _APOSTROPHE_RE
    return re.escape(unit)


def _trie_regex(keys: Iterable[str]) -> str:
    """One pattern for all keys, shaped as their trie (shared prefixes written once).

    Built bottom-up with an explicit stack, so a key of any length works; a run of nodes with
    one continuation each is plain text, so only a branching point opens a group. A group inside
    a group arises only where keys branch or end inside each other; more than
    :data:`_MAX_NESTING` of them along one key is refused (``re`` could not compile it).
    """
    trie: dict = {}
    for key in keys:
        node = trie
        for unit in _units(key):
            node = node.setdefault(unit, {})
        node[""] = {}
    rendered: dict[int, tuple[str, int]] = {}  # id(node) -> (pattern, nesting depth)
    stack: list[tuple[dict, bool]] = [(trie, False)]
    while stack:
        node, children_done = stack.pop()
        # Wildcards last: alternation takes the first branch that succeeds, so the literal
        # continuations (the longer cues) must be tried before a wildcard swallows them.
        units = [k for k in node if k]
        if len(units) > 1:
            units.sort(key=lambda k: (k == _WILD, k))
        if not children_done:
            stack.append((node, True))
            stack.extend((node[unit], False) for unit in units)
            continue
        parts = [rendered.pop(id(node[unit])) for unit in units]
        branches = [_unit_regex(unit) + part for unit, (part, _) in zip(units, parts, strict=True)]
        depth = max((d for _, d in parts), default=0)
        ends_here = "" in node
        if not branches:
            rendered[id(node)] = ("", 0)
        elif len(branches) == 1 and not ends_here:
            rendered[id(node)] = (branches[0], depth)
        else:
            if depth >= _MAX_NESTING:
                raise ParameterError(
                    "phrases", f"more than {_MAX_NESTING} phrases that branch inside each other",
                    f"at most {_MAX_NESTING} phrases along one phrase that end or branch within "
                    "it (such as 'a', 'a b', 'a b c' ...)",
                )  # fmt: skip
            group = "(?:" + "|".join(branches) + ("|)" if ends_here else ")")
            rendered[id(node)] = (group, depth + 1)
    return rendered[id(trie)][0]


class PhraseMatcher:
    """Find literal phrases in text: case-insensitive, longest first, never overlapping.

    A phrase is one or more words; a space in it also matches a hyphen or dash
    (``junior partner`` = ``junior-partner``); a trailing ``*`` on a word matches any word
    ending (``dependen*``); an apostrophe matches ``'`` and ``’``; a possessive ``'s`` may follow
    any phrase (``Xi's``). Nothing else is special: a phrase is never a regular expression. All
    phrases compile into one trie-shaped pattern, so the cost per character does not grow with
    the number of phrases.

    Parameters
    ----------
    phrases : sequence of str
        The phrases. Equal phrases (by case and separator) share one entry.
    case_sensitive : bool, default=False
        Match case exactly (for acronyms such as ``US`` that must not match ``us``).

    Examples
    --------
    >>> matcher = PhraseMatcher(["marriage of convenience", "convenience", "dependen*"])
    >>> text = "A marriage-of-convenience, not dependency; convenience."
    >>> for start, end, index in matcher.finditer(text):
    ...     print(text[start:end], "->", matcher.phrases[index])
    marriage-of-convenience -> marriage of convenience
    dependency -> dependen*
    convenience -> convenience
    """

    def __init__(self, phrases: Sequence[str], *, case_sensitive: bool = False) -> None:
        self.phrases = list(phrases)
        self.case_sensitive = case_sensitive
        self._exact: dict[str, int] = {}
        # Wildcard phrases by their text before the first '*': a matched text is checked only
        # against those whose prefix it starts with (a few dict look-ups, however many there
        # are); each one's pattern is compiled when first needed.
        self._wild: dict[str, list[tuple[int, int, str]]] = {}
        self._wild_patterns: dict[str, re.Pattern[str]] = {}
        keys = [self._key(phrase) for phrase in self.phrases]
        for index, key in enumerate(keys):
            if "*" in key:
                self._wild.setdefault(key[: key.index("*")], []).append((len(key), index, key))
            elif key:
                self._exact.setdefault(key, index)
        present = [key for key in keys if key]
        self._keys = tuple(present)  # for PhraseSets, which builds one trie of several matchers
        body = _trie_regex(present) if present else r"(?!)"
        # What follows the word boundary, kept apart for PhraseSets, which shares the boundary.
        self._body = rf"(?:{body})(?:{_APOSTROPHE_RE}s)?(?!\w)"
        self._cache: dict[str, int] = {}

    # Compiled when first used: compiling a lexicon's patterns takes a good part of a second,
    # and most callers scan lower-cased text only, or only through a PhraseSets.
    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern (case-insensitive unless ``case_sensitive``)."""
        return re.compile(rf"(?<!\w){self._body}", 0 if self.case_sensitive else re.IGNORECASE)

    @functools.cached_property
    def _lower_pattern(self) -> re.Pattern[str]:
        # The same pattern without IGNORECASE, for text already lower-cased: three times faster.
        return self.pattern if self.case_sensitive else re.compile(rf"(?<!\w){self._body}")

    def _key(self, text: str) -> str:
        # A phrase that is all separators ('-') has an empty key and never matches.
        return phrase_key(text, case_sensitive=self.case_sensitive)

    def _resolve(self, matched: str) -> int:
        found = self._cache.get(matched)
        if found is None:
            found = self._cache[matched] = self._lookup(matched)
        return found

    def _lookup(self, matched: str) -> int:
        full = self._key(matched)
        bare = _POSSESSIVE.sub("", full)
        for key in (full, bare):  # "xi's" is the cue "xi's" where both "xi" and "xi's" are
            if key in self._exact:
                return self._exact[key]
        candidates = [
            entry for end in range(len(full) + 1) for entry in self._wild.get(full[:end], ())
        ]
        # The longest wildcard phrase first, then the first listed: as one alternation would.
        for _, index, key in sorted(candidates, key=lambda entry: (-entry[0], entry[1])):
            pattern = self._wild_patterns.get(key)
            if pattern is None:
                flags = 0 if self.case_sensitive else re.IGNORECASE
                pattern = self._wild_patterns[key] = re.compile(_trie_regex([key]) + r"\Z", flags)
            if pattern.match(bare) or pattern.match(full):
                return index
        raise LookupError(f"matched text {matched!r} resolves to no phrase")  # a bug, not input

    def finditer(
        self, text: str, start: int = 0, end: int | None = None, *, lowered: str | None = None
    ) -> Iterator[tuple[int, int, int]]:
        """Yield ``(start, end, phrase_index)`` for every match in ``text[start:end]``.

        Parameters
        ----------
        text : str
        start, end : int
            The span to search.
        lowered : str or None, default=None
            ``text.lower()``, when the caller has it and it has the same length as ``text``:
            matching then runs without case folding, which is much faster. Pass it only where
            :func:`framing._phrases.lower_case_matches` holds (not for a text with ``ı``, ``ſ``
            or final ``ς``, letters the case-folding scan matches to ``i``, ``s`` and ``σ``).
        """
        stop = len(text) if end is None else end
        pattern, subject = self.scan_target(text, lowered)
        for match in pattern.finditer(subject, start, stop):
            yield match.start(), match.end(), self._resolve(match.group())

    def scan_target(self, text: str, lowered: str | None) -> tuple[re.Pattern[str], str]:
        """The pattern to run and the string to run it on: ``lowered`` without case folding
        when it is given and usable (same length as ``text``), else ``text``. Offsets are the
        same in both; for callers that run the pattern themselves (see :meth:`finditer`)."""
        return _scan_target(self, text, lowered)


class PhraseSets:
    """Several phrase matchers run as one scan of the text.

    Each matcher's matches are exactly those of its own :meth:`PhraseMatcher.finditer`
    (leftmost, longest, never overlapping one another); matches of different matchers may
    overlap. One scan costs about as much as that of one matcher: all their phrases make one
    trie, tried once at every word start; where it matches, each matcher's own match is worked
    out from the text matched there.

    Parameters
    ----------
    matchers : sequence of PhraseMatcher
        All case-insensitive, or all case-sensitive.

    Notes
    -----
    Phrases that match at one place are prefixes of one another, and the trie's match is the
    longest of them; each matcher's own pattern, run on that text alone, finds its match there.
    That split depends on the matched text only and is kept per matched text (a few hundred
    spellings in a corpus). Two cases make the trie's match not always the longest: a wildcard
    inside a phrase (``friend* of``, after which ``friends`` may end the match first), and
    phrases branching inside one another more than ``re`` can nest. Then the scan finds where
    any phrase starts, and each matcher's pattern is run there on the text itself.

    Examples
    --------
    >>> negators, contrast = PhraseMatcher(["not", "no longer"]), PhraseMatcher(["but"])
    >>> sets = PhraseSets([negators, contrast])
    >>> sets.findall("Not friends, but no longer rivals.")
    [[(0, 3, 0), (17, 26, 1)], [(13, 16, 0)]]
    """

    def __init__(self, matchers: Sequence[PhraseMatcher]) -> None:
        self.matchers = list(matchers)
        sensitive = {matcher.case_sensitive for matcher in self.matchers}
        if len(sensitive) > 1:
            raise ParameterError(
                "matchers", f"case_sensitive {sorted(sensitive)}",
                "PhraseMatchers that all fold case, or none (one case_sensitive for all)",
            )  # fmt: skip
        self.case_sensitive = sensitive == {True}
        keys = sorted({key for matcher in self.matchers for key in matcher._keys})
        body = _union_body(keys)
        # Split by matched text only where the trie's match is the longest (see Notes).
        self._by_text = body is not None
        if body is None:
            body = "|".join(f"(?:{matcher._body})" for matcher in self.matchers if matcher._keys)
        # Group 1: the longest phrase at a place. Every place but the text's start follows a
        # non-word character: a pattern that starts with a character class lets the regex
        # engine skip to the next such character in C, where a look-behind (?<!\w) first is
        # tried at every character (a third fewer instructions for the scan).
        self._source = rf"\W(?=((?:{body or '(?!)'})(?:{_APOSTROPHE_RE}s)?(?!\w)))"
        # Matched text -> its matches, for the case-folding scan and for lower-cased text.
        self._splits: tuple[_Splits, _Splits] = ({}, {})

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """The scan's compiled pattern (case-insensitive unless ``case_sensitive``); compiled
        when first used, as :attr:`PhraseMatcher.pattern` is."""
        return re.compile(self._source, 0 if self.case_sensitive else re.IGNORECASE)

    @functools.cached_property
    def _lower_pattern(self) -> re.Pattern[str]:
        return self.pattern if self.case_sensitive else re.compile(self._source)

    def findall(
        self, text: str, start: int = 0, end: int | None = None, *, lowered: str | None = None
    ) -> list[list[tuple[int, int, int]]]:
        """Each matcher's ``(start, end, phrase_index)`` matches in ``text[start:end]``.

        Parameters
        ----------
        text, start, end, lowered
            As in :meth:`PhraseMatcher.finditer`.

        Returns
        -------
        list of list of tuple
            One list per matcher, in the order given, each as ``list(matcher.finditer(...))``.
        """
        found: list[list[tuple[int, int, int]]] = [[] for _ in self.matchers]
        for at, stop, k, index in self.scan(text, start, end, lowered=lowered):
            found[k].append((at, stop, index))
        return found

    def scan(
        self, text: str, start: int = 0, end: int | None = None, *, lowered: str | None = None
    ) -> list[tuple[int, int, int, int]]:
        """All matchers' matches in ``text[start:end]`` as ``(start, end, matcher, phrase_index)``,
        in text order (by start, then matcher).

        Parameters
        ----------
        text, start, end, lowered
            As in :meth:`PhraseMatcher.finditer`.

        Returns
        -------
        list of tuple
        """
        stop = len(text) if end is None else end
        lower = _use_lowered(self, text, lowered)
        subject = lowered if lower and lowered is not None else text
        out: list[tuple[int, int, int, int]] = []
        resume = [start] * len(self.matchers)  # where each matcher's own scan would go on
        splits = self._splits[lower] if self._by_text else None
        for at, match in self._places(lower, subject, start, stop):
            here: tuple[tuple[int, int, int], ...] | None
            if splits is None or match is None:
                here = self._matches_at(lower, subject, at, stop)
            else:
                here = splits.get(match.group(1))
                if here is None:
                    matched = match.group(1)
                    here = splits[matched] = self._matches_at(lower, matched, 0, len(matched))
            for k, length, index in here:
                if at >= resume[k]:
                    resume[k] = at + length
                    out.append((at, resume[k], k, index))
        return out

    def where(
        self, text: str, start: int = 0, end: int | None = None, *, lowered: str | None = None
    ) -> tuple[list[int], list[str], list[tuple[tuple[int, int, int], ...]]] | None:
        """Every place in ``text[start:end]`` where some matcher's phrase starts, without a
        Python step per place: ``(positions, texts, matches)``, one item per place.

        ``texts`` is the longest phrase matched there (as written in the scanned string),
        ``matches`` each matcher's match there as ``(matcher, length, phrase_index)``, before
        the matches that overlap an earlier one of the same matcher are left out (as
        :meth:`scan` does). None when this split is not available (see Notes): use
        :meth:`scan`.

        Parameters
        ----------
        text, start, end, lowered
            As in :meth:`PhraseMatcher.finditer`.
        """
        found = self._where_texts(text, start, end, lowered)
        if found is None:
            return None
        lower, positions, matched, first = found
        splits = self._splits[lower]
        for new in set(matched).difference(splits):
            splits[new] = self._matches_at(lower, new, 0, len(new))
        matches = list(map(splits.__getitem__, matched))
        if first:  # see _places
            matches[0] = first
        return positions, matched, matches

    def places(
        self, text: str, start: int = 0, end: int | None = None, *, lowered: str | None = None
    ) -> tuple[list[int], list[str]] | None:
        """The ``positions`` and ``texts`` of :meth:`where`, without each matcher's match
        there: for a caller that works that out itself, once per text (a few hundred spellings
        in a corpus). None when :meth:`where` is.

        Parameters
        ----------
        text, start, end, lowered
            As in :meth:`PhraseMatcher.finditer`.
        """
        found = self._where_texts(text, start, end, lowered)
        return None if found is None else (found[1], found[2])

    def _where_texts(
        self, text: str, start: int, end: int | None, lowered: str | None
    ) -> tuple[bool, list[int], list[str], tuple[tuple[int, int, int], ...]] | None:
        """The positions and texts of :meth:`where`, whether they are of ``lowered``, and the
        matches at the text's start (empty when no phrase starts there)."""
        if not self._by_text:
            return None
        stop = len(text) if end is None else end
        lower = _use_lowered(self, text, lowered)
        subject = lowered if lower and lowered is not None else text
        pattern = self._lower_pattern if lower else self.pattern
        found = list(pattern.finditer(subject, max(start - 1, 0), stop))
        matched = list(map(_GROUP_1, found))
        positions = list(map(_START, found, repeat(1, len(found))))
        first = self._matches_at(lower, subject, 0, stop) if start == 0 else ()
        if first:  # see _places
            positions.insert(0, 0)
            matched.insert(0, subject[: max(length for _, length, _ in first)])
        return lower, positions, matched, first

    def _places(
        self, lower: bool, subject: str, start: int, stop: int
    ) -> Iterator[tuple[int, re.Match[str] | None]]:
        """Each place in ``subject[start:stop]`` where a phrase starts, in text order, with the
        match whose group 1 is the longest phrase there; None at the text's start, where no
        character comes before (each matcher's pattern is tried there instead)."""
        if start == 0:
            yield 0, None
        pattern = self._lower_pattern if lower else self.pattern
        # From the character before the span: it may be the one a place follows.
        for match in pattern.finditer(subject, max(start - 1, 0), stop):
            yield match.start(1), match

    def _matches_at(
        self, lower: bool, subject: str, at: int, stop: int
    ) -> tuple[tuple[int, int, int], ...]:
        """``(matcher, length, phrase_index)`` of each matcher that matches at ``at``."""
        out = []
        for k, matcher in enumerate(self.matchers):
            own = (matcher._lower_pattern if lower else matcher.pattern).match(subject, at, stop)
            if own is not None:
                out.append((k, own.end() - at, matcher._resolve(own.group())))
        return tuple(out)


_Splits = dict[str, tuple[tuple[int, int, int], ...]]
_GROUP_1 = itemgetter(1)
_START = re.Match.start


def _union_body(keys: list[str]) -> str | None:
    """The trie of several matchers' keys, or None where its match may not be the longest: a
    wildcard inside a phrase, or nesting deeper than ``re`` allows (see :class:`PhraseSets`)."""
    if any("*" in key[:-1] for key in keys):
        return None
    try:
        return _trie_regex(keys) if keys else "(?!)"
    except ParameterError:
        return None


def _scan_target(
    scanner: PhraseMatcher | PhraseSets, text: str, lowered: str | None
) -> tuple[re.Pattern[str], str]:
    """The pattern of a matcher (or set of matchers) to run and the string to run it on: the
    pattern without case folding on ``lowered`` when it is given and usable (same length as
    ``text``), else the case-folding pattern on ``text``. Offsets are the same in both."""
    if lowered is not None and _use_lowered(scanner, text, lowered):
        return scanner._lower_pattern, lowered
    return scanner.pattern, text


def _use_lowered(scanner: PhraseMatcher | PhraseSets, text: str, lowered: str | None) -> bool:
    """Is ``lowered`` given and usable in place of ``text`` (see :func:`_scan_target`)?"""
    return lowered is not None and not scanner.case_sensitive and len(lowered) == len(text)
