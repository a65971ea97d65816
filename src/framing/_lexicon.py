"""Lexicons: axes with two poles, cues with weights and notes, actors, and the rules that apply.

A lexicon is read from TOML (the format is documented in ``docs/lexicons.md``) or imported
from a LIWC ``.dic`` file with a mapping of categories onto poles. :func:`check_lexicon` lists
every problem of a file with its line number; :func:`load_lexicon` raises
:class:`~framing.errors.LexiconError` on the first problems it finds.

Matching (:meth:`Lexicon.match`) is literal and case-insensitive (see
:class:`framing._text.PhraseMatcher`): multiword cues match across spaces and hyphens, the
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
import os
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

from ._dyad import DyadMatcher
from ._lexicon_parts import (
    Actor,
    Axis,
    Cue,
    CueMatch,
    Dyad,
    LexiconProblem,
    Settings,
)
from ._lexicon_parts import NegationMode as NegationMode  # the type of Settings.negation_mode
from ._liwc import read_dic
from ._phrases import WORD_SEPARATORS, lower_case_matches, phrase_key, phrase_words
from ._rules import RuleEngine
from ._toml import read_toml
from .errors import FramingWarning, LexiconError, ParameterError

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

# Words with '*' only at their end, between runs of the separators a space in a cue matches.
_CUE_TEXT = re.compile(rf"^[^\s*]+\*?(?:[{WORD_SEPARATORS}]+[^\s*]+\*?)*$")


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
        """The relevance judge for this lexicon's actors and dyad (see :mod:`framing._dyad`).

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
    def _compiled(self) -> RuleEngine:
        # With the dyad's phrases: one scan finds them and the cues (match_with_actors).
        try:
            actors = self._dyad_matcher.phrase_matcher
        except ParameterError:  # a dyad side without aliases: dyad_matcher() says so, not match()
            actors = None
        return RuleEngine(self.cues, self.axes, self.settings, actors=actors)

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
        return self._compiled.match_document(text, [(start, stop)], None)[0]

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
        if not spans:
            return []
        return self._compiled.match_document(text, spans, _usable(text, lowered))

    def match_with_actors(
        self,
        text: str,
        spans: Sequence[tuple[int, int] | tuple[int, int, int]],
        *,
        lowered: str | None = None,
    ) -> tuple[list[list[CueMatch]], tuple[list[int], list[str]] | None]:
        """:meth:`match_sentences` and, from the same scan, the hits of the dyad's phrases for
        :meth:`DyadMatcher.relevance` (``hits=``, with the same ``lowered``).

        Parameters
        ----------
        text, spans, lowered
            As in :meth:`match_sentences`.

        Returns
        -------
        matches : list of list of CueMatch
            As :meth:`match_sentences` returns them.
        hits : (starts, texts) or None
            The matches of :meth:`dyad_matcher`'s ``phrase_matcher`` in ``text.lower()``; None
            where this scan cannot give them (the matcher then finds them itself).

        Examples
        --------
        >>> lex = load_lexicon("relationship")
        >>> text = "Xi met Putin. They are old friends."
        >>> spans = [(0, 13), (14, 35)]
        >>> matches, hits = lex.match_with_actors(text, spans)
        >>> [[m.pole for m in ms] for ms in matches], hits
        ([[], ['friendship']], ([0, 7], ['xi', 'putin']))
        """
        if not spans:
            return [], None
        return self._compiled.match_with_actors(text, spans, _usable(text, lowered))

    def _records_with_actors(
        self, text: str, spans: Sequence[tuple[int, int, int]], lowered: str
    ) -> tuple[list[list[dict[str, Any]]], tuple[list[int], list[str]] | None]:
        """:meth:`match_with_actors` with each match as a dict of its fields, in field order,
        for ``score()``, which stores dicts: no CueMatch is made to be copied into one."""
        if not spans:
            return [], None
        return self._compiled.records_with_actors(text, spans, _usable(text, lowered))


def _usable(text: str, lowered: str | None) -> str | None:
    """``text.lower()`` (``lowered`` if given) where the matchers can scan it in place of
    ``text``, else None (rare letters: 'İ', 'ı', 'ſ', 'ς')."""
    if lowered is None:
        lowered = text.lower()
    return lowered if lower_case_matches(text, lowered) else None


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


def _parse_toml(source: str, path: str | None) -> tuple[Lexicon | None, list[LexiconProblem]]:
    """A lexicon from TOML text, or ``None`` and every problem: the file's structure
    (:func:`framing._toml.read_toml`), then its cues and settings (:func:`_semantic_problems`)."""
    fields, problems = read_toml(source)
    if fields is None:
        return None, problems
    # Cue-level problems (duplicates, a cue in both poles, malformed wildcards) are reported
    # together with the structural ones, so that one check lists everything. Empty poles were
    # reported with their lines.
    problems.extend(
        _semantic_problems(
            fields["axes"], fields["cues"], fields["actors"], fields["dyad"], fields["settings"],
            report_empty_poles=False,
        )
    )  # fmt: skip
    problems.sort(key=lambda p: (p.line is None, p.line or 0))
    if problems:
        return None, problems
    try:
        lexicon = Lexicon(**fields, path=path)
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


def _parse_dic(
    source: str,
    path: str,
    mapping: Mapping[str | int, tuple[str, str]],
    *,
    name: str | None,
    base: Lexicon | None,
) -> Lexicon:
    """A lexicon from ``.dic`` text (:func:`framing._liwc.read_dic`), with actors and rule
    settings from ``base``."""
    read = read_dic(source, mapping)
    if read.problems:
        _raise(read.problems, path)
    if read.simplified:
        simplified = read.simplified
        shown = ", ".join(map(str, simplified[:10])) + (" ..." if len(simplified) > 10 else "")
        warnings.warn(
            f"{Path(path).name}: {len(simplified)} conditional LIWC2015 entries reduced to their "
            f"default category (lines {shown})",
            FramingWarning,
            stacklevel=3,
        )
    settings = base.settings if base else Settings()
    if settings.performance_axis not in read.poles:
        # The base lexicon's performance rule names an axis this dictionary does not have.
        settings = replace(
            settings, performance_markers=(), performance_axis=None, performance_from=None,
            performance_to=None,
        )  # fmt: skip
    return Lexicon(
        name=name or Path(path).stem,
        version="dic",
        description=f"imported from {Path(path).name}",
        axes=tuple(Axis(axis, (p[0], p[1])) for axis, p in read.poles.items()),
        cues=tuple(read.cues),
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
