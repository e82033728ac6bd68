"""warta-timor: an old hand-made site in windows-1252, with only category pages to go by.

No robots.txt, no feed, no sitemap. Links carry ?utm_source= tails, and one article is
linked both with and without its trailing slash, both answering 200 with the same page.
"""

from __future__ import annotations

from functools import cached_property
from html import escape

from samplenet.articles import Article
from samplenet.render import (
    Response,
    article_meta,
    link_list,
    paragraphs_html,
    redirect,
    render,
    tanggal_jam,
)
from samplenet.sites.base import Site

PER_PAGE = 4
HOME_POSTS = 6
MISSING = "/berita/halaman-hilang/"
CHARSET = "windows-1252"


def cp1252_page(text: str, status: int = 200) -> Response:
    """Encoded as the old site does; the header names no charset, only the meta tag does."""
    return Response(status, text.encode(CHARSET, errors="xmlcharrefreplace"), "text/html")


class StaticSite(Site):
    style = "static"

    def article_path(self, article: Article) -> str:
        return f"/berita/{article.slug}/"

    def copy_paths(self, article: Article) -> list[str]:
        return [f"/berita/{article.slug}"] if article.slash_twin else []

    def fault_paths(self) -> dict[str, str]:
        return {"not_found": MISSING}

    @cached_property
    def sections(self) -> list[str]:
        return sorted({a.section for a in self.articles})

    def route(self, path: str, query: dict[str, str]) -> Response | None:
        parts = [p for p in path.split("/") if p]
        if path == "/":
            return self.home()
        if len(parts) == 2 and parts[0] == "berita" and parts[1] in self.by_slug:
            article = self.by_slug[parts[1]]
            if path.endswith("/") or article.slash_twin:
                return self.article(article)
            return redirect(self.article_path(article))
        if parts[:1] == ["kategori"] and len(parts) in (2, 4) and path.endswith("/"):
            if len(parts) == 4 and (parts[2] != "page" or not parts[3].isdigit()):
                return None
            return self.category(parts[1], int(parts[3]) if len(parts) == 4 else 1)
        return None

    def page(self, title: str, main: str, head: str = "") -> Response:
        menu = "<br>\n".join(
            f'<a href="/kategori/{s}/">{s.replace("-", " ").title()}</a>' for s in self.sections
        )
        return cp1252_page(
            render("static_page.html", title=escape(title), head=head, main=main, menu=menu)
        )

    def tracked(self, article: Article, source: str) -> str:
        path = self.article_path(article)
        if article.slash_twin and source == "beranda":
            path = path.rstrip("/")
        return f"{path}?utm_source={source}"

    def home(self) -> Response:
        latest = [(self.tracked(a, "beranda"), a.title) for a in self.articles[:HOME_POSTS]]
        twins = [a for a in self.articles if a.slash_twin and a not in self.articles[:HOME_POSTS]]
        latest += [(self.tracked(a, "beranda"), a.title) for a in twins]
        if self.faults.enabled:
            latest.append((MISSING, "Pengumuman redaksi"))
        return self.page(
            "Warta Timor - Berita Terkini", "<h3>Berita Terbaru</h3>\n" + link_list(latest)
        )

    def category(self, section: str, number: int) -> Response | None:
        posts = [a for a in self.articles if a.section == section]
        shown = self.page_of(posts, number, PER_PAGE)
        if not shown:
            return None
        items = link_list([(self.tracked(a, "kategori"), a.title) for a in shown])
        if number * PER_PAGE < len(posts):
            items += (
                f'\n<p><a href="/kategori/{section}/page/{number + 1}/">'
                "Halaman berikutnya &raquo;</a></p>"
            )
        if number > 1:
            items += f'\n<p><a href="/kategori/{section}/">&laquo; Halaman pertama</a></p>'
        return self.page(f"Rubrik {section} - Warta Timor", items)

    def article(self, article: Article) -> Response:
        main = render(
            "static_article.html",
            title=escape(article.title),
            author=escape(article.author),
            date=tanggal_jam(article.published),
            section=article.section,
            body=paragraphs_html(article.paragraphs),
        )
        head = article_meta(article, self.url(self.article_path(article)), "Warta Timor")
        head = "\n".join(line for line in head.splitlines() if "canonical" not in line)
        return self.page(article.title + " - Warta Timor", main, head)
