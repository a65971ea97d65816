"""An explorable HTML report: one self-contained page with the tables, the figure and the evidence.

:func:`render_html_report` lays out what :func:`framing._report.write_report` computed (the
corpus, the comparison, the framing map, distinctive terms, method notes) in one HTML page that
needs no network when it is viewed: the style and the script are inline and the framing map is an
SVG inside an ``<img>`` as a ``data:`` URI. For every group, axis and pole the page lists the
sentences behind the label, the cues that counted highlighted, with voice, speaker and document;
the pole counts of the comparison tables link to them, and a form filters them by group, axis,
pole, voice and words (also from the address: ``report.html?group=NPR&pole=junior``).

Input is data, never markup. The page is a Jinja2 template with autoescaping on, so outlet
names, titles, speakers, sentences and cues are escaped wherever they appear; a sentence is cut
into plain segments at its cue offsets and the template wraps the cue segments in ``<mark>``, so
no markup is ever built from input text. A Content-Security-Policy lets only the page's own
script (by its SHA-256) and style run, and loads nothing but ``data:`` images.

At most :data:`SENTENCES_PER_POLE` sentences are listed per group and pole (the strongest first,
as :func:`framing.evidence` orders them); a note says how many there are.

Examples
--------
>>> segments("Xi and Putin are old friends.", [(17, 28)])
[('Xi and Putin are ', False), ('old friends', True), ('.', False)]
"""

from __future__ import annotations

import base64
import hashlib
import warnings
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import Any

import pandas as pd

from ._compare import Comparison, _estimate, _number, _p_text, _provenance
from ._escape import one_line
from ._keyness import keyness
from ._scoring import evidence
from ._table import cue_list
from ._version import __version__
from .errors import FramingError

__all__ = ["HTML_FILE", "SENTENCES_PER_POLE", "render_html_report", "segments"]

#: The file name of the HTML page in a report folder.
HTML_FILE = "report.html"

#: Sentences listed per group, axis and pole (the strongest first); the page says how many more.
SENTENCES_PER_POLE = 50

_MINUS = "\N{MINUS SIGN}"
_VOICES = ("narrator", "source")


def segments(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut at the ``spans`` (start, end offsets into it): ``(piece, is_cue)`` pairs
    that join back to ``text``. Overlapping or touching spans are merged; spans are clipped to
    the text, and empty ones dropped.

    Parameters
    ----------
    text : str
        A sentence.
    spans : iterable of (int, int)
        Character offsets of the cues in ``text``.

    Returns
    -------
    list of (str, bool)
        The pieces in order; ``True`` marks a cue.

    Examples
    --------
    >>> segments("a marriage of convenience", [(2, 10), (8, 25)])
    [('a ', False), ('marriage of convenience', True)]
    """
    merged: list[list[int]] = []
    for start, end in sorted((max(0, a), min(len(text), b)) for a, b in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in merged:
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text) or not pieces:
        pieces.append((text[position:], False))
    return pieces


def _asset(name: str) -> str:
    return (resources.files("framing") / "templates" / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _block_id(group: int, axis: int, pole: int) -> str:
    return f"ev-{group}-{axis}-{pole}"


def _evidence_blocks(
    sents: pd.DataFrame, comparison: Comparison, groups: dict[Any, int], per_pole: int
) -> list[dict[str, Any]]:
    """One block per group, axis and pole with a labelled sentence: the strongest
    ``per_pole`` sentences, cut into segments at the cues that counted."""
    where = pd.DataFrame({
        "doc_id": sents["doc_id"], "sent_id": sents["sent_id"], "_start": sents["start"],
        "_cues": sents["cues"], "_group": sents[comparison.by],
        "_title": sents["title"] if "title" in sents.columns else None,
    }).drop_duplicates(["doc_id", "sent_id"])  # fmt: skip
    blocks = []
    for a, (axis, poles) in enumerate(comparison.axes.items()):
        for p, pole in enumerate(poles):
            found = evidence(sents, axis, pole, axes=comparison.axes)
            found = found.merge(where, on=["doc_id", "sent_id"], how="left", sort=False)
            for group, chunk in found.groupby("_group", sort=False):
                if group not in groups:
                    continue
                rows = []
                for row in chunk.head(per_pole).to_dict("records"):
                    offset = int(row["_start"])
                    spans = [
                        (int(c["start"]) - offset, int(c["end"]) - offset)
                        for c in cue_list(row["_cues"])
                        if c["axis"] == axis and c["pole"] == pole and not c.get("mention")
                    ]
                    title = row["_title"]
                    rows.append({
                        "segments": segments(str(row["text"]), spans),
                        "cues": row["cues"],
                        "voice": row["voice"],
                        "speaker": row["speaker"] or "",
                        "doc_id": str(row["doc_id"]),
                        "title": "" if title is None or pd.isna(title) else one_line(title),
                    })  # fmt: skip
                blocks.append({
                    "id": _block_id(groups[group], a, p), "order": (groups[group], a, p),
                    "group": one_line(group), "axis": axis, "pole": pole,
                    "n_sentences": len(chunk), "rows": rows,
                })  # fmt: skip
    return sorted(blocks, key=lambda block: block["order"])


def _summary_tables(comparison: Comparison, groups: dict[Any, int], blocks: set[str]) -> list:
    """Per axis: the rows of the summary table (each pole count linked to its sentences when
    there are any), the pairwise rows and the heading."""
    level = f"{round(comparison.confidence * 100, 1):g}%"
    tables = []
    for a, (axis, poles) in enumerate(comparison.axes.items()):
        summary = comparison.summary[comparison.summary["axis"] == axis]
        rows = []
        for row in summary.to_dict("records"):
            counts = []
            for p, pole in enumerate(poles):
                target = _block_id(groups.get(row["group"], -1), a, p)
                counts.append((int(row[f"n_{pole}"]), target if target in blocks else None))
            rows.append({
                "group": one_line(row["group"]), "docs": int(row["n_docs"]), "counts": counts,
                "balance": _estimate(row["balance"], row["ci_low"], row["ci_high"], _MINUS),
                "intensity": _number(row["intensity"], _MINUS),
                "unit": row["unit"], "warnings": row["warnings"],
            })  # fmt: skip
        pairs = comparison.pairwise[comparison.pairwise["axis"] == axis]
        pairwise = [
            [one_line(r["group_a"]), one_line(r["group_b"]), str(int(r["n_a"])), str(int(r["n_b"])),
             _estimate(r["difference"], r["ci_low"], r["ci_high"], _MINUS), _p_text(r["p_value"]),
             _p_text(r["p_adjusted"]), _number(r["effect_size"], _MINUS, sign=True), r["method"]]
            for r in pairs.to_dict("records")
        ]  # fmt: skip
        tables.append({
            "axis": axis, "poles": poles, "level": level, "rows": rows, "pairwise": pairwise,
        })  # fmt: skip
    return tables


def _omnibus_rows(comparison: Comparison) -> list[list[str]]:
    return [
        [r["axis"], r["test"], _number(r["statistic"], _MINUS), str(r["dof"]),
         _p_text(r["p_value"]), _number(r["effect_size"], _MINUS), str(r["n"])]
        for r in comparison.omnibus.to_dict("records")
    ]  # fmt: skip


def _keyness_rows(sents: pd.DataFrame, by: str, top: int) -> tuple[list[list[str]], str]:
    """Per group its ``top`` distinctive terms with their z-scores; or why there are none."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = keyness(sents, by=by, top=top)
    except FramingError as exc:
        return [], f"Not computed: {one_line(exc)}"
    rows = []
    for group, chunk in table.groupby("group", sort=True):
        terms = ", ".join(
            f"{term} ({_number(z, _MINUS, digits=1)})"
            for term, z in zip(chunk["term"], chunk["z"], strict=True)
        )
        rows.append([one_line(group), terms])
    return rows, ""


def render_html_report(
    sents: pd.DataFrame,
    comparison: Comparison,
    *,
    facts: Sequence[str],
    corpus_rows: Sequence[Sequence[object]],
    notes: Sequence[str],
    figure_svg: bytes,
    lexicon: tuple[str | None, str | None, str | None],
    top_terms: int = 10,
    per_pole: int = SENTENCES_PER_POLE,
) -> str:
    """The report as one self-contained HTML page.

    Parameters
    ----------
    sents : pandas.DataFrame
        The sentence table the comparison was made from (:func:`framing.score`).
    comparison : Comparison
        What :func:`framing.compare` made of ``sents``.
    facts : sequence of str
        Plain-text lines about the corpus (documents, sentences, cleaning, duplicates).
    corpus_rows : sequence of rows
        Per group: the group, its documents, sentences and relevant sentences.
    notes : sequence of str
        The warnings raised while scoring and comparing.
    figure_svg : bytes
        The framing map as SVG.
    lexicon : (name, version, content hash)
        The lexicon's provenance, named in the method notes.
    top_terms : int, default=10
        Distinctive terms per group.
    per_pole : int, default=SENTENCES_PER_POLE
        Sentences listed per group, axis and pole.

    Returns
    -------
    str
        The page. The same input gives the same page, byte for byte.

    Examples
    --------
    >>> import framing, warnings
    >>> sents = framing.score(["Xi and Putin are old friends.",  # constructed sentences
    ...                        "Russia is China's junior partner."])
    >>> sents["outlet"] = ["<b>A</b>", "B"]
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     cmp = framing.compare(sents, n_resamples=100, seed=0)
    >>> page = render_html_report(sents, cmp, facts=[], corpus_rows=[], notes=[],
    ...                           figure_svg=b"<svg/>", lexicon=("relationship", None, None))
    >>> "&lt;b&gt;A&lt;/b&gt;" in page and "<b>A</b>" not in page
    True
    """
    import jinja2
    from markupsafe import Markup

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("framing", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    groups = {group: i for i, group in enumerate(dict.fromkeys(comparison.summary["group"]))}
    blocks = _evidence_blocks(sents, comparison, groups, per_pole)
    terms, terms_note = _keyness_rows(sents, comparison.by, top_terms)
    script, style = _asset("report.js"), _asset("report.css")
    poles = dict.fromkeys(pole for poles in comparison.axes.values() for pole in poles)
    name, version, content_hash = lexicon
    context = {
        "title": f"Framing report: {len(sents['doc_id'].unique())} documents by "
        f"{one_line(comparison.by)}",
        "by": one_line(comparison.by),
        "facts": list(facts),
        "corpus_rows": [[one_line(c) for c in row] for row in corpus_rows],
        "figure": "data:image/svg+xml;base64," + base64.b64encode(figure_svg).decode("ascii"),
        "tables": _summary_tables(comparison, groups, {b["id"] for b in blocks}),
        "omnibus": _omnibus_rows(comparison),
        "note": comparison._note_text(one_line),
        "blocks": blocks,
        "n_rows": sum(len(b["rows"]) for b in blocks),
        "per_pole": per_pole,
        "group_names": [one_line(g) for g in groups],
        "axes": list(comparison.axes),
        "poles": list(poles),
        "voices": _VOICES,
        "voice": comparison.voice if comparison.voice in _VOICES else "",
        "terms": terms,
        "terms_note": terms_note,
        "top_terms": top_terms,
        "lexicon": _provenance(name, version, content_hash, __version__, one_line),
        "method": comparison.method or "unknown",
        "comparison": comparison,
        "notes": [one_line(n) for n in notes],
        "script": Markup(script),
        "style": Markup(style),
        "csp": f"default-src 'none'; img-src data:; style-src {_csp_hash(style)}; "
        f"script-src {_csp_hash(script)}; base-uri 'none'; form-action 'none'",
    }
    return environment.get_template("report.html.j2").render(context)
