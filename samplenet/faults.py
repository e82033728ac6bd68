"""The misbehaviour a crawler meets on real sites, switched on with faults=True.

Counters are per network, so each SampleNetwork starts with fresh 503s.
"""

from __future__ import annotations

import threading
from collections import Counter

from samplenet.render import Response, html_page

FLAKY_FAILURES = 2
BIG_PAGE_BYTES = 8 * 1024 * 1024
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)


class Faults:
    """``hostile`` adds the site "rusak"; ``hang_seconds`` is how long its robots.txt and
    its dripping page keep a crawler waiting (longer than any download timeout)."""

    def __init__(
        self,
        enabled: bool,
        slow_seconds: float,
        hostile: bool = False,
        hang_seconds: float = 60.0,
    ) -> None:
        self.enabled = enabled
        self.slow_seconds = slow_seconds
        self.hostile = hostile
        self.hang_seconds = hang_seconds
        self._hits: Counter[str] = Counter()
        self._lock = threading.Lock()

    def flaky(self, key: str) -> Response | None:
        """503 for the first FLAKY_FAILURES requests of key, then None (serve normally)."""
        if not self.enabled:
            return None
        with self._lock:
            self._hits[key] += 1
            failing = self._hits[key] <= FLAKY_FAILURES
        if failing:
            page = html_page("<html><body><h1>503 Service Unavailable</h1></body></html>", 503)
            page.headers["Retry-After"] = "1"
            return page
        return None

    def delay(self) -> float:
        return self.slow_seconds if self.enabled else 0.0


def server_error() -> Response:
    return html_page("<html><body><h1>500 Internal Server Error</h1></body></html>", 500)


def pdf_body() -> Response:
    return Response(200, TINY_PDF, "application/pdf")


def truncated(page: Response) -> Response:
    page.truncate = True
    return page


def big_page(title: str) -> Response:
    """An 8 MB photo-gallery page: a real article head and endless captions."""
    caption = (
        '<figure><img src="/foto/pawai.jpg"><figcaption>Peserta pawai budaya '
        "mengenakan tenun ikat.</figcaption></figure>\n"
    )
    head = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>\n"
    repeats = BIG_PAGE_BYTES // len(caption) + 1
    return html_page(head + caption * repeats + "</body></html>")
