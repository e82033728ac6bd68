"""kabarsabu: a Drupal 7 site (Bartik-like theme), written *after* the crawler was fixed
for issue 13, to test whether the fix generalises (see README).

Articles are nodes (/node/N) with rel=canonical and shortlink, RDFa (dc:title, dc:date)
but no Open Graph and no JSON-LD; the title is the page's h1. The front page lists node
teasers (linked h2, "Baca selengkapnya", "Tambah komentar" to /comment/reply/ which
robots.txt forbids) with a Drupal pager (/node?page=N, 0-based), taxonomy term pages
/taxonomy/term/T?page=N likewise; /rss.xml holds the 10 newest nodes. robots.txt is
Drupal's default (with Crawl-delay: 10); sidebar blocks name JKN and BPJS Kesehatan.
"""

from __future__ import annotations

from html import escape

from samplenet.articles import Article
from samplenet.render import (
    Response,
    html_page,
    link_list,
    paragraphs_html,
    render,
    rfc822,
    xml_doc,
)
from samplenet.sites.base import Site, item_offset

PER_PAGE = 5
FEED_ITEMS = 10
FIRST_NODE = 101
TERMS = {"kesehatan": 1}  # every other section is "Daerah" (term 2)


def _submitted(article: Article) -> str:
    days = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")
    when = f"{days[article.published.weekday()]}, {article.published:%d/%m/%Y - %H:%M}"
    return (
        f'<div class="submitted"><span property="dc:date dc:created" '
        f'content="{article.published.isoformat()}" datatype="xsd:dateTime">'
        f"Dikirim oleh {escape(article.author)} pada {when}</span></div>"
    )


class KabarSabuSite(Site):
    style = "drupal"
    disallowed = ("/comment/reply/", "/search/", "/user/login/", "/admin/")
    robots_template = "robots_kabarsabu.txt"

    def article_path(self, article: Article) -> str:
        return f"/node/{self.serial(article, FIRST_NODE)}"

    def term(self, article: Article) -> int:
        return TERMS.get(article.section, 2)

    def route(self, path: str, query: dict[str, str]) -> Response | None:
        page = item_offset(query, "page")
        parts = [p for p in path.split("/") if p]
        if path in ("/", "/node"):
            return self.listing("Beranda", self.articles, page, "/node")
        if path == "/rss.xml":
            return self.feed()
        if len(parts) == 2 and parts[0] == "node" and parts[1].isdigit():
            found = [a for a in self.articles if self.article_path(a) == path]
            return self.article(found[0]) if found else None
        if parts[:2] == ["taxonomy", "term"] and len(parts) == 3 and parts[2] in ("1", "2"):
            posts = [a for a in self.articles if str(self.term(a)) == parts[2]]
            name = "Kesehatan" if parts[2] == "1" else "Daerah"
            return self.listing(name, posts, page, path)
        return None

    def page(self, title: str, main: str, head: str = "", bodyclass: str = "") -> Response:
        popular = link_list([(self.article_path(a), a.title) for a in self.articles[1:5]])
        return html_page(
            render(
                "kabarsabu_page.html",
                title=escape(title),
                head=head,
                main=main,
                popular=popular,
                bodyclass=bodyclass,
            )
        )

    def teaser(self, article: Article) -> str:
        path = self.article_path(article)
        node = path.rsplit("/", 1)[1]
        return (
            f'<div id="node-{node}" class="node node-article node-teaser">'
            f'<h2><a href="{path}">{escape(article.title)}</a></h2>{_submitted(article)}'
            f'<div class="content"><p>{escape(article.paragraphs[0])}</p></div>'
            f'<ul class="links inline"><li class="node-readmore"><a href="{path}">Baca '
            f'selengkapnya</a></li><li class="comment-add"><a href="/comment/reply/{node}'
            '#comment-form">Tambah komentar</a></li></ul></div>'
        )

    def listing(self, name: str, posts: list[Article], page: int, base: str) -> Response | None:
        shown = self.page_of(posts, page + 1, PER_PAGE)
        if not shown:
            return None
        pages = (len(posts) + PER_PAGE - 1) // PER_PAGE
        items = [
            f'<li class="pager-current">{n + 1}</li>'
            if n == page
            else f'<li class="pager-item"><a href="{base}?page={n}">{n + 1}</a></li>'
            for n in range(pages)
        ]
        if page + 1 < pages:
            items.append(
                f'<li class="pager-next"><a href="{base}?page={page + 1}">berikutnya ›</a></li>'
            )
        main = (
            f'<h1 class="title" id="page-title">{escape(name)}</h1>'
            + "".join(self.teaser(a) for a in shown)
            + '<h2 class="element-invisible">Halaman</h2><div class="item-list">'
            + f'<ul class="pager">{"".join(items)}</ul></div>'
        )
        return self.page(name, main, bodyclass="front")

    def article(self, article: Article) -> Response:
        path = self.article_path(article)
        term = self.term(article)
        main = (
            f'<h1 class="title" id="page-title">{escape(article.title)}</h1>'
            f'<div class="node node-article node-full">'
            f'<span property="dc:title" content="{escape(article.title)}" class="rdf-meta"></span>'
            f"{_submitted(article)}"
            '<div class="field field-name-body"><div class="field-items">'
            '<div class="field-item even" property="content:encoded">'
            f"{paragraphs_html(article.paragraphs)}</div></div></div>"
            f'<div class="field field-name-field-tags">Tags: <a href="/taxonomy/term/{term}">'
            f"{'Kesehatan' if term == 1 else 'Daerah'}</a></div>"
            f'<ul class="links inline"><li class="comment-add"><a href="/comment/reply/'
            f'{path.rsplit("/", 1)[1]}#comment-form">Tambah komentar</a></li></ul></div>'
        )
        head = f'<link rel="canonical" href="{path}" />\n<link rel="shortlink" href="{path}" />'
        return self.page(article.title, main, head, bodyclass="not-front page-node")

    def feed(self) -> Response:
        items = "\n".join(
            f"<item><title>{escape(a.title)}</title>"
            f"<link>{escape(self.url(self.article_path(a)))}</link>"
            f"<description>{escape(a.paragraphs[0])}</description>"
            f"<pubDate>{rfc822(a.published)}</pubDate></item>"
            for a in self.articles[:FEED_ITEMS]
        )
        return xml_doc(
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xml:base="'
            f'{self.url("/")}"><channel><title>Kabar Sabu</title><link>{self.url("/")}</link>'
            f"<description></description><language>id</language>\n{items}\n</channel></rss>\n",
            "application/rss+xml",
        )
