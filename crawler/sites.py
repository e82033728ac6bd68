"""SITES.yaml: the list of news sites to crawl, checked before any request is made.

A bad file must stop the crawl with one clear line (exit 2), not a traceback halfway
through a crawl, so everything is validated up front into frozen ``Site`` objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from crawler.urls import host
from extract.regions import all_regions
from extract.relevance import DEFAULT_KEYWORDS, keyword_pattern

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_LIST_KEYS = ("feeds", "sitemaps", "start_urls", "keywords")
_TEXT_KEYS = ("province", "title")


class SitesError(ValueError):
    """A SITES.yaml problem, worded as the one line the user sees."""


@dataclass(frozen=True)
class Site:
    """One news site: its home page, optional discovery overrides and relevance keywords."""

    name: str
    url: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    start_urls: tuple[str, ...] = ()
    keywords: tuple[str, ...] = DEFAULT_KEYWORDS
    province: str | None = None  # Kemendagri code of the province the outlet covers, e.g. "53"
    title: str | None = None  # the outlet's own name, for people; ``name`` is the id
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", keyword_pattern(self.keywords))

    @property
    def netloc(self) -> str:
        return host(self.url)


def _http_url(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise SitesError(f"{where}: expected an http(s) URL, got {value!r}")
    try:
        parts = urlsplit(value)
        port = parts.port  # ValueError for a port outside 0-65535
    except ValueError:
        raise SitesError(f"{where}: not a URL: {value!r}") from None
    if parts.scheme not in ("http", "https"):
        raise SitesError(f"{where}: expected an http(s) URL, got {value!r}")
    if not parts.hostname:
        raise SitesError(f"{where}: URL has no host: {value!r}")
    if port == 0:
        raise SitesError(f"{where}: port 0 cannot be fetched: {value!r}")
    return value


def _province(value: object, where: str) -> str:
    """A province code as YAML gives it: "53" or, unquoted, 53; anything else is named."""
    code = str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None
    region = all_regions().get(code or "")
    if region is None or region.level != "provinsi":
        raise SitesError(f"{where}: not a Kemendagri province code: {value!r}")
    return region.code


def _site(entry: object, where: str) -> Site:
    if not isinstance(entry, dict):
        raise SitesError(f"{where}: expected a mapping with name and url")
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise SitesError(f"{where}: missing or invalid name (letters, digits, - _ .)")
    if "url" not in entry:
        raise SitesError(f"{where} ({name}): missing url")
    url = _http_url(entry["url"], f"{where} ({name}) url")
    if not urlsplit(url).path:
        url += "/"
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LIST_KEYS:
        value = entry.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SitesError(f"{where} ({name}) {key}: expected a list of strings")
        if key != "keywords":
            value = [_http_url(v, f"{where} ({name}) {key}") for v in value]
        lists[key] = tuple(value)
    text: dict[str, str | None] = dict.fromkeys(_TEXT_KEYS)
    if entry.get("province") is not None:
        text["province"] = _province(entry["province"], f"{where} ({name}) province")
    title = entry.get("title")
    if title is not None and (not isinstance(title, str) or not title.strip()):
        raise SitesError(f"{where} ({name}) title: expected a non-empty string")
    text["title"] = title
    unknown = set(entry) - {"name", "url", *_LIST_KEYS, *_TEXT_KEYS}
    if unknown:
        keys = ", ".join(sorted(map(str, unknown)))
        raise SitesError(f"{where} ({name}): unknown key(s) {keys}")
    return Site(
        name=name,
        url=url,
        feeds=lists["feeds"],
        sitemaps=lists["sitemaps"],
        start_urls=lists["start_urls"],
        keywords=lists["keywords"] or DEFAULT_KEYWORDS,
        **text,
    )


def read_sites_file(path: str | Path) -> dict:
    """SITES.yaml as a mapping with a ``sites:`` and/or a ``searches:`` list
    (crawler/search.py reads the searches); ``SitesError`` with a one-line message."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SitesError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise SitesError(f"{path}: is a directory, not a file") from None
    except (UnicodeDecodeError, OSError) as exc:
        raise SitesError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    try:
        doc = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise SitesError(f"{path}:{line} invalid YAML ({problem})") from None
    except ValueError as exc:  # PyYAML's constructors: an impossible date, say
        raise SitesError(f"{path}: invalid YAML value ({exc})") from None
    except RecursionError:
        raise SitesError(f"{path}: invalid YAML (nested too deeply)") from None
    if not isinstance(doc, dict) or not ("sites" in doc or "searches" in doc):
        raise SitesError(f"{path}: expected a top-level 'sites:' list")
    for key in ("sites", "searches"):
        if not isinstance(doc.setdefault(key, []), list):
            raise SitesError(f"{path}: '{key}:' must be a list")
    if not doc["sites"] and not doc["searches"]:
        raise SitesError(f"{path}: the 'sites:' list is empty")
    return doc


def load_sites(path: str | Path) -> list[Site]:
    """Read and validate SITES.yaml; raise ``SitesError`` with a one-line message.
    A file may list only searches (crawler/search.py): then there are no sites."""
    doc = read_sites_file(path)
    sites = [_site(entry, f"{path}: sites[{i}]") for i, entry in enumerate(doc["sites"])]
    seen: set[str] = set()
    for site in sites:
        if site.name in seen:
            raise SitesError(f"{path}: duplicate site name {site.name!r}")
        seen.add(site.name)
    return sites
