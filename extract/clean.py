"""HTML or plain text -> the article's title, text, date, author and site name.

Pure functions from bytes to a ``Cleaned`` result; trafilatura does the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import trafilatura

from extract.dates import parse_date


@dataclass
class Cleaned:
    title: str | None
    text: str
    published: date | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None


def clean_html(html: bytes | str, url: str | None = None) -> Cleaned:
    """Main text and metadata of a news page, without navigation or boilerplate."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
    )
    if doc is None:
        return Cleaned(title=None, text="", url=url)
    return Cleaned(
        title=doc.title,
        text=doc.text or "",
        published=parse_date(doc.date) if doc.date else None,
        author=doc.author,
        sitename=doc.sitename,
        url=doc.url or url,
    )


def clean_text(text: str) -> Cleaned:
    """A plain-text article: its first non-empty line is the title."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return Cleaned(title=None, text="")
    return Cleaned(title=lines[0], text="\n".join(lines))
