"""Earlier awards an article states in passing: each is a fact of its own year.

"sejak tahun 2023 meraih UHC", "pada tahun 2024 ... telah meraih Penghargaan UHC dengan
kriteria Pratama", "pertama pernah menerima di tahun 2024", "dari kategori Pratama pada
2025 menjadi Madya pada 2026", "tahun sebelumnya ... telah lebih dulu meraih ... kategori
Pratama". A year counts when a history cue ("sejak", "pada", "di tahun") stands just
before it and it is not part of a date ("1 Januari 2017") nor later than the award's own
year; the category is the one written just before "pada 2025", else the first one after
the year and before the next year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from extract.dates import MONTHS

YEAR = re.compile(r"^(19|20)\d\d$")
CUE_REACH = 2
CATEGORY_BEFORE = 3
VERB_REACH = 8
RANGE_WORDS = {"hingga", "sampai", "-", "–", "dan", "s/d"}


@dataclass(frozen=True)
class PastAward:
    year: int
    category: str | None


def past_awards(
    sent: Span,
    award_year: int | None,
    categories: dict[int, str],
    cue_words: set[str],
    previous_year_ends: list[int],
    win_verbs: list[int],
) -> list[PastAward]:
    """The earlier awards stated in one sentence (already known to state a win). The year
    must stand near a verb of winning: "... mencapai 89 persen peserta aktif pada tahun
    2025", far from "diberikan", is the year of a figure, not of an award."""
    doc = sent.doc
    years = [
        t.i
        for t in sent
        if YEAR.match(t.text)
        and _is_history_year(doc, t.i, cue_words)
        and any(abs(t.i - v) <= VERB_REACH for v in win_verbs)
    ]
    found = []
    for n, i in enumerate(years):
        year = int(doc[i].text)
        if award_year is not None and year >= award_year:
            continue
        later = [j for j in years[n + 1 :] if not _joined(doc, i, j)]
        stop = later[0] if later else sent.end
        found.append(PastAward(year, _category_for(sent, i, stop, categories)))
    if award_year is not None:
        for end in previous_year_ends:
            if sent.start <= end < sent.end:
                found.append(
                    PastAward(award_year - 1, _category_for(sent, end, sent.end, categories))
                )
    return found


def _joined(doc, i: int, j: int) -> bool:
    """ "Sejak 2023 hingga 2024": a range of years shares what is said after it."""
    return all(t.lower_ in RANGE_WORDS for t in doc[i + 1 : j]) and j - i <= 2


def _is_history_year(doc, i: int, cue_words: set[str]) -> bool:
    before = doc[max(0, i - CUE_REACH) : i]
    if not len(before) or before[-1].lower_ in MONTHS or before[-1].like_num:
        return False
    return any(t.lower_ in cue_words for t in before)


def _category_for(sent: Span, at: int, stop: int, categories: dict[int, str]) -> str | None:
    before = [c for i, c in categories.items() if at - CATEGORY_BEFORE - 1 <= i < at - 1]
    if before:
        return before[-1]
    after = sorted((i, c) for i, c in categories.items() if at < i < stop)
    return after[0][1] if after else None
