"""Who speaks in each sentence: quotations, reported speech and their speakers.

The codebook codes every sentence for its *voice*: ``narrator`` (the outlet's own words) or
``source`` (a direct quotation, or speech attributed to a named or described source). This
module finds the quotations of a document, the reporting clauses (``X said``, ``said X``,
``according to X`` ...) of its sentences, and from both the voice and the speaker of every
sentence. It works on character offsets, so the scorer can ask for any cue whether it sits
inside a quotation (:meth:`VoiceResult.quoted`).

All scanning is done over the whole text, with compiled regular expressions and (for the
quotation marks) ``str.find``; Python work is spent per quotation mark, per reporting verb and
per sentence, never per token, so the time grows linearly with the length of the document.

Examples
--------
>>> text = "“We are the ones driving these changes,” Xi said. Their “no-limits” ties grew."
>>> result = attribute_voice(text, [0, 49], [48, 78], [0, 0])
>>> result.voice
('source', 'narrator')
>>> result.speaker
('Xi', None)
>>> [text[s:e] for s, e in result.quotes]
['We are the ones driving these changes,', 'no-limits']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import compress
from operator import ne

import numpy as np

from ._english import (
    ABBREVIATED_TITLES,
    AFTER_INVERTED,
    AUXILIARIES,
    CALENDAR_WORDS,
    CLAUSE_WORDS,
    CONJUNCTION_STARTERS,
    HAVE_FORMS,
    HEAD_NOUNS,
    INVERTED_REPORTING_VERBS,
    LINKING_STARTERS,
    NAME_PARTICLES,
    NOT_SOURCES,
    NOT_SPEAKERS,
    NOT_SPEECH,
    OFFICE_WORDS,
    PARTICIPLE_LINKS,
    PLACE_PREPOSITIONS,
    PREPOSITION_STARTERS,
    REPORTING_PARTICIPLES,
    REPORTING_PHRASES,
    RESOLVED_PRONOUNS,
    SPEAKER_PREPOSITIONS,
    SPEAKER_PRONOUNS,
    STRONG_REPORTING_VERBS,
    TITLE_WORDS,
    WEAK_REPORTING_VERBS,
)
from ._text import find_each
from ._validation import check_int, check_real
from .errors import InputError

__all__ = ["VoiceResult", "attribute_voice"]

# --------------------------------------------------------------------------------------------
# Quotation marks
# --------------------------------------------------------------------------------------------

_DOUBLE_OPEN = frozenset("“„«")
_DOUBLE_CLOSE = frozenset("”»")
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_DOUBLE_MARKS = frozenset('"“”„«»')
_SINGLE_MARKS = "'‘’"
# A single mark between two word characters is an apostrophe (``it’s``, ``Xi's``, ``Russia‘s``)
# and never reaches the pairing loop (see _mark_positions).
# Characters after which a mark may open a quotation.
_OPEN_AFTER = frozenset("([{<—–-/\"'“”„«»‘’")
# A quotation introduced like this is a title, not speech.
_TITLE_CUE_RE = re.compile(
    r"(?:\b(?:titled|entitled|headlined|dubbed|known\s+as|headline|title)\b)"
    r"[\s,:]*\Z",
    re.IGNORECASE,
)
_SPACE_RE = re.compile(r"\s*")
# Words of four characters or more (a letter, then letters, digits, apostrophes, hyphens); the
# group is the first letter, all a Title Case test needs (findall then makes no word strings).
_LONG_WORD_RE = re.compile(r"([^\W\d_])[\w’'-]{3,}")
_MASK = "\x1a"  # stands for the characters of a quotation in the masked text

# --------------------------------------------------------------------------------------------
# Reporting verbs and speakers (the word lists are in framing._english)
# --------------------------------------------------------------------------------------------


def _trie_pattern(words: list[str]) -> str:
    """A regular expression matching any of ``words``, as a trie (fast to scan with)."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        alternatives = [re.escape(c) + build(node[c]) for c in sorted(k for k in node if k)]
        if not alternatives:
            return ""
        body = "(?:" + "|".join(alternatives) + ")"
        return body + "?" if "" in node else body

    return build(tree).replace(re.escape(" "), r"\s+")


_VERB_WORDS = sorted(
    STRONG_REPORTING_VERBS | WEAK_REPORTING_VERBS | REPORTING_PARTICIPLES | REPORTING_PHRASES
)
# A reporting verb may follow a space, one of these boundaries, or the start of the text.
_VERB_BOUNDARIES = "\t\n\r\f\v\xa0([—–/" + _MASK
# One scan finds them all: the boundaries are first replaced by spaces (see _verb_matches),
# and a pattern that starts with a literal space is fast to scan with. The class of the verbs'
# first letters, tested before the trie, turns most words away with one test.
_VERB_FIRST_LETTERS = "[" + "".join(sorted({re.escape(word[0]) for word in _VERB_WORDS})) + "]"
_VERB_AFTER_SPACE_RE = re.compile(
    " (?=" + _VERB_FIRST_LETTERS + ")(" + _trie_pattern(_VERB_WORDS) + r")(?![\w’'-])"
)
_VERB_AT_START_RE = re.compile("(" + _trie_pattern(_VERB_WORDS) + r")(?![\w’'-])")

_TO_BE_RE = re.compile(r"\s+to\s+(?:be|have)\b")  # ``said to be``: not speech
_WEAK_CUE_RE = re.compile(r"\s*(?:that\b|[:," + _MASK + "])")
_AS_RE = re.compile(r"\bas\b")
_ACCORDING_RE = re.compile(r"\s+((?:[^,;:!?()" + _MASK + r".]|\.(?=\S))+)")
# ``as X put it`` / ``as X puts it`` / ``as X has put it``: X is the source, as with ``according
# to X``; ``the argument goes`` / ``so the thinking goes``: a source without a name. The first
# pattern opens with the literal ``s`` and looks back for the ``a`` and the word boundary (no
# word character before it) only there: a literal first character lets the engine skip ahead
# with a fast search, which a class such as ``[Aa]`` does not (the scan takes less than half
# the time). A match therefore starts at the ``s`` of ``as``, one character late (see _asides).
_AS_PUT_IT_RE = re.compile(
    r"s(?<=(?<!\w)[Aa]s)\s+((?:[^\s,;:!?()" + _MASK + r"]+\s+){1,6}?)(?:(?:has|had|once|memorably|"
    r"aptly|bluntly)\s+)?(?:puts?\s+it|summari[sz]e[sd]|noted|notes|wrote|writes|observed|"
    r"observes|argued|argues|explained|explains|reported|reports|remarked|remarks)\b"
)
# The introduction of a block quotation: a paragraph's last sentence, ending in a colon, with a
# reporting clause of its own or a name before a verb of this list ("At the AP, Huizhong Wu
# underlined the message being sent to the West:").
_BLOCK_INTRO_RE = re.compile(
    r"((?:[A-Z][\w’'.-]*\s+(?:and\s+)?)*[A-Z][\w’'.-]*)(?:\s*,[^,:]{1,150},)?\s+(?:underlined|underscored|"
    r"highlighted|summari[sz]ed|argued|wrote|noted|observed|explained|concluded|warned|added|"
    r"said|says|writes|argues|notes|concurred|put it)\b"
)
_BLOCK_PARAGRAPHS = 3  # at most this many paragraphs after the introduction
_COLON_END_RE = re.compile(r":\s*$")
_OPENS_WITH_QUOTE_RE = re.compile(r"\s*[\"“„«‘']")
_SOURCE_LINK_RE = re.compile(r"\s*\[[^\]\n]{1,20}\]\s*$")  # "[Source]" closing a block
# The class of the first letters opens the pattern, and the word boundary is looked back for
# after it (no word character before the letter): a class first lets the engine skip the other
# characters with one fast test each, which ``\b`` first does not (half the time of
# ``\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ss]o\s+the|[Oo]r\s+so\s+the)\s+...``, with the same matches).
_ARGUMENT_GOES_RE = re.compile(
    r"[TtSsOo](?<!\w.)(?:(?<=[Tt])h(?:e|is|at)|(?<=[Ss])o\s+the|(?<=[Oo])r\s+so\s+the)\s+"
    r"(?:argument|thinking|reasoning|logic|theory|story|narrative|line)\s+goes\b"
)
_PRIORITY_DIRECT = 3
_PRIORITY_SECONDARY = 2  # parenthetical (``, the AP reported,``) and participles (``, saying``)
_PRIORITY_ACCORDING = 1

# The words dropped in front of a name (see _strip_starters), as one set: one test per word.
_LEADING = CONJUNCTION_STARTERS | PREPOSITION_STARTERS | CALENDAR_WORDS | NAME_PARTICLES
# Words that may not come before the head noun of a described speaker (see _described).
_NOT_IN_DESCRIPTION = SPEAKER_PREPOSITIONS | CLAUSE_WORDS
# Words that may not come before the name that ends a clause (see _tail_name).
_NOT_BEFORE_TAIL = SPEAKER_PREPOSITIONS | NOT_SPEECH | HAVE_FORMS
_WINDOW = 200  # characters of context looked at on each side of a reporting verb
_DELIMITERS = ",;:" + _MASK + "—–"
# A reporting verb right after one of these has its speaker after it (see _subject_before).
_AFTER_MARKS = frozenset(_MASK + ";:—–")
# An interviewee's answer in a transcript (``A: It's a partnership, but not between equals.``).
_ANSWER_RE = re.compile(r"(?:A|Answer)\s*:\s")
# Runs of delimiters: a masked quotation is a run, which would otherwise split into one empty
# segment per character.
_DELIMITER_RE = re.compile("[" + re.escape(_DELIMITERS) + "]+")
# The last delimiter, or the hyphen of a spaced hyphen (a dash): the greedy ``.*`` backtracks
# from the end, so one match finds it (it ends right after it).
_LAST_CUT_RE = re.compile(r"(?s:.*)(?:[" + re.escape(_DELIMITERS) + "]| -(?= ))")
# The common stretch after the last cut before a verb: a subject pronoun (in Title Case alone),
# or one to three plain Title Case words (``Xi``, ``John Kirby``) none of which is a word the
# full logic of _subject_before treats apart (_PLAIN_EXCLUDED, in Title Case as written here).
_PLAIN_SUBJECT_RE = re.compile(
    r" *(?:(he|she|they|it|He|She|They|It)|(?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)"
)
# The common stretch after an inverted verb (see _subject_after): one to three plain Title Case
# words, none in _PLAIN_EXCLUDED, the last one ending its token with one mark of punctuation.
_PLAIN_AFTER_RE = re.compile(r"[ \n\t\xa0]\s*((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)([,;:!?.])(?!\S)")
# The stretch before the last delimiter of an apposition (see _appositive_subject): one to three
# plain Title Case words right after a delimiter (or the start), then the apposition.
_PLAIN_APPOSITIVE_RE = re.compile(
    r"(?s:.*["
    + re.escape(_DELIMITERS)
    + r"])?\s*((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)\s*["
    + re.escape(_DELIMITERS)
    + "]+([^"
    + re.escape(_DELIMITERS)
    + "]*)"
)
_PLAIN_EXCLUDED = frozenset(
    word.lower().capitalize()
    for words in (NOT_SPEECH, AUXILIARIES, CLAUSE_WORDS, LINKING_STARTERS, SPEAKER_PRONOUNS)
    + (NOT_SPEAKERS, _LEADING, TITLE_WORDS, OFFICE_WORDS, {"our"})
    for word in words
)


@dataclass(frozen=True)
class VoiceResult:
    """Voice and speaker of every sentence of a document, and its quotations.

    Attributes
    ----------
    voice : tuple of str
        Per sentence: ``'source'`` (a direct quotation or attributed speech) or
        ``'narrator'``.
    speaker : tuple of (str or None)
        Per sentence: the source's name as written (``'John Kirby'``, ``'a Russian
        official'``), or None for narrator sentences and sources without a name.
    quotes : tuple of (int, int)
        Character spans ``(start, end)`` of the contents of the outermost quotations
        (without the marks), sorted and non-overlapping. Quotations inside quotations lie
        within them.

    Examples
    --------
    >>> result = VoiceResult(("source",), ("Xi",), ((1, 5),))
    >>> result.quoted(np.array([0, 1, 4, 5]))
    array([False,  True,  True, False])
    """

    voice: tuple[str, ...]
    speaker: tuple[str | None, ...]
    quotes: tuple[tuple[int, int], ...]

    @cached_property
    def _bounds(self) -> tuple[np.ndarray, np.ndarray]:
        # The quotations' starts and ends interleaved (s0, e0, s1, e1, ...) never descend, so
        # the number of bounds at or before a position is odd exactly inside a quotation:
        # inside[count] answers with one searchsorted and one lookup (quoted() is called for
        # every sentence with cues, mostly with one or two positions).
        bounds = np.asarray(self.quotes, dtype=np.int64).reshape(-1)
        return bounds, np.arange(bounds.size + 1) % 2 == 1

    def __len__(self) -> int:
        return len(self.voice)

    def quoted(self, positions: np.ndarray) -> np.ndarray:
        """Tell for each character offset whether it lies inside a quotation.

        Parameters
        ----------
        positions : array of int
            Character offsets into the document's text, of any shape.

        Returns
        -------
        numpy.ndarray of bool
            Same shape as ``positions``: True where ``start <= position < end`` for one of
            :attr:`quotes`.

        Examples
        --------
        >>> text = 'Kirby called it “a marriage of convenience” on Friday.'
        >>> result = attribute_voice(text, [0], [len(text)], [0])
        >>> result.quoted(np.array([text.index("marriage"), text.index("Friday")]))
        array([ True, False])
        """
        pos = np.asarray(positions, dtype=np.int64)
        if not self.quotes:
            return np.zeros(pos.shape, dtype=bool)
        bounds, inside = self._bounds
        return inside[np.searchsorted(bounds, pos, side="right")]


def attribute_voice(
    text: str,
    starts: Sequence[int],
    ends: Sequence[int],
    paragraphs: Sequence[int],
    *,
    min_quote_words: int = 5,
    min_quoted_share: float = 0.5,
) -> VoiceResult:
    """Find the quotations of a document and the voice and speaker of each sentence.

    Parameters
    ----------
    text : str
        The document's cleaned text.
    starts, ends : sequence of int
        ``text[starts[i]:ends[i]]`` is sentence ``i``; ascending and non-overlapping.
    paragraphs : sequence of int
        The paragraph number of each sentence. A quotation never runs past the end of its
        paragraph, and ``he``/``she`` are resolved within the paragraph (or the previous one).
    min_quote_words : int, default=5
        An unattributed quotation of fewer words is a scare quote (``the “no-limits”
        partnership``) and does not make its sentence ``source``.
    min_quoted_share : float, default=0.5
        A sentence whose characters lie inside quotations at least this much is ``source``
        whatever the length of the quotations (``“I agree.”``).

    Returns
    -------
    VoiceResult
        ``voice`` and ``speaker`` per sentence, the quotation spans, and
        :meth:`VoiceResult.quoted` for cue offsets.

    Raises
    ------
    InputError
        If the three sequences differ in length or the spans are out of range, descending
        or overlapping.
    ParameterError
        If ``min_quote_words`` is below 1 or ``min_quoted_share`` is outside (0, 1].

    See Also
    --------
    framing.split_sentences : the sentence spans and paragraph numbers this expects.

    Notes
    -----
    *Quotations.* Straight (``"``), curly (``“ ”``, ``„``) and angle (``« »``) double marks
    and curly or straight single marks (``‘ ’``, ``'``) are paired with a stack, so quotations
    may nest and span sentences. A mark's role comes from its neighbours: a mark between two
    word characters is an apostrophe (``it’s``, ``Russia‘s``); a mark after white space or an
    opening bracket and before a word opens; a mark after a word and before white space or
    punctuation closes, whatever its shape (``Moscow“.``). ``’`` after a word (``countries’``)
    closes only an open single quotation. A double quotation still open at the end of its
    paragraph ends there; a single one is dropped (it was an apostrophe). A quotation that
    runs to the end of a paragraph continues in the next paragraph when that paragraph starts
    with an opening mark (the convention for quotations over several paragraphs).

    *Attribution.* Reporting clauses are found in the text with quotations masked out:
    ``X said``, ``X, an expert at Y, said``, ``Russian spokesperson, Dmitry Peskov, said``,
    ``said X``, ``X told AFP``, ``X argued that``, ``X described … as``, ``X responded:``,
    ``according to X``, and participles (``…, saying “…”``, whose speaker is the name that
    starts the sentence). ``wrote``, ``noted``, ``described``, ``reported``, ``responded`` and
    a few more count only before ``that``, a colon or a comma, or in a sentence with a
    quotation (``writes a weekly column`` and ``responded with troops`` are not speech).
    ``was said``, ``to say``, ``not say`` and ``I said`` attribute nothing. The speaker is a
    name (a run of capitalised words without a title in front: ``Russian President Vladimir
    Putin`` gives ``Vladimir Putin``, ``Rand’s Charap`` stays), a described source (``a
    Russian official``, ``analysts``, ``the two``) or a pronoun. ``he`` and ``she`` take the
    last named speaker of the paragraph, or when the paragraph has none so far, the last named
    speaker of the previous paragraph; ``it`` and ``they`` are sources without a name. A
    parenthetical clause (``Kirby, the Associated Press reported, described …``) gives way to
    the main one, and ``according to`` to any other.

    *Voice.* A sentence with a reporting clause is ``source``. A sentence without one that
    shares a quotation with a sentence that has one (``“Ice cream is always ready.`` / ``Xi
    loves it,” Peskov said.``) is ``source`` with that speaker. A sentence with an unattributed
    quotation is ``source`` when the quotation has at least ``min_quote_words`` words and is
    not a title (introduced by ``titled``, ``dubbed`` …, or in Title Case), or when quotations
    other than titles cover at least ``min_quoted_share`` of the sentence; its speaker is the
    last speaker of the paragraph, if any. Everything else is ``narrator``: a shorter quoted
    phrase without a reporting clause is a scare quote (``the “no-limits” partnership``).
    A paragraph whose last sentence ends in a colon after a reporting clause (``Laura Bicker from
    the BBC argued that …:``, ``As David Pierson summarized for The New York Times, …:``)
    introduces a block quotation: up to three paragraphs after it are ``source`` with that
    speaker, until one opens with a quotation mark or has a reporting clause of its own.

    Examples
    --------
    >>> text = ("“China holds all of these cards,” said Alexander Gabuev.\\n"
    ...         "“China has leverage,” he said.\\n"
    ...         "The pair shared an “impartial” cake.")
    >>> result = attribute_voice(text, [0, 57, 87], [56, 86, 123], [0, 1, 2])
    >>> list(zip(result.voice, result.speaker))
    [('source', 'Alexander Gabuev'), ('source', 'Alexander Gabuev'), ('narrator', None)]
    """
    starts_arr, ends_arr, para_arr = _check_spans(text, starts, ends, paragraphs)
    min_quote_words = check_int(min_quote_words, "min_quote_words", min_val=1)
    min_quoted_share = check_real(
        min_quoted_share, "min_quoted_share", min_val=0, max_val=1, include_boundaries="right"
    )
    return _attribute_voice(
        text, starts_arr.tolist(), ends_arr.tolist(), para_arr.tolist(),
        min_quote_words, min_quoted_share,
    )  # fmt: skip


def _attribute_voice(
    text: str,
    starts_list: list[int],
    ends_list: list[int],
    paragraphs: list[int],
    min_quote_words: int = 5,
    min_quoted_share: float = 0.5,
) -> VoiceResult:
    """:func:`attribute_voice` on spans known to be valid (``framing.split_sentences``'s),
    as lists of ``int``: no checks, no arrays (a document of one sentence is common)."""
    n = len(starts_list)
    if n == 0:
        return VoiceResult((), (), ())
    region_lo, region_hi, firsts = _regions(ends_list, paragraphs)
    quotes = _find_quotes(text, region_lo, region_hi)
    group = _quote_groups(text, quotes, region_lo)  # one number per quotation
    overlaps = _overlaps(quotes, starts_list, ends_list)
    best = _attributions(_mask(text, quotes), starts_list, ends_list, overlaps)
    sentence_groups = {i: group[first:last] for i, (first, last) in overlaps.items()}
    # A sentence without a reporting clause or a quotation is the narrator's (most of them):
    # the passes below visit only the others, in document order.
    order = sorted(best.keys() | overlaps.keys())
    source_by_quotes = _QuoteSpeech(
        text, quotes, group, sentence_groups, region_lo, starts_list, ends_list, overlaps,
        min_quote_words, min_quoted_share,
    )  # fmt: skip
    voice, speakers = _voices(n, order, best, sentence_groups, firsts, source_by_quotes)
    _mark_paragraphs(text, starts_list, ends_list, firsts, region_hi, best, voice, speakers)
    spans = tuple([q[:2] for q in quotes])  # Python ints already
    return VoiceResult(tuple(voice), tuple(speakers), spans)


def _regions(ends: list[int], paragraphs: list[int]) -> tuple[list[int], list[int], list[int]]:
    """Paragraph regions: a contiguous partition of the text that ends with each paragraph's
    last sentence (a quotation never crosses a region boundary). Returns each region's start
    and end, and the index of its first sentence."""
    # The sentences whose paragraph differs from the one before, compared in C (map, compress).
    firsts = [0, *compress(range(1, len(paragraphs)), map(ne, paragraphs, paragraphs[1:]))]
    region_hi = [ends[i - 1] for i in firsts[1:]]
    region_hi.append(ends[-1])
    return [0, *region_hi[:-1]], region_hi, firsts


def _overlaps(
    quotes: list[_Quote], starts: list[int], ends: list[int]
) -> dict[int, tuple[int, int]]:
    """The sentences that overlap quotations, each with the indexes ``first <= k < last`` of
    the quotations it overlaps (quotations and sentences are both sorted and disjoint, so a
    sentence's quotations are consecutive)."""
    found: dict[int, tuple[int, int]] = {}
    for k, quote in enumerate(quotes):
        # The sentences that end after the quotation starts and start before it ends.
        for i in range(bisect_right(ends, quote[0]), bisect_left(starts, quote[1])):
            found[i] = (found[i][0], k + 1) if i in found else (k, k + 1)
    return found


def _voices(
    n: int,
    order: list[int],
    best: dict[int, _Candidate],
    sentence_groups: dict[int, list[int]],
    firsts: list[int],
    source_by_quotes: Callable[[int], bool],
) -> tuple[list[str], list[str | None]]:
    """The voice and speaker of every one of ``n`` sentences; those in ``order`` (ascending)
    may be sources, the others are the narrator's. ``firsts`` holds each paragraph's first
    sentence.

    Pass 1, in document order: a sentence with a reporting clause is a source, with he/she
    resolved to the last named speaker of its paragraph or else of the previous one (including
    speakers carried by a shared quotation), and gives its speaker to its quotation groups.
    Pass 2, over the sentences with quotations only: a sentence is a source by the speaker of
    a quotation it shares, or (``source_by_quotes``) by its unattributed quotations, whose
    speaker is the last one of the paragraph before it.
    """
    voice = ["narrator"] * n
    speakers: list[str | None] = [None] * n
    group_speaker: dict[int, str | None] = {}  # attributed quotation groups -> speaker
    last_named: dict[int, str] = {}  # paragraph -> its last named speaker so far
    quoted_only: list[tuple[int, int]] = []  # (sentence, paragraph): quotations, no clause
    p = 0
    for i in order:
        # The paragraph of i: a bisect from the last one (the sentences ascend), not a walk over
        # the paragraphs between.
        p = bisect_right(firsts, i, p) - 1
        candidate = best.get(i)
        if candidate is None:  # a quotation, no reporting clause
            quoted_only.append((i, p))
            for g in sentence_groups[i]:
                if inherited := group_speaker.get(g):
                    last_named[p] = inherited
                    break
            continue
        kind: str = candidate[2]
        speaker: str | None = candidate[3]
        if kind == "pronoun":
            if speaker is not None and speaker.lower() in RESOLVED_PRONOUNS:
                speaker = last_named.get(p, last_named.get(p - 1))
            else:
                speaker = None
            kind = "name" if speaker is not None else "pronoun"
        voice[i], speakers[i] = "source", speaker
        for g in sentence_groups.get(i, ()):
            if group_speaker.get(g) is None:
                group_speaker[g] = speaker
        if kind == "name" and speaker is not None:
            last_named[p] = speaker
    for i, p in quoted_only:
        groups = sentence_groups[i]
        who: str | None
        if not group_speaker.keys().isdisjoint(groups):  # one C call, no generator
            for g in groups:
                if who := group_speaker.get(g):
                    break  # the first group's speaker that is one
            else:
                who = None
        elif source_by_quotes(i):
            # The last speaker of the paragraph before i: the sentences before it are final
            # (those with a clause from pass 1, the others from this pass, in order).
            first = firsts[p]
            who = next(
                (speakers[j] for j in range(i - 1, first - 1, -1) if speakers[j] is not None),
                None,
            )
        else:
            continue  # a scare quote or a title: the narrator's
        voice[i], speakers[i] = "source", who
    return voice, speakers


class _QuoteSpeech:
    """Whether a sentence without a reporting clause is a source by its quotations alone: one
    of them is long enough to be speech, or quotations other than titles cover enough of it.
    What a quotation group is (speech, all titles) is worked out once, on first need."""

    def __init__(
        self,
        text: str,
        quotes: list[_Quote],
        group: list[int],
        sentence_groups: dict[int, list[int]],
        region_lo: list[int],
        starts: list[int],
        ends: list[int],
        overlaps: dict[int, tuple[int, int]],
        min_quote_words: int,
        min_quoted_share: float,
    ) -> None:
        self.text, self.quotes, self.sentence_groups = text, quotes, sentence_groups
        self.region_lo, self.starts, self.ends, self.overlaps = region_lo, starts, ends, overlaps
        self.min_quote_words, self.min_quoted_share = min_quote_words, min_quoted_share
        self.group = group  # ascending, so a group's quotations are a slice of quotes
        # Per group, (has a quotation long enough to be speech, all its quotations are titles).
        self.kind: dict[int, tuple[bool, bool]] = {}

    def __call__(self, i: int) -> bool:
        kind = self.kind
        all_titles = True
        # One loop, no generators (most sentences have one group); a group's kind is worked
        # out once, so stopping at the first group with speech changes no answer.
        for g in self.sentence_groups[i]:
            found = kind.get(g)
            if found is None:
                members = self.quotes[bisect_left(self.group, g) : bisect_right(self.group, g)]
                found = kind[g] = _group_kind(
                    self.text, members, self.region_lo, self.min_quote_words
                )
            if found[0]:
                return True
            all_titles = all_titles and found[1]
        if all_titles:
            return False
        first, last = self.overlaps[i]
        share = _quoted_share(self.quotes, first, last, self.starts[i], self.ends[i])
        return share >= self.min_quoted_share


def _ends_with_colon(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends in a colon, white space aside (``_COLON_END_RE``),
    from its last character alone unless that is white space."""
    if end <= start:
        return False
    last = text[end - 1]
    if last == ":":
        return True
    return last.isspace() and _COLON_END_RE.search(text, start, end) is not None


def _mark_paragraphs(
    text: str,
    starts: list[int],
    ends: list[int],
    firsts: list[int],
    region_hi: list[int],
    attributed: Container[int],
    voice: list[str],
    speakers: list[str | None],
) -> None:
    """Block quotations and interview answers (in place), in one pass over the paragraphs.

    The paragraphs after an introduction that ends in a colon ("As David Pierson summarized
    for The New York Times, ...:") are the speaker's words, up to ``_BLOCK_PARAGRAPHS`` of
    them, until a paragraph opens with a quotation mark, has a reporting clause of its own,
    or introduces another block. A paragraph that opens with ``A:`` is an interviewee's
    answer in a transcript, ``source`` (set after its block test, which reads the voices of
    the paragraph). ``firsts`` holds each paragraph's first sentence, ``region_hi`` the end of
    each paragraph's region (see :func:`_regions`), ``attributed`` the sentences with a
    reporting clause."""
    bounds = [*firsts, len(starts)]
    # An introduction ends in a colon and an answer opens with ``A:``: only a paragraph with a
    # colon in its region can be either (found with one str.find loop). The pass visits those
    # and the paragraphs of a block, not all paragraphs (most have no colon).
    visit = sorted({bisect_right(region_hi, at) for at in find_each(text, ":")})
    if not visit or visit[-1] < len(firsts):
        visit.append(len(firsts))  # a sentinel: the pass ends there (regions past it too)
    speaker: str | None = None
    left = 0
    p = visit[0]
    k = 1  # the next paragraph of visit
    while p < len(firsts):
        first, last = firsts[p], bounds[p + 1] - 1
        if left:
            if (
                _OPENS_WITH_QUOTE_RE.match(text, starts[first])
                or _SOURCE_LINK_RE.match(text, starts[first], ends[last])
                or any(i in attributed for i in range(first, last + 1))
            ):
                left = 0
            else:
                for i in range(first, last + 1):
                    if voice[i] == "narrator":
                        voice[i], speakers[i] = "source", speaker
                left -= 1
        closing = text[ends[last] - 1 : ends[last]]
        if (closing == ":" or closing.isspace()) and _ends_with_colon(
            text, starts[last], ends[last]
        ):
            if voice[last] == "source":
                speaker, left = speakers[last], _BLOCK_PARAGRAPHS
            elif (found := _BLOCK_INTRO_RE.search(text[starts[last] : ends[last]])) is not None:
                speaker, left = found.group(1), _BLOCK_PARAGRAPHS
                voice[last], speakers[last] = "source", speaker  # the introduction reports speech
        if text.startswith("A", starts[first]) and _ANSWER_RE.match(
            text, starts[first], ends[first]
        ):
            for i in range(first, last + 1):
                voice[i] = "source"
        p += 1
        if not left:  # no block goes on: on to the next paragraph to visit
            while visit[k] < p:
                k += 1
            p = visit[k]


# --------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------


def _check_spans(
    text: str, starts: Sequence[int], ends: Sequence[int], paragraphs: Sequence[int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not isinstance(text, str):
        raise InputError(f"text must be a str, got {type(text).__name__}")
    arrays = []
    for name, values in (("starts", starts), ("ends", ends), ("paragraphs", paragraphs)):
        if isinstance(values, (str, bytes)):
            raise InputError(f"{name} must be a sequence of integers, got a string")
        array = np.asarray(values)
        if array.size == 0:
            array = array.astype(np.int64)
        if array.ndim != 1 or not (
            array.dtype.kind in "iu" or array.dtype == bool and array.size == 0
        ):
            raise InputError(
                f"{name} must be a one-dimensional sequence of integers, got {array.dtype} "
                f"with shape {array.shape}"
            )
        arrays.append(array.astype(np.int64))
    starts_arr, ends_arr, para_arr = arrays
    if not len(starts_arr) == len(ends_arr) == len(para_arr):
        raise InputError(
            "starts, ends and paragraphs must have one value per sentence; got "
            f"{len(starts_arr)}, {len(ends_arr)} and {len(para_arr)} values"
        )
    # The spans are valid exactly when s0 >= 0, s_i <= e_i <= s_i+1 and the last end is in the
    # text: four cheap tests; the checks below only find the first bad sentence for the message.
    if len(starts_arr) and not (
        starts_arr[0] >= 0
        and ends_arr[-1] <= len(text)
        and (starts_arr <= ends_arr).all()
        and (starts_arr[1:] >= ends_arr[:-1]).all()
    ):
        bad = np.flatnonzero((starts_arr > ends_arr) | (starts_arr < 0) | (ends_arr > len(text)))
        if bad.size:
            i = int(bad[0])
            raise InputError(
                f"sentence {i} has span ({starts_arr[i]}, {ends_arr[i]}), outside a text of "
                f"{len(text)} characters or reversed; expected 0 <= start <= end <= len(text)"
            )
        # Otherwise two spans overlap.
        i = int(np.flatnonzero(starts_arr[1:] < ends_arr[:-1])[0]) + 1
        raise InputError(
            f"sentence {i} starts at {starts_arr[i]}, before the end of sentence {i - 1} "
            f"({ends_arr[i - 1]}); spans must be ascending and non-overlapping"
        )
    return starts_arr, ends_arr, para_arr


# --------------------------------------------------------------------------------------------
# Quotations
# --------------------------------------------------------------------------------------------

# A quotation: (content_start, content_end, open_mark, outer_end, region, closed)
_Quote = tuple[int, int, int, int, int, bool]


def _mark_positions(text: str) -> list[int]:
    """The positions of the quotation marks of ``text``, apostrophes left out, ascending."""
    # One str.find loop per mark (a memchr scan) costs less than half of one scan of the text
    # with a pattern of all the marks, which tests every character against a class.
    positions = find_each(text, _DOUBLE_MARKS)
    last = len(text) - 1
    for pos in find_each(text, _SINGLE_MARKS):
        # Between two word characters (``\w``: str.isalnum or ``_``) it is an apostrophe; tested
        # in place, as a pattern's match per mark costs more (most single marks are ``’s``).
        if (
            0 < pos < last
            and ((before := text[pos - 1]).isalnum() or before == "_")
            and ((after := text[pos + 1]).isalnum() or after == "_")
        ):
            continue
        positions.append(pos)
    positions.sort()
    return positions


def _find_quotes(text: str, region_lo: list[int], region_hi: list[int]) -> list[_Quote]:
    """Pair quotation marks within each region; return the outermost quotations, sorted."""
    found: list[_Quote] = []
    stack: list[tuple[str, int]] = []  # (kind 'd' | 's', position of the opening mark)
    n_double = 0
    region = -1
    lo = hi = 0
    marks = _mark_positions(text)
    n_marks = len(marks)
    j = 0  # the next mark
    while j < n_marks:
        pos = marks[j]
        j += 1
        if pos >= hi:  # the marks ascend, so the regions do: a bisect only on a new region
            if stack:
                _close_at_end(text, stack, hi, region, found)
                stack, n_double = [], 0
            region = bisect_right(region_hi, pos, region + 1)
            if region == len(region_hi):
                break  # after the last sentence
            lo, hi = region_lo[region], region_hi[region]
        mark = text[pos]
        if n_double and (mark == "”" or mark == "»"):
            action = "close"  # what the rules below give whatever the neighbours
        elif mark in _DOUBLE_OPEN and pos + 1 < hi and text[pos + 1].isalnum():
            # Before a word it cannot close, so it opens (see _double_action). With nothing
            # open, a closing double mark next in the region closes it (the rules below would,
            # whatever its neighbours): the common quotation is paired in one step.
            if not stack and j < n_marks and (end := marks[j]) < hi and text[end] in "”»":
                found.append((pos + 1, end, pos, end + 1, region, True))
                j += 1
                continue
            action = "open"
        else:
            prev = text[pos - 1] if pos > lo else ""
            nxt = text[pos + 1] if pos + 1 < hi else ""
            can_open = (prev == "" or prev.isspace() or prev in _OPEN_AFTER) and (
                nxt != "" and not nxt.isspace()
            )
            can_close = prev != "" and not prev.isspace() and (nxt == "" or not nxt.isalnum())
            if mark in _DOUBLE_MARKS:
                action = _double_action(mark, n_double, can_open, can_close)
            else:
                _single_mark(mark, pos, region, stack, found, can_open, can_close)
                continue
        if action == "open":
            stack.append(("d", pos))
            n_double += 1
        elif action == "close":
            # Close the innermost double quotation; single ones left open inside it were
            # apostrophes.
            while stack:
                kind, start = stack.pop()
                if kind == "d":
                    n_double -= 1
                    if pos > start + 1:
                        found.append((start + 1, pos, start, pos + 1, region, True))
                    break
    if stack:
        _close_at_end(text, stack, hi, region, found)
    return _outermost(found)


def _double_action(mark: str, n_double: int, can_open: bool, can_close: bool) -> str:
    """What a double mark does: ``'open'``, ``'close'`` or ``'ignore'``; ``n_double`` double
    quotations are open."""
    if mark in _DOUBLE_OPEN:
        if can_close and not can_open:
            return "close" if n_double else "ignore"
        return "open"
    if mark in _DOUBLE_CLOSE:
        if n_double:
            return "close"
        return "open" if can_open and not can_close else "ignore"
    if n_double:  # straight double mark inside a double quotation
        return "open" if can_open and not can_close else "close"
    return "ignore" if can_close and not can_open else "open"


def _single_mark(
    mark: str,
    pos: int,
    region: int,
    stack: list[tuple[str, int]],
    found: list,
    can_open: bool,
    can_close: bool,
) -> None:
    """Open or close a single quotation at a single mark (in place), or do nothing."""
    top_single = bool(stack) and stack[-1][0] == "s"
    if mark == _SINGLE_OPEN:
        if can_open:
            stack.append(("s", pos))
        elif can_close and top_single:
            _close_single(stack, pos, region, found)
    elif mark == _SINGLE_CLOSE:
        if can_close and top_single:
            _close_single(stack, pos, region, found)
    elif top_single and can_close:  # straight single mark
        _close_single(stack, pos, region, found)
    elif can_open and not can_close:
        stack.append(("s", pos))


def _outermost(found: list[_Quote]) -> list[_Quote]:
    """The outermost of the quotations found, sorted: those nested in another are left out."""
    # One quotation per opening mark, so no two share a start: the tuples sort by their start
    # (as a key of start, then longest first, would) without a key function per quotation.
    found.sort()
    outer: list[_Quote] = []
    for quote in found:
        if outer and quote[0] < outer[-1][1]:
            continue  # nested in the previous outermost quotation
        outer.append(quote)
    return outer


def _close_single(stack: list[tuple[str, int]], pos: int, region: int, found: list) -> None:
    start = stack.pop()[1]
    if pos > start + 1:
        found.append((start + 1, pos, start, pos + 1, region, True))


def _close_at_end(
    text: str, stack: list[tuple[str, int]], hi: int, region: int, found: list
) -> None:
    """End the double quotations still open at the end of a region; drop single ones."""
    end = hi
    while end > 0 and text[end - 1].isspace():
        end -= 1
    for kind, start in stack:
        if kind == "d" and end > start + 1:
            found.append((start + 1, end, start, end, region, False))


def _quote_groups(text: str, quotes: list[_Quote], region_lo: list[int]) -> list[int]:
    """Number the quotations, continuing a quotation carried over from the previous paragraph."""
    groups: list[int] = []
    for k, quote in enumerate(quotes):
        if k > 0:
            previous = quotes[k - 1]
            lo = region_lo[quote[4]]
            if (
                not previous[5]
                and previous[4] == quote[4] - 1
                and text[quote[2]] in _DOUBLE_MARKS
                and _first_non_space(text, lo) == quote[2]
            ):
                groups.append(groups[-1])
                continue
        groups.append(groups[-1] + 1 if groups else 0)
    return groups


def _first_non_space(text: str, start: int) -> int:
    found = _SPACE_RE.match(text, start)
    return found.end() if found is not None else start


def _group_kind(
    text: str, members: list[_Quote], region_lo: list[int], min_quote_words: int
) -> tuple[bool, bool]:
    """Whether a group of quotations has one long enough to be speech, and is all titles.

    A quotation's words are counted before it is tested for a title (the dearer test), and a
    short one is tested only while the group may still be all titles."""
    all_titles = True
    for q in members:
        # At most min_quote_words pieces: as many as the words, up to min_quote_words.
        if len(text[q[0] : q[1]].split(None, min_quote_words - 1)) >= min_quote_words:
            if not _is_title(text, q, region_lo[q[4]]):
                return True, False  # speech, so not all titles
        elif all_titles and not _is_title(text, q, region_lo[q[4]]):
            all_titles = False
    return False, all_titles


def _is_title(text: str, quote: _Quote, lo: int) -> bool:
    """A quotation introduced as a title (``titled, “…”``) or written in Title Case."""
    cue_lo = max(int(lo), quote[2] - 30)
    window = text[cue_lo : quote[2]].lower()
    # Every cue word holds one of these pairs of letters, which no other letter matches when
    # case is ignored: a test that turns most quotations away before the pattern runs.
    if ("tl" in window or "dl" in window or "bb" in window or "wn" in window) and (
        _TITLE_CUE_RE.search(text, cue_lo, quote[2])
    ):
        return True
    initials = _LONG_WORD_RE.findall(text, quote[0], quote[1])  # of the long words
    if len(initials) < 3:
        return False
    return sum(map(str.isupper, initials)) >= 0.75 * len(initials)


def _quoted_share(quotes: list[_Quote], first: int, last: int, start: int, end: int) -> float:
    """Share of the characters of sentence ``text[start:end]`` inside quotations.

    ``quotes[first:last]`` are the quotations that overlap the sentence.
    """
    quoted = sum(min(end, q[1]) - max(start, q[0]) for q in quotes[first:last])
    return quoted / max(end - start, 1)


def _mask(text: str, quotes: list[_Quote]) -> str:
    """The text with every quotation (marks included) replaced by mask characters."""
    if _MASK in text:
        text = text.replace(_MASK, " ")  # a control character: never part of a clause
    pieces = []
    cursor = 0
    for quote in quotes:
        pieces.append(text[cursor : quote[2]])
        pieces.append(_MASK * (quote[3] - quote[2]))
        cursor = quote[3]
    pieces.append(text[cursor:])
    return "".join(pieces)


# --------------------------------------------------------------------------------------------
# Reporting clauses
# --------------------------------------------------------------------------------------------

# A candidate attribution: (priority, position, kind, speaker); kind is 'name', 'described',
# 'pronoun' or 'according'.
_Candidate = tuple[int, int, str, "str | None"]


def _attributions(
    masked: str, starts_list: list[int], ends_list: list[int], quoted: Container[int]
) -> dict[int, _Candidate]:
    """The best reporting clause of each sentence that has one; ``quoted`` holds the
    sentences with a quotation."""
    best: dict[int, _Candidate] = {}
    verbs = _verb_matches(masked)
    asides = _asides(masked)
    if not verbs and not asides:
        return best
    for vs, ve, verb in verbs:
        i = bisect_right(starts_list, vs) - 1  # the sentence of the verb
        if i < 0 or ve > ends_list[i]:
            continue
        current = best.get(i)
        if current is not None and current[0] == _PRIORITY_DIRECT:
            continue  # an earlier direct reporting clause wins anyway
        candidate = _attribution(masked, starts_list[i], ends_list[i], vs, ve, verb, i in quoted)
        if candidate is not None and (current is None or candidate[0] > current[0]):
            best[i] = candidate
    for candidate in asides:  # ``as X put it``, ``the argument goes``: any other wins
        i = bisect_right(starts_list, candidate[1]) - 1
        if i >= 0 and candidate[1] < ends_list[i] and i not in best:
            best[i] = candidate
    return best


def _asides(masked: str) -> list[_Candidate]:
    """Attributions by an aside: ``as one diplomat put it`` (the speaker as written, ``he`` and
    ``she`` resolved like a pronoun subject) and ``the argument goes`` (no speaker)."""
    found: list[_Candidate] = []
    for match in _AS_PUT_IT_RE.finditer(masked):
        words = _strip_starters(match.group(1).split())
        if not words:
            continue
        speaker = " ".join(words)
        kind = "pronoun" if speaker.lower() in SPEAKER_PRONOUNS else "according"
        found.append((_PRIORITY_ACCORDING, match.start() - 1, kind, speaker))  # at the ``a``
    if "goes" in masked:  # the pattern's last word: no scan of the text without it
        for match in _ARGUMENT_GOES_RE.finditer(masked):
            found.append((_PRIORITY_ACCORDING, match.start(), "according", None))
    return found


def _verb_matches(masked: str) -> list[tuple[int, int, str]]:
    """The reporting verbs of the masked text, in order, as ``(start, end, verb)``; a verb of
    two words is in lower case with one space (``according to``), as the word lists write it.

    A verb counts at the start of the text and after a space or one of _VERB_BOUNDARIES.
    """
    found = []
    at_start = _VERB_AT_START_RE.match(masked)
    if at_start is not None:
        found.append((*at_start.span(1), _verb_words(at_start.group(1))))
    # The same text with every boundary replaced by a space (same length, same offsets).
    spaced = masked
    for boundary in _VERB_BOUNDARIES:
        if boundary in spaced:
            spaced = spaced.replace(boundary, " ")
    # No verb can start inside another (the second word of ``according to`` and ``spoke of``
    # starts none), so one pass of finditer sees every verb.
    # Tuples, not the matches: the loop over the verbs reads each field once, by unpacking.
    for candidate in _VERB_AFTER_SPACE_RE.finditer(spaced):
        if (verb := candidate.group(1)).isalpha():
            found.append((*candidate.span(1), verb))  # one word reads the same in both texts
        # A replaced boundary inside a verb of two words (``according(to``) is no space: match
        # it again in the masked text itself.
        elif (match := _VERB_AT_START_RE.match(masked, candidate.start(1))) is not None:
            found.append((*match.span(1), _verb_words(match.group(1))))
    return found


def _verb_words(verb: str) -> str:
    """``According  to`` -> ``according to``; a verb of one word is found in lower case."""
    return verb if verb.isalpha() else " ".join(verb.lower().split())


def _attribution(
    masked: str, s: int, e: int, vs: int, ve: int, verb: str, has_quote: bool
) -> _Candidate | None:
    """The reporting clause of ``verb`` (``masked[vs:ve]``) in sentence ``masked[s:e]``."""
    lo, hi = vs - _WINDOW, ve + _WINDOW
    left = masked[lo if lo > s else s : vs]
    right = masked[ve : hi if hi < e else e]
    if verb == "according to":
        speaker = _according_speaker(right)
        if speaker is None:
            return None
        return (_PRIORITY_ACCORDING, vs, "according", speaker)
    if verb in REPORTING_PARTICIPLES:
        tail = left.rstrip()
        if not tail.endswith((",", ":")) and tail.rsplit(None, 1)[-1:] not in PARTICIPLE_LINKS:
            return None
        speaker = _sentence_subject(masked[s : min(e, s + _WINDOW)])
        if speaker is None:
            return (_PRIORITY_SECONDARY, vs, "pronoun", "he")
        return (_PRIORITY_SECONDARY, vs, "name", speaker)
    if _TO_BE_RE.match(right):
        return None  # ``said to be``
    if verb in WEAK_REPORTING_VERBS and not has_quote:
        if not _WEAK_CUE_RE.match(right) and not (
            verb.startswith("describ") and _AS_RE.search(right, 0, 120)
        ):
            return None
    subject = _subject_before(left)
    if isinstance(subject, str):  # the speaker follows the verb
        if verb not in INVERTED_REPORTING_VERBS:
            return None
        found = _subject_after(right)
        if found is None:
            return None
        return (_PRIORITY_DIRECT, vs, found[0], found[1])
    if subject is None:
        return None
    kind, speaker, after_comma = subject
    parenthetical = after_comma and right.startswith(",")
    priority = _PRIORITY_SECONDARY if parenthetical else _PRIORITY_DIRECT
    return (priority, vs, kind, speaker)


def _according_speaker(right: str) -> str | None:
    found = _ACCORDING_RE.match(right)
    if not found:
        return None
    words = found.group(1).split()[:8]
    if not words or not words[0][0].isalpha() or words[-1].lower() in NOT_SOURCES:
        return None
    return " ".join(words)


def _strip_punctuation(token: str) -> str:
    """``Bachulska,`` -> ``Bachulska``; ``Xi.`` -> ``Xi``; ``U.S.`` and ``Mr.`` stay."""
    bare = token.rstrip(",;:!?")
    if bare.endswith(".") and bare not in ABBREVIATED_TITLES and "." not in bare[:-1]:
        bare = bare[:-1]
    return bare


def _clean_word(word: str) -> str:
    word = word.strip("[]()")
    if word.endswith(".") and word not in ABBREVIATED_TITLES and "." not in word[:-1]:
        word = word[:-1]
    return word.rstrip(",;:!?")


def _clean_words(words: list[str]) -> list[str]:
    """Each word through :func:`_clean_word`, which changes no word that starts with no bracket
    and ends in a letter or digit (most of them): those skip the call."""
    return [w if w[-1:].isalnum() and w[0] not in "[]()" else _clean_word(w) for w in words]


def _is_name_word(word: str) -> bool:
    return word.lstrip("[](")[:1].isupper()  # the first character after opening brackets


def _is_possessive(word: str) -> bool:
    return word.endswith(("’s", "'s", "’", "s'"))


def _strip_starters(words: list[str]) -> list[str]:
    """Drop sentence adverbs, prepositions and dates in front of a name."""
    first, last = 0, len(words)
    while first < last and words[first] in _LEADING:
        first += 1
    if not CALENDAR_WORDS.isdisjoint(words):  # rare: test all words at once first
        j = next(j for j in range(last - 1, -1, -1) if words[j] in CALENDAR_WORDS)
        first = max(first, j + 1)  # a date in the dropped lead is gone already
    while last > first and words[last - 1] in NAME_PARTICLES:
        last -= 1
    return words[first:last]


def _is_pure_name(words: list[str]) -> bool:
    # _is_name_word written out here and below: this runs for every reporting verb.
    if not words or not (
        words[0].lstrip("[](")[:1].isupper() and words[-1].lstrip("[](")[:1].isupper()
    ):
        return False
    for word in words:
        if word not in NAME_PARTICLES and not word.lstrip("[](")[:1].isupper():
            return False
    return True


def _starts_with_preposition(words: list[str]) -> bool:
    rest = list(words)
    while rest and rest[0] in CONJUNCTION_STARTERS:
        rest.pop(0)
    return bool(rest) and (rest[0] in PREPOSITION_STARTERS or rest[0] in CALENDAR_WORDS)


def _name(words: list[str]) -> str | None:
    """The name in a run of capitalised words, without a title in front of it."""
    words = _strip_starters(words)
    cleaned = _clean_words(words)  # once, for the titles and for the name
    if not TITLE_WORDS.isdisjoint(cleaned):
        # ``Russian President Vladimir Putin`` -> ``Vladimir Putin``;
        # ``Secretary of State Antony Blinken`` -> ``Antony Blinken``.
        first = next(j for j in range(len(cleaned) - 1, -1, -1) if cleaned[j] in TITLE_WORDS) + 1
        while first < len(words) and (
            words[first] in NAME_PARTICLES or words[first] in OFFICE_WORDS
        ):
            first += 1
        if first < len(words):
            cleaned = cleaned[first:]
    name = " ".join(cleaned).strip()
    return name or None


def _tail_name(words: list[str]) -> str | None:
    """The run of capitalised words that ends ``words`` (``spokesperson John Kirby``)."""
    i = len(words)
    while i > 0:
        word = words[i - 1]
        if _is_name_word(word):
            i -= 1
        elif word in NAME_PARTICLES and i < len(words) and i >= 2 and _is_name_word(words[i - 2]):
            i -= 1
        else:
            break
    if not _NOT_BEFORE_TAIL.isdisjoint(words[:i]):
        return None  # ``his summit with Putin``, ``the annexation of Crimea``
    run = _strip_starters(words[i:])
    if not run:
        return None
    name = _name(run)
    if name is not None and i > 0 and words[i - 1] == "the" and len(run) == len(words) - i:
        name = "the " + name
    return name


def _described(words: list[str]) -> str | None:
    """A described speaker: up to five words ending in a head noun (``a Russian official``),
    which may be followed by a place or body (``officials in both capitals``, ``analysts at
    Carnegie``: ``in``, ``at`` or ``from`` and up to three words)."""
    head = len(words) - 1
    if len(words) >= 3:
        for k in range(max(1, len(words) - 4), len(words) - 1):
            if words[k].lower() in PLACE_PREPOSITIONS:
                head = k - 1
                break
    if not 0 <= head <= 4 or words[head].lower().rstrip(".") not in HEAD_NOUNS:
        return None
    # Set tests on the words in lower case, made once, instead of a generator per test.
    lowered = [w.lower() for w in words]
    if not _NOT_IN_DESCRIPTION.isdisjoint(lowered[: head + 1]):
        return None
    if not CLAUSE_WORDS.isdisjoint(lowered[head + 1 :]):
        return None
    return " ".join(_clean_words(words))


def _trim_clause(words: list[str]) -> list[str]:
    """Keep the words after the last clause word (``throughout which he`` -> ``he``)."""
    if CLAUSE_WORDS.isdisjoint(words):
        return words  # most stretches before a verb: one set test instead of the loop
    for j in range(len(words) - 1, -1, -1):
        word = words[j]
        if word in CLAUSE_WORDS:
            if (
                word in ("and", "or")
                and j > 0
                and j + 1 < len(words)
                and _is_name_word(words[j - 1])
                and _is_name_word(words[j + 1])
            ):
                continue  # ``Xi and Putin said``
            return words[j + 1 :]
    return words


def _first_segment(text: str) -> list[str]:
    """The words of the first stretch of ``text`` between delimiters that has any."""
    for segment in _DELIMITER_RE.split(text):
        words = segment.split()
        if words:
            return words
    return []


def _last_segments(text: str) -> list[list[str]]:
    """The words of the last two stretches of ``text`` between delimiters that have any,
    in their order in the text (fewer when there are fewer)."""
    found: list[list[str]] = []
    for segment in reversed(_DELIMITER_RE.split(text)):
        words = segment.split()
        if words:
            found.append(words)
            if len(found) == 2:
                break
    found.reverse()
    return found


def _subject_before(left: str) -> str | tuple[str, str | None, bool] | None:
    """The speaker ending ``left`` (the text before a reporting verb).

    Returns ``"after"`` when the speaker must follow the verb (the verb comes right after a
    quotation, a comma or the start of the sentence), None when there is no speaker, or
    ``(kind, speaker, after_comma)``.
    """
    t = left.rstrip()
    # Right after a quotation (the inverted ``“…,” said X``, a third of all verbs) or a clause
    # mark: the last word ends in no letter, so the adverbs and auxiliaries below cannot apply.
    if not t or t[-1] in _AFTER_MARKS:
        return "after"
    cut = -2  # the last delimiter or spaced hyphen of t (see below), not looked for yet
    if t[-1] != ",":
        # The common case (``…, John Kirby said``, ``“…” he said``) in one match; the full
        # logic below gives the same answer for it, at several times the cost.
        found_cut = _LAST_CUT_RE.match(t)
        cut = found_cut.end() - 1 if found_cut is not None else -1
        plain = _PLAIN_SUBJECT_RE.fullmatch(t, cut + 1)
        if plain is not None:
            after_comma = cut >= 0 and t[cut] == ","
            if plain.group(1) is not None:
                return ("pronoun", plain.group(1), after_comma)
            words = t[cut + 1 :].split()
            if _PLAIN_EXCLUDED.isdisjoint(words):
                return ("name", " ".join(words), after_comma)
    while t[-1] != ",":  # a last word ending in a comma is none of those below
        parts = t.rsplit(None, 1)
        word = parts[-1]
        if word.lower() in NOT_SPEECH or word.endswith(("n’t", "n't")):
            return None
        if word in AUXILIARIES or (word.islower() and word.endswith("ly") and len(word) > 3):
            t = parts[0].rstrip() if len(parts) == 2 else ""
            cut = -2  # t is shorter: its last cut is looked for again
            if not t or t[-1] in _AFTER_MARKS:
                return "after"
            continue
        break
    if t[-1] == ",":
        found = _appositive_subject(t[:-1])
        return (found[0], found[1], False) if found is not None else "after"
    if cut == -2:
        # The last delimiter or spaced hyphen (a dash: ``10:30 GMT - Our correspondent``), or -1.
        found_cut = _LAST_CUT_RE.match(t)
        cut = found_cut.end() - 1 if found_cut is not None else -1
    after_comma = cut >= 0 and t[cut] == ","
    words = _trim_clause(t[cut + 1 :].split())
    if not words:
        return None
    if words[0] == "Our" or words[0] == "our":
        return None  # ``our correspondent notes``: the outlet's own words
    while len(words) > 1 and words[0] in LINKING_STARTERS:
        words = words[1:]  # ``Yet most experts say``: the speaker is ``most experts``
    last = words[-1]
    if last in SPEAKER_PRONOUNS or (len(words) == 1 and last.lower() in SPEAKER_PRONOUNS):
        return ("pronoun", last, after_comma)
    if last in NOT_SPEAKERS:
        return None  # ``I said``: the author's own voice
    if _is_possessive(last):
        return None
    if _is_pure_name(words):
        speaker = _name(words)
        return ("name", speaker, after_comma) if speaker else None
    described = _described(words)
    if described is not None:
        return ("described", described, after_comma)
    if _is_name_word(last):
        lead = 0
        while lead < len(words) and _is_name_word(words[lead]):
            lead += 1
        if 0 < lead < len(words) and words[lead] in SPEAKER_PREPOSITIONS:
            speaker = _name(words[:lead])  # ``Laura Bicker from the BBC``
        else:
            speaker = _tail_name(words)
        return ("name", speaker, after_comma) if speaker else None
    return None


def _appositive_subject(t: str) -> tuple[str, str] | None:
    """The speaker of ``X, apposition, said`` or ``description, Name, said``."""
    # The common case (``Yu Jie, Senior Research Fellow …,``: a plain name before the last
    # delimiter) in one match; the full logic below gives the same answer for it.
    plain = _PLAIN_APPOSITIVE_RE.fullmatch(t)
    if plain is not None:
        name = plain.group(1)
        last = plain.group(2).split()
        if (
            last
            and _PLAIN_EXCLUDED.isdisjoint(name.split(" "))
            and not (
                len(last) == 1 and (last[0].lower() in SPEAKER_PRONOUNS or last[0] in NOT_SPEAKERS)
            )
        ):
            return ("name", name)
    segments = _last_segments(t)
    if not segments:
        return None
    last = segments[-1]
    previous = _trim_clause(segments[-2]) if len(segments) >= 2 else []
    for words in (previous, last):
        if len(words) == 1 and words[0].lower() in SPEAKER_PRONOUNS:
            return ("pronoun", words[0])  # ``he, however, said``
        if len(words) == 1 and words[0] in NOT_SPEAKERS:
            return None
    if _is_pure_name(previous) and not _starts_with_preposition(previous):
        speaker = _name(previous)  # ``Yu Jie, Senior Research Fellow …, argued``
    elif _is_pure_name(last) and not _starts_with_preposition(last):
        speaker = _name(last)  # ``Russian presidential spokesperson, Dmitry Peskov, said``
    elif previous and last[0][0].islower() and _is_name_word(previous[-1]):
        # ``US National Security Council spokesperson John Kirby, the Associated Press
        # reported, described``
        speaker = _tail_name(previous)
    else:
        speaker = None
    return ("name", speaker) if speaker else None


def _subject_after(right: str) -> tuple[str, str | None] | None:
    """The speaker right after an inverted verb: ``said Alicja Bachulska, an expert``."""
    # The common case (``said Alexander Gabuev.``, ``said John Kirby, …``) in one match; the
    # full logic below gives the same answer for it, at several times the cost.
    plain = _PLAIN_AFTER_RE.match(right)
    if plain is not None:
        name = plain.group(1)
        words = name.split(" ")
        if _PLAIN_EXCLUDED.isdisjoint(words) and (
            plain.group(2) != "." or words[-1] + "." not in ABBREVIATED_TITLES
        ):
            return ("name", name)
    tokens = right.split(maxsplit=8)
    if not tokens or right[:1] not in (" ", "\n", "\t", "\xa0"):
        return None
    first = tokens[0].rstrip(",.;:!?")
    if first in ("he", "she", "they", "it") and (
        first != tokens[0] or len(tokens) == 1 or _strip_punctuation(tokens[1]) in AFTER_INVERTED
    ):
        return ("pronoun", first)
    run: list[str] = []
    stopped = False
    follower = None
    for token in tokens:
        if _MASK in token:
            follower = ""
            break
        bare = _strip_punctuation(token)
        if _is_name_word(bare) or (run and bare in NAME_PARTICLES):
            run.append(bare)
            if bare != token:
                stopped = True
                break
        else:
            follower = token
            break
    while run and run[-1] in NAME_PARTICLES:
        run.pop()
    if run:
        if _is_possessive(run[-1]):
            return None
        if stopped or follower is None or follower == "" or follower in AFTER_INVERTED:
            name = _name(run)
            return ("name", name) if name else None
        return None
    words = []
    for token in tokens:
        bare = token.rstrip(",.;:!?")
        if bare.lower() in SPEAKER_PREPOSITIONS or bare.lower() in CLAUSE_WORDS or _MASK in token:
            break
        words.append(bare)
        if bare != token:
            break
    described = _described(words)
    return ("described", described) if described else None


def _sentence_subject(sentence: str) -> str | None:
    """The name that starts a sentence (``Xi is then seen …, saying``), or None."""
    words = _first_segment(sentence)
    while words and words[0] in CONJUNCTION_STARTERS:
        words = words[1:]
    if not words or words[0] in PREPOSITION_STARTERS or not _is_name_word(words[0]):
        return None
    run: list[str] = []
    for word in words:
        if _is_name_word(word) or (run and word in NAME_PARTICLES):
            run.append(word)
        else:
            break
    if run and _is_possessive(run[-1]):
        return None
    return _name(run)
