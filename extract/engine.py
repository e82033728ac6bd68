"""From one input record to a ``Result``: clean, check relevance, run the pipeline.

Irrelevant articles (no UHC/JKN/BPJS words) stop after the cheap keyword test, so the
NLP is paid for only where facts can be; spaCy is not even imported until the first
relevant article, so a batch of irrelevant pages starts in a fraction of a second.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from extract.clean import Cleaned, clean_html, clean_text, decode_html, page_metadata
from extract.dates import parse_date
from extract.relevance import article_is_relevant, is_relevant
from extract.result import Official, RegionMention, Result

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

LOG = logging.getLogger(__name__)


class Extractor:
    """Holds the loaded pipeline so a batch pays for loading it once."""

    def __init__(self, nlp: Language | None = None) -> None:
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from extract.pipeline import load_pipeline

            self._nlp = load_pipeline()
        return self._nlp

    def extract_record(
        self, record: dict[str, Any], keywords: re.Pattern[str] | None = None
    ) -> Result:
        """``keywords``: a site's own relevance keywords (``keyword_pattern``), if it has any."""
        cleaned = self.clean(record, keywords)
        published = cleaned.published
        if record.get("published"):
            published = parse_date(str(record["published"])) or published
        result = Result(
            id=record.get("id"),
            url=record.get("url") or cleaned.url,
            title=cleaned.title,
            published=published,
            relevant=article_is_relevant(cleaned.title, cleaned.text, keywords),
            event_date=None,
            text=cleaned.text,
            author=cleaned.author,
            sitename=cleaned.sitename,
        )
        if result.relevant:
            self._analyse(result)
        return result

    @staticmethod
    def clean(record: dict[str, Any], keywords: re.Pattern[str] | None = None) -> Cleaned:
        """Cleaned text, or only the metadata of a page with no keyword anywhere in it."""
        html = record.get("html")
        if not html:
            return clean_text(record.get("text", ""))
        page = decode_html(html)
        if not is_relevant(page, keywords):
            return page_metadata(page, url=record.get("url"))
        return clean_html(page, url=record.get("url"))

    def tokenized(self, result: Result) -> Doc:
        """The doc the pipeline reads for ``result``: its title and text, tokenized, with
        the publication date the award rules date facts by."""
        from extract.components.sentences import TEXT_KEY

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
        doc.user_data[TEXT_KEY] = text
        return doc

    def _analyse(self, result: Result) -> None:
        from extract.components.officials import SPANS_KEY as OFFICIALS_KEY
        from extract.officials import merge_officials

        doc = self.nlp(self.tokenized(result))
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
    from extract.components.regions import SPANS_KEY as REGIONS_KEY
    from extract.regions import all_regions

    regions = all_regions()
    counts = Counter(span.kb_id_ for span in doc.spans[REGIONS_KEY])
    return [
        RegionMention(code=code, name=regions[code].name, level=regions[code].level, mentions=n)
        for code, n in counts.items()
    ]
