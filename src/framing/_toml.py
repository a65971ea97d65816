"""Reading a TOML lexicon file into the parts of a lexicon, with every problem and its line.

:func:`read_toml` checks the file's structure (tables, keys, types, poles, cue entries) in one
pass per table (``[lexicon]``, ``[settings]``, ``[actors.*]``, ``[dyad]``, ``[axes.*]``) and
returns the keyword arguments of :class:`framing.Lexicon` beside the problems it found.
The checks that do not depend on the format (duplicate cues, settings naming unknown poles)
belong to :mod:`framing._lexicon`, which builds the lexicon. The format is documented in
``docs/lexicons.md``.

Examples
--------
>>> fields, problems = read_toml('''
... [lexicon]
... name = "demo"
... version = "1"
... description = "constructed example"
... [axes.tone]
... poles = ["warm", "cold"]
... [axes.tone.cues]
... warm = ["friend*"]
... cold = [{ cue = "rival", weight = 2 }]
... ''')
>>> problems, [(c.term, c.pole, c.weight, c.line) for c in fields["cues"]]
([], [('friend*', 'warm', 1.0, None), ('rival', 'cold', 2.0, 10)])
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from ._lexicon_parts import Actor, Axis, Cue, Dyad, LexiconProblem, Settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["read_toml"]

_TOP_KEYS = {"lexicon", "settings", "actors", "dyad", "axes"}
_META_KEYS = {"name", "version", "description", "language", "authors", "license", "url", "citation"}
_SETTING_KEYS = {
    "negators", "pseudo_negators", "negation_window", "negation_mode", "contrast_markers",
    "concession_markers", "contrast_weight", "performance_markers", "performance_axis",
    "performance_from", "performance_to", "ignore", "opening_negators", "mention_markers",
    "mention_window", "mention_in_questions", "comma_contrast_markers", "mention_in_scare_quotes",
    "open_question_markers",
    "appearance_markers", "appearance_axis", "appearance_pole",
}  # fmt: skip
_ACTOR_KEYS = {"name", "aliases"}
_DYAD_KEYS = {
    "sides", "references", "counterpart_terms", "carry_terms", "exclude", "continue_one_side",
    "shift_terms",
}  # fmt: skip
_AXIS_KEYS = {"description", "poles", "cues"}
_CUE_KEYS = {"cue", "weight", "note"}


class _Lines:
    """Find the line of a TOML table, key or cue from the raw source text."""

    def __init__(self, source: str) -> None:
        self.tables: dict[str, int] = {}
        self.keys: dict[tuple[str, str], int] = {}
        self.cues: dict[str, list[int]] = {}
        table = ""
        header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
        key = re.compile(r"^\s*([A-Za-z0-9_\"'.-]+)\s*=")
        cue = re.compile(r"""\bcue\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')""")
        for number, line in enumerate(source.splitlines(), start=1):
            found = header.match(line)
            if found:
                table = found.group(1).replace('"', "").replace(" ", "")
                self.tables.setdefault(table, number)
                continue
            found = key.match(line)
            if found:
                self.keys.setdefault((table, found.group(1).strip("\"'")), number)
            for match in cue.finditer(line):
                term = match.group(1) if match.group(1) is not None else match.group(2)
                self.cues.setdefault(term, []).append(number)

    def table(self, name: str) -> int | None:
        return self.tables.get(name)

    def key(self, table: str, name: str) -> int | None:
        return self.keys.get((table, name), self.tables.get(f"{table}.{name}", self.table(table)))


def _as_strings(
    value: Any, what: str, line: int | None, problems: list[LexiconProblem]
) -> tuple[str, ...]:
    if (
        isinstance(value, str)
        or not isinstance(value, list)
        or not all(isinstance(v, str) for v in value)
    ):
        problems.append(LexiconProblem(line, f"{what} must be a list of strings"))
        return ()
    return tuple(v for v in value if v.strip())


def read_toml(source: str) -> tuple[dict[str, Any] | None, list[LexiconProblem]]:
    """The keyword arguments of a :class:`framing.Lexicon` read from TOML text, and the
    problems of its structure.

    Parameters
    ----------
    source : str
        The text of a TOML lexicon file.

    Returns
    -------
    fields : dict or None
        ``name``, ``version``, ``description``, ``language``, ``axes``, ``cues``, ``actors``,
        ``dyad`` and ``settings``, as far as they could be read; ``None`` when the text is not
        TOML at all.
    problems : list of LexiconProblem
        In the order found (one pass per table); empty when the structure is sound.
    """
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        return None, [LexiconProblem(line, f"not valid TOML: {exc}")]
    check = _Check(_Lines(source))
    check.unknown("", data, _TOP_KEYS)
    meta = _meta(data, check)
    settings = _settings(data.get("settings", {}), check)
    actors = _actors(data.get("actors") or {}, check)
    dyad = _dyad(data.get("dyad", {}), check)
    axes, cues = _axes(data.get("axes") or {}, check)
    if not axes and not check.problems:
        check.problems.append(LexiconProblem(None, "the lexicon defines no [axes.<name>] table"))
    fields = {
        **meta,
        "axes": tuple(axes),
        "cues": tuple(cues),
        "actors": tuple(actors),
        "dyad": dyad,
        "settings": settings,
    }
    return fields, check.problems


class _Check:
    """The line finder of one file and the problems found in it so far."""

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.problems: list[LexiconProblem] = []

    def add(self, line: int | None, message: str, entry: str | None = None) -> None:
        self.problems.append(LexiconProblem(line, message, entry))

    def unknown(self, table: str, given: Mapping[str, Any], allowed: set[str]) -> None:
        """Report the keys of ``given`` that are not ``allowed`` in ``[table]``."""
        for key in given:
            if key not in allowed:
                self.add(
                    self.lines.key(table, key),
                    f"unknown key {key!r} in [{table or 'top level'}]; allowed: "
                    + ", ".join(sorted(allowed)),
                    entry=key,
                )

    def strings(self, value: Any, what: str, line: int | None) -> tuple[str, ...]:
        """``value`` as a tuple of non-blank strings; a problem when it is no list of strings."""
        return _as_strings(value, what, line, self.problems)


def _meta(data: Mapping[str, Any], check: _Check) -> dict[str, str]:
    """The ``[lexicon]`` table: name, version, description (non-empty) and language."""
    meta = data.get("lexicon", {})
    if not isinstance(meta, dict):
        meta = {}
    check.unknown("lexicon", meta, _META_KEYS)
    fields = {}
    for key in ("name", "version", "description"):
        value = meta.get(key)
        if not isinstance(value, str) or not value.strip():
            check.add(check.lines.table("lexicon"), f"[lexicon] needs a non-empty {key!r}")
        fields[key] = value.strip() if isinstance(value, str) else ""
    fields["language"] = str(meta.get("language", "en"))
    return fields


def _settings(table: Mapping[str, Any], check: _Check) -> Settings:
    """The ``[settings]`` table: each known key checked for its type and range."""
    check.unknown("settings", table, _SETTING_KEYS)
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _SETTING_KEYS:
            continue
        line = check.lines.key("settings", key)
        if key.endswith(("negators", "markers")) or key == "ignore":
            kwargs[key] = check.strings(value, f"settings.{key}", line)
        elif key in ("negation_window", "mention_window"):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                check.add(line, f"{key} must be an integer >= 0")
            else:
                kwargs[key] = value
        elif key.startswith("mention_in_"):
            if not isinstance(value, bool):
                check.add(line, f"{key} must be true or false")
            else:
                kwargs[key] = value
        elif key == "negation_mode":
            if value not in ("flip", "drop", "keep"):
                check.add(line, f"negation_mode {value!r} is not one of flip, drop, keep")
            else:
                kwargs[key] = value
        elif key == "contrast_weight":
            if (
                not isinstance(value, (int, float))
                or isinstance(value, bool)
                or not 0 <= value <= 1
            ):
                check.add(line, "contrast_weight must be a number in [0, 1]")
            else:
                kwargs[key] = float(value)
        elif not isinstance(value, str):
            check.add(line, f"settings.{key} must be a string")
        else:
            kwargs[key] = value
    return Settings(**kwargs)


def _subtables(
    tables: Mapping[str, Any], parent: str, allowed: set[str], check: _Check
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The tables ``[<parent>.<key>]`` as ``(key, table name, table)``, their unknown keys
    reported; a problem for each entry that is not a table."""
    for key, value in tables.items():
        table = f"{parent}.{key}"
        if not isinstance(value, dict):
            check.add(check.lines.table(parent), f"[{table}] must be a table")
            continue
        check.unknown(table, value, allowed)
        yield key, table, value


def _actors(tables: Mapping[str, Any], check: _Check) -> list[Actor]:
    """The ``[actors.<key>]`` tables: a name and at least one alias each."""
    actors = []
    for key, table, actor in _subtables(tables, "actors", _ACTOR_KEYS, check):
        aliases = check.strings(
            actor.get("aliases", []), f"{table}.aliases", check.lines.key(table, "aliases")
        )
        if not aliases:
            check.add(check.lines.table(table), f"[{table}] has no aliases")
        actors.append(Actor(key, str(actor.get("name", key)), aliases))
    return actors


def _dyad(table: Mapping[str, Any], check: _Check) -> Dyad:
    """The ``[dyad]`` table: lists of phrases, and ``continue_one_side`` (true or false)."""
    check.unknown("dyad", table, _DYAD_KEYS)
    kwargs: dict[str, Any] = {
        key: check.strings(table[key], f"dyad.{key}", check.lines.key("dyad", key))
        for key in _DYAD_KEYS - {"continue_one_side"}
        if key in table
    }
    if "continue_one_side" in table:
        if isinstance(table["continue_one_side"], bool):
            kwargs["continue_one_side"] = table["continue_one_side"]
        else:
            check.add(
                check.lines.key("dyad", "continue_one_side"),
                "dyad.continue_one_side must be true or false",
            )
    return Dyad(**kwargs)


def _axes(tables: Mapping[str, Any], check: _Check) -> tuple[list[Axis], list[Cue]]:
    """The ``[axes.<name>]`` tables: two poles each, and the cues of each pole."""
    axes = []
    cues: list[Cue] = []
    seen_lines: dict[str, int] = {}  # how many times each cue string was met so far
    for axis_name, table, axis in _subtables(tables, "axes", _AXIS_KEYS, check):
        poles = axis.get("poles")
        if (
            not isinstance(poles, list)
            or len(poles) != 2
            or not all(isinstance(p, str) and p.strip() for p in poles)
            or poles[0] == poles[1]
        ):
            check.add(
                check.lines.key(table, "poles"),
                f"[{table}] poles must be a list of two different names, got {poles!r}",
                entry=axis_name,
            )
            continue
        axes.append(Axis(axis_name, (poles[0], poles[1]), str(axis.get("description", ""))))
        cue_table = axis.get("cues", {})
        for pole, entries in cue_table.items():
            cues.extend(_pole_cues(axis_name, poles, pole, entries, seen_lines, check))
        for pole in poles:
            if not cue_table.get(pole):
                check.add(
                    check.lines.key(f"{table}.cues", pole) or check.lines.table(table),
                    f"pole {pole!r} of axis {axis_name!r} has no cues",
                    entry=pole,
                )
    return axes, cues


def _pole_cues(
    axis_name: str,
    poles: list[str],
    pole: str,
    entries: Any,
    seen_lines: dict[str, int],
    check: _Check,
) -> list[Cue]:
    """The cues of one pole (``[axes.<name>.cues] <pole> = [...]``): strings or tables with
    ``cue`` and optional ``weight`` and ``note``. ``seen_lines`` counts the cue strings met so
    far, so that a string listed twice gets the line of each listing."""
    table = f"axes.{axis_name}"
    if pole not in poles:
        check.add(
            check.lines.key(f"{table}.cues", pole),
            f"pole {pole!r} is not one of {tuple(poles)!r} (axis {axis_name!r})",
            entry=pole,
        )
        return []
    if not isinstance(entries, list):
        check.add(
            check.lines.key(f"{table}.cues", pole),
            f"{table}.cues.{pole} must be a list of {{ cue = ..., note = ... }} tables",
        )
        return []
    cues = []
    for entry in entries:
        if isinstance(entry, str):
            entry = {"cue": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("cue"), str):
            check.add(
                check.lines.key(f"{table}.cues", pole),
                f"an entry of {table}.cues.{pole} has no cue string",
            )
            continue
        term = entry["cue"]
        occurrences = check.lines.cues.get(term, [])
        count = seen_lines.get(term, 0)
        line = occurrences[min(count, len(occurrences) - 1)] if occurrences else None
        seen_lines[term] = count + 1
        for key in entry:
            if key not in _CUE_KEYS:
                check.add(
                    line,
                    f"unknown key {key!r} in cue {term!r}; allowed: cue, weight, note",
                    entry=term,
                )
        weight = entry.get("weight", 1.0)
        if (
            not isinstance(weight, (int, float))
            or isinstance(weight, bool)
            or not math.isfinite(weight)
            or weight <= 0
        ):
            check.add(line, f"cue {term!r}: weight must be a number > 0", term)
            weight = 1.0
        cues.append(Cue(term, axis_name, pole, float(weight), str(entry.get("note", "")), line))
    return cues
