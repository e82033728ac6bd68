"""From one input record to a ``Result``: clean, check relevance, run the pipeline.

Irrelevant articles (no UHC/JKN/BPJS words) stop after the cheap keyword test, so the
NLP is paid for only where facts can be.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extract.clean import Cleaned, clean_html, clean_text, decode_html, page_metadata
from extract.components.officials import SPANS_KEY as OFFICIALS_KEY
from extract.components.regions import SPANS_KEY as REGIONS_KEY
from extract.dates import parse_date
from extract.officials import merge_officials
from extract.pipeline import load_pipeline
from extract.regions import all_regions
from extract.relevance import is_relevant
from extract.result import Official, RegionMention, Result

LOG = logging.getLogger(__name__)


class Extractor:
    """Holds the loaded pipeline so a batch pays for loading it once."""

    def __init__(self, nlp: Language | None = None) -> None:
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_pipeline()
        return self._nlp

    def extract_record(self, record: dict[str, Any]) -> Result:
        cleaned = self._clean(record)
        published = cleaned.published
        if record.get("published"):
            published = parse_date(str(record["published"])) or published
        result = Result(
            id=record.get("id"),
            url=record.get("url") or cleaned.url,
            title=cleaned.title,
            published=published,
            relevant=is_relevant(f"{cleaned.title or ''}\n{cleaned.text}"),
            event_date=None,
            text=cleaned.text,
            author=cleaned.author,
            sitename=cleaned.sitename,
        )
        if result.relevant:
            self._analyse(result)
        return result

    @staticmethod
    def _clean(record: dict[str, Any]) -> Cleaned:
        """Cleaned text, or only the metadata of a page with no keyword anywhere in it."""
        html = record.get("html")
        if not html:
            return clean_text(record.get("text", ""))
        page = decode_html(html)
        if not is_relevant(page):
            return page_metadata(page, url=record.get("url"))
        return clean_html(page, url=record.get("url"))

    def _analyse(self, result: Result) -> None:
        text = result.text
        if result.title and not text.startswith(result.title):
            text = f"{result.title}\n{text}"
        limit = self.nlp.max_length
        if len(text) > limit:
            # No news article is this long; its start still says what it is about.
            LOG.warning("%s: text cut to %d characters for analysis", result.id, limit)
            text = text[:limit]
        doc = self.nlp.make_doc(text)
        doc._.published = result.published
        doc = self.nlp(doc)
        result.awards = doc._.awards
        result.event_date = doc._.event_date
        result.officials = [
            Official(name=name, title=title)
            for name, title in merge_officials(
                (s._.person, s._.title) for s in doc.spans[OFFICIALS_KEY] if s._.person
            )
        ]
        result.regions = _region_mentions(doc)


def _region_mentions(doc: Doc) -> list[RegionMention]:
    regions = all_regions()
    counts = Counter(span.kb_id_ for span in doc.spans[REGIONS_KEY])
    return [
        RegionMention(code=code, name=regions[code].name, level=regions[code].level, mentions=n)
        for code, n in counts.items()
    ]
