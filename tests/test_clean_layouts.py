"""Page layouts whose chrome used to leak into an article or hide its date (issue 13's
leftovers): CMS sidebar modules beside a short article, and an old table-layout page
whose only date is a time stamp under the headline."""

from datetime import date
from pathlib import Path

import pytest

from crawler.pages import join_parts
from extract.clean import clean_html
from extract.relevance import is_relevant

PAGES = Path(__file__).parent / "fixtures" / "html"
JOOMLA = (PAGES / "joomla_modules.html").read_text(encoding="utf-8")
TABLES = (PAGES / "table_stamp.html").read_text(encoding="utf-8")


def test_sidebar_modules_beside_a_short_article_stay_out_of_its_text():
    """Two short paragraphs: trafilatura looks for more text all over the page and used
    to take the "Pengumuman" module and a complementary box, both naming JKN and BPJS."""
    cleaned = clean_html(JOOMLA)
    assert cleaned.text.splitlines() == [
        "Ratusan penenun memamerkan kain ikat di Lapangan Matawai, Waingapu.",
        "Panitia mencatat 40 stan dari tujuh kecamatan ikut serta.",
    ]
    assert not is_relevant(f"{cleaned.title}\n{cleaned.text}")
    assert (cleaned.title, cleaned.published, cleaned.author) == (
        "Festival Tenun Ikat Digelar di Lapangan Matawai",
        date(2026, 2, 3),
        "Rambu Anggraini",
    )


def test_a_module_holding_the_article_itself_is_kept():
    """Some templates put the article in a module position: a module (or complementary
    box) that holds the article's headline or body is not beside it."""
    html = JOOMLA.replace(
        '<main id="content" role="main" class="span6">',
        '<main id="content" role="main" class="span6"><div class="moduletable">',
        1,
    )
    html = html.replace("</main>", "</div></main>", 1)
    assert clean_html(html).text.splitlines()[:2] == [
        "Ratusan penenun memamerkan kain ikat di Lapangan Matawai, Waingapu.",
        "Panitia mencatat 40 stan dari tujuh kecamatan ikut serta.",
    ]


def test_a_relevant_short_article_keeps_its_own_keywords():
    html = JOOMLA.replace(
        "Panitia mencatat 40 stan dari tujuh kecamatan ikut serta.",
        "Pengunjung yang sakit dilayani gratis dengan kartu JKN di posko kesehatan.",
    )
    cleaned = clean_html(html)
    assert cleaned.text.splitlines() == [
        "Ratusan penenun memamerkan kain ikat di Lapangan Matawai, Waingapu.",
        "Pengunjung yang sakit dilayani gratis dengan kartu JKN di posko kesehatan.",
    ]


@pytest.mark.parametrize("crawled", [False, True])
def test_table_layout_page_dated_by_the_stamp_under_its_headline(crawled):
    """No meta date, no date class, no dateline: the stamp "01/02/2026 10:05 WITA" under
    the headline (day first: 1 February) is the date, not the sidebar stamps before it
    (29/01, 28/01), the "Berita Lainnya" one after it or the body's "15 Maret 2026".
    ``crawled``: as the crawler hands it over (joined), or a saved page given to
    ``pantau extract``: both read the text out of the layout table."""
    cleaned = clean_html(join_parts([TABLES]) if crawled else TABLES)
    assert (cleaned.title, cleaned.published) == (
        "Nelayan Oelaba Didaftarkan Jadi Peserta JKN Gratis",
        date(2026, 2, 1),
    )
    lines = cleaned.text.splitlines()
    assert (len(lines), lines[0]) == (
        5,
        "Sebanyak 214 nelayan di Desa Oelaba didaftarkan sebagai peserta Jaminan Kesehatan "
        "Nasional yang iurannya ditanggung pemerintah kabupaten.",
    )
