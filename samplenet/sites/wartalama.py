"""wartalama: a hand-made PHP site from the 2000s, laid out in tables, in windows-1252.

No robots.txt (404), no feed, no sitemap, no meta tags but the charset in an
http-equiv meta (the header says plain text/html). Articles live at berita.php?id=N,
channels at kanal.php?k=X&hal=N with a numbered pager. The title is bold text in a
font tag, the date a bare "27/01/2026 11:00 WITA" line; no h1, no <article>.
"""

from __future__ import annotations

from functools import cached_property
from html import escape

from samplenet.articles import Article
from samplenet.render import Response, paragraphs_html, render
from samplenet.sites.base import Site, page_number
from samplenet.sites.static import cp1252_page

PER_PAGE = 3
HOME_POSTS = 4
FIRST_ID = 1201


class WartaLamaSite(Site):
    style = "table-1252"

    def article_id(self, article: Article) -> int:
        return self.serial(article, FIRST_ID)

    def article_path(self, article: Article) -> str:
        return f"/berita.php?id={self.article_id(article)}"

    @cached_property
    def by_id(self) -> dict[str, Article]:
        return {str(self.article_id(a)): a for a in self.articles}

    @cached_property
    def channels(self) -> list[str]:
        return sorted({a.section for a in self.articles})

    def route(self, path: str, query: dict[str, str]) -> Response | None:
        if path in ("/", "/index.php"):
            return self.home()
        if path == "/berita.php" and query.get("id") in self.by_id:
            return self.article(self.by_id[query["id"]])
        if path == "/kanal.php" and query.get("k") in self.channels:
            return self.channel(query["k"], page_number(query, "hal"))
        return None

    def links(self, articles: list[Article]) -> str:
        return "<br>\n".join(
            f'&raquo; <a href="berita.php?id={self.article_id(a)}">{escape(a.title)}</a>'
            for a in articles
        )

    def page(self, title: str, main: str) -> Response:
        menu = "<br>\n".join(f'<a href="kanal.php?k={c}">{c.title()}</a>' for c in self.channels)
        popular = self.links(self.articles[2:6])
        return cp1252_page(
            render(
                "wartalama_page.html", title=escape(title), menu=menu, main=main, popular=popular
            )
        )

    def home(self) -> Response:
        main = "<b>BERITA TERKINI</b><br>\n" + self.links(self.articles[:HOME_POSTS])
        return self.page("Warta Lama - Suara dari Pulau Rote", main)

    def channel(self, name: str, number: int) -> Response | None:
        posts = [a for a in self.articles if a.section == name]
        shown = self.page_of(posts, number, PER_PAGE)
        if not shown:
            return None
        pages = (len(posts) + PER_PAGE - 1) // PER_PAGE
        pager = " ".join(
            f"[{n}]" if n == number else f'<a href="kanal.php?k={name}&amp;hal={n}">[{n}]</a>'
            for n in range(1, pages + 1)
        )
        if number < pages:
            pager += f' <a href="kanal.php?k={name}&amp;hal={number + 1}">Berikutnya</a>'
        main = f"<b>KANAL {name.upper()}</b><br>\n{self.links(shown)}<br><br>Halaman: {pager}"
        return self.page(f"Kanal {name.title()} - Warta Lama", main)

    def article(self, article: Article) -> Response:
        others = [a for a in self.articles if a.section == article.section and a != article]
        main = (
            f'<table width="100%" cellpadding="4"><tr><td><font face="Arial" size="4" '
            f'color="#003366"><b>{escape(article.title)}</b></font><br>\n'
            f'<font size="1" color="#999999">{article.published:%d/%m/%Y %H:%M} WITA | '
            f"{escape(article.author)}</font></td></tr>\n"
            f"<tr><td>{paragraphs_html(article.paragraphs)}</td></tr>\n"
            f"<tr><td><b>Berita Lainnya:</b><br>\n{self.links(others[:3])}</td></tr></table>"
        )
        return self.page(f"{article.title} - Warta Lama", main)
