"""What every sample site shares: its articles, its base URL, and request routing."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from samplenet.articles import Article
from samplenet.faults import Faults
from samplenet.render import Response, not_found, render, text_doc


class Site:
    """A news site: answers paths, and says where each of its articles lives."""

    style = ""
    disallowed: tuple[str, ...] = ()
    robots_template: str | None = None  # a data/templates file; None answers 404

    def __init__(self, name: str, articles: list[Article], faults: Faults) -> None:
        self.name = name
        self.articles = sorted(articles, key=lambda a: a.published, reverse=True)
        self.faults = faults
        self.base_url = ""
        self.by_slug = {a.slug: a for a in self.articles}
        self.position = {a.slug: i for i, a in enumerate(self.articles)}  # newest first

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    def article_path(self, article: Article) -> str:
        raise NotImplementedError

    def copy_paths(self, article: Article) -> list[str]:
        """Other paths that serve the same text: AMP or mobile copies, a slash-less twin."""
        return []

    def fault_paths(self) -> dict[str, str]:
        """Kind -> path of the misbehaving pages this site links to when faults are on."""
        return {}

    def route(self, path: str, query: dict[str, str]) -> Response | None:
        raise NotImplementedError

    def handle(self, raw_path: str) -> Response:
        parts = urlsplit(raw_path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        if parts.path == "/robots.txt":
            return self.robots()
        return self.route(parts.path, query) or not_found()

    def robots(self) -> Response:
        if self.robots_template is None:
            return not_found()
        return text_doc(render(self.robots_template, base=self.base_url.rstrip("/")))

    def serial(self, article: Article, first: int) -> int:
        """The article's number on a site that numbers its stories (id=N), oldest ``first``."""
        return first + len(self.articles) - 1 - self.position[article.slug]

    def related(self, article: Article, count: int = 2) -> list[Article]:
        """The 'Baca Juga' picks: the stories published just before this one."""
        index = self.position[article.slug]
        others = self.articles[index + 1 :] + self.articles[:index]
        return others[:count]

    def page_of(self, items: list, page: int, per_page: int) -> list:
        return items[(page - 1) * per_page : page * per_page]


def page_number(query: dict[str, str], key: str = "page") -> int:
    """A positive page number from the query, 1 when absent or malformed."""
    try:
        return max(1, int(query.get(key, "1")))
    except ValueError:
        return 1


def item_offset(query: dict[str, str], key: str) -> int:
    """A list offset from the query (Joomla's start= / limitstart=), 0 when absent or bad."""
    try:
        return max(0, int(query.get(key, "0")))
    except ValueError:
        return 0
