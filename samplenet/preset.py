"""The one preset for crawling the local sample network quickly (tests, benchmarks, demo).

The sample sites answer on 127.0.0.1 at once, so the production politeness (delays,
autothrottle, long timeouts, second-long retry backoff) would only make runs slow.
"""

from __future__ import annotations

from typing import Any

LOCAL_CRAWL: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "PANTAU_RETRY_BACKOFF": 0.05,
    "DOWNLOAD_TIMEOUT": 10,
}


def crawl_options(**overrides: Any) -> list[str]:
    """LOCAL_CRAWL (and ``overrides``) as ``pantau crawl -s NAME=VALUE`` options."""
    options: list[str] = []
    for name, value in {**LOCAL_CRAWL, **overrides}.items():
        options += ["-s", f"{name}={value}"]
    return options
