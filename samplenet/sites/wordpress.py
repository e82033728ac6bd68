"""kabarkupang: a WordPress site with RSS, the REST API, Yoast-style sitemaps and AMP copies."""

from __future__ import annotations

import math
from datetime import UTC
from html import escape

from samplenet.articles import Article
from samplenet.render import (
    Response,
    article_meta,
    html_page,
    json_doc,
    link_list,
    paragraphs_html,
    redirect,
    render,
    rfc822,
    sitemap_doc,
    tanggal_jam,
    xml_doc,
)
from samplenet.sites.base import Site, page_number

POSTS_PER_PAGE = 10
FEED_ITEMS = 10
SITEMAP_CHUNK = 20
API_MAX_PER_PAGE = 100
CHAIN_POST_ID = "1042"


class WordPressSite(Site):
    style = "wordpress"
    disallowed = ("/wp-admin/",)
    robots_template = "robots_wordpress.txt"

    def article_path(self, article: Article) -> str:
        return f"/{article.slug}/"

    def copy_paths(self, article: Article) -> list[str]:
        return [f"/{article.slug}/amp/"]

    def fault_paths(self) -> dict[str, str]:
        return {"redirect_chain": f"/?p={CHAIN_POST_ID}"}

    def chain_target(self) -> Article | None:
        return next((a for a in self.articles if a.fault == "redirect_target"), None)

    def route(self, path: str, query: dict[str, str]) -> Response | None:
        if path == "/" and "p" in query:
            return self.redirect_chain(query["p"])
        pages = {
            "/": lambda: self.home(1),
            "/feed/": self.feed,
            "/wp-json/": self.api_index,
            "/wp-json/wp/v2/posts": lambda: self.api_posts(query),
            "/sitemap_index.xml": self.sitemap_index,
            "/page-sitemap.xml": lambda: sitemap_doc([(self.url("/tentang-kami/"), None, "")]),
            "/tentang-kami/": self.about,
        }
        if path in pages:
            return pages[path]()
        parts = [p for p in path.split("/") if p]
        return self.route_parts(parts, path)

    def route_parts(self, parts: list[str], path: str) -> Response | None:
        if len(parts) == 2 and parts[0] == "page" and parts[1].isdigit():
            return self.home(int(parts[1]))
        if path.startswith("/post-sitemap") and path.endswith(".xml"):
            number = path[len("/post-sitemap") : -len(".xml")] or "1"
            return self.post_sitemap(int(number)) if number.isdigit() else None
        if parts[:1] == ["arsip-lama"] and parts[1:] == [CHAIN_POST_ID]:
            target = self.chain_target()
            if target is not None and self.faults.enabled:
                day = target.published
                return redirect(f"/{day:%Y/%m/%d}/{target.slug}/", 302)
        if len(parts) == 4 and parts[3] in self.by_slug and self.faults.enabled:
            return redirect(self.article_path(self.by_slug[parts[3]]))
        if not parts or parts[0] not in self.by_slug:
            return None
        article = self.by_slug[parts[0]]
        if parts[1:] == ["amp"]:
            return self.amp(article)
        if len(parts) == 1 and path.endswith("/"):
            return self.article(article)
        if len(parts) == 1:
            return redirect(self.article_path(article))
        return None

    def redirect_chain(self, post_id: str) -> Response | None:
        """Old ?p= links: three hops (?p= -> /arsip-lama/ -> dated -> pretty) to an article."""
        if post_id == CHAIN_POST_ID and self.faults.enabled and self.chain_target():
            return redirect(f"/arsip-lama/{CHAIN_POST_ID}/")
        return None

    def page(self, title: str, main: str, head: str = "", body_class: str = "home") -> Response:
        sidebar = link_list(
            [(self.url(p), "Berita pilihan") for p in self.fault_paths().values()]
            if self.faults.enabled
            else []
        )
        return html_page(
            render(
                "wp_page.html",
                title=escape(title),
                base=self.base_url.rstrip("/"),
                head=head,
                main=main,
                sidebar=sidebar,
                body_class=body_class,
            )
        )

    def tracked(self, article: Article, source: str) -> str:
        return self.url(self.article_path(article)) + f"?utm_source={source}&utm_medium=web"

    def home(self, number: int) -> Response | None:
        posts = self.page_of(self.articles, number, POSTS_PER_PAGE)
        if not posts:
            return None
        listing = link_list([(self.tracked(a, "beranda"), a.title) for a in posts], "posts")
        total = math.ceil(len(self.articles) / POSTS_PER_PAGE)
        if number < total:
            listing += f'\n<a class="next page-numbers" href="{self.url(f"/page/{number + 1}/")}">'
            listing += "Berita Sebelumnya &raquo;</a>"
        return self.page("Kabar Kupang – Kabar terkini dari Kota Karang", listing)

    def body_with_related(self, article: Article) -> str:
        related = link_list([(self.tracked(a, "bacajuga"), a.title) for a in self.related(article)])
        box = f'<div class="baca-juga"><strong>Baca Juga:</strong>\n{related}\n</div>'
        return paragraphs_html(article.paragraphs, 1, box)

    def article_values(self, article: Article) -> dict[str, str]:
        canonical = self.url(self.article_path(article))
        return {
            "title": escape(article.title),
            "iso": article.published.isoformat(),
            "date": tanggal_jam(article.published),
            "author": escape(article.author),
            "base": self.base_url.rstrip("/"),
            "canonical": canonical,
            "head": article_meta(article, canonical, "Kabar Kupang")
            + f'\n<link rel="amphtml" href="{canonical}amp/">',
        }

    def article(self, article: Article) -> Response:
        if article.fault == "flaky":
            failure = self.faults.flaky(f"{self.name}:{article.slug}")
            if failure is not None:
                return failure
        values = self.article_values(article)
        main = render(
            "wp_article.html",
            section=article.section,
            body=self.body_with_related(article),
            **values,
        )
        page = self.page(article.title + " – Kabar Kupang", main, values["head"], "single")
        if article.slow:
            page.delay = self.faults.delay()
        return page

    def amp(self, article: Article) -> Response:
        values = self.article_values(article)
        values["head"] = article_meta(article, values["canonical"], "Kabar Kupang")
        return html_page(render("wp_amp.html", body=paragraphs_html(article.paragraphs), **values))

    def about(self) -> Response:
        return self.page(
            "Tentang Kami",
            "<h1>Tentang Kami</h1><p>Kabar Kupang adalah media "
            "daring yang terbit di Kota Kupang sejak 2019.</p>",
        )

    def feed(self) -> Response:
        items = []
        for article in self.articles[:FEED_ITEMS]:
            link = escape(self.url(self.article_path(article)))
            items.append(
                f"<item><title>{escape(article.title)}</title><link>{link}</link>"
                f"<dc:creator><![CDATA[{article.author}]]></dc:creator>"
                f"<pubDate>{rfc822(article.published)}</pubDate>"
                f"<category><![CDATA[{article.section}]]></category>"
                f'<guid isPermaLink="true">{link}</guid>'
                f"<description>{escape(article.paragraphs[0])}</description></item>"
            )
        newest = rfc822(self.articles[0].published)
        return xml_doc(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
            f"<title>Kabar Kupang</title><link>{self.url('/')}</link>"
            f'<atom:link href="{self.url("/feed/")}" rel="self" type="application/rss+xml"/>'
            f"<description>Kabar terkini dari Kota Karang</description>"
            f"<lastBuildDate>{newest}</lastBuildDate><language>id-ID</language>\n"
            + "\n".join(items)
            + "\n</channel>\n</rss>\n",
            "application/rss+xml",
        )

    def post_chunks(self) -> list[list[Article]]:
        return [
            self.articles[i : i + SITEMAP_CHUNK]
            for i in range(0, len(self.articles), SITEMAP_CHUNK)
        ]

    def sitemap_index(self) -> Response:
        rows = []
        for number, chunk in enumerate(self.post_chunks(), start=1):
            name = "/post-sitemap.xml" if number == 1 else f"/post-sitemap{number}.xml"
            rows.append((self.url(name), chunk[0].published.isoformat(), ""))
        rows.append((self.url("/page-sitemap.xml"), None, ""))
        return sitemap_doc(rows, index=True)

    def post_sitemap(self, number: int) -> Response | None:
        chunks = self.post_chunks()
        if not 1 <= number <= len(chunks):
            return None
        return sitemap_doc(
            [
                (self.url(self.article_path(a)), a.published.isoformat(), "")
                for a in chunks[number - 1]
            ]
        )

    def api_index(self) -> Response:
        return json_doc(
            {
                "name": "Kabar Kupang",
                "url": self.base_url,
                "namespaces": ["oembed/1.0", "wp/v2"],
                "routes": {"/wp/v2/posts": {"methods": ["GET"]}},
            }
        )

    def api_posts(self, query: dict[str, str]) -> Response:
        """GET /wp/v2/posts with search, after, page, per_page, as WordPress answers it."""
        posts = self.articles
        search = query.get("search", "").strip().lower()
        if search:
            posts = [a for a in posts if search in (a.title + " " + a.text).lower()]
        after = query.get("after", "")
        if after:
            posts = [a for a in posts if a.published.replace(tzinfo=None).isoformat() > after]
        per_page = min(
            API_MAX_PER_PAGE, page_number(query, "per_page") if "per_page" in query else 10
        )
        number = page_number(query)
        total_pages = max(1, math.ceil(len(posts) / per_page))
        headers = {"X-WP-Total": str(len(posts)), "X-WP-TotalPages": str(total_pages)}
        if number > total_pages:
            return json_doc(
                {
                    "code": "rest_post_invalid_page_number",
                    "message": "Jumlah halaman yang diminta lebih besar dari jumlah halaman.",
                    "data": {"status": 400},
                },
                400,
                headers,
            )
        return json_doc(
            [self.api_post(a) for a in self.page_of(posts, number, per_page)], 200, headers
        )

    def api_post(self, article: Article) -> dict:
        local = article.published.replace(tzinfo=None)
        utc = article.published.astimezone(UTC).replace(tzinfo=None)
        return {
            "id": 1000 + self.position[article.slug],
            "date": local.isoformat(),
            "date_gmt": utc.isoformat(),
            "slug": article.slug,
            "status": "publish",
            "type": "post",
            "link": self.url(self.article_path(article)),
            "title": {"rendered": escape(article.title, quote=False)},
            "content": {"rendered": paragraphs_html(article.paragraphs), "protected": False},
            "excerpt": {"rendered": f"<p>{escape(article.paragraphs[0][:150])}&hellip;</p>"},
        }
