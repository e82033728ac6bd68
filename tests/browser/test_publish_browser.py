"""What a reader sees: pantau serve's pages in a real Chromium."""

from __future__ import annotations

import urllib.request
import xml.etree.ElementTree as ET

import pytest
from publish_fixture import SCRIPT, URLS

pytestmark = pytest.mark.browser

CHART = (
    "#g.mark=bar&g.x_column=bulan&g.x_type=ordinal&g.y_column=artikel"
    "&g.y_type=quantitative&g.color_column=media"
)

# Each canned query, with the parameters a reader would type, and its number of rows.
CANNED = {
    "pemenang?tahun=2026": 3,
    "wilayah_provinsi?provinsi=Kalimantan+Selatan": 14,
    "liputan_per_media": 7,
    "pejabat_terbanyak": 5,
    "beda_kategori": 3,
    "artikel_terbaru": 7,
    "feed_penghargaan": 9,
}


def body_rows(page) -> int:
    return page.locator("table.rows-and-columns tbody tr").count()


def test_home_page_leads_to_the_questions(page, server, screenshot):
    page.goto(server + "/")
    assert "pantau" in page.title()
    assert page.get_by_role("link", name="Pemenang per tahun, kategori dan provinsi").count() == 1
    screenshot("home")
    page.get_by_role("link", name="Pemenang per tahun, kategori dan provinsi").click()
    page.wait_for_url("**/pantau/pemenang")
    assert body_rows(page) == 6


@pytest.mark.parametrize("query", CANNED)
def test_canned_query(page, server, screenshot, query):
    page.goto(f"{server}/pantau/{query}")
    assert body_rows(page) == CANNED[query]
    screenshot("query-" + query.split("?")[0])


def test_winners_filtered_by_year_in_the_form(page, server):
    page.goto(server + "/pantau/pemenang")
    page.fill("input[name=tahun]", "2024")
    page.locator("form.sql input[type=submit]").click()
    page.wait_for_url("**tahun=2024**")
    cells = page.locator("table.rows-and-columns tbody td.col-wilayah").all_inner_texts()
    assert cells == ["Kota Kupang"]


def test_facet_winners_by_category(page, server, screenshot):
    page.goto(server + "/pantau/award_summary")
    assert body_rows(page) == 6
    facet = page.locator(".facet-info[data-column=category]")
    facet.get_by_role("link", name="Utama").click()
    page.wait_for_url("**category=Utama**")
    regions = page.locator("tbody td.col-region_name").all_inner_texts()
    assert sorted(regions) == ["Kabupaten Balangan", "Kalimantan Selatan", "Kota Kupang"]
    screenshot("facet-utama")


def test_map_of_award_regions(page, server, screenshot):
    page.goto(server + "/pantau/award_summary")
    markers = page.locator(".leaflet-marker-icon")
    markers.first.wait_for()
    assert markers.count() >= 1
    screenshot("map")


def test_chart_of_coverage_over_time(page, server, screenshot):
    page.goto(f"{server}/pantau/liputan_per_media{CHART}")
    # Vega draws asynchronously: wait for a drawn chart of a readable size.
    page.wait_for_function(
        """() => [...document.querySelectorAll("canvas, svg.marks")].some(e => {
            const box = e.getBoundingClientRect();
            return box.width > 100 && box.height > 50;
        })"""
    )
    screenshot("chart")


def test_region_page_shows_evidence_linked_to_articles(page, server, screenshot):
    page.goto(server + "/pantau/regions/53~2E71")
    assert page.locator("h1").first.inner_text() == "Kota Kupang"
    assert page.locator("blockquote.pantau-evidence").count() == 4
    assert "Sumber berbeda: Utama (2), Madya (1)" in page.inner_text(".pantau-history")
    screenshot("region-kota-kupang")
    page.get_by_role("link", name="Kota Kupang Raih UHC Award Kategori Utama").first.click()
    page.wait_for_url("**/pantau/articles/2")
    assert page.locator("a", has_text="buka artikel asli").get_attribute("href") == URLS[2]


def test_article_text_with_a_script_is_shown_as_text(page, server, screenshot):
    page.goto(server + "/pantau/articles/6")
    assert SCRIPT in page.inner_text(".pantau-article-text")
    assert page.dialogs == []
    screenshot("article-script")


def test_atom_feed_parses(server):
    with urllib.request.urlopen(server + "/pantau/feed_penghargaan.atom", timeout=10) as r:
        feed = ET.fromstring(r.read())
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 9
    assert {e.find(f"{atom}link").get("href") for e in entries} == {
        URLS[n] for n in (1, 2, 3, 4, 5, 6)
    }
