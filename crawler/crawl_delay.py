"""robots.txt's ``Crawl-delay``, which Scrapy reads but does not obey.

Scrapy's RobotsTxtMiddleware parses robots.txt (Protego) and sends ``robots_parsed`` with
the parser, whose ``crawl_delay(user_agent)`` gives the pause a site asks of crawlers;
nothing in Scrapy acts on it yet (scrapy/scrapy#892, open). This extension
does: a site's downloader slot waits max(its configured delay, Crawl-delay) between
requests, the asked delay capped at PANTAU_CRAWL_DELAY_MAX (a site asking for minutes
per page would never be read; a bigger ask is logged with the delay used instead).

The slot is set when each request reaches the downloader (a slot is created then, and
garbage-collected after a minute idle), and those requests tell AutoThrottle to leave
the slot's delay alone (``autothrottle_dont_adjust_delay``): it would lower it again
after the next fast response. Scrapy's random jitter is narrowed so that no draw falls
below the Crawl-delay. Slots are per host name, so two sites on one host with different
ports (only the local test network does that) share the longest delay asked.
"""

from __future__ import annotations

import logging

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached

from crawler.items import SITE

log = logging.getLogger(__name__)


def polite_delay(delay: float, jitter: float, asked: float) -> tuple[float, float]:
    """A slot's (delay, jitter) after a site asked for ``asked`` seconds between requests:
    the delay at least ``asked``, and the jitter (the +/- fraction Scrapy draws the wait
    from) no wider than keeps every draw at or above ``asked``."""
    if asked <= 0:
        return delay, jitter
    delay = max(delay, asked)
    return delay, min(jitter, 1 - asked / delay)


class RobotsCrawlDelay:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self.cap = settings.getfloat("PANTAU_CRAWL_DELAY_MAX")
        self.user_agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT")
        self.delays: dict[str, float] = {}  # netloc -> seconds between requests
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(
            self.request_reached_downloader, signal=signals.request_reached_downloader
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsCrawlDelay:
        return cls(crawler)

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        asked = robotparser.crawl_delay(self.user_agent)
        if not asked:
            return
        site = request.meta.get(SITE) or urlparse_cached(request).netloc
        used = min(asked, self.cap)
        if used < asked:
            log.warning(
                "%s: robots.txt asks for Crawl-delay: %g s; waiting %g s (PANTAU_CRAWL_DELAY_MAX)",
                site,
                asked,
                used,
            )
        else:
            log.info("%s: robots.txt asks for Crawl-delay: %g s", site, asked)
        self.delays[urlparse_cached(request).netloc] = used
        self.crawler.stats.set_value(f"pantau/crawl_delay/{site}", used)

    def request_reached_downloader(self, request: Request) -> None:
        asked = self.delays.get(urlparse_cached(request).netloc)
        if not asked:
            return
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(request.meta.get(downloader.DOWNLOAD_SLOT, ""))
        if slot is None:
            return
        request.meta["autothrottle_dont_adjust_delay"] = True
        slot.delay, slot.jitter = polite_delay(slot.delay, slot.jitter, asked)
