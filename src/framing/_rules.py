"""The rule engine: cues and rule words found in a sentence, and the codebook rules applied.

:class:`RuleEngine` compiles a lexicon's cues and rule words (negators, contrast, concession,
performance, mention, appearance and open-question markers) into phrase matchers
(:class:`framing._text.PhraseMatcher`), finds them in a sentence and applies the rules that
change what a cue counts for: negation, performance, contrast and mention versus assertion
(see :mod:`framing._lexicon`). It is built once per lexicon, by
:attr:`framing.Lexicon._compiled`; :meth:`framing.Lexicon.match`,
:meth:`~framing.Lexicon.match_sentences` and :meth:`~framing.Lexicon.match_with_actors` call
it; ``score()`` takes the same matches as dicts of their fields, as its table stores them
(:meth:`RuleEngine.records_with_actors`). Built with a dyad's phrase matcher (``actors``), its
scan of a document finds those phrases too, so that the dyad does not scan the text again
(:meth:`RuleEngine.match_with_actors`).

Examples
--------
>>> engine = RuleEngine([Cue("partner", "power", "junior")],
...                     [Axis("power", ("equal", "junior"))], Settings())
>>> text = "Not a partner, but a rival."
>>> hits = engine.find(text, 0, len(text), None)
>>> [(m.pole, m.negated, m.conceded) for m in engine.apply(
...     text, 0, len(text), hits, engine.rule_hits(text, 0, len(text), None))]
[('equal', True, True)]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from sys import maxsize
from typing import Any, NamedTuple, TypeVar

from ._lexicon_parts import Axis, Cue, CueMatch, Settings
from ._phrases import phrase_key
from ._text import PhraseMatcher, PhraseSets

__all__ = ["RuleEngine"]

# Clause breaks: ; : ( ) [ ] and dashes. A single character class lets the regex engine skip
# ahead fast; an en dash or hyphen counts only with white space around it (not "20–22",
# "China-Russia"), as the look-behind and look-ahead after it check.
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—–-](?:(?<![–-])|(?<=\s.)(?=\s))")
_COMMA = re.compile(r",")
_OR = re.compile(r"\bor\b", re.IGNORECASE)
_WORDS = re.compile(r"\w+")
# Contracted negation, "n't", found from its apostrophe with the "n" looked behind for: a pattern
# that starts with a character class is skipped to in C, where a case-folded "n" is tried at
# every character. Searched from a span's start + 1, so that the "n" is inside the span.
_APOSTROPHE_T = re.compile(r"['’](?<=[nN]['’])[tT]\b")  # re.IGNORECASE folds n, t to N, T only
_WORD_BEFORE = re.compile(r"\w+$")
# Scare quotes: one quoted word after a definite determiner or possessive ("their 'friendship'",
# "the 'partnership'"). Real coverage quotes its sources' words in short quotations all the time
# ("Xi spoke of his 'deep personal friendship'", "a 'no limits' partnership", "expects a
# 'lifeline'"): those are citations and keep counting, so longer quotations and quotations
# after "a"/"an" are never taken for scare quotes.
_DETERMINER = re.compile(r"\b(?:their|the|this|that|these|those|its|such|our)", re.IGNORECASE)
# What every scare quote holds: an opening mark after white space, one word (group 1), a closing
# mark. The mark first: the scan skips from mark to mark in C, not from determiner to determiner.
_QUOTED_WORD = re.compile(r"[\"“‘'](?<=\s.)([\w-]+)[\"”’'](?!\w)")
_CORRELATIVE_NOR = re.compile(r"\bnor\b", re.IGNORECASE)
_QUESTION_END = re.compile(r"\?[\s\"”’')\]]*$")
# What contracted negation, a question and scare quotes all need, from the mark they start at:
# "n't" (_APOSTROPHE_T), a question mark that ends the span (_QUESTION_END), one word quoted
# after white space (_QUOTED_WORD). Most sentences have none of them; a quotation of several
# words is none. The class first: the scan skips from mark to mark in C.
_RULE_MARK = re.compile(
    r"[?\"“‘'’](?:(?<=[nN]['’])[tT]\b|(?<=\?)[\s\"”’')\]]*$|(?<=\s[\"“‘'])[\w-]+[\"”’'](?!\w))"
)
_WORD_CHAR = re.compile(r"\w")


class RuleEngine:
    """A lexicon's cues and rule words compiled into matchers, and the rules that apply them.

    Built once per lexicon, on first use (:attr:`framing.Lexicon._compiled`).

    Parameters
    ----------
    cues : sequence of Cue
        The lexicon's cues, in lexicon order (a hit's index is a position in it).
    axes : sequence of Axis
    settings : Settings

    Examples
    --------
    >>> engine = RuleEngine([Cue("friends", "tone", "warm")], [Axis("tone", ("warm", "cold"))],
    ...                     Settings())
    >>> text = "Not friends."
    >>> hits = engine.find(text, 0, len(text), None)
    >>> [(m.term, m.pole) for m in engine.apply(text, 0, len(text), hits,
    ...                                          engine.rule_hits(text, 0, len(text), None))]
    [('friends', 'cold')]
    """

    def __init__(
        self,
        cues: Sequence[Cue],
        axes: Sequence[Axis],
        settings: Settings,
        *,
        actors: PhraseMatcher | None = None,
    ) -> None:
        self.entries = tuple(cues)
        self.settings = settings
        # Ignored phrases take part in longest-match so that they claim their words, then count
        # for nothing ("pragmatic cooperation" in a readout is boilerplate, not a frame).
        # One phrase per distinct term; a term may stand on several axes (a LIWC word in two
        # mapped categories), so each phrase knows all its cues.
        terms: dict[str, int] = {}
        self.term_cues: list[list[int]] = []
        for index, cue in enumerate(self.entries):
            key = phrase_key(cue.term)  # the matcher's key: spelling variants share a phrase
            if key not in terms:
                terms[key] = len(self.term_cues)
                self.term_cues.append([])
            self.term_cues[terms[key]].append(index)
        self.n_terms = len(self.term_cues)
        self.cues = PhraseMatcher([*(self.entries[c[0]].term for c in self.term_cues),
                                   *settings.ignore])  # fmt: skip
        negators = [*settings.negators, *settings.pseudo_negators]
        self.n_real_negators = len(settings.negators)
        self.contracted = "n't" in settings.negators or "n’t" in settings.negators
        self.negators = PhraseMatcher(negators)
        self.markers = PhraseMatcher(settings.performance_markers)
        self.contrast = PhraseMatcher([*settings.contrast_markers, *settings.concession_markers])
        self.mentions = PhraseMatcher(settings.mention_markers)
        self.appearance = PhraseMatcher(settings.appearance_markers)
        self.open_questions = PhraseMatcher(settings.open_question_markers)
        self.rules = PhraseSets(  # one scan for all, of one sentence
            [
                self.negators, self.contrast, self.markers, self.mentions, self.appearance,
                self.open_questions,
            ]
        )  # fmt: skip
        # Cues and rule words together, for a document at once (match_document).
        self.everything = PhraseSets([self.cues, *self.rules.matchers])
        # The same with the actors' phrases too (a dyad's), for match_with_actors.
        self.with_actors = None if actors is None else _ActorSplit(self.everything, actors)
        # The cues of each phrase of self.cues: none for an ignored phrase.
        self.phrase_cues = [tuple(cues) for cues in self.term_cues] + [()] * len(settings.ignore)
        # What each cue's match holds when no rule applies, all but its text and offsets.
        self.plain = [
            dict(zip(_FIELDS, (c.term, "", c.axis, c.pole, c.pole, 0, 0, c.weight), strict=False))
            | _NO_RULE
            for c in self.entries
        ]
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
        # Which cues performance and appearance markers can turn, by cue index.
        self.performs = [
            c.axis == settings.performance_axis and c.pole == settings.performance_from
            for c in self.entries
        ]
        self.appears = [
            c.axis == settings.appearance_axis and c.pole == settings.appearance_pole
            for c in self.entries
        ]
        self.n_contrast = len(settings.contrast_markers)
        after_comma = {m.lower() for m in settings.comma_contrast_markers}
        self.comma_contrast = {
            self.n_contrast + k
            for k, marker in enumerate(settings.concession_markers)
            if marker.lower() in after_comma
        }
        self.other_pole = {(axis.name, axis.poles[0]): axis.poles[1] for axis in axes} | {
            (axis.name, axis.poles[1]): axis.poles[0] for axis in axes
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

    def match_document(
        self, text: str, spans: Sequence[Sequence[int]], lowered: str | None
    ) -> list[list[CueMatch]]:
        """The cue matches of each sentence (``spans``: ``(start, end, ...)``, in order and not
        overlapping), from one scan of the document for cues and rule words together.

        Each sentence gets what :meth:`find` over the whole document and :meth:`rule_hits` and
        :meth:`apply` on that sentence give (:meth:`match_by_sentence`): cues are found in the
        document (a cue across a sentence boundary counts in neither sentence), rule words in
        their sentence. Where some phrase crosses a boundary, that is what runs.
        """
        return _as_matches(self.records(text, spans, lowered))

    def records(
        self, text: str, spans: Sequence[Sequence[int]], lowered: str | None
    ) -> list[list[dict[str, Any]]]:
        """:meth:`match_document`'s matches as dicts of their fields, in field order (a caller
        that wants dicts, as ``score()`` does, makes no CueMatch)."""
        if not spans:
            return []
        found = self.everything.where(text, spans[0][0], spans[-1][1], lowered=lowered)
        if found is None:
            return self._records_by_sentence(text, spans, lowered)
        positions, matched, matches = found
        # Each place's matches, the length of the longest and no actor's match.
        here = zip(matches, map(len, matched), repeat(""), repeat(0))
        return self._from_places(text, spans, lowered, positions, here)[0]

    def match_with_actors(
        self, text: str, spans: Sequence[Sequence[int]], lowered: str | None
    ) -> tuple[list[list[CueMatch]], tuple[list[int], list[str]] | None]:
        """:meth:`match_document`'s cue matches and, from the same scan, the actors' phrase
        matches in the document (``actors`` of the constructor): their starts and texts in
        ``lowered``, as :meth:`PhraseMatcher.finditer` from the first span's start to the last
        one's end finds them. None for the actors when there are none, ``lowered`` is not
        usable for ``text`` (None, or another length), or the scan cannot split its places by
        text (see :class:`PhraseSets`): the caller then scans for them itself.
        """
        records, actors = self.records_with_actors(text, spans, lowered)
        return _as_matches(records), actors

    def records_with_actors(
        self, text: str, spans: Sequence[Sequence[int]], lowered: str | None
    ) -> tuple[list[list[dict[str, Any]]], tuple[list[int], list[str]] | None]:
        """:meth:`match_with_actors` with the matches as dicts of their fields (see
        :meth:`records`)."""
        split = self.with_actors
        if split is None or not spans or lowered is None or len(lowered) != len(text):
            return self.records(text, spans, lowered), None
        found = split.sets.places(text, spans[0][0], spans[-1][1], lowered=lowered)
        if found is None:
            return self.records(text, spans, lowered), None
        positions, matched = found
        # What each place's text splits into: one look-up per place, in C (map).
        return self._from_places(
            text, spans, lowered, positions, map(split.of.__getitem__, matched)
        )

    def _from_places(
        self,
        text: str,
        spans: Sequence[Sequence[int]],
        lowered: str | None,
        positions: list[int],
        places: Iterable[tuple[tuple[Hit, ...], int, str, int]],
    ) -> tuple[list[list[dict[str, Any]]], tuple[list[int], list[str]]]:
        """:meth:`records` from the places where phrases start (see :meth:`PhraseSets.where`),
        and the actors' matches among them (see :meth:`records_with_actors`). ``places`` gives
        for each: the cues' and rule words' matches there (``(matcher, length, index)``, empty
        where only an actor starts), the length of the longest of those, and the actors' match
        there ("" for none) and its length."""
        out: list[list[dict[str, Any]]] = [[] for _ in spans]
        starts = [span[0] for span in spans]
        starts.append(maxsize)  # after the last sentence: no place is that far
        # One Python pass over the places, in text order (no C pass per place for the actors,
        # the sentences and the boundary check, which cost more); the sentence read changes at
        # most once per sentence with a place (a step per sentence). Each matcher's scan resumes
        # across sentences, as if it began in each, as long as no phrase crosses a sentence's
        # end; where one does, the document is scanned sentence by sentence instead (crossed).
        # The rule words of a sentence without a cue are collected and left unused.
        resume = [0] * (len(self.rules.matchers) + 1)
        phrase_cues = self.phrase_cues
        index, following, limit = -1, starts[0], 0  # the sentence read, the next one's start
        cues: list[Hit] = []
        words: list[list[Hit]] | None = None
        crossed = False
        actor_starts: list[int] = []
        actor_texts: list[str] = []
        actor_end = 0  # where the actors' last match ends: none starts inside it
        for at, (here, longest, actor, size) in zip(positions, places, strict=True):
            if size and at >= actor_end:
                actor_starts.append(at)
                actor_texts.append(actor)
                actor_end = at + size
            if not here or crossed:
                continue
            if at >= following:  # the first place of a later sentence
                if cues:
                    out[index] = self._sentence(text, starts[index], limit, cues, words, lowered)
                    cues = []
                index += 1
                while starts[index + 1] <= at:  # the last sentence starting at or before it
                    index += 1
                following, limit, words = starts[index + 1], spans[index][1], None
            if at + longest > limit:
                crossed = True
                continue
            for kind, length, phrase in here:
                if at < resume[kind]:
                    continue
                stop = resume[kind] = at + length
                if kind:
                    words = words or [[] for _ in self.rules.matchers]
                    words[kind - 1].append((at, stop, phrase))
                else:
                    for cue in phrase_cues[phrase]:
                        cues.append((at, stop, cue))
        if crossed:
            out = self._records_by_sentence(text, spans, lowered)
        elif cues:
            out[index] = self._sentence(text, starts[index], limit, cues, words, lowered)
        return out, (actor_starts, actor_texts)

    def match_by_sentence(
        self, text: str, spans: Sequence[Sequence[int]], lowered: str | None
    ) -> list[list[CueMatch]]:
        """What :meth:`match_document` returns, from :meth:`find` over the document and
        :meth:`rule_hits` in each sentence with a cue: a scan per sentence."""
        return _as_matches(self._records_by_sentence(text, spans, lowered))

    def _records_by_sentence(
        self, text: str, spans: Sequence[Sequence[int]], lowered: str | None
    ) -> list[list[dict[str, Any]]]:
        """:meth:`match_by_sentence` as :meth:`records`."""
        out: list[list[dict[str, Any]]] = [[] for _ in spans]
        if not spans:
            return out
        starts = [span[0] for span in spans]
        by_sentence: dict[int, list[Hit]] = {}
        for hit in self.find(text, starts[0], spans[-1][1], lowered):
            index = bisect_right(starts, hit[0]) - 1
            if hit[1] <= spans[index][1]:
                by_sentence.setdefault(index, []).append(hit)
        for index, hits in by_sentence.items():
            start, end = spans[index][0], spans[index][1]
            out[index] = self._apply(
                text, start, end, hits, self.rule_hits(text, start, end, lowered)
            )
        return out

    def _sentence(
        self,
        text: str,
        start: int,
        end: int,
        cues: list[Hit],
        words: list[list[Hit]] | None,
        lowered: str | None,
    ) -> list[dict[str, Any]]:
        """The cue records of one sentence from its cue hits and its rule words (one list per
        matcher of :attr:`rules`, None for none), as the scans of :meth:`_from_places` found
        them."""
        if _WORD_CHAR.match(text, end):  # rule words ending at a cut inside a word
            return self._apply(text, start, end, cues, self.rule_hits(text, start, end, lowered))
        if words is None:
            if self._no_rule_applies(text, start, end):
                return self._plain_records(text, cues)
            words = [[] for _ in self.rules.matchers]
        elif self._no_word_reaches(cues, words) and self._no_rule_applies(text, start, end):
            return self._plain_records(text, cues)  # half the sentences with rule words
        return self._apply(text, start, end, cues, self._with_punctuation(text, start, end, words))

    def _no_word_reaches(self, cues: list[Hit], words: list[list[Hit]]) -> bool:
        """Do a sentence's rule words leave each of its cues (in text order) as it is? A quick
        test, true only in the common plain cases: negators and contrast markers alone, each
        negator starting at or after the last cue (a negator governs what follows it), each
        contrast marker that asserts at or before the first cue (it concedes what precedes it)
        and each concession after the last cue (it concedes what it opens), none of those that
        a comma before them makes assert. Rules without words are :meth:`_no_rule_applies`'."""
        negations, contrasts, markers, mentions, appearance, questions = words
        if markers or mentions or appearance or questions:
            return False
        first, last = cues[0][0], cues[-1][0]
        if negations and negations[0][0] < last:  # in text order
            return False
        for at, _, index in contrasts:
            if index < self.n_contrast:
                if at > first:
                    return False
            elif at <= last or index in self.comma_contrast:
                return False
        return True

    def _no_rule_applies(self, text: str, start: int, end: int) -> bool:
        """Does no rule apply to a sentence without rule words (or none that reaches a cue)?
        Contracted negation, an opening negator, a question and scare quotes need none."""
        if self.opening is not None and self.opening.match(text, start, end):
            return False
        if _RULE_MARK.search(text, start, end) is None:  # one scan rules out the three below
            return True
        settings = self.settings
        return not (
            (self.contracted and _APOSTROPHE_T.search(text, start + 1, end))
            or (settings.mention_in_questions and _is_question(text, start, end))
            or (settings.mention_in_scare_quotes and _scare_quotes(text, start, end))
        )

    def _plain_records(self, text: str, cues: list[Hit]) -> list[dict[str, Any]]:
        """The records of cues to which no rule applies: copies of their templates, with where
        they are (one loop for a sentence's cues: a call per cue costs twice as much)."""
        plain = self.plain
        out = []
        for start, end, cue in cues:
            record = plain[cue].copy()
            record["term"], record["start"], record["end"] = text[start:end], start, end
            out.append(record)
        return out

    def rule_hits(self, text: str, start: int, end: int, lowered: str | None) -> _RuleHits:
        """Negators, contrast and performance markers, clause breaks in a span."""
        return self._with_punctuation(
            text, start, end, self.rules.findall(text, start, end, lowered=lowered)
        )

    def _with_punctuation(
        self, text: str, start: int, end: int, words: list[list[Hit]]
    ) -> _RuleHits:
        """A span's rule words (one list per matcher of :attr:`rules`) with what its punctuation
        says: contracted negations, clause breaks, a question, scare quotes."""
        settings = self.settings
        negations, contrasts, markers, mentions, appearance, questions = words
        # Without such a mark, no "n't", no question and no scare quotes: one scan for the three.
        marked = _RULE_MARK.search(text, start, end) is not None
        # From the apostrophe: start + 1 keeps the "n" inside the span, as a search from its start.
        contracted = marked and self.contracted and _APOSTROPHE_T.finditer(text, start + 1, end)
        n_found = len(negations)  # in text order, as every matcher's matches are
        for match in contracted or ():  # "isn't", "wouldn’t": only when "n't" is a negator
            at = match.start() - 1  # the "n"
            word = _WORD_BEFORE.search(text, max(start, at - 30), at)
            if word:
                negations.append((word.start(), match.end(), -1))
        if len(negations) > n_found:
            negations.sort()
        # To one past the end: a dash that ends the span looks ahead at the character after it.
        breaks = list(map(_START, _CLAUSE_BREAK.finditer(text, start, end + 1)))
        if breaks and breaks[-1] == end:
            breaks.pop()  # a break just after the span
        asks = marked and settings.mention_in_questions and _is_question(text, start, end)
        return _RuleHits(  # positional: in field order
            breaks,
            contrasts,
            negations,
            markers,
            mentions,
            appearance,
            questions,
            "question" if asks else None,
            _scare_quotes(text, start, end) if marked and settings.mention_in_scare_quotes else [],
        )

    def apply(
        self,
        text: str,
        start: int,
        end: int,
        found: list[tuple[int, int, int]],
        rules: _RuleHits,
    ) -> list[CueMatch]:
        """Apply negation, performance, contrast and mention to the cue hits of one sentence."""
        return [_as_match(record) for record in self._apply(text, start, end, found, rules)]

    def _apply(
        self,
        text: str,
        start: int,
        end: int,
        found: list[tuple[int, int, int]],
        rules: _RuleHits,
    ) -> list[dict[str, Any]]:
        """:meth:`apply` with the matches as records (see :meth:`records`)."""
        settings = self.settings
        scope = self._scope(text, start, end, found, rules)
        negations, clause_edges, opening = scope.negations, scope.clause_edges, scope.opening
        last_contrast, concessions = scope.last_contrast, scope.concessions
        # Any mention rule with something to go on: question, mention words, quotes, open question.
        mentioning = rules.question or rules.mentions or rules.quotes or scope.open_spans
        out = []
        for cue_start, cue_end, index in found:
            cue = self.entries[index]
            pole = cue.pole
            weight = cue.weight
            negator = (
                self._negated_at(text, cue_start, negations, clause_edges, start)
                if negations
                else None
            )
            if negator is None and opening is not None and opening[0] <= cue_start < opening[1]:
                negator = opening[2]
            marker = (
                _in_segment(cue_start, scope.performed, scope.edges, start, end)
                if scope.performed and self.performs[index]
                else None
            )
            if marker is not None:
                pole = settings.performance_to or pole
            if negator is not None:
                if settings.negation_mode == "drop":
                    continue
                # Negated and performed warmth ("Nor should we take the chemistry at face value:
                # it is calculated") is performance once, not a double reversal back to warmth.
                if settings.negation_mode == "flip" and marker is None:
                    pole = self.other_pole[(cue.axis, pole)]
            conceded = (last_contrast is not None and cue_start < last_contrast) or (
                bool(concessions) and any(s <= cue_start < e for s, e in concessions)
            )
            if conceded:
                weight *= settings.contrast_weight
            mention = (
                self._mention(text, cue_start, cue_end, rules, scope, start) if mentioning else None
            )
            if mention is None and negator is None and scope.appearance and self.appears[index]:
                mention = _in_segment(cue_start, scope.appearance, scope.edges, start, end)
            if mention is not None:
                weight = 0.0
            out.append(
                {
                    "cue": cue.term, "term": text[cue_start:cue_end], "axis": cue.axis,
                    "pole": pole, "lexicon_pole": cue.pole, "start": cue_start, "end": cue_end,
                    "weight": weight, "negated": negator is not None, "negator": negator,
                    "performance": marker is not None, "marker": marker, "conceded": conceded,
                    "mention": mention,
                }
            )  # fmt: skip
        if last_contrast is None and not concessions:
            return out  # nothing conceded: rule 4 below changes nothing
        # Rule 4: the sentence codes what it asserts. A conceded cue keeps contrast_weight against
        # the other pole of its own axis, but when the sentence asserts a cue only on another axis
        # ("They may be friends, yet Beijing holds the leverage"), the conceded cue codes nothing.
        asserted = {r["axis"] for r in out if not r["conceded"] and r["mention"] is None}
        if asserted:
            for record in out:
                if record["conceded"] and record["axis"] not in asserted:
                    record["weight"] = 0.0  # in place: the record is this sentence's own
        return out

    def _scope(self, text: str, start: int, end: int, found: list[Hit], rules: _RuleHits) -> _Scope:
        """What the rules need to know of a sentence before its cues are coded. Each part is
        worked out only where its rule words are: most sentences have one or two kinds."""
        breaks = rules.breaks
        # A marker inside a cue is part of it ("no choice but"), not a contrast of the sentence.
        contrasts = _outside_cues(rules.contrasts, found, or_equal=True) if rules.contrasts else []
        if contrasts:
            last_contrast, concessions, edges = self._contrast_scope(text, start, end, contrasts)
            clause_edges = sorted({*breaks, *(s for s, _, _ in contrasts)})
        else:
            last_contrast, concessions, edges = None, [], []
            clause_edges = breaks  # in text order already, one per character
        # A negator inside a cue ("no" of "no-limits") belongs to that cue, not to the next one.
        negations = _outside_cues(rules.negations, found) if rules.negations else []
        performed = (
            self._not_negated(text, rules.markers, self.markers, negations, clause_edges, start)
            if rules.markers
            else []
        )
        appearance = (
            self._not_negated(
                text, rules.appearance, self.appearance, negations, clause_edges, start
            )
            if rules.appearance
            else []
        )
        return _Scope(  # positional: in field order
            last_contrast,
            concessions,
            edges,
            clause_edges,
            negations,
            performed,
            appearance + performed,
            self._opening_scope(text, start, end, clause_edges),
            _open_spans(text, end, rules.open_questions, breaks) if rules.open_questions else [],
        )

    def _contrast_scope(
        self, text: str, start: int, end: int, contrasts: list[Hit]
    ) -> tuple[int | None, list[tuple[int, int]], list[int]]:
        """The last asserting contrast marker, the concessions' spans, and the edges they
        divide the sentence at."""
        asserting: list[int] = []
        concessions: list[tuple[int, int]] = []
        # Parts of the sentence for performance and appearance: contrast markers and the ends
        # of concessions divide it ("Although sceptics call it theatre, the warmth is real").
        edges = set()
        for s, _, i in contrasts:
            edges.add(s)
            if i < self.n_contrast:
                asserting.append(s)
            elif i in self.comma_contrast and text[start:s].rstrip().endswith(","):
                asserting.append(s)  # "..., though experts say X": X is asserted
            else:
                comma = _COMMA.search(text, s, end)
                stop = comma.start() if comma else end
                concessions.append((s, stop))
                if stop < end:
                    edges.add(stop)
        return max(asserting, default=None), concessions, sorted(edges)

    def _not_negated(
        self,
        text: str,
        hits: list[Hit],
        matcher: PhraseMatcher,
        negations: list[Hit],
        clause_edges: list[int],
        start: int,
    ) -> list[tuple[int, int, str]]:
        """Performance or appearance markers that no negator governs, with their phrases."""
        return [
            (s, e, matcher.phrases[i])
            for s, e, i in hits
            if not (negations and self._negated_at(text, s, negations, clause_edges, start))
        ]

    def _mention(
        self,
        text: str,
        cue_start: int,
        cue_end: int,
        rules: _RuleHits,
        scope: _Scope,
        sentence_start: int,
    ) -> str | None:
        """Why a cue is mentioned rather than asserted (codebook rule 1), if it is: a question,
        a mention marker before it, scare quotes, an open question."""
        quotes, open_spans = rules.quotes, scope.open_spans
        scare = bool(quotes) and any(s <= cue_start and cue_end <= e for s, e in quotes)
        return (
            rules.question
            or self._mentioned_by(
                text, cue_start, rules.mentions, scope.clause_edges, sentence_start
            )
            or ("scare quotes" if scare else None)
            or (
                next((w for s, e, w in open_spans if s <= cue_start < e), None)
                if open_spans
                else None
            )
        )

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
        window = self.settings.mention_window
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
        window = self.settings.negation_window
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


class _ActorSplit:
    """A scan of lower-cased text for cues and rule words (``everything``) and the phrases of
    one more matcher, the actors (a dyad's), split by the longest phrase matched at each place,
    which decides each matcher's match there (see :class:`PhraseSets`): what ``everything``
    alone finds there, and the actors' match.

    Attributes
    ----------
    sets : PhraseSets
        ``everything``'s matchers and then the actors'.
    of : dict
        Matched text -> ``everything``'s matches there, as :meth:`PhraseSets.where` gives
        them (empty where only an actor starts), the length of the longest of those (0 for
        none), the actors' matched text there ("" for none) and its length: one look-up per
        place.
    """

    def __init__(self, everything: PhraseSets, actors: PhraseMatcher) -> None:
        self.sets = PhraseSets([*everything.matchers, actors])
        self._kind = len(everything.matchers)
        self.of: dict[str, tuple[tuple[Hit, ...], int, str, int]] = _Filled(self._split)

    def _split(self, matched: str) -> tuple[tuple[Hit, ...], int, str, int]:
        """What a text matched at some place splits into (see :attr:`of`)."""
        found = self.sets.where(matched, lowered=matched)
        here = found[2][0] if found is not None and found[0][:1] == [0] else ()
        rules = tuple(hit for hit in here if hit[0] != self._kind)
        own = [length for kind, length, _ in here if kind == self._kind]
        longest = max((length for _, length, _ in rules), default=0)
        return rules, longest, matched[: own[0]] if own else "", own[0] if own else 0


_V = TypeVar("_V")


class _Filled(dict[str, _V]):
    """A dictionary whose missing keys a function fills."""

    def __init__(self, fill: Callable[[str], _V]) -> None:
        super().__init__()
        self._fill = fill

    def __missing__(self, key: str) -> _V:
        value = self[key] = self._fill(key)
        return value


_FIELDS = tuple(CueMatch.__dataclass_fields__)
_NO_RULE = {
    "negated": False, "negator": None, "performance": False, "marker": None, "conceded": False,
    "mention": None,
}  # fmt: skip
_new_object = object.__new__
_START = re.Match.start


def _as_match(record: dict[str, Any]) -> CueMatch:
    """A record as a CueMatch, its fields set at once: the frozen dataclass's ``__init__`` sets
    them one ``object.__setattr__`` at a time, twice as slow."""
    match = _new_object(CueMatch)
    match.__dict__.update(record)
    return match


def _as_matches(records: list[list[dict[str, Any]]]) -> list[list[CueMatch]]:
    """Each sentence's records as CueMatch objects."""
    return [list(map(_as_match, sentence)) for sentence in records]


class _Scope(NamedTuple):
    """What the rules need to know of a sentence before its cues are coded (RuleEngine._scope)."""

    last_contrast: int | None  # the last asserting contrast marker: cues before it are conceded
    concessions: list[tuple[int, int]]  # concessions' spans: cues inside are conceded
    edges: list[int]  # where contrasts divide the sentence, for performance and appearance
    clause_edges: list[int]  # clause breaks and contrast markers, for negation and mention
    negations: list[Hit]  # the negators that govern what follows them
    performed: list[tuple[int, int, str]]  # performance markers not negated
    appearance: list[tuple[int, int, str]]  # appearance markers not negated, then performed
    opening: tuple[int, int, str] | None  # a clause-opening negator's scope
    open_spans: list[tuple[int, int, str]]  # what open questions name


class _RuleHits(NamedTuple):
    """Rule words found in a span, each list sorted by start: ``(start, end, index)``, and
    what the span's punctuation says (RuleEngine._with_punctuation): clause breaks (their
    starts: each is one character), a question, scare quotes."""

    breaks: list[int]
    contrasts: list[Hit]
    negations: list[Hit]
    markers: list[Hit]
    mentions: list[Hit]
    appearance: list[Hit]
    open_questions: list[Hit]
    question: str | None  # "question" when the span asks and questions are mentions
    quotes: list[tuple[int, int]]  # words in scare quotes, when they are mentions


def _outside_cues(hits: list[Hit], found: list[Hit], *, or_equal: bool = False) -> list[Hit]:
    """The rule words that are not part of a cue ("no" of "no-limits", "but" of "no choice
    but"). A rule word that is exactly a cue's span is part of it only with ``or_equal``
    (contrast markers are, negators are not). Plain loops: a rule word and a cue or two."""
    out = []
    for hit in hits:
        at, stop = hit[0], hit[1]
        for s, e, _ in found:
            if s <= at and stop <= e and (or_equal or s != at or e != stop):
                break
        else:
            out.append(hit)
    return out


def _is_question(text: str, start: int, end: int) -> bool:
    """Does the sentence end in a question mark (closing quotes and brackets aside)?"""
    return _QUESTION_END.search(text, start, end) is not None


def _scare_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the words in scare quotes in a sentence: a determiner, white space, an opening
    mark, one word and a closing mark. Found from each opening mark after white space: the
    determiner must end where that white space starts."""
    spans = []
    for quoted in _QUOTED_WORD.finditer(text, start, end):
        space = quoted.start() - 1
        while space > start and text[space - 1].isspace():
            space -= 1
        if any(
            _DETERMINER.fullmatch(text, at, space) for at in range(max(start, space - 5), space)
        ):
            spans.append(quoted.span(1))
    return spans


def _open_spans(
    text: str, end: int, questions: list[Hit], breaks: list[int]
) -> list[tuple[int, int, str]]:
    """What each open question ("debated whether they are allies or rivals") names without
    asserting it: what follows it, up to the next comma or clause break."""
    open_spans = []
    for s, e, _ in questions:
        stop = min([end, *(b for b in breaks if b > e)])
        # Its scope ends at a comma, unless an "or" follows (a list of alternatives).
        for comma in _COMMA.finditer(text, e, stop):
            if not _OR.search(text, comma.end(), stop):
                stop = comma.start()
                break
        open_spans.append((e, stop, text[s:e]))
    return open_spans


def _in_segment(
    position: int, words: list[tuple[int, int, str]], edges: list[int], start: int, end: int
) -> str | None:
    """The first of ``words`` (performance or appearance markers) in the part of a sentence
    between contrast markers (``edges``, sorted) that holds ``position``, not holding it."""
    after = bisect_right(edges, position)  # edges[:after] are at or before it
    low = edges[after - 1] if after else start
    high = edges[after] if after < len(edges) else end
    return next((w for s, e, w in words if low <= s < high and not (s <= position < e)), None)
