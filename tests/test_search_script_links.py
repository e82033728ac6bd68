"""Google News links that redirect by script, not HTTP (issue 15's leftover): the crawl
uses what the RSS item itself says of the article before it gives a hit up. A local
stand-in index answers each link with Google's kind of page (200, a script that moves
on); one outlet, on its own port, carries the stories."""

import base64
import subprocess
import sys
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path

import pytest
import yaml
from localnet import LocalServers
from test_crawl_search import rows

from crawler.urls import url_key
from samplenet.preset import crawl_options

pytestmark = pytest.mark.slow

PANTAU = Path(sys.executable).with_name("pantau")
OUTLET = "Kabar Sumbawa"

# slug -> (headline, first paragraph): three relevant stories, one the home page lacks.
STORIES = {
    "sumbawa-raih-uhc-award-madya": (
        "Sumbawa Raih UHC Award 2026 Kategori Madya",
        "SUMBAWA BESAR - Pemerintah Kabupaten Sumbawa menerima penghargaan Universal Health "
        "Coverage (UHC) Award 2026 kategori Madya dari BPJS Kesehatan di Jakarta.",
    ),
    "dompu-pertahankan-uhc-utama": (
        "Dompu Pertahankan Predikat UHC Utama Dua Tahun Berturut-turut",
        "DOMPU - Kabupaten Dompu kembali meraih UHC Award kategori Utama setelah cakupan "
        "kepesertaan JKN mencapai 99 persen penduduk.",
    ),
    "bima-kejar-target-jkn": (
        "Pemkot Bima Kejar Target Kepesertaan JKN Sebelum Akhir Tahun",
        "BIMA - Pemerintah Kota Bima menambah 4.000 peserta PBI Jaminan Kesehatan Nasional "
        "yang iurannya dibayar dari APBD tahun ini.",
    ),
    "lombok-barat-siapkan-anggaran-pbi": (
        "Lombok Barat Siapkan Anggaran PBI untuk Peserta BPJS Kesehatan",
        "GERUNG - Pemerintah Kabupaten Lombok Barat menyiapkan anggaran iuran peserta BPJS "
        "Kesehatan bagi warga miskin yang belum terdaftar.",
    ),
}
# How each item tells where its story is, besides a link that redirects by script:
DESCRIBED = "sumbawa-raih-uhc-award-madya"  # its description links the article
OLD_ID = "bima-kejar-target-jkn"  # its link's id is old-style, the URL inside
ON_HOME = "dompu-pertahankan-uhc-utama"  # only <source url>: the headline is on the home page
NOT_ON_HOME = "lombok-barat-siapkan-anggaran-pbi"  # ... or is not
PUBLISHED = format_datetime(datetime(2026, 5, 12, 3, 0, tzinfo=UTC))
SCRIPT_PAGE = (
    b"<html><head><title>Google News</title></head><body>"
    b"<script>window.location.replace(atob(data))</script></body></html>"
)


def old_token(url: str) -> str:
    """A Google News article id of the older kind: the URL in a protobuf message."""
    message = b"\x08\x13\x22" + bytes([len(url)]) + url.encode() + b"\xd2\x01\x00"
    return base64.urlsafe_b64encode(message).decode().rstrip("=")


def new_token(slug: str) -> str:
    """Today's id: an encrypted "AU_yqL..." only Google resolves."""
    return base64.urlsafe_b64encode(b"\x08\x13\x22\x30AU_yqL" + slug.encode()).decode().rstrip("=")


def article(slug: str) -> bytes:
    headline, first = STORIES[slug]
    return (
        "<!DOCTYPE html><html lang=id><head><meta charset=utf-8>"
        f"<title>{headline} - {OUTLET}</title>"
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2026-05-12T10:00:00+08:00">'
        f"</head><body><nav><a href='/'>Beranda</a></nav><article><h1>{headline}</h1>"
        f"<p>{first}</p><p>Kepala daerah berterima kasih kepada seluruh kader kesehatan dan "
        "perangkat desa yang mendata warga dari rumah ke rumah sepanjang tahun.</p>"
        "</article></body></html>"
    ).encode()


class ScriptNet(LocalServers):
    """``index``: a Google News RSS search and its links; ``outlet``: the stories and a
    home page listing one of them (in capitals, cut with "…", after a "Baca juga" decoy
    naming it in full but linking a tag page)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: dict[str, str] = {}
        self.links: dict[str, str] = {}  # slug -> its Google News link

    def story_url(self, slug: str) -> str:
        return f"{self.urls['outlet']}2026/05/{slug}/"

    def feed(self) -> bytes:
        items = []
        for slug, (headline, _) in STORIES.items():
            link = self.links[slug]
            if slug == DESCRIBED:
                description = f'<a href="{self.story_url(slug)}">{headline}</a>'
            else:  # today's: the description links the Google link again
                description = f'<a href="{link}">{headline}</a>&nbsp;<font>{OUTLET}</font>'
            items.append(
                f"<item><title>{escape(headline)} - {OUTLET}</title><link>{link}</link>"
                f"<pubDate>{PUBLISHED}</pubDate>"
                f"<description>{escape(description)}</description>"
                f'<source url="{self.urls["outlet"].rstrip("/")}">{OUTLET}</source></item>'
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>UHC - Google Berita</title>{''.join(items)}</channel></rss>"
        ).encode()

    def home(self) -> bytes:
        headline = STORIES[ON_HOME][0]
        listed = [
            ("/tag/uhc/", f"Baca juga: {headline}"),
            (f"/2026/05/{ON_HOME}/", f"{headline[:40].upper()}…"),
            ("/2026/05/pasar-murah-taliwang/", "Pasar Murah Digelar di Taliwang"),
        ]
        links = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in listed)
        return f"<html><body><h1>{OUTLET}</h1><ul>{links}</ul></body></html>".encode()

    def answer(self, host: str, path: str) -> tuple[int, dict[str, str], bytes]:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if host == "index" and path.startswith("/rss/search"):
            return 200, {"Content-Type": "application/xml; charset=utf-8"}, self.feed()
        if host == "index" and path.startswith("/rss/articles/"):
            return 200, html, SCRIPT_PAGE
        if host == "outlet" and path == "/":
            return 200, html, self.home()
        slug = path.removeprefix("/2026/05/").strip("/")
        if host == "outlet" and slug in STORIES:
            return 200, html, article(slug)
        return 404, html, b"<h1>404</h1>"

    def start(self) -> "ScriptNet":
        for host in ("index", "outlet"):
            _, self.urls[host] = self.serve(self._handler(host))
        for slug in STORIES:
            token = old_token(self.story_url(slug)) if slug == OLD_ID else new_token(slug)
            self.links[slug] = f"{self.urls['index']}rss/articles/{token}?oc=5"
        return self


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("script-links")
    with ScriptNet() as net:
        sites = tmp / "SITES.yaml"
        doc = {"searches": [{"name": "gnews", "search": "google-news", "query": "UHC"}]}
        sites.write_text(yaml.safe_dump(doc), encoding="utf-8")
        db = tmp / "pantau.db"
        proc = subprocess.run(
            [PANTAU, "crawl", "--sites", sites, "--db", db, *crawl_options(RETRY_TIMES=0),
             "-s", f"PANTAU_GOOGLE_NEWS_URL={net.urls['index']}rss/search"],
            capture_output=True,
            text=True,
            timeout=120,
        )  # fmt: skip
        yield {"proc": proc, "db": db, "net": net}


def test_crawl_finishes(crawled):
    assert crawled["proc"].returncode == 0, crawled["proc"].stderr[-3000:]
    assert "Traceback" not in crawled["proc"].stderr


def test_the_article_each_item_points_to_is_stored_with_its_google_link(crawled):
    """A description linking the article; an old-style id holding its URL; the headline
    on the outlet's home page."""
    net, db = crawled["net"], crawled["db"]
    found = rows(
        db, "SELECT a.url, u.url FROM articles a JOIN article_urls u ON u.article_id = a.id"
    )
    stored = {slug for slug in STORIES if any(a == net.story_url(slug) for a, _ in found)}
    assert stored == set(STORIES) - {NOT_ON_HOME}
    for slug in stored:
        assert (net.story_url(slug), net.links[slug]) in found


def test_a_headline_missing_from_the_home_page_is_one_recorded_failure(crawled):
    net, db = crawled["net"], crawled["db"]
    assert rows(db, "SELECT site, url, reason FROM crawl_errors") == [
        (
            "127.0.0.1",  # the outlet's name: the host of <source url>
            net.links[NOT_ON_HOME],
            f"hit did not lead to an outlet (headline not on {net.urls['outlet']})",
        )
    ]


def test_every_fetched_url_has_exactly_one_outcome(crawled):
    """Issue 13's accounting holds for the detours: the home page is "not-article: home
    page", each Google link its article's URL, a failure, or a redirect to a story.
    (robots.txt of a host nobody listed and the search query itself are left out: they
    have had no outcome of their own since searches came.)"""
    net, db = crawled["net"], crawled["db"]
    bases = {host: url.rstrip("/") for host, url in net.urls.items()}
    fetched = {
        url_key(bases[host] + path)
        for host, path in net.requests
        if path != "/robots.txt" and not path.startswith("/rss/search")
    }
    seen = {key for (key,) in rows(db, "SELECT key FROM seen_urls")}
    errors = {url_key(url) for (url,) in rows(db, "SELECT url FROM crawl_errors")}
    assert fetched == seen | errors
    assert seen & errors == set()
    assert rows(db, "SELECT outcome FROM seen_urls WHERE key = ?", url_key(net.urls["outlet"])) == [
        ("not-article: home page",)
    ]
