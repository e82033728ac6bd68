"""Scrapy settings for pantau's crawler."""

BOT_NAME = "pantau"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
ROBOTSTXT_OBEY = True
USER_AGENT = "pantau/0.1 (+news monitoring of UHC Award coverage)"
