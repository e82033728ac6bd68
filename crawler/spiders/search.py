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
  links redirect from news.google.com to the outlet, outlets to their www. host).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Response

from crawler.items import ANY_HOST, KIND, SITE, ArticlePage, FailedPage
from crawler.request import CrawlRequest
from crawler.search import (
    Search,
    SearchResponseError,
    Window,
    gdelt_hits,
    google_news_hits,
    now_for,
    outlet_name,
    search_url,
)
from crawler.sites import Site

log = logging.getLogger(__name__)
_BASES = {"gdelt": "PANTAU_GDELT_URL", "google-news": "PANTAU_GOOGLE_NEWS_URL"}
_PARSERS = {"gdelt": gdelt_hits, "google-news": google_news_hits}


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
            yield FailedPage(
                response.meta.get(SITE), response.url, "article", "hit did not lead to an outlet"
            )
            return
        self.register_outlet(response.url, response.meta, response.meta.get("pantau_outlet"))
        response.meta.setdefault("pantau_parts", [])
        yield from self.parse_page(response)  # type: ignore[attr-defined]

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
