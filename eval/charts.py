"""The report's charts, drawn with matplotlib as SVG text for inlining into report.html.

Glyphs are written as paths (svg.fonttype 'path'), so Chinese and Kazakh
labels need no font on the reader's machine and the HTML stays one file that
opens offline. Nor do they need a system font on the machine that draws them:
Latin and Cyrillic (Kazakh letters included) come from the DejaVu Sans that
matplotlib ships, Chinese from the Noto Sans SC of the pylopdf-fonts-zh-cn
package, so a report looks the same wherever it is made.

Element ids inside each SVG get a per-chart prefix: several charts share one
HTML document and matplotlib's glyph and clip-path ids would otherwise collide.
"""
from __future__ import annotations

import io
import math
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import matplotlib
import pylopdf_fonts_zh_cn
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager
from matplotlib.ticker import MaxNLocator

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

CJK_FONT = Path(pylopdf_fonts_zh_cn.sans_path())
fontManager.addfont(CJK_FONT)
CJK_FAMILY = FontProperties(fname=CJK_FONT).get_name()  # "Noto Sans SC"

STATUS_COLOURS = {"ok": "#2e7d32", "warn": "#f0a202", "error": "#c62828"}
LINK_COLOURS = {"1-0": "#c44e52", "0-1": "#dd8452", "2-1": "#55a868", "1-2": "#8172b3",
                "2-2": "#937860"}
OTHER_LINK_COLOUR = "#8c8c8c"
RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "path",
    "svg.hashsalt": "tilmash-report",  # stable ids, so the same data gives the same file
    # DejaVu first for Latin and Cyrillic; Noto Sans SC fills in CJK glyphs character by character (matplotlib
    # falls back along an explicit family list; a generic "sans-serif" would stop at its first font).
    "font.family": ["DejaVu Sans", CJK_FAMILY],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_ID = re.compile(r'\bid="([^"]+)"')


def _svg(fig: Figure, prefix: str, title: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    for name in set(_ID.findall(text)):
        new = f"{prefix}-{name}"
        text = text.replace(f'id="{name}"', f'id="{new}"').replace(f'href="#{name}"', f'href="#{new}"')
        text = text.replace(f"url(#{name})", f"url(#{new})")
    # an accessible name; the page's CSS narrows a chart wider than the page (the size in points is its maximum)
    text = text.replace("<svg ", f'<svg role="img" aria-label="{title}" class="chart" ', 1)
    return text


def score_distribution(values: dict[str, list[tuple[float, str]]], label: str) -> str:
    """One histogram per language of a per-link value (`label` names it), each bar stacked by the links' status,
    on one shared x axis so the languages line up."""
    langs = list(values)
    finite = [v for pairs in values.values() for v, _ in pairs if math.isfinite(v)]
    low, high = (min(finite), max(finite)) if finite else (0.0, 1.0)
    if high - low < 1e-9:
        low, high = low - 0.5, high + 0.5
    bins = [low + (high - low) * i / 24 for i in range(25)]
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(9, 1.2 + 1.4 * len(langs)))
        axes = fig.subplots(len(langs), 1, sharex=True, squeeze=False)[:, 0]
        for ax, lang in zip(axes, langs):
            bottom = [0] * (len(bins) - 1)
            for status, colour in STATUS_COLOURS.items():
                chosen = [v for v, s in values[lang] if s == status and math.isfinite(v)]
                counts = [sum(1 for v in chosen if bins[i] <= v < bins[i + 1] or (i == len(bins) - 2 and v == bins[-1]))
                          for i in range(len(bins) - 1)]
                ax.bar(bins[:-1], counts, width=bins[1] - bins[0], bottom=bottom, align="edge", color=colour,
                       label=status, edgecolor="white", linewidth=0.4)
                bottom = [b + c for b, c in zip(bottom, counts)]
            ax.set_ylabel(f"{lang}\nlinks", rotation=0, ha="right", va="center", fontsize=9)
            ax.tick_params(axis="y", labelsize=7)
            ax.yaxis.get_major_locator().set_params(integer=True)
        axes[0].legend(title="status", loc="lower right", bbox_to_anchor=(1.0, 1.0), ncols=3, frameon=False,
                       fontsize=8, title_fontsize=8)
        axes[-1].set_xlabel(label)
        name = label.split(" (")[0]
        axes[0].set_title(f"Aligned paragraphs per language by {name}", fontsize=10, loc="left")
        return _svg(fig, "dist", escape(f"Distribution of the {name} of the aligned paragraphs per language"))


def term_heatmap(compliance: dict[str, dict[str, tuple[int, int]]], langs: list[str]) -> str | None:
    """Concept × language: share of source occurrences rendered admissibly, `ok/n` in each cell.

    `compliance[concept][lang]` is (ok, occurrences). Concepts with a shortfall in
    some language get a row each, worst first; those rendered right everywhere
    share one summary row, so the problems are what the eye finds. None when no
    term occurred at all.
    """
    if not compliance:
        return None
    compliance = dict(compliance)
    perfect = sorted(c for c, cells in compliance.items() if all(ok == n for ok, n in cells.values()))
    if len(perfect) > 1:
        merged: dict[str, tuple[int, int]] = {}
        for concept in perfect:
            for lang, (ok, n) in compliance.pop(concept).items():
                merged[lang] = (merged.get(lang, (0, 0))[0] + ok, merged.get(lang, (0, 0))[1] + n)
        compliance[f"{len(perfect)} other concepts"] = merged
    concepts = sorted(compliance, key=lambda c: (min(ok / n for ok, n in compliance[c].values()), c in perfect, c))
    grid = [[compliance[c][lang][0] / compliance[c][lang][1] if lang in compliance[c] else math.nan for lang in langs]
            for c in concepts]
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(3.2 + 1.1 * len(langs), 1.2 + 0.3 * len(concepts)))
        ax = fig.subplots()
        cmap = matplotlib.colormaps["RdYlGn"].with_extremes(bad="#e6e6e6")
        image = ax.imshow(grid, cmap=cmap, vmin=0.0, vmax=1.0, aspect="auto")
        for i, concept in enumerate(concepts):
            for j, lang in enumerate(langs):
                if lang in compliance[concept]:
                    ok, n = compliance[concept][lang]
                    ax.text(j, i, f"{ok}/{n}", ha="center", va="center", fontsize=8,
                            color="white" if ok / n < 0.35 else "black")
        ax.set_xticks(range(len(langs)), langs)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(concepts)), concepts, fontsize=8)
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        fig.colorbar(image, ax=ax, label="term accuracy")
        ax.set_title("Term compliance per concept (grey: not in the source)", fontsize=9, pad=18)
        return _svg(fig, "terms", "Term compliance per concept and language")


def link_types(counts: dict[str, dict[str, int]]) -> str:
    """One stacked horizontal bar per language pair of its links that are not 1-1, every segment numbered.

    1-1 links are most of any alignment; drawn in the bars they would squeeze
    the omissions, additions, merges and splits a reader looks for into
    slivers, so their count goes into the pair's label instead.
    """
    kinds = list(LINK_COLOURS) + sorted({k for c in counts.values() for k in c} - set(LINK_COLOURS) - {"1-1"})
    pairs = list(counts)
    labels = [f"{p}\n{counts[p].get('1-1', 0)} of {sum(counts[p].values())} links 1-1" for p in pairs]
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=(9, 0.9 + 0.5 * len(pairs)))
        ax = fig.subplots()
        left = [0] * len(pairs)
        for kind in kinds:
            widths = [counts[p].get(kind, 0) for p in pairs]
            if not any(widths):
                continue
            bars = ax.barh(labels, widths, left=left, color=LINK_COLOURS.get(kind, OTHER_LINK_COLOUR), label=kind,
                           edgecolor="white", linewidth=0.8)
            ax.bar_label(bars, labels=[str(w) if w else "" for w in widths], label_type="center", fontsize=8,
                         color="white")
            left = [a + w for a, w in zip(left, widths)]
        if any(left):
            ax.legend(title="link shape", loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8,
                      title_fontsize=8)
        else:
            ax.barh(labels, [0] * len(pairs))
            ax.text(0.5, 0.5, "every link is 1-1", transform=ax.transAxes, ha="center", va="center")
        ax.invert_yaxis()
        ax.set_xlabel("links that are not 1-1")
        cast(MaxNLocator, ax.xaxis.get_major_locator()).set_params(integer=True)
        ax.set_title("Links that are not one paragraph for one, per pair (shape: source paragraphs - target"
                     " paragraphs)", fontsize=9, loc="left")
        return _svg(fig, "links", "Link types per language pair")
