"""pantau's Scrapy project: discovers and fetches the articles of regional news sites."""
