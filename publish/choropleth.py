"""The map of Indonesia by UHC Award category, drawn as SVG on the server.

Drawn by pantau itself rather than by a tile map in the browser, so it shows without
internet, is the same picture on the page and in the file a journalist downloads, and
a test can count its coloured regions. Each region is one ``<path>`` whose ``fill`` is
its category's colour and whose data attributes carry what the hover label shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from html import escape

from extract.regions import all_regions
from publish.boundaries import Boundaries, load

WIDTH = 1000  # pixels of the drawing's own coordinate system
LEGEND_HEIGHT = 64
TITLE_HEIGHT = 40
PADDING = 0.02  # of the map's extent, around the regions shown
# Borders stay thin however far the map is zoomed (the regions are drawn in 1/1000 degree).
STYLE = (
    ".pantau-map-regions path{stroke-width:0.5px;vector-effect:non-scaling-stroke}"
    ".pantau-map-borders{fill:none;stroke:#6b6b6b;stroke-width:0.8px;"
    "vector-effect:non-scaling-stroke;pointer-events:none}"
)


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    colour: str


# In legend order. A category the extractor never produces is shown as "without category".
UTAMA = Category("Utama", "Utama", "#08519c")
MADYA = Category("Madya", "Madya", "#4292c6")
PRATAMA = Category("Pratama", "Pratama", "#9ecae1")
UNSTATED = Category("tanpa", "Kategori tidak disebut", "#f59e0b")
UNREPORTED = Category("kosong", "Tidak ada berita", "#e5e5e5")
CATEGORIES = (UTAMA, MADYA, PRATAMA, UNSTATED, UNREPORTED)
_BY_NAME = {c.key: c for c in (UTAMA, MADYA, PRATAMA)}

LEVELS = ("kabupaten", "provinsi")  # kabupaten: every kabupaten/kota; provinsi: provinces

# One row per region reported for a year: the consolidated answer of award_summary.
REPORTS_SQL = """
select region_code, category, outlets, articles from award_summary
where year = :year
"""
YEARS_SQL = "select distinct year from award_summary where year is not null order by year desc"


LegendHref = Callable[["Category"], str | None]


@dataclass(frozen=True)
class Report:
    category: str | None
    outlets: int
    articles: int


def category_of(report: Report | None) -> Category:
    """The legend entry a region falls in, given its consolidated report (or none)."""
    if report is None:
        return UNREPORTED
    return _BY_NAME.get(report.category or "", UNSTATED)


def region_codes(level: str, province: str | None = None) -> list[str]:
    """The regions a map shows: provinces, or kabupaten/kota (of one province if given)."""
    return [
        code
        for code, r in all_regions().items()
        if (r.level == "provinsi") == (level == "provinsi")
        and (province is None or r.province_code == province)
    ]


def _ring_path(ring: list[int]) -> str:
    """SVG path data for a delta-encoded ring: a relative lineto per step, y flipped."""
    steps = " ".join(f"{ring[i]} {-ring[i + 1]}" for i in range(2, len(ring), 2))
    return f"M{ring[0]} {-ring[1]}l{steps}z"


def _dot_path(x: int, y: int, radius: int) -> str:
    return (
        f"M{x - radius} {-y}a{radius} {radius} 0 1 0 {2 * radius} 0"
        f"a{radius} {radius} 0 1 0 {-2 * radius} 0z"
    )


@cache
def _outline(code: str) -> str:
    """A region's outline as path data, computed once per process (the map is redrawn
    on every page view and year switch)."""
    return "".join(_ring_path(ring) for ring in load().shapes[code])


def _hover_text(name: str, category: Category, report: Report | None) -> str:
    if report is None:
        return f"{name}: {category.label}"
    label = report.category if category is not UNSTATED else "kategori tidak disebut"
    return f"{name}: {label}, {report.outlets} media"


def _region_path(
    code: str, shapes: Boundaries, report: Report | None, dot: int, standalone: bool
) -> str | None:
    """One region's ``<path>``; a file gets a ``<title>`` tooltip, a page a ``data-label``
    for its own hover label (a title would show a second, browser-drawn tooltip)."""
    region = all_regions()[code]
    if code in shapes.shapes:
        d = _outline(code)
    elif code in shapes.missing and shapes.missing[code].seat:
        d = _dot_path(*shapes.missing[code].seat, dot)
    else:
        return None
    category = category_of(report)
    label = escape(_hover_text(region.name, category, report))
    return (
        f'<path d="{d}" fill="{category.colour}" data-code="{code}"'
        f' data-category="{category.key}" data-outlets="{report.outlets if report else 0}"'
        + (f"><title>{label}</title></path>" if standalone else f' data-label="{label}"/>')
    )


def _legend(y: int, counts: Mapping[str, int], href: LegendHref | None) -> str:
    items = []
    column = WIDTH // len(CATEGORIES)
    for i, category in enumerate(CATEGORIES):
        x = 10 + i * column
        item = (
            f'<rect x="{x}" y="{y + 12}" width="16" height="16" fill="{category.colour}"'
            f' stroke="#999" stroke-width="0.5"/>'
            f'<text x="{x + 22}" y="{y + 25}">{escape(category.label)}'
            f" ({counts.get(category.key, 0)})</text>"
        )
        link = href(category) if href else None
        items.append(f'<a href="{escape(link)}">{item}</a>' if link else item)
    return f'<g class="pantau-map-legend" font-size="13">{"".join(items)}</g>'


def render(
    reports: Mapping[str, Report],
    *,
    year: int | None,
    level: str = "kabupaten",
    province: str | None = None,
    href: Callable[[str], str] | None = None,
    legend_href: LegendHref | None = None,
    standalone: bool = False,
) -> str:
    """The map as an ``<svg>`` element: regions filled by category, with a legend.

    ``href`` links each region to its page and ``legend_href`` each legend count to the
    rows behind it (both left out in a downloaded file);
    ``standalone`` adds the XML namespace, a title and the source credit that a file
    shown outside pantau needs.
    """
    shapes = load()
    codes = region_codes(level, province)
    min_x, min_y, max_x, max_y = shapes.bounds(codes)
    pad = round(max(max_x - min_x, max_y - min_y) * PADDING)
    view_w, view_h = max_x - min_x + 2 * pad, max_y - min_y + 2 * pad
    map_h = round(WIDTH * view_h / view_w)
    dot = max(round(view_w * 0.004), 1)
    top = TITLE_HEIGHT if standalone else 0
    paths, counts, undrawn = [], {}, []
    for code in codes:
        # Counted whether drawn or not, so a legend count is the number of rows it links to.
        key = category_of(reports.get(code)).key
        counts[key] = counts.get(key, 0) + 1
        path = _region_path(code, shapes, reports.get(code), dot, standalone)
        if path is None:
            undrawn.append(all_regions()[code].name)
            continue
        paths.append(f'<a href="{escape(href(code))}">{path}</a>' if href else path)
    borders = ""
    if level == "kabupaten" and province is None:
        # Province borders over the kabupaten/kota, so a reader finds their way around.
        outlines = "".join(
            _ring_path(ring) for code in region_codes("provinsi") for ring in shapes.shapes[code]
        )
        borders = f'<path class="pantau-map-borders" d="{outlines}"/>'
    height = top + map_h + LEGEND_HEIGHT
    place = all_regions()[province].name if province else "Indonesia"
    title = f"UHC Award {year or ''}: {place}"
    head = (
        f'<text x="10" y="26" font-size="20" font-weight="bold">{escape(title)}</text>'
        if standalone
        else ""
    )
    note = (
        f'<text x="10" y="{height - 22}" font-size="11" fill="#555">Tidak tergambar (tanpa '
        f"batas wilayah di sumber): {escape(', '.join(undrawn))}</text>"
        if undrawn
        else ""
    )
    credit = (
        f'{note}<text x="10" y="{height - 6}" font-size="10" fill="#555">Batas wilayah: '
        f"{escape(shapes.source['title'])} ({escape(shapes.source['licence'])}); "
        "data: pantau</text>"
    )
    namespace = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    return (
        f'<svg{namespace} class="pantau-map" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}" font-family="sans-serif" role="img"'
        f' aria-label="{escape(title)}" data-year="{year or ""}" data-level="{level}"'
        f' data-province="{province or ""}">'
        f"<style>{STYLE}</style>"
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>{head}'
        f'<svg x="0" y="{top}" width="{WIDTH}" height="{map_h}"'
        f' viewBox="{min_x - pad} {-(max_y + pad)} {view_w} {view_h}">'
        f'<g class="pantau-map-regions" fill-rule="evenodd" stroke="#ffffff">'
        f"{''.join(paths)}</g>{borders}</svg>"
        f"{_legend(top + map_h, counts, legend_href)}{credit}</svg>"
    )
