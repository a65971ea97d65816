"""The plain records of a lexicon, and of what matching it finds.

:class:`Axis`, :class:`Actor`, :class:`Dyad`, :class:`Cue` and :class:`Settings` are what a
:class:`framing.Lexicon` is made of; :class:`CueMatch` is one cue found in a text, after
the rules (:mod:`framing._rules`); :class:`LexiconProblem` is one problem of a lexicon file. They
live apart from :mod:`framing._lexicon` so that the readers (:mod:`framing._toml`,
:mod:`framing._liwc`) and the rule engine can build and use them below it; every name is
re-exported by :mod:`framing._lexicon`, where users import it.

Examples
--------
>>> Cue("junior partner", "power", "junior").weight
1.0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Axis", "Actor", "Dyad", "Cue", "Settings", "CueMatch", "LexiconProblem", "NegationMode",
]  # fmt: skip

NegationMode = Literal["flip", "drop", "keep"]


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
    """The rules applied after matching; see :mod:`framing._lexicon`."""

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
    """One problem found by :func:`framing.check_lexicon`."""

    line: int | None
    message: str
    entry: str | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message
