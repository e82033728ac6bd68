"""Local stand-ins for the two news-search indexes and six outlets nobody listed, for
tests of search discovery (crawler/search.py). No network: every host is 127.0.0.1.

The index server speaks both documented formats:
- GDELT DOC 2.0 ``/api/v2/doc/doc?query=..&mode=ArtList&format=json&maxrecords=N&
  startdatetime=..&enddatetime=..``: ``{"articles": [{url, url_mobile, title, seendate,
  socialimage, domain, language, sourcecountry}]}`` newest first, at most N, ``{}`` when
  nothing matches; a query without mode=ArtList gets GDELT's plain-text complaint.
- Google News ``/rss/search?q=..&hl=id&gl=ID&ceid=ID:id``: RSS 2.0 whose items link to
  ``/rss/articles/<id>?oc=5``, redirects to the outlet, with ``<source url>``.

The outlets ("<name>.test" in the index's words) each serve the same syndicated story
with their own menus and sidebars; ``sembunyi`` forbids everything in robots.txt; one
GDELT hit is gone (404); the Google News link for ``kabartimur`` goes through two
redirects (news link -> old outlet URL -> the article's new path); one Google News link
answers with a page of its own instead of redirecting (Google's redirect by script), and
its item's ``<source url>`` is "lomboktoday", on 127.0.0.1 too, whose home page does not
list the story.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from urllib.parse import parse_qs, urlsplit

from localnet import LocalServers

STORY = (
    "<h1>Lombok Timur Raih UHC Award 2026 Kategori Pratama</h1>"
    '<div class="entry-content">'
    "<p>SELONG - Pemerintah Kabupaten Lombok Timur meraih penghargaan Universal Health "
    "Coverage (UHC) Award 2026 kategori Pratama dari BPJS Kesehatan. Penghargaan "
    "diserahkan di Jakarta, Selasa (12/5/2026).</p>"
    "<p>Cakupan kepesertaan Jaminan Kesehatan Nasional di Lombok Timur telah mencapai "
    "96 persen penduduk, dengan tingkat keaktifan peserta di atas 75 persen.</p>"
    "<p>Pemerintah daerah menyatakan akan terus menambah peserta PBI yang iurannya "
    "dibayar dari APBD agar seluruh warga terlindungi.</p></div>"
)
STORY_PATH = "/2026/05/lombok-timur-raih-uhc-award/"
OUTLETS = ("suaralombok", "gerbangntb", "warta-rinjani", "lensasasak", "kabartimur", "sembunyi")


def page(outlet: str, body: str) -> bytes:
    """An outlet's article page: the story inside its own chrome (menus, a sidebar
    naming other BPJS stories, a footer), which extraction must leave out."""
    return (
        "<!DOCTYPE html><html lang=id><head><meta charset=utf-8>"
        f"<title>{outlet} | Berita Daerah</title>"
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2026-05-12T09:00:00+08:00">'
        f"</head><body><nav><a href='/'>Beranda {outlet}</a> <a href='/kategori/'>Daerah</a>"
        f"</nav><main><article>{body}</article></main>"
        f"<aside><h3>Terpopuler di {outlet}</h3><a href='/2026/04/iuran-bpjs-naik/'>"
        "Iuran BPJS Kesehatan naik?</a></aside>"
        f"<footer>Hak cipta {outlet}. Dilarang mengutip tanpa izin.</footer></body></html>"
    ).encode()


class SearchNet(LocalServers):
    """The index on one port, each outlet on its own; ``requests`` lists (host, path)."""

    def __init__(self, now: datetime | None = None) -> None:
        super().__init__()
        self.now = now or datetime.now(UTC)
        self.gdelt_windows: list[tuple[str, str, int]] = []  # start, end, hits answered
        self.urls: dict[str, str] = {}
        self._routes: dict[str, dict[str, tuple[int, dict[str, str], bytes]]] = {}

    # -- what the index knows -------------------------------------------------------
    def gdelt_articles(self) -> list[dict]:
        """Five hits spread over four days (more than maxrecords=2 of a search)."""
        hits = [
            ("suaralombok", STORY_PATH, 2),
            ("gerbangntb", STORY_PATH, 30),
            ("warta-rinjani", STORY_PATH, 50),
            ("sembunyi", STORY_PATH, 80),
            ("gerbangntb", "/2026/05/berita-yang-sudah-dihapus/", 100),
        ]
        return [
            {
                "url": f"{self.urls[name]}{path.lstrip('/')}",
                "url_mobile": "",
                "title": "Lombok Timur Raih UHC Award 2026 Kategori Pratama",
                "seendate": (self.now - timedelta(hours=hours)).strftime("%Y%m%dT%H%M%SZ"),
                "socialimage": "",
                "domain": f"{name}.test",
                "language": "Indonesian",
                "sourcecountry": "Indonesia",
            }
            for name, path, hours in hits
        ]

    def _gdelt(self, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        if query.get("mode") != ["ArtList"] or query.get("format") != ["json"]:
            return 200, {"Content-Type": "text/html"}, b"Invalid mode specified."
        start, end = query["startdatetime"][0], query["enddatetime"][0]
        limit = int(query.get("maxrecords", ["75"])[0])
        found = [
            a
            for a in self.gdelt_articles()
            if start <= a["seendate"].replace("T", "").rstrip("Z") <= end
        ]
        found.sort(key=lambda a: a["seendate"], reverse=True)
        found = found[:limit]
        self.gdelt_windows.append((start, end, len(found)))
        doc = {"articles": found} if found else {}
        return 200, {"Content-Type": "application/json; charset=utf-8"}, json.dumps(doc).encode()

    def _google_news(self) -> tuple[int, dict[str, str], bytes]:
        items = "".join(
            f"<item><title>Lombok Timur Raih UHC Award 2026 - {title}</title>"
            f"<link>{self.urls['index']}rss/articles/{token}?oc=5</link>"
            f'<guid isPermaLink="false">{token}</guid>'
            f"<pubDate>{format_datetime(self.now - timedelta(hours=5), usegmt=True)}</pubDate>"
            f'<description>&lt;a href="{self.urls["index"]}rss/articles/{token}"&gt;'
            f"Lombok Timur&lt;/a&gt;</description>"
            f'<source url="{home}">{title}</source></item>'
            for token, home, title in (
                ("CBMiLensaSasak", "https://www.lensasasak.test", "Lensa Sasak"),
                ("CBMiKabarTimur", "https://www.kabartimur.test", "Kabar Timur NTB"),
                ("CBMiTanpaArah", self.urls["lomboktoday"], "Lombok Today"),
            )
        )
        body = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:media="http://search.yahoo.com/mrss/"><channel>'
            "<title>&quot;UHC Award&quot; - Google Berita</title>"
            f"<link>https://news.google.com/search?hl=id</link><language>id</language>{items}"
            "</channel></rss>"
        )
        return 200, {"Content-Type": "application/xml; charset=utf-8"}, body.encode()

    def answer(self, host: str, path: str) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(path)
        if host == "index" and parts.path == "/api/v2/doc/doc":
            return self._gdelt(parse_qs(parts.query))
        if host == "index" and parts.path == "/rss/search":
            return self._google_news()
        return self._routes[host].get(path, (404, {"Content-Type": "text/html"}, b"<h1>404</h1>"))

    def _build_routes(self) -> None:
        html = {"Content-Type": "text/html; charset=utf-8"}
        self._routes["index"] = {
            "/rss/articles/CBMiLensaSasak?oc=5": (
                302,
                {"Location": f"{self.urls['lensasasak']}{STORY_PATH.lstrip('/')}"},
                b"",
            ),
            "/rss/articles/CBMiTanpaArah?oc=5": (  # a page that redirects by script only
                200,
                html,
                b"<html><body><script>window.location='/x'</script></body></html>",
            ),
            "/rss/articles/CBMiKabarTimur?oc=5": (
                302,
                {"Location": f"{self.urls['kabartimur']}lama/?p=1705"},
                b"",
            ),
        }
        for name in OUTLETS:
            self._routes[name] = {STORY_PATH: (200, html, page(name, STORY))}
        self._routes["sembunyi"]["/robots.txt"] = (
            200,
            {"Content-Type": "text/plain"},
            b"User-agent: *\nDisallow: /\n",
        )
        self._routes["kabartimur"]["/lama/?p=1705"] = (301, {"Location": STORY_PATH}, b"")
        self._routes["lomboktoday"] = {
            "/": (200, html, page("lomboktoday", "<h2>Terkini</h2><a href='/2026/05/pasar/'>"
                                  "Pasar Murah di Selong</a>")),
        }  # fmt: skip

    # -- serving --------------------------------------------------------------------
    def start(self) -> SearchNet:
        for host in ("index", *OUTLETS, "lomboktoday"):
            _, self.urls[host] = self.serve(self._handler(host))
        self._build_routes()
        return self

    def settings(self) -> list[str]:
        """``pantau crawl -s`` options pointing both indexes here."""
        index = self.urls["index"]
        return [
            "-s",
            f"PANTAU_GDELT_URL={index}api/v2/doc/doc",
            "-s",
            f"PANTAU_GOOGLE_NEWS_URL={index}rss/search",
        ]
