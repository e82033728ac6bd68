"""suaraflores: a Blogger blog with a paged Atom feed, dated .html posts and ?m=1 copies."""

from __future__ import annotations

from functools import cached_property
from html import escape

from samplenet.articles import Article
from samplenet.faults import server_error, truncated
from samplenet.render import (
    MONTHS,
    Response,
    article_meta,
    html_page,
    link_list,
    paragraphs_html,
    redirect,
    render,
    sitemap_doc,
    tanggal_jam,
    xml_doc,
)
from samplenet.sites.base import Site, page_number

HOME_POSTS = 7
FEED_PAGE = 10
FEED_MAX = 150
BROKEN = "/2026/01/laporan-khusus-rsud.html"
LOOP = ("/2026/01/tautan-lama.html", "/2026/01/tautan-baru.html")
CUT = "/2026/01/berita-terpotong.html"
ATOM_NS = (
    'xmlns="http://www.w3.org/2005/Atom" xmlns:openSearch="http://a9.com/-/spec/opensearchrss/1.0/"'
)


class BloggerSite(Site):
    style = "blogger"
    disallowed = ("/search",)
    robots_template = "robots_blogger.txt"

    def article_path(self, article: Article) -> str:
        return f"/{article.published:%Y/%m}/{article.slug}.html"

    def copy_paths(self, article: Article) -> list[str]:
        return [self.article_path(article) + "?m=1"]

    def fault_paths(self) -> dict[str, str]:
        return {"server_error": BROKEN, "redirect_loop": LOOP[0], "truncated": CUT}

    def route(self, path: str, query: dict[str, str]) -> Response | None:
        mobile = query.get("m") == "1"
        if path == "/":
            return self.home(mobile)
        if path == "/sitemap.xml":
            return self.sitemap()
        if path == "/feeds/posts/default":
            return self.feed(query)
        if path.startswith("/search"):
            return self.listing("Hasil penelusuran", self.articles, mobile)
        if self.faults.enabled and path in (BROKEN, CUT, *LOOP):
            return self.fault(path)
        parts = [p for p in path.split("/") if p]
        if path.endswith(".html") and len(parts) == 3:
            article = self.by_slug.get(parts[2].removesuffix(".html"))
            if article is not None and self.article_path(article) == path:
                return self.post(article, mobile)
            return None
        if 1 <= len(parts) <= 2 and all(p.isdigit() for p in parts):
            prefix = "/" + "/".join(parts) + "/"
            posts = [a for a in self.articles if self.article_path(a).startswith(prefix)]
            return self.listing(f"Arsip {'/'.join(parts)}", posts, mobile) if posts else None
        return None

    def fault(self, path: str) -> Response:
        if path == BROKEN:
            return server_error()
        if path in LOOP:
            return redirect(self.url(LOOP[1] if path == LOOP[0] else LOOP[0]))
        page = self.page(
            "Berita terpotong",
            "<div class='post'><h3>Jalan Trans Flores "
            "Longsor</h3><p>" + "Material longsor menutup badan jalan. " * 200 + "</p></div>",
            "",
            "",
            False,
        )
        return truncated(page)

    @cached_property
    def months(self) -> list[tuple[int, int]]:
        return sorted({(a.published.year, a.published.month) for a in self.articles}, reverse=True)

    def page(self, title: str, main: str, head: str, pager: str, mobile: bool) -> Response:
        archive = link_list(
            [(self.url(f"/{y}/{m:02}/"), f"{MONTHS[m - 1]} {y}") for y, m in self.months],
            "hierarchy",
        )
        extra = link_list(
            [(self.url(p), "Berita pilihan") for p in self.fault_paths().values()]
            if self.faults.enabled
            else []
        )
        return html_page(
            render(
                "blogger_page.html",
                title=escape(title),
                base=self.base_url.rstrip("/"),
                head=head,
                main=main,
                pager=pager,
                archive=archive,
                extra=extra,
                view="mobile" if mobile else "desktop",
                home_query="?m=1" if mobile else "",
                mobile_switch="" if mobile else "?m=1",
                mobile_label="Lihat versi web" if mobile else "Lihat versi seluler",
            )
        )

    def link(self, article: Article, mobile: bool) -> str:
        return self.url(self.article_path(article)) + ("?m=1" if mobile else "")

    def listing(self, title: str, posts: list[Article], mobile: bool) -> Response:
        items = link_list([(self.link(a, mobile), a.title) for a in posts], "post-list")
        return self.page(title + " – Suara Flores", items, "", "", mobile)

    def home(self, mobile: bool) -> Response:
        posts = self.articles[:HOME_POSTS]
        items = link_list([(self.link(a, mobile), a.title) for a in posts], "post-list")
        pager = ""
        if len(self.articles) > HOME_POSTS:
            oldest = posts[-1].published.isoformat(timespec="seconds")
            older = f"/search?updated-max={oldest}&max-results={HOME_POSTS}"
            pager = (
                f'<a class="blog-pager-older-link" href="{escape(self.url(older))}">'
                "Posting Lama</a>"
            )
        return self.page("Suara Flores", items, "", pager, mobile)

    def post(self, article: Article, mobile: bool) -> Response:
        canonical = self.url(self.article_path(article))
        main = render(
            "blogger_post.html",
            title=escape(article.title),
            iso=article.published.isoformat(),
            date=tanggal_jam(article.published),
            author=escape(article.author),
            base=self.base_url.rstrip("/"),
            section=article.section,
            body=paragraphs_html(article.paragraphs),
        )
        head = article_meta(article, canonical, "Suara Flores")
        if not mobile:
            head += f'\n<link rel="alternate" media="handheld" href="{canonical}?m=1">'
        return self.page(article.title + " – Suara Flores", main, head, "", mobile)

    def sitemap(self) -> Response:
        return sitemap_doc(
            [(self.url(self.article_path(a)), a.published.isoformat(), "") for a in self.articles]
        )

    def feed(self, query: dict[str, str]) -> Response:
        """Atom feed paged by start-index (1-based) and max-results, as Blogger does."""
        start = page_number(query, "start-index")
        size = (
            min(FEED_MAX, page_number(query, "max-results"))
            if "max-results" in query
            else FEED_PAGE
        )
        entries = self.articles[start - 1 : start - 1 + size]
        feed_url = self.url("/feeds/posts/default")
        links = [
            f'<link rel="http://schemas.google.com/g/2005#feed" type="application/atom+xml" '
            f'href="{feed_url}"/>',
            f'<link rel="self" type="application/atom+xml" href="{escape(feed_url)}'
            f'?start-index={start}&amp;max-results={size}"/>',
            f'<link rel="alternate" type="text/html" href="{self.url("/")}"/>',
        ]
        if start - 1 + size < len(self.articles):
            links.append(
                f'<link rel="next" type="application/atom+xml" href="{feed_url}'
                f'?start-index={start + size}&amp;max-results={size}"/>'
            )
        body = "\n".join(self.entry(a) for a in entries)
        updated = self.articles[0].published.isoformat()
        return xml_doc(
            f"<?xml version='1.0' encoding='UTF-8'?>\n<feed {ATOM_NS}>\n"
            f"<id>tag:blogger.com,1999:blog-7733120045</id><updated>{updated}</updated>"
            "<title type='text'>Suara Flores</title>\n" + "\n".join(links) + "\n"
            f"<openSearch:totalResults>{len(self.articles)}</openSearch:totalResults>"
            f"<openSearch:startIndex>{start}</openSearch:startIndex>"
            f"<openSearch:itemsPerPage>{size}</openSearch:itemsPerPage>\n"
            f"{body}\n</feed>\n",
            "application/atom+xml",
        )

    def entry(self, article: Article) -> str:
        moment = article.published.isoformat()
        return (
            f"<entry><id>tag:blogger.com,1999:blog-7733120045.post-{article.slug}</id>"
            f"<published>{moment}</published><updated>{moment}</updated>"
            f"<title type='text'>{escape(article.title)}</title>"
            f"<content type='html'>{escape(paragraphs_html(article.paragraphs))}</content>"
            f"<link rel='alternate' type='text/html' "
            f"href='{escape(self.url(self.article_path(article)))}' "
            f"title='{escape(article.title)}'/>"
            f"<author><name>{escape(article.author)}</name></author></entry>"
        )
