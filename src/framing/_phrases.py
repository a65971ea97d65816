"""The one rule for when two phrases are the same phrase to the matcher.

A cue, a negator, a marker or an alias is a *literal phrase*: words between word separators.
Two phrases are the same when their :func:`phrase_key` is: case folded the way the matcher's
case-insensitive pattern folds it, ``’`` read as ``'``, and any run of separators (white space,
hyphens, dashes: :data:`WORD_SEPARATORS`) read as one space. :class:`framing._text.PhraseMatcher`
builds its pattern from these keys and resolves every match through them, and
:func:`framing.check_lexicon` finds duplicate cues by them, so a lexicon can never hold two cues
that the matcher would fold into one (``junior partner`` and ``junior–partner``).

Examples
--------
>>> phrase_key("Junior–Partner")
'junior partner'
>>> phrase_key("Xi’s  best-friend*")
"xi's best friend*"
>>> phrase_words("- -")
[]
"""

from __future__ import annotations

import re

__all__ = ["APOSTROPHES", "WORD_SEPARATORS", "lower_case_matches", "phrase_key", "phrase_words"]

#: What separates the words of a phrase, as the body of a regular-expression character class:
#: white space, the hyphen-minus, the Unicode hyphen and non-breaking hyphen, the en and em dash.
WORD_SEPARATORS = r"\s\-\u2010\u2011\u2013\u2014"
#: The apostrophes a phrase's ``'`` matches (straight and typographic).
APOSTROPHES = "'\u2019"

_SEPARATOR_RUN = re.compile(f"[{WORD_SEPARATORS}]+")
# Case-insensitive patterns (re.IGNORECASE) treat these characters as the same letter as the
# second string's, where str.lower() keeps them apart ('ς' and 'σ', 'ſ' and 's', 'ı' and 'i')
# or changes the length ('İ'.lower() is 'i' and a combining dot, which the 'İ' of a text never
# matches). Folding them first makes a key mean what the pattern matches.
_CASE_FOLD = str.maketrans(
    "\xb5\u0130\u0131\u017f\u0345\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5"
    "\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e9b\u1fbe",
    "\u03bciis\u03b9\u03c3\u03b2\u03b8\u03c6\u03c0\u03ba\u03c1\u03b5"
    "\u0432\u0434\u043e\u0441\u0442\u0442\u044a\u0463\ua64b\u1e61\u03b9",
)

# Lower-case letters that the fold above changes: text.lower() holding one of them cannot stand
# in for the text in a case-sensitive scan (the pattern's 'i' must also match its 'ı').
# Tested one by one with ``in``: a search for one character runs at memchr speed, several
# times faster than a character class over the whole text.
_FOLDED_LOWER = (
    "\xb5\u0131\u017f\u0345\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5"
    "\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e9b\u1fbe"
)


def lower_case_matches(text: str, lowered: str) -> bool:
    """Can the matcher scan ``lowered`` (``text.lower()``) without case folding, and find what
    the case-folding scan of ``text`` finds? Not when lower-casing changed the length (``İ``)
    or left a letter that keys fold to another (``ı``, ``ſ``, final ``ς``).

    Examples
    --------
    >>> lower_case_matches("Junior Partner", "junior partner"), lower_case_matches("ſo", "ſo")
    (True, False)
    """
    return len(lowered) == len(text) and (
        lowered.isascii() or not any(map(lowered.__contains__, _FOLDED_LOWER))
    )


def phrase_words(phrase: str) -> list[str]:
    """The words of a phrase: the text between runs of word separators, none empty.

    Parameters
    ----------
    phrase : str

    Returns
    -------
    list of str
        Empty when the phrase is only separators (``'-'``): such a phrase matches nothing.

    Examples
    --------
    >>> phrase_words(" marriage-of\u2014convenience ")
    ['marriage', 'of', 'convenience']
    """
    return [word for word in _SEPARATOR_RUN.split(phrase) if word]


def phrase_key(phrase: str, *, case_sensitive: bool = False) -> str:
    """The normal form of a phrase or of a matched text: equal keys, one phrase to the matcher.

    Parameters
    ----------
    phrase : str
    case_sensitive : bool, default=False
        Keep the case (for acronyms that must not match a common word: ``US`` and ``us``).

    Returns
    -------
    str
        The words joined by one space, ``’`` as ``'``, case folded unless ``case_sensitive``;
        empty when the phrase is only separators.

    Examples
    --------
    >>> phrase_key("Junior\u2013partner") == phrase_key("junior partner")
    True
    >>> phrase_key("US-led", case_sensitive=True)
    'US led'
    """
    text = phrase.replace("\u2019", "'")
    if not case_sensitive:
        # 'İ' before lower(), which would make it two characters; the others after it, which
        # writes a word's last 'σ' as 'ς' ('ΟΛΟΣ' -> 'ολος').
        text = text.replace("\u0130", "i").lower().translate(_CASE_FOLD)
    return " ".join(phrase_words(text))
