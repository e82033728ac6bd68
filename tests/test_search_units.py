"""SITES.yaml searches: (crawler/search.py): validation with one-line errors, the URLs
asked of each index, their answers read, and time windows halved."""

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from test_search_script_links import old_token
from test_sites import write

from crawler.search import (
    Search,
    SearchResponseError,
    Window,
    gdelt_hits,
    google_news_hits,
    headline_link,
    load_searches,
    now_for,
    search_url,
)
from crawler.sites import SitesError, load_sites

HEAD = "sites:\n  - {name: contoh, url: 'http://127.0.0.1:8000/'}\nsearches:\n"


def test_valid_searches_and_a_file_of_searches_only(tmp_path):
    path = write(
        tmp_path,
        "searches:\n"
        "  - {name: gdelt-uhc, search: gdelt, query: '\"UHC Award\"', sourcecountry: ID,"
        " sourcelang: ind, timespan: 2w, max_results: 100}\n"
        "  - {name: berita, search: google-news, query: UHC, since: 2026-01-05}\n",
    )
    assert load_sites(path) == []
    assert load_searches(path) == [
        Search("gdelt-uhc", "gdelt", '"UHC Award"', timedelta(days=14), None, "ID", "ind", 100),
        Search("berita", "google-news", "UHC", None, date(2026, 1, 5), None, None, 100),
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "- {name: a, search: bing, query: x}",
            "search must be one of gdelt, google-news, got 'bing'",
        ),
        ("- {name: a, search: gdelt}", "missing query"),
        ("- {name: a, search: gdelt, query: x, timespan: 3 tahun}", "timespan must be like"),
        ("- {name: a, search: gdelt, query: x, timespan: 2d, since: 2026-01-01}", "not both"),
        ("- {name: a, search: gdelt, query: x, max_results: 500}", "max_results must be 1..250"),
        ("- {name: a, search: google-news, query: x, max_results: 101}", "1..100 for google"),
        ("- {name: a, search: gdelt, query: x, since: kemarin}", "since must be a date"),
        ("- {name: a, search: gdelt, query: x, negara: ID}", "unknown key(s) negara"),
        ("- {name: 'a b', search: gdelt, query: x}", "missing or invalid name"),
        (
            "- {name: a, search: gdelt, query: x}\n- {name: a, search: gdelt, query: y}",
            "duplicate search name 'a'",
        ),
    ],
)
def test_bad_searches_are_one_line(tmp_path, entry, message):
    path = write(tmp_path, HEAD + "  " + entry.replace("\n", "\n  ") + "\n")
    with pytest.raises(SitesError) as error:
        load_searches(path)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_gdelt_url_puts_country_and_language_in_the_query():
    search = Search(
        "g", "gdelt", '"UHC Award"', sourcecountry="ID", sourcelang="ind", max_results=250
    )
    window = Window(datetime(2026, 5, 1, tzinfo=UTC), datetime(2026, 5, 2, 12, tzinfo=UTC))
    assert search_url("http://x/api/v2/doc/doc", search, window) == (
        "http://x/api/v2/doc/doc?query=%22UHC+Award%22+sourcecountry%3AID+sourcelang%3Aind"
        "&mode=ArtList&format=json&maxrecords=250&sort=DateDesc"
        "&startdatetime=20260501000000&enddatetime=20260502120000"
    )


def test_gdelt_or_terms_are_parenthesised():
    search = Search("g", "gdelt", '"UHC Award" OR "Universal Health Coverage"', max_results=5)
    window = Window(datetime(2026, 5, 1, tzinfo=UTC), datetime(2026, 5, 2, tzinfo=UTC))
    query = search_url("http://x/", search, window).split("&")[0]
    assert query == "http://x/?query=%28%22UHC+Award%22+OR+%22Universal+Health+Coverage%22%29"


def test_google_news_url_is_indonesian_with_a_day_window():
    search = Search("n", "google-news", "UHC Award", max_results=100)
    window = Window(datetime(2026, 5, 1, tzinfo=UTC), datetime(2026, 5, 3, tzinfo=UTC))
    assert search_url("http://x/rss/search", search, window) == (
        "http://x/rss/search?q=UHC+Award+after%3A2026-05-01+before%3A2026-05-03"
        "&hl=id&gl=ID&ceid=ID%3Aid"
    )


def test_gdelt_answers():
    body = (
        b'{"articles": [{"url": "https://regional.contoh.test/a", "url_mobile": "",'
        b' "title": "t", "seendate": "20260512T080000Z", "socialimage": "",'
        b' "domain": "contoh.test", "language": "Indonesian", "sourcecountry": "Indonesia"},'
        b' {"url": "ftp://x/y", "domain": "x"}]}'
    )
    [hit] = gdelt_hits(body)
    assert (hit.url, hit.outlet, hit.title) == (
        "https://regional.contoh.test/a",
        "contoh.test",
        None,
    )
    assert gdelt_hits(b"{}") == []
    with pytest.raises(SearchResponseError, match="not GDELT JSON: Invalid query"):
        gdelt_hits(b"Invalid query: too short\n")


def test_google_news_answers():
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        b"<item><title>A - Kabar</title><link>https://news.google.com/rss/articles/CB?oc=5</link>"
        b'<source url="https://www.kabar.test">Kabar Kita</source></item>'
        b"<item><title>B</title><link>javascript:void(0)</link></item></channel></rss>"
    )
    [hit] = google_news_hits(body)
    assert (hit.url, hit.outlet, hit.title) == (
        "https://news.google.com/rss/articles/CB?oc=5",
        "kabar.test",
        "Kabar Kita",
    )
    with pytest.raises(SearchResponseError, match="not RSS: root element <html>"):
        google_news_hits(b"<html><body>consent</body></html>")


NEW_TOKEN = "CBMiakFVX3lxTE5fZ2VyYmFuZy1zdWFyYS1saGFtYmVyc2FtYQ"  # "AU_yqL...": encrypted


def test_google_news_items_give_what_they_know_of_the_article():
    """The link redirects by script (not HTTP) on today's Google News; the item itself may
    still say where the article is: an old-style id holds its URL, a description may link
    it directly, and ``<source url>`` plus the title name the outlet and the headline."""
    article = "https://kabarsumbawa.test/2026/05/sumbawa-raih-uhc-award-madya/"
    google = "https://news.google.com/rss/articles/"
    items = [
        (f"{google}{old_token(article)}?oc=5", "", "https://kabarsumbawa.test"),
        (
            f"{google}{NEW_TOKEN}?oc=5",
            f'&lt;a href="{article}" target="_blank"&gt;Sumbawa Raih UHC Award&lt;/a&gt;',
            "https://kabarsumbawa.test",
        ),
        (
            f"{google}{NEW_TOKEN}?oc=5",
            f'&lt;a href="{google}{NEW_TOKEN}?oc=5" target="_blank"&gt;Sumbawa&lt;/a&gt;'
            "&amp;nbsp;&amp;nbsp;&lt;font color=&quot;#6f6f6f&quot;&gt;Kabar Sumbawa&lt;/font&gt;",
            "https://www.kabarsumbawa.test",
        ),
    ]
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        + "".join(
            f"<item><title>Sumbawa Raih UHC Award 2026 Kategori Madya - Kabar Sumbawa</title>"
            f"<link>{link}</link><description>{description}</description>"
            f'<source url="{home}">Kabar Sumbawa</source></item>'
            for link, description, home in items
        )
        + "</channel></rss>"
    ).encode()
    hits = google_news_hits(body)
    assert [(h.targets, h.home, h.headline) for h in hits] == [
        ((article,), "https://kabarsumbawa.test/", "Sumbawa Raih UHC Award 2026 Kategori Madya"),
        ((article,), "https://kabarsumbawa.test/", "Sumbawa Raih UHC Award 2026 Kategori Madya"),
        ((), "https://www.kabarsumbawa.test/", "Sumbawa Raih UHC Award 2026 Kategori Madya"),
    ]
    assert {h.outlet for h in hits} == {"kabarsumbawa.test"}


@pytest.mark.parametrize(
    ("anchor", "found"),
    [
        ('<a href="/2026/05/sumbawa-uhc/">Sumbawa Raih UHC Award 2026 Kategori Madya</a>', True),
        (
            '<a href="/2026/05/sumbawa-uhc/">\n  SUMBAWA raih UHC Award 2026\n kategori madya </a>',
            True,
        ),
        (
            '<a href="/2026/05/sumbawa-uhc/" title="Sumbawa Raih UHC Award 2026 Kategori Madya">'
            '<img src="/foto.jpg"></a>',
            True,
        ),
        ('<a href="/2026/05/sumbawa-uhc/">Sumbawa Raih UHC Award 2026 Kategori…</a>', True),
        ('<a href="/2026/05/sumbawa-uhc/">Sumbawa Raih…</a>', False),  # too short to tell
        ('<a href="/2026/05/bima-uhc/">Bima Raih UHC Award 2026 Kategori Madya</a>', False),
        ('<a href="/tag/uhc/">Baca juga: Sumbawa Raih UHC Award 2026 Kategori Madya</a>', False),
    ],
)
def test_headline_link_on_an_outlet_home_page(anchor, found):
    html = (
        "<html><body><nav><a href='/'>Beranda</a></nav><h2>Terkini</h2>"
        f"<ul><li><a href='/2026/05/pasar-murah/'>Pasar Murah di Taliwang</a></li><li>{anchor}</li>"
        "</ul></body></html>"
    )
    expected = "https://kabarsumbawa.test/2026/05/sumbawa-uhc/" if found else None
    headline = "Sumbawa Raih UHC Award 2026 Kategori Madya"
    assert headline_link(html, "https://kabarsumbawa.test/", headline) == expected


def test_windows_halve_down_to_what_the_index_tells_apart():
    day = Window(datetime(2026, 5, 1, tzinfo=UTC), datetime(2026, 5, 2, tzinfo=UTC))
    assert day.halves("gdelt") == [
        Window(day.start, datetime(2026, 5, 1, 12, tzinfo=UTC)),
        Window(datetime(2026, 5, 1, 12, tzinfo=UTC), day.end),
    ]
    assert day.halves("google-news") == []
    quarter = Window(day.start, day.start + timedelta(minutes=15))
    assert quarter.halves("gdelt") == []
    three = Window(day.start, datetime(2026, 5, 4, tzinfo=UTC))
    assert three.halves("google-news") == [
        Window(day.start, datetime(2026, 5, 2, 0, tzinfo=UTC)),
        Window(datetime(2026, 5, 2, tzinfo=UTC), three.end),
    ]


def test_span_end_is_rounded_up_so_workers_ask_alike():
    now = datetime(2026, 5, 12, 8, 41, tzinfo=UTC)
    assert now_for("gdelt", now) == datetime(2026, 5, 12, 9, tzinfo=UTC)
    assert now_for("google-news", now) == datetime(2026, 5, 13, tzinfo=UTC)
    search = Search("g", "gdelt", "q", span=timedelta(days=7))
    assert search.start(now, date(2026, 5, 10)) == datetime(2026, 5, 10, tzinfo=UTC)
    assert search.start(now) == now - timedelta(days=7)


def test_shipped_searches_file_loads():
    path = Path(__file__).parents[1] / "sites" / "searches.yaml"
    assert [(s.name, s.kind, s.span) for s in load_searches(path)] == [
        ("gdelt-uhc-award", "gdelt", timedelta(days=90)),
        ("gdelt-penghargaan-uhc", "gdelt", timedelta(days=90)),
        ("google-news-uhc-award", "google-news", timedelta(days=90)),
        ("google-news-penghargaan-uhc", "google-news", timedelta(days=90)),
    ]


def test_crawl_with_a_bad_search_is_one_line_and_exit_2(tmp_path):
    path = write(tmp_path, HEAD + "  - {name: a, search: gdelt, query: x, timespan: kemarin}\n")
    pantau = Path(sys.executable).with_name("pantau")
    proc = subprocess.run(
        [pantau, "crawl", "--sites", path, "--db", tmp_path / "p.db"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        f"Error: {path}: searches[0] (a): timespan must be like 24h, 7d, 2w or 3months, "
        "got 'kemarin'\n"
    )
