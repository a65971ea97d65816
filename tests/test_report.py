"""Figures, the Markdown report and the report command."""

from __future__ import annotations

import subprocess
import sys
import warnings

import pytest

import framing
from framing._compare import compare
from framing._report import REPORT_FILES, write_report
from framing._scoring import score
from framing.cli import main
from framing.errors import InputError

from .conftest import SEEDS


@pytest.fixture(scope="module")
def comparison():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return compare(score(SEEDS), by="outlet", n_resamples=200, seed=0)


def test_plot_is_a_figure_with_map_and_intervals(comparison, tmp_path):
    from matplotlib.figure import Figure

    figure = comparison.plot()
    assert isinstance(figure, Figure)
    titles = [ax.get_title() for ax in figure.axes]
    assert titles == [
        "Framing map (balance, 95% intervals)",
        "power: balance and 95% interval",
        "bond: balance and 95% interval",
    ]
    map_axes = figure.axes[0]
    assert map_axes.get_xlim() == pytest.approx((-1.15, 1.15))
    assert "junior" in map_axes.get_xlabel() and "equal" in map_axes.get_xlabel()
    labels = {t.get_text() for t in map_axes.texts}
    assert {"NPR", "Hindustan Times"} <= labels
    poles = {label.get_text() for scale in map_axes.child_axes
             for label in [*scale.get_xticklabels(), *scale.get_yticklabels()]}  # fmt: skip
    assert {"equal", "junior", "friendship", "convenience"} <= poles  # at the ends of the scales
    interval_labels = [t.get_text() for t in figure.axes[1].get_yticklabels()]
    assert any(label.startswith("NPR (n=") for label in interval_labels)
    for suffix in ("png", "svg"):
        figure.savefig(tmp_path / f"map.{suffix}")
        assert (tmp_path / f"map.{suffix}").stat().st_size > 1000


@pytest.mark.slow
def test_plot_opens_no_pyplot_figure_and_leaves_the_backend_alone():
    """adjustText, which places the map's labels, imports pyplot; plot() must still open no
    pyplot figure (nothing to show or to leak) and must not choose a backend."""
    code = (
        "import sys, warnings; warnings.simplefilter('ignore'); import framing; "
        "import matplotlib; before = dict.__getitem__(matplotlib.rcParams, 'backend'); "
        "sents = framing.score(['Xi and Putin are old friends.', 'Russia is China’s junior partner.']); "
        "sents['outlet'] = ['A', 'B']; framing.compare(sents, n_resamples=100).plot(); "
        "import matplotlib.pyplot as plt; "
        "print(plt.get_fignums(), dict.__getitem__(matplotlib.rcParams, 'backend') is before)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] True"


@pytest.mark.slow
def test_report_contents_and_determinism(tmp_path):
    first = write_report(SEEDS, tmp_path / "a", n_resamples=200)
    second = write_report(SEEDS, tmp_path / "b", n_resamples=200)
    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8")
    for name in ("framing_map.svg", "framing_map.png"):  # the figures too, byte for byte
        assert (first.parent / name).read_bytes() == (second.parent / name).read_bytes(), name
    assert sorted(p.name for p in first.parent.iterdir()) == sorted(REPORT_FILES)
    for heading in (
        "## Corpus",
        "## Comparison",
        "## Evidence",
        "## Distinctive terms",
        "## Method notes",
    ):
        assert heading in text
    assert "lines removed by cleaning: 44" in text
    assert "\\[junior partner\\]" in text and "John Kirby" in text  # escaped: text, not a link
    assert "relationship 2." in text and "seed 0" in text
    assert str(tmp_path) not in text  # no absolute paths


def test_report_refuses_a_non_empty_folder_and_keeps_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="not empty"):
        write_report(SEEDS, tmp_path, n_resamples=200)
    write_report(SEEDS, tmp_path, n_resamples=200, force=True)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "report.md").exists()


def test_report_command(tmp_path, capsys):
    target = tmp_path / "out"
    assert main(["report", str(SEEDS), "-o", str(target), "--n-resamples", "200", "-q"]) == 0
    assert (target / "report.md").exists()
    assert main(["report", str(SEEDS), "-o", str(target)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "missing"), "-o", str(tmp_path / "new")]) == 2


def test_report_summarises_duplicate_clusters_not_pairs(tmp_path):
    """300 copies of one text (44,850 pairs) and 12 pairs of other copies: one table row per
    cluster, the ten largest shown, the rest counted."""
    import json

    text = "Xi met Putin in Moscow. Russia is China's junior partner, analysts said."
    path = tmp_path / "copies.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(300):
            handle.write(json.dumps({"doc_id": f"c{i:03d}", "outlet": f"o{i % 2}", "text": text}))
            handle.write("\n")
        for k in range(12):
            other = "Putin and Xi spoke. " + " ".join(f"t{k}w{j}" for j in range(30))
            for copy in "ab":
                record = {"doc_id": f"p{k:02d}{copy}", "outlet": f"o{k % 2}", "text": other}
                handle.write(json.dumps(record) + "\n")
    out = tmp_path / "out"
    assert main(["report", str(path), "-o", str(out), "-q", "--n-resamples", "200"]) == 0
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "- duplicate clusters: 13, holding 324 documents" in report
    assert "| 1 | exact | 300 | c000 | c000, c001, c002, c003, c004 … |" in report
    assert "| 2 | exact | 2 | p00a | p00a, p00b |" in report
    assert "… and 3 more (`Corpus.duplicate_clusters()`)" in report
    assert "c000 ~ c001" not in report and "p11a" not in report
    assert len(report) < 20_000


def test_write_report_reports_progress_and_warns(tmp_path):
    calls = []
    with pytest.warns(framing.SmallSampleWarning, match="single_document"):
        write_report(SEEDS, tmp_path / "r", n_resamples=100,
                     progress=lambda done, total: calls.append((done, total)))  # fmt: skip
    assert calls and calls[-1] == (5, 5)


def test_distinctive_terms_mark_key_terms_and_leave_out_stop_words():
    import pandas as pd

    from framing._report import _keyness_section

    # Constructed texts: "sanctions" 150 times in A, 5 times in B; "the" as often; fillers.
    filler = " ".join(f"word{i}" for i in range(300))
    table = pd.DataFrame(
        {
            "outlet": ["A", "B"],
            "text": ["the sanctions " * 150 + filler, "the sanctions " * 5 + f"{filler} {filler}"],
        }
    )
    section = _keyness_section(table, "outlet", 3)
    assert "| A | sanctions \\(10.6, key\\), word0 \\(-0.2\\)" in section
    assert "the \\(" not in section  # an English stop word
    assert section.rstrip().endswith("(1 shown).")


def test_distinctive_terms_of_the_seeds_are_ranks_not_findings():
    from framing._report import _keyness_section

    sents = score(SEEDS)
    section = _keyness_section(sents, "outlet", 10)
    assert ", key)" not in section and "no term shown is: these are ranks" in section
    assert "has \\(" not in section and "its \\(" not in section  # "from", "has", "as" ...
