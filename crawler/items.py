"""What the spider hands to the pipelines: one article, possibly spread over pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.result import Result

KIND = "pantau_kind"  # request meta: robots, home, sitemap, feed, api, listing, article, part
SITE = "pantau_site"  # request meta: the SITES.yaml name of the site the URL belongs to
ANY_HOST = "pantau_any_host"  # request meta: a search hit, whose redirects may go anywhere
# seen_urls outcomes: every fetched URL ends in exactly one (issue 13's accounting).
STORED = "stored"
DUPLICATE = "duplicate-of"  # + " URL": the same text is stored under URL
IRRELEVANT = "irrelevant"
BEFORE_SINCE = "before-since"  # articles left out by --since
NOT_ARTICLE = "not-article"  # + ": reason" (robots.txt, sitemap, listing, no date ...)
FAILED = "failed"  # gone for good (404, not HTML): later runs leave it alone
ERROR = "error"  # processing failed (reason in crawl_errors): later runs try again
RETRIED_OUTCOMES = (NOT_ARTICLE, ERROR)  # prefixes of outcomes a later run fetches again


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
    problems: list[str] = field(default_factory=list)  # recorded in crawl_errors


@dataclass
class OtherPage:
    """A fetched page that is not an article to store: robots.txt, a sitemap, a listing
    ("not-article: <reason>"), a redirect to a page already handled ("duplicate-of URL").
    Its ``outcome`` goes to seen_urls, so no fetch goes unaccounted."""

    site: str | None
    url: str
    keys: list[str]
    outcome: str


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
