"""The explorable HTML report (``write_report(..., html=True)``, ``framing report --html``).

The page is checked as text here, and in a real headless Chromium (Debian's ``chromium``, driven
with ``--dump-dom``, which prints the DOM after the page's script has run): it renders the
tables and every sentence row, its internal links resolve, the filter works from the address,
and nothing from the input runs as script. Without Chromium the browser tests skip locally and
fail in CI (``CI`` set), where ``.ci/run`` installs it.

Every article text, outlet name and title below is constructed for these tests.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import shutil
import subprocess
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from framing._html_report import HTML_FILE, SENTENCES_PER_POLE, render_html_report, segments
from framing._report import REPORT_FILES, write_report
from framing.cli import main
from framing.errors import InputError, ParameterError

from .conftest import SEEDS

# Payloads that would change document.title or add a <pwned> element if they ever ran.
SCRIPT = "<script>document.title='pwned'</script>"
IMG = "<img src=x onerror=\"document.body.appendChild(document.createElement('pwned'))\">"
SVG = '"><svg onload="document.title=\'pwned\'">'
PAYLOADS = (SCRIPT, IMG, SVG)


# ------------------------------------------------------------------------------------ helpers
class _Page(HTMLParser):
    """The elements of a page (tag, attributes) in order, and its text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [
            attrs
            for name, attrs in self.elements
            if name == tag and all(attrs.get(k) == v for k, v in wanted.items())
        ]

    def ids(self) -> set[str]:
        return {attrs["id"] for _, attrs in self.elements if attrs.get("id")}


def _sentence_rows(page: _Page) -> list[dict[str, str | None]]:
    return [a for a in page.all("tr") if a.get("class") == "sentence"]


def _shown(dom: str) -> int:
    return int(re.search(r'<span id="shown">(\d+)</span>', dom).group(1))


def _visible_blocks(page: _Page) -> list[dict[str, str | None]]:
    return [a for a in page.all("tbody") if a.get("class") == "block" and "hidden" not in a]


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is missing; .ci/run installs it with apt-get (Debian's chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium); CI runs these tests")


def _browser(page: Path, profile: Path, *options: str, address: str = "") -> str:
    """Chromium's output for the page at ``file://...{address}`` (``--dump-dom``: the DOM after
    its script ran)."""
    command = [
        _chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        f"--user-data-dir={profile}", *options, page.resolve().as_uri() + address,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def _dom(page: Path, tmp_path: Path, address: str = "") -> str:
    return _browser(page, tmp_path / "profile", "--dump-dom", address=address)


def _report(data, directory: Path, **options) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return write_report(data, directory, n_resamples=200, html=True, **options)


def _xss_corpus() -> pd.DataFrame:
    """Constructed articles whose outlet names, titles and sentences carry the payloads (in the
    article text as entities, as a web page holds them: cleaning decodes them to the raw tags)."""
    text = (
        f"Xi and Putin are old friends {html.escape(SCRIPT)}. Russia is China's junior partner "
        f"{html.escape(IMG)}. Moscow and Beijing are equal partners {html.escape(SVG)}. "
        "Their bond is a marriage of convenience, analysts say."
    )
    return pd.DataFrame({
        "text": [text] * 4,
        "outlet": [f"Outlet {SCRIPT}", f"Other {SVG}", f"Outlet {SCRIPT}", f"Other {SVG}"],
        "title": [f"Title {IMG}", f"Title {SCRIPT}", f"Title {SVG}", "Plain title"],
        "doc_id": ["a1", "b1", "a2", "b2"],
    })  # fmt: skip


def _many_outlets(n_outlets: int = 30) -> pd.DataFrame:
    """Constructed articles of ``n_outlets`` outlets, two each, labelled on both axes."""
    sentences = [
        "Xi and Putin are old friends.",
        "Russia is China's junior partner.",
        "Moscow and Beijing are equal partners.",
        "Their bond is a marriage of convenience.",
    ]
    rows = []
    for i in range(n_outlets):
        for j in range(2):
            chosen = [sentences[(i + j + k) % 4] for k in range(1 + (i + j) % 4)]
            rows.append(
                {"text": " ".join(chosen), "outlet": f"Outlet {i:02d}", "doc_id": f"{i}-{j}"}
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory) -> Path:
    return _report(SEEDS, tmp_path_factory.mktemp("seeds")).with_name(HTML_FILE)


@pytest.fixture(scope="module")
def xss_page(tmp_path_factory) -> Path:
    return _report(_xss_corpus(), tmp_path_factory.mktemp("xss")).with_name(HTML_FILE)


# ------------------------------------------------------------------------------ the page, as text
@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("old friends", [], [("old friends", False)]),
        ("old friends", [(0, 3)], [("old", True), (" friends", False)]),
        ("a b c", [(4, 5), (0, 1)], [("a", True), (" b ", False), ("c", True)]),
        ("abcdef", [(1, 3), (2, 5)], [("a", False), ("bcde", True), ("f", False)]),
        ("abc", [(1, 1), (-4, 1), (2, 99)], [("a", True), ("b", False), ("c", True)]),
        ("", [], [("", False)]),
    ],
    ids=["none", "start", "unordered", "overlap", "clipped", "empty"],
)
def test_segments(text, spans, expected):
    assert segments(text, spans) == expected


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(-5, 45), st.integers(-5, 45))))
def test_segments_join_back_to_the_text(text, spans):
    pieces = segments(text, spans)
    assert "".join(piece for piece, _ in pieces) == text
    marked = [p for p, cue in pieces if cue]
    assert all(marked)  # no empty cue
    assert all(a[1] != b[1] for a, b in zip(pieces, pieces[1:], strict=False))  # merged


def test_html_is_opt_in_and_checked(tmp_path):
    with pytest.raises(ParameterError, match="html"):
        write_report(SEEDS, tmp_path / "x", html="yes")
    assert not (tmp_path / "x").exists()


@pytest.mark.slow
def test_page_is_self_contained_escaped_and_reproducible(xss_page, tmp_path):
    text = xss_page.read_text(encoding="utf-8")
    again = _report(_xss_corpus(), tmp_path / "again").with_name(HTML_FILE)
    assert again.read_bytes() == xss_page.read_bytes()  # byte for byte, no timestamps
    assert sorted(p.name for p in xss_page.parent.iterdir()) == sorted((*REPORT_FILES, HTML_FILE))
    for payload in PAYLOADS:  # only ever as escaped text
        assert payload not in text
        assert str(escape(payload)) in text
    page = _Page(text)
    assert [a for a in page.all("script")] == [{}]  # the page's own script, and no other
    for tag, attrs in page.elements:  # nothing loaded from elsewhere, no handler attributes
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith(("#", "data:image/svg+xml;base64,")), value
    figure = page.all("img")[0]["src"].split(",", 1)[1]
    assert base64.b64decode(figure) == (xss_page.parent / "framing_map.svg").read_bytes()
    # the Content-Security-Policy allows the page's own script by its hash, nothing else
    script = text.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = page.all("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"]
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy


def test_force_replaces_the_page_with_the_report(tmp_path):
    target = tmp_path / "report"
    _report(_many_outlets(3), target)
    (target / HTML_FILE).write_text("old", encoding="utf-8")
    with pytest.raises(InputError, match="replaces only report.md, .*, report.html"):
        _report(_many_outlets(3), target)
    _report(_many_outlets(3), target, force=True, top_terms=2)
    text = (target / HTML_FILE).read_text(encoding="utf-8")
    assert "<h2>Evidence" in text and "<th>top 2 terms (z-score)</th>" in text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_report(_many_outlets(3), target, n_resamples=200, force=True)  # html=False
    assert "<h2>Evidence" in (target / HTML_FILE).read_text(encoding="utf-8")  # left alone


def test_sentences_are_capped_per_group_and_pole():
    from framing import compare, score

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sents = score(["Russia is China's junior partner. Russia is a junior partner now."] * 3)
        sents["outlet"] = ["A"] * 4 + ["B"] * 2
        comparison = compare(sents, n_resamples=100, seed=0)
    page = render_html_report(
        sents, comparison, facts=["documents: 3"], corpus_rows=[["A", 2, 4, 4]], notes=[],
        figure_svg=b"<svg/>", lexicon=("relationship", None, None), per_pole=3,
    )  # fmt: skip
    rows = _sentence_rows(_Page(page))
    assert len(rows) == 3 + 2  # A: 4 junior sentences, 3 listed; B: 2
    assert "A · power → junior: 4 sentences, the strongest 3 listed" in page
    assert "B · power → junior: 2 sentences</th>" in page
    assert "At most 3 sentences are listed per group and pole" in page
    assert SENTENCES_PER_POLE == 50


def test_report_command_writes_the_page(tmp_path, capsys):
    target = tmp_path / "out"
    args = ["report", str(SEEDS), "-o", str(target), "--n-resamples", "200", "--html"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(args) == 0
    assert f"wrote {target / HTML_FILE}" in capsys.readouterr().err
    text = (target / HTML_FILE).read_text(encoding="utf-8")
    assert "<h2>Evidence: the sentences behind each label</h2>" in text
    assert (target / "report.md").exists()


# ------------------------------------------------------------------------- in a headless browser
def test_browser_tests_fail_in_ci_without_chromium(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="chromium is missing"):
        _chromium()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _chromium()


@pytest.mark.slow
def test_page_renders_in_chromium_with_its_tables_and_sentences(seeds_page, tmp_path):
    dom = _dom(seeds_page, tmp_path)
    page = _Page(dom)
    assert page.all("title") and "Framing report: 5 documents by outlet" in dom
    headings = re.findall(r"<h3 id=\"axis-\d\">([^<]*)</h3>", dom)
    assert headings == ["power (equal: +1, junior: −1)", "bond (friendship: +1, convenience: −1)"]
    assert len([a for a in page.all("table") if a.get("class") == "data summary"]) == 2
    # one row per labelled sentence and axis: power 25 + bond 67 in the seeds (README's table)
    assert len(_sentence_rows(page)) == 92
    assert _shown(dom) == 92 and not any("hidden" in a for a in _sentence_rows(page))
    assert "<mark>junior partner</mark>" in dom
    assert "John Kirby" in dom  # a speaker
    # every internal link resolves to an element of the page
    targets = [a["href"][1:] for a in page.all("a") if (a.get("href") or "").startswith("#")]
    assert set(targets) <= page.ids()
    assert len(targets) == 5 + 17  # the contents, and each pole count above 0 (7 power, 10 bond)


@pytest.mark.slow
def test_filter_from_the_address(seeds_page, tmp_path):
    page = _Page(_dom(seeds_page, tmp_path, "?group=NPR&axis=bond&pole=friendship"))
    blocks = _visible_blocks(page)
    assert [(b["data-group"], b["data-pole"]) for b in blocks] == [("NPR", "friendship")]
    visible = [a for a in _sentence_rows(page) if "hidden" not in a]
    assert len(visible) == 5  # NPR's n_friendship in the comparison table

    dom = _dom(seeds_page, tmp_path, "?voice=narrator&q=PARTNER")
    rows = re.findall(r'<tr class="sentence" data-voice="(\w+)"( hidden="")?>(.*?)</tr>', dom)
    assert len(rows) == 92
    for voice, hidden, cells in rows:  # shown: exactly the narrator's rows with the word
        text = html.unescape(re.sub(r"<[^>]+>", "", cells)).lower()
        assert (not hidden) == (voice == "narrator" and "partner" in text), cells
    assert 0 < _shown(dom) == sum(not hidden for _, hidden, _ in rows) < 92

    # a link of the comparison table (a block's id) filters to that block
    dom = _dom(seeds_page, tmp_path, "#ev-1-0-1")
    page = _Page(dom)
    assert [(b["data-group"], b["data-axis"], b["data-pole"]) for b in _visible_blocks(page)] == [
        ("Hindustan Times", "power", "junior")
    ]
    assert _shown(dom) == 3

    dom = _dom(seeds_page, tmp_path, "?q=no%20such%20words%20anywhere")
    assert _shown(dom) == 0 and '<p id="no-match">' in dom


@pytest.mark.slow
@pytest.mark.parametrize("policy", ["kept", "removed"])
def test_nothing_from_the_input_runs_as_script(xss_page, tmp_path, policy):
    page_path = xss_page
    if policy == "removed":  # escaping alone, without the Content-Security-Policy's help
        text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", xss_page.read_text())
        assert "Content-Security-Policy" not in text
        page_path = tmp_path / "no-policy.html"
        page_path.write_text(text, encoding="utf-8")
    dom = _dom(page_path, tmp_path)
    page = _Page(dom)
    assert "".join(page.text).count("pwned") >= 6  # the payloads are there, as text
    assert re.search(r"<title>Framing report: 4 documents by outlet</title>", dom)
    assert not page.all("pwned") and not page.all("svg")
    assert [a["src"][:26] for a in page.all("img")] == ["data:image/svg+xml;base64,"]
    assert len(page.all("script")) == 1
    text = "".join(page.text)
    for payload in PAYLOADS:
        assert payload in text, payload
    # the page's own script ran (under the policy too): the filter counted the rows
    assert _shown(dom) == len(_sentence_rows(page)) > 0


@pytest.mark.slow
def test_the_filter_starts_at_the_voice_the_comparison_counted(tmp_path):
    page_path = _report(_xss_corpus(), tmp_path / "report", voice="source").with_name(HTML_FILE)
    rows = _sentence_rows(_Page(_dom(page_path, tmp_path)))
    voices = {(a["data-voice"], "hidden" in a) for a in rows}
    assert voices == {("source", False), ("narrator", True)}


@pytest.mark.slow
def test_thirty_outlets(tmp_path):
    report = _report(_many_outlets(30), tmp_path / "report")
    page_path = report.with_name(HTML_FILE)
    assert page_path.stat().st_size < 2_000_000
    dom = _dom(page_path, tmp_path, "?group=Outlet%2017")
    page = _Page(dom)
    options = [a for a in page.all("option") if a.get("value", "").startswith("Outlet ")]
    assert len(options) == 30
    groups = {b["data-group"] for b in _visible_blocks(page)}
    assert groups == {"Outlet 17"}
    links = [a["href"][1:] for a in page.all("a") if (a.get("href") or "").startswith("#ev-")]
    assert len(set(links)) == len({a["id"] for a in page.all("tbody") if a.get("id")})
    assert set(links) <= page.ids()
    shot = tmp_path / "page.png"
    _browser(page_path, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
