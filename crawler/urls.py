"""URL hygiene: one article, one key, however many URLs lead to it.

News sites hand out the same story as ``?utm_source=..``, ``?m=1`` (Blogger's mobile
view), ``/amp/`` copies and with or without a trailing slash. ``clean_url`` removes what
never changes the page (safe to request); ``url_key`` goes further and folds every such
variant onto one string used for de-duplication and the seen-URL table.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|_ga|ref|share)$", re.IGNORECASE)
_AMP_PATH = re.compile(r"(/amp)+/?$|^/amp(?=/)", re.IGNORECASE)
# A crawl asks for the same URL's key many times (each link on every listing page, each
# redirect hop, each pipeline step): both functions are pure, so they are cached.
_CACHED = 1 << 16


def _drop_query(url: str, drop: re.Pattern[str], *, mobile: bool) -> str:
    parts = urlsplit(url)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not drop.match(k) and not (mobile and k in ("m", "amp") and v in ("", "0", "1"))
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


@lru_cache(maxsize=_CACHED)
def clean_url(url: str) -> str:
    """The URL to request: tracking parameters and fragment removed, query sorted."""
    return canonicalize_url(_drop_query(url, _TRACKING, mobile=True))


@lru_cache(maxsize=_CACHED)
def url_key(url: str) -> str:
    """One string per page: clean_url, then AMP suffix/prefix and trailing slash folded."""
    parts = urlsplit(clean_url(url))
    path = _AMP_PATH.sub("", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit(("http", parts.netloc.lower(), path, parts.query, ""))


@lru_cache(maxsize=_CACHED)
def host(url: str) -> str:
    """The URL's host (netloc, lower case): the site it belongs to. Asked for each URL
    several times (its request, its response, the links to it), more URLs than
    urlsplit's own cache holds."""
    return urlsplit(url).netloc.lower()


def url_shape(url: str) -> str:
    """The URL with every number and query value blanked: pages of one endless series
    (calendar days, tag pages 1..n) share a shape, so a per-shape cap bounds traps."""
    parts = urlsplit(url)
    path = re.sub(r"\d+", "N", parts.path.rstrip("/"))
    keys = sorted(k for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    return f"{parts.netloc}{path}?{'&'.join(keys)}"
