"""The crawl process around the spider: what it hands to Scrapy's scheduler (each URL once),
callbacks Scrapy need not re-read at every response, and the garbage collector."""

import gc
import inspect

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.misc import is_generator_with_return_value

from crawler.heap import FreezeStartup
from crawler.items import FailedPage, OtherPage
from crawler.spiders.news import NewsSpider

BASE = "http://kabar.example"
LISTING = f"""<html><body><h1>Berita Daerah</h1><ul>
<li><a href="{BASE}/berita/bupati-terima-uhc-award">Bupati terima UHC Award</a></li>
<li><a href="{BASE}/berita/rsud-tambah-ruang-rawat">RSUD tambah ruang rawat</a></li>
<li><a href="{BASE}/berita/bupati-terima-uhc-award?utm_source=beranda#komentar">lagi</a></li>
<li><a href="{BASE}/berita/pasar-murah-jelang-natal">Pasar murah jelang Natal</a></li>
</ul><a href="{BASE}/kategori/kesehatan?page=2">Berikutnya</a></body></html>"""


@pytest.fixture
def spider(tmp_path):
    sites = tmp_path / "SITES.yaml"
    sites.write_text(f"sites:\n- name: kabar\n  url: {BASE}/\n")
    return NewsSpider(sites=str(sites), db=str(tmp_path / "p.db"))


def _listed(spider: NewsSpider) -> list[str]:
    response = HtmlResponse(f"{BASE}/kategori/kesehatan", body=LISTING.encode())
    links = [link for link in spider._links.extract_links(response)]
    return [r.url for r in spider._listing_links(response, links, productive=True)]


def test_a_url_the_scheduler_has_is_not_yielded_again(spider):
    """The scheduler's duplicate filter would drop it, after every spider middleware and a
    fingerprint: the spider does not build it at all. Only URLs that reached the scheduler
    count, and only those the filter would drop (a dont_filter request may come again)."""
    assert _listed(spider) == [
        f"{BASE}/berita/bupati-terima-uhc-award",
        f"{BASE}/berita/rsud-tambah-ruang-rawat",
        f"{BASE}/berita/bupati-terima-uhc-award",
        f"{BASE}/berita/pasar-murah-jelang-natal",
        f"{BASE}/kategori/kesehatan?page=2",
    ]
    spider.request_scheduled(Request(f"{BASE}/berita/bupati-terima-uhc-award"))
    spider.request_scheduled(Request(f"{BASE}/kategori/kesehatan?page=2"))
    spider.request_scheduled(Request(f"{BASE}/berita/pasar-murah-jelang-natal", dont_filter=True))
    assert _listed(spider) == [
        f"{BASE}/berita/rsud-tambah-ruang-rawat",
        f"{BASE}/berita/pasar-murah-jelang-natal",
    ]


def test_a_broken_sitemap_is_a_failure_said_before_its_links(spider):
    body = (
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://kabar.example/berita/uhc-award</loc></url>"
        b"<url><loc>http://kabar.example/berita/jkn</lok></url></urlset>"
    )
    response = HtmlResponse(f"{BASE}/sitemap.xml", body=body, request=Request(f"{BASE}/x"))
    response.request.meta.update({"pantau_kind": "sitemap", "pantau_site": "kabar"})
    out = list(spider.parse_sitemap(response))
    assert [type(o) for o in out[:2]] == [OtherPage, FailedPage]
    assert out[1].reason == (
        "broken sitemap XML: Opening and ending tag mismatch: loc line 1 and lok,"
        " line 1, column 188 (<string>, line 1)"
    )
    assert [r.url for r in out[2:]] == [f"{BASE}/berita/uhc-award", f"{BASE}/berita/jkn"]


def test_no_callback_returns_a_value():
    """Scrapy's check for a generator callback that returns a value is off in the crawl
    (WARN_ON_GENERATOR_RETURN_VALUE: it re-read the source at every response); it runs here."""
    callbacks = [
        name
        for name, member in inspect.getmembers(NewsSpider, inspect.isfunction)
        if name.startswith(("parse", "on_error")) and inspect.isgeneratorfunction(member)
    ]
    assert len(callbacks) == 10
    assert [c for c in callbacks if is_generator_with_return_value(getattr(NewsSpider, c))] == []


def test_start_up_objects_are_frozen_when_the_spider_opens():
    """Everything alive at spider open stays for the crawl: out of the collector's walks;
    and the young objects of the pages in flight are walked less often."""
    from scrapy.utils.test import get_crawler

    before = len(gc.get_objects())
    thresholds = gc.get_threshold()
    try:
        FreezeStartup(get_crawler()).spider_opened()
        assert gc.get_freeze_count() >= before // 2
        assert len(gc.get_objects()) < before // 2
        assert gc.get_threshold() == (5_000, *thresholds[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    assert gc.get_freeze_count() == 0


def test_scrapy_debug_messages_are_not_built_below_the_log_level():
    """Scrapy's loggers get LOG_LEVEL themselves (Scrapy only filters in its handler)."""
    import logging

    from crawler.log_levels import ScrapyLogLevel

    scrapy_log = logging.getLogger("scrapy.core.scraper")
    before = logging.getLogger("scrapy").level
    try:
        ScrapyLogLevel("INFO")
        assert (scrapy_log.isEnabledFor(logging.DEBUG), scrapy_log.isEnabledFor(logging.INFO)) == (
            False,
            True,
        )
        ScrapyLogLevel("DEBUG")
        assert scrapy_log.isEnabledFor(logging.DEBUG)
    finally:
        logging.getLogger("scrapy").setLevel(before)
