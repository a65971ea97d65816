"""The dyad: which sentences are about the relationship between the two sides.

The actors, their aliases and the phrases that refer to the pair come from a lexicon, passed in
as plain data, so a lexicon for another dyad (US–UK, India–Russia) works with no code change.
A sentence is relevant (codebook, "Target") when

- ``both_sides``: it names both sides (a country, capital, government, leader, state media);
- ``reference``: it uses a phrase that means the pair (``the pair``, ``the two leaders``,
  ``their partnership``) and both sides have been named earlier in the document;
- ``counterpart``: it names one side and refers to the other (``his Russian counterpart``,
  ``its northern neighbour``), the other side having been named earlier in the document;
- ``carried``: it starts with a carry term (``They``, ``Both``, ``The two``; after an optional
  ``And``/``But``) and the sentence before it is relevant.

Names inside other names (``South China Morning Post``) can be listed as exclusions: they
claim their words and count for no side.

Examples
--------
>>> matcher = DyadMatcher(
...     {"china": ["China", "Xi"], "russia": ["Russia", "Putin"]}, sides=("china", "russia"),
...     references=["the pair"], carry_terms=["they"],
... )
>>> text = "Xi met Putin. They talked. The pair smiled. China grew."
>>> spans = [(0, 13, 0), (14, 26, 0), (27, 43, 0), (44, 55, 0)]
>>> result = matcher.relevance(text, spans)
>>> list(result.relevant), list(result.basis)
([True, True, True, False], ['both_sides', 'carried', 'reference', 'one_side'])
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from .errors import ParameterError
from .text import PhraseMatcher

__all__ = ["DyadMatcher", "DyadResult"]

_LEAD = r"[\s\"“‘'(\[]*(?:(?:and|but|yet|so|still|now)\b,?\s+)?"
# A short opener of time or place before the carried subject: "This week they even hugged.",
# "In 2019, the pair ...". At most 25 characters, no sentence punctuation inside.
_OPENER = (
    r"(?:(?:this|last|next|that|in|on|at|by|during|since|after|before|later|earlier|then|"
    r"today|yesterday|meanwhile)\b[^,.;:!?\"“”]{0,25}?,?\s+)?"
)
_ACRONYM = re.compile(r"^[A-Z0-9.\-]{2,}$")


@dataclass(frozen=True)
class DyadResult:
    """Relevance of each sentence, the sides it names, and why it was judged relevant.

    Attributes
    ----------
    relevant : tuple of bool
    actors : tuple of tuple of str
        The actor keys named in each sentence, in lexicon order.
    basis : tuple of str
        ``both_sides``, ``reference``, ``counterpart``, ``carried``, ``one_side``, ``none``,
        or ``no_dyad`` when no dyad is defined (every sentence is then relevant).
    established : tuple of bool
        Whether both sides have been named by the end of each sentence (in it or before it).
    """

    relevant: tuple[bool, ...]
    actors: tuple[tuple[str, ...], ...]
    basis: tuple[str, ...]
    established: tuple[bool, ...]


class DyadMatcher:
    """Decide sentence relevance for a dyad of two actors.

    Parameters
    ----------
    actors : mapping of str to sequence of str
        Actor key to aliases. Aliases written as acronyms (``US``, ``PRC``) match case-
        sensitively, so that ``US`` does not match ``us``; the others match in any case.
    sides : sequence of str
        The two actor keys of the dyad; empty means no dyad (every sentence is relevant).
    references, counterpart_terms, carry_terms, exclude : sequence of str
        See the module docstring.

    Raises
    ------
    ParameterError
        If ``sides`` does not name two actors that have aliases.
    """

    def __init__(
        self,
        actors: Mapping[str, Sequence[str]],
        sides: Sequence[str],
        *,
        references: Sequence[str] = (),
        counterpart_terms: Sequence[str] = (),
        carry_terms: Sequence[str] = (),
        exclude: Sequence[str] = (),
    ) -> None:
        self.sides = tuple(sides)
        if self.sides and (
            len(self.sides) != 2 or any(not actors.get(side) for side in self.sides)
        ):
            raise ParameterError(
                "sides", self.sides, f"two of the actors that have aliases: {sorted(actors)}"
            )
        self.actor_keys = tuple(actors)
        self._actor_rank = {key: rank for rank, key in enumerate(self.actor_keys)}
        phrases: list[str] = []
        kinds: list[tuple[str, str | None]] = []
        acronyms: list[str] = []
        acronym_kinds: list[tuple[str, str | None]] = []
        for key, aliases in actors.items():
            for alias in aliases:
                if _ACRONYM.match(alias):
                    acronyms.append(alias)
                    acronym_kinds.append(("actor", key))
                else:
                    phrases.append(alias)
                    kinds.append(("actor", key))
        for kind, terms in (
            ("reference", references),
            ("counterpart", counterpart_terms),
            ("exclude", exclude),
        ):
            phrases.extend(terms)
            kinds.extend((kind, None) for _ in terms)
        self._matcher = PhraseMatcher(phrases)
        self._kinds = kinds
        self._acronyms = PhraseMatcher(acronyms, case_sensitive=True)
        self._acronym_kinds = acronym_kinds
        # An acronym matches case-sensitively and literally (a hyphen in it also matches a space
        # or a dash), so its matches start with its first hyphen-free part. The scan for
        # acronyms is slow (its pattern is tried at every character); it starts at the first
        # occurrence of any such part, found by a fast literal search, or is skipped.
        parts = [part for alias in acronyms for part in alias.split("-") if part]
        self._acronym_cue: re.Pattern[str] | None = None
        if acronyms and all(alias[0] != "-" for alias in acronyms):
            self._acronym_cue = re.compile("|".join(re.escape(part) for part in parts))
        carry = PhraseMatcher(list(carry_terms))
        # Carry terms at the start of a sentence, after an optional conjunction and opener.
        self._carry_start = re.compile(
            _LEAD + _OPENER + "(?:" + carry.pattern.pattern + ")", re.IGNORECASE
        )

    def relevance(
        self, text: str, spans: Sequence[tuple[int, int, int]], *, lowered: str | None = None
    ) -> DyadResult:
        """Judge every sentence of one document.

        Parameters
        ----------
        text : str
            The document's cleaned text.
        spans : sequence of (start, end, paragraph)
            Its sentences, in order (see :func:`framing.text.split_sentences`).
        lowered : str or None, default=None
            ``text.lower()`` if the caller has it (faster matching; same result).

        Returns
        -------
        DyadResult
        """
        if not spans:
            return DyadResult((), (), (), ())
        doc_start, doc_end = spans[0][0], spans[-1][1]
        # Every phrase found, as (start, kind, actor): actor is the actor key of an alias and
        # None for the other kinds.
        found = list(self._matcher.finditer(text, doc_start, doc_end, lowered=lowered))
        hits = [(start, *self._kinds[index]) for start, _, index in found]
        acronyms = list(self._acronym_hits(text, doc_start, doc_end))
        if acronyms:
            claimed_starts = [start for start, _, _ in found]
            for start, _, index in acronyms:
                # An acronym inside a longer matched name ("US" in an excluded name) is not a
                # hit.
                before = bisect_right(claimed_starts, start) - 1
                if before < 0 or found[before][1] <= start:
                    hits.append((start, *self._acronym_kinds[index]))
            hits.sort()
        hit_starts = [hit[0] for hit in hits]

        relevant: list[bool] = []
        actors: list[tuple[str, ...]] = []
        basis: list[str] = []
        established_at: list[bool] = []
        both_sides = set(self.sides)
        named_so_far: set[str] = set()
        established_before = not both_sides  # both sides named before the current sentence
        position = 0  # hits before it belong to earlier sentences (or lie between sentences)
        for start, end, _ in spans:
            stop = bisect_left(hit_starts, end, position)
            first = bisect_left(hit_starts, start, position, stop)
            position = stop
            if first == stop:
                # No phrase in the sentence (a common case): it names no side, so it can only
                # be carried by a relevant sentence before it.
                actors.append(())
                established_at.append(established_before)
                if not self.sides:
                    verdict = "no_dyad"
                elif relevant and relevant[-1] and self._starts_with_carry(text, start, end):
                    verdict = "carried"
                else:
                    verdict = "none"
                basis.append(verdict)
                relevant.append(verdict not in ("one_side", "none"))
                continue
            named = {actor for _, _, actor in hits[first:stop] if actor is not None}
            kinds = {kind for _, kind, actor in hits[first:stop] if actor is None}
            actors.append(self._in_lexicon_order(named))
            sides_named = named.intersection(self.sides)
            established = established_before or both_sides <= (named_so_far | named)
            if not self.sides:
                verdict = "no_dyad"
            elif len(sides_named) == 2:
                verdict = "both_sides"
            elif "reference" in kinds and established:
                verdict = "reference"
            elif "counterpart" in kinds and len(sides_named) == 1 and established:
                verdict = "counterpart"
            elif relevant and relevant[-1] and self._starts_with_carry(text, start, end):
                verdict = "carried"
            else:
                verdict = "one_side" if sides_named else "none"
            named_so_far |= named
            established_before = established
            established_at.append(established)
            basis.append(verdict)
            relevant.append(verdict not in ("one_side", "none"))
        return DyadResult(tuple(relevant), tuple(actors), tuple(basis), tuple(established_at))

    def _in_lexicon_order(self, named: set[str]) -> tuple[str, ...]:
        """The actor keys in ``named``, in the order of the lexicon."""
        if len(named) <= 1:
            return tuple(named)
        return tuple(sorted(named, key=self._actor_rank.__getitem__))

    def _acronym_hits(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """The acronym matches in ``text[start:end]``, as :meth:`PhraseMatcher.finditer`."""
        if not self._acronyms.phrases:
            return
        if self._acronym_cue is not None:
            cue = self._acronym_cue.search(text, start, end)
            if cue is None:
                return
            start = cue.start()
        yield from self._acronyms.finditer(text, start, end)

    def _starts_with_carry(self, text: str, start: int, end: int) -> bool:
        return self._carry_start.match(text, start, end) is not None
