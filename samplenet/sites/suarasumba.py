"""suarasumba: a Joomla 3 site (Protostar template) with search-engine-friendly URLs off.

Every page is /index.php with a query: articles ``option=com_content&view=article&id=
N:slug&catid=C&Itemid=I``, category blogs ``view=category&layout=blog&id=C`` paged with
``limitstart=N``, the front page paged with ``start=N``. Schema.org microdata only (no
Open Graph, no JSON-LD, no canonical); the title is an h2. The article's pager
("Sebelumnya" / "Selanjutnya") leads to the neighbouring *articles* on the same path,
and the print view (tmpl=component&print=1) is the same text marked noindex.
"""

from __future__ import annotations

from functools import cached_property
from html import escape

from samplenet.articles import Article
from samplenet.render import Response, html_page, link_list, paragraphs_html, render, tanggal
from samplenet.sites.base import Site, item_offset

PER_PAGE = 4
FIRST_ID = 310
ITEMID = 101
SECTION_IDS = {"kesehatan": 8, "ekonomi": 9, "olahraga": 10, "daerah": 11, "cuaca": 12}


class SuaraSumbaSite(Site):
    style = "joomla"
    disallowed = ("/administrator/", "/components/", "/modules/")
    robots_template = "robots_suarasumba.txt"

    def article_id(self, article: Article) -> int:
        return self.serial(article, FIRST_ID)

    def category_id(self, section: str) -> int:
        return SECTION_IDS.get(section, 13)

    def article_path(self, article: Article) -> str:
        return (
            f"/index.php?option=com_content&view=article&id={self.article_id(article)}:"
            f"{article.slug}&catid={self.category_id(article.section)}&Itemid={ITEMID}"
        )

    def category_path(self, section: str) -> str:
        return (
            f"/index.php?option=com_content&view=category&layout=blog"
            f"&id={self.category_id(section)}&Itemid={ITEMID}"
        )

    @cached_property
    def by_id(self) -> dict[str, Article]:
        return {str(self.article_id(a)): a for a in self.articles}

    @cached_property
    def sections(self) -> list[str]:
        return sorted({a.section for a in self.articles})

    def route(self, path: str, query: dict[str, str]) -> Response | None:
        if path not in ("/", "/index.php"):
            return None
        view = query.get("view")
        if view is None and "option" not in query:
            return self.blog(
                self.articles, item_offset(query, "start"), "Beranda", "/index.php?start="
            )
        if query.get("option") != "com_content":
            return None
        if view == "article":
            article = self.by_id.get(query.get("id", "").partition(":")[0])
            if article is None:
                return None
            return self.article(article, printed=query.get("print") == "1")
        if view == "category":
            section = next(
                (s for s in self.sections if str(self.category_id(s)) == query.get("id")), None
            )
            if section is None:
                return None
            posts = [a for a in self.articles if a.section == section]
            start = item_offset(query, "limitstart")
            return self.blog(
                posts, start, section.title(), self.category_path(section) + "&limitstart="
            )
        return None

    def page(self, title: str, main: str, head: str = "") -> Response:
        menu = '<li class="item-101"><a href="/index.php">Beranda</a></li>\n' + "\n".join(
            f'<li><a href="{escape(self.category_path(s))}">{s.title()}</a></li>'
            for s in self.sections
        )
        popular = link_list(
            [(self.article_path(a), a.title) for a in self.articles[1:5]], css="mostread"
        )
        return html_page(
            render(
                "suarasumba_page.html",
                title=escape(title),
                head=head,
                menu=menu,
                main=main,
                popular=popular,
            )
        )

    def blog(self, posts: list[Article], offset: int, name: str, base: str) -> Response | None:
        shown = posts[offset : offset + PER_PAGE]
        if not shown:
            return None
        items = "\n".join(
            f'<div class="items-row"><div class="item"><h2 class="item-title">'
            f'<a href="{escape(self.article_path(a))}">{escape(a.title)}</a></h2>'
            f"<p>{escape(a.paragraphs[0])}</p>"
            f'<p class="readmore"><a class="btn" href="{escape(self.article_path(a))}">'
            f"Selengkapnya: {escape(a.title)}</a></p></div></div>"
            for a in shown
        )
        pages = []
        for number, first in enumerate(range(0, len(posts), PER_PAGE), start=1):
            if first == offset:
                pages.append(f'<li class="active"><a>{number}</a></li>')
            else:
                pages.append(f'<li><a href="{escape(base)}{first}">{number}</a></li>')
        if offset + PER_PAGE < len(posts):
            pages.append(
                f'<li><a title="Berikutnya" href="{escape(base)}{offset + PER_PAGE}">'
                "Berikutnya</a></li>"
            )
        main = (
            f'<div class="blog"><h1>{escape(name)}</h1>{items}'
            f'<div class="pagination"><ul>{"".join(pages)}</ul></div></div>'
        )
        return self.page(f"{name} - Suara Sumba", main)

    def article(self, article: Article, printed: bool) -> Response:
        index = self.position[article.slug]
        nav = []
        if index + 1 < len(self.articles):
            before = self.articles[index + 1]
            nav.append(
                f'<li class="previous"><a href="{escape(self.article_path(before))}" '
                'rel="prev">&lt; Sebelumnya</a></li>'
            )
        if index > 0:
            after = self.articles[index - 1]
            nav.append(
                f'<li class="next"><a href="{escape(self.article_path(after))}" '
                'rel="next">Selanjutnya &gt;</a></li>'
            )
        path = self.article_path(article)
        main = render(
            "suarasumba_article.html",
            title=escape(article.title),
            print=escape(f"{path}&tmpl=component&print=1&layout=default"),
            author=escape(article.author),
            category=escape(self.category_path(article.section)),
            section=article.section.title(),
            iso=article.published.isoformat(),
            date=tanggal(article.published),
            hits=str(100 + 7 * index),
            body=paragraphs_html(article.paragraphs),
            pagenav="" if printed else "\n".join(nav),
        )
        head = '<meta name="robots" content="noindex, nofollow" />' if printed else ""
        return self.page(f"{article.title} - Suara Sumba", main, head)
