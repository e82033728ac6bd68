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


def keyword_pattern(keywords: Iterable[str] = DEFAULT_KEYWORDS) -> re.Pattern[str]:
    """One compiled alternation of whole-word keywords, case-insensitive."""
    alternatives = sorted({re.escape(k) for k in keywords}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


_DEFAULT = keyword_pattern()


def is_relevant(text: str, pattern: re.Pattern[str] = _DEFAULT) -> bool:
    return pattern.search(text) is not None
