"""Lexicons: axes with two poles, cues with weights and notes, actors, and the rules that apply.

A lexicon is read from TOML (the format is documented in ``docs/lexicons.md``) or imported
from a LIWC ``.dic`` file with a mapping of categories onto poles. :func:`check_lexicon` lists
every problem of a file with its line number; :func:`load_lexicon` raises
:class:`~framing.errors.LexiconError` on the first problems it finds.

Matching (:meth:`Lexicon.match`) is literal and case-insensitive (see
:class:`framing.text.PhraseMatcher`): multiword cues match across spaces and hyphens, the
longest cue wins, nested cues never count twice. Three rules of the codebook then change what a
match counts for:

- **negation** (rule 2): a negator at most ``negation_window`` words before the cue, in the same
  clause, flips the cue to the other pole (``negation_mode="flip"``), drops it (``"drop"``) or
  only marks it (``"keep"``). Pseudo-negators such as "not only" are not negations.
- **performance** (rule 3): a performance marker in the same part of the sentence (between
  contrast markers) turns a cue of ``performance_from`` into ``performance_to`` ("Calculated
  camaraderie was put on display" counts for convenience).
- **contrast** (rule 4): cues before the last contrast marker ("but", "yet", "however") are
  weighted by ``contrast_weight``; cues inside a concession ("although ...,") likewise.

Examples
--------
>>> lex = load_lexicon("relationship")
>>> text = "This is no longer a partnership of equals."
>>> [(m.cue, m.pole, m.negated) for m in lex.match(text)]
[('partnership of equals', 'junior', True)]
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import sys
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal, NoReturn

from ._phrases import WORD_SEPARATORS, lower_case_matches, phrase_key, phrase_words
from .dyad import DyadMatcher
from .errors import FramingWarning, LexiconError, ParameterError
from .text import PhraseMatcher, PhraseSets

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = [
    "Axis",
    "Actor",
    "Dyad",
    "Cue",
    "Settings",
    "CueMatch",
    "Lexicon",
    "LexiconProblem",
    "load_lexicon",
    "check_lexicon",
    "builtin_lexicons",
]

NegationMode = Literal["flip", "drop", "keep"]

_TOP_KEYS = {"lexicon", "settings", "actors", "dyad", "axes"}
_META_KEYS = {"name", "version", "description", "language", "authors", "license", "url", "citation"}
_SETTING_KEYS = {
    "negators", "pseudo_negators", "negation_window", "negation_mode", "contrast_markers",
    "concession_markers", "contrast_weight", "performance_markers", "performance_axis",
    "performance_from", "performance_to", "ignore", "opening_negators", "mention_markers",
    "mention_window", "mention_in_questions", "comma_contrast_markers", "mention_in_scare_quotes",
    "open_question_markers",
    "appearance_markers", "appearance_axis", "appearance_pole",
}  # fmt: skip
_ACTOR_KEYS = {"name", "aliases"}
_DYAD_KEYS = {
    "sides", "references", "counterpart_terms", "carry_terms", "exclude", "continue_one_side",
    "shift_terms",
}  # fmt: skip
_AXIS_KEYS = {"description", "poles", "cues"}
_CUE_KEYS = {"cue", "weight", "note"}
# Words with '*' only at their end, between runs of the separators a space in a cue matches.
_CUE_TEXT = re.compile(rf"^[^\s*]+\*?(?:[{WORD_SEPARATORS}]+[^\s*]+\*?)*$")
# Clause breaks: ; : ( ) [ ] and dashes. A single character class lets the regex engine skip
# ahead fast; an en dash or hyphen counts only with spaces around it (not "20–22", "China-Russia").
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–-]")
_COMMA = re.compile(r",")
_OR = re.compile(r"\bor\b", re.IGNORECASE)
_WORDS = re.compile(r"\w+")
_CONTRACTED_NEGATION = re.compile(r"n['’]t\b", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"\w+$")
# Scare quotes: one quoted word after a definite determiner or possessive ("their 'friendship'",
# "the 'partnership'"). Real coverage quotes its sources' words in short quotations all the time
# ("Xi spoke of his 'deep personal friendship'", "a 'no limits' partnership", "expects a
# 'lifeline'"): those are citations and keep counting, so longer quotations and quotations
# after "a"/"an" are never taken for scare quotes.
_SCARE_QUOTE = re.compile(
    r"\b(?:their|the|this|that|these|those|its|such|our)\s+[\"“‘']([\w-]+)[\"”’'](?!\w)",
    re.IGNORECASE,
)
_CORRELATIVE_NOR = re.compile(r"\bnor\b", re.IGNORECASE)
_QUESTION_END = re.compile(r"\?[\s\"”’')\]]*$")


@dataclass(frozen=True)
class Axis:
    """A framing axis with two poles; the first pole is the positive sign."""

    name: str
    poles: tuple[str, str]
    description: str = ""


@dataclass(frozen=True)
class Actor:
    """One side of a dyad, with the names that identify it."""

    key: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Dyad:
    """Which two actors the lexicon is about, and the phrases that mean both or the other one."""

    sides: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    counterpart_terms: tuple[str, ...] = ()
    carry_terms: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    continue_one_side: bool = False
    shift_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cue:
    """A cue: a word or phrase that signals a pole of an axis."""

    term: str
    axis: str
    pole: str
    weight: float = 1.0
    note: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Settings:
    """The rules applied after matching; see the module docstring."""

    negators: tuple[str, ...] = ("not", "no", "never", "no longer", "without", "nor", "neither")
    pseudo_negators: tuple[str, ...] = (
        "not only", "not just", "not merely", "not simply", "no doubt", "not least",
        "nothing but", "no wonder", "not to mention",
    )  # fmt: skip
    negation_window: int = 4
    negation_mode: NegationMode = "flip"
    contrast_markers: tuple[str, ...] = ("but", "yet", "however", "nevertheless", "nonetheless")
    concession_markers: tuple[str, ...] = ("although", "though", "even though", "even if")
    contrast_weight: float = 0.5
    performance_markers: tuple[str, ...] = ()
    performance_axis: str | None = None
    performance_from: str | None = None
    performance_to: str | None = None
    ignore: tuple[str, ...] = ()
    comma_contrast_markers: tuple[str, ...] = ()
    opening_negators: tuple[str, ...] = ()
    mention_markers: tuple[str, ...] = ()
    open_question_markers: tuple[str, ...] = ()
    mention_window: int = 6
    mention_in_questions: bool = False
    mention_in_scare_quotes: bool = False
    appearance_markers: tuple[str, ...] = ()
    appearance_axis: str | None = None
    appearance_pole: str | None = None


@dataclass(frozen=True)
class CueMatch:
    """One cue found in a text, with what it finally counts for.

    Attributes
    ----------
    cue : str
        The lexicon entry (``dependen*``).
    term : str
        The text as written (``dependency``).
    axis, pole : str
        The axis and the pole it counts for, after negation and performance.
    lexicon_pole : str
        The pole the lexicon gives the cue.
    start, end : int
        Offsets into the text.
    weight : float
        The weight it counts with (cue weight, times ``contrast_weight`` when conceded).
    negated : bool
        A negator governs it (``negator`` says which).
    negator : str or None
    performance : bool
        A performance marker turned it (``marker`` says which).
    marker : str or None
    conceded : bool
        It stands in a clause that a contrast marker or concession sets aside.
    mention : str or None
        Why the cue is mentioned rather than asserted (codebook rule 1), when it is: the mention
        marker ("so-called"), ``'question'``, ``'scare quotes'`` or the appearance marker
        ("staged to look like ... equals"). A mention counts with weight 0.
    """

    cue: str
    term: str
    axis: str
    pole: str
    lexicon_pole: str
    start: int
    end: int
    weight: float
    negated: bool = False
    negator: str | None = None
    performance: bool = False
    marker: str | None = None
    conceded: bool = False
    mention: str | None = None


@dataclass(frozen=True)
class LexiconProblem:
    """One problem found by :func:`check_lexicon`."""

    line: int | None
    message: str
    entry: str | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class Lexicon:
    """A framing lexicon: axes, cues, actors, and the rules for negation, contrast, performance.

    Parameters
    ----------
    name, version, description : str
        Metadata, written into every comparison's notes.
    axes : tuple of Axis
    cues : tuple of Cue
    actors : tuple of Actor, default=()
    dyad : Dyad, default=Dyad()
    settings : Settings, default=Settings()
    language : str, default='en'
    path : str or None, default=None
        The file it was read from.

    See Also
    --------
    load_lexicon, check_lexicon

    Examples
    --------
    >>> lex = Lexicon(
    ...     name="demo", version="1", description="constructed example",
    ...     axes=(Axis("tone", ("warm", "cold")),),
    ...     cues=(Cue("friend*", "tone", "warm"), Cue("rival*", "tone", "cold")),
    ... )
    >>> [(m.term, m.pole) for m in lex.match("Not friends but rivals.")]
    [('friends', 'cold'), ('rivals', 'cold')]
    """

    name: str
    version: str
    description: str
    axes: tuple[Axis, ...]
    cues: tuple[Cue, ...]
    actors: tuple[Actor, ...] = ()
    dyad: Dyad = field(default_factory=Dyad)
    settings: Settings = field(default_factory=Settings)
    language: str = "en"
    path: str | None = None

    def __post_init__(self) -> None:
        problems = _semantic_problems(self.axes, self.cues, self.actors, self.dyad, self.settings)
        if problems:
            _raise(problems, self.path)

    # -- derived views ---------------------------------------------------------------------------
    @property
    def axis_names(self) -> tuple[str, ...]:
        """The axes, in lexicon order."""
        return tuple(axis.name for axis in self.axes)

    @property
    def poles(self) -> dict[str, tuple[str, str]]:
        """``{axis: (first_pole, second_pole)}``."""
        return {axis.name: axis.poles for axis in self.axes}

    def dyad_matcher(self) -> DyadMatcher:
        """The relevance judge for this lexicon's actors and dyad (see :mod:`framing.dyad`).

        Examples
        --------
        >>> load_lexicon("relationship").dyad_matcher().sides
        ('china', 'russia')
        """
        return self._dyad_matcher

    @functools.cached_property
    def _dyad_matcher(self) -> DyadMatcher:
        """Built once per lexicon, as its compiled cues are: the alias patterns are costly."""
        return DyadMatcher(
            {actor.key: actor.aliases for actor in self.actors},
            self.dyad.sides,
            references=self.dyad.references,
            counterpart_terms=self.dyad.counterpart_terms,
            carry_terms=self.dyad.carry_terms,
            exclude=self.dyad.exclude,
            continue_one_side=self.dyad.continue_one_side,
            shift_terms=self.dyad.shift_terms,
        )

    @functools.cached_property
    def content_hash(self) -> str:
        """A SHA-256 of everything that decides what the lexicon labels, 12 hex digits.

        Axes, cues (with weights), rule settings, actors and dyad phrases enter the hash; notes,
        line numbers, the description and the path do not, so the same lexicon read from another
        file or built in code has the same hash, and any change to a cue or rule changes it.
        Outputs that name the lexicon (table notes, JSON, reports) give it beside the version.

        Examples
        --------
        >>> lex = load_lexicon("relationship")
        >>> len(lex.content_hash), lex.content_hash == load_lexicon("relationship").content_hash
        (12, True)
        """
        content = {
            "name": self.name,
            "version": self.version,
            "language": self.language,
            "axes": [[axis.name, list(axis.poles)] for axis in self.axes],
            "cues": [[c.term, c.axis, c.pole, c.weight] for c in self.cues],
            "actors": [[a.key, a.name, list(a.aliases)] for a in self.actors],
            "dyad": {k: list(v) if isinstance(v, tuple) else v for k, v in vars(self.dyad).items()},
            "settings": {
                k: list(v) if isinstance(v, tuple) else v for k, v in vars(self.settings).items()
            },
        }
        encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()[:12]

    def cues_of(self, axis: str, pole: str) -> list[Cue]:
        """The cues of one pole."""
        return [c for c in self.cues if c.axis == axis and c.pole == pole]

    @functools.cached_property
    def _compiled(self) -> _Compiled:
        return _Compiled(self)

    # -- constructors ----------------------------------------------------------------------------
    @classmethod
    def from_toml(cls, path: str | os.PathLike[str]) -> Lexicon:
        """Read a lexicon from a TOML file.

        Parameters
        ----------
        path : str or os.PathLike

        Returns
        -------
        Lexicon

        Raises
        ------
        LexiconError
            With ``line`` and ``problems`` for every problem in the file.
        """
        source = _read_source(path)
        lexicon, problems = _parse_toml(source, str(path))
        if problems or lexicon is None:
            _raise(problems, str(path))
        return lexicon

    @classmethod
    def from_dic(
        cls,
        path: str | os.PathLike[str],
        mapping: Mapping[str | int, tuple[str, str]],
        *,
        name: str | None = None,
        base: str | Lexicon | None = "relationship",
    ) -> Lexicon:
        """Import a LIWC-format ``.dic`` dictionary, mapping its categories onto axis poles.

        Parameters
        ----------
        path : str or os.PathLike
            The ``.dic`` file: category lines ``id name`` between two ``%`` lines, then entry
            lines ``pattern id id ...`` (a trailing ``*`` is a wildcard).
        mapping : mapping of category name or id to (axis, pole)
            Which categories count, and for which pole. Each axis needs exactly two poles; the
            first pole named for an axis becomes its positive sign.
        name : str or None, default=None
            The lexicon's name; default the file name.
        base : str, Lexicon or None, default='relationship'
            Where actors, dyad and rule settings (negators, contrast, ...) come from. ``None``:
            no actors (every sentence counts as relevant when scoring) and default settings.

        Returns
        -------
        Lexicon

        Raises
        ------
        LexiconError
            Malformed header or entry lines, unknown category ids, mapped categories missing
            from the file, or an axis without exactly two poles, each with its line number.

        Warns
        -----
        FramingWarning
            When LIWC2015 conditional entries (``like (02 134)125/464``, ``kind <of>131/125``)
            were reduced to their default category; the lines are named.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> dic = "%\\n1 warm\\n2 cold\\n%\\nfriend* 1\\nrival* 2\\n"
        >>> _ = (folder / "demo.dic").write_text(dic)
        >>> mapping = {"warm": ("tone", "warm"), "cold": ("tone", "cold")}
        >>> lex = Lexicon.from_dic(folder / "demo.dic", mapping, base=None)
        >>> lex.poles, len(lex.cues)
        ({'tone': ('warm', 'cold')}, 2)
        """
        source = _read_source(path)
        base_lexicon = load_lexicon(base) if isinstance(base, str) else base
        return _parse_dic(source, str(path), mapping, name=name, base=base_lexicon)

    # -- matching --------------------------------------------------------------------------------
    def match(self, text: str, start: int = 0, end: int | None = None) -> list[CueMatch]:
        """Find the cues in ``text[start:end]`` (one sentence) and apply the rules.

        Parameters
        ----------
        text : str
        start, end : int
            The sentence's offsets; clause, contrast and negation scope never cross them.

        Returns
        -------
        list of CueMatch
            In text order.
        """
        stop = len(text) if end is None else end
        compiled = self._compiled
        found = compiled.find(text, start, stop, None)
        if not found:
            return []
        return compiled.apply(text, start, stop, found, compiled.rule_hits(text, start, stop, None))

    def match_sentences(
        self,
        text: str,
        spans: Sequence[tuple[int, int] | tuple[int, int, int]],
        *,
        lowered: str | None = None,
    ) -> list[list[CueMatch]]:
        """Match every sentence of a document at once: one scan of the text, not one per sentence.

        Parameters
        ----------
        text : str
            A document's cleaned text.
        spans : sequence of (start, end) or (start, end, paragraph)
            Its sentences, in order and not overlapping.
        lowered : str or None, default=None
            ``text.lower()`` if the caller has it already.

        Returns
        -------
        list of list of CueMatch
            One list per sentence, the same as :meth:`match` on that sentence.

        Examples
        --------
        >>> lex = load_lexicon("relationship")
        >>> text = "They are old friends. Russia is not a junior partner."
        >>> [[m.pole for m in ms] for ms in lex.match_sentences(text, [(0, 21), (22, 53)])]
        [['friendship'], ['equal']]
        """
        compiled = self._compiled
        out: list[list[CueMatch]] = [[] for _ in spans]
        if not spans:
            return out
        if lowered is None:
            lowered = text.lower()
        if not lower_case_matches(text, lowered):  # rare letters ('İ', 'ı', 'ſ', 'ς')
            lowered = None
        starts = [span[0] for span in spans]
        found = compiled.find(text, spans[0][0], spans[-1][1], lowered)
        by_sentence: dict[int, list[tuple[int, int, int]]] = {}
        for hit in found:
            index = bisect_right(starts, hit[0]) - 1
            if index >= 0 and hit[1] <= spans[index][1]:
                by_sentence.setdefault(index, []).append(hit)
        if not by_sentence:
            return out
        # Rule words matter only around cues: scan for them in the sentences that have one.
        for index, hits in by_sentence.items():
            start, end = spans[index][0], spans[index][1]
            rules = compiled.rule_hits(text, start, end, lowered)
            out[index] = compiled.apply(text, start, end, hits, rules)
        return out


class _Compiled:
    """Compiled matchers of a lexicon; built once per lexicon on first use."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # Ignored phrases take part in longest-match so that they claim their words, then count
        # for nothing ("pragmatic cooperation" in a readout is boilerplate, not a frame).
        # One phrase per distinct term; a term may stand on several axes (a LIWC word in two
        # mapped categories), so each phrase knows all its cues.
        terms: dict[str, int] = {}
        self.term_cues: list[list[int]] = []
        for index, cue in enumerate(lexicon.cues):
            key = phrase_key(cue.term)  # the matcher's key: spelling variants share a phrase
            if key not in terms:
                terms[key] = len(self.term_cues)
                self.term_cues.append([])
            self.term_cues[terms[key]].append(index)
        self.n_terms = len(self.term_cues)
        self.cues = PhraseMatcher([*(lexicon.cues[c[0]].term for c in self.term_cues),
                                   *lexicon.settings.ignore])  # fmt: skip
        settings = lexicon.settings
        negators = [*settings.negators, *settings.pseudo_negators]
        self.n_real_negators = len(settings.negators)
        self.contracted = "n't" in settings.negators or "n’t" in settings.negators
        self.negators = PhraseMatcher(negators)
        self.markers = PhraseMatcher(settings.performance_markers)
        self.contrast = PhraseMatcher([*settings.contrast_markers, *settings.concession_markers])
        self.mentions = PhraseMatcher(settings.mention_markers)
        self.appearance = PhraseMatcher(settings.appearance_markers)
        self.open_questions = PhraseMatcher(settings.open_question_markers)
        self.rules = PhraseSets(  # one scan for all
            [
                self.negators, self.contrast, self.markers, self.mentions, self.appearance,
                self.open_questions,
            ]
        )  # fmt: skip
        self.opening = (
            re.compile(
                r"[\W_]*(?:(?:and|but|yet|so)\s+)?(?:"
                + "|".join(re.escape(w) for w in sorted(settings.opening_negators, key=len)[::-1])
                + r")\b",
                re.IGNORECASE,
            )
            if settings.opening_negators
            else None
        )
        self.n_contrast = len(settings.contrast_markers)
        after_comma = {m.lower() for m in settings.comma_contrast_markers}
        self.comma_contrast = {
            self.n_contrast + k
            for k, marker in enumerate(settings.concession_markers)
            if marker.lower() in after_comma
        }
        self.other_pole = {(axis.name, axis.poles[0]): axis.poles[1] for axis in lexicon.axes} | {
            (axis.name, axis.poles[1]): axis.poles[0] for axis in lexicon.axes
        }

    def find(
        self, text: str, start: int, end: int, lowered: str | None
    ) -> list[tuple[int, int, int]]:
        """Cue hits ``(start, end, cue_index)`` in a span; ignored phrases left out."""
        return [
            (s, e, cue)
            for s, e, term in self.cues.finditer(text, start, end, lowered=lowered)
            if term < self.n_terms
            for cue in self.term_cues[term]
        ]

    def rule_hits(self, text: str, start: int, end: int, lowered: str | None) -> _RuleHits:
        """Negators, contrast and performance markers, clause breaks in a span."""
        negations, contrasts, markers, mentions, appearance, questions = self.rules.findall(
            text, start, end, lowered=lowered
        )
        contracted = self.contracted and _CONTRACTED_NEGATION.finditer(text, start, end)
        for match in contracted or ():  # "isn't", "wouldn’t": only when "n't" is a negator
            word = _WORD_BEFORE.search(text, max(start, match.start() - 30), match.start())
            if word:
                negations.append((word.start(), match.end(), -1))
        negations.sort()
        return _RuleHits(
            breaks=[
                (m.start(), m.end(), 0)
                for m in _CLAUSE_BREAK.finditer(text, start, end)
                if m.group() not in "–-" or _spaced(text, m.start())
            ],
            contrasts=contrasts,
            negations=negations,
            markers=markers,
            mentions=mentions,
            appearance=appearance,
            open_questions=questions,
        )

    def apply(
        self,
        text: str,
        start: int,
        end: int,
        found: list[tuple[int, int, int]],
        rules: _RuleHits,
    ) -> list[CueMatch]:
        """Apply negation, performance and contrast to the cue hits of one sentence."""
        settings = self.lexicon.settings
        # Clause breaks and contrast segments of this sentence.
        breaks = [s for s, _, _ in rules.breaks]
        # A marker inside a cue is part of it ("no choice but"), not a contrast of the sentence.
        contrasts = [c for c in rules.contrasts if not _inside_a_cue(c, found, or_equal=True)]
        asserting = [s for s, _, i in contrasts if i < self.n_contrast]
        concessions = []
        for s, _, i in contrasts:
            if i >= self.n_contrast:
                if i in self.comma_contrast and text[start:s].rstrip().endswith(","):
                    asserting.append(s)  # "..., though experts say X": X is asserted
                    continue
                comma = _COMMA.search(text, s, end)
                concessions.append((s, comma.start() if comma else end))
        last_contrast = max(asserting, default=None)
        # Parts of the sentence for performance and appearance: contrast markers and the ends
        # of concessions divide it ("Although sceptics call it theatre, the warmth is real").
        edges = sorted({*(s for s, _, _ in contrasts), *(e for _, e in concessions if e < end)})
        # An open question ("debated whether they are allies or rivals") names what follows it,
        # up to the next comma or clause break, without asserting it.
        open_spans = []
        for s, e, _ in rules.open_questions:
            stop = min([end, *(b for b in breaks if b > e)])
            # Its scope ends at a comma, unless an "or" follows (a list of alternatives).
            for comma in _COMMA.finditer(text, e, stop):
                if not _OR.search(text, comma.end(), stop):
                    stop = comma.start()
                    break
            open_spans.append((e, stop, text[s:e]))
        clause_edges = sorted({*breaks, *(s for s, _, _ in contrasts)})
        # A negator inside a cue ("no" of "no-limits") belongs to that cue, not to the next one.
        negations = [n for n in rules.negations if not _inside_a_cue(n, found)]
        markers = [
            (s, e, i)
            for s, e, i in rules.markers
            if not self._negated_at(text, s, negations, clause_edges, start)
        ]
        opening = self._opening_scope(text, start, end, clause_edges)
        asks = settings.mention_in_questions and _is_question(text, start, end)
        question = "question" if asks else None
        quotes = _scare_quotes(text, start, end) if settings.mention_in_scare_quotes else []
        appearance = [
            (s, e, self.appearance.phrases[i])
            for s, e, i in rules.appearance
            if not self._negated_at(text, s, negations, clause_edges, start)
        ] + [(s, e, self.markers.phrases[i]) for s, e, i in markers]
        out = []
        for cue_start, cue_end, index in found:
            cue = self.lexicon.cues[index]
            pole = cue.pole
            weight = cue.weight
            negator = self._negated_at(text, cue_start, negations, clause_edges, start)
            if negator is None and opening is not None and opening[0] <= cue_start < opening[1]:
                negator = opening[2]
            segment = _segment(cue_start, edges, start, end)
            marker = None
            if (
                cue.axis == settings.performance_axis
                and cue.pole == settings.performance_from
                and markers
            ):
                for s, e, i in markers:
                    if segment[0] <= s < segment[1] and not (s <= cue_start < e):
                        marker = self.markers.phrases[i]
                        pole = settings.performance_to or pole
                        break
            if negator is not None:
                if settings.negation_mode == "drop":
                    continue
                # Negated and performed warmth ("Nor should we take the chemistry at face value:
                # it is calculated") is performance once, not a double reversal back to warmth.
                if settings.negation_mode == "flip" and marker is None:
                    pole = self.other_pole[(cue.axis, pole)]
            conceded = (last_contrast is not None and cue_start < last_contrast) or any(
                s <= cue_start < e for s, e in concessions
            )
            if conceded:
                weight *= settings.contrast_weight
            scare = any(s <= cue_start and cue_end <= e for s, e in quotes)
            mention = (
                question
                or self._mentioned_by(text, cue_start, rules.mentions, clause_edges, start)
                or ("scare quotes" if scare else None)
                or next((w for s, e, w in open_spans if s <= cue_start < e), None)
            )
            if (
                mention is None
                and negator is None
                and cue.axis == settings.appearance_axis
                and cue.pole == settings.appearance_pole
            ):
                mention = next(
                    (
                        w
                        for s, e, w in appearance
                        if segment[0] <= s < segment[1] and not (s <= cue_start < e)
                    ),
                    None,
                )
            if mention is not None:
                weight = 0.0
            out.append(
                CueMatch(
                    cue=cue.term,
                    term=text[cue_start:cue_end],
                    axis=cue.axis,
                    pole=pole,
                    lexicon_pole=cue.pole,
                    start=cue_start,
                    end=cue_end,
                    weight=weight,
                    negated=negator is not None,
                    negator=negator,
                    performance=marker is not None,
                    marker=marker,
                    conceded=conceded,
                    mention=mention,
                )
            )
        # Rule 4: the sentence codes what it asserts. A conceded cue keeps contrast_weight against
        # the other pole of its own axis, but when the sentence asserts a cue only on another axis
        # ("They may be friends, yet Beijing holds the leverage"), the conceded cue codes nothing.
        asserted = {m.axis for m in out if not m.conceded and m.mention is None}
        if asserted:
            out = [
                replace(m, weight=0.0) if m.conceded and m.axis not in asserted else m for m in out
            ]
        return out

    def _opening_scope(
        self, text: str, start: int, end: int, clause_edges: list[int]
    ) -> tuple[int, int, str] | None:
        """A clause-opening negator ("Nor is it ...", "Neither side ...") and the clause it
        governs: every cue in that clause is negated, however far from the negator."""
        if self.opening is None:
            return None
        found = self.opening.match(text, start, end)
        if found is None:
            return None
        stop = next((edge for edge in clause_edges if edge >= found.end()), end)
        if _CORRELATIVE_NOR.search(text, found.end(), stop):
            return None  # "Neither X nor Y ...": each negator governs its own phrase
        word = _WORD_BEFORE.search(text, found.start(), found.end())
        return found.end(), stop, (word.group() if word else text[found.start() : found.end()])

    def _mentioned_by(
        self,
        text: str,
        position: int,
        mentions: list[Hit],
        clause_edges: list[int],
        sentence_start: int,
    ) -> str | None:
        """The mention marker ("so-called", "state TV dwelt on") before a cue in its clause,
        within ``mention_window`` words, if any."""
        if not mentions:
            return None
        before = bisect_right(clause_edges, position - 1)
        clause_start = clause_edges[before - 1] if before else sentence_start
        window = self.lexicon.settings.mention_window
        for s, e, i in reversed(mentions):
            if e > position:
                continue
            if s < clause_start or len(_WORDS.findall(text, e, position)) > window:
                return None
            return self.mentions.phrases[i]
        return None

    def _negated_at(
        self,
        text: str,
        position: int,
        negations: list[tuple[int, int, int]],
        clause_edges: list[int],
        sentence_start: int,
    ) -> str | None:
        """The negator governing a cue at ``position``, if any: the nearest (last-starting)
        negator that ends before it, in its clause, within the negation window."""
        before = bisect_right(clause_edges, position - 1)  # sorted: the last edge < position
        clause_start = clause_edges[before - 1] if before else sentence_start
        window = self.lexicon.settings.negation_window
        # Negations are sorted by start: walk back from the cue to the clause start. A negator
        # that is too far from the cue makes every one ending no later than it too far as well,
        # so only overlapping, longer ones are still counted: linear, not quadratic, in a
        # sentence full of negators.
        too_far_from = -1
        for index in range(bisect_left(negations, (position,)) - 1, -1, -1):
            s, e, i = negations[index]
            if s < clause_start:
                break
            if e > position or e <= too_far_from:
                continue
            if len(_WORDS.findall(text, e, position)) > window:
                too_far_from = max(too_far_from, e)
                continue
            if i >= self.n_real_negators:
                return None  # the nearest is a pseudo-negator ("not only")
            return text[s:e]
        return None


Hit = tuple[int, int, int]


def _spaced(text: str, at: int) -> bool:
    """Is the character at ``at`` surrounded by white space (a dash used as a clause break)?"""
    return 0 < at < len(text) - 1 and text[at - 1].isspace() and text[at + 1].isspace()


@dataclass(frozen=True)
class _RuleHits:
    """Rule words found in a span, each list sorted by start: ``(start, end, index)``."""

    breaks: list[Hit]
    contrasts: list[Hit]
    negations: list[Hit]
    markers: list[Hit]
    mentions: list[Hit]
    appearance: list[Hit]
    open_questions: list[Hit]


def _inside_a_cue(hit: Hit, found: list[Hit], *, or_equal: bool = False) -> bool:
    """Is a rule word part of a cue ("no" of "no-limits", "but" of "no choice but")? A rule word
    that is exactly a cue's span counts only with ``or_equal`` (contrast markers do, negators
    do not)."""
    return any(
        s <= hit[0] and hit[1] <= e and (or_equal or (s, e) != hit[:2]) for s, e, _ in found
    )


def _is_question(text: str, start: int, end: int) -> bool:
    """Does the sentence end in a question mark (closing quotes and brackets aside)?"""
    return _QUESTION_END.search(text, start, end) is not None


def _scare_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the words in scare quotes in a sentence (see ``_SCARE_QUOTE``)."""
    return [quote.span(1) for quote in _SCARE_QUOTE.finditer(text, start, end)]


def _segment(position: int, edges: list[int], start: int, end: int) -> tuple[int, int]:
    """The part of a sentence between contrast markers that holds ``position``."""
    left = max((e for e in edges if e <= position), default=start)
    right = min((e for e in edges if e > position), default=end)
    return left, right


# --- reading and validating ---------------------------------------------------------------------


def _read_source(path: str | os.PathLike[str]) -> str:
    target = Path(path)
    if not target.is_file():
        raise LexiconError(
            f"{target}: no such lexicon file; give a .toml or .dic file, or a built-in name "
            f"({', '.join(builtin_lexicons())})",
            path=target,
        )
    try:
        return target.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{target}: not UTF-8 text ({exc})", path=target) from exc


def _raise(problems: Sequence[LexiconProblem], path: str | None) -> NoReturn:
    where = f"{Path(path).name}, " if path else ""
    first = problems[0]
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    line = f"line {first.line}: " if first.line else ""
    raise LexiconError(
        f"{where}{line}{first.message}{more}",
        path=path,
        line=first.line,
        entry=first.entry,
        problems=[(p.line, p.message) for p in problems],
    )


class _Lines:
    """Find the line of a TOML table, key or cue from the raw source text."""

    def __init__(self, source: str) -> None:
        self.tables: dict[str, int] = {}
        self.keys: dict[tuple[str, str], int] = {}
        self.cues: dict[str, list[int]] = {}
        table = ""
        header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
        key = re.compile(r"^\s*([A-Za-z0-9_\"'.-]+)\s*=")
        cue = re.compile(r"""\bcue\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')""")
        for number, line in enumerate(source.splitlines(), start=1):
            found = header.match(line)
            if found:
                table = found.group(1).replace('"', "").replace(" ", "")
                self.tables.setdefault(table, number)
                continue
            found = key.match(line)
            if found:
                self.keys.setdefault((table, found.group(1).strip("\"'")), number)
            for match in cue.finditer(line):
                term = match.group(1) if match.group(1) is not None else match.group(2)
                self.cues.setdefault(term, []).append(number)

    def table(self, name: str) -> int | None:
        return self.tables.get(name)

    def key(self, table: str, name: str) -> int | None:
        return self.keys.get((table, name), self.tables.get(f"{table}.{name}", self.table(table)))


def _as_strings(
    value: Any, what: str, line: int | None, problems: list[LexiconProblem]
) -> tuple[str, ...]:
    if (
        isinstance(value, str)
        or not isinstance(value, list)
        or not all(isinstance(v, str) for v in value)
    ):
        problems.append(LexiconProblem(line, f"{what} must be a list of strings"))
        return ()
    return tuple(v for v in value if v.strip())


def _parse_toml(source: str, path: str | None) -> tuple[Lexicon | None, list[LexiconProblem]]:
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        return None, [LexiconProblem(line, f"not valid TOML: {exc}")]
    lines = _Lines(source)
    problems: list[LexiconProblem] = []

    def unknown(table: str, given: Mapping[str, Any], allowed: set[str]) -> None:
        for key in given:
            if key not in allowed:
                problems.append(
                    LexiconProblem(
                        lines.key(table, key),
                        f"unknown key {key!r} in [{table or 'top level'}]; allowed: "
                        + ", ".join(sorted(allowed)),
                        entry=key,
                    )
                )

    unknown("", data, _TOP_KEYS)
    meta = data.get("lexicon", {})
    if not isinstance(meta, dict):
        meta = {}
    unknown("lexicon", meta, _META_KEYS)
    for key in ("name", "version", "description"):
        if not isinstance(meta.get(key), str) or not meta.get(key, "").strip():
            problems.append(
                LexiconProblem(lines.table("lexicon"), f"[lexicon] needs a non-empty {key!r}")
            )

    settings_data = data.get("settings", {})
    unknown("settings", settings_data, _SETTING_KEYS)
    settings_kwargs: dict[str, Any] = {}
    for key, value in settings_data.items():
        if key not in _SETTING_KEYS:
            continue
        line = lines.key("settings", key)
        if key.endswith(("negators", "markers")) or key == "ignore":
            settings_kwargs[key] = _as_strings(value, f"settings.{key}", line, problems)
        elif key in ("negation_window", "mention_window"):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                problems.append(LexiconProblem(line, f"{key} must be an integer >= 0"))
            else:
                settings_kwargs[key] = value
        elif key.startswith("mention_in_"):
            if not isinstance(value, bool):
                problems.append(LexiconProblem(line, f"{key} must be true or false"))
            else:
                settings_kwargs[key] = value
        elif key == "negation_mode":
            if value not in ("flip", "drop", "keep"):
                problems.append(
                    LexiconProblem(line, f"negation_mode {value!r} is not one of flip, drop, keep")
                )
            else:
                settings_kwargs[key] = value
        elif key == "contrast_weight":
            if (
                not isinstance(value, (int, float))
                or isinstance(value, bool)
                or not 0 <= value <= 1
            ):
                problems.append(LexiconProblem(line, "contrast_weight must be a number in [0, 1]"))
            else:
                settings_kwargs[key] = float(value)
        else:
            if not isinstance(value, str):
                problems.append(LexiconProblem(line, f"settings.{key} must be a string"))
            else:
                settings_kwargs[key] = value

    actors = []
    for key, actor in (data.get("actors") or {}).items():
        table = f"actors.{key}"
        if not isinstance(actor, dict):
            problems.append(LexiconProblem(lines.table("actors"), f"[{table}] must be a table"))
            continue
        unknown(table, actor, _ACTOR_KEYS)
        aliases = _as_strings(
            actor.get("aliases", []), f"{table}.aliases", lines.key(table, "aliases"), problems
        )
        if not aliases:
            problems.append(LexiconProblem(lines.table(table), f"[{table}] has no aliases"))
        actors.append(Actor(key, str(actor.get("name", key)), aliases))

    dyad_data = data.get("dyad", {})
    unknown("dyad", dyad_data, _DYAD_KEYS)
    dyad_kwargs: dict[str, Any] = {
        key: _as_strings(dyad_data[key], f"dyad.{key}", lines.key("dyad", key), problems)
        for key in _DYAD_KEYS - {"continue_one_side"}
        if key in dyad_data
    }
    if "continue_one_side" in dyad_data:
        if isinstance(dyad_data["continue_one_side"], bool):
            dyad_kwargs["continue_one_side"] = dyad_data["continue_one_side"]
        else:
            problems.append(
                LexiconProblem(
                    lines.key("dyad", "continue_one_side"),
                    "dyad.continue_one_side must be true or false",
                )
            )
    dyad = Dyad(**dyad_kwargs)

    axes = []
    cues = []
    seen_lines: dict[str, int] = {}  # how many times each cue string was met so far
    for axis_name, axis in (data.get("axes") or {}).items():
        table = f"axes.{axis_name}"
        if not isinstance(axis, dict):
            problems.append(LexiconProblem(lines.table("axes"), f"[{table}] must be a table"))
            continue
        unknown(table, axis, _AXIS_KEYS)
        poles = axis.get("poles")
        if (
            not isinstance(poles, list)
            or len(poles) != 2
            or not all(isinstance(p, str) and p.strip() for p in poles)
            or poles[0] == poles[1]
        ):
            problems.append(
                LexiconProblem(
                    lines.key(table, "poles"),
                    f"[{table}] poles must be a list of two different names, got {poles!r}",
                    entry=axis_name,
                )
            )
            continue
        axes.append(Axis(axis_name, (poles[0], poles[1]), str(axis.get("description", ""))))
        cue_table = axis.get("cues", {})
        for pole, entries in cue_table.items():
            if pole not in poles:
                problems.append(
                    LexiconProblem(
                        lines.key(f"{table}.cues", pole),
                        f"pole {pole!r} is not one of {tuple(poles)!r} (axis {axis_name!r})",
                        entry=pole,
                    )
                )
                continue
            if not isinstance(entries, list):
                problems.append(
                    LexiconProblem(
                        lines.key(f"{table}.cues", pole),
                        f"{table}.cues.{pole} must be a list of {{ cue = ..., note = ... }} tables",
                    )
                )
                continue
            for entry in entries:
                if isinstance(entry, str):
                    entry = {"cue": entry}
                if not isinstance(entry, dict) or not isinstance(entry.get("cue"), str):
                    problems.append(
                        LexiconProblem(
                            lines.key(f"{table}.cues", pole),
                            f"an entry of {table}.cues.{pole} has no cue string",
                        )
                    )
                    continue
                term = entry["cue"]
                occurrences = lines.cues.get(term, [])
                count = seen_lines.get(term, 0)
                line = occurrences[min(count, len(occurrences) - 1)] if occurrences else None
                seen_lines[term] = count + 1
                for key in entry:
                    if key not in _CUE_KEYS:
                        problems.append(
                            LexiconProblem(
                                line,
                                f"unknown key {key!r} in cue {term!r}; allowed: cue, weight, note",
                                entry=term,
                            )
                        )
                weight = entry.get("weight", 1.0)
                if (
                    not isinstance(weight, (int, float))
                    or isinstance(weight, bool)
                    or not math.isfinite(weight)
                    or weight <= 0
                ):
                    problems.append(
                        LexiconProblem(line, f"cue {term!r}: weight must be a number > 0", term)
                    )
                    weight = 1.0
                cues.append(
                    Cue(term, axis_name, pole, float(weight), str(entry.get("note", "")), line)
                )
        for pole in poles:
            if not cue_table.get(pole):
                problems.append(
                    LexiconProblem(
                        lines.key(f"{table}.cues", pole) or lines.table(table),
                        f"pole {pole!r} of axis {axis_name!r} has no cues",
                        entry=pole,
                    )
                )
    if not axes and not problems:
        problems.append(LexiconProblem(None, "the lexicon defines no [axes.<name>] table"))
    settings = Settings(**settings_kwargs)
    # Cue-level problems (duplicates, a cue in both poles, malformed wildcards) are reported
    # together with the structural ones, so that one check lists everything. Empty poles were
    # reported above with their lines.
    problems.extend(
        _semantic_problems(axes, cues, actors, dyad, settings, report_empty_poles=False)
    )
    problems.sort(key=lambda p: (p.line is None, p.line or 0))
    if problems:
        return None, problems
    try:
        lexicon = Lexicon(
            name=meta["name"].strip(),
            version=meta["version"].strip(),
            description=meta["description"].strip(),
            axes=tuple(axes),
            cues=tuple(cues),
            actors=tuple(actors),
            dyad=dyad,
            settings=settings,
            language=str(meta.get("language", "en")),
            path=path,
        )
    except LexiconError as exc:
        return None, [LexiconProblem(line, message) for line, message in exc.problems]
    return lexicon, []


def _semantic_problems(
    axes: Sequence[Axis],
    cues: Sequence[Cue],
    actors: Sequence[Actor],
    dyad: Dyad,
    settings: Settings,
    *,
    report_empty_poles: bool = True,
) -> list[LexiconProblem]:
    """Problems that do not depend on the file format: cues, poles, settings, actors."""
    problems: list[LexiconProblem] = []
    poles = {axis.name: axis.poles for axis in axes}
    if len(poles) != len(axes):
        problems.append(LexiconProblem(None, "two axes share a name"))
    placed: dict[tuple[str, str], Cue] = {}
    for cue in cues:
        if cue.axis not in poles:
            problems.append(
                LexiconProblem(cue.line, f"cue {cue.term!r}: unknown axis {cue.axis!r}", cue.term)
            )
            continue
        if cue.pole not in poles[cue.axis]:
            problems.append(
                LexiconProblem(
                    cue.line,
                    f"cue {cue.term!r}: pole {cue.pole!r} is not one of {poles[cue.axis]!r}",
                    cue.term,
                )
            )
            continue
        term = cue.term.strip()
        if not term:
            problems.append(LexiconProblem(cue.line, "empty cue", cue.term))
            continue
        words = phrase_words(term)
        if not words:
            message = f"cue {term!r} is only word separators (hyphens, dashes): it matches nothing"
            problems.append(LexiconProblem(cue.line, message, term))
            continue
        if "*" in term:
            if any("*" in w[:-1] for w in words) or "**" in term:
                problems.append(
                    LexiconProblem(cue.line, f"cue {term!r}: '*' may only end a word", term)
                )
                continue
            if any(w.endswith("*") and len(w) < 4 for w in words):
                problems.append(
                    LexiconProblem(
                        cue.line,
                        f"cue {term!r}: a wildcard needs at least 3 letters before '*'",
                        term,
                    )
                )
                continue
        if not _CUE_TEXT.match(term):
            problems.append(LexiconProblem(cue.line, f"cue {term!r} is malformed", term))
            continue
        # The matcher's own rule: cues that differ only in case, apostrophe or separator
        # ('junior partner', 'Junior–Partner') are one phrase to it, so one cue here.
        key = (cue.axis, phrase_key(term))
        if key in placed:
            other = placed[key]
            at = f" at line {other.line}" if other.line else ""
            spelt = other.term.strip()
            first = f" as {spelt!r}" if spelt != term else ""
            if other.pole == cue.pole:
                message = f"cue {term!r} is listed twice in pole {cue.pole!r}"
                if other.line or first:
                    message += f" (first{at}{first})"
            else:
                message = (
                    f"cue {term!r} is in both poles of axis {cue.axis!r} "
                    f"({other.pole!r}{at}{first}{',' if first else ''} and {cue.pole!r})"
                )
            if first:
                message += (
                    "; cues that differ only in case, apostrophes, spaces, hyphens or dashes are "
                    "one cue to the matcher"
                )
            problems.append(LexiconProblem(cue.line, message, term))
            continue
        placed[key] = cue
    # An ignored phrase that is also a cue (by the same rule) is never ignored: the matcher
    # resolves the phrase to the cue, listed first.
    cue_of = {key: cue for (_, key), cue in reversed(placed.items())}
    for phrase in settings.ignore:
        also = cue_of.get(phrase_key(phrase))
        if also is not None:
            problems.append(
                LexiconProblem(
                    also.line,
                    f"settings.ignore phrase {phrase!r} is also the cue {also.term!r}: a phrase "
                    "is a cue or ignored, not both; remove one of them",
                    phrase,
                )
            )
    for axis in axes if report_empty_poles else ():
        for pole in axis.poles:
            if not any(c.axis == axis.name and c.pole == pole for c in cues):
                problems.append(
                    LexiconProblem(None, f"pole {pole!r} of axis {axis.name!r} has no cues", pole)
                )
    performance = (settings.performance_axis, settings.performance_from, settings.performance_to)
    if any(performance) or settings.performance_markers:
        axis_name = settings.performance_axis
        if (
            axis_name not in poles
            or settings.performance_from not in poles[axis_name]
            or settings.performance_to not in poles[axis_name]
        ):
            problems.append(
                LexiconProblem(
                    None,
                    "performance_axis, performance_from and performance_to must name an axis "
                    f"and its two poles; got {performance!r}",
                )
            )
    keys = [a.key for a in actors]
    for side in dyad.sides:
        if side not in keys:
            problems.append(
                LexiconProblem(None, f"dyad side {side!r} is not an actor; actors: {keys}")
            )
    if dyad.sides and len(dyad.sides) != 2:
        problems.append(LexiconProblem(None, "dyad.sides must name exactly two actors"))
    return problems


def check_lexicon(path: str | os.PathLike[str]) -> list[LexiconProblem]:
    """List every problem of a TOML lexicon file, each with its line; empty when it is valid.

    Parameters
    ----------
    path : str or os.PathLike

    Returns
    -------
    list of LexiconProblem

    Raises
    ------
    LexiconError
        Only when the file cannot be read at all.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.toml"
    >>> _ = bad.write_text('''[lexicon]
    ... name = "x"
    ... version = "1"
    ... description = "constructed"
    ... [axes.tone]
    ... poles = ["warm", "cold"]
    ... [axes.tone.cues]
    ... warm = [{ cue = "friend" }]
    ... cold = [{ cue = "friend" }]
    ... ''')
    >>> [str(p) for p in check_lexicon(bad)]
    ["line 9: cue 'friend' is in both poles of axis 'tone' ('warm' at line 8 and 'cold')"]
    """
    source = _read_source(path)
    if str(path).lower().endswith(".dic"):
        raise ParameterError(
            "path",
            str(path),
            "a .toml lexicon",
            "Import a .dic with Lexicon.from_dic(path, mapping)",
        )
    lexicon, problems = _parse_toml(source, str(path))
    if lexicon is not None:
        try:  # the one check that needs the cues together: can they be compiled into one trie
            lexicon._compiled  # noqa: B018 (a cached property: built here, reused when scoring)
        except ParameterError as exc:
            problems = [LexiconProblem(None, f"the cues cannot be matched together: {exc}")]
    return problems


# --- LIWC .dic ---------------------------------------------------------------------------------

_DIC_TOKEN = re.compile(r"\([^)]*\)\S*|<[^>]*>\S*|\S+")
_CONDITIONAL = re.compile(r"^(?:\(([\d\s]+)\)|<([^>]+)>)(\d+)(?:/(\d+))?$")


def _parse_dic(
    source: str,
    path: str,
    mapping: Mapping[str | int, tuple[str, str]],
    *,
    name: str | None,
    base: Lexicon | None,
) -> Lexicon:
    lines = source.splitlines()
    problems: list[LexiconProblem] = []
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        _raise(
            [LexiconProblem(1, "a .dic file starts with a category block between two '%' lines")],
            path,
        )
    categories: dict[str, str] = {}
    declared_at: dict[str, int] = {}
    for i in range(marks[0] + 1, marks[1]):
        parts = lines[i].split()
        if not parts:
            continue
        if len(parts) < 2 or not parts[0].isdigit():
            problems.append(LexiconProblem(i + 1, f"category line {lines[i]!r} is not 'id name'"))
            continue
        number = parts[0].lstrip("0") or "0"
        if number in categories:
            problems.append(
                LexiconProblem(
                    i + 1,
                    f"category id {parts[0]} is declared twice ({categories[number]!r} at line "
                    f"{declared_at[number]}, {parts[1]!r} here); give each category its own id",
                    parts[1],
                )
            )
            continue
        categories[number] = parts[1]
        declared_at[number] = i + 1
    by_name = {v: k for k, v in categories.items()}
    resolved: dict[str, tuple[str, str]] = {}
    for key, target in mapping.items():
        ident = str(key).lstrip("0") or "0" if str(key).isdigit() else by_name.get(str(key))
        if ident is None or ident not in categories:
            problems.append(
                LexiconProblem(
                    None,
                    f"mapped category {key!r} is not in the file; its categories: "
                    + ", ".join(sorted(categories.values())),
                    str(key),
                )
            )
            continue
        if not (isinstance(target, tuple) and len(target) == 2):
            problems.append(LexiconProblem(None, f"mapping[{key!r}] must be (axis, pole)"))
            continue
        if ident in resolved:
            problems.append(LexiconProblem(None, f"category {ident} is mapped twice", str(key)))
            continue
        resolved[ident] = (str(target[0]), str(target[1]))
    simplified = []
    cues: list[Cue] = []
    for i in range(marks[1] + 1, len(lines)):
        parts = _DIC_TOKEN.findall(lines[i])
        if not parts:
            continue
        term, ids = parts[0], parts[1:]
        if not ids:
            problems.append(LexiconProblem(i + 1, f"entry {term!r} has no category ids", term))
            continue
        chosen = []
        for token in ids:
            if token.isdigit():
                chosen.append(token.lstrip("0") or "0")
                continue
            conditional = _CONDITIONAL.match(token)
            if not conditional:
                problems.append(
                    LexiconProblem(i + 1, f"entry {term!r}: {token!r} is not a category id", term)
                )
                continue
            simplified.append(i + 1)
            if conditional.group(4):
                chosen.append(conditional.group(4).lstrip("0") or "0")
        for ident in chosen:
            if ident not in categories:
                problems.append(
                    LexiconProblem(
                        i + 1,
                        f"entry {term!r}: category {ident} is not declared in the header",
                        term,
                    )
                )
            elif ident in resolved:
                axis, pole = resolved[ident]
                cues.append(
                    Cue(term.replace("_", " "), axis, pole, 1.0, f"LIWC {categories[ident]}", i + 1)
                )
    axes_poles: dict[str, list[str]] = {}
    for axis, pole in resolved.values():
        poles = axes_poles.setdefault(axis, [])
        if pole not in poles:
            poles.append(pole)
    for axis, poles in axes_poles.items():
        if len(poles) != 2:
            problems.append(
                LexiconProblem(
                    None, f"axis {axis!r} needs exactly two poles in the mapping, got {poles}"
                )
            )
    # A word listed under two mapped categories of one axis would sit in both poles: keep the
    # first, as LIWC would count it in both and the two would cancel.
    seen: dict[tuple[str, str], Cue] = {}
    unique = []
    for cue in cues:
        entry = (cue.axis, cue.term.lower())
        if entry in seen:
            if seen[entry].pole != cue.pole:
                problems.append(
                    LexiconProblem(
                        cue.line, f"entry {cue.term!r} maps to both poles of {cue.axis!r}", cue.term
                    )
                )
            continue
        seen[entry] = cue
        unique.append(cue)
    if problems:
        _raise(problems, path)
    if simplified:
        shown = ", ".join(map(str, simplified[:10])) + (" ..." if len(simplified) > 10 else "")
        warnings.warn(
            f"{Path(path).name}: {len(simplified)} conditional LIWC2015 entries reduced to their "
            f"default category (lines {shown})",
            FramingWarning,
            stacklevel=3,
        )
    settings = base.settings if base else Settings()
    if settings.performance_axis not in axes_poles:
        # The base lexicon's performance rule names an axis this dictionary does not have.
        settings = replace(
            settings, performance_markers=(), performance_axis=None, performance_from=None,
            performance_to=None,
        )  # fmt: skip
    return Lexicon(
        name=name or Path(path).stem,
        version="dic",
        description=f"imported from {Path(path).name}",
        axes=tuple(Axis(axis, (p[0], p[1])) for axis, p in axes_poles.items()),
        cues=tuple(unique),
        actors=base.actors if base else (),
        dyad=base.dyad if base else Dyad(),
        settings=settings,
        path=path,
    )


# --- built-in lexicons --------------------------------------------------------------------------


def builtin_lexicons() -> list[str]:
    """Names of the lexicons that ship with :mod:`framing`.

    Examples
    --------
    >>> "relationship" in builtin_lexicons()
    True
    """
    folder = resources.files("framing") / "lexicons"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


@functools.lru_cache(maxsize=16)
def _builtin(name: str) -> Lexicon:
    resource = resources.files("framing") / "lexicons" / f"{name}.toml"
    with resources.as_file(resource) as path:
        return Lexicon.from_toml(path)


def load_lexicon(source: str | os.PathLike[str] | Lexicon = "relationship") -> Lexicon:
    """Load a built-in lexicon by name, or a TOML lexicon file.

    Parameters
    ----------
    source : str, os.PathLike or Lexicon, default='relationship'
        A built-in name (see :func:`builtin_lexicons`), a path to a ``.toml`` file, or a
        Lexicon (returned as is). For a LIWC ``.dic`` use :meth:`Lexicon.from_dic`.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        A missing or malformed file, with its line.

    Examples
    --------
    >>> lex = load_lexicon("relationship")
    >>> lex.poles
    {'power': ('equal', 'junior'), 'bond': ('friendship', 'convenience')}
    """
    if isinstance(source, Lexicon):
        return source
    text = os.fspath(source)
    if text in builtin_lexicons():
        return _builtin(text)
    if text.lower().endswith(".dic"):
        raise LexiconError(
            f"{text}: a LIWC .dic file needs a mapping of its categories onto poles; use "
            "framing.Lexicon.from_dic(path, mapping={category: (axis, pole)})",
            path=text,
        )
    if not text.lower().endswith(".toml") and not Path(text).exists():
        raise LexiconError(
            f"{text!r} is neither a built-in lexicon ({', '.join(builtin_lexicons())}) nor a "
            "lexicon file",
            path=text,
        )
    return Lexicon.from_toml(text)
