"""Reading a LIWC-format ``.dic`` dictionary into cues, with a mapping of categories onto poles.

A ``.dic`` file has a header of category lines ``id name`` between two ``%`` lines, then entry
lines ``pattern id id ...`` (a trailing ``*`` is a wildcard, ``_`` stands for a space).
:func:`read_dic` reads it in passes: the categories, the mapping resolved onto their ids, the
entries of the mapped categories as cues, the poles of each axis, and the cues kept once per
axis. :meth:`framing.Lexicon.from_dic` builds the lexicon from what it returns.

Examples
--------
>>> dic = "%\\n1 warm\\n2 cold\\n%\\nfriend* 1\\nrival* 2\\n"
>>> read = read_dic(dic, {"warm": ("tone", "warm"), "cold": ("tone", "cold")})
>>> read.poles, [(c.term, c.pole, c.line) for c in read.cues], read.problems
({'tone': ['warm', 'cold']}, [('friend*', 'warm', 5), ('rival*', 'cold', 6)], [])
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ._lexicon_parts import Cue, LexiconProblem

__all__ = ["DicContent", "read_dic"]

_DIC_TOKEN = re.compile(r"\([^)]*\)\S*|<[^>]*>\S*|\S+")
_CONDITIONAL = re.compile(r"^(?:\(([\d\s]+)\)|<([^>]+)>)(\d+)(?:/(\d+))?$")


@dataclass
class DicContent:
    """What :func:`read_dic` found in a ``.dic`` file.

    Attributes
    ----------
    poles : dict of str to list of str
        The poles of each mapped axis, in mapping order (an axis needs exactly two).
    cues : list of Cue
        The entries of mapped categories, one per axis and (lower-cased) pattern.
    simplified : list of int
        The lines of LIWC2015 conditional entries reduced to their default category.
    problems : list of LexiconProblem
        Every problem, in the order found; the file is usable only when it is empty.
    """

    poles: dict[str, list[str]] = field(default_factory=dict)
    cues: list[Cue] = field(default_factory=list)
    simplified: list[int] = field(default_factory=list)
    problems: list[LexiconProblem] = field(default_factory=list)


def read_dic(source: str, mapping: Mapping[str | int, tuple[str, str]]) -> DicContent:
    """The cues of the mapped categories of a ``.dic`` text, and every problem with its line.

    Parameters
    ----------
    source : str
        The text of the ``.dic`` file.
    mapping : mapping of category name or id to (axis, pole)
        As in :meth:`framing.Lexicon.from_dic`.

    Returns
    -------
    DicContent
    """
    lines = source.splitlines()
    read = DicContent()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        message = "a .dic file starts with a category block between two '%' lines"
        read.problems.append(LexiconProblem(1, message))
        return read
    categories = _categories(lines, marks[0] + 1, marks[1], read.problems)
    resolved = _resolve(mapping, categories, read.problems)
    cues = _entries(lines, marks[1] + 1, categories, resolved, read)
    for axis, pole in resolved.values():
        poles = read.poles.setdefault(axis, [])
        if pole not in poles:
            poles.append(pole)
    for axis, poles in read.poles.items():
        if len(poles) != 2:
            read.problems.append(
                LexiconProblem(
                    None, f"axis {axis!r} needs exactly two poles in the mapping, got {poles}"
                )
            )
    read.cues = _once_per_axis(cues, read.problems)
    return read


def _categories(
    lines: list[str], first: int, stop: int, problems: list[LexiconProblem]
) -> dict[str, str]:
    """The header's categories, ``{id without leading zeros: name}``, from its lines
    ``first`` to ``stop`` (0-based, ``stop`` excluded)."""
    categories: dict[str, str] = {}
    declared_at: dict[str, int] = {}
    for i in range(first, stop):
        parts = lines[i].split()
        if not parts:
            continue
        if len(parts) < 2 or not parts[0].isdigit():
            problems.append(LexiconProblem(i + 1, f"category line {lines[i]!r} is not 'id name'"))
            continue
        number = parts[0].lstrip("0") or "0"
        if number in categories:
            problems.append(
                LexiconProblem(
                    i + 1,
                    f"category id {parts[0]} is declared twice ({categories[number]!r} at line "
                    f"{declared_at[number]}, {parts[1]!r} here); give each category its own id",
                    parts[1],
                )
            )
            continue
        categories[number] = parts[1]
        declared_at[number] = i + 1
    return categories


def _resolve(
    mapping: Mapping[str | int, tuple[str, str]],
    categories: dict[str, str],
    problems: list[LexiconProblem],
) -> dict[str, tuple[str, str]]:
    """The mapping by category id: ``{id: (axis, pole)}``, each category mapped once."""
    by_name = {v: k for k, v in categories.items()}
    resolved: dict[str, tuple[str, str]] = {}
    for key, target in mapping.items():
        ident = str(key).lstrip("0") or "0" if str(key).isdigit() else by_name.get(str(key))
        if ident is None or ident not in categories:
            problems.append(
                LexiconProblem(
                    None,
                    f"mapped category {key!r} is not in the file; its categories: "
                    + ", ".join(sorted(categories.values())),
                    str(key),
                )
            )
            continue
        if not (isinstance(target, tuple) and len(target) == 2):
            problems.append(LexiconProblem(None, f"mapping[{key!r}] must be (axis, pole)"))
            continue
        if ident in resolved:
            problems.append(LexiconProblem(None, f"category {ident} is mapped twice", str(key)))
            continue
        resolved[ident] = (str(target[0]), str(target[1]))
    return resolved


def _entries(
    lines: list[str],
    first: int,
    categories: dict[str, str],
    resolved: dict[str, tuple[str, str]],
    read: DicContent,
) -> list[Cue]:
    """A cue for every entry line from ``first`` on and each mapped category it names."""
    cues: list[Cue] = []
    for i in range(first, len(lines)):
        parts = _DIC_TOKEN.findall(lines[i])
        if not parts:
            continue
        term, ids = parts[0], parts[1:]
        if not ids:
            read.problems.append(LexiconProblem(i + 1, f"entry {term!r} has no category ids", term))
            continue
        for ident in _category_ids(term, ids, i + 1, read):
            if ident not in categories:
                read.problems.append(
                    LexiconProblem(
                        i + 1,
                        f"entry {term!r}: category {ident} is not declared in the header",
                        term,
                    )
                )
            elif ident in resolved:
                axis, pole = resolved[ident]
                cues.append(
                    Cue(term.replace("_", " "), axis, pole, 1.0, f"LIWC {categories[ident]}", i + 1)
                )
    return cues


def _category_ids(term: str, tokens: list[str], line: int, read: DicContent) -> list[str]:
    """The category ids of one entry line: plain ids, and the default category of a LIWC2015
    conditional (``(02 134)125/464``, ``<of>131/125``; its line is noted as simplified)."""
    chosen = []
    for token in tokens:
        if token.isdigit():
            chosen.append(token.lstrip("0") or "0")
            continue
        conditional = _CONDITIONAL.match(token)
        if not conditional:
            read.problems.append(
                LexiconProblem(line, f"entry {term!r}: {token!r} is not a category id", term)
            )
            continue
        read.simplified.append(line)
        if conditional.group(4):
            chosen.append(conditional.group(4).lstrip("0") or "0")
    return chosen


def _once_per_axis(cues: list[Cue], problems: list[LexiconProblem]) -> list[Cue]:
    """The first cue of each (axis, lower-cased pattern). A word listed under two mapped
    categories of one axis would sit in both poles: LIWC would count it in both and the two
    would cancel, so the first is kept and the clash reported."""
    seen: dict[tuple[str, str], Cue] = {}
    unique = []
    for cue in cues:
        entry = (cue.axis, cue.term.lower())
        if entry in seen:
            if seen[entry].pole != cue.pole:
                problems.append(
                    LexiconProblem(
                        cue.line, f"entry {cue.term!r} maps to both poles of {cue.axis!r}", cue.term
                    )
                )
            continue
        seen[entry] = cue
        unique.append(cue)
    return unique
