"""From one input record to a ``Result``: clean, check relevance, run the pipeline."""

from __future__ import annotations

from typing import Any

from extract.clean import Cleaned, clean_html, clean_text
from extract.dates import parse_date
from extract.relevance import is_relevant
from extract.result import Result


class Extractor:
    """Holds the loaded pipeline so a batch pays for loading it once."""

    def extract_record(self, record: dict[str, Any]) -> Result:
        html = record.get("html")
        cleaned: Cleaned = (
            clean_html(html, url=record.get("url")) if html else clean_text(record.get("text", ""))
        )
        published = cleaned.published
        if record.get("published"):
            published = parse_date(str(record["published"])) or published
        return Result(
            id=record.get("id"), url=record.get("url") or cleaned.url, title=cleaned.title,
            published=published, relevant=is_relevant(cleaned.text), event_date=None,
            text=cleaned.text, author=cleaned.author, sitename=cleaned.sitename,
        )
