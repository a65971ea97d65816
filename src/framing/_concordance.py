"""Concordances (keyword in context, KWIC) of a sentence table.

:func:`concordance` lists every occurrence of a word, a phrase, a regular expression or a
matched lexicon cue in the sentences of a table, with the text to its left and right and the
sentence's voice and labels, so that a reader can see how a term is used before trusting a
count of it. :func:`format_concordance` renders the result as an aligned table (keywords in one
column, left context right-aligned), as quanteda's ``kwic`` prints.
"""

from __future__ import annotations

import re
from typing import Any, Literal

import pandas as pd

from ._escape import markdown_text, neutralise_frame, one_line
from ._table import AxesLike, cue_list, table_axes
from ._validation import check_bool, check_choice, check_int
from .errors import InputError, ParameterError

__all__ = ["concordance", "format_concordance", "CONCORDANCE_FORMATS"]

#: The formats of :func:`format_concordance`: tabulate's names, and CSV or JSON of the table.
CONCORDANCE_FORMATS = ("plain", "github", "pipe", "latex", "html", "csv", "json")

_KEYS = ("doc_id", "outlet", "sent_id")
_CONTEXT = ("left", "keyword", "right")
_SENTENCE = ("voice", "speaker", "relevant")


def concordance(
    sents: pd.DataFrame,
    pattern: str | None = None,
    *,
    cue: str | None = None,
    width: int = 40,
    regex: bool = False,
    ignore_case: bool = True,
    axes: AxesLike = None,
) -> pd.DataFrame:
    """Every occurrence of a pattern or a matched cue in a sentence table, in its context.

    Parameters
    ----------
    sents : pandas.DataFrame
        A table with a ``text`` column: the sentence table of :func:`framing.score` (also read
        back from a file), or any table of texts.
    pattern : str, optional
        What to find. By default a word or a phrase, matched literally and as whole words:
        ``"partner"`` finds "partner" and "Partner" but not "partners" or "partnership";
        the words of a phrase may be separated by any run of white space (``"junior partner"``
        finds "junior\\npartner"). With ``regex=True`` a Python regular expression
        (``r"partner(s|ship)?"``), matched as it is.
    cue : str, optional
        Instead of ``pattern``: the occurrences of a lexicon cue the scorer matched, from the
        ``cues`` column. Names a cue as the lexicon spells it (``"friendship*"``) or the text it
        matched (``"friendship"``), ignoring case. Every match counts, negated or not; the
        sentence's labels say what the scorer made of it.
    width : int, default=40
        Characters of context on each side, within the sentence.
    regex : bool, default=False
        Read ``pattern`` as a regular expression.
    ignore_case : bool, default=True
        Match ``pattern`` whatever its case.
    axes : None, list of str or dict, default=None
        The axes whose ``<axis>_label`` columns are carried over. None: every axis of the table
        (none when the table has no label column); a list or dict as in :func:`framing.compare`.

    Returns
    -------
    pandas.DataFrame
        One row per occurrence, in table order and then by position in the sentence, with
        columns:

        - ``doc_id``, ``outlet``, ``sent_id``: the sentence's (missing when the table lacks the
          column);
        - ``left`` (str): up to ``width`` characters of the sentence before the keyword;
        - ``keyword`` (str): the text matched, as it is written;
        - ``right`` (str): up to ``width`` characters of the sentence after it;

        so that ``left + keyword + right`` is a piece of the sentence; then, when the table
        has them, ``voice``, ``speaker``, ``relevant`` and ``<axis>_label`` for each axis. An
        empty result keeps these columns.

    Raises
    ------
    ParameterError
        Neither or both of ``pattern`` and ``cue``; an empty pattern; a regular expression that
        does not compile or matches the empty string; a bad ``width``, ``regex`` or
        ``ignore_case``; an unknown axis.
    InputError
        ``sents`` is not a DataFrame, has no ``text`` column, or (with ``cue``) no ``cues`` and
        ``start`` columns.

    See Also
    --------
    framing.evidence : the sentences behind one pole, with their cues marked.
    format_concordance : the result as an aligned table.

    Examples
    --------
    Constructed sentences (not from any article):

    >>> import pandas as pd
    >>> table = pd.DataFrame({
    ...     "doc_id": ["d1", "d1", "d2"], "outlet": ["A", "A", "B"], "sent_id": [0, 1, 0],
    ...     "text": ["Russia is the junior partner now.", "Partners, not rivals.",
    ...              "A junior\\npartner? Never a junior partner."]})
    >>> concordance(table, "junior partner", width=8)
      doc_id outlet  sent_id      left          keyword     right
    0     d1      A        0   is the    junior partner      now.
    1     d2      B        0        A   junior\\npartner  ? Never
    2     d2      B        0  Never a    junior partner         .
    >>> concordance(table, r"partners?", regex=True, width=5)["keyword"].tolist()
    ['partner', 'Partners', 'partner', 'partner']
    """
    if not isinstance(sents, pd.DataFrame):
        raise InputError(
            f"concordance needs a pandas DataFrame with a 'text' column (the sentence table of "
            f"framing.score); got {type(sents).__name__}."
        )
    if "text" not in sents.columns:
        raise InputError(
            "concordance needs a 'text' column; the table has: "
            + (", ".join(str(c) for c in sents.columns) or "no columns")
            + "."
        )
    check_int(width, "width", min_val=0)
    check_bool(regex, "regex")
    check_bool(ignore_case, "ignore_case")
    if (pattern is None) == (cue is None):
        raise ParameterError(
            "pattern", pattern, "a pattern or a cue, not both and not neither",
            "Give concordance(sents, 'word') or concordance(sents, cue='cue')",
        )  # fmt: skip
    labels = [f"{axis}_label" for axis in _axes(sents, axes)]
    if pattern is not None:
        spans = _pattern_spans(sents, _compile(pattern, regex, ignore_case))
    else:
        spans = _cue_spans(sents, cue)
    return _rows(sents, spans, int(width), labels)


def format_concordance(
    kwic: pd.DataFrame,
    fmt: Literal["plain", "github", "pipe", "latex", "html", "csv", "json"] = "plain",
    *,
    safe_csv: bool = False,
) -> str:
    """A concordance as text: keywords in one column, left context right-aligned.

    Parameters
    ----------
    kwic : pandas.DataFrame
        What :func:`concordance` returns.
    fmt : {"plain", "github", "pipe", "latex", "html", "csv", "json"}, default="plain"
        tabulate's table formats, showing ``doc_id``, ``sent_id``, ``left``, ``keyword`` and
        ``right`` on one line each; ``"csv"`` and ``"json"`` (an array of objects) give every
        column.
    safe_csv : bool, default=False
        With ``fmt="csv"``: put a ``'`` before text cells that start with ``=``, ``+``, ``-``,
        ``@``, a tab or a carriage return, so that a spreadsheet does not run them.

    Returns
    -------
    str
        Text from the data is never markup: escaped for Markdown in ``github`` and ``pipe``,
        for HTML in ``html`` and for LaTeX in ``latex``; line breaks become spaces.

    Raises
    ------
    ParameterError
        An unknown ``fmt``.
    InputError
        ``kwic`` lacks a column of :func:`concordance`'s result.

    Examples
    --------
    Constructed sentences (not from any article):

    >>> import pandas as pd
    >>> table = pd.DataFrame({"doc_id": ["d1", "d2"], "sent_id": [0, 3],
    ...     "text": ["Moscow is now the junior partner.", "Not a junior partner at all."]})
    >>> print(format_concordance(concordance(table, "junior partner", width=12)))
    doc_id      sent_id          left  keyword         right
    d1                0  is now the    junior partner  .
    d2                3        Not a   junior partner   at all.
    """
    check_choice(fmt, "fmt", CONCORDANCE_FORMATS)
    check_bool(safe_csv, "safe_csv")
    missing = [c for c in (*_KEYS, *_CONTEXT) if c not in getattr(kwic, "columns", ())]
    if not isinstance(kwic, pd.DataFrame) or missing:
        raise InputError(
            "format_concordance needs the table of framing.concordance; missing: "
            + ", ".join(missing or ["a DataFrame"])
            + "."
        )
    if fmt == "csv":
        frame = neutralise_frame(kwic) if safe_csv else kwic
        return str(frame.to_csv(index=False, lineterminator="\n"))
    if fmt == "json":
        return str(kwic.to_json(orient="records", force_ascii=False, indent=2))
    from tabulate import tabulate

    cell = markdown_text if fmt in ("github", "pipe") else one_line
    headers = ["doc_id", "sent_id", "left", "keyword", "right"]
    body = [
        [cell("" if pd.isna(v) else v) for v in row]
        for row in kwic[headers].itertuples(index=False, name=None)
    ]
    return str(
        tabulate(
            body,
            headers=headers,
            tablefmt=fmt,
            disable_numparse=True,
            colalign=("left", "right", "right", "left", "left"),
        )  # fmt: skip
    )


def _axes(sents: pd.DataFrame, axes: AxesLike) -> list[str]:
    """The axes whose labels are carried over: every axis of the table when it has any."""
    if axes is None and not any(str(c).endswith("_label") for c in sents.columns):
        return []
    resolved = table_axes(sents, axes)
    return [axis for axis in resolved if f"{axis}_label" in sents.columns]


def _compile(pattern: Any, regex: bool, ignore_case: bool) -> re.Pattern[str]:
    """The pattern as a compiled expression (a literal phrase on word boundaries by default)."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise ParameterError(
            "pattern", pattern, "a non-empty string: a word, a phrase or (regex=True) a "
            "regular expression",
        )  # fmt: skip
    flags = re.IGNORECASE if ignore_case else 0
    if regex:
        try:
            compiled = re.compile(pattern, flags)
        except re.error as exc:
            raise ParameterError(
                "pattern", pattern, "a valid regular expression", f"{exc}; with regex=False "
                "the pattern is matched literally",
            ) from exc  # fmt: skip
        if compiled.fullmatch(""):
            raise ParameterError(
                "pattern", pattern, "a regular expression that does not match the empty "
                "string",
            )  # fmt: skip
        return compiled
    words = [re.escape(word) for word in pattern.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", flags)


def _pattern_spans(sents: pd.DataFrame, compiled: re.Pattern[str]) -> list[tuple[int, int, int]]:
    """(row position, start, end) of every match, offsets within the sentence."""
    spans: list[tuple[int, int, int]] = []
    for position, text in enumerate(sents["text"].tolist()):
        if isinstance(text, str):
            spans.extend((position, m.start(), m.end()) for m in compiled.finditer(text))
    return spans


def _cue_spans(sents: pd.DataFrame, cue: Any) -> list[tuple[int, int, int]]:
    """(row position, start, end) of every matched cue named ``cue``, within the sentence."""
    if not isinstance(cue, str) or not cue.strip():
        raise ParameterError("cue", cue, "a cue of the lexicon, as a non-empty string")
    missing = [c for c in ("cues", "start") if c not in sents.columns]
    if missing:
        raise InputError(
            f"concordance(cue=...) reads the matched cues of a sentence table; the table has "
            f"no {' and no '.join(repr(c) for c in missing)} column. Score the texts with "
            "framing.score first, or give a pattern."
        )
    wanted = cue.strip().casefold()
    spans: list[tuple[int, int, int]] = []
    for position, (cues, start, text) in enumerate(
        zip(sents["cues"].tolist(), sents["start"].tolist(), sents["text"].tolist(), strict=True)
    ):
        if not isinstance(text, str):
            continue
        found = {
            (int(c["start"]) - int(start), int(c["end"]) - int(start))
            for c in cue_list(cues)
            if wanted in (str(c["cue"]).casefold(), str(c.get("term", "")).casefold())
        }
        spans.extend((position, a, b) for a, b in sorted(found))
    return spans


def _rows(
    sents: pd.DataFrame, spans: list[tuple[int, int, int]], width: int, labels: list[str]
) -> pd.DataFrame:
    """The result table from the spans."""
    extra = [c for c in (*_SENTENCE, *labels) if c in sents.columns]
    positions = [p for p, _, _ in spans]
    texts = sents["text"].tolist()
    columns: dict[str, Any] = {}
    for name in _KEYS:
        values = sents[name].iloc[positions] if name in sents.columns else None
        columns[name] = values.tolist() if values is not None else [None] * len(spans)
    columns["left"] = [texts[p][max(0, a - width) : a] for p, a, _ in spans]
    columns["keyword"] = [texts[p][a:b] for p, a, b in spans]
    columns["right"] = [texts[p][b : b + width] for p, _, b in spans]
    for name in extra:
        columns[name] = sents[name].iloc[positions].tolist()
    frame = pd.DataFrame(columns, columns=[*_KEYS, *_CONTEXT, *extra])
    for name in (*_KEYS, *extra):
        if name in sents.columns:  # keep the table's dtypes (sent_id stays an integer)
            frame[name] = frame[name].astype(sents[name].dtype)
    for name in _CONTEXT:
        frame[name] = frame[name].astype(object)
    return frame
