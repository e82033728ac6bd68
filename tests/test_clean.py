"""Cleaning regional news pages: exact metadata, no in-body boilerplate, body kept."""

from datetime import date
from pathlib import Path

import lxml.html
import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st
from justext import get_stoplist, get_stoplists
from justext.core import define_stoplist
from trafilatura import external as fallbacks

from extract.clean import (
    EXTRACTION_OPTIONS,
    _without_deleted,
    clean_html,
    clean_text,
    parse_credits,
    prepare_fallbacks,
    prune_boilerplate,
    strip_site_name,
)

PAGES = Path(__file__).parent / "fixtures" / "html"

# Strings that are boilerplate on the fixture pages: none may reach the text.
BOILERPLATE = [
    "Baca juga",
    "BACA JUGA",
    "Baca Juga",
    "Harga Cabai",
    "Bupati TTS Lantik",
    "Petani Lewa",
    "Festival Tiga Gunung",
    "Tarif Air PDAM",
    "Operasi Lilin",
    "Jembatan Wolowona",
    "Kota Kupang Kejar Target",
    "RSUD Betun",
    "Ogoh-ogoh",
    "WhatsApp",
    "Facebook",
    "Google+",
    "BBM",
    "Bagikan",
    "Share this",
    "Related Post",
    "Berita Terkait",
    "Artikel Terkait",
    "Editor:",
    "Penulis:",
    "Google News",
    "(adv)",
    "Tags",
    "Selanjutnya",
    "©",
]

CASES = {
    "wp_baca_juga.html": dict(
        title="Kota Kupang Raih UHC Award Kategori Madya 2026",
        published=date(2026, 1, 28),
        author="Maria Goreti Lado",
        sitename="Kabar Flobamora",
        sentences=[
            "Penghargaan itu diterima langsung oleh Wali Kota Kupang, Yeremias Tallo,",
            "“Capaian ini adalah kerja bersama seluruh perangkat daerah,",
            "Kepala BPJS Kesehatan Cabang Kupang, Theresia Nenabu,",
            "sebagai peserta aktif sebelum akhir 2026.",
        ],
    ),
    "blogger.html": dict(
        title="Sumba Timur Terima Penghargaan UHC Kategori Pratama",
        published=date(2026, 1, 26),
        author="Admin Suara Sumba",
        sitename=None,
        sentences=[
            "Wakil Bupati Sumba Timur, Umbu Lili Pekuwali,",
            "kini mencapai 96,2 persen dari sekitar 260 ribu jiwa penduduk.",
        ],
    ),
    "portal_split.html": dict(
        title="Belu dan Malaka Kompak Raih UHC Award Utama, Ini Rahasianya",
        published=date(2026, 1, 27),
        author="Yohanes Ama Kelen",
        sitename="PortalNTT.com",
        sentences=[
            "kepada Bupati Belu, Agustinus Taolin, dan Bupati Malaka, Simon Nahak.",
            "menanggung iuran lebih dari 120 ribu warga",
        ],
    ),
    "static_1252.html": dict(
        title="Ende Siapkan Café Sehat untuk Peserta JKN",
        published=date(2023, 3, 14),
        author=None,
        sitename=None,
        sentences=[
            "membuka “Café Sehat”, ruang tunggu bagi peserta JKN",
            "“Pasien tidak perlu lagi duduk di lorong,” kata dr. Veronika Da’a,",
        ],
    ),
    "amp.html": dict(
        title="Iuran JKN Warga Lembata Ditanggung Pemkab Mulai Agustus",
        published=date(2025, 8, 1),
        author="Ignasius Kunda",
        sitename=None,
        sentences=[
            "Sekretaris Daerah Lembata, Paskalis Tapobali,",
            "membawa kartu keluarga dan KTP elektronik.",
        ],
    ),
    "jsonld.html": dict(
        title="Denpasar Pertahankan Predikat UHC Utama Tiga Tahun Beruntun",
        published=date(2025, 12, 10),
        author="Ni Luh Ayu Sartini",
        sitename="Bali Kini",
        sentences=[
            "menerima piagam penghargaan tersebut pada Selasa (9/12) malam di Jakarta.",
            "layanan pengaduan JKN di setiap kantor kecamatan",
        ],
    ),
    "body_date_only.html": dict(
        title="Kabupaten Kupang Bidik UHC Award Tahun Depan",
        published=date(2026, 1, 26),
        author=None,
        sitename=None,
        sentences=[
            "Kupang, Senin (26/1/2026) – Pemerintah Kabupaten Kupang menargetkan",
            "“Kami tidak mau tertinggal dari kabupaten tetangga.",
        ],
    ),
    "editor_line.html": dict(
        title="Ratusan Kader JKN Ikuti Pelatihan di Maumere",
        published=date(2025, 12, 3),
        author="Fransiska Wula",
        sitename="Sikka News",
        sentences=[
            "Kepala Kantor BPJS Kesehatan Maumere, Agnes Moi,",
            "simulasi pendaftaran melalui aplikasi Mobile JKN.",
        ],
    ),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def page(request):
    return request.param, clean_html((PAGES / request.param).read_bytes()), CASES[request.param]


def test_title_date_author(page):
    _, cleaned, expected = page
    assert cleaned.title == expected["title"]
    assert cleaned.published == expected["published"]
    assert cleaned.author == expected["author"]


def test_sitename_where_the_page_names_it(page):
    _, cleaned, expected = page
    if expected["sitename"]:
        assert cleaned.sitename == expected["sitename"]


def test_body_sentences_kept_as_paragraphs(page):
    _, cleaned, expected = page
    for sentence in expected["sentences"]:
        assert sentence in cleaned.text
    assert cleaned.text.count("\n") >= 3
    assert not cleaned.text.startswith(expected["title"])


def test_no_boilerplate_in_text(page):
    _, cleaned, _ = page
    leaked = [s for s in BOILERPLATE if s in cleaned.text]
    assert leaked == []


def test_windows_1252_page_has_no_mojibake():
    cleaned = clean_html((PAGES / "static_1252.html").read_bytes())
    assert "Ã" not in cleaned.text and "â€" not in cleaned.text and "\x93" not in cleaned.text


def test_page_whose_declared_charset_does_not_fit_its_bytes_is_guessed():
    raw = (PAGES / "static_1252.html").read_bytes().replace(b"iso-8859-1", b"utf-8")
    cleaned = clean_html(raw)
    assert "\ufffd" not in cleaned.text
    assert "membuka “Café Sehat”, ruang tunggu" in cleaned.text


def test_broken_html_with_nul_bytes_gives_partial_text():
    cleaned = clean_html((PAGES / "broken.html").read_bytes())
    assert cleaned.title == "Warga Rote Ndao Antre Kartu JKN"
    assert "Petugas kewalahan karena hanya ada satu mesin cetak" in cleaned.text
    assert "\x00" not in cleaned.text
    assert cleaned.published == date(2025, 12, 4)


@pytest.mark.parametrize(
    "html",
    [
        b"",
        b"\x00\x00\x00",
        b"\xff\xfe\x00<\x00",
        "<html><body></body></html>",
        b"<p",
        "&nbsp;<html><script>",  # htmldate's cleaning asserted on it (lxml's drop_tree)
    ],
)
def test_junk_gives_empty_result(html):
    cleaned = clean_html(html, url="https://contoh.example/x")
    assert cleaned.text == ""
    assert cleaned.url == "https://contoh.example/x"


PASTED = """Bupati Ngada Terima UHC Award Madya
Kupangnews.id 01-08-2025 || 21:01:27
WhatsApp Facebook Google+ Twitter BBM
BAJAWA - Kabupaten Ngada menerima UHC Award kategori Madya dari BPJS Kesehatan.
Baca juga : Harga Kopi Arabika Bajawa Naik
Bupati Ngada, Raymundus Bena, berterima kasih kepada seluruh kader JKN di desa.
BACA JUGA:
Jalan Provinsi di Golewa Longsor Lagi
Dua Pelajar Ngada Juara Olimpiade Sains
"Kami akan terus menjaga cakupan di atas 95 persen," katanya.
Penulis: Emilianus Wea | Editor: Yosef Bria
Simak berita lainnya di Google News
(adv)"""


def test_clean_text_title_dateline_and_boilerplate():
    cleaned = clean_text(PASTED)
    assert cleaned.title == "Bupati Ngada Terima UHC Award Madya"
    assert cleaned.published == date(2025, 8, 1)
    assert cleaned.author == "Emilianus Wea"
    assert cleaned.text.splitlines() == [
        "Bupati Ngada Terima UHC Award Madya",
        "Kupangnews.id 01-08-2025 || 21:01:27",
        "BAJAWA - Kabupaten Ngada menerima UHC Award kategori Madya dari BPJS Kesehatan.",
        "Bupati Ngada, Raymundus Bena, berterima kasih kepada seluruh kader JKN di desa.",
        '"Kami akan terus menjaga cakupan di atas 95 persen," katanya.',
    ]


def test_clean_text_without_dateline_or_lines():
    assert clean_text("Judul saja\nIsi tanpa tanggal.").published is None
    assert clean_text(" \n\n ").text == ""


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        (
            "Penulis: Maria Lado | Editor: Yosef Bria",
            {"penulis": "Maria Lado", "editor": "Yosef Bria"},
        ),
        ("Editor : Fransiska Wula", {"editor": "Fransiska Wula"}),
        ("Reporter: Ignas Kunda / Editor: Agus", {"reporter": "Ignas Kunda", "editor": "Agus"}),
        ("Editor kami berkata: banyak warga belum terdaftar.", {}),
        ("Kata editor: tidak ada.", {}),
    ],
)
def test_parse_credits(line, credits):
    assert parse_credits(line) == credits


@pytest.mark.parametrize(
    ("title", "names", "headings", "expected"),
    [
        ("Judul Berita - Kabar Kupang", ["Kabar Kupang"], [], "Judul Berita"),
        ("Judul Berita | KabarKupang.com", [None, "kabarkupang.com"], [], "Judul Berita"),
        ("Judul Berita :: Timor Daily", [None], ["Judul Berita"], "Judul Berita"),
        ("Suara Sumba: Judul Berita", ["suarasumba.blogspot.com"], [], "Judul Berita"),
        (
            "Wabup: Semua Warga Harus Terdaftar",
            ["Kabar Kupang"],
            [],
            "Wabup: Semua Warga Harus Terdaftar",
        ),
        (
            "Kupang - Ende Dihubungkan Jalan Baru",
            ["Kabar Kupang"],
            [],
            "Kupang - Ende Dihubungkan Jalan Baru",
        ),
    ],
)
def test_strip_site_name(title, names, headings, expected):
    assert strip_site_name(title, names, headings) == expected


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=0, max_value=4000), noise=st.binary(max_size=200))
def test_truncated_or_corrupted_pages_never_raise(cut, noise):
    raw = (PAGES / "wp_baca_juga.html").read_bytes()
    cleaned = clean_html(raw[:cut] + noise + raw[cut + len(noise) :])
    assert isinstance(cleaned.text, str)


def test_prune_keeps_a_container_that_only_begins_with_a_box():
    body = "".join(
        f"<p>Paragraf {i}: Dinas Kesehatan Alor mendata warga yang belum menjadi peserta JKN.</p>"
        for i in range(8)
    )
    tree = lxml.html.fromstring(
        "<html><body><div class='isi'><b>Baca Juga:</b> <a href='/a'>Banjir di Kalabahi</a><br>"
        "<div><b>Baca juga:</b> <a href='/c'>Feri ke Kupang Ditunda</a></div>"
        "<p><strong>BACA JUGA:</strong></p><ul><li><a href='/b'>Pasar Baru Dibuka</a></li></ul>"
        f"{body}<p>Penulis: Ruth Maure / Editor: Obet Laa</p></div></body></html>"
    )
    credits = prune_boilerplate(tree)
    text = tree.text_content()
    assert credits == {"penulis": "Ruth Maure", "editor": "Obet Laa"}
    assert "Paragraf 0:" in text and "Paragraf 7:" in text
    assert not any(s in text for s in ("Feri ke Kupang", "BACA", "Pasar Baru", "Penulis"))


LEAN_PAGE = """<html><head><title>Kabupaten Belu Raih UHC Awards</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Belu"}</script>
<script>var iklan = "UHC Awards 2026 kategori Utama";</script></head>
<body><nav><ul><li><a href="/">Beranda</a></li><li><a href="/daerah">Daerah</a></li></ul></nav>
<form id="aspnetForm"><div class="isi">
<h1>Kabupaten Belu Raih UHC Awards</h1><time datetime="2026-01-27">Selasa, 27/1/2026</time>
<p>Kabupaten Belu menerima penghargaan Universal Health Coverage (UHC) Awards 2026 kategori
Pratama dari BPJS Kesehatan di Jakarta.</p>
<figure><img src="a.jpg"><figcaption>Bupati Belu menerima piagam.</figcaption></figure>
<table><tr><td>Cakupan</td><td>98 persen</td></tr></table>
<p>Penghargaan itu diterima Bupati Belu, Willybrodus Lay, yang menyebut capaian ini hasil
kerja bersama puskesmas dan kader JKN di desa-desa.</p></div></form>
<aside><h3>Terpopuler</h3><ul><li><a href="/x">Kota Kupang Raih UHC Awards Utama</a></li></ul>
</aside><footer><p>Hak cipta Kabar Belu</p></footer></body></html>"""


LEAN_PAGE_TEXT = (
    "Kabupaten Belu menerima penghargaan Universal Health Coverage (UHC) Awards 2026 "
    "kategori Pratama dari BPJS Kesehatan di Jakarta.\nPenghargaan itu diterima Bupati "
    "Belu, Willybrodus Lay, yang menyebut capaian ini hasil kerja bersama puskesmas dan "
    "kader JKN di desa-desa."
)


def _fast_text(tree: lxml.html.HtmlElement) -> str | None:
    """The first pass's text; None where it finds nothing (a table-layout page)."""
    result = trafilatura.bare_extraction(tree, fast=True, **EXTRACTION_OPTIONS)
    return result.text if result else None


@pytest.mark.parametrize("page", sorted(p.name for p in PAGES.iterdir()))
def test_first_pass_reads_the_same_text_without_what_trafilatura_deletes(page):
    tree = lxml.html.fromstring((PAGES / page).read_bytes())
    assert _fast_text(_without_deleted(tree)) == _fast_text(tree)


def test_lean_copy_keeps_forms_json_ld_and_the_original_tree():
    tree = lxml.html.fromstring(LEAN_PAGE)
    lean = _without_deleted(tree)
    assert [e.tag for e in lean.iter("script", "form", "nav", "aside", "footer", "time")] == [
        "script",
        "form",
    ]
    assert lean.find(".//script").get("type") == "application/ld+json"
    assert len(tree.findall(".//script")) == 2
    assert tree.find(".//aside") is not None
    assert _fast_text(lean) == _fast_text(tree) == LEAN_PAGE_TEXT


@pytest.mark.parametrize(
    "inside",
    [
        "<h1>Kabupaten Belu Raih UHC Awards</h1>",
        '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>',
    ],
)
def test_whole_page_when_a_deleted_element_holds_what_trafilatura_reads_first(inside):
    """An <h1> or a JSON-LD script inside a sidebar: trafilatura reads them before its
    cleaning (appended articles, forum threads), so its first pass gets the page as is."""
    page = LEAN_PAGE.replace("<aside><h3>Terpopuler</h3>", f"<aside>{inside}<h3>Terpopuler</h3>")
    tree = lxml.html.fromstring(page)
    assert _without_deleted(tree) is tree


SHORT_PAGE = """<html><head><title>Sumba Barat Daya Raih UHC Awards - Kabar Sumba</title></head>
<body><nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a></nav>
<div class="isi"><h1>Sumba Barat Daya Raih UHC Awards</h1>
<p>Pemerintah Kabupaten Sumba Barat Daya menerima UHC Awards kategori Pratama dari
BPJS Kesehatan di Jakarta, Selasa (27/1/2026).</p>
<p>Penghargaan diterima Wakil Bupati yang hadir mewakili bupati.</p></div>
<footer>Hak cipta Kabar Sumba</footer></body></html>"""
SHORT_PAGE_TEXT = (
    "Pemerintah Kabupaten Sumba Barat Daya menerima UHC Awards kategori Pratama dari "
    "BPJS Kesehatan di Jakarta, Selasa (27/1/2026).\n"
    "Penghargaan diterima Wakil Bupati yang hadir mewakili bupati."
)


def test_fallback_stop_words_are_trafilaturas_as_a_set_justext_finds_at_once(monkeypatch):
    """A short article takes trafilatura's justext fallback: its text is the same with the
    stop words as trafilatura leaves them (a tuple) and as pantau hands them over (the
    lower-cased set, which justext's cache then finds without hashing 154,000 words)."""
    monkeypatch.setattr(fallbacks, "JT_STOPLIST", None)
    tree = lxml.html.fromstring(SHORT_PAGE)
    as_trafilatura_leaves_them = trafilatura.bare_extraction(tree, **EXTRACTION_OPTIONS).text
    assert isinstance(fallbacks.JT_STOPLIST, tuple)
    prepare_fallbacks()
    found = define_stoplist.cache_info().hits
    assert trafilatura.bare_extraction(tree, **EXTRACTION_OPTIONS).text == (
        as_trafilatura_leaves_them
    )
    assert define_stoplist.cache_info().hits == found + 1
    every_language = {word.lower() for lang in get_stoplists() for word in get_stoplist(lang)}
    assert isinstance(fallbacks.JT_STOPLIST, frozenset)
    assert every_language == fallbacks.JT_STOPLIST
    assert as_trafilatura_leaves_them == clean_html(SHORT_PAGE).text == SHORT_PAGE_TEXT
