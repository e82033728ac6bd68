"""Responses and the small formatting jobs every sample site shares.

Pages are string.Template skeletons kept under data/templates; the sites fill them with
HTML fragments built here, so markup differences between sites live in the templates.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from html import escape
from string import Template

from samplenet.articles import DATA, Article

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


@dataclass
class Response:
    """What a sample site answers; the server turns it into bytes on the wire."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    truncate: bool = False  # announce more bytes than are sent, then close
    # Hostile answers (faults="hostile"): a body generated chunk by chunk with no
    # Content-Length (``drip`` seconds between chunks), or a TCP reset instead of an answer.
    stream: Callable[[], Iterator[bytes]] | None = None
    drip: float = 0.0
    reset: bool = False


def html_page(text: str, status: int = 200) -> Response:
    return Response(status, text.encode("utf-8"))


def xml_doc(text: str, content_type: str = "application/xml") -> Response:
    return Response(200, text.encode("utf-8"), f"{content_type}; charset=utf-8")


def json_doc(data: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Response(status, body, "application/json; charset=UTF-8", headers or {})


def text_doc(text: str, status: int = 200) -> Response:
    return Response(status, text.encode("utf-8"), "text/plain; charset=utf-8")


def redirect(location: str, status: int = 301) -> Response:
    return Response(status, b"", "text/html; charset=utf-8", {"Location": location})


def not_found() -> Response:
    return html_page("<html><body><h1>404 Halaman tidak ditemukan</h1></body></html>", 404)


@cache
def template(name: str) -> Template:
    return Template((DATA / "templates" / name).read_text(encoding="utf-8"))


def render(name: str, **values: str) -> str:
    return template(name).substitute(values)


def tanggal(moment: datetime) -> str:
    """'Rabu, 28 Januari 2026': the date as Indonesian newsrooms print it."""
    return f"{DAYS[moment.weekday()]}, {moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def tanggal_jam(moment: datetime) -> str:
    """'Rabu, 28 Januari 2026 | 10:15 WITA'."""
    offset = moment.utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset is not None else 7
    return f"{tanggal(moment)} | {moment:%H:%M} {ZONES.get(hours, 'WIB')}"


def article_meta(article: Article, canonical: str, site_name: str) -> str:
    """The head tags trafilatura and the crawler read: canonical, Open Graph, dates."""
    description = escape(article.paragraphs[0][:160])
    return "\n".join(
        [
            f'<link rel="canonical" href="{escape(canonical)}">',
            f'<meta name="description" content="{description}">',
            f'<meta property="og:title" content="{escape(article.title)}">',
            '<meta property="og:type" content="article">',
            f'<meta property="og:url" content="{escape(canonical)}">',
            f'<meta property="og:site_name" content="{escape(site_name)}">',
            f'<meta property="article:published_time" content="{article.published.isoformat()}">',
            f'<meta property="article:section" content="{escape(article.section)}">',
            f'<meta name="author" content="{escape(article.author)}">',
        ]
    )


def paragraphs_html(paragraphs: list[str], insert_after: int = -1, insert: str = "") -> str:
    """<p> elements, with an optional box (a 'Baca Juga') after paragraph insert_after."""
    parts = []
    for number, paragraph in enumerate(paragraphs):
        parts.append(f"<p>{escape(paragraph, quote=False)}</p>")
        if number == insert_after:
            parts.append(insert)
    return "\n".join(parts)


def link_list(items: list[tuple[str, str]], css: str = "daftar") -> str:
    """<ul> of (href, label) links."""
    rows = "\n".join(
        f'<li><a href="{escape(href)}">{escape(label)}</a></li>' for href, label in items
    )
    return f'<ul class="{css}">\n{rows}\n</ul>'


def rfc822(moment: datetime) -> str:
    """RSS pubDate; English names as the RSS spec requires."""
    return moment.strftime("%a, %d %b %Y %H:%M:%S %z")


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def sitemap_doc(
    rows: list[tuple[str, str | None, str]], index: bool = False, news: bool = False
) -> Response:
    """A sitemap (or sitemap index) of (loc, lastmod or None, extra child XML) rows."""
    outer, inner = ("sitemapindex", "sitemap") if index else ("urlset", "url")
    namespaces = f'xmlns="{SITEMAP_NS}"' + (f' xmlns:news="{NEWS_NS}"' if news else "")
    body = "\n".join(
        f"<{inner}><loc>{escape(loc)}</loc>"
        + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
        + f"{extra}</{inner}>"
        for loc, lastmod, extra in rows
    )
    return xml_doc(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<{outer} {namespaces}>\n{body}\n</{outer}>\n'
    )
