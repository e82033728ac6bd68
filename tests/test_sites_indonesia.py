"""sites/indonesia.yaml, the shipped list of real regional outlets, loads through the real
loader and covers every province with distinct outlets.

Its facts (which outlet covers which province) were checked by hand when the list was
made; what a test can hold it to is its shape: enough outlets, all 38 provinces, no
outlet listed twice under two names, and home pages the crawl can start from.
"""

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.sites import Site, load_sites
from extract.regions import all_regions

LIST = Path(__file__).resolve().parent.parent / "sites" / "indonesia.yaml"
PROVINCES = {code for code, region in all_regions().items() if region.level == "provinsi"}


@pytest.fixture(scope="module")
def sites() -> list[Site]:
    return load_sites(LIST)


def test_the_province_list_itself_has_38_codes():
    assert len(PROVINCES) == 38


def test_at_least_150_outlets(sites):
    assert len(sites) >= 150


def test_every_province_has_at_least_two_outlets(sites):
    counts = Counter(site.province for site in sites)
    assert set(counts) == PROVINCES
    assert min(counts.values()) >= 2


def test_names_and_home_page_domains_are_unique(sites):
    names = [site.name for site in sites]
    domains = [urlsplit(site.url).hostname.removeprefix("www.") for site in sites]
    assert [n for n, c in Counter(names).items() if c > 1] == []
    assert [d for d, c in Counter(domains).items() if c > 1] == []


def test_names_are_short_lowercase_ids(sites):
    assert [s.name for s in sites if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s.name)] == []


def test_urls_are_https_home_pages(sites):
    bad = []
    for site in sites:
        parts = urlsplit(site.url)
        if (parts.scheme, parts.path, parts.query, parts.fragment, parts.port) != (
            "https",
            "/",
            "",
            "",
            None,
        ):
            bad.append(site.url)
    assert bad == []


def test_every_outlet_has_a_title(sites):
    assert [s.name for s in sites if not s.title] == []
