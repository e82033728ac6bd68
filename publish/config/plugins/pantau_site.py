"""pantau's own routes and template functions: the map, its SVG download, the data package.

The map is drawn on the server (publish.choropleth), so the pages embed it as SVG and
the browser needs nothing from the internet; /-/pantau/map.svg serves the same drawing
for the year switcher and as a file for articles, /-/pantau/export.zip the data package.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from datasette import Response, hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup

from extract.regions import all_regions
from publish.choropleth import (
    LEVELS,
    REPORTS_SQL,
    UNREPORTED,
    UNSTATED,
    YEARS_SQL,
    Category,
    Report,
    render,
)
from publish.export import PACKAGE_NAME, zip_package

DB_NAME = "pantau"


class BadRequest(Exception):
    """A map parameter that names no year, level or province."""


def _parse(year: str | None, level: str | None, province: str | None) -> tuple:
    level = level or "kabupaten"
    if level not in LEVELS:
        raise BadRequest(f"level must be one of {', '.join(LEVELS)}")
    if province:
        region = all_regions().get(province)
        if region is None or region.level != "provinsi":
            raise BadRequest(f"{province!r} is not a province code (11 ... 96)")
    if year and not year.isdigit():
        raise BadRequest(f"year must be a number, not {year!r}")
    return (int(year) if year else None), level, (province or None)


async def years(datasette) -> list[int]:
    """Award years with reports, newest first."""
    return [row[0] for row in await datasette.get_database(DB_NAME).execute(YEARS_SQL)]


async def map_svg(
    datasette,
    year: int | None = None,
    level: str = "kabupaten",
    province: str | None = None,
    standalone: bool = False,
) -> str:
    """The map of ``year`` (default: the latest with reports) as SVG markup."""
    if year is None:
        known = await years(datasette)
        year = known[0] if known else None
    rows = await datasette.get_database(DB_NAME).execute(REPORTS_SQL, {"year": year})
    reports = {r["region_code"]: Report(r["category"], r["outlets"], r["articles"]) for r in rows}

    def href(code: str) -> str:
        return datasette.urls.row(DB_NAME, "regions", tilde_encode(code))

    def legend_href(category: Category) -> str | None:
        if category is UNREPORTED or year is None:
            return None
        where = {
            "year": year,
            "level__exact" if level == "provinsi" else "level__not": "provinsi",
            **({"province_code": province} if province else {}),
            **({"category__isnull": 1} if category is UNSTATED else {"category": category.key}),
        }
        return datasette.urls.table(DB_NAME, "award_summary") + "?" + urlencode(where)

    return render(
        reports,
        year=year,
        level=level,
        province=province,
        href=None if standalone else href,
        legend_href=None if standalone else legend_href,
        standalone=standalone,
    )


async def map_route(datasette, request) -> Response:
    args = request.args
    try:
        year, level, province = _parse(args.get("year"), args.get("level"), args.get("province"))
    except BadRequest as exc:
        return Response.text(f"pantau: {exc}\n", status=400)
    standalone = args.get("inline") != "1"
    svg = await map_svg(datasette, year, level, province, standalone=standalone)
    if standalone:
        svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + svg
    return Response(svg, content_type="image/svg+xml; charset=utf-8")


async def export_route(datasette) -> Response:
    db_path = Path(datasette.get_database(DB_NAME).path)

    def build() -> bytes:
        with tempfile.TemporaryDirectory() as workdir:
            return zip_package(db_path, Path(workdir))

    body = await asyncio.to_thread(build)
    return Response(
        body,
        content_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{PACKAGE_NAME}.zip"'},
    )


@hookimpl
def register_routes():
    return [(r"^/-/pantau/map\.svg$", map_route), (r"^/-/pantau/export\.zip$", export_route)]


@hookimpl
def extra_template_vars(datasette):
    async def pantau_map(year=None, level="kabupaten", province=None) -> Markup:
        return Markup(await map_svg(datasette, year, level, province))

    async def pantau_years() -> list[int]:
        return await years(datasette)

    return {"pantau_map": pantau_map, "pantau_years": pantau_years}
