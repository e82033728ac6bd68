"""The map, its data file, the front page's routes and the data package export."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import frictionless
import pytest
import yaml
from publish_fixture import get

import store
from extract.regions import all_regions
from publish import build_boundaries, choropleth
from publish.boundaries import load
from publish.export import ExportError, accuracy, export_package, validate
from publish.serve import make_datasette
from publish.views import ensure_views

MISSING = {
    "12.73": "Kota Sibolga",
    "12.76": "Kota Tebing Tinggi",
    "13.74": "Kota Padang Panjang",
    "13.75": "Kota Bukittinggi",
    "31.01": "Kabupaten Administrasi Kepulauan Seribu",
    "33.71": "Kota Magelang",
    "35.76": "Kota Mojokerto",
}
FILL = re.compile(r'<path d="[^"]+" fill="(#[0-9a-f]{6})" data-code="([^"]+)"')


def fills(svg: str) -> dict[str, str]:
    """Region code -> fill colour of every region drawn in an SVG map."""
    return {code: colour for colour, code in FILL.findall(svg)}


# --- the boundary file --------------------------------------------------------------------


def test_every_region_has_an_outline_or_a_reason():
    shapes = load()
    regions = all_regions()
    assert len(regions) == 552
    assert set(shapes.shapes) | set(shapes.missing) == set(regions)
    assert not set(shapes.shapes) & set(shapes.missing)
    assert len(shapes.shapes) == 545
    assert {code: regions[code].name for code in shapes.missing} == MISSING
    assert {m.reason for m in shapes.missing.values()} == {"the source file has no geometry"}
    seatless = [code for code, m in shapes.missing.items() if m.seat is None]
    assert seatless == ["31.01"]
    assert sum(1 for c in shapes.shapes if regions[c].level == "provinsi") == 38


def test_outlines_lie_where_their_province_is():
    shapes = load()
    # Kota Kupang is on Timor (about 123.6 E, 10.2 S); Kabupaten Balangan in South Kalimantan.
    x0, y0, x1, y1 = shapes.bounds(["53.71"])
    assert 123_400 < x0 < x1 < 123_800 and -10_300 < y0 < y1 < -10_000
    x0, y0, x1, y1 = shapes.bounds(["63.11"])
    assert 115_000 < x0 < x1 < 116_200 and -3_000 < y0 < y1 < -1_900
    assert shapes.source["licence"].startswith("MIT")


def _feature(path: Path, geometry: dict | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    feature = {"type": "Feature", "properties": {}, "geometry": geometry}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[106.8, -6.1], [106.9, -6.1], [106.9, -6.2], [106.8, -6.2], [106.8, -6.1]]],
}


def test_converter_resolves_names_through_its_tables(tmp_path):
    _feature(tmp_path / "Provinsi" / "DKI_Jakarta.json", SQUARE)
    folder = tmp_path / "Kabupaten" / "DKI_Jakarta"
    _feature(folder / "Kota_Administrasi_Jakarta_Barat.json", SQUARE)
    _feature(folder / "Kabupaten_Administrasi_Kepulauan_Seribu.json", None)
    _feature(tmp_path / "Kabupaten" / "Gorontalo" / "Kabupaten_Pahuwato.json", None)
    _feature(tmp_path / "Kabupaten" / "Sumatera_Utara" / "Kota_Padang_Sidempuan.json", SQUARE)
    data = build_boundaries.convert(tmp_path)
    assert sorted(data["regions"]) == ["12.77", "31", "31.73"]
    assert data["regions"]["31"] == [[106800, -6100, 100, 0, 0, -100, -100, 0, 0, 100]]
    assert data["missing"]["31.01"]["reason"] == "the source file has no geometry"
    assert data["missing"]["11"]["reason"] == "no source file"
    assert len(data["regions"]) + len(data["missing"]) == 552


def test_converter_refuses_a_name_it_cannot_match(tmp_path, capsys):
    _feature(tmp_path / "Provinsi" / "Bali.json", SQUARE)
    _feature(tmp_path / "Kabupaten" / "Bali" / "Kabupaten_Atlantis.json", SQUARE)
    assert build_boundaries.main([str(tmp_path), "--out", str(tmp_path / "out.json")]) == 1
    assert capsys.readouterr().err == (
        "boundaries: Kabupaten/Bali/Kabupaten_Atlantis: no region of that name; "
        "resolve it in a table\n"
    )
    assert not (tmp_path / "out.json").exists()


def test_encoding_drops_points_that_round_onto_the_last():
    ring = [[1.0, 2.0], [1.0002, 2.0001], [1.5, 2.0], [1.0, 2.0]]
    assert build_boundaries.encode_ring(ring) == [1000, 2000, 500, 0, -500, 0]


# --- the map ------------------------------------------------------------------------------


def test_map_fills_each_region_by_its_category():
    reports = {
        "53.71": choropleth.Report("Utama", 3, 4),
        "53.07": choropleth.Report(None, 1, 1),
        "53.10": choropleth.Report("Pratama", 2, 2),
        "33.71": choropleth.Report("Madya", 1, 1),
        "63": choropleth.Report("Utama", 1, 1),
    }
    svg = choropleth.render(reports, year=2026)
    drawn = fills(svg)
    assert len(drawn) == 513  # 514 kabupaten/kota but Kepulauan Seribu, which has no outline
    assert drawn["53.71"] == choropleth.UTAMA.colour
    assert drawn["53.07"] == choropleth.UNSTATED.colour
    assert drawn["53.10"] == choropleth.PRATAMA.colour
    assert drawn["33.71"] == choropleth.MADYA.colour  # a dot at Kota Magelang
    assert "63" not in drawn
    assert list(drawn.values()).count(choropleth.UNREPORTED.colour) == 509
    assert 'data-label="Kota Kupang: Utama, 3 media"' in svg
    assert 'data-label="Kabupaten Sikka: kategori tidak disebut, 1 media"' in svg
    # The legend counts every region of the map, drawn or not, and names the undrawn one.
    assert ">Tidak ada berita (510)</text>" in svg and "<title>" not in svg
    assert (
        ">Tidak tergambar (tanpa batas wilayah di sumber): Kabupaten Administrasi "
        "Kepulauan Seribu</text>" in svg
    )


def test_province_map_shows_its_kabupaten_kota_and_provinces_map_the_provinces():
    ntt = fills(choropleth.render({}, year=None, province="53"))
    assert sorted(ntt) == sorted(c for c in all_regions() if c.startswith("53."))
    assert len(ntt) == 22
    provinces = fills(
        choropleth.render({"63": choropleth.Report("Utama", 1, 1)}, year=2025, level="provinsi")
    )
    assert len(provinces) == 38
    assert [c for c, colour in provinces.items() if colour == choropleth.UTAMA.colour] == ["63"]


def test_downloaded_map_is_a_file_of_its_own(ds):
    response = get(ds, "/-/pantau/map.svg?year=2026&province=53")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml; charset=utf-8"
    svg = response.text
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3')
    assert "UHC Award 2026: Nusa Tenggara Timur" in svg
    assert "<title>Kota Kupang: Utama, 3 media</title>" in svg
    assert "<a href" not in svg and "Indonesia-Geojson-2026" in svg
    drawn = fills(svg)
    assert drawn["53.71"] == choropleth.UTAMA.colour
    assert drawn["53.07"] == choropleth.PRATAMA.colour


def test_inline_map_links_every_region_to_its_page(ds):
    svg = get(ds, "/-/pantau/map.svg?year=2024&inline=1").text
    assert '<a href="/pantau/regions/53~2E71"><path' in svg
    assert fills(svg)["53.71"] == choropleth.MADYA.colour
    assert svg.count('<a href="/pantau/regions/') == 513


@pytest.mark.parametrize(
    "query",
    ["year=2026&inline=1", "year=2026&province=53&inline=1", "year=2025&level=provinsi&inline=1"],
)
def test_map_legend_counts_link_to_their_rows(ds, query):
    svg = get(ds, f"/-/pantau/map.svg?{query}").text
    legend = re.findall(r'<a href="([^"]+)"><rect[^>]+/><text[^>]+>[^<]+\((\d+)\)</text></a>', svg)
    assert len(legend) == 4  # Utama, Madya, Pratama, without category; not "no report"
    assert sum(int(count) for _, count in legend) > 0
    for href, count in legend:
        rows = get(ds, href.replace("&amp;", "&").replace("?", ".json?", 1) + "&_shape=array")
        assert len(rows.json()) == int(count), href


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("level=desa", "pantau: level must be one of kabupaten, provinsi\n"),
        ("province=53.71", "pantau: '53.71' is not a province code (11 ... 96)\n"),
        ("year=dua", "pantau: year must be a number, not 'dua'\n"),
    ],
)
def test_map_route_refuses_bad_parameters_in_one_line(ds, query, message):
    response = get(ds, f"/-/pantau/map.svg?{query}")
    assert (response.status_code, response.text) == (400, message)


# --- the pages ----------------------------------------------------------------------------


def test_front_page_answers_for_the_latest_year(ds):
    html = get(ds, "/").text
    assert "<h2>UHC Award 2026</h2>" in html
    counts = re.findall(r'<a href="([^"]+)"><strong>(\d+)</strong> ([^<]+)</a>', html)
    assert counts == [
        ("/pantau/award_summary?year=2026&category=Utama", "2", "Utama"),
        ("/pantau/award_summary?year=2026&category=Madya", "0", "Madya"),
        ("/pantau/award_summary?year=2026&category=Pratama", "1", "Pratama"),
        ("/pantau/award_summary?year=2026&category__isnull=1", "0", "kategori tidak disebut"),
        ("/pantau/award_summary?year=2026", "3", "wilayah diberitakan"),
    ]
    assert '<svg class="pantau-map"' in html and 'data-year="2026"' in html
    assert (
        '<a href="/pantau/regions/53~2E71">Kota Kupang</a>,\n    Utama 2026, diterima oleh '
        "Yohanes Bria"
    ) in html
    assert '<a href="/pantau/award_evidence?region_code=53.71&year=2026">3 media</a>' in html
    assert 'action="/pantau/articles"' in html and 'name="_search"' in html
    assert 'href="/-/pantau/export.zip"' in html and 'href="/liputan"' in html
    assert "cdn" not in html.lower() and "unpkg" not in html


def test_front_page_is_sent_compressed_to_browsers_that_ask(ds):
    """The inline map makes the page ~375 KB; datasette-gzip sends about a third."""
    plain = get(ds, "/", **{"Accept-Encoding": "identity"})
    packed = get(ds, "/", **{"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.text == plain.text
    assert int(packed.headers["content-length"]) < len(plain.content) / 3


def test_summary_counts_match_their_linked_rows(ds):
    """The number on the front page is the number of rows its link shows."""
    html = get(ds, "/").text
    for href, count, _ in re.findall(r'<a href="([^"]+)"><strong>(\d+)</strong> ([^<]+)</a>', html):
        rows = get(ds, href.replace("?", ".json?", 1) + "&_shape=array").json()
        assert len(rows) == int(count), href


def test_region_page_shows_a_timeline_and_each_outlets_category(ds):
    html = get(ds, "/pantau/regions/53~2E71").text
    timeline = re.findall(r'data-year="(\d+)" data-category="(\w*)"', html)
    assert timeline == [("2024", "Madya"), ("2026", "Utama")]
    stated = re.findall(r"<td>(\d+)</td><td>(\w+)</td><td>([\w ]+)</td>", html)
    assert stated == [
        ("2026", "flobamoranews", "Utama"),
        ("2026", "kabarkupang", "Utama"),
        ("2026", "suarantt", "Madya"),
        ("2024", "kabarkupang", "Madya"),
    ]
    assert html.count('<tr class="pantau-disagreement">') == 3
    assert "pantau-map-box" not in html


def test_province_page_carries_the_map_of_its_kabupaten_kota(ds):
    html = get(ds, "/pantau/regions/63").text
    assert 'data-province="63"' in html
    drawn = fills(html)
    assert len(drawn) == 13
    assert drawn["63.11"] == choropleth.UTAMA.colour


def test_coverage_page_counts_articles_per_outlet_per_week(ds):
    html = get(ds, "/liputan?tahun=2026").text
    assert "Penyerahan penghargaan: <strong>2026-03-09</strong>" in html
    cells = re.findall(
        r'site=(\w+)&published__gte=([\d-]+)&published__lt=([\d-]+)"\s*'
        r'title="\d+ relevan">(\d+)</a>',
        html,
    )
    assert cells == [
        ("banuakalsel", "2026-02-16", "2026-02-23", "1"),
        ("flobamoranews", "2026-03-09", "2026-03-16", "1"),
        ("kabarkupang", "2026-03-09", "2026-03-16", "1"),
        ("suarantt", "2026-03-09", "2026-03-16", "1"),
    ]
    assert re.search(r">Ali Ghufron Mukti</a></td><td>Direktur Utama BPJS Kesehatan</td>", html)


def test_an_empty_database_serves_the_new_pages(tmp_path):
    path = tmp_path / "empty.db"
    ensure_views(store.open_db(path))
    ds = make_datasette(path)
    for page in [
        "/",
        "/liputan",
        "/-/pantau/map.svg",
        "/-/pantau/export.zip",
        "/pantau/regions/53",
    ]:
        assert get(ds, page).status_code == 200, page
    assert "Belum ada fakta UHC Award yang tercatat." in get(ds, "/").text


# --- the data package ---------------------------------------------------------------------


def _csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_is_a_valid_frictionless_package(db_path, tmp_path):
    descriptor = export_package(db_path, tmp_path)
    report = frictionless.validate(str(descriptor))
    assert report.valid, report.flatten(["type", "note"])
    package = json.loads(descriptor.read_text())
    rows = {r["name"]: r["rows"] for r in package["resources"]}
    assert rows == {
        "awards": 9,
        "award_summary": 6,
        "regions": 552,
        "articles": 7,
        "article_urls": 7,
        "article_regions": 10,
        "officials": 6,
        "article_officials": 9,
        "people": 5,
        "people_officials": 6,
        "sites": 0,
    }
    awards = next(r for r in package["resources"] if r["name"] == "awards")
    assert awards["schema"]["primaryKey"] == ["id"]
    assert {
        "fields": "region_code",
        "reference": {"resource": "regions", "fields": "code"},
    } in awards["schema"]["foreignKeys"]
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert "text" not in _csv(tmp_path / "articles.csv")[0]
    kupang = [r for r in _csv(tmp_path / "award_summary.csv") if r["region_code"] == "53.71"]
    assert [(r["year"], r["category"], r["outlets"]) for r in kupang] == [
        ("2024", "Madya", "1"),
        ("2026", "Utama", "3"),
    ]


def test_export_says_how_it_was_made_and_how_accurate_it_is(db_path, tmp_path):
    export_package(db_path, tmp_path)
    readme = (tmp_path / "README.md").read_text()
    figures = accuracy()["figures"]
    assert f"- fact_f1: {figures['fact_f1']['value']:.2f} (" in readme
    assert f"- recipient_accuracy: {figures['recipient_accuracy']['value']:.2f} (" in readme
    assert (figures["fact_f1"]["value"], figures["recipient_accuracy"]["value"]) == (0.96, 0.88)
    assert "| `awards.csv` | 9 |" in readme
    citation = yaml.safe_load((tmp_path / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0" and citation["type"] == "dataset"
    assert citation["license"] == "CC-BY-4.0"


def test_validation_catches_a_broken_join(db_path, tmp_path):
    descriptor = export_package(db_path, tmp_path)
    awards = (tmp_path / "awards.csv").read_text().replace(",53.71,", ",99.99,", 1)
    (tmp_path / "awards.csv").write_text(awards)
    with pytest.raises(ExportError, match="invalid data package \\(foreign-key: "):
        validate(descriptor)


def test_home_page_download_is_the_same_package(ds, tmp_path):
    response = get(ds, "/-/pantau/export.zip")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="pantau-uhc-award.zip"'
    with zipfile.ZipFile(BytesIO(response.content)) as archive:
        names = sorted(archive.namelist())
        archive.extractall(tmp_path)
    assert "pantau-uhc-award/datapackage.json" in names and "pantau-uhc-award/CITATION.cff" in names
    validate(tmp_path / "pantau-uhc-award" / "datapackage.json")


def test_export_command(db_path, tmp_path):
    def pantau(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", "from pantau.cli import main; main()", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )

    done = pantau("export", "--db", str(db_path), "--out", str(tmp_path / "pkg"))
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"pantau: wrote a valid data package: {tmp_path}/pkg/datapackage.json\n"
    missing = pantau("export", "--db", str(tmp_path / "nope.db"), "--out", str(tmp_path / "x"))
    assert (missing.returncode, missing.stderr) == (
        2,
        f"Error: {tmp_path}/nope.db: no such database file\n",
    )


def test_parquet_copies_when_pyarrow_is_installed(db_path, tmp_path):
    parquet = pytest.importorskip("pyarrow.parquet", reason="pyarrow is optional")
    export_package(db_path, tmp_path)
    table = parquet.read_table(tmp_path / "parquet" / "award_summary.parquet")
    assert table.num_rows == 6
    assert "text" not in parquet.read_table(tmp_path / "parquet" / "articles.parquet").column_names
