"""The documentation: every nav page exists, every relative link resolves, every example runs.

The Python examples of every page are executed block by block, in order, one namespace per page,
with the repository root as the working directory (as a reader would run them), and every output a
page shows must be what the code prints now (docs/doc_outputs.py). Warnings are allowed; an
exception fails the page.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# docs/doc_outputs.py (the output check of the pages), loaded once without putting docs/ on
# sys.path (its dataclass needs it in sys.modules)
_SPEC = importlib.util.spec_from_file_location("doc_outputs", DOCS / "doc_outputs.py")
doc_outputs = sys.modules["doc_outputs"] = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(doc_outputs)
MKDOCS = ROOT / "mkdocs.yml"

_FENCE = re.compile(r"^(`{3,}|~{3,})([^\n]*)\n(.*?)^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_NAV_PAGE = re.compile(r"^\s*-\s+(?:[^:\n]+:\s+)?([\w./-]+\.md)\s*$", re.MULTILINE)
_EXTERNAL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # http:, https:, mailto: ...


def _nav_pages() -> list[str]:
    """The Markdown files listed under ``nav:`` in mkdocs.yml (no YAML parser needed)."""
    text = MKDOCS.read_text(encoding="utf-8")
    nav = text[text.index("\nnav:") :]
    return _NAV_PAGE.findall(nav)


def _python_blocks(page: Path) -> list[tuple[int, str]]:
    """``(line, code)`` of every ```python block of a page, in order."""
    text = page.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, m.start()) + 2, m.group(3))
        for m in _FENCE.finditer(text)
        if m.group(2).strip() == "python"
    ]


def _prose(text: str) -> str:
    """The text without fenced code blocks and inline code, where links are not links."""
    return _INLINE_CODE.sub("", _FENCE.sub("", text))


def _slug(heading: str) -> str:
    """The anchor mkdocs (Python-Markdown's toc) gives a heading."""
    text = re.sub(r"<[^>]+>", "", _INLINE_CODE.sub(lambda m: m.group()[1:-1], heading))
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _anchors(page: Path) -> set[str]:
    return {_slug(h) for h in _HEADING.findall(_FENCE.sub("", page.read_text(encoding="utf-8")))}


def _link_pages() -> list[Path]:
    return [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]


# --------------------------------------------------------------------------------------------
# Structure
# --------------------------------------------------------------------------------------------
def test_nav_lists_every_page_and_every_page_exists():
    pages = _nav_pages()
    assert "index.md" in pages and "getting-started.md" in pages and "lexicons.md" in pages
    assert len(pages) == len(set(pages)), "a page is listed twice in the nav"
    missing = [p for p in pages if not (DOCS / p).is_file()]
    assert not missing, f"nav pages that do not exist: {missing}"
    guide = {f"guide/{p.name}" for p in (DOCS / "guide").glob("*.md")}
    assert guide <= set(pages), f"guide pages missing from the nav: {sorted(guide - set(pages))}"


@pytest.mark.parametrize("page", _link_pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page):
    broken = []
    for target in _LINK.findall(_prose(page.read_text(encoding="utf-8"))):
        if _EXTERNAL.match(target) or target.startswith("/"):
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists():
            broken.append(f"{target} (no such file)")
        elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
            broken.append(f"{target} (no heading with anchor #{anchor})")
    assert not broken, f"{page.relative_to(ROOT)}: broken links: {broken}"


def test_link_checker_catches_a_broken_link(tmp_path):
    # The checker itself: a missing file and a missing anchor are both found.
    page = tmp_path / "page.md"
    (tmp_path / "other.md").write_text("# A heading\n", encoding="utf-8")
    page.write_text(
        "[ok](other.md#a-heading) [gone](missing.md) [anchor](other.md#nope) "
        "`[code](ignored.md)` [web](https://example.org/x.md)\n",
        encoding="utf-8",
    )
    found = _LINK.findall(_prose(page.read_text(encoding="utf-8")))
    assert found == [
        "other.md#a-heading",
        "missing.md",
        "other.md#nope",
        "https://example.org/x.md",
    ]
    assert _anchors(tmp_path / "other.md") == {"a-heading"}
    assert _slug("`framing lexicon check`") == "framing-lexicon-check"
    assert _slug("`SmallSampleWarning(FramingWarning)`") == "smallsamplewarningframingwarning"
    assert _slug("`relevant_only`") == "relevant_only"


# --------------------------------------------------------------------------------------------
# Examples
# --------------------------------------------------------------------------------------------
_EXAMPLE_PAGES = [DOCS / "getting-started.md", *sorted((DOCS / "guide").glob("*.md"))]


@pytest.mark.parametrize(
    "page",
    # the coding guide trains classifiers
    [pytest.param(p, marks=pytest.mark.slow) if p.name == "coding.md" else p for p in doc_outputs.PAGES],
    ids=lambda p: str(p.relative_to(DOCS)),
)
def test_python_examples_run_and_print_what_the_page_shows(page):
    """Every example runs, in order, from the project folder; and every output a page shows
    (a ```text block right after a ```python block) is what the block prints now
    (docs/doc_outputs.py; ``python docs/doc_outputs.py --fix`` rewrites stale ones)."""
    pytest.importorskip("matplotlib")
    stale = doc_outputs.check_page(page)
    assert os.getcwd() == str(ROOT)
    assert not stale, "\n\n".join(
        f"{page.relative_to(ROOT)}:{s.line}: shown\n{s.shown}\nprinted\n{s.printed}" for s in stale
    )


@pytest.mark.slow  # the commands compare and report the seeds
def test_shown_commands_print_what_the_page_shows():
    """Every `$ framing ...` command shown in a ```console block prints (stdout and stderr, in
    order) what the page shows after it; ``python docs/doc_outputs.py --fix`` rewrites them."""
    pages = sorted(DOCS.rglob("*.md"))
    assert sum(len(doc_outputs._commands(p.read_text(encoding="utf-8"))) for p in pages) >= 8
    stale = [s for page in pages for s in doc_outputs.check_commands(page)]
    assert not stale, "\n\n".join(
        f"{s.page.relative_to(ROOT)}:{s.line}: shown\n{s.shown}\nprinted\n{s.printed}" for s in stale
    )


def test_the_output_check_finds_a_stale_output(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "```python\nprint(1 + 1)\n```\n\n```text\n3\n```\n\n"
        "```python\nprint('/tmp/tmpabcdefgh/x')\n```\n\n```text\n/tmp/tmpzyxwvuts/x\n```\n",
        encoding="utf-8",
    )
    stale = doc_outputs.check_page(page)
    assert [(s.line, s.shown, s.printed) for s in stale] == [(5, "3\n", "2\n")]


def test_every_example_page_has_examples():
    empty = [p.name for p in _EXAMPLE_PAGES if not _python_blocks(p)]
    assert not empty, f"pages without a python example: {empty}"


def test_cli_help_blocks_match_the_command(monkeypatch, capsys):
    """Every `$ framing ... --help` block in the CLI guide is what the command prints."""
    import re
    import shlex

    from framing.cli import main

    monkeypatch.setenv("COLUMNS", "100")
    text = (ROOT / "docs" / "guide" / "cli.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n\$ (framing [^\n]*--help)\n(.*?)\n```", text, flags=re.S)
    assert blocks
    for command, shown in blocks:
        main(shlex.split(command)[1:])
        assert capsys.readouterr().out.rstrip() == shown.rstrip(), command


def test_the_classifier_validation_never_trains_on_the_set_it_measures(monkeypatch):
    """docs/validation_classifier.py: the prior of each measured set leaves that set out."""
    import sys

    import framing

    monkeypatch.syspath_prepend(str(DOCS))
    import validation_classifier as vc

    sets = vc.coded_sets(framing)
    for name, frame in sets.items():
        prior = vc.leave_set_out_prior(framing, name)
        assert name not in set(prior["source"])
        assert not prior["text"].isin(frame["text"]).any(), name
    assert len(vc.leave_set_out_prior(framing, "hard")) == len(framing._classify.builtin_prior())
    monkeypatch.setitem(vc.DESIGN, "prior", None)
    assert vc.leave_set_out_prior(framing, "seeds") is None
    sys.modules.pop("validation_classifier", None)


def test_the_classifier_validation_limits(monkeypatch):
    """docs/validation_classifier.py's `limits`: the ranking, best-threshold and ceiling bounds of
    the sentences the lexicon leaves at 'none', worked by hand on six labels (no text needed)."""
    import sys

    import numpy as np
    import pandas as pd

    import framing

    monkeypatch.syspath_prepend(str(DOCS))
    import validation_classifier as vc

    frame = pd.DataFrame({
        "power_label": ["junior", "none", "none", "none", "none", "none"],
        "gold_power": ["junior", "junior", "none", "equal", "none", "junior"],
        "relevant": [True, True, True, True, True, False],
    })  # fmt: skip
    candidates = pd.DataFrame({
        "pole": ["junior", "junior", "junior", "equal", "equal", "none"],
        "probability": [0.95, 0.9, 0.6, 0.4, 0.2, np.nan],
    })  # fmt: skip
    bounds = vc.limits(framing, frame, "power", candidates)
    # Open: rows 1-4 (relevant, lexicon 'none'); framed 1 and 3. Pairs framed > unframed: 3 of 4.
    assert bounds["auc"] == pytest.approx(0.75)
    # Lexicon: junior F1 2*1/(1+3) = 0.5, equal 0 -> 0.25. Ceiling: junior 0.8, equal 1 -> 0.9.
    assert bounds["ceiling"] == pytest.approx(0.9 - 0.25)
    # Best: a threshold in (0.2, 0.4] keeps rows 1, 2, 3: junior 2*2/(3+3), equal 1 -> 5/6.
    assert bounds["best threshold"] == pytest.approx(5 / 6 - 0.25)
    sys.modules.pop("validation_classifier", None)


def test_the_classifier_validation_bootstrap(monkeypatch):
    """docs/validation_classifier.py's article bootstrap of the gain: its pole-F1 of counts is
    framing.pole_f1's (on the whole set and on a resample drawn by hand), and its intervals
    hold the point difference, are paired (identical labels give exactly 0) and come from
    articles (one article: every resample is the set itself)."""
    import sys

    import numpy as np
    import pandas as pd

    import framing

    monkeypatch.syspath_prepend(str(DOCS))
    import validation_classifier as vc

    rng = np.random.default_rng(3)
    poles = ("equal", "junior")
    labels = np.array(["equal", "junior", "none"], dtype=object)
    n = 120
    frame = pd.DataFrame({
        "doc_id": rng.integers(0, 12, n).astype(str), "gold_power": rng.choice(labels, n),
        "power_label": rng.choice(labels, n), "gold_bond": "none", "bond_label": "none",
    })  # fmt: skip
    classifier = rng.choice(labels, n)
    codes, uniques = pd.factorize(frame["doc_id"])
    counts = vc.pole_counts(classifier, frame["gold_power"].to_numpy(), codes, len(uniques), poles)
    assert vc._pole_f1_of_counts(counts.sum(axis=0)) == pytest.approx(
        framing.pole_f1(classifier, frame["gold_power"], poles)
    )
    drawn = np.array([0, 0, 3, 5, 5, 5, 7, 8, 9, 9, 10, 11])  # articles drawn with replacement
    rows = np.concatenate([np.flatnonzero(codes == k) for k in drawn])
    weights = np.bincount(drawn, minlength=len(uniques))
    assert vc._pole_f1_of_counts(np.tensordot(weights, counts, axes=1)) == pytest.approx(
        framing.pole_f1(classifier[rows], frame["gold_power"].to_numpy()[rows], poles)
    )
    monkeypatch.setattr(vc, "AXES", {"power": poles})
    low, high = vc.bootstrap_difference(frame, {"power": classifier})["power"]
    point = framing.pole_f1(classifier, frame["gold_power"], poles) - framing.pole_f1(
        frame["power_label"], frame["gold_power"], poles
    )
    assert low < point < high
    same = vc.bootstrap_difference(frame, {"power": frame["power_label"].to_numpy()})
    assert same["power"] == same["mean"] == (0.0, 0.0)
    one = vc.bootstrap_difference(frame.assign(doc_id="a"), {"power": classifier})
    assert one["power"] == pytest.approx((point, point))
    sys.modules.pop("validation_classifier", None)


def test_the_api_reference_places_every_public_name(monkeypatch):
    """docs/api.md documents every name of framing.__all__ once (docs/api_reference.py), and a
    name added to the package without a place there fails here, not silently in the site."""
    import framing

    monkeypatch.syspath_prepend(str(DOCS))
    import api_reference

    page = api_reference.api_page()
    assert page == (DOCS / "api.md").read_text(encoding="utf-8")
    shown = re.findall(r"^::: framing\.(\w+)$", page, flags=re.M)
    errors = set(framing.errors.__all__)
    assert sorted(shown) == sorted({*framing.__all__, "errors"} - errors - {"__version__"})
    monkeypatch.setattr(framing, "__all__", [*framing.__all__, "not_placed"])
    with pytest.raises(ValueError, match="not placed \\['not_placed'\\]"):
        api_reference.api_page()


_CONFLICT = re.compile(r"^(?:<{7} |={7}$|>{7} )", re.MULTILINE)
_TEXT_SUFFIXES = {".md", ".py", ".toml", ".yml", ".yaml", ".cfg", ".txt", ".csv", ".json", ".j2"}


def _project_text_files() -> list[Path]:
    """Every text file of the project that a merge could leave markers in (not seeds' articles)."""
    roots = [ROOT / name for name in ("src", "docs", "tests", "benchmarks", ".ci")]
    files = [path for root in roots for path in root.rglob("*") if path.suffix in _TEXT_SUFFIXES]
    files += [p for p in ROOT.glob("*") if p.is_file() and (p.suffix in _TEXT_SUFFIXES)]
    return [path for path in files if "__pycache__" not in path.parts]


def test_no_merge_conflict_markers_are_left_in_the_project():
    files = _project_text_files()
    assert ROOT / "docs" / "architecture.md" in files and len(files) > 100
    left = [
        f"{path.relative_to(ROOT)}:{text[: found.start()].count(chr(10)) + 1}"
        for path in files
        for text in [path.read_text(encoding="utf-8", errors="replace")]
        for found in [_CONFLICT.search(text)]
        if found
    ]
    assert left == []


def test_the_conflict_marker_check_finds_a_marker():
    text = "a\n" + "<" * 7 + " HEAD\nb\n" + "=" * 7 + "\nc\n" + ">" * 7 + " branch\n"
    assert _CONFLICT.search(text) is not None
    assert _CONFLICT.search("a table rule\n" + "=" * 8 + "\n") is None
