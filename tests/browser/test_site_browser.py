"""The choropleth, the front page, province and region pages and the data download, in a
real Chromium that may reach nothing but the local server."""

from __future__ import annotations

import json
import urllib.request
import zipfile
from collections import Counter

import frictionless
import pytest

pytestmark = pytest.mark.browser

COLOURS = {"Utama": "#08519c", "Madya": "#4292c6", "Pratama": "#9ecae1", None: "#f59e0b"}
UNREPORTED = "#e5e5e5"
KABUPATEN_KOTA_DRAWN = 513  # 514 less Kepulauan Seribu, which has no outline nor seat
PROVINCES = 38


def map_fills(page) -> Counter:
    """How many regions of the map on the page are filled with each colour."""
    fills = page.eval_on_selector_all(
        "svg.pantau-map path[data-code]", "paths => paths.map(p => p.getAttribute('fill'))"
    )
    return Counter(fills)


def expected_fills(server: str, year: int, provinces: bool, drawn: int) -> Counter:
    """The same count from the database, through Datasette's JSON for award_summary."""
    level = "level__exact=provinsi" if provinces else "level__not=provinsi"
    url = f"{server}/pantau/award_summary.json?year={year}&{level}&_shape=array"
    with urllib.request.urlopen(url) as response:
        rows = json.load(response)
    counts = Counter(COLOURS[row["category"]] for row in rows)
    counts[UNREPORTED] = drawn - len(rows)
    return counts


def choose(page, name: str, value: str) -> None:
    """Pick a map control's value and wait for the redrawn map."""
    page.select_option(f"[data-pantau-map] select[name={name}]", value)
    page.wait_for_selector(
        f'svg.pantau-map[data-{"year" if name == "year" else "level"}="{value}"]'
    )


@pytest.fixture
def outside(page, server):
    """Every request the page tried to make anywhere but the local server."""
    tried: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(server) else tried.append(r.url))
    return tried


def test_home_map_is_drawn_offline_and_coloured_by_category(page, server, screenshot, outside):
    page.goto(server + "/")
    page.wait_for_selector("svg.pantau-map path[data-code]")
    assert page.locator("svg.pantau-map").get_attribute("data-year") == "2026"
    fills = map_fills(page)
    assert fills == expected_fills(server, 2026, provinces=False, drawn=KABUPATEN_KOTA_DRAWN)
    assert fills == Counter({UNREPORTED: 510, COLOURS["Utama"]: 2, COLOURS["Pratama"]: 1})
    assert page.locator(".pantau-counts li").all_inner_texts()[0].split() == ["2", "Utama"]
    box = page.locator("svg.pantau-map").bounding_box()
    assert box["width"] > 600 and box["height"] > 250
    assert outside == []
    screenshot("site-home")


def test_year_and_level_selectors_redraw_the_map(page, server, screenshot):
    page.goto(server + "/")
    choose(page, "year", "2024")
    assert map_fills(page) == expected_fills(server, 2024, False, KABUPATEN_KOTA_DRAWN)
    assert map_fills(page)[COLOURS["Madya"]] == 1
    choose(page, "year", "2025")
    assert map_fills(page) == Counter({UNREPORTED: 512, COLOURS["Madya"]: 1})
    choose(page, "level", "provinsi")
    assert map_fills(page) == expected_fills(server, 2025, True, PROVINCES)
    assert page.locator('path[data-code="63"]').get_attribute("fill") == COLOURS["Utama"]
    download = page.locator("a.pantau-map-download").get_attribute("href")
    assert download == "/-/pantau/map.svg?year=2025&level=provinsi"
    screenshot("site-home-provinces-2025")


def test_province_page_map_labels_and_leads_to_the_region(page, server, screenshot):
    page.goto(server + "/pantau/regions/53")
    page.wait_for_selector("svg.pantau-map path[data-code]")
    fills = map_fills(page)
    assert sum(fills.values()) == 22
    assert fills == Counter({UNREPORTED: 20, COLOURS["Utama"]: 1, COLOURS["Pratama"]: 1})
    kupang = page.locator('svg.pantau-map path[data-code="53.71"]')
    kupang.hover()
    label = page.locator(".pantau-map-label")
    label.wait_for(state="visible")
    assert label.inner_text() == "Kota Kupang: Utama, 3 media"
    screenshot("site-province-53")
    kupang.click()
    page.wait_for_url("**/pantau/regions/53~2E71")
    assert page.locator("h1").first.inner_text() == "Kota Kupang"
    timeline = page.locator(".pantau-timeline li").all_inner_texts()
    assert [t.split("\n")[:2] for t in timeline] == [["2024", "Madya"], ["2026", "Utama"]]
    assert page.locator("tr.pantau-disagreement").count() == 3
    screenshot("site-region-53.71")


def test_map_download_is_an_svg_file(page, server):
    page.goto(server + "/pantau/regions/63")
    page.wait_for_selector("svg.pantau-map path[data-code]")
    choose(page, "year", "2025")
    with page.expect_download() as info:
        page.locator("a.pantau-map-download").click()
    svg = info.value.path().read_text(encoding="utf-8")
    assert info.value.suggested_filename == "peta-uhc-award.svg"
    assert "UHC Award 2025: Kalimantan Selatan" in svg
    assert svg.count('fill="#4292c6" data-code="63.11"') == 1


def test_coverage_page(page, server, screenshot):
    page.goto(server + "/liputan")
    assert page.locator("h1").inner_text() == "Liputan UHC Award 2026"
    assert page.locator(".pantau-weeks tbody tr").count() == 2
    assert page.locator(".pantau-people tbody tr").first.inner_text().split("\t")[0] == (
        "Ali Ghufron Mukti"
    )
    screenshot("site-coverage")


def test_data_package_download_from_the_home_page_validates(page, server, tmp_path):
    page.goto(server + "/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh data", exact=False).click()
    archive = tmp_path / "package.zip"
    info.value.save_as(archive)
    with zipfile.ZipFile(archive) as package:
        package.extractall(tmp_path)
    report = frictionless.validate(str(tmp_path / "pantau-uhc-award" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
