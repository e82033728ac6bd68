"""rusak: the hostile site, served only with faults="hostile".

Everything a crawler must survive at once: robots.txt that never answers in time, a
connection reset, a body dripping a few bytes a second, gzip that is not gzip, a
redirect to a host outside the crawl, a 50 MB page with no Content-Length, an article
with broken nesting and NUL bytes (still readable: it is in the truth), a sitemap of
100,000 entries and a sitemap whose XML breaks off. Big bodies are generated as they are
sent, so the network itself stays small.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape
from urllib.parse import urlsplit

from samplenet.articles import Article
from samplenet.render import (
    SITEMAP_NS,
    Response,
    article_meta,
    html_page,
    link_list,
    paragraphs_html,
    redirect,
    render,
    tanggal_jam,
)
from samplenet.sites.base import Site

HUGE_SITEMAP_ENTRIES = 100_000
HUGE_BODY_BYTES = 50 * 1024 * 1024
DRIP_BYTES = b"<p>Memuat"  # a few bytes a second
RESET = "/berita/wawancara-terputus-di-tengah-jalan/"
DRIP = "/berita/laporan-yang-tidak-pernah-selesai/"
BAD_GZIP = "/berita/berkas-terkompresi-yang-rusak/"
OFFSITE = "/berita/halaman-pindah-ke-situs-lain/"
HUGE_BODY = "/berita/galeri-foto-festival-teluk-lengkap/"
BIG_SITEMAP = "/sitemap-berita.xml"
BROKEN_SITEMAP = "/sitemap-lama.xml"
FILLER = re.compile(r"/berita/pengumuman-redaksi-nomor-(\d+)/")


def _broken(html: str) -> str:
    """Mis-nested and unclosed tags, stray end tags and NUL bytes, as old CMS output has."""
    return (
        html.replace('<div class="konten">', '<div class="konten"><b><i>\x00')
        .replace("</p>\n<p>", "</b></p>\x00\n<p><span>", 1)
        .replace("</h1>", "</h1></i></div>\x00\x00")
        .replace("</body>", "</span></table></td>\x00</body>")
    )


class RusakSite(Site):
    style = "hostile"

    def article_path(self, article: Article) -> str:
        return f"/berita/{article.slug}/"

    def fault_paths(self) -> dict[str, str]:
        return {
            "robots_timeout": "/robots.txt",
            "connection_reset": RESET,
            "slow_drip": DRIP,
            "bad_gzip": BAD_GZIP,
            "offsite_redirect": OFFSITE,
            "huge_body": HUGE_BODY,
            "huge_sitemap": BIG_SITEMAP,
            "broken_sitemap": BROKEN_SITEMAP,
        }

    def sitemaps(self) -> list[str]:
        """Named in SITES.yaml (robots.txt, which would name them, never answers)."""
        return [self.url(BIG_SITEMAP), self.url(BROKEN_SITEMAP)]

    def offsite_url(self) -> str:
        """Another loopback host, outside every crawl (nothing listens there)."""
        port = urlsplit(self.base_url).port
        return f"http://127.0.0.2:{port}/berita/kota-ambon-terima-uhc-awards-2026/"

    def robots(self) -> Response:
        page = Response(200, b"User-agent: *\nDisallow: /admin/\n", "text/plain")
        page.delay = self.faults.hang_seconds
        return page

    def route(self, path: str, query: dict[str, str]) -> Response | None:
        faults = {
            RESET: lambda: Response(reset=True),
            DRIP: self.drip,
            BAD_GZIP: lambda: Response(
                200, b"\x1f\x8b\x08\x00ini-bukan-gzip" * 40, headers={"Content-Encoding": "gzip"}
            ),
            OFFSITE: lambda: redirect(self.offsite_url(), 301),
            HUGE_BODY: self.huge_body,
            BIG_SITEMAP: self.big_sitemap,
            BROKEN_SITEMAP: self.broken_sitemap,
        }
        if path == "/":
            return self.home()
        if path in faults:
            return faults[path]()
        slug = path.strip("/").removeprefix("berita/")
        if slug in self.by_slug and path == self.article_path(self.by_slug[slug]):
            return self.article(self.by_slug[slug])
        filler = FILLER.fullmatch(path)
        if filler and int(filler.group(1)) < HUGE_SITEMAP_ENTRIES:
            return self.notice(int(filler.group(1)))
        return None

    def page(self, title: str, main: str, head: str = "") -> Response:
        return html_page(render("rusak_page.html", title=escape(title), head=head, main=main))

    def home(self) -> Response:
        links = [(self.article_path(a), a.title) for a in self.articles]
        links += [(path, "Berita pilihan") for path in (RESET, DRIP, BAD_GZIP, OFFSITE, HUGE_BODY)]
        return self.page("Kabar Rusak - Berita Maluku", "<h2>Terbaru</h2>\n" + link_list(links))

    def article(self, article: Article) -> Response:
        canonical = self.url(self.article_path(article))
        main = (
            f'<h1>{escape(article.title)}</h1>\n<p class="tanggal">'
            f"{tanggal_jam(article.published)} | {escape(article.author)}</p>\n"
            f'<div class="isi">\n{paragraphs_html(article.paragraphs)}\n</div>'
        )
        page = self.page(article.title, main, article_meta(article, canonical, "Kabar Rusak"))
        if article.fault == "broken_html":
            page.body = _broken(page.body.decode("utf-8")).encode("utf-8")
        return page

    def notice(self, number: int) -> Response:
        """One of the 100,000 pages of the big sitemap: a short, irrelevant notice."""
        title = f"Pengumuman Redaksi Nomor {number}"
        main = (
            f'<h1>{title}</h1>\n<div class="isi"><p>Kantor redaksi tutup pada hari '
            f"libur nasional. Pengumuman nomor {number}.</p></div>"
        )
        head = '<meta property="og:type" content="article">'
        return self.page(title, main, head)

    def drip(self) -> Response:
        seconds = max(1, int(self.faults.hang_seconds))
        return Response(stream=lambda: iter([DRIP_BYTES[:3]] * seconds), drip=1.0)

    def huge_body(self) -> Response:
        chunk = (
            b'<figure><img src="/foto/perahu.jpg"><figcaption>Lomba perahu belang '
            b"di Teluk Ambon.</figcaption></figure>\n" * 512
        )
        head = b"<html><head><title>Galeri Foto</title></head><body>\n"

        def body() -> Iterator[bytes]:
            yield head
            for _ in range(HUGE_BODY_BYTES // len(chunk)):
                yield chunk

        return Response(stream=body)

    def big_sitemap(self) -> Response:
        """The site's own pages first (newest first, as sitemaps go), then 100,000 notices."""
        own = [self.url(self.article_path(a)) for a in self.articles]
        own += [self.url(p) for p in (RESET, DRIP, BAD_GZIP, OFFSITE, HUGE_BODY)]

        def body() -> Iterator[bytes]:
            head = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n'
            yield head.encode()
            yield "".join(f"<url><loc>{u}</loc></url>\n" for u in own).encode()
            for start in range(0, HUGE_SITEMAP_ENTRIES, 1000):
                yield "".join(
                    f"<url><loc>{self.url(f'/berita/pengumuman-redaksi-nomor-{n}/')}</loc></url>\n"
                    for n in range(start, start + 1000)
                ).encode()
            yield b"</urlset>\n"

        return Response(stream=body, content_type="application/xml; charset=utf-8")

    def broken_sitemap(self) -> Response:
        """Starts well, then a mismatched end tag, then breaks off mid-entry."""
        first, second = (self.url(self.article_path(a)) for a in self.articles[:2])
        body = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n'
            f"<url><loc>{first}</loc><lastmod>2026-01-30</lastmod></url>\n"
            f"<url><loc>{second}</lok></url>\n<url><lo"
        )
        return Response(200, body.encode(), "application/xml; charset=utf-8")
