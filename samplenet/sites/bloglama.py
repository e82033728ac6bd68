"""bloglama: a Blogger blog on an old classic template (Minima), on its own domain.

No Open Graph, no JSON-LD, no rel=canonical, no feed link and the blog feed switched
off; robots.txt forbids /search and names no sitemap. The home page and the month
archives /YYYY/MM/ show whole posts (they look like articles), the date is only in the
"date-header", the title is an h3. Label links and "Posting Lama" go to /search.
"""

from __future__ import annotations

from html import escape

from samplenet.articles import Article
from samplenet.render import Response, html_page, link_list, paragraphs_html, render, tanggal
from samplenet.sites.base import Site

HOME_POSTS = 3


class BlogLamaSite(Site):
    style = "blogger-classic"
    disallowed = ("/search",)
    robots_template = "robots_bloglama.txt"

    def article_path(self, article: Article) -> str:
        return f"/{article.published:%Y/%m}/{article.slug}.html"

    def route(self, path: str, query: dict[str, str]) -> Response | None:
        parts = [p for p in path.split("/") if p]
        if path == "/":
            return self.listing("Catatan Bung Okta", self.articles[:HOME_POSTS], older=True)
        if len(parts) == 3 and parts[2].endswith(".html"):
            article = self.by_slug.get(parts[2][: -len(".html")])
            if article and self.article_path(article) == path:
                return self.post(article)
            return None
        if len(parts) == 2 and all(p.isdigit() for p in parts) and path.endswith("/"):
            month = [a for a in self.articles if f"{a.published:%Y/%m}" == "/".join(parts)]
            if month:
                return self.listing(f"{parts[1]}/{parts[0]} - Catatan Bung Okta", month)
        return None

    def months(self) -> list[str]:
        return sorted({f"{a.published:%Y/%m}" for a in self.articles}, reverse=True)

    def page(self, title: str, posts: str, pager: str) -> Response:
        popular = link_list([(self.article_path(a), a.title) for a in self.articles[1:5]])
        archive = link_list([(f"/{m}/", m) for m in self.months()], css="hierarchy")
        return html_page(
            render(
                "bloglama_page.html",
                title=escape(title),
                posts=posts,
                pager=pager,
                popular=popular,
                archive=archive,
            )
        )

    def block(self, article: Article, linked: bool, body: str) -> str:
        link = self.article_path(article)
        title = escape(article.title)
        return render(
            "bloglama_post.html",
            date=tanggal(article.published),
            anchor=article.slug[:12],
            heading=f'<a href="{link}">{title}</a>' if linked else title,
            body=body,
            author=escape(article.author),
            link=link,
            time=f"{article.published:%H.%M}",
            label=article.section.title(),
        )

    def listing(self, title: str, articles: list[Article], older: bool = False) -> Response:
        posts = "\n".join(self.block(a, True, paragraphs_html(a.paragraphs)) for a in articles)
        pager = (
            '<div class="blog-pager" id="blog-pager"><a class="blog-pager-older-link" '
            'href="/search?updated-max=2026-01-20T08:00:00%2B08:00&amp;max-results=3">'
            "Posting Lama</a></div>"
            if older
            else ""
        )
        return self.page(title, posts, pager)

    def post(self, article: Article) -> Response:
        index = self.position[article.slug]
        related = self.related(article, 1)[0]
        box = (
            f'<p><b>Baca juga:</b> <a href="{self.article_path(related)}">'
            f"{escape(related.title)}</a></p>"
        )
        body = paragraphs_html(article.paragraphs, insert_after=0, insert=box)
        pager = ['<div class="blog-pager" id="blog-pager">']
        if index > 0:
            newer = self.articles[index - 1]
            pager.append(
                f'<span id="blog-pager-newer-link"><a class="blog-pager-newer-link" '
                f'href="{self.article_path(newer)}">Posting Lebih Baru</a></span>'
            )
        if index + 1 < len(self.articles):
            older = self.articles[index + 1]
            pager.append(
                f'<span id="blog-pager-older-link"><a class="blog-pager-older-link" '
                f'href="{self.article_path(older)}">Posting Lama</a></span>'
            )
        pager.append('<a class="home-link" href="/">Beranda</a></div>')
        return self.page(
            f"Catatan Bung Okta: {article.title}",
            self.block(article, False, body),
            "\n".join(pager),
        )
