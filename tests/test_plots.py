"""Figures at 3, 10 and 30 groups: the map, ranked plots, notes, titles, files (plots.py).

Every summary here is constructed: made-up outlets ("Outlet 07 (constructed)") with made-up counts.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from framing._compare import compare
from framing._plots import MAP_MAX_GROUPS, comparison_figure, framing_map, interval_plot
from framing.errors import ParameterError

matplotlib = pytest.importorskip("matplotlib")
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

POLES = {"power": ("equal", "junior"), "bond": ("friendship", "convenience")}
OKABE_ITO = {"#0072b2", "#d55e00"}


def _summary(n_groups: int) -> pd.DataFrame:
    """Constructed counts: balances spread over [-1, 1], every fifth group piled on (-1, -1)
    (the corner where points used to pile up), and group 1 without a labelled bond sentence."""
    rows = []
    for i in range(n_groups):
        name = f"Outlet {i:02d} (constructed)" if i % 2 else f"Outlet {i:02d}"
        for k, (axis, (first, second)) in enumerate(POLES.items()):
            n_first = 0 if i % 5 == 0 else (i * (3 + 2 * k)) % 11
            n_second = (i * (5 + k)) % 7 + 1
            if axis == "bond" and i == 1:
                n_first = n_second = 0
            total = n_first + n_second
            balance = (n_first - n_second) / total if total else np.nan
            half = 1.5 / np.sqrt(total) if total else np.nan
            rows.append({
                "group": name, "axis": axis, f"n_{first}": n_first, f"n_{second}": n_second,
                "balance": balance, "ci_low": max(-1.0, balance - half) if total else np.nan,
                "ci_high": min(1.0, balance + half) if total else np.nan,
            })  # fmt: skip
    return pd.DataFrame(rows)


def _drawn(figure):
    """Lay out and draw the figure once; its renderer, to measure text on it."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def _group_labels(ax, summary):
    """The map's labels: one per point, naming a group a line."""
    names = set(summary["group"])
    return [t for t in ax.texts if t.get_text() and set(t.get_text().split("\n")) <= names]


def _overlaps(texts, renderer) -> list[tuple[str, str]]:
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    return [
        (a, b)
        for i, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[i + 1 :]
        if box_a.overlaps(box_b)
    ]


def _pole_names(ax) -> set[str]:
    """The pole names at the ends of the map's scales, outside its frame."""
    return {
        label.get_text()
        for scale in ax.child_axes
        for label in [*scale.get_xticklabels(), *scale.get_yticklabels()]
        if label.get_text()
    }


def _titles(figure) -> list[str]:
    return [ax.get_title() for ax in figure.axes]


@pytest.mark.parametrize(
    ("n_groups", "titles"),
    [
        (3, ["Framing map (balance, 95% intervals)", "power: balance and 95% interval",
             "bond: balance and 95% interval"]),
        (10, ["power: balance and 95% interval", "bond: balance and 95% interval"]),
        (30, ["power: balance and 95% interval", "bond: balance and 95% interval"]),
    ],
    ids=["3-map-and-ranked", "10-ranked", "30-ranked"],
)  # fmt: skip
def test_auto_draws_the_map_up_to_eight_groups_and_ranked_plots_beyond(n_groups, titles):
    assert MAP_MAX_GROUPS == 8
    assert _titles(comparison_figure(_summary(n_groups), POLES)) == titles


@pytest.mark.parametrize("n_groups", [3, 10, 30])
def test_ranked_plot_has_one_dot_per_labelled_group_sorted_by_balance(n_groups):
    summary = _summary(n_groups)
    figure = comparison_figure(summary, POLES, kind="ranked")
    renderer = _drawn(figure)
    for ax, axis in zip(figure.axes, POLES, strict=True):
        rows = summary[(summary["axis"] == axis) & summary["balance"].notna()]
        dots = [line for line in ax.lines if line.get_marker() == "o"]
        assert len(dots) == len(rows)
        ys = [float(line.get_ydata()[0]) for line in dots]
        xs = [float(line.get_xdata()[0]) for line in dots]
        assert sorted(ys) == list(range(len(rows)))
        assert [x for _, x in sorted(zip(ys, xs, strict=True))] == sorted(rows["balance"])
        ticks = ax.get_yticklabels()
        assert len(ticks) == len(rows) and all("(n=" in t.get_text() for t in ticks)
        assert _overlaps(ticks, renderer) == []  # one row per group, never on top of each other
        assert {to_hex(line.get_color()) for line in dots} <= OKABE_ITO | {"#333333"}


@pytest.mark.parametrize("n_groups", [3, 10, 30])
@pytest.mark.parametrize("kind", ["map", "both"])
def test_map_labels_overlap_no_other_label_and_no_point(n_groups, kind):
    """Also where every fifth group sits on (-1, -1): those share one label."""
    summary = _summary(n_groups)
    figure = comparison_figure(summary, POLES, kind=kind)
    renderer = _drawn(figure)
    ax = figure.axes[0]
    shown = summary.pivot(index="group", columns="axis", values="balance").dropna()
    labels = _group_labels(ax, summary)
    assert sorted(name for t in labels for name in t.get_text().split("\n")) == sorted(shown.index)
    assert len([line for line in ax.lines if line.get_marker() == "o"]) == len(shown)
    assert _overlaps(labels, renderer) == []
    assert _pole_names(ax) == {"junior", "equal", "convenience", "friendship"}
    axes_box = ax.get_window_extent(renderer)
    dots = [line for line in ax.lines if line.get_marker() == "o"]
    centres = ax.transData.transform([(d.get_xdata()[0], d.get_ydata()[0]) for d in dots])
    for label in labels:  # inside the frame: never over the tick labels or the pole names
        box = label.get_window_extent(renderer)
        assert axes_box.x0 <= box.x0 and box.x1 <= axes_box.x1 + 1, label.get_text()
        assert axes_box.y0 <= box.y0 and box.y1 <= axes_box.y1 + 1, label.get_text()
        # ... nor over a point; in the small map beside 30 ranked rows, some may touch
        hidden = [tuple(c) for c in centres if box.contains(*c)]
        assert hidden == [] or (n_groups == 30 and kind == "both"), label.get_text()


def test_the_report_figure_is_laid_out_the_same_on_every_run():
    summary = _summary(10)
    positions = [
        [t.get_position() for t in _group_labels(comparison_figure(summary, POLES, kind="map")
                                                 .axes[0], summary)]
        for _ in range(2)
    ]  # fmt: skip
    assert positions[0] == positions[1]


@pytest.mark.parametrize("kind", ["map", "ranked", "both"])
def test_a_note_names_the_groups_not_shown_and_why(kind):
    figure = comparison_figure(_summary(10), POLES, kind=kind)
    _drawn(figure)
    notes = [t.get_text() for ax in figure.axes for t in ax.texts if "Not shown" in t.get_text()]
    assert notes, "no note"
    assert all("no labelled sentence on bond" in note for note in notes)
    assert all("Outlet 01 (constructed)" in note.replace("\n", " ") for note in notes)
    figure_box = figure.bbox
    for ax in figure.axes:  # the note lies inside the figure, below the plot
        for text in ax.texts:
            if "Not shown" in text.get_text():
                box = text.get_window_extent()
                assert figure_box.y0 <= box.y0 and box.y1 < ax.get_window_extent().y0


def test_no_note_when_every_group_is_shown():
    summary = _summary(10)
    figure = comparison_figure(summary, POLES, kind="ranked", groups=["Outlet 02", "Outlet 04"])
    assert not [t for ax in figure.axes for t in ax.texts if "Not shown" in t.get_text()]
    assert [len(ax.get_yticklabels()) for ax in figure.axes] == [2, 2]


def test_titles_state_the_confidence_level():
    figure = comparison_figure(_summary(3), POLES, confidence=0.9)
    assert _titles(figure) == [
        "Framing map (balance, 90% intervals)",
        "power: balance and 90% interval",
        "bond: balance and 90% interval",
    ]
    assert "99.5% interval" in _titles(comparison_figure(_summary(30), POLES, confidence=0.995))[0]


@pytest.fixture(scope="module")
def comparison_90():
    """A comparison at 90% of constructed labels: three outlets, two articles each."""
    labels = {"a1": "EEJ", "a2": "EJ", "b1": "JJE", "b2": "JJ", "c1": "EEE", "c2": "EJE"}
    rows = [
        (doc[0].upper(), doc, {"E": "equal", "J": "junior"}[code], "friendship")
        for doc, codes in labels.items()
        for code in codes
    ]
    sents = pd.DataFrame(rows, columns=["outlet", "doc_id", "power_label", "bond_label"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return compare(sents.assign(voice="narrator", relevant=True), by="outlet",
                       confidence=0.9, n_resamples=200, seed=0)  # fmt: skip


def test_comparison_plot_titles_say_its_own_level(comparison_90):
    titles = _titles(comparison_90.plot())
    assert titles[0] == "Framing map (balance, 90% intervals)"
    assert comparison_90.plot(confidence=0.9).axes[0].get_title() == titles[0]


def test_comparison_plot_refuses_another_level_and_says_how_to_get_it(comparison_90):
    with pytest.raises(ParameterError, match=r"compare\(\.\.\., confidence=0\.95\)") as info:
        comparison_90.plot(confidence=0.95)
    assert info.value.name == "confidence"


def test_comparison_plot_options(comparison_90):
    ranked = comparison_90.plot(kind="ranked", groups=["A", "C"], axes=["bond", "power"])
    assert _titles(ranked) == ["bond: balance and 90% interval", "power: balance and 90% interval"]
    assert [t.get_text().split(" (")[0] for t in ranked.axes[1].get_yticklabels()] == ["A", "C"]
    own = Figure()
    ax = own.add_subplot(1, 1, 1)
    assert comparison_90.plot(ax=ax) is own
    assert own.axes == [ax] and ax.get_title().startswith("Framing map")
    ax2 = own.add_subplot(2, 1, 2)
    comparison_90.plot(kind="ranked", axes=["bond"], ax=ax2)
    assert ax2.get_title() == "bond: balance and 90% interval"


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"kind": "pie"}, "kind"),
        ({"groups": ["A", "Z"]}, "groups"),
        ({"groups": "A"}, "groups"),
        ({"groups": []}, "groups"),
        ({"axes": ["tone"]}, "axes"),
        ({"kind": "map", "axes": ["power"]}, "kind"),
        ({"kind": "both", "ax": "an Axes"}, "kind"),
        ({"confidence": 1.5}, "confidence"),
    ],
    ids=["kind", "unknown-group", "bare-string", "no-group", "axis", "map-one-axis",
         "both-in-one-axes", "confidence"],
)  # fmt: skip
def test_bad_options_are_parameter_errors(comparison_90, options, name):
    with pytest.raises(ParameterError) as info:
        comparison_90.plot(**options)
    assert info.value.name == name


def test_unknown_group_error_names_it_and_the_groups(comparison_90):
    with pytest.raises(ParameterError, match=r"not a group: 'Z'; the groups are 'A', 'B', 'C'"):
        comparison_90.plot(groups=["Z"])


def test_panel_functions_keep_their_positional_signatures():
    """``framing_map(ax, summary, poles, axes)`` and ``interval_plot(ax, summary, axis, poles)``
    work as before the keyword options came; the level defaults to 95%."""
    figure = Figure()
    first, second = figure.add_subplot(1, 2, 1), figure.add_subplot(1, 2, 2)
    summary = _summary(3)
    framing_map(first, summary, POLES, ("power", "bond"))
    interval_plot(second, summary, "power", POLES["power"])
    assert _titles(figure) == ["Framing map (balance, 95% intervals)",
                               "power: balance and 95% interval"]  # fmt: skip
    assert second.get_legend() is not None  # alone, a panel explains its colours itself


def test_the_report_writes_its_figure_as_a_200_dpi_png_and_an_svg(tmp_path):
    from PIL import Image

    from framing._report import write_report

    texts = {  # constructed sentences, two articles for each of three outlets
        "A": ["Xi and Putin met as equals.", "Russia is China's junior partner."],
        "B": ["Russia is China's junior partner.", "Xi and Putin are old friends."],
        "C": ["China and Russia are equal partners.", "Xi and Putin are old friends."],
    }
    corpus = pd.DataFrame(
        [(f"{outlet}{i}", outlet, text) for outlet, pair in texts.items()
         for i, text in enumerate(pair)],
        columns=["doc_id", "outlet", "text"],
    )  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        folder = write_report(corpus, tmp_path / "report", n_resamples=100).parent
    with Image.open(folder / "framing_map.png") as image:
        assert image.info["dpi"] == pytest.approx((200, 200), abs=0.01)
        size = image.size
    assert size == (11 * 200, 4.5 * 200)  # the map beside two ranked plots, 11 x 4.5 inches
    svg = (folder / "framing_map.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
