"""A two-site news network on 127.0.0.1 for crawler tests, small enough to read whole.

"kabarsehat" is WordPress-like (robots.txt Sitemap: line, sitemap index, AMP copy,
utm links, an article split over two pages, a page disallowed by robots.txt, a PDF
behind .html, an old article for --since). "warta1252" is an old static site in
windows-1252 with no feed or sitemap: category pages with pagination and an endless
calendar. Every request is logged as (site, path_with_query).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from localnet import LocalServers


def _page(
    title: str,
    body: str,
    *,
    canonical: str = "",
    article: bool | None = True,
    charset: str = "utf-8",
    extra_head: str = "",
) -> str:
    head = f'<meta charset="{charset}"><title>{title}</title>'
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    if article:
        head += '<meta property="og:type" content="article">'
        head += '<meta property="article:published_time" content="2026-05-12T08:00:00+07:00">'
    elif article is False:
        head += '<meta property="og:type" content="website">'
    sidebar = '<aside><a href="/tag/bpjs/">BPJS</a> <a href="/tag/daerah/">Daerah</a></aside>'
    return (
        f"<!DOCTYPE html><html lang=id><head>{head}{extra_head}</head><body>"
        f"<nav><a href='/'>Beranda</a></nav><main>{body}</main>{sidebar}</body></html>"
    )


UHC_ARTICLE = (
    "<article><h1>Kabupaten Sumba Timur Raih UHC Award Kategori Madya</h1>"
    '<div class="entry-content">'
    "<p>WAINGAPU - Pemerintah Kabupaten Sumba Timur menerima penghargaan Universal Health "
    "Coverage (UHC) Award 2026 kategori Madya dari BPJS Kesehatan di Jakarta, Selasa "
    "(12/5/2026).</p><p>Bupati Sumba Timur menyebut capaian kepesertaan JKN di daerahnya "
    "sudah melampaui 98 persen penduduk.</p></div></article>"
)
MARKET_ARTICLE = (
    "<article><h1>Pasar Murah Digelar Jelang Hari Raya</h1><div class='entry-content'>"
    "<p>Pemerintah kota menggelar pasar murah di lima kecamatan. Warga antre sejak pagi "
    "untuk membeli beras dan minyak goreng dengan harga terjangkau.</p></div></article>"
)
SPLIT_1 = (
    "<article><h1>Cakupan JKN Kota Kupang Terus Naik</h1><div class='entry-content'>"
    "<p>KUPANG - Dinas Kesehatan Kota Kupang mencatat cakupan Jaminan Kesehatan Nasional "
    "naik tajam sepanjang tahun ini.</p>"
    "<p><a href='/2026/05/cakupan-jkn-kota-kupang/?page=2'>Halaman selanjutnya</a></p>"
    "</div></article>"
)
SPLIT_2 = (
    "<article><h1>Cakupan JKN Kota Kupang Terus Naik</h1><div class='entry-content'>"
    "<p>Kepala dinas berharap Kota Kupang masuk daftar penerima penghargaan tahun depan "
    "setelah seluruh warga miskin didaftarkan sebagai peserta PBI.</p></div></article>"
)
OLD_ARTICLE = (
    "<article><h1>UHC Award Tahun Lalu</h1><div class='entry-content'><p>Arsip lama "
    "tentang penghargaan UHC bagi daerah yang sudah lama terbit.</p></div></article>"
)
STATIC_ARTICLE = (
    "<h1>Pemkot Raih Penghargaan UHC</h1><div class='isi'><p>Wali kota menerima "
    "penghargaan UHC dari BPJS Kesehatan. \u201cIni kerja bersama,\u201d kata "
    "dr. Andr\u00e9 kepada wartawan.</p><p>Cakupan kepesertaan mencapai 99 persen.</p></div>"
)
STATIC_OLD = (
    "<h1>Kota Raih UHC Tahun Lalu</h1><div class='isi'><p>Tahun lalu kota ini meraih "
    "penghargaan UHC dari BPJS Kesehatan untuk pertama kalinya.</p></div>"
)
STATIC_OTHER = (
    "<h1>Festival Layang-layang Meriah</h1><div class='isi'><p>Ratusan layang-layang "
    "menghiasi langit pantai pada akhir pekan.</p></div>"
)


class CrawlNet(LocalServers):
    """Two sites on two ports; ``requests`` lists (site, path) in arrival order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: dict[str, str] = {}
        self._servers_routes: dict[str, dict[str, tuple[int, str, bytes]]] = {}

    def _routes(self, site: str, base: str) -> dict[str, tuple[int, str, bytes]]:
        html = "text/html; charset=utf-8"
        xml = "application/xml"
        if site == "kabarsehat":
            post = f"{base}2026/05/sumba-timur-raih-uhc-award/"
            pages = {
                "/robots.txt": (
                    200,
                    "text/plain",
                    (f"User-agent: *\nDisallow: /rahasia/\nSitemap: {base}sitemap.xml\n"),
                ),
                "/sitemap.xml": (
                    200,
                    xml,
                    (
                        '<?xml version="1.0"?><sitemapindex xmlns='
                        '"http://www.sitemaps.org/schemas/sitemap/0.9">'
                        f"<sitemap><loc>{base}sitemap-posts.xml</loc></sitemap></sitemapindex>"
                    ),
                ),
                "/sitemap-posts.xml": (
                    200,
                    xml,
                    (
                        '<?xml version="1.0"?><urlset xmlns='
                        '"http://www.sitemaps.org/schemas/sitemap/0.9">'
                        + "".join(
                            f"<url><loc>{base}{path}</loc><lastmod>{day}</lastmod></url>"
                            for path, day in (
                                (
                                    "2026/05/sumba-timur-raih-uhc-award/?utm_source=sitemap",
                                    "2026-05-12",
                                ),
                                ("2026/05/pasar-murah-digelar/", "2026-05-10"),
                                ("2026/05/cakupan-jkn-kota-kupang/", "2026-05-11"),
                                ("rahasia/bpjs-dokumen-internal/", "2026-05-11"),
                                ("2026/05/laporan-bpjs-lengkap.html", "2026-05-11"),
                                ("2025/01/uhc-award-tahun-lalu/", "2025-01-05"),
                            )
                        )
                        + "</urlset>"
                    ),
                ),
                "/": (
                    200,
                    html,
                    _page(
                        "Kabar Sehat",
                        (
                            f'<a href="{post}amp/">AMP</a>'
                            f' <a href="{post}?utm_medium=home">Sumba</a>'
                            ' <a href="/2026/05/pasar-murah-digelar/">Pasar</a>'
                        ),
                        article=False,
                    ),
                ),
                "/2026/05/sumba-timur-raih-uhc-award/": (
                    200,
                    html,
                    _page("Sumba Timur", UHC_ARTICLE, canonical=post),
                ),
                "/2026/05/sumba-timur-raih-uhc-award/amp/": (
                    200,
                    html,
                    _page("Sumba Timur", UHC_ARTICLE, canonical=post),
                ),
                "/2026/05/pasar-murah-digelar/": (200, html, _page("Pasar", MARKET_ARTICLE)),
                "/2026/05/cakupan-jkn-kota-kupang/": (200, html, _page("JKN", SPLIT_1)),
                "/2026/05/cakupan-jkn-kota-kupang/?page=2": (200, html, _page("JKN", SPLIT_2)),
                "/rahasia/bpjs-dokumen-internal/": (200, html, _page("Rahasia", UHC_ARTICLE)),
                "/2026/05/laporan-bpjs-lengkap.html": (
                    200,
                    "application/pdf",
                    b"%PDF-1.4\n% laporan BPJS\n",
                ),
                "/2025/01/uhc-award-tahun-lalu/": (200, html, _page("Lama", OLD_ARTICLE)),
            }
        else:
            cp = "text/html; charset=windows-1252"
            day_links = "".join(f"<a href='/arsip/2026/05/{d:02d}/'>{d}</a> " for d in (1, 2))
            pages = {
                "/": (
                    200,
                    cp,
                    _page(
                        "Warta",
                        (
                            "<a href='/kategori/kesehatan/'>Kesehatan</a> "
                            f"<a href='/arsip/2026/05/01/'>Arsip</a> {day_links}"
                        ),
                        article=None,
                        charset="windows-1252",
                    ),
                ),
                "/kategori/kesehatan/": (
                    200,
                    cp,
                    _page(
                        "Kesehatan",
                        (
                            "<a href='/berita/pemkot-raih-penghargaan-uhc.html"
                            "?utm_source=x'>UHC</a>"
                            " <a href='/kategori/kesehatan/page/2/'>2</a>"
                        ),
                        article=None,
                        charset="windows-1252",
                    ),
                ),
                "/kategori/kesehatan/page/2/": (
                    200,
                    cp,
                    _page(
                        "Kesehatan 2",
                        (
                            "<a href='/berita/festival-layang-layang-meriah.html'>Festival</a> "
                            "<a href='/berita/kota-raih-uhc-tahun-lalu.html'>Arsip</a>"
                        ),
                        article=None,
                        charset="windows-1252",
                    ),
                ),
                "/berita/pemkot-raih-penghargaan-uhc.html": (
                    200,
                    cp,
                    _page(
                        "Pemkot",
                        STATIC_ARTICLE,
                        article=None,
                        charset="windows-1252",
                        extra_head='<script type="application/ld+json">'
                        '{"@type": "NewsArticle"}</script>',
                    ),
                ),
                "/berita/kota-raih-uhc-tahun-lalu.html": (
                    200,
                    cp,
                    _page(
                        "Lama",
                        STATIC_OLD,
                        article=None,
                        charset="windows-1252",
                        extra_head='<script type="application/ld+json">{"@type": "NewsArticle",'
                        ' "datePublished": "2025-03-02T09:00:00+08:00"}</script>',
                    ),
                ),
                "/berita/festival-layang-layang-meriah.html": (
                    200,
                    cp,
                    _page(
                        "Festival",
                        STATIC_OTHER,
                        article=None,
                        charset="windows-1252",
                        extra_head='<script type="application/ld+json">'
                        '{"@type": "NewsArticle"}</script>',
                    ),
                ),
            }
        encoded = {}
        for path, (status, ctype, body) in pages.items():
            if isinstance(body, str):
                body = body.encode("cp1252" if "1252" in ctype else "utf-8")
            encoded[path] = (status, ctype, body)
        return encoded

    def _calendar(self, path: str) -> bytes | None:
        """/arsip/YYYY/MM/DD/: an empty day linking to the next day, forever."""
        parts = path.strip("/").split("/")
        if len(parts) != 4 or parts[0] != "arsip" or not all(p.isdigit() for p in parts[1:]):
            return None
        year, month, day = (int(p) for p in parts[1:])
        nxt = f"/arsip/{year}/{month:02d}/{day + 1:02d}/"
        return _page(
            f"Arsip {day}", f"<p>Tidak ada berita.</p><a href='{nxt}'>»</a>", article=False
        ).encode()

    def start(self) -> CrawlNet:
        for site in ("kabarsehat", "warta1252"):
            _, self.urls[site] = self.serve(self._handler(site))
            self._servers_routes[site] = self._routes(site, self.urls[site])
        return self

    def answer(self, host: str, path: str) -> tuple[int, dict[str, str], bytes]:
        route = self._servers_routes[host].get(path)
        if route is None and host == "warta1252":
            body = self._calendar(path)
            route = (200, "text/html; charset=utf-8", body) if body else None
        status, ctype, body = route or (404, "text/html", b"<h1>404</h1>")
        return status, {"Content-Type": ctype}, body

    def write_sites_yaml(self, path: Path, dead: bool = True) -> Path:
        sites = [{"name": name, "url": url} for name, url in self.urls.items()]
        if dead:
            sites.append({"name": "matisuri", "url": "http://127.0.0.1:9/"})
        path.write_text(yaml.safe_dump({"sites": sites}), encoding="utf-8")
        return path
