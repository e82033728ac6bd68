"""The crawl's Request: stored in JOBDIR (or a Redis queue) without a search of the spider.

Scrapy writes every scheduled request to JOBDIR's disk queue (or scrapy-redis' queue) as
a dict, naming its callback and errback. To find those names it lists every member of
the spider (``inspect.getmembers``, properties evaluated), twice per request: a tenth of
the crawl process's CPU. Here the callbacks' own ``__name__`` is tried first; Scrapy
still checks that the spider's attribute of that name is the same method, and a
callback it cannot name so is looked up the usual way.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from scrapy import Request, Spider


class _Methods:
    """Just the request's callbacks, as members of an object for Scrapy to search."""

    def __init__(self, spider: Spider, methods: tuple[Any, ...]) -> None:
        for method in methods:
            if callable(method) and hasattr(method, "__name__"):
                setattr(self, method.__name__, getattr(spider, method.__name__, None))

    def __dir__(self) -> list[str]:
        return list(vars(self))


class CrawlRequest(Request):
    def to_dict(self, *, spider: Spider | None = None) -> dict[str, Any]:
        if spider is not None:
            with suppress(ValueError):  # not the spider's own methods: the long way
                return super().to_dict(spider=_Methods(spider, (self.callback, self.errback)))
        return super().to_dict(spider=spider)
