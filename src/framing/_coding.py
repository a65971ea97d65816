"""Growing the coded set: pick the sentences worth coding, write a sheet, read it back.

The loop: :func:`suggest_for_coding` ranks the relevant sentences of a :func:`framing.score`
table by how unsure a fitted :class:`~framing.FrameClassifier` is about them
(uncertainty sampling); :func:`write_coding_sheet` writes them to a CSV with empty coding columns
for a coder to fill in by the codebook (``docs/codebook.md``); :func:`read_coding` reads the
filled sheet back, checks every value, and returns the texts and labels that
:meth:`FrameClassifier.fit <framing.FrameClassifier.fit>` takes.

Examples
--------
Constructed sentences; the coder is simulated by filling the sheet in pandas:

>>> import tempfile, pathlib, pandas as pd
>>> from framing._classify import FrameClassifier
>>> from framing._scoring import score
>>> texts = ["Russia is China's junior partner.", "Moscow depends on Beijing.",
...          "China and Russia meet as equals.", "Xi and Putin act as equals.",
...          "Trade between China and Russia rose.", "Xi and Putin met in May."]
>>> model = FrameClassifier(axis="power").fit(
...     texts, ["junior", "junior", "equal", "equal", "none", "none"])
>>> sents = score(["Xi needs Putin less than Putin needs Xi. Putin and Xi dined."])
>>> picked = suggest_for_coding(sents, model, n=1)
>>> path = pathlib.Path(tempfile.mkdtemp()) / "sheet.csv"
>>> _ = write_coding_sheet(picked, path)
>>> sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
>>> sheet.loc[0, ["relevant", "power", "bond", "voice"]] = ["yes", "junior", "none", "narrator"]
>>> sheet.to_csv(path, index=False)
>>> coded = read_coding(path)
>>> coded[["text", "power"]].values.tolist()
[['Xi needs Putin less than Putin needs Xi.', 'junior']]
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.utils.validation import check_is_fitted

from ._classify import NONE, FrameClassifier
from ._escape import neutralise_frame, restore_formula
from ._files import atomic_path
from ._lexicon import Lexicon, load_lexicon
from ._random import SeedLike, as_generator
from ._validation import check_int
from .errors import CorpusError, FramingWarning, InputError, ParameterError

__all__ = ["suggest_for_coding", "write_coding_sheet", "read_coding", "VOICES", "RELEVANT"]

#: Values of the ``relevant`` column of a coding sheet.
RELEVANT = ("yes", "no")
#: Values of the ``voice`` column of a coding sheet.
VOICES = ("narrator", "source")
_ID_COLUMNS = ("doc_id", "outlet", "sent_id", "start", "end")
_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    """A sentence's identity for "already coded": case and spacing do not count."""
    return _SPACE.sub(" ", text).strip().casefold()


def _models(model: Any) -> list[FrameClassifier]:
    models = [model] if isinstance(model, FrameClassifier) else None
    if models is None:
        if isinstance(model, (str, bytes)) or not isinstance(model, Iterable):
            raise ParameterError(
                "model", type(model).__name__, "a fitted FrameClassifier or a list of them"
            )
        models = list(model)
        if not models or not all(isinstance(m, FrameClassifier) for m in models):
            raise ParameterError(
                "model", model, "a fitted FrameClassifier or a non-empty list of them"
            )
    axes = [m.axis for m in models]
    if len(set(axes)) != len(axes):
        raise ParameterError("model", axes, "at most one classifier per axis")
    for m in models:
        check_is_fitted(m, "pipeline_")
    return models


def suggest_for_coding(
    sents: pd.DataFrame,
    model: FrameClassifier | Sequence[FrameClassifier],
    n: int = 50,
    *,
    coded: pd.DataFrame | Iterable[str] | None = None,
    seed: SeedLike = 0,
) -> pd.DataFrame:
    """The sentences whose coding would help the classifier most: those it is least sure of.

    Uncertainty sampling by the smallest margin: for each relevant sentence not yet coded,
    ``margin = p1 - p2``, the gap between the two highest calibrated probabilities; with several
    models (one per axis) a sentence counts with its smallest margin. The ``n`` sentences with
    the smallest margins come first.

    Parameters
    ----------
    sents : pandas.DataFrame
        Sentences with a ``text`` column, e.g. :func:`framing.score` output; when it has a
        ``relevant`` column only relevant sentences are candidates.
    model : FrameClassifier or sequence of FrameClassifier
        Fitted classifier(s), at most one per axis.
    n : int, default=50
        How many sentences to return (fewer when fewer are candidates).
    coded : DataFrame with a ``text`` column, sequence of str, or None, default=None
        Sentences already coded (e.g. :func:`read_coding` output, or the training texts); they
        and their repeats are left out. Texts match regardless of case and spacing.
    seed : int, numpy.random.Generator or None, default=0
        Breaks ties between equal margins.

    Returns
    -------
    pandas.DataFrame
        One row per suggested sentence, most uncertain first, with columns ``rank`` (1, 2,
        ...), the columns of ``doc_id, outlet, sent_id, start, end`` that ``sents`` has,
        ``text``, ``margin`` (float in [0, 1]), ``axis`` (the model axis with that margin), then
        for each model axis ``X``: ``X_predicted`` (label) and ``X_probability`` (its
        probability). Repeated sentences appear once.

    Raises
    ------
    InputError
        ``sents`` is not a DataFrame with a ``text`` column of strings.
    ParameterError
        ``n`` is not a positive integer, or ``model`` is not fitted classifiers.

    See Also
    --------
    write_coding_sheet, read_coding

    References
    ----------
    Settles, B. (2009). Active learning literature survey. Computer Sciences Technical Report
    1648, University of Wisconsin-Madison (margin sampling, section 3.1).

    Examples
    --------
    See the module docstring.
    """
    if not isinstance(sents, pd.DataFrame) or "text" not in sents.columns:
        raise InputError(
            "sents must be a DataFrame with a 'text' column, such as framing.score output."
        )
    n = check_int(n, "n", min_val=1)
    models = _models(model)
    rng = as_generator(seed)
    ids = [c for c in _ID_COLUMNS if c in sents.columns]
    axes = [m.axis for m in models]
    columns = ["rank", *ids, "text", "margin", "axis",
               *(c for a in axes for c in (f"{a}_predicted", f"{a}_probability"))]  # fmt: skip
    frame = sents
    if "relevant" in frame.columns:
        frame = frame[frame["relevant"].fillna(False).astype(bool)]
    texts = frame["text"]
    if not texts.map(lambda t: isinstance(t, str)).all():
        raise InputError("sents['text'] must hold strings only.")
    keys = texts.map(_key)
    done: set[str] = set()
    if coded is not None:
        if isinstance(coded, pd.DataFrame):
            if "text" not in coded.columns:
                raise InputError("coded must have a 'text' column, or be a list of texts.")
            coded = coded["text"]
        if isinstance(coded, (str, bytes)):
            raise InputError("coded must be a list of texts, not a single string.")
        done = {_key(str(t)) for t in coded}
    keep = ~keys.isin(done) & ~keys.duplicated()
    frame, keys = frame[keep.to_numpy()], keys[keep.to_numpy()]
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    candidate_texts = frame["text"].tolist()
    margins = np.empty((len(models), len(frame)))
    out: dict[str, Any] = {}
    for i, m in enumerate(models):
        proba = m.predict_proba(candidate_texts)
        top2 = -np.sort(-proba, axis=1)[:, :2]
        margins[i] = top2[:, 0] - top2[:, 1]
        out[f"{m.axis}_predicted"] = m.predict(candidate_texts)
        out[f"{m.axis}_probability"] = proba.max(axis=1)
    which = margins.argmin(axis=0)
    margin = margins.min(axis=0)
    order = np.lexsort((rng.random(margin.size), margin))[:n]
    result = frame.loc[:, [*ids, "text"]].iloc[order].reset_index(drop=True)
    result.insert(0, "rank", np.arange(1, order.size + 1, dtype=np.int64))
    result["margin"] = margin[order]
    result["axis"] = np.asarray(axes, dtype=object)[which[order]]
    for name, values in out.items():
        result[name] = np.asarray(values)[order]
    return result.loc[:, columns]


def write_coding_sheet(
    sentences: pd.DataFrame | Iterable[str],
    path: str | os.PathLike[str],
    *,
    lexicon: str | os.PathLike[str] | Lexicon = "relationship",
    safe_csv: bool = True,
) -> Path:
    """Write sentences to a CSV coding sheet with empty columns for the coder.

    The sheet carries no model output, so the coder codes blind. It is meant to be opened in a
    spreadsheet, so by default a text that a spreadsheet would run as a formula gets a ``'`` in
    front (see ``safe_csv``); :func:`read_coding` takes it off again.

    Parameters
    ----------
    sentences : DataFrame with a ``text`` column, or sequence of str
        E.g. :func:`suggest_for_coding` output.
    path : str or os.PathLike
        The CSV file to write (UTF-8, overwritten).
    lexicon : str, path or Lexicon, default='relationship'
        Its axes name the coding columns.
    safe_csv : bool, default=True
        Put a single quote before a text cell (a sentence, an id, an outlet) that starts with
        ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and before one that starts
        with quotes followed by one of those (OWASP's advice against CSV formula injection).
        This changes those cells in the file; numbers are never changed. False writes every
        cell as it is.

    Returns
    -------
    pathlib.Path
        ``path``.

    Notes
    -----
    Columns: the identifying columns present (``doc_id, outlet, sent_id, start, end``),
    ``text``, then empty ``relevant`` (yes/no), one column per axis (its two poles or
    ``none``), ``voice`` (narrator/source), ``speaker`` and ``note``, as in
    ``docs/codebook.md``.

    Raises
    ------
    InputError
        No ``text`` column, or a bare string for ``sentences``.
    """
    if isinstance(sentences, (str, bytes)):
        raise InputError("sentences must be a DataFrame or a list of texts, not a single string.")
    if isinstance(sentences, pd.DataFrame):
        if "text" not in sentences.columns:
            raise InputError("sentences must have a 'text' column.")
        ids = [c for c in _ID_COLUMNS if c in sentences.columns]
        sheet = sentences.loc[:, [*ids, "text"]].reset_index(drop=True)
    else:
        sheet = pd.DataFrame({"text": list(sentences)})
    lex = load_lexicon(lexicon)
    if safe_csv:
        sheet = neutralise_frame(sheet)
    for column in ("relevant", *lex.axis_names, "voice", "speaker", "note"):
        sheet[column] = ""
    target = Path(path)
    with atomic_path(target) as temporary:
        # CRLF line ends (RFC 4180, as spreadsheets write): a text with a CR is then quoted.
        sheet.to_csv(temporary, index=False, lineterminator="\r\n", encoding="utf-8")
    return target


def read_coding(
    path: str | os.PathLike[str],
    *,
    lexicon: str | os.PathLike[str] | Lexicon = "relationship",
) -> pd.DataFrame:
    """Read a filled coding sheet, checking every column and value.

    Parameters
    ----------
    path : str or os.PathLike
        A CSV with the columns of :func:`write_coding_sheet`: ``text``, ``relevant`` and one
        column per axis are required; ``voice``, ``speaker``, ``note`` and the identifying
        columns are optional.
    lexicon : str, path or Lexicon, default='relationship'
        Its axes and poles are the allowed codes.

    Returns
    -------
    pandas.DataFrame
        One row per coded sentence, in file order: the identifying columns present,
        ``text``, ``relevant`` ('yes'/'no'), one column per axis (a pole or 'none'), ``voice``
        ('narrator'/'source', or None when the sheet has no voice column), ``speaker``
        (str or None) and ``note`` (str). Codes are lower-cased and stripped. Train with
        ``FrameClassifier(axis="power").fit(coded["text"], coded["power"])``, or on
        ``coded[coded["relevant"] == "yes"]`` as the bundled model is. The quote that
        :func:`write_coding_sheet` puts before a formula-like text (``safe_csv``) is taken off
        the text and identifying columns, so that texts read back as they were.

    Raises
    ------
    CorpusError
        The file cannot be read; required columns are missing (the message names them); or
        values are stray, missing in a partly coded row, or a row coded not relevant carries a
        pole (the codebook codes such rows ``none``). The message lists the rows (1-based data
        rows, the header not counted) and ``row`` holds the first.

    Warns
    -----
    FramingWarning
        When rows with no code at all were skipped as not yet coded.

    Examples
    --------
    See the module docstring.
    """
    source = Path(path)
    try:
        frame = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CorpusError(f"{source}: cannot read the coding sheet: {exc}", path=source) from exc
    lex = load_lexicon(lexicon)
    frame.columns = [str(c).strip() for c in frame.columns]
    required = ["text", "relevant", *lex.axis_names]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise CorpusError(
            f"{source}: missing column(s) {', '.join(map(repr, missing))}; a coding sheet has "
            f"{', '.join(required)} (voice, speaker, note optional).",
            path=source,
        )
    allowed: dict[str, tuple[str, ...]] = {
        "relevant": RELEVANT,
        **{axis: (*lex.poles[axis], NONE) for axis in lex.axis_names},
    }
    if "voice" in frame.columns:
        allowed["voice"] = VOICES
    codes = {c: frame[c].str.strip().str.lower() for c in allowed}
    blank = pd.DataFrame({c: v == "" for c, v in codes.items()})
    uncoded = blank.all(axis=1).to_numpy()
    problems: list[tuple[int, str]] = []
    rows = np.arange(1, len(frame) + 1)
    for column, values in codes.items():
        empty = blank[column].to_numpy() & ~uncoded
        for row in rows[empty]:
            problems.append((int(row), f"{column!r} is empty"))
        stray = ~values.isin(allowed[column]).to_numpy() & ~blank[column].to_numpy()
        for row, value in zip(rows[stray], values[stray], strict=True):
            problems.append(
                (int(row), f"{column!r} is {value!r}, not one of {', '.join(allowed[column])}")
            )
    empty_text = (frame["text"].str.strip() == "").to_numpy() & ~uncoded
    problems.extend((int(row), "'text' is empty") for row in rows[empty_text])
    framed = np.zeros(len(frame), dtype=bool)
    for axis in lex.axis_names:
        framed |= codes[axis].isin(lex.poles[axis]).to_numpy()
    contradiction = (codes["relevant"] == "no").to_numpy() & framed
    problems.extend(
        (int(row), "coded relevant 'no' but given a pole (not relevant means 'none')")
        for row in rows[contradiction]
    )
    if problems:
        problems.sort()
        shown = "; ".join(f"row {row}: {message}" for row, message in problems[:20])
        more = f"; and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise CorpusError(
            f"{source}: {len(problems)} problem(s) in the coding: {shown}{more}.",
            path=source,
            row=problems[0][0],
        )
    if uncoded.any():
        warnings.warn(
            f"{source.name}: {int(uncoded.sum())} row(s) with no code were skipped as not yet "
            f"coded (rows {', '.join(map(str, rows[uncoded][:10]))}"
            f"{' ...' if uncoded.sum() > 10 else ''}).",
            FramingWarning,
            stacklevel=2,
        )
    ids = [c for c in _ID_COLUMNS if c in frame.columns]
    out = frame.loc[:, [*ids, "text"]].copy()
    for column in (*ids, "text"):
        out[column] = out[column].map(restore_formula)
    for column in ("relevant", *lex.axis_names):
        out[column] = codes[column]
    out["voice"] = codes["voice"] if "voice" in codes else None
    if "speaker" in frame.columns:
        names = frame["speaker"].str.strip().tolist()
        out["speaker"] = pd.Series([n or None for n in names], index=frame.index, dtype=object)
    else:
        out["speaker"] = None
    out["note"] = frame["note"] if "note" in frame.columns else ""
    out = out[~uncoded].reset_index(drop=True)
    for column in ("sent_id", "start", "end"):
        if column in out.columns:
            converted = pd.to_numeric(out[column], errors="coerce")
            if converted.notna().all():
                out[column] = converted.astype("int64")
    return out
