"""Whether a text is about UHC, JKN or BPJS Kesehatan at all: the one relevance test.

Every stage asks ``is_relevant``: the crawler on a page's body before extraction, the
extractor on the whole page (no keyword anywhere: metadata only) and on the cleaned
article, with a site's own keywords where it has them. Run before anything expensive:
most pages of a regional site are about something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.datafiles import load_vocab

_WORDS = load_vocab("relevance")
DEFAULT_KEYWORDS: tuple[str, ...] = tuple(_WORDS["keywords"])
# Words after a keyword that make it mean something else: "BPJS" alone is nearly always
# BPJS Kesehatan in health news ("kartu BPJS"), but not "BPJS Ketenagakerjaan".
NOT_FOLLOWED_BY: dict[str, tuple[str, ...]] = {
    keyword: tuple(words) for keyword, words in _WORDS["not_followed_by"].items()
}


def _alternative(keyword: str) -> str:
    excluded = NOT_FOLLOWED_BY.get(keyword.casefold())
    escaped = re.escape(keyword) + r"\b"
    if excluded:
        escaped += r"(?!\s+(?:" + "|".join(map(re.escape, excluded)) + r")\b)"
    return escaped


# The keywords of each pattern ``keyword_pattern`` made, lower-cased: a page without any
# of them as a plain substring cannot match, and ``str.lower`` plus ``in`` scan a 150 KB
# page some fifty times faster than the case-insensitive alternation does.
_LITERALS: dict[str, tuple[str, ...]] = {}


def keyword_pattern(keywords: Iterable[str] = DEFAULT_KEYWORDS) -> re.Pattern[str]:
    """One compiled alternation of whole-word keywords, case-insensitive."""
    keywords = tuple(keywords)
    alternatives = sorted({_alternative(k) for k in keywords}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)
    _LITERALS[pattern.pattern] = tuple({k.lower() for k in keywords})
    return pattern


DEFAULT_PATTERN = keyword_pattern()


def is_relevant(text: str, pattern: re.Pattern[str] | None = None) -> bool:
    """``pattern`` (a site's keywords; by default UHC/JKN/BPJS) occurs in ``text``."""
    pattern = pattern or DEFAULT_PATTERN
    literals = _LITERALS.get(pattern.pattern)
    if literals is not None:
        lowered = text.lower()
        if not any(word in lowered for word in literals):
            return False
    return pattern.search(text) is not None


def article_is_relevant(
    title: str | None, text: str, pattern: re.Pattern[str] | None = None
) -> bool:
    """The verdict on a cleaned article: its title and text, not the page's menus."""
    return is_relevant(f"{title or ''}\n{text}", pattern)
