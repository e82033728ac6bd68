"""When an award was given: the ceremony's date, and the year of a fact that names none.

The ceremony is the date in a sentence about the award with the most ceremony words; a
date alone on its line ("Jakarta-Kamis, 8 Agustus 2024.") speaks for the sentence after
it, and a date in the sentence after one about the award ("Penganugerahan berlangsung
... Selasa (27/1/2026)") counts with its own ceremony words. A date whose weekday does
not fall on it ("Senin (27/1/2026)" when 27 January 2026 was a Tuesday) contradicts
itself, so the article gives no trustworthy date.

A fact's year is the year in the award's name; else the ceremony's; else the article's
own (the dateline's or the first dated line), as the annotation rules say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from extract.components.sentences import doc_text, sentence_at, span_text
from extract.dates import DateMention, find_dates

SHORT_SENTENCE = 10
HEAD_CHARS = 600  # where a dateline or a publication line stands
YEAR_DISTANCE = 1


@dataclass(frozen=True)
class Ceremony:
    """The ceremony's date as the text states it, and whether it can be trusted."""

    day: date | None
    trusted: bool

    @property
    def event_date(self) -> date | None:
        return self.day if self.trusted else None


def ceremony(
    doc: Doc,
    cue_count: Callable[[Span], int],
    is_about_award: Callable[[Span], bool],
    award_year: int | None,
    of_other_award: Callable[[int], bool],
) -> Ceremony:
    """The date with the best-scored sentence; ``cue_count`` scores a sentence, and
    ``of_other_award`` tells a date that follows the name of another award ("penghargaan
    Pelayanan Publik Terbaik ... pada 10 Januari 2026, Pemkab ... kembali meraih UHC")."""
    published: date | None = doc._.published
    reference = award_year or (published.year if published else None)
    best: DateMention | None = None
    best_day, best_score = None, 0
    for mention in find_dates(doc_text(doc), reference_year=reference):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        if of_other_award(span.start):
            continue
        score = _score(doc, sentence_at(doc, span.start), cue_count, is_about_award)
        day: date | None = mention.date
        if reference and mention.has_year and abs(day.year - reference) > YEAR_DISTANCE:
            day = _with_year(day, reference)
        if day is not None and score > best_score:
            best, best_day, best_score = mention, day, score
    trusted = best is not None and best.weekday in (None, best_day.weekday())
    return Ceremony(best_day, trusted)


def _score(
    doc: Doc,
    sent: Span,
    cue_count: Callable[[Span], int],
    is_about_award: Callable[[Span], bool],
) -> int:
    if is_about_award(sent):
        return 2 * cue_count(sent) + 1
    following = _neighbour(doc, sent, after=True)
    if len(sent) <= SHORT_SENTENCE and following is not None and is_about_award(following):
        return cue_count(following)
    before = _neighbour(doc, sent, after=False)
    if before is not None and is_about_award(before):
        return 2 * cue_count(sent)
    return 0


def _neighbour(doc: Doc, sent: Span, *, after: bool) -> Span | None:
    """The next or previous sentence with words in it (a blank line is no sentence)."""
    while True:
        i = sent.end if after else sent.start - 1
        if not 0 <= i < len(doc):
            return None
        sent = sentence_at(doc, i)
        if span_text(sent).strip():
            return sent


def article_year(doc: Doc) -> int | None:
    """The article's own year: its publication date, else the first date written with a
    year (the dateline, "Selasa, 14 Maret 2023 | 10:39 WIB")."""
    published: date | None = doc._.published
    if published:
        return published.year
    dated = [m.date.year for m in find_dates(doc_text(doc)[:HEAD_CHARS]) if m.has_year]
    return dated[0] if dated else None


def _with_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:
        return None
