"""The printed outputs of the guides, checked against what the code prints now.

In a page, a ```python block followed directly by a ```text block shows that text as the block's
output; in a ```console block, the lines after a ``$ framing ...`` command are its output.
:func:`check_page` runs the page's Python blocks in order, in one namespace and from the
project folder, and returns every shown output that differs from what the block prints (lines
compared without trailing white space), and :func:`check_commands` runs the commands.
``python docs/doc_outputs.py`` lists them;
``--fix`` writes the printed outputs into the pages. The path of a folder that
``tempfile.mkdtemp()`` made is compared as ``<tmp>/``.

The tests (``tests/test_docs.py``) run :func:`check_page` on every example page.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import subprocess
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
_FENCE = re.compile(r"^(`{3,})([^\n]*)\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)
#: Every page of the site with a Python example.
PAGES = [
    page
    for page in sorted(DOCS.rglob("*.md"))
    if any(m.group(2).strip() == "python" for m in _FENCE.finditer(page.read_text("utf-8")))
]


@dataclass(frozen=True)
class Stale:
    """One shown output that differs from the printed one."""

    page: Path
    line: int  # the line of the ```text fence
    shown: str
    printed: str
    span: tuple[int, int]  # the text block's body, as offsets in the page


_TEMPORARY = re.compile(r"\S*/tmp\w{8}/")  # a path under a folder tempfile.mkdtemp() made


def _normal(text: str) -> str:
    """Lines without trailing white space; a temporary folder's path as ``<tmp>/``."""
    text = _TEMPORARY.sub("<tmp>/", text)
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def _blocks(text: str) -> list[tuple[str, tuple[int, int] | None, int]]:
    """``(code, span of the shown output or None, line)`` of every ```python block."""
    fences = list(_FENCE.finditer(text))
    out = []
    for i, m in enumerate(fences):
        if m.group(2).strip() != "python":
            continue
        span = None
        following = fences[i + 1] if i + 1 < len(fences) else None
        if (
            following is not None
            and following.group(2).strip() == "text"
            and not text[m.end() : following.start()].strip()
        ):
            span = (following.start(3), following.end(3))
        out.append((m.group(3), span, text.count("\n", 0, following.start()) + 1 if span else 0))
    return out


def check_page(page: Path) -> list[Stale]:
    """Run a page's Python blocks in order; the shown outputs that differ from the printed ones.

    Examples
    --------
    >>> check_page(DOCS / "guide" / "models.md")  # doctest: +SKIP
    []
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    text = page.read_text(encoding="utf-8")
    namespace: dict[str, object] = {"__name__": "__docs__"}
    stale = []
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        previous, tempfile.tempdir = tempfile.tempdir, scratch
        os.chdir(ROOT)
        try:
            for code, span, line in _blocks(text):
                printed = io.StringIO()
                with contextlib.redirect_stdout(printed):
                    exec(compile(code, str(page), "exec"), namespace)
                if span is not None:
                    shown = text[span[0] : span[1]]
                    if _normal(shown) != _normal(printed.getvalue()):
                        stale.append(Stale(page, line, shown, printed.getvalue(), span))
        finally:
            os.chdir(here)
            tempfile.tempdir = previous
            plt.close("all")
    return stale


def _commands(text: str) -> list[tuple[str, tuple[int, int], int]]:
    """``(command, span of its shown output, line)`` of every ``$ framing ...`` command in the
    ```console blocks whose commands all run ``framing`` (the ``--help`` blocks have their own
    test)."""
    out = []
    for m in _FENCE.finditer(text):
        if m.group(2).strip() != "console" or "--help" in m.group(3):
            continue
        body_start = m.start(3)
        starts = [body_start + c.start() for c in re.finditer(r"^\$ ", m.group(3), re.M)]
        commands = [text[a + 2 : text.index("\n", a)] for a in starts]
        if not commands or not all(c.startswith("framing ") for c in commands):
            continue
        for a, command, b in zip(starts, commands, [*starts[1:], m.end(3)], strict=True):
            first = text.index("\n", a) + 1
            out.append((command, (first, b), text.count("\n", 0, a) + 1))
    return out


def check_commands(page: Path) -> list[Stale]:
    """Run a page's ``$ framing ...`` commands (through the shell, from the project folder);
    the shown outputs (stdout and stderr, in order) that differ from what they print now."""
    text = page.read_text(encoding="utf-8")
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "COLUMNS": "100", "PYTHONUNBUFFERED": "1",
           "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}  # fmt: skip
    stale = []
    for command, span, line in _commands(text):
        printed = subprocess.run(
            ["bash", "-c", command], cwd=ROOT, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False,
        ).stdout  # fmt: skip
        shown = text[span[0] : span[1]]
        if _normal(shown) != _normal(printed):
            stale.append(Stale(page, line, shown, printed, span))
    return stale


def fix(stale: list[Stale]) -> None:
    """Write the printed outputs into their pages."""
    for page in {s.page for s in stale}:
        text = page.read_text(encoding="utf-8")
        for s in sorted((s for s in stale if s.page == page), key=lambda s: -s.span[0]):
            text = text[: s.span[0]] + s.printed.strip("\n") + "\n" + text[s.span[1] :]
        page.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path, help="pages to check (default: all)")
    parser.add_argument("--fix", action="store_true", help="write the printed outputs")
    args = parser.parse_args()
    pages = [page.resolve() for page in (args.pages or sorted(DOCS.rglob("*.md")))]
    stale = [s for page in pages if page in PAGES for s in check_page(page)]
    stale += [s for page in pages for s in check_commands(page)]
    for s in stale:
        print(f"{s.page.relative_to(ROOT)}:{s.line}: the shown output differs from the printed one")
    if args.fix:
        fix(stale)
    return 1 if stale and not args.fix else 0


if __name__ == "__main__":
    sys.exit(main())
