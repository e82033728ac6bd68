"""The one preset for crawling the local sample network quickly (tests, benchmarks, demo).

The sample sites answer on 127.0.0.1 at once, so the production politeness (delays,
autothrottle, long timeouts, second-long retry backoff) would only make runs slow.

The delay is 1 ms, not 0: with the asyncio reactor Scrapy starts each download as a
task, so with no delay at all a downloader slot starts its whole queue before the first
download counts against CONCURRENT_REQUESTS_PER_DOMAIN (30 requests at once against a
limit of 8), and the connections above the pool's 8 kept-alive ones per site are closed
after one response: a new TCP connection for most pages. Any delay makes the slot start
one request at a time; 1 ms still allows a thousand requests a second.
"""

from __future__ import annotations

from typing import Any

LOCAL_CRAWL: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0.001,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "PANTAU_RETRY_BACKOFF": 0.05,
    "DOWNLOAD_TIMEOUT": 10,
    # Sites on one host share a downloader slot: kabarsabu's Crawl-delay: 10 would pace all.
    "PANTAU_CRAWL_DELAY_MAX": 0,
}


def crawl_options(**overrides: Any) -> list[str]:
    """LOCAL_CRAWL (and ``overrides``) as ``pantau crawl -s NAME=VALUE`` options."""
    options: list[str] = []
    for name, value in {**LOCAL_CRAWL, **overrides}.items():
        options += ["-s", f"{name}={value}"]
    return options
