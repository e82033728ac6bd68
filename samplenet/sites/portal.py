"""portalnusantara: a big portal with news sitemaps, paged articles and crawler traps.

Articles are split over pages of PARAGRAPHS_PER_PAGE ("Halaman selanjutnya", ?page=2), the
date index /arsip/YYYY/MM/DD links to the previous and next day forever, and tag pages
link to a next page forever.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import cached_property
from html import escape

from samplenet.articles import Article
from samplenet.faults import big_page, pdf_body
from samplenet.render import (
    Response,
    article_meta,
    html_page,
    link_list,
    paragraphs_html,
    render,
    sitemap_doc,
    tanggal,
    tanggal_jam,
)
from samplenet.sites.base import Site, page_number

PARAGRAPHS_PER_PAGE = 3
LIST_PER_PAGE = 10
NEWS_SITEMAP_ITEMS = 20
BIG = "/read/2026/01/25/galeri-foto-pawai-budaya-kupang"
PDF = "/dokumen/laporan-tahunan-jkn.html"
GONE = "/read/2025/06/01/berita-sudah-dihapus"


class PortalSite(Site):
    style = "portal"
    disallowed = ("/search", "/admin/")
    robots_template = "robots_portal.txt"

    def article_path(self, article: Article) -> str:
        return f"/read/{article.published:%Y/%m/%d}/{article.slug}"

    def fault_paths(self) -> dict[str, str]:
        return {"big_page": BIG, "pdf": PDF, "not_found": GONE}

    def tags(self, article: Article) -> list[str]:
        return [article.section, "uhc-awards"] if article.awards else [article.section]

    def route(self, path: str, query: dict[str, str]) -> Response | None:
        number = page_number(query)
        parts = [p for p in path.split("/") if p]
        simple = {
            "/": self.home,
            "/sitemap.xml": self.sitemap_index,
            "/sitemap-news.xml": self.news_sitemap,
            "/admin/login": self.admin,
        }
        if path in simple:
            return simple[path]()
        if path == "/search":
            return self.search(query.get("q", ""))
        if self.faults.enabled and path in (BIG, PDF):
            return big_page("Galeri Foto Pawai Budaya Kupang") if path == BIG else pdf_body()
        if len(parts) == 5 and parts[0] == "read" and parts[4] in self.by_slug:
            article = self.by_slug[parts[4]]
            return self.article(article, number) if self.article_path(article) == path else None
        if len(parts) == 2 and parts[0] in ("kanal", "tag"):
            return self.listing(parts[0], parts[1], number)
        if len(parts) == 4 and parts[0] == "arsip":
            return self.calendar(parts[1:])
        if path.startswith("/sitemap-") and path.endswith(".xml"):
            return self.month_sitemap(path[len("/sitemap-") : -len(".xml")])
        return None

    @cached_property
    def sections(self) -> list[str]:
        return sorted({a.section for a in self.articles})

    def page(self, title: str, main: str, head: str = "") -> Response:
        nav = link_list([(self.url(f"/kanal/{s}"), s.title()) for s in self.sections], "menu")
        popular = [(self.url(self.article_path(a)), a.title) for a in self.articles[:5]]
        if self.faults.enabled:
            popular += [(self.url(p), "Foto dan dokumen") for p in self.fault_paths().values()]
        newest = self.articles[0].published
        return html_page(
            render(
                "portal_page.html",
                title=escape(title),
                head=head,
                main=main,
                nav=nav,
                side=link_list(popular),
                base=self.base_url.rstrip("/"),
                today=f"{newest:%Y/%m/%d}",
            )
        )

    def home(self) -> Response:
        items = [(self.url(self.article_path(a)), a.title) for a in self.articles[:LIST_PER_PAGE]]
        return self.page("PortalNusantara.id – Berita Terkini Nusantara", link_list(items))

    def article(self, article: Article, number: int) -> Response | None:
        pages = math.ceil(len(article.paragraphs) / PARAGRAPHS_PER_PAGE)
        if number > pages:
            return None
        canonical = self.url(self.article_path(article))
        here = canonical if number == 1 else f"{canonical}?page={number}"
        pager = []
        if number > 1:
            previous = canonical if number == 2 else f"{canonical}?page={number - 1}"
            pager.append(f'<a class="prev" href="{previous}">Halaman sebelumnya</a>')
        pager.append(f"<span>Halaman {number} dari {pages}</span>")
        if number < pages:
            pager.append(
                f'<a class="next" rel="next" href="{canonical}?page={number + 1}">'
                "Halaman selanjutnya</a>"
            )
        tags = " ".join(
            f'<a href="{self.url("/tag/" + t)}">#{escape(t)}</a>' for t in self.tags(article)
        )
        start = (number - 1) * PARAGRAPHS_PER_PAGE
        main = render(
            "portal_article.html",
            title=escape(article.title),
            author=escape(article.author),
            date=tanggal_jam(article.published),
            section=article.section,
            base=self.base_url.rstrip("/"),
            pager="\n".join(pager),
            tags=tags,
            body=paragraphs_html(
                article.paragraphs[start : start + PARAGRAPHS_PER_PAGE], 0, self.read_also(article)
            ),
        )
        head = article_meta(article, here, "PortalNusantara.id")
        return self.page(article.title, main, head)

    def read_also(self, article: Article) -> str:
        """The inline 'Baca juga' line portals put inside the story text itself."""
        other = self.related(article, 1)[0]
        href = escape(self.url(self.article_path(other)))
        return f'<p><strong>Baca juga:</strong> <a href="{href}">{escape(other.title)}</a></p>'

    def listing(self, kind: str, key: str, number: int) -> Response | None:
        """Section pages end; tag pages offer a next page forever (a crawler trap)."""
        if kind == "kanal":
            posts = [a for a in self.articles if a.section == key]
        else:
            posts = [a for a in self.articles if key in self.tags(a)]
        if not posts:
            return None
        shown = self.page_of(posts, number, LIST_PER_PAGE)
        if kind == "kanal" and not shown:
            return None
        items = link_list([(self.url(self.article_path(a)), a.title) for a in shown])
        if kind == "tag" or number * LIST_PER_PAGE < len(posts):
            items += (
                f'\n<a class="next" href="{self.url(f"/{kind}/{key}")}?page={number + 1}">'
                "Berikutnya</a>"
            )
        if not shown:
            items = "<p>Tidak ada berita lagi.</p>\n" + items
        return self.page(f"{key} – Halaman {number}", items)

    def calendar(self, parts: list[str]) -> Response | None:
        """/arsip/YYYY/MM/DD: that day's stories, with previous and next days without end."""
        try:
            day = date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            return None
        posts = [a for a in self.articles if a.published.date() == day]
        items = link_list([(self.url(self.article_path(a)), a.title) for a in posts])
        nav = " ".join(
            f'<a href="{self.url(f"/arsip/{d:%Y/%m/%d}")}">{label}</a>'
            for d, label in (
                (day - timedelta(days=1), "&laquo; Sebelumnya"),
                (day + timedelta(days=1), "Berikutnya &raquo;"),
            )
        )
        return self.page(
            f"Indeks Berita {tanggal(day)}",
            f"<h1>Indeks {tanggal(day)}</h1>\n{items}\n<div class='date-nav'>{nav}</div>",
        )

    def search(self, words: str) -> Response:
        posts = [a for a in self.articles if words.lower() in a.title.lower()]
        items = link_list([(self.url(self.article_path(a)), a.title) for a in posts])
        return self.page(f"Hasil pencarian: {words}", items)

    def admin(self) -> Response:
        return self.page(
            "Masuk Redaksi",
            "<form method='post'><input name='user'><input name='password' type='password'></form>",
        )

    def months(self) -> list[str]:
        return sorted({f"{a.published:%Y-%m}" for a in self.articles}, reverse=True)

    def sitemap_index(self) -> Response:
        return sitemap_doc(
            [(self.url(f"/sitemap-{m}.xml"), None, "") for m in self.months()], index=True
        )

    def month_sitemap(self, month: str) -> Response | None:
        posts = [a for a in self.articles if f"{a.published:%Y-%m}" == month]
        if not posts:
            return None
        return sitemap_doc(
            [(self.url(self.article_path(a)), a.published.isoformat(), "") for a in posts]
        )

    def news_sitemap(self) -> Response:
        """Google News sitemap of the newest stories, with news:publication_date."""
        return sitemap_doc(
            [
                (
                    self.url(self.article_path(a)),
                    None,
                    "<news:news><news:publication><news:name>PortalNusantara.id</news:name>"
                    "<news:language>id</news:language></news:publication>"
                    f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"
                    f"<news:title>{escape(a.title)}</news:title></news:news>",
                )
                for a in self.articles[:NEWS_SITEMAP_ITEMS]
            ],
            news=True,
        )
