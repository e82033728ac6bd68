"""The news spider's second source: searches (crawler/search.py) whose hits are fetched
from each outlet's own page, with the same middlewares and pipelines as listed sites
(robots.txt, page and size caps, known-URL filter, extraction, dedup by text).

An outlet nobody listed becomes a site of the crawl when its first page arrives: it is
named by its domain (GDELT's ``domain``, Google News's ``<source url>``, else the page's
host), added to ``spider.sites`` (so run counts and --max-pages cover it) and recorded in
the database's ``sites`` table by ``crawler.outlets.RecordOutlets``.

Request meta set here:

- ``pantau_kind``: ``search`` for an index query, ``article`` for a hit;
- ``pantau_search``: the search's name; ``pantau_window``: its time window (ISO pair);
- ``pantau_outlet`` / ``pantau_outlet_title``: the outlet the index names for a hit;
- ``pantau_any_host`` (``ANY_HOST``): the hit may redirect to any host (Google News
  links redirect from news.google.com to the outlet, outlets to their www. host);
- ``pantau_feed`` (``FEED``): what a Google News item says of the article besides its
  link (``Hit.targets``, ``home``, ``headline``), for a link that redirects by script;
- ``pantau_hit_link``: that link, while its headline is looked up on the outlet's home.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.items import ANY_HOST, KIND, NOT_ARTICLE, SITE, ArticlePage, FailedPage, OtherPage
from crawler.request import CrawlRequest
from crawler.search import (
    Hit,
    Search,
    SearchResponseError,
    Window,
    gdelt_hits,
    google_news_hits,
    headline_link,
    now_for,
    outlet_name,
    search_url,
)
from crawler.sites import Site
from crawler.urls import url_key

log = logging.getLogger(__name__)
_BASES = {"gdelt": "PANTAU_GDELT_URL", "google-news": "PANTAU_GOOGLE_NEWS_URL"}
_PARSERS = {"gdelt": gdelt_hits, "google-news": google_news_hits}
FEED = "pantau_feed"
NOWHERE = "hit did not lead to an outlet"


class SearchDiscovery:
    """Mixed into NewsSpider, which provides ``sites``, ``site_for``, ``_by_netloc``,
    ``since``, ``settings``, ``on_error`` and ``parse_page``."""

    searches: list[Search]
    sites: list[Site]
    since: date | None
    _by_netloc: dict[str, Site]
    settings: Any

    @property
    def outlets(self) -> set[str]:
        """Names of the sites search discovery added to this crawl."""
        if "_outlets" not in self.__dict__:
            self._outlets: set[str] = set()
        return self._outlets

    def search_requests(self) -> Iterator[Request]:
        for search in self.searches:
            end = now_for(search.kind)
            yield self._search_request(search, Window(search.start(end, self.since), end))

    def _search_request(self, search: Search, window: Window) -> Request:
        base = self.settings.get(_BASES[search.kind])
        return CrawlRequest(
            search_url(base, search, window),
            self.parse_search,
            meta={
                KIND: "search",
                SITE: search.name,  # so --max-pages caps the queries of one search
                "pantau_search": search.name,
                "pantau_window": window.to_meta(),
            },
            errback=self.on_error,
        )

    def parse_search(self, response: Response) -> Iterator[Request | FailedPage]:
        """One window's hits; a full window is asked again as two halves."""
        search = next(s for s in self.searches if s.name == response.meta["pantau_search"])
        try:
            hits = _PARSERS[search.kind](response.body)
        except SearchResponseError as error:
            yield FailedPage(None, response.url, "search", str(error))
            return
        for hit in hits:
            listed = self.site_for(hit.url)
            if listed is not None and listed.name not in self.outlets:
                yield CrawlRequest(
                    hit.url,
                    self.parse_page,
                    meta={KIND: "article", SITE: listed.name},
                    errback=self.on_error,
                )
                continue
            meta = {
                KIND: "article",
                SITE: hit.outlet or None,
                ANY_HOST: True,
                "pantau_outlet": hit.outlet,
                "pantau_outlet_title": hit.title,
            }
            if hit.targets or (hit.home and hit.headline):
                meta[FEED] = _feed_meta(hit)
            yield CrawlRequest(hit.url, self.parse_hit, meta=meta, errback=self.on_error)
        if len(hits) < search.max_results:
            return
        window = Window.from_meta(response.meta["pantau_window"])
        halves = window.halves(search.kind)
        if not halves:
            log.warning("%s: more than %d hits in %s", search.name, len(hits), window)
        for half in halves:
            yield self._search_request(search, half)

    def parse_hit(self, response: Response) -> Iterator[Request | ArticlePage | FailedPage]:
        """The outlet's page a hit led to: the outlet becomes a site, the page an article
        (by the index's word: it is not asked to declare itself one, so an outlet's
        home page reached by a stale hit is judged by the keyword filter, not crawled)."""
        searched = {urlsplit(self.settings.get(b)).netloc for b in _BASES.values()}
        if urlsplit(response.url).netloc in searched:
            yield from self._not_at_outlet(response)
            return
        self.register_outlet(response.url, response.meta, response.meta.get("pantau_outlet"))
        response.meta.setdefault("pantau_parts", [])
        yield from self.parse_page(response)  # type: ignore[attr-defined]

    def _not_at_outlet(self, response: Response) -> Iterator[Request | OtherPage | FailedPage]:
        """A hit's link that stayed on the index (Google News redirects by script): the
        article URL the feed item gave, as if redirected there; else its headline looked
        up on the outlet's home page; else the hit is recorded as leading nowhere."""
        feed = response.meta.get(FEED) or {}
        site = response.meta.get(SITE)
        if feed.get("targets"):
            target = feed["targets"][0]
            yield OtherPage(site, response.url, [url_key(response.url)], _redirect(target))
            yield self._follow_feed(response.meta, target, response.url)
        elif feed.get("home") and feed.get("headline"):
            yield CrawlRequest(
                feed["home"],
                self.parse_outlet_home,
                meta=_hit_meta(response.meta)
                | {KIND: "home", FEED: feed, "pantau_hit_link": response.url},
                errback=self.outlet_home_failed,
                dont_filter=True,  # two hits of one outlet look at its home page twice
            )
        else:
            yield FailedPage(site, response.url, "article", NOWHERE)

    def _follow_feed(self, meta: dict, url: str, link: str) -> Request:
        """The article request for what a feed item gave, with the hit's link as the
        redirect before it: the link becomes one of the article's URLs. Without the feed's
        word, so a page that sends it back to the index ends the hit."""
        return CrawlRequest(
            url,
            self.parse_hit,
            meta=_hit_meta(meta) | {"redirect_urls": [link]},
            errback=self.on_error,
        )

    def parse_outlet_home(self, response: Response) -> Iterator[Request | OtherPage | FailedPage]:
        """An outlet's home page, for the link of a hit's headline."""
        link, site = response.meta["pantau_hit_link"], response.meta.get(SITE)
        yield self._other(response, "home page")  # type: ignore[attr-defined]
        headline = response.meta[FEED]["headline"]
        found = (
            headline_link(response.text, response.url, headline)
            if isinstance(response, TextResponse)
            else None
        )
        if found is None:
            yield FailedPage(site, link, "article", f"{NOWHERE} (headline not on {response.url})")
            return
        yield OtherPage(site, link, [url_key(link)], _redirect(found))
        yield self._follow_feed(response.meta, found, link)

    def outlet_home_failed(self, failure: Failure) -> Iterator[Request | OtherPage | FailedPage]:
        """The home page's own failure (none when robots.txt forbids it), and the hit's."""
        yield from self.on_error(failure)  # type: ignore[attr-defined]
        request = failure.request
        yield FailedPage(
            request.meta.get(SITE),
            request.meta["pantau_hit_link"],
            "article",
            f"{NOWHERE} ({request.url} could not be read)",
        )

    def register_outlet(self, url: str, meta: dict, name: str | None) -> Site:
        """The site ``url`` belongs to, made a site of this crawl if nobody listed it."""
        known = self.site_for(url)  # type: ignore[attr-defined]
        if known is not None:
            return known
        parts = urlsplit(url)
        name = name or outlet_name(parts.hostname or "")
        site = next((s for s in self.sites if s.name == name), None)
        if site is None:
            title = meta.get("pantau_outlet_title")
            site = Site(name=name, url=f"{parts.scheme}://{parts.netloc}/", title=title)
            self.sites.append(site)
            self.outlets.add(name)
        self._by_netloc[parts.netloc.lower()] = site
        return site


# Request meta of a hit that its follow-up requests keep.
_HIT_META = (KIND, SITE, ANY_HOST, "pantau_outlet", "pantau_outlet_title")


def _hit_meta(meta: dict) -> dict:
    """A hit's own meta, none of Scrapy's (retries, redirects, download slot)."""
    return {k: v for k, v in meta.items() if k in _HIT_META}


def _feed_meta(hit: Hit) -> dict:
    return {"targets": list(hit.targets), "home": hit.home, "headline": hit.headline}


def _redirect(target: str) -> str:
    """The outcome of a hit's link the feed item resolved, like a 3xx's (FailureLog)."""
    return f"{NOT_ARTICLE}: redirect to {target}"
