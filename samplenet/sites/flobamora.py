"""harianflobamora: a portal whose articles are split two paragraphs a page (?page=N).

robots.txt names a plain sitemap of every article. Each page of an article carries a
numbered pager (1 2 3, "Selanjutnya") inside a sentence long enough to be taken for
text, and every page's rel=canonical is the plain URL. The article body has a "Baca
juga" box linking to page 2 of another split article; the sidebar ranks the most read
stories with numbered links. Titles are h1, dates a "Kamis, 29 Januari 2026 | 09:30
WITA" line; no Open Graph, no article:published_time, no JSON-LD.

With faults on, page 2 of one relevant two-page article answers 200 with an empty body
(a glitch of the portal's cache): a crawler cannot join the pages and should keep page 1.
"""

from __future__ import annotations

import math
from functools import cached_property
from html import escape

from samplenet.articles import Article
from samplenet.render import (
    Response,
    html_page,
    link_list,
    paragraphs_html,
    render,
    sitemap_doc,
    tanggal_jam,
)
from samplenet.sites.base import Site, page_number

PARAGRAPHS_PER_PAGE = 2
LIST_PER_PAGE = 8


class FlobamoraSite(Site):
    style = "split-portal"
    disallowed = ("/cari",)
    robots_template = "robots_flobamora.txt"

    def article_path(self, article: Article) -> str:
        return f"/berita/{self.serial(article, 40001)}/{article.slug}"

    @cached_property
    def empty_part(self) -> Article:
        """The relevant two-page article whose page 2 is empty when faults are on."""
        return next(a for a in reversed(self.articles) if a.relevant and self.pages(a) == 2)

    def fault_paths(self) -> dict[str, str]:
        return {"empty_part": f"{self.article_path(self.empty_part)}?page=2"}

    def pages(self, article: Article) -> int:
        return math.ceil(len(article.paragraphs) / PARAGRAPHS_PER_PAGE)

    def route(self, path: str, query: dict[str, str]) -> Response | None:
        number = page_number(query)
        if path == "/":
            return self.listing("HarianFlobamora.com - Jernih dari Timur", 1, "/?page=")
        if path == "/indeks":
            return self.listing("Indeks Berita", number, "/indeks?page=")
        if path == "/sitemap.xml":
            return sitemap_doc(
                [
                    (self.url(self.article_path(a)), a.published.date().isoformat(), "")
                    for a in self.articles
                ]
            )
        parts = [p for p in path.split("/") if p]
        if len(parts) == 3 and parts[0] == "berita" and parts[2] in self.by_slug:
            article = self.by_slug[parts[2]]
            if self.article_path(article) == path and number <= self.pages(article):
                if self.faults.enabled and article is self.empty_part and number == 2:
                    return html_page("")
                return self.article(article, number)
        return None

    def page(self, title: str, main: str, head: str = "") -> Response:
        popular = "\n".join(
            f'<div class="pop"><a href="{self.article_path(a)}">{rank}</a> '
            f'<a href="{self.article_path(a)}">{escape(a.title)}</a></div>'
            for rank, a in enumerate(self.articles[:5], start=1)
        )
        return html_page(
            render(
                "flobamora_page.html", title=escape(title), head=head, main=main, popular=popular
            )
        )

    def listing(self, title: str, number: int, base: str) -> Response | None:
        shown = self.page_of(self.articles, number, LIST_PER_PAGE)
        if not shown:
            return None
        items = link_list([(self.article_path(a), a.title) for a in shown], css="indeks")
        if number * LIST_PER_PAGE < len(self.articles):
            items += f'<div class="paging"><a href="{base}{number + 1}">Berikutnya »</a></div>'
        return self.page(title, f"<h2>{escape(title)}</h2>\n{items}")

    def pager(self, article: Article, number: int) -> str:
        path = self.article_path(article)
        total = self.pages(article)
        links = " ".join(
            f"<b>{n}</b>" if n == number else f'<a href="{path}?page={n}">{n}</a>'
            for n in range(1, total + 1)
        )
        if number < total:
            links += f' <a href="{path}?page={number + 1}">Selanjutnya »</a>'
        return (
            f'<div class="paging-artikel">Artikel ini terdiri dari {total} halaman. Anda sedang '
            f"membaca halaman {number}. Klik nomor halaman di bawah ini untuk melanjutkan "
            f"membaca: {links}</div>"
        )

    def article(self, article: Article, number: int) -> Response:
        first = (number - 1) * PARAGRAPHS_PER_PAGE
        paragraphs = article.paragraphs[first : first + PARAGRAPHS_PER_PAGE]
        other = self.related(article, 1)[0]
        later = "?page=2" if self.pages(other) > 1 else ""
        box = (
            f'<div class="baca-juga">Baca juga: <a href="{self.article_path(other)}{later}">'
            f"{escape(other.title)}</a></div>"
        )
        body = paragraphs_html(paragraphs, insert_after=0, insert=box)
        total = self.pages(article)
        main = (
            f'<div class="detail"><h1 class="detail-title">{escape(article.title)}</h1>\n'
            f'<div class="detail-date">{escape(article.author)} - '
            f"{tanggal_jam(article.published)}</div>\n"
            f'<div class="detail-text">{body}\n{self.pager(article, number) if total > 1 else ""}'
            "</div></div>"
        )
        head = f'<link rel="canonical" href="{self.url(self.article_path(article))}">'
        return self.page(f"{article.title} - HarianFlobamora.com", main, head)
