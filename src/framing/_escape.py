"""One escaping layer for text that goes into Markdown, Markdown tables and CSV files.

Outlet names, titles, article text and speakers are data: in ``report.md`` and in the ``github``
and ``pipe`` tables they must read as text, never as markup. :func:`markdown_text` turns HTML
(``<img onerror=...>``, ``<!-- ... -->``, a decoded ``<script>``) into entities and
backslash-escapes the characters of Markdown links, images and code spans, so
``[x](javascript:alert(1))`` and ``![](http://remote/x.png)`` stay literal; line breaks become
spaces; ``|`` is escaped too, so that a table cell never adds a column.

A spreadsheet runs a CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula (OWASP's "CSV injection"). :func:`neutralise_formula` puts a single quote
before such a text (and before a quote that already guards one, so that
:func:`restore_formula` gives the text back exactly); numbers are never touched.

Examples
--------
>>> markdown_text("<b>Xinhua</b> | [x](javascript:alert(1))")
'&lt;b&gt;Xinhua&lt;/b&gt; \\\\| \\\\[x\\\\]\\\\(javascript&#58;alert\\\\(1\\\\)\\\\)'
>>> neutralise_formula("=HYPERLINK(1)"), neutralise_formula(-1.5)
("'=HYPERLINK(1)", -1.5)
>>> restore_formula(neutralise_formula("'=1"))
"'=1"
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported where a table is neutralised, not with the CLI's parser
    import pandas as pd

__all__ = [
    "FORMULA_PREFIXES",
    "markdown_text",
    "neutralise_formula",
    "neutralise_frame",
    "one_line",
    "restore_formula",
]

#: First characters that make a spreadsheet read a CSV cell as a formula (OWASP).
FORMULA_PREFIXES = frozenset({"=", "+", "-", "@", "\t", "\r"})
_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
# Markdown's link, image and code characters, the table's column separator, the backslash.
_MARKDOWN = re.compile(r"([\\`\[\]()!|])")
_SCRIPT_SCHEME = re.compile(r"\b(java|vb)script:", re.IGNORECASE)


def one_line(text: object) -> str:
    """``text`` as a string on one line: every line break (CR, LF, CRLF ...) becomes a space."""
    return _BREAKS.sub(" ", "" if text is None else str(text))


def markdown_text(text: object) -> str:
    """``text`` as literal Markdown text (also a table cell): HTML as entities; link, image,
    code-span and ``|`` characters backslash-escaped; ``javascript:`` broken up; on one line.
    Emphasis (``*``, ``_``) is left alone: it changes how text looks, never what it does."""
    value = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MARKDOWN.sub(r"\\\1", value)
    return _SCRIPT_SCHEME.sub(r"\1script&#58;", value)


def neutralise_formula(value: Any) -> Any:
    """A text a spreadsheet would run as a formula, with a ``'`` in front; anything else as is.

    A text that starts with quotes followed by a formula character gets one more quote, so that
    :func:`restore_formula` can tell the two apart.
    """
    if not isinstance(value, str) or not value:
        return value
    if value[0] in FORMULA_PREFIXES or (
        value[0] == "'" and value.lstrip("'")[:1] in FORMULA_PREFIXES
    ):
        return "'" + value
    return value


def restore_formula(value: Any) -> Any:
    """The text before :func:`neutralise_formula`: one leading ``'`` before a formula removed."""
    if isinstance(value, str) and value[:1] == "'" and value.lstrip("'")[:1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are neutralised; number columns are left alone."""
    import pandas as pd

    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            out[name] = column.map(neutralise_formula)
    return out
