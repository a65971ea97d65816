"""Cleaning: strip page chrome and HTML, normalise unicode, and record every line removed.

Cleaning is conservative. A line is removed only when it matches a known kind of page chrome
(share and subscribe prompts, bylines, datelines, reading times, cookie notices, copyright and
wire footers, app promotions, advertising and donation blocks, comment links, photo credits, the
page title that repeats the headline) or repeats an earlier line (a caption printed twice).
Reader-facing blocks that are only recognisable in context (author bios, promotions, menus) are
removed only inside the block of chrome that closes a page, after a list heading such as
``Related:``, or between the browser title and the headline. Patterns match whole lines and are
tightly anchored: a line of article prose that merely starts like chrome (``By contrast, ...``,
``Credit lines from Chinese banks ...``) is kept. A photo credit at the end of a caption
(``... in Moscow. (Photo: AFP/Getty Images)``) is cut off and the caption kept. Every removal
is recorded with its line number and a reason, so nothing disappears silently.

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.entities import html5 as html5_entities
from html.parser import HTMLParser

import pandas as pd

from ._corpus import Corpus, Document
from ._english import (
    AGENCY,
    CHROME_CONTAINS,
    CHROME_GATED,
    CHROME_LONG,
    CHROME_STRONG,
    CHROME_WEAK,
    CHROME_WEAK_ANYWHERE,
    CONTAINS_HINTS,
    CREDIT_BODY,
    CREDIT_LABEL,
    LIST_HEADINGS,
    PRODUCTS,
)

__all__ = ["RemovedLine", "CleanedText", "clean", "clean_corpus", "cleaning_report"]

_MAX_CHROME_LINE = 600  # longer lines are article prose; chrome lines are short
_SHORT_LINE_WORDS = 6
_TITLE_LOOKAHEAD = 5  # the headline is looked for this many lines below the page title ...
_TITLE_MENU_LIMIT = 40  # ... or further, past menu lines only, up to this many lines


@dataclass(frozen=True)
class RemovedLine:
    """What cleaning removed: the 1-based line number in the normalised input, text, reason.

    Usually ``text`` is the whole line. A photo credit cut from the end of a caption that is
    kept (``... in Moscow. (Photo: AFP)``) is recorded with the caption's line number and only
    the credit as ``text``: the rest of that line is in the cleaned text.
    """

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
        Every removed line (or photo credit cut from a caption) with its reason, in line order.
    flags : tuple of str
        Quality flags: ``html`` (tags were stripped), ``html_entities`` (HTML entities such as
        ``&amp;`` were decoded in a text without tags), ``control_characters``, ``mojibake``
        (UTF-8 read as cp1252, e.g. ``â€™``, ``ÐŸÑƒÑ‚Ð¸Ð½``); ``cp1252`` is set by loaders, not
        here.
    """

    text: str
    removed: tuple[RemovedLine, ...]
    flags: tuple[str, ...]


# The chrome tables and their building blocks are language data: framing._english.
_PROMPT_START = r"(?:^|(?<=[.!?:|•·] )|(?<=[.!?][”’\"')] ))"
_CONTAINS_WORDS = 12
_PRODUCTS = re.compile(PRODUCTS, re.IGNORECASE)
_PRODUCT_WORDS = 11
_LIST_HEADING = re.compile(LIST_HEADINGS, re.IGNORECASE)


def _named(patterns: list[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    """One alternation with a named group per reason, so one match says which reason applies."""
    names = {f"g{i}": reason for i, (reason, _) in enumerate(patterns)}
    return "|".join(f"(?P<g{i}>{p})" for i, (_, p) in enumerate(patterns)), names


_Tried = tuple[str, Callable[[str], "re.Match[str] | None"]]


def _by_prefix(
    patterns: list[tuple[str, str, str]],
) -> tuple[dict[str, tuple[_Tried, ...]], dict[str, tuple[_Tried, ...]]]:
    """The patterns (reason, compiled ``match``) that can match a line, in list order, looked up
    by the line's first two characters (lower case), and by its first character alone.

    Each pattern declares the one- or two-character prefixes (lower case, space-separated) a line
    it matches can start with. The first table has a key for every first character declared and
    every second character in ASCII: a line is tried only against the few patterns its first two
    characters allow (failing every alternative of one big alternation costs more than the whole
    rest of cleaning, and even an alternation of those few costs more than trying each). The
    second table, by the first character alone, serves the lines the first one has no key for
    (one character long, or a second character outside ASCII).
    """
    compiled: list[tuple[str, list[str], Callable[[str], re.Match[str] | None]]] = [
        (reason, prefixes.split(), re.compile(rf"(?:{p})[.:!]?$", re.IGNORECASE).match)
        for reason, prefixes, p in patterns
    ]
    by_first: dict[str, tuple[_Tried, ...]] = {}
    by_two: dict[str, tuple[_Tried, ...]] = {}
    for first in dict.fromkeys(prefix[0] for _, prefixes, _ in compiled for prefix in prefixes):
        allowed = [entry for entry in compiled if any(p[0] == first for p in entry[1])]
        by_first[first] = tuple((reason, match) for reason, _, match in allowed)
        # A second character that no two-character prefix names: the one-character prefixes.
        alone = tuple((reason, match) for reason, prefixes, match in allowed if first in prefixes)
        for code in range(128):
            by_two[first + chr(code).lower()] = alone
        for second in {p[1] for _, prefixes, _ in allowed for p in prefixes if len(p) == 2}:
            by_two[first + second] = tuple(
                (reason, match)
                for reason, prefixes, match in allowed
                if first in prefixes or first + second in prefixes
            )
    return by_two, by_first


# Matched line by line: trying the alternation at every position of a whole text is slower.
_STRONG_BY_TWO, _STRONG_BY_FIRST = _by_prefix(CHROME_STRONG + CHROME_LONG)
_GATED_RE = [
    (reason, needles, re.compile(rf"(?:{p})[.:!]?$", re.IGNORECASE))
    for reason, needles, p in CHROME_GATED
]
# Every line a gated pattern can match holds '/', '|', 'via', 'mages' or 'hoto' (or the same in
# capitals): _mark_chrome tests them with 'in', cheaper than one search of a pattern.
_LONG_BY_TWO, _LONG_BY_FIRST = _by_prefix(CHROME_LONG)
_Match = Callable[[str], "re.Match[str] | None"]


def _weak_matcher(patterns: list[tuple[str, str]]) -> tuple[_Match, dict[str, str]]:
    """The ``match`` of one alternation of the patterns, and the reasons of its groups."""
    body, names = _named(patterns)
    return re.compile(rf"^(?:{body})[.:!]?$", re.IGNORECASE).match, names


_WEAK_MATCH = _weak_matcher(CHROME_WEAK)
# The credit-line pattern is slow to fail on a line of capitalised words (it tries every run of
# names before 'reported from' or 'contributed'): a line holding neither 'reported from' nor
# 'buted' (lower-cased; none of these letters has another case form that a case-insensitive
# pattern matches) is tried without it.
_CREDIT_LINE_HINTS = ("reported from", "buted")
_WEAK_MATCH_NO_CREDIT = _weak_matcher([(r, p) for r, p in CHROME_WEAK if r != "credit line"])
_WEAK_ANYWHERE_RE = [
    (reason, needles, re.compile(p, re.IGNORECASE) if p else None)
    for reason, needles, p in CHROME_WEAK_ANYWHERE
]
# Every line a weak anywhere-pattern can match holds one of its needles (lower case).
_WEAK_NEEDLES = re.compile(
    "|".join(re.escape(needle) for _, needles, _ in CHROME_WEAK_ANYWHERE for needle in needles)
)
_CONTAINS_RE = [
    (reason, re.compile(_PROMPT_START + f"(?:{p})", re.IGNORECASE), re.compile(p, re.IGNORECASE))
    for reason, p in CHROME_CONTAINS
]
_HINTS = {
    prefix.encode(): tuple(needle.encode() for needle in needles)
    for prefix, needles in CONTAINS_HINTS.items()
}
_QUOTES = set('"“”„«»')
# 'SUPPORT CDT': an appeal naming the site by its capitalised acronym.
_SUPPORT_SITE = re.compile(r"(?:SUPPORT|Support) [A-Z]{2,6}$")
_SHORT_CHROME = 120  # the short-line chrome patterns only ever match lines up to this length

_CREDIT_SUFFIX = re.compile(
    r"\s?\((?:AFP|AP|Reuters|Getty Images|EPA|Xinhua|TASS|Sputnik|Bloomberg|PTI|ANI|HT Photo|"
    r"File Photo|File)\)(?:\s+PREMIUM)?\s*$|\s+PREMIUM\s*$",
    re.IGNORECASE,
)
# A photo credit at the end of a caption that is kept: '... of the People. (Photo: AFP/Getty
# Images)', '... on May 9. (Reuters)', '... watch the parade. Photo: EPA-EFE/Maxim Shipenkov'. A
# bare agency or label follows the end of the caption's sentence; a bracketed label may follow
# any word. Searched in the last _CREDIT_TAIL characters of a line.
_INLINE_CREDIT = re.compile(
    rf"(?<=\S) (\({CREDIT_LABEL}:? {CREDIT_BODY}\)|"
    rf"(?<=[.!?”’\"')\]] )(?:\((?-i:{AGENCY})\)(?-i: PREMIUM)?|{CREDIT_LABEL}: {CREDIT_BODY}))$",
    re.IGNORECASE,
)
_CREDIT_TAIL = 140
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# Lone surrogates (half an emoji from a truncated JSON string) cannot be encoded: drop them too.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# One character class for all three: a single pass finds every character to replace.
_SPECIAL = re.compile("[" + "".join(p.pattern[1:-1] for p in (_SPACES, _INVISIBLE, _CONTROL)) + "]")
# UTF-8 read as cp1252 (or Latin-1): each multi-byte character becomes a lead character
# (Â-ß for two bytes, à-ï for three) and continuation characters (the cp1252 characters of the
# bytes 0x80-0xBF). 'â€™' (’), 'Ã©' (é), 'Ã\xa0' (à) are flagged alone; other two-byte letters
# (Cyrillic 'ÐŸÑƒÑ‚Ð¸Ð½') and three-byte ones (Chinese 'ä¹\xa0è¿‘å¹³') two in a row, which
# ordinary text never has.
_CONT_CP1252 = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONT = "\x80-\xbf" + _CONT_CP1252
# The search runs only on texts holding one of the lead characters of the mojibake of
# punctuation and Latin letters (â, Ã, Â), Cyrillic (Ð, Ñ) or Chinese (ä-é): a few substring
# tests cost less than one search.
_MOJIBAKE_LEADS = ("â", "Ã", "Â", "Ð", "Ñ", "ä", "å", "æ", "ç", "è", "é")
_MOJIBAKE = re.compile(
    rf"[Â-ï](?:(?<=â)€[™œ\x9d˜“”¦]|(?<=Ã)[{_CONT}]|(?<=[Â-ß])[{_CONT}][Â-ß][{_CONT}]|"
    rf"(?<=[à-ï])[{_CONT}]{{2}}[à-ï][{_CONT}]{{2}})"
)
# Every match starts with a lead character (U+00C2-U+00EF, in UTF-8 b'\xc3\x82'-b'\xc3\xaf')
# followed by a continuation character (in UTF-8 from b'\xc2' or the first byte of one in cp1252):
# a bytes pattern opening with a literal byte finds such a pair in the UTF-8 of the text far
# faster than _MOJIBAKE searches the text (a text with 'é' holds a lead), and without a pair
# there is no match.
_MOJIBAKE_PAIR = re.compile(
    rb"\xc3[\x82-\xaf]["
    + re.escape(bytes(sorted({0xC2, *(char.encode()[0] for char in _CONT_CP1252)})))
    + rb"]"
)
_HTML_HINT = re.compile(
    r"<(?:html|head|body|p|div|span|br|a|article|section|h[1-6]|ul|ol|li|table|tr|td|th|"
    r"script|style|nav|aside|main|header|footer|figure|figcaption|blockquote|button|em|strong|"
    r"i|b|u|small|sup|sub|mark|cite|abbr|time|img)\b[^>]*>|"
    r"</(?:p|div|span|a|article|section|h[1-6]|ul|ol|li|body|html|table|tr|td|th|nav|aside|"
    r"main|header|footer|figure|figcaption|blockquote|button|em|strong|i|b|u|small|sup|sub|"
    r"mark|cite|abbr|time)>",
    re.IGNORECASE,
)
# A character reference with its semicolon ('&amp;', '&#8217;', '&#x2019;'); 'AT&T' and
# 'R&D' are no entities.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A bullet item or a quoted line: article text even when short ('• Visa-free travel for tour
# groups', '"Friends forever"'), never swept into the closing block.
_LIST_OR_QUOTE = re.compile(r"(?:[•·▪◦‣*–—-]|\d{1,2}[.)])\s|[\"“”„«‘'’]")


class _TextExtractor(HTMLParser):
    """Collect the text of an HTML page, with line breaks at block elements, without scripts.

    Inside a ``<nav>`` or ``<menu>`` every link is a line of its own (a menu of links written
    without white space would otherwise read ``HomeWorldAsia``). When the page has block
    elements other than ``<br>``, white space inside the text is collapsed as a browser does,
    so that HTML source wrapped at any column gives one line per paragraph; a fragment with
    only inline tags (``Xi met <em>Putin</em>.``) keeps its line breaks.
    """

    _BLOCK = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "td",
        "th",
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
        "main",
        "nav",
        "aside",
        "menu",
        "button",
        "form",
        "figure",
        "blockquote",
        "figcaption",
        "caption",
        "title",
        "table",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "hr",
        "pre",
        "address",
        "details",
        "summary",
    }
    _SKIP = {"script", "style", "noscript", "template", "svg"}
    _MENUS = {"nav", "menu"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._menus = 0
        self._pre = 0
        self.structured = False  # a block element other than <br> was seen
        self._wrapped: list[int] = []  # indices of parts whose white space may be collapsed

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n" if tag == "p" else "\n")
            if tag != "br":
                self.structured = True
            if tag in self._MENUS:
                self._menus += 1
            elif tag == "pre":
                self._pre += 1
        elif tag == "a" and self._menus:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <hr/>: a line break; a self-closed <p/> or <div/> is no container to open.
        if tag in self._BLOCK:
            self.parts.append("\n")
            self.structured = self.structured or tag != "br"

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")
            if tag in self._MENUS:
                self._menus = max(0, self._menus - 1)
            elif tag == "pre":
                self._pre = max(0, self._pre - 1)
        elif tag == "a" and self._menus:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            if not self._pre:
                self._wrapped.append(len(self.parts))
            self.parts.append(data)

    def text(self) -> str:
        """The collected text; white space collapsed when the page has block structure."""
        if self.structured:
            for i in self._wrapped:
                self.parts[i] = _HTML_SPACE.sub(_collapsed, self.parts[i])
            return _LINE_EDGE.sub("\n", "".join(self.parts))
        return "".join(self.parts)


# White space inside HTML text: a browser shows any run of it as one space (a blank line
# inside a text node, rare in HTML but common when plain text holds a stray tag, stays a
# paragraph break).
_HTML_SPACE = re.compile(r"\s+")
_LINE_EDGE = re.compile(r"[ \t]*\n[ \t]*")


def _collapsed(match: re.Match[str]) -> str:
    return "\n\n" if match.group().count("\n") > 1 else " "


def _strip_html(text: str) -> str:
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    # The parser decodes entities itself (convert_charrefs): no second html.unescape, which
    # would turn a page's literal '&lt;b&gt;' (written '&amp;lt;b&amp;gt;') into a tag.
    return parser.text()


def _entity(match: re.Match[str]) -> str:
    """The character an entity stands for; an unknown name stays as written ('&notanentity;'
    is no '&not;' followed by text, as html.unescape would have it)."""
    entity = match.group()
    if entity[1] == "#":
        return html.unescape(entity)
    return html5_entities.get(entity[1:], entity)


def _decode_entities(text: str) -> str:
    return _ENTITY.sub(_entity, text)


def _normalise(text: str) -> tuple[str, list[str]]:
    flags = []
    if "<" in text and _HTML_HINT.search(text):
        text = _strip_html(text)
        flags.append("html")
    elif "&" in text and _ENTITY.search(text):
        # RSS and JSON exports: entities without tags ('China&#8217;s', '&ldquo;', '&nbsp;').
        decoded = _decode_entities(text)
        if decoded != text:
            text = decoded
            flags.append("html_entities")
    # Every character replaced below (a line separator other than '\n', an exotic space, an
    # invisible or control character) is unprintable, and most texts have none: one C pass
    # over the text says so, and then none of the passes that replace them runs.
    plain = text.replace("\n", " ").isprintable()
    # A no-break space is what most texts that are not plain hold: with it replaced, one C pass
    # often finds the text plain, and then neither the line separators (unprintable too) nor
    # the scan for every character to replace (a regular expression over the whole text,
    # slower than both) need a pass. The text keeps its no-break spaces until the mojibake test.
    spaced = None
    if not plain:
        spaced = text.replace("\xa0", " ")
        if not spaced.replace("\n", " ").isprintable():
            spaced = None
            text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
            text = text.replace("\u2029", "\n\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        plain = plain and text.replace("\n", " ").isprintable()
        spaced = None
    # Before spaces and control characters are replaced: U+00A0 and C1 characters are part of
    # some mojibake ('Ã\xa0' for 'à').
    mojibake = (
        any(lead in text for lead in _MOJIBAKE_LEADS)
        and _MOJIBAKE_PAIR.search(text.encode("utf-8", "surrogatepass")) is not None
        and _MOJIBAKE.search(text) is not None
    )
    if spaced is not None:
        text, plain = spaced, True
    elif not plain:
        text = text.replace("\xa0", " ")
        plain = text.replace("\n", " ").isprintable()
    if not plain:
        # One scan for any character to replace; the few distinct characters found are
        # replaced one by one with str.replace (C speed).
        found = set(_SPECIAL.findall(text))
        for char in found:
            text = text.replace(char, " " if _SPACES.match(char) else "")
        if any(_CONTROL.match(char) or _INVISIBLE.match(char) for char in found):
            flags.append("control_characters")
    if mojibake:
        flags.append("mojibake")
    return text, flags


def _hinted_lines(text: str) -> set[int]:
    """The lines (0-based) of ``text`` that hold a contains-hint, case-insensitively.

    The hints are ASCII, and no other character lower-cases to one of their letters (the
    Kelvin sign gives a 'k' and 'İ' an 'i' with a combining dot, which no hint holds), so they
    are looked for in the UTF-8 bytes with only A-Z lower-cased: far cheaper than lower-casing
    the whole text, and the line of each hit is found by counting line breaks in C.
    """
    data = text.encode("utf-8", "surrogatepass").lower() + b"\n"
    hits = []
    for prefix, needles in _HINTS.items():
        at = data.find(prefix)
        while at >= 0:
            if data.startswith(needles, at):
                hits.append(at)
            at = data.find(prefix, at + 1)
    # The line breaks are counted from one hit to the next, not from the start for each.
    lines = set()
    line = counted = 0
    for at in sorted(hits):
        line += data.count(b"\n", counted, at)
        counted = at
        lines.add(line)
    return lines


def _contains_reason(line: str) -> str | None:
    """Why a line holding a contains-hint is chrome, if it is: the appeal in a prompt form."""
    if len(line) > _MAX_CHROME_LINE:
        return None
    short = (
        len(line.split()) <= _CONTAINS_WORDS
        and not _ends_sentence(line)
        and not _QUOTES.intersection(line)
    )
    for reason, prompt, anywhere in _CONTAINS_RE:
        if (prompt if not short else anywhere).search(line):
            return reason
    return None


def _weak_reason(line: str) -> str | None:
    if len(line) > _MAX_CHROME_LINE:
        return None
    lowered = line.lower()
    credit = _CREDIT_LINE_HINTS[0] in lowered or _CREDIT_LINE_HINTS[1] in lowered
    weak_match, names = _WEAK_MATCH if credit else _WEAK_MATCH_NO_CREDIT
    match = weak_match(line)
    if match:
        return names[match.lastgroup or ""]
    if not _WEAK_NEEDLES.search(lowered):
        return None
    for reason, needles, pattern in _WEAK_ANYWHERE_RE:
        if any(needle in lowered for needle in needles):
            if pattern is None:
                if len(line.split()) <= _PRODUCT_WORDS and _PRODUCTS.search(line):
                    return reason
            elif pattern.search(line):
                return reason
    return None


def _ends_sentence(line: str) -> bool:
    """Whether a stripped line ends with closing punctuation, maybe inside quotes or brackets
    (``done.``, ``"Why?"``): read from its end, cheaper than searching a pattern."""
    return line.rstrip("\"”’')]")[-1:] in (".", "?", "!", ":")


def _is_short(line: str) -> bool:
    """A short line without closing punctuation: a menu item, a widget, a label."""
    return len(line) <= 60 and len(line.split()) <= _SHORT_LINE_WORDS and not _ends_sentence(line)


def _is_link(line: str) -> bool:
    """A line that can be a headline in a list of links or a tag: no closing punctuation."""
    return len(line) <= _SHORT_CHROME and len(line.split()) <= 15 and not _ends_sentence(line)


def _gated_reason(line: str) -> str | None:
    """The reason of the gated short-line chrome pattern a line matches, if any."""
    lowered = line.lower()
    for reason, needles, pattern in _GATED_RE:
        if any(needle in lowered for needle in needles) and pattern.match(line):
            return reason
    return None


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
    In order: HTML tags are stripped when the text looks like HTML (flag ``html``), or HTML
    entities decoded when a text without tags holds some (flag ``html_entities``); unicode is
    normalised (NFC, spaces, invisible and control characters); then lines are classified. A
    line is removed when it (1) matches a strong chrome pattern anywhere in the text (whole
    line, or an appeal in a prompt form), (2) is the page title, the first line when a later
    line repeats its beginning (the title with the site name appended) among the next five
    lines or past menu lines only; the menu lines between the two go too (``page header``),
    (3) lists links or tags right below a heading such as ``Related:`` or ``Topics``, (4)
    repeats another line of the document once a photo credit such as ``(AFP)`` is set aside (a
    caption printed twice; the first copy without a credit is kept), or (5) belongs to the
    closing chrome block: the longest run of lines at the end of the text made only of chrome
    lines, weak chrome lines (author bio, disclaimer, credit line, promotion, navigation list)
    and short lines (not bullet items or quotations), and containing at least one strong chrome
    line. Finally a photo credit at the end of a kept line (``... May 9. (Reuters)``) is cut
    off and recorded.

    Examples
    --------
    >>> clean("Mar 27, 2023 08:03 PM IST\\n\\nXi met Putin in Moscow.").removed[0].reason
    'dateline'
    >>> result = clean("Xi greets Putin in Moscow. (Photo: AFP/Getty Images)")
    >>> result.text, [(r.line, r.text, r.reason) for r in result.removed]
    ('Xi greets Putin in Moscow.', [(1, '(Photo: AFP/Getty Images)', 'photo credit')])
    """
    normalised, flags = _normalise(text)
    lines = normalised.split("\n")
    stripped = [line.strip() for line in lines]
    nonblank = [i for i, s in enumerate(stripped) if s]
    reasons: list[str | None] = [None] * len(lines)
    # Whole-line chrome patterns, then the lines holding a contains-hint.
    _mark_chrome(stripped, nonblank, reasons)
    for i in _hinted_lines(normalised):
        reasons[i] = reasons[i] or _contains_reason(stripped[i])

    _mark_page_title(stripped, nonblank, reasons)
    _mark_link_lists(stripped, reasons)

    cuts = _mark_repeated(stripped, nonblank, reasons)
    _mark_closing_block(stripped, nonblank, reasons)

    removed = [
        RemovedLine(i + 1, stripped[i], reason)
        for i, reason in enumerate(reasons)
        if reason is not None
    ]
    # The credits cut off the captions that are kept, recorded in line order with the rest.
    credits = [i for i in cuts if not reasons[i]]
    if credits:
        for i in credits:
            cut = cuts[i]
            removed.append(RemovedLine(i + 1, stripped[i][cut:].strip(), "photo credit"))
            line = lines[i].rstrip(" ")
            lines[i] = line[: len(line) - (len(stripped[i]) - cut)]
        removed.sort(key=lambda r: r.line)
    return CleanedText(_join_kept(lines, reasons), tuple(removed), tuple(flags))


def _mark_chrome(stripped: list[str], nonblank: list[int], reasons: list[str | None]) -> None:
    """The lines that whole-line chrome patterns match: strong ones (and gated ones, tried
    only on lines holding one of their hints) on short lines, long ones on lines up to
    :data:`_MAX_CHROME_LINE` characters."""
    for i in nonblank:
        line = stripped[i]
        if len(line) <= _SHORT_CHROME:
            reason = _first_fit(line, _STRONG_BY_TWO, _STRONG_BY_FIRST)
            if reason is not None:
                reasons[i] = reason
            elif line[0] == "S" and _SUPPORT_SITE.match(line):  # a call saved on other lines
                reasons[i] = "donation prompt"
            elif (
                "/" in line
                or "|" in line
                or "via" in line
                or "VIA" in line
                or "mages" in line
                or "MAGES" in line
                or "hoto" in line
                or "HOTO" in line
            ):
                reasons[i] = _gated_reason(line)
        elif len(line) <= _MAX_CHROME_LINE:
            reasons[i] = _first_fit(line, _LONG_BY_TWO, _LONG_BY_FIRST)


def _first_fit(
    line: str, by_two: dict[str, tuple[_Tried, ...]], by_first: dict[str, tuple[_Tried, ...]]
) -> str | None:
    """The reason of the first pattern that matches ``line``, of those its first two
    characters allow (see :func:`_by_prefix`), else None."""
    tried = by_two.get(line[:2].lower())
    if tried is None:
        tried = by_first.get(line[0].lower(), ())
    for reason, fits in tried:
        if fits(line):
            return reason
    return None


def _credit_cut(line: str) -> int | None:
    """Where a photo credit at the end of a caption starts, if the line ends with one."""
    # A credit ends with ')' or with a name: most lines end with a period or a quote.
    end = line[-1]
    if end == ")" or (
        end.isalnum() and (line.endswith("PREMIUM") or line.find(": ", -_CREDIT_TAIL) >= 0)
    ):
        tail = line[-_CREDIT_TAIL:]
        match = _INLINE_CREDIT.search(tail)
        if match:
            return len(line) - len(tail) + match.start()
    return None


def _mark_repeated(
    stripped: list[str], nonblank: list[int], reasons: list[str | None]
) -> dict[int, int]:
    """Mark the copies of a line printed twice (a caption, a pull quote); return where a photo
    credit starts on each line not removed that ends with one.

    Lines are compared without their photo credits, and only those of 30 characters or more
    are copies. The first copy without a credit is kept, so the sentence reads as prose (else
    the first copy); the other copies are removed. Lines already removed are no copies.
    """
    cuts: dict[int, int] = {}
    first: dict[str, int] = {}  # line without credit: the first line that reads so
    copies: dict[int, list[int]] = {}  # that first line: every line that reads so, in order
    for i in nonblank:
        if reasons[i]:
            continue
        line = stripped[i]
        key = line
        # A credit ends with ')' or a name: a line ending otherwise (most end with a period or
        # a quote) is its own key, without the calls below.
        if line[-1] == ")" or line[-1].isalnum():
            cut = _credit_cut(line)
            if cut is not None:
                cuts[i] = cut
                key = line[:cut]
            elif line.endswith((")", "PREMIUM")):
                key = _CREDIT_SUFFIX.sub("", line)
        if len(key) >= 30:  # shorter lines are no copies
            seen = first.setdefault(key, i)
            if seen != i:
                copies.setdefault(seen, [seen]).append(i)
    for found in copies.values():
        keeper = next((i for i in found if _plain_copy(stripped[i], i, cuts)), found[0])
        for i in found:
            if i != keeper:
                reasons[i] = "repeated line"
    return cuts


def _plain_copy(line: str, i: int, cuts: dict[int, int]) -> bool:
    """Whether line ``i`` reads as prose: it has no photo credit to cut or strip."""
    return i not in cuts and not line.endswith((")", "PREMIUM"))


def _mark_page_title(stripped: list[str], nonblank: list[int], reasons: list[str | None]) -> None:
    """The browser title (the headline with the site name appended) and the menu below it.

    The headline is looked for among the next five lines, or further down past menu lines only
    (short lines and chrome): a page saved with its site navigation can have dozens.
    """
    if len(nonblank) < 2:
        return
    first = stripped[nonblank[0]]
    menu = True  # every line so far is chrome or short
    for n, j in enumerate(nonblank[1:_TITLE_MENU_LIMIT], start=1):
        heading = stripped[j]
        if len(heading) >= 20 and first != heading and first.startswith(heading):
            reasons[nonblank[0]] = "page title"
            # What stands between the title and the headline is the site's header: menus.
            for k in nonblank[1:n]:
                if not reasons[k] and _is_short(stripped[k]):
                    reasons[k] = "page header"
            return
        menu = menu and bool(reasons[j] or _is_short(heading))
        if n >= _TITLE_LOOKAHEAD and not menu:
            return


def _mark_link_lists(stripped: list[str], reasons: list[str | None]) -> None:
    """Headlines or tags listed right below 'Related:', 'Read more', 'Topics' (same paragraph)."""
    if "page control" not in reasons:  # every list heading is a page control: one C scan
        return
    scanned = 0  # lines below this were looked at for an earlier heading of the same list
    for i, reason in enumerate(reasons):
        if i >= scanned and reason == "page control" and _LIST_HEADING.fullmatch(stripped[i]):
            for j in range(i + 1, len(stripped)):
                scanned = j
                below = stripped[j]
                if not below or not (reasons[j] or _is_link(below)):
                    break
                reasons[j] = reasons[j] or "link list"
            else:
                scanned = len(stripped)


def _mark_closing_block(
    stripped: list[str], nonblank: list[int], reasons: list[str | None]
) -> None:
    """The run of chrome, weak chrome and short lines that closes a page, when it holds at
    least one strong chrome line. A bullet item or a quoted line ends the run: article text."""
    if not set(reasons).difference((None, "repeated line")):  # no chrome line to close with
        return
    block: list[tuple[int, str | None]] = []  # (line, weak reason), from the end
    for i in reversed(nonblank):
        line = stripped[i]
        weak = None if reasons[i] else _weak_reason(line)
        if reasons[i] or weak or (_is_short(line) and not _LIST_OR_QUOTE.match(line)):
            block.append((i, weak))
            continue
        break
    if any(reasons[i] and reasons[i] != "repeated line" for i, _ in block):
        for i, weak in block:
            reasons[i] = reasons[i] or weak or "closing page chrome"


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
