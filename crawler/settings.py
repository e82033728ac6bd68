"""Scrapy settings for pantau's crawler: polite by default, bounded everywhere.

``pantau crawl`` and ``scrapy crawl news`` both use this module; tests and benchmarks
override the delays (``samplenet.preset.LOCAL_CRAWL``) rather than editing it.
"""

from importlib.metadata import version

BOT_NAME = "pantau"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
USER_AGENT = f"pantau/{version('pantau')} (+news monitoring of UHC Award coverage)"

# Politeness: robots.txt, few parallel requests per site, adaptive delay.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
# robots.txt Crawl-delay is obeyed (crawler/crawl_delay.py) up to this many seconds a page.
PANTAU_CRAWL_DELAY_MAX = 30.0
# Items of one response processed in parallel. A page gives one article or a handful of
# links, and Scrapy starts this many asyncio tasks for every response whatever it gives:
# its default of 100 meant 40,000 tasks for a 400-page crawl, a quarter of its CPU.
CONCURRENT_ITEMS = 8
# Scrapy checks each callback for a generator's `return value` by reading its source with
# `ast` at every response (bound methods defeat its cache): 3% of the crawl's CPU for a
# warning meant for development. The spider's callbacks return nothing.
WARN_ON_GENERATOR_RETURN_VALUE = False

# Robustness: bounded waits, sizes, redirects and retries (with backoff).
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024  # a bigger "article" is skipped and logged
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
RETRY_TIMES = 3
LOG_LEVEL = "INFO"  # the FailureLog pipeline logs one line per failed URL
PANTAU_RETRY_BACKOFF = 1.0  # seconds before the first retry, doubled each time
PANTAU_RETRY_BACKOFF_MAX = 30.0

# Traps: endless calendars and tag pagination are cut by depth and per-shape caps.
DEPTH_LIMIT = 20
PANTAU_SHAPE_CAP = 25  # listing pages per URL shape (digits blanked) and site
PANTAU_MAX_PARTS = 10  # pages of one split article
PANTAU_MAX_API_PAGES = 50  # WP REST API result pages per keyword
PANTAU_SITEMAP_MAXSIZE = 50 * 1024 * 1024  # the sitemap protocol's limit (uncompressed)

# News-search indexes for SITES.yaml's searches: (crawler/search.py); tests point them
# at local servers.
PANTAU_GDELT_URL = "https://api.gdeltproject.org/api/v2/doc/doc"
PANTAU_GOOGLE_NEWS_URL = "https://news.google.com/rss/search"
# GDELT answers 429 "limit requests to one every 5 seconds" to anything faster.
DOWNLOAD_SLOTS = {"api.gdeltproject.org": {"concurrency": 1, "delay": 5.0}}

# JOBDIR's queue of requests lives in memory and is written when the crawl stops (it is
# only trusted after a clean stop anyway): crawler/request_queue.py.
SCHEDULER_DISK_QUEUE = "crawler.request_queue.StoppedLifoQueue"

PANTAU_WORKER_TTL = 30  # --redis: seconds without a heartbeat before a worker counts as lost

PANTAU_EXTRACT_WORKERS = 1  # processes running the NLP beside the crawl
PANTAU_WARC = True
PANTAU_PROGRESS = "auto"  # rich table on a terminal, silent otherwise

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.KnownArticleFilter": 110,
    "crawler.middlewares.SiteBudget": 120,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
    "crawler.guards.SitemapAllowance": 130,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.guards.StrictDecompression": 590,
    "crawler.guards.OffsiteRedirects": 650,  # sees a 3xx before RedirectMiddleware (600)
    "crawler.guards.RedirectLoops": 660,
    "crawler.middlewares.RedirectSignal": 640,  # after the guards: what they let through
}
SPIDER_MIDDLEWARES = {
    "crawler.guards.SchedulingCap": 950,
}
ITEM_PIPELINES = {
    "crawler.pipelines.FailureLog": 100,
    "crawler.pipelines.JoinParts": 200,
    "crawler.pipelines.KeywordFilter": 300,
    "crawler.pipelines.Extract": 400,
    "crawler.pipelines.SinceFilter": 450,
    "crawler.outlets.RecordOutlets": 480,
    "crawler.pipelines.Store": 500,
}
# `pantau reextract` re-runs ITEM_PIPELINES over the WARC archive, less these: FailureLog
# records the failed fetches of a crawl run, and a re-extraction fetches nothing and is no run;
# RecordOutlets records the outlets a search found, which the crawl that found them did.
PANTAU_REEXTRACT_SKIP = ["crawler.pipelines.FailureLog", "crawler.outlets.RecordOutlets"]
EXTENSIONS = {
    "crawler.extensions.RunLog": 100,
    "crawler.extensions.WarcRecorder": 110,
    "crawler.extensions.TerminalProgress": 120,
    "crawler.crawl_delay.RobotsCrawlDelay": 130,
    "crawler.heap.FreezeStartup": 140,
    "crawler.log_levels.ScrapyLogLevel": 150,
    "scrapy.extensions.telnet.TelnetConsole": None,
}

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
