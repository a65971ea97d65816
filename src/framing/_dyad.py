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
  ``And``/``But``) and the sentence before it is relevant;
- ``addressed``: its speaker is one side, both sides have been named so far, and it speaks to
  the other in the second person (Putin's ``“You have done much for our ties,”``);
- ``continued`` (when the matcher is built with ``continue_one_side=True``): it names one
  side, both sides have been named so far, and the sentence before it is relevant: it goes on
  with the relationship's story ("Beijing has not condemned the invasion either"), unless it
  opens with a shift term (``Meanwhile``, ``Separately``);
- ``framed``, when the caller says which sentences hold a frame cue (``framed=``, as
  :func:`framing.score` does): it holds one, both sides have been named so far, and it names
  one side or follows a relevant sentence ("China holds all of these cards": the other side is
  clearly meant).

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
from functools import reduce
from operator import or_

from ._text import PhraseMatcher
from .errors import ParameterError

__all__ = ["DyadMatcher", "DyadResult"]

_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
_LEAD = r"[\s\"“‘'(\[]*(?:(?:and|but|yet|so|still|now)\b,?\s+)?"
# A short opener of time or place before the carried subject: "This week they even hugged.",
# "In 2019, the pair ...". At most 25 characters, no sentence punctuation inside.
_OPENER = (
    r"(?:(?:this|last|next|that|in|on|at|by|during|since|after|before|later|earlier|then|"
    r"today|yesterday|meanwhile)\b[^,.;:!?\"“”]{0,25}?,?\s+)?"
)
_ACRONYM = re.compile(r"^[A-Z0-9.\-]{2,}$")
# The bits of a hit code (see DyadMatcher.__init__): the kinds of phrase, then one per actor.
_REFERENCE = 1
_COUNTERPART = 2
_ACTOR_BITS = 2
# Unbound, to read many matches in one C-level map() instead of a Python loop.
_START = re.Match.start
_GROUP = re.Match.group
# Whether each basis makes a sentence relevant.
_RELEVANT = {
    **dict.fromkeys(("one_side", "none"), False),
    **dict.fromkeys(
        ("both_sides", "reference", "counterpart", "carried", "addressed", "framed", "continued"),
        True,
    ),
}


def _opening(terms: Sequence[str]) -> re.Pattern[str]:
    """A pattern for one of ``terms`` at the start of a sentence, after an optional conjunction
    (``And they``) and a short opener of time or place (``This week they``)."""
    return re.compile(
        _LEAD + _OPENER + "(?:" + PhraseMatcher(list(terms)).pattern.pattern + ")", re.IGNORECASE
    )


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


class _HitCodes(dict[str, int]):
    """The hit code of each matched text, found through the phrase matcher when first seen."""

    def __init__(self, matcher: PhraseMatcher, codes: Sequence[int]) -> None:
        super().__init__()
        self._matcher = matcher
        self._by_phrase = codes

    def __missing__(self, matched: str) -> int:
        code = self[matched] = self._by_phrase[self._matcher._resolve(matched)]
        return code


class _ActorTuples(dict[int, tuple[str, ...]]):
    """The actor keys in each hit code, in the order of the lexicon, found when first asked
    for (a dictionary, so that a whole column is read in one map())."""

    def __init__(self, actor_keys: tuple[str, ...]) -> None:
        super().__init__()
        self._keys = actor_keys

    def __missing__(self, code: int) -> tuple[str, ...]:
        found = self[code] = tuple(
            key for rank, key in enumerate(self._keys) if code >> (_ACTOR_BITS + rank) & 1
        )
        return found


class _SpeakerCodes(dict[str | None, int]):
    """The actors named in each speaker (``Kremlin spokesman Dmitry Peskov``), as a hit code of
    actor bits only (a speaker is no reference to the pair); 0 for no speaker."""

    def __init__(self, dyad: DyadMatcher) -> None:
        super().__init__({None: 0, "": 0})
        self._dyad = dyad

    def __missing__(self, speaker: str | None) -> int:
        if len(self) > 100_000:  # bounded over a stream of many speakers
            self.clear()
            self.update({None: 0, "": 0})
        _, codes = self._dyad._hits(speaker or "", 0, len(speaker or ""), None, None)
        code = self[speaker] = reduce(or_, codes, 0) & self._dyad._actors_code
        return code


def _sentence_codes(
    spans: Sequence[tuple[int, int, int]], starts: list[int], codes: list[int]
) -> list[int]:
    """The union of the codes of each sentence's hits (0 when it has none), the hits given by
    their ``starts``, in order; a hit between two sentences belongs to neither."""
    united: list[int] = []
    position = 0  # hits before it belong to earlier sentences (or lie between sentences)
    for start, end, _ in spans:
        stop = bisect_left(starts, end, position)
        if stop == position:
            united.append(0)
            continue
        first = position
        if starts[first] < start:
            first = bisect_left(starts, start, position, stop)
        code = 0
        for hit in codes[first:stop]:  # two or three: cheaper than reduce()
            code |= hit
        united.append(code)
        position = stop
    return united


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
    continue_one_side : bool, default=False
        Whether a one-side sentence right after a relevant one is ``continued`` (codebook,
        Target: "the sentence continues the previous relevant sentence's subject").
    shift_terms : sequence of str, default=()
        Sentence openings that change the subject (``Meanwhile``, ``Separately``, ``Elsewhere``):
        a sentence that opens with one is never ``continued``.

    Attributes
    ----------
    phrase_matcher : PhraseMatcher
        The aliases (acronyms aside), references, counterpart terms and exclusions, for a
        caller that scans for them along with its own phrases (see ``hits`` of
        :meth:`relevance`).

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
        continue_one_side: bool = False,
        shift_terms: Sequence[str] = (),
    ) -> None:
        self.sides = tuple(sides)
        self.continue_one_side = bool(continue_one_side)
        if self.sides and (
            len(self.sides) != 2 or any(not actors.get(side) for side in self.sides)
        ):
            raise ParameterError(
                "sides", self.sides, f"two of the actors that have aliases: {sorted(actors)}"
            )
        self.actor_keys = tuple(actors)
        # Each phrase has a hit code, bits that say what it means: the actor it names, or that
        # it is a reference or a counterpart term (an exclusion is 0: it counts for nothing).
        # A sentence's code is the union of its hits' codes.
        actor_code = {key: 1 << (_ACTOR_BITS + rank) for rank, key in enumerate(self.actor_keys)}
        self._sides_code = sum(actor_code[side] for side in self.sides)
        self._actors_code = sum(actor_code.values())
        phrases: list[str] = []
        codes: list[int] = []
        acronyms: list[str] = []
        self._acronym_codes: list[int] = []
        for key, aliases in actors.items():
            for alias in aliases:
                if _ACRONYM.match(alias):
                    acronyms.append(alias)
                    self._acronym_codes.append(actor_code[key])
                else:
                    phrases.append(alias)
                    codes.append(actor_code[key])
        for code, terms in (
            (_REFERENCE, references),
            (_COUNTERPART, counterpart_terms),
            (0, exclude),
        ):
            phrases.extend(terms)
            codes.extend(code for _ in terms)
        self.phrase_matcher = PhraseMatcher(phrases)
        self._codes = _HitCodes(self.phrase_matcher, codes)
        self._actor_tuples = _ActorTuples(self.actor_keys)
        self._speaker_codes = _SpeakerCodes(self)
        self._acronyms = PhraseMatcher(acronyms, case_sensitive=True)
        # An acronym matches case-sensitively and literally (a hyphen in it also matches a space
        # or a dash), so its matches start with its first hyphen-free part. A search for the
        # acronyms' pattern is slow (it is tried at every character): it is tried only where a
        # fast literal search finds such a part, a cue (see _acronym_hits).
        parts = [part for alias in acronyms for part in alias.split("-") if part]
        self._acronym_cue: re.Pattern[str] | None = None
        if acronyms and all(alias[0] != "-" for alias in acronyms):
            self._acronym_cue = re.compile("|".join(re.escape(part) for part in parts))
        # Carry and shift terms count at the start of a sentence, after an optional conjunction
        # and opener.
        self._carry_start = _opening(carry_terms)
        self._shift_start = _opening(shift_terms) if shift_terms else None

    def relevance(
        self,
        text: str,
        spans: Sequence[tuple[int, int, int]],
        *,
        lowered: str | None = None,
        framed: Sequence[bool] | None = None,
        speakers: Sequence[str | None] | None = None,
        hits: tuple[list[int], list[str]] | None = None,
    ) -> DyadResult:
        """Judge every sentence of one document.

        Parameters
        ----------
        text : str
            The document's cleaned text.
        spans : sequence of (start, end, paragraph)
            Its sentences, in order (see :func:`framing.split_sentences`).
        lowered : str or None, default=None
            ``text.lower()`` if the caller has it (faster matching; same result).
        framed : sequence of bool or None, default=None
            Whether each sentence holds a frame cue. When given, a sentence that no other rule
            makes relevant is ``framed`` when it holds one, both sides have been named so far,
            and it names one side or follows a relevant sentence; a ``framed`` sentence is
            relevant, so the next one may be ``carried`` or ``framed`` after it.
        speakers : sequence of str or None, or None, default=None
            The speaker of each sentence (:func:`framing.attribute_voice`). An actor named
            in a sentence's speaker counts as named in the sentence: Putin's ``“Our relations
            with China are good.”`` names both sides, whichever sentence says it is his.
        hits : (starts, texts) or None, default=None
            The matches of :attr:`phrase_matcher` from the first span's start to the last one's
            end, found in ``lowered`` (required then) by the caller's own scan, as
            :meth:`framing.Lexicon.match_with_actors` gives them: the text is then not scanned
            for them again (acronyms still are). None: they are found here.

        Returns
        -------
        DyadResult

        Examples
        --------
        >>> matcher = DyadMatcher(
        ...     {"china": ["China", "Xi"], "russia": ["Russia", "Moscow"]},
        ...     sides=("china", "russia"), carry_terms=["they"],
        ... )
        >>> text = "Xi met Moscow's envoy. Moscow is the junior partner. They met often."
        >>> spans = [(0, 22, 0), (23, 52, 0), (53, 68, 0)]
        >>> matcher.relevance(text, spans).basis
        ('both_sides', 'one_side', 'none')
        >>> matcher.relevance(text, spans, framed=[False, True, False]).basis
        ('both_sides', 'framed', 'carried')
        >>> quote = "“Our ties with China are strong.” Russia and China met."
        >>> quoted = [(0, 33, 0), (34, 56, 0)]
        >>> matcher.relevance(quote, quoted, speakers=["Putin's aide in Moscow", None]).basis
        ('both_sides', 'both_sides')
        """
        for name, values in (("framed", framed), ("speakers", speakers)):
            if values is not None and len(values) != len(spans):
                raise ParameterError(name, f"{len(values)} values", f"one per span ({len(spans)})")
        if not spans:
            return DyadResult((), (), (), ())
        codes = _sentence_codes(spans, *self._hits(text, spans[0][0], spans[-1][1], lowered, hits))
        said = None
        if speakers is not None:
            # An actor named in the speaker counts as named in the sentence.
            said = list(map(self._speaker_codes.__getitem__, speakers))
            codes = list(map(or_, codes, said))
        actors = tuple(map(self._actor_tuples.__getitem__, codes))
        if not self.sides:
            everything = (True,) * len(spans)
            return DyadResult(everything, actors, ("no_dyad",) * len(spans), everything)
        basis, established = self._judge(text, spans, codes, framed, said)
        relevant = tuple(map(_RELEVANT.__getitem__, basis))
        return DyadResult(relevant, actors, tuple(basis), tuple(established))

    def _judge(
        self,
        text: str,
        spans: Sequence[tuple[int, int, int]],
        codes: list[int],
        framed: Sequence[bool] | None,
        said: list[int] | None,
    ) -> tuple[list[str], list[bool]]:
        """The basis of each sentence and whether the dyad is established by its end, from the
        sentences' codes (``said``: the codes of their speakers)."""
        sides = self._sides_code
        # Until both sides have been named, no rule makes a sentence relevant (each needs the
        # dyad established, or a relevant sentence before): those sentences are judged at once.
        named_so_far = 0
        first = len(codes)
        for index, code in enumerate(codes):
            named_so_far |= code
            if named_so_far & sides == sides:
                first = index
                break
        basis = ["one_side" if code & sides else "none" for code in codes[:first]]
        carry, shift = self._carry_start.match, self._shift_start
        previous_relevant = False
        for index in range(first, len(codes)):
            code = codes[index]
            named = code & sides
            if named == sides:
                verdict = "both_sides"
            elif code & _REFERENCE:
                verdict = "reference"
            elif not named:
                if previous_relevant and carry(text, *spans[index][:2]):
                    verdict = "carried"
                elif previous_relevant and framed is not None and framed[index]:
                    verdict = "framed"
                else:
                    verdict = "none"
            # From here, the sentence names one side.
            elif code & _COUNTERPART:
                verdict = "counterpart"
            elif previous_relevant and carry(text, *spans[index][:2]):
                verdict = "carried"
            elif said and said[index] & sides and _SECOND_PERSON.search(text, *spans[index][:2]):
                verdict = "addressed"
            elif framed is not None and framed[index]:
                verdict = "framed"
            elif (
                previous_relevant
                and self.continue_one_side
                and not (shift is not None and shift.match(text, *spans[index][:2]))
            ):
                verdict = "continued"
            else:
                verdict = "one_side"
            previous_relevant = verdict != "one_side" and verdict != "none"
            basis.append(verdict)
        return basis, [False] * first + [True] * (len(codes) - first)

    def _hits(
        self,
        text: str,
        start: int,
        end: int,
        lowered: str | None,
        found: tuple[list[int], list[str]] | None,
    ) -> tuple[list[int], list[int]]:
        """The starts and codes of the phrases and acronyms in ``text[start:end]``, in order;
        ``found``: the phrases' starts and texts, when the caller has them (see relevance)."""
        starts, matched = self._phrase_hits(text, start, end, lowered) if found is None else found
        # Looked up all at once (a text not seen before is resolved by _HitCodes): the aliases
        # are frequent (a hit every dozen words), so the cost per hit counts.
        codes = list(map(self._codes.__getitem__, matched))
        acronyms = [
            (at, self._acronym_codes[index])
            for at, _, index in self._acronym_hits(text, start, end)
            # An acronym inside a longer matched name ("US" in an excluded name) is not a hit.
            if (before := bisect_right(starts, at) - 1) < 0
            or starts[before] + len(matched[before]) <= at
        ]
        if acronyms:
            pairs = sorted([*zip(starts, codes, strict=True), *acronyms])
            return [at for at, _ in pairs], [code for _, code in pairs]
        return starts, codes

    def _phrase_hits(
        self, text: str, start: int, end: int, lowered: str | None
    ) -> tuple[list[int], list[str]]:
        """The starts and texts of the phrase matches in ``text[start:end]``: those of
        :meth:`PhraseMatcher.finditer`, read from the matches in C-level maps."""
        pattern, subject = self.phrase_matcher.scan_target(text, lowered)
        found = list(pattern.finditer(subject, start, end))
        return list(map(_START, found)), list(map(_GROUP, found))

    def _acronym_hits(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """The acronym matches in ``text[start:end]``, as :meth:`PhraseMatcher.finditer`."""
        if not self._acronyms.phrases:
            return
        cue = self._acronym_cue
        if cue is None:
            yield from self._acronyms.finditer(text, start, end)
            return
        # The pattern is tried only where a cue is found by the fast literal search, as every
        # match starts with one; a cue that starts no match is passed by one character, as
        # the pattern's own search would.
        pattern = self._acronyms.pattern
        while (found := cue.search(text, start, end)) is not None:
            match = pattern.match(text, found.start(), end)
            if match is None:
                start = found.start() + 1
                continue
            yield match.start(), match.end(), self._acronyms._resolve(match.group())
            start = match.end()
