"""Cleaning: strip page chrome and HTML, normalise unicode, and record every line removed.

Cleaning is conservative. A line is removed only when it matches a known kind of page chrome
(share and subscribe prompts, app promotions, advertising and donation blocks, comment links,
datelines and photo credits, the page title that repeats the headline) or repeats an earlier
line (a caption printed twice). Reader-facing blocks that are only recognisable in context
(author bios, promotions, menus) are removed only inside the block of chrome that closes a page.
Every removal is recorded with its line number and a reason, so nothing disappears silently.

Unicode is normalised to NFC; non-breaking and other exotic spaces become spaces; soft hyphens,
zero-width characters and control characters are dropped. Curly quotes and apostrophes are kept:
quotation detection needs them.

Examples
--------
>>> result = clean("Xi met Putin.\\nSHARE THIS ARTICLE ON\\nLeave a comment")
>>> result.text
'Xi met Putin.'
>>> [(r.line, r.reason) for r in result.removed]
[(2, 'share prompt'), (3, 'comment prompt')]
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import accumulate

import pandas as pd

from .corpus import Corpus, Document

__all__ = ["RemovedLine", "CleanedText", "clean", "clean_corpus", "cleaning_report"]

_MAX_CHROME_LINE = 600  # longer lines are article prose; chrome lines are short
_SHORT_LINE_WORDS = 6


@dataclass(frozen=True)
class RemovedLine:
    """A line that cleaning removed: its 1-based number in the normalised input, text, reason."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class CleanedText:
    """The result of :func:`clean`.

    Attributes
    ----------
    text : str
        The cleaned text: kept lines joined by ``\\n``, blank lines between paragraphs kept
        (runs of blank lines folded to one), no leading or trailing white space.
    removed : tuple of RemovedLine
        Every removed line with its reason.
    flags : tuple of str
        Quality flags: ``html`` (tags were stripped), ``control_characters``, ``mojibake``
        (UTF-8 read as cp1252, e.g. ``â€™``), ``cp1252`` is set by loaders, not here.
    """

    text: str
    removed: tuple[RemovedLine, ...]
    flags: tuple[str, ...]


# Lines removed wherever they stand: (reason, pattern matched against the whole stripped line).
_STRONG = [
    (
        "share prompt",
        r"(follow us( on)?( \w+)?|share|share this( article| story| page)?( on| via)?|"
        r"share via \w+|"
        r"tweet( this)?|copy link|print( this)?( article| page)?|email( this)?( article)?|"
        r"(facebook|twitter|whatsapp|linkedin|reddit|telegram|pinterest)( \| \w+)*)",
    ),
    (
        "subscribe prompt",
        r"(subscribe|subscribe (now|today|here)|subscribe to [\w .'’&-]{1,40}|"
        r"sign up( now| today)?( for| to)? (our |the )?(free )?(daily |weekly )?"
        r"newsletters?.{0,60}|"
        r"start \d+ days? free trial( subscribe now)?|subscribe now|"
        r"continue reading with .{0,60}subscription|"
        r"already (a subscriber|have an account)\??.{0,40}|(log|sign) ?in( to .{0,40})?|"
        r"(become|join) (a|our) (member|subscriber|supporter)s?.{0,60})",
    ),
    (
        "advertisement",
        r"(google )?(ads?|advertisements?)( \d+)?|sponsored( content| links?)?|"
        r"advertisement ?- ?(scroll|continue) .{0,40}",
    ),
    (
        "comment prompt",
        r"(leave|post|add|write) a comment|\d+ comments?|(view|show|read) "
        r"(all )?comments?|comments?|join the (conversation|discussion)",
    ),
    # A breadcrumb trail at the top of a page: "Home | World | Asia", "Home > News".
    ("breadcrumb", r"home( ?[|>›»/] ?[\w &'’-]{1,25}){1,6}"),
    (
        "page control",
        r"(close|close_game|open popup|open app|sign out|saved articles|my reads|menu|search|"
        r"home|skip to (main )?content|"
        r"story saved|save (article|story)|bookmark|live score|freemium|premium|read more|"
        r"see also|related( articles| stories| news| content)?|more from [\w .'’-]{1,40}|"
        r"trending( now)?|"
        r"top stories|welcome back!?|back to top|next article|previous article|load more|"
        r"click (on )?(here|the image|the button).{0,100})",
    ),
    (
        "dateline",
        r"((updated|published|posted|last updated)( on)?:? ?)?"
        r"((mon|tues|wednes|thurs|fri|satur|sun)day,? )?"
        r"((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|"
        r"\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,? \d{4}|"
        r"\d{4}-\d{2}-\d{2})(,? (at )?\d{1,2}[:.]\d{2}( ?[ap]\.?m\.?)?( [a-z]{2,4})?)?",
    ),
    (
        "photo credit",
        r"((photo|image|picture|credit|photograph)s?( credit)?:? ?.{0,60}|"
        r"[\w .'’-]{0,40}/ ?(getty|reuters|afp|ap|epa|pool|sputnik|xinhua|tass|bloomberg)"
        r"( \w+){0,2}|.{0,40}\b(getty|shutterstock|alamy) (images|photos?))",
    ),
]
# Lines up to _MAX_CHROME_LINE characters removed wherever they stand when they contain these.
_STRONG_CONTAINS = [
    (
        "app promotion",
        r"\b(download|get|install) (the|our) [\w .'’-]{0,30}\bapp\b|"
        r"\bdownload now\b",
    ),
    (
        "donation prompt",
        r"\b(we need your support|your (contribution|donation|support) "
        r"(will )?helps?|please (consider )?(donate|support us)|donate (now|today)|"
        r"support (independent|our) journalism)\b",
    ),
]
# Lines removed only inside the block of chrome that closes a page.
_WEAK = [
    (
        "author bio",
        r".{0,200}\b(writes (a |an )?(weekly |regular |monthly |fortnightly )?column|"
        r"is (a|an|the) .{0,60}(correspondent|columnist|editor|contributor|reporter) (for|at|with)|"
        r"was previously posted|exclusively for .{0,30} readers|follow (him|her|them) on)\b"
        r".{0,400}",
    ),
    (
        "disclaimer",
        r"(the )?views expressed (here |in this article )?are (personal|the author'?s? "
        r"own|those of the author).{0,80}",
    ),
    (
        "credit line",
        r"[A-Z][\w .'’-]{2,60} (reported|contributed reporting|contributed) "
        r"(from|to) .{0,120}",
    ),
    (
        "site promotion",
        r".{0,300}\b(get (the )?latest \w+ news|you can (now )?(help|support|combat|"
        r"access|download|read)|know more about this project|e-?paper|e-?books?|infographics|"
        r"newsletters?)\b.{0,300}",
    ),
    ("navigation list", r"([\w'’-]+( [\w'’-]+){0,3} (I|\||•|·) ){2,}[\w'’-]+( [\w'’-]+){0,3}"),
]


def _named(patterns: list[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    """One alternation with a named group per reason, so one match says which reason applies."""
    names = {f"g{i}": reason for i, (reason, _) in enumerate(patterns)}
    return "|".join(f"(?P<g{i}>{p})" for i, (_, p) in enumerate(patterns)), names


_STRONG_BODY, _STRONG_NAMES = _named(_STRONG)
# Matched line by line: trying the alternation at every position of a whole text is slower.
_STRONG_RE = re.compile(rf"(?:{_STRONG_BODY})[.:!]?$", re.IGNORECASE)
_WEAK_BODY, _WEAK_NAMES = _named(_WEAK)
_WEAK_RE = re.compile(rf"^(?:{_WEAK_BODY})[.:!]?$", re.IGNORECASE)
_CONTAINS_RE = [(reason, re.compile(p, re.IGNORECASE)) for reason, p in _STRONG_CONTAINS]
# Cheap substring tests that every line matching _STRONG_CONTAINS passes (lower-cased line),
# grouped by a common prefix: one pass over the text per prefix, then the full hints at each hit.
_CONTAINS_HINTS = {
    "download": ("download",),
    " app": (" app ", " app.", " app!"),
    "donat": ("donat",),
    "your ": ("your support", "your contribution"),
    "support ": ("support independent", "support our", "support us"),
}
# 'SUPPORT CDT': an appeal naming the site by its capitalised acronym.
_SUPPORT_SITE = re.compile(r"(?:SUPPORT|Support) [A-Z]{2,6}$")
_SHORT_CHROME = 120  # full-line chrome patterns only ever match lines up to this length

_CREDIT_SUFFIX = re.compile(
    r"\s?\((?:AFP|AP|Reuters|Getty Images|EPA|Xinhua|TASS|Sputnik|Bloomberg|PTI|ANI|HT Photo|"
    r"File Photo|File)\)(?:\s+PREMIUM)?\s*$|\s+PREMIUM\s*$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# Lone surrogates (half an emoji from a truncated JSON string) cannot be encoded: drop them too.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# One character class for all three: a single pass finds every character to replace.
_SPECIAL = re.compile(
    "[" + "".join(p.pattern[1:-1] for p in (_SPACES, _INVISIBLE, _CONTROL)) + "]"
)
_MOJIBAKE = re.compile(r"â€[™œ\x9d˜“”¦]|Ã[©¨¢¡³±]")
_HTML_HINT = re.compile(
    r"<(?:html|head|body|p|div|span|br|a|article|section|h[1-6]|ul|li|table|script|style)\b[^>]*>|"
    r"</(?:p|div|span|a|article|section|h[1-6]|ul|li|body|html)>",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.?!][\"”’')\]]*$")


class _TextExtractor(HTMLParser):
    """Collect the text of an HTML page, with line breaks at block elements, without scripts."""

    _BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "article",
        "section",
        "header",
        "footer",
        "blockquote",
        "figcaption",
        "title",
        "ul",
        "ol",
    }
    _SKIP = {"script", "style", "noscript", "template", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _strip_html(text: str) -> str:
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return html.unescape("".join(parser.parts))


def _normalise(text: str) -> tuple[str, list[str]]:
    flags = []
    if "<" in text and _HTML_HINT.search(text):
        text = _strip_html(text)
        flags.append("html")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # One scan for any character to replace; most texts have none, and then nothing else runs.
    # The few distinct characters found are replaced one by one with str.replace (C speed).
    found = set(_SPECIAL.findall(text))
    for char in found:
        text = text.replace(char, " " if _SPACES.match(char) else "")
    if any(_CONTROL.match(char) for char in found):
        flags.append("control_characters")
    if ("â€" in text or "Ã" in text) and _MOJIBAKE.search(text):
        flags.append("mojibake")
    return text, flags


def _find_all(text: str, hints: dict[str, tuple[str, ...]]) -> Iterator[int]:
    """Offsets of every occurrence of each hint (plain substring search, done in C)."""
    for prefix, needles in hints.items():
        at = text.find(prefix)
        while at >= 0:
            if any(text.startswith(needle, at) for needle in needles):
                yield at
            at = text.find(prefix, at + 1)


def _contains_reason(line: str) -> str | None:
    """Why a line holding a contains-hint is chrome, if it is."""
    if len(line) > _MAX_CHROME_LINE:
        return None
    for reason, pattern in _CONTAINS_RE:
        if pattern.search(line):
            return reason
    return None


def _weak_reason(line: str) -> str | None:
    if len(line) > _MAX_CHROME_LINE:
        return None
    match = _WEAK_RE.match(line)
    return _WEAK_NAMES[match.lastgroup or ""] if match else None


def _is_short(line: str) -> bool:
    """A short line without closing punctuation: a menu item, a widget, a label."""
    return (
        len(line) <= 60
        and len(line.split()) <= _SHORT_LINE_WORDS
        and not _SENTENCE_END.search(line)
    )


def clean(text: str) -> CleanedText:
    """Clean one document's text.

    Parameters
    ----------
    text : str
        The original text of a document (plain text or HTML).

    Returns
    -------
    CleanedText
        Cleaned text, removed lines with reasons, and quality flags.

    Notes
    -----
    In order: HTML tags are stripped when the text looks like HTML (flag ``html``); unicode is
    normalised (NFC, spaces, invisible and control characters); then lines are classified. A
    line is removed when it (1) matches a strong chrome pattern anywhere in the text, (2) is the
    page title, the first line when a later line among the first five repeats its beginning (the
    title with the site name appended), (3) repeats another line of the document once a photo
    credit such as ``(AFP)`` is set aside (a caption printed twice; the first copy without a
    credit is kept), or (4) belongs to the
    closing chrome block: the longest run of lines at the end of the text made only of chrome
    lines, weak chrome lines (author bio, disclaimer, promotion, navigation list) and short lines,
    and containing at least one strong chrome line.

    Examples
    --------
    >>> clean("Mar 27, 2023 08:03 PM IST\\n\\nXi met Putin in Moscow.").removed[0].reason
    'dateline'
    """
    normalised, flags = _normalise(text)
    lines = normalised.split("\n")
    stripped = [line.strip() for line in lines]
    line_starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    reasons: list[str | None] = [None] * len(lines)
    # Full-line chrome patterns on short lines, then the lines holding a contains-hint.
    for i, line in enumerate(stripped):
        if line and len(line) <= _SHORT_CHROME:
            match = _STRONG_RE.match(line)
            if match:
                reasons[i] = _STRONG_NAMES[match.lastgroup or ""]
            elif _SUPPORT_SITE.match(line):
                reasons[i] = "donation prompt"
    for i in {
        bisect_right(line_starts, at) - 1 for at in _find_all(normalised.lower(), _CONTAINS_HINTS)
    }:
        reasons[i] = reasons[i] or _contains_reason(stripped[i])

    nonblank = [i for i, s in enumerate(stripped) if s]
    if len(nonblank) > 1:
        first = stripped[nonblank[0]]
        for j in nonblank[1:6]:
            heading = stripped[j]
            if len(heading) >= 20 and first != heading and first.startswith(heading):
                reasons[nonblank[0]] = "page title"
                break

    # A line printed twice (a caption, a pull quote) is kept once: the first copy without a
    # photo credit, so the sentence reads as prose; the other copies are removed.
    keys = [
        _CREDIT_SUFFIX.sub("", line) if line.endswith((")", "PREMIUM")) else line
        for line in stripped
    ]
    counts = Counter(keys)
    copies: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if counts[key] > 1 and len(key) >= 30 and not reasons[i]:
            copies.setdefault(key, []).append(i)
    for indices in copies.values():
        if len(indices) > 1:
            plain = [i for i in indices if not stripped[i].endswith((")", "PREMIUM"))]
            keeper = plain[0] if plain else indices[0]
            for i in indices:
                if i != keeper:
                    reasons[i] = "repeated line"

    tail_start = None
    for i in reversed(nonblank):
        line = stripped[i]
        if reasons[i] or _weak_reason(line) or _is_short(line):
            tail_start = i
            continue
        break
    if tail_start is not None:
        block = [i for i in nonblank if i >= tail_start]
        if any(reasons[i] and reasons[i] != "repeated line" for i in block):
            for i in block:
                reasons[i] = reasons[i] or _weak_reason(stripped[i]) or "closing page chrome"

    removed = tuple(
        RemovedLine(i + 1, stripped[i], reason)
        for i, reason in enumerate(reasons)
        if reason is not None
    )
    return CleanedText(_join_kept(lines, reasons), removed, tuple(flags))


def _join_kept(lines: list[str], reasons: list[str | None]) -> str:
    """The kept lines without trailing spaces (tabs are spaces by now), at most one blank line
    in a row, and no blank lines at either end."""
    kept: list[str] = []
    blank = True  # no blank line at the start
    for line, reason in zip(lines, reasons, strict=True):
        if reason:
            continue
        line = line.rstrip(" ")
        if line:
            kept.append(line)
            blank = False
        elif not blank:
            kept.append(line)
            blank = True
    return "\n".join(kept).strip()


def clean_corpus(corpus: Corpus | Iterable[Document]) -> dict[str, CleanedText]:
    """Clean every document of a corpus.

    Parameters
    ----------
    corpus : Corpus or iterable of Document

    Returns
    -------
    dict
        ``doc_id`` to :class:`CleanedText`, in corpus order.

    Examples
    --------
    >>> cleaned = clean_corpus(Corpus.from_texts(["Xi met Putin.\\nLeave a comment"]))
    >>> cleaned["doc0001"].text
    'Xi met Putin.'
    """
    return {doc.doc_id: clean(doc.text) for doc in corpus}


def cleaning_report(corpus: Corpus | Iterable[Document]) -> pd.DataFrame:
    """List every line that cleaning removes, and every quality flag, per document.

    Parameters
    ----------
    corpus : Corpus or iterable of Document

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, line, text, reason``; a quality flag appears as a row with ``line``
        0, empty ``text`` and reason ``flag: <name>``.

    Examples
    --------
    >>> cleaning_report(Corpus.from_texts(["Xi met Putin.\\nLeave a comment"]))
        doc_id  line             text          reason
    0  doc0001     2  Leave a comment  comment prompt
    """
    rows: list[tuple[str, int, str, str]] = []
    for doc_id, result in clean_corpus(corpus).items():
        rows.extend((doc_id, 0, "", f"flag: {flag}") for flag in result.flags)
        rows.extend((doc_id, r.line, r.text, r.reason) for r in result.removed)
    frame = pd.DataFrame(rows, columns=["doc_id", "line", "text", "reason"])
    frame["line"] = frame["line"].astype("int64")
    return frame
