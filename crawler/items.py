"""What the spider hands to the pipelines: one article, possibly spread over pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.result import Result

KIND = "pantau_kind"  # request meta: robots, home, sitemap, feed, api, listing, article, part
SITE = "pantau_site"  # request meta: the SITES.yaml name of the site the URL belongs to
ANY_HOST = "pantau_any_host"  # request meta: a search hit, whose redirects may go anywhere
BEFORE_SINCE = "before-since"  # seen_urls outcome of articles left out by --since


@dataclass
class ArticlePage:
    """A fetched article; the pipelines fill in ``html``, ``relevant`` and ``result``.

    ``keys`` are the url_key of every URL that led here (links, redirects, rel=canonical,
    later pages), recorded as seen so no later run fetches them again.
    """

    site: str
    url: str
    parts: list[str]
    keys: list[str] = field(default_factory=list)
    html: str = ""
    relevant: bool = False
    result: Result | None = None
    outcome: str | None = None  # recorded in seen_urls; default: stored / irrelevant


@dataclass
class FailedPage:
    """A page that could not be used: recorded in crawl_errors once per URL and run.

    ``permanent`` failures (gone, not HTML, too large) of article pages are also marked
    seen, so later runs do not fetch them again; transient ones are retried next run.
    """

    site: str | None
    url: str
    kind: str
    reason: str
    permanent: bool = False
