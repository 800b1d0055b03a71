"""Bar charts as PNG bytes, with a CJK font and byte-stable output.

Matplotlib's object API is used (no pyplot): no global figure state, safe in
notebooks and tests. The PNG carries no software version or date, so the same
counts give the same bytes.
"""
from __future__ import annotations

import io
from functools import lru_cache

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg  # headless, and leaves the notebook's backend alone
from matplotlib.figure import Figure

from kg.errors import GazetteError

# Families that cover simplified Chinese, best first (Debian's fonts-noto-cjk,
# Adobe's Source Han, WenQuanYi, and the usual Windows/macOS ones).
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Source Han Sans CN",
                "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC",
                "Noto Serif CJK SC")
PROBE = "市政府牵头单位配合"  # characters every chart label may need
DPI = 100
BAR_COLOUR = "#3b6ea5"


class MissingCJKFont(GazetteError):
    pass


@lru_cache(maxsize=1)
def cjk_font_family() -> str:
    """The name of an installed font family that covers Chinese, or a clear error."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    others = sorted(name for name in installed if "CJK" in name or "Han" in name or "Hei" in name)
    if others:
        return others[0]
    raise MissingCJKFont("no CJK font found for the charts: install one (Debian: apt-get install fonts-noto-cjk), "
                         "then remove matplotlib's font cache (~/.cache/matplotlib) so it is seen")


def cjk_font_path() -> str:
    """The file matplotlib renders the chart text with."""
    return font_manager.findfont(font_manager.FontProperties(family=cjk_font_family()), fallback_to_default=False)


def _rc() -> dict:
    return {
        "font.family": [cjk_font_family(), "DejaVu Sans"],
        "axes.unicode_minus": False,  # CJK fonts often lack U+2212
        "svg.hashsalt": "gazette-kg",  # SVG ids stable, should anyone save as SVG
        "path.simplify": True,
    }


def bar_chart_png(items: list[tuple[str, int]], title: str, horizontal: bool = True,
                  value_label: str = "tasks") -> bytes:
    """A bar chart of (label, count) pairs, in the order given, as PNG bytes."""
    labels = [label for label, _ in items] or ["(none)"]
    values = [value for _, value in items] or [0]
    with matplotlib.rc_context(_rc()):
        if horizontal:
            height = max(2.2, 0.42 * len(labels) + 1.2)
            fig = Figure(figsize=(7.5, height), dpi=DPI)
            ax = fig.add_subplot()
            positions = list(range(len(labels)))[::-1]  # first item on top
            ax.barh(positions, values, color=BAR_COLOUR)
            ax.set_yticks(positions, labels)
            ax.set_xlabel(value_label)
            for y, v in zip(positions, values):
                ax.text(v, y, f" {v}", va="center", fontsize=9)
            ax.set_xlim(0, max(values + [1]) * 1.15)
        else:
            fig = Figure(figsize=(max(4.0, 0.6 * len(labels) + 1.5), 3.6), dpi=DPI)
            ax = fig.add_subplot()
            positions = list(range(len(labels)))
            ax.bar(positions, values, color=BAR_COLOUR)
            ax.set_xticks(positions, labels, rotation=45 if len(labels) > 6 else 0, ha="right" if len(labels) > 6 else "center")
            ax.set_ylabel(value_label)
            for x, v in zip(positions, values):
                ax.text(x, v, str(v), ha="center", va="bottom", fontsize=9)
            ax.set_ylim(0, max(values + [1]) * 1.2)
        ax.set_title(title)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        FigureCanvasAgg(fig)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()
