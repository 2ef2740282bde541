"""Charts drawn on the server as accessible SVG (pygal), for pages and PDFs alike.

pygal writes its look into a <style> element and its tooltips' settings into a <script> element
inside the SVG. Llais's Content-Security-Policy allows neither inline style nor inline script, so
both are taken out of the drawn tree and the look comes from static/css/charts.css (classes
only; pygal's `no_prefix` keeps its class names plain). The SVG is marked as one image
(role="img") named by its <title> and described by its <desc>; the same figures are in the
table beside it, which is what a screen reader reads in full.
"""

from __future__ import annotations

from functools import cache
from xml.etree import ElementTree

import pygal
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

# Colours are set in static/css/charts.css by class (.color-0 ...); pygal needs some here too.
_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    colors=("#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#f47738", "#505a5f"),
    font_family="Arial, sans-serif",
    # The sizes static/css/llais.css draws the text at, so pygal leaves room for the labels.
    label_font_size=14,
    major_label_font_size=14,
    value_font_size=14,
)


def _strip_inline(root: ElementTree.Element) -> None:
    """Remove every <style> element, style attribute and <script> (the CSP would refuse them),
    the tooltips (they need the script), pygal's own <title> of the whole chart (Llais names it
    below) and its comments."""
    for parent in list(root.iter()):
        parent.attrib.pop("style", None)
        for child in list(parent):
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in {"style", "script"} or (parent is root and tag in {"title", ""}):
                parent.remove(child)
            elif "tooltip-overlay" in child.get("class", ""):
                parent.remove(child)  # pygal's tooltips need its script


def _ticks(bars: list[tuple[str, int | None]]) -> list[int]:
    """Whole numbers on the value axis (a count of 0.4 cases means nothing): at most 6."""
    top = max([value for _label, value in bars if value is not None] + [1])
    step = max(1, -(-top // 5))
    return list(range(0, top + step, step))


@cache
def _print_rules() -> str:
    """The chart rules of static/css/llais.css (those naming .llais-chart), for a printed chart.
    WeasyPrint draws an inline SVG with the SVG's own stylesheet only, not the page's."""
    css = (settings.BASE_DIR / "static" / "css" / "llais.css").read_text(encoding="utf-8")
    return "\n".join(line for line in css.splitlines() if line.startswith(".llais-chart"))


def bar_chart(
    *,
    key: str,
    title: str,
    description: str,
    bars: list[tuple[str, int | None]],
    printed: bool = False,
) -> SafeString:
    """A horizontal bar chart of `bars` (label, number; None draws no bar), as inline SVG.

    `printed`: the same SVG for a PDF, with the page's chart rules in a <style> element of its
    own (a PDF is not served under the Content-Security-Policy, and WeasyPrint styles an SVG
    only from inside it)."""
    chart = pygal.HorizontalBar(
        style=_STYLE,
        no_prefix=True,
        js=[],
        disable_xml_declaration=True,
        show_legend=False,
        print_values=False,  # the table beside the chart gives every number
        width=640,
        height=max(160, 60 + 36 * len(bars)),
        margin=8,
        truncate_label=-1,
        no_data_text="",
    )
    # pygal draws the first bar at the bottom; the table reads from the top.
    in_order = list(reversed(bars))
    chart.x_labels = [label for label, _value in in_order]
    chart.y_labels = _ticks(bars)
    chart.add(str(title), [value for _label, value in in_order])
    root = chart.render_tree()
    _strip_inline(root)
    title_id, desc_id = f"chart-{key}-title", f"chart-{key}-desc"
    root.set("id", f"chart-{key}")
    root.set("role", "img")
    root.set("aria-labelledby", f"{title_id} {desc_id}")
    root.set("class", "llais-chart pygal-chart")
    root.set("focusable", "false")
    title_element = ElementTree.Element("title", id=title_id)
    title_element.text = str(title)
    desc_element = ElementTree.Element("desc", id=desc_id)
    desc_element.text = str(description)
    root.insert(0, desc_element)
    root.insert(0, title_element)
    if printed:
        style = ElementTree.Element("style")
        style.text = _print_rules()
        root.insert(2, style)
    svg = ElementTree.tostring(root, encoding="unicode")
    # ElementTree escapes text; the only markup is what pygal and this function drew.
    return mark_safe(svg)
