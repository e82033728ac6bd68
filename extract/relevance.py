"""A cheap test of whether an article is about UHC, JKN or BPJS Kesehatan at all.

Run before anything expensive: most pages of a regional site are about something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

DEFAULT_KEYWORDS: tuple[str, ...] = (
    "UHC",
    "Universal Health Coverage",
    "JKN",
    "Jaminan Kesehatan Nasional",
    "BPJS Kesehatan",
    "BPJS",
)

# Words after a keyword that make it mean something else: "BPJS" alone is nearly always
# BPJS Kesehatan in health news ("kartu BPJS"), but not "BPJS Ketenagakerjaan".
NOT_FOLLOWED_BY: dict[str, tuple[str, ...]] = {"bpjs": ("Ketenagakerjaan", "TK")}


def _alternative(keyword: str) -> str:
    excluded = NOT_FOLLOWED_BY.get(keyword.casefold())
    escaped = re.escape(keyword) + r"\b"
    if excluded:
        escaped += r"(?!\s+(?:" + "|".join(map(re.escape, excluded)) + r")\b)"
    return escaped


def keyword_pattern(keywords: Iterable[str] = DEFAULT_KEYWORDS) -> re.Pattern[str]:
    """One compiled alternation of whole-word keywords, case-insensitive."""
    alternatives = sorted({_alternative(k) for k in keywords}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


_DEFAULT = keyword_pattern()


def is_relevant(text: str, pattern: re.Pattern[str] = _DEFAULT) -> bool:
    return pattern.search(text) is not None
