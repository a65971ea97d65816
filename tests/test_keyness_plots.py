"""Tests of framing.plot_keyness and framing.plot_keyness_scatter (figures, no pyplot)."""

from __future__ import annotations

import itertools
from pathlib import Path

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import framing
from framing import keyness, plot_keyness, plot_keyness_scatter
from framing.errors import InputError, ParameterError

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _strong() -> pd.DataFrame:
    # Constructed texts: "sanctions" 40 times in A and twice in B (significant under a uniform
    # prior, see test_keyness); 40 filler words used once on each side.
    filler = " ".join(f"word{i}" for i in range(40))
    return pd.DataFrame(
        {"outlet": ["A", "B"], "text": ["sanctions " * 40 + filler, "sanctions " * 2 + filler]}
    )


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    manifest = pd.read_csv(SEEDS / "manifest.csv")
    texts = [(SEEDS / f).read_text(encoding="utf-8") for f in manifest["file"]]
    return pd.DataFrame({"outlet": manifest["outlet"], "text": texts})


def _filled(patch) -> bool:
    return mcolors.to_hex(patch.get_facecolor()) != "#ffffff"


# --------------------------------------------------------------------------- bars


def test_bars_are_filled_exactly_for_significant_terms():
    result = keyness(_strong(), prior="uniform", top=5)
    figure = plot_keyness(result, top=5)
    assert [ax.get_title() for ax in figure.axes] == ["A vs the rest", "B vs the rest"]
    a_axes = figure.axes[0]
    # Bars are drawn from rank 5 (bottom) to rank 1 (top).
    shown = result[result["group"] == "A"].sort_values("rank", ascending=False)
    assert [t.get_text() for t in a_axes.get_yticklabels()] == shown["term"].tolist()
    assert [_filled(p) for p in a_axes.patches] == shown["significant"].tolist()
    assert shown["significant"].tolist()[-1] is True  # "sanctions", rank 1
    np.testing.assert_allclose([p.get_width() for p in a_axes.patches], shown["z"])
    # Counts beside the bars; the legend names the level and the adjustment.
    assert "40/2" in [t.get_text() for t in a_axes.texts]
    legend = [t.get_text() for t in figure.legends[0].get_texts()]
    assert legend == ["significant at 0.05 (Holm adjustment over all terms)", "not significant"]


def test_bars_on_the_seeds_are_open(seeds):
    # No seed term is significant after Holm's adjustment: every bar is open.
    figure = plot_keyness(keyness(seeds, top=10, stop_words="english"), top=8)
    assert len(figure.axes) == 5
    assert all(len(ax.patches) == 8 for ax in figure.axes)
    assert not any(_filled(p) for ax in figure.axes for p in ax.patches)


def test_bars_of_a_pair_and_chosen_groups():
    result = keyness(_strong(), prior="uniform", pair=("B", "A"), top=3)
    figure = plot_keyness(result, groups=["A"])
    assert [ax.get_title() for ax in figure.axes] == ["A vs B"]
    both = plot_keyness(result, groups=["A", "B"])
    assert [ax.get_title() for ax in both.axes] == ["A vs B", "B vs A"]
    with pytest.raises(ParameterError) as info:
        plot_keyness(result, groups=["C"])
    assert info.value.name == "groups"


def test_bars_of_an_empty_result():
    figure = plot_keyness(keyness(_strong(), min_count=1000))
    assert [t.get_text() for t in figure.axes[0].texts] == ["no term to show"]


def test_bars_bad_input():
    with pytest.raises(InputError, match="missing: significant"):
        plot_keyness(keyness(_strong()).drop(columns="significant"))
    with pytest.raises(InputError):
        plot_keyness([1, 2])  # type: ignore[arg-type]
    with pytest.raises(ParameterError):
        plot_keyness(keyness(_strong()), top=0)


# --------------------------------------------------------------------------- scatter


def _offsets(ax) -> list[np.ndarray]:
    return [c.get_offsets() for c in ax.collections]


def test_scatter_places_every_term_at_its_rates():
    table = _strong()
    figure = plot_keyness_scatter(table, ("A", "B"), prior="uniform", label=0)
    ax = figure.axes[0]
    grey, first, second = _offsets(ax)
    assert len(grey) + len(first) + len(second) == 41  # every term used by either side
    # "sanctions": 40 of 80 tokens in A, 2 of 42 in B -> (2.5/42, 40.5/80) per 1,000 tokens.
    np.testing.assert_allclose(first, [[2.5 / 42 * 1000, 40.5 / 80 * 1000]])
    assert len(second) == 0 and len(ax.texts) == 0
    assert ax.get_xscale() == ax.get_yscale() == "log"


def test_scatter_labels_do_not_overlap_on_the_seeds(seeds):
    figure = plot_keyness_scatter(
        seeds, ("The Independent", "Hindustan Times"), stop_words="english", label=10
    )
    ax = figure.axes[0]
    labelled = {t.get_text() for t in ax.texts}
    result = keyness(seeds, pair=("The Independent", "Hindustan Times"), top=10,
                     stop_words="english")  # fmt: skip
    # The top 10 of each side, less any label that would still overlap (none here).
    assert labelled <= set(result["term"]) and len(labelled) >= 18
    renderer = FigureCanvasAgg(figure).get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]
    # Stop words are not points: "the" is not among the terms of either side.
    assert "the" not in labelled


def test_scatter_never_overlaps_labels_even_when_crowded(seeds):
    # 20 labels per side in a small figure: adjustText cannot separate them all, and the
    # labels it leaves overlapping are dropped (with their connecting lines).
    from matplotlib.figure import Figure

    ax = Figure(figsize=(3, 3)).add_subplot(1, 1, 1)
    plot_keyness_scatter(seeds, ("NPR", "The Independent"), label=20, ax=ax)
    boxes = [t.get_window_extent() for t in ax.texts]
    assert 0 < len(boxes) < 40
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]
    texts = set(ax.texts)
    assert all(arrow.patchA in texts for arrow in ax.patches)


def test_scatter_into_given_axes_and_saved(tmp_path):
    from matplotlib.figure import Figure

    figure = Figure()
    ax = figure.add_subplot(1, 2, 2)
    assert plot_keyness_scatter(_strong(), ("A", "B"), prior="uniform", ax=ax) is figure
    assert ax.get_title() == "Terms of A vs B by outlet"
    for suffix in ("png", "svg"):
        figure.savefig(tmp_path / f"terms.{suffix}", dpi=200)
        assert (tmp_path / f"terms.{suffix}").stat().st_size > 1000


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"top": 5}, "top"),
        ({"label": -1}, "label"),
        ({"stop_words": "german"}, "stop_words"),
    ],  # fmt: skip
)
def test_scatter_bad_options(options, name):
    with pytest.raises(ParameterError) as info:
        plot_keyness_scatter(_strong(), ("A", "B"), **options)
    assert info.value.name == name


def test_public_names():
    assert framing.plot_keyness is plot_keyness
    assert framing.plot_keyness_scatter is plot_keyness_scatter
