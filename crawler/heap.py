"""The crawl process's garbage collector: start-up objects out of its reach.

By the time the spider opens, the process holds some 100,000 objects (Scrapy, Twisted,
lxml, the sites' settings) that live until it exits. Python's collector still walks all
of them at every full collection, and promotes the survivors of each young collection
towards them: in a crawl of a few hundred pages, a sixth of the process's CPU went to the
collector. ``gc.freeze()`` at spider open moves them to a generation it never scans; the
collector then works on what the crawl itself allocates. Reference cycles made later are
still collected, less often: the crawl makes thousands of objects a page (requests,
responses, Deferreds, items), nearly all freed by reference counting soon after, so a
young collection each time 700 more were made than freed (Python's default) walked the
pages in flight over and over, 2.5% of the process's CPU; at 5,000 they are mostly gone
by the time it comes (bench/README.md, session 7).
"""

from __future__ import annotations

import gc

from scrapy import signals
from scrapy.crawler import Crawler

# Objects made and not yet freed between two young collections (Python's default: 700);
# the older generations keep their thresholds.
YOUNG_COLLECTION_EVERY = 5_000


class FreezeStartup:
    """Extension: ``gc.freeze()`` when the spider opens, and young collections less often."""

    def __init__(self, crawler: Crawler) -> None:
        crawler.signals.connect(self.spider_opened, signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FreezeStartup:
        return cls(crawler)

    def spider_opened(self) -> None:
        gc.freeze()
        gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])
