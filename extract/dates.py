"""Indonesian dates as the press writes them: found by regex, built directly, dateparser last.

Regional news writes dates in a handful of fixed shapes ("Selasa (27/1/2026)", "14 Maret
2023", "27/01/2026 14:05 WIB", "Kupangnews.id 01-08-2025"). A regex finds them cheaply
and already splits day, month and year, so the date is constructed directly; dateparser
(slow, but it knows every other way to write a date) is only asked about a whole string
that none of the shapes matched, and never searches long texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

import dateparser

from extract.datafiles import load_vocab

_NAMES = load_vocab("dates")
# Month names and abbreviations, Indonesian then English: name -> month number.
MONTHS: dict[str, int] = {
    name: int(number) for number, names in _NAMES["months"].items() for name in names
}
# Python's date.weekday() of each weekday name: Monday is 0.
WEEKDAY_NUMBER: dict[str, int] = {
    name: int(number) for number, names in _NAMES["weekdays"].items() for name in names
}
WEEKDAYS = tuple(WEEKDAY_NUMBER)

MIN_YEAR, MAX_YEAR = 1900, 2099

_MONTH = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))

# Every shape starts at "(" or a digit, which keeps the scan fast; a weekday before the
# match ("Selasa, ", "Senin (") is taken in afterwards by ``_WEEKDAY_BEFORE``. The
# lookarounds keep numeric shapes out of longer numbers ("1.250.000", phone numbers).
# Branches name their parts d*/m*/y* so ``_build`` reads them all the same way.
_DATE_RE = re.compile(
    # (27/1/2026), (27/1), (1/8/28): a year-less one counts only after a weekday
    r"\((?P<d1>\d{1,2})/(?P<m1>\d{1,2})(?:/(?P<y1>\d{4}|\d{2}))?\)"
    r"|(?<![\d.,/-])(?:"
    # 2026-01-27 (ISO, as in metadata)
    r"(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
    # 27/01/2026, 01-08-2025, 1.8.2025 (one separator throughout)
    r"|(?P<d3>\d{1,2})(?P<sep>[/.-])(?P<m3>\d{1,2})(?P=sep)(?P<y3>\d{4})"
    # 14 Maret 2023, 26 Jan 2026, 14 Maret
    rf"|(?P<d4>\d{{1,2}}),?\s+(?P<m4>{_MONTH})\b(?:\.?,?\s+(?P<y4>\d{{4}}))?"
    r")(?!\d)",
    re.IGNORECASE,
)
_WEEKDAY_BEFORE = re.compile(
    r"\b(?P<weekday>" + "|".join(map(re.escape, WEEKDAYS)) + r"),?\s*(?:\(\s*)?$", re.IGNORECASE
)
_WEEKDAY_REACH = max(map(len, WEEKDAYS)) + 3
_ZONE = "|".join(sorted(map(re.escape, _NAMES["time_zones"]), key=len, reverse=True))
# A clock time right after a date ("30/01/2026 11:00 WITA", "3 Desember 2025 | 10:30",
# "5-2-2026, pukul 07:05 WIB"): what makes a date a page's time stamp.
_TIME_AFTER = re.compile(
    r"[ \t]*(?:[|,\u2013\u2014-][ \t]*)?(?:(?:pukul|pkl\.?|jam)[ \t]+)?"
    rf"(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?(?![\d.:])(?:[ \t]*(?:{_ZONE})\b)?",
    re.IGNORECASE,
)
# How far from the headline (characters) a page's time stamp is looked for, and how many
# words a headline needs to be told from the same words elsewhere on the page.
STAMP_REACH = 300
MIN_HEADLINE_WORDS = 3


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression in a text; ``has_year`` False when the year came from the
    caller's reference, not from the text; ``weekday`` the day of the week written before
    it ("Senin (27/1/2026)": 0, Monday), which may contradict the date."""

    start: int
    end: int
    text: str
    date: date
    has_year: bool
    weekday: int | None = None


def _closest_year(day: int, month: int, reference: date) -> date | None:
    """The year-less day/month nearest to ``reference``: "(29/12)" in a 3 January article
    is last year's, "(5/1)" in a 30 December article next year's."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs(d - reference), default=None)


def _build(
    match: re.Match[str], reference_year: int | None, reference: date | None
) -> tuple[date, bool] | None:
    """(date, has_year) for a regex match, or None when it names no real date."""
    parts = match.groupdict()
    branch = next(i for i in "1234" if parts[f"d{i}"])
    day, month_text, year_text = parts[f"d{branch}"], parts[f"m{branch}"], parts[f"y{branch}"]
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
    day = int(day)
    if year_text is None:
        if reference is not None:
            found = _closest_year(day, month, reference)
            return (found, False) if found else None
        if reference_year is None:
            return None
        year = reference_year
    else:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
    try:
        return date(year, month, day), year_text is not None
    except ValueError:
        return None


def find_dates(
    text: str, reference_year: int | None = None, *, reference: date | None = None
) -> list[DateMention]:
    """Every date expression in ``text``, in order, with exact character offsets.

    A day/month without year takes ``reference_year``; with ``reference`` (the article's
    own date) it takes whichever year puts it nearest that date instead; with neither it
    is left out, since a made-up year would look like a fact. Impossible dates
    ("32/13/2025") are skipped.
    """
    mentions = []
    for match in _DATE_RE.finditer(text):
        start = match.start()
        weekday = _WEEKDAY_BEFORE.search(text, max(0, start - _WEEKDAY_REACH), start)
        if weekday:
            start = weekday.start()
        elif match["d1"] and not match["y1"]:
            continue
        built = _build(match, reference_year, reference)
        if built is None:
            continue
        written = WEEKDAY_NUMBER[weekday["weekday"].lower()] if weekday else None
        mentions.append(DateMention(start, match.end(), text[start : match.end()], *built, written))
    return mentions


def find_stamps(text: str) -> list[DateMention]:
    """Full dates followed by a clock time (and maybe WIB/WITA/WIT), spanning the time.

    A page stamps its articles so ("30/01/2026 11:00 WITA"); a date in running text rarely
    carries a time, so a stamp beside the headline is the publication date even on a page
    that marks it with nothing else (old table-layout sites). Numeric dates are day first,
    as Indonesian writes them: "01/02/2026" is 1 February.
    """
    stamps = []
    for mention in find_dates(text):
        clock = _TIME_AFTER.match(text, mention.end)
        if mention.has_year and clock:
            end = clock.end()
            stamps.append(replace(mention, end=end, text=text[mention.start : end]))
    return stamps


def stamp_near(text: str, headline: str) -> date | None:
    """The date of the time stamp nearest the headline in a page's ``text``: the first one
    within ``STAMP_REACH`` characters after it, else the last one as close before it.
    Stamps further away belong to other stories (sidebars, "Terkini" lists). None when the
    headline is not in the text (or too short to be told apart): without it, nothing says
    which stamp is the article's."""
    words = headline.split()
    if len(words) < MIN_HEADLINE_WORDS:
        return None
    pattern = re.compile(r"\s+".join(map(re.escape, words)))
    stamps: list[DateMention] | None = None
    for found in pattern.finditer(text):
        stamps = find_stamps(text) if stamps is None else stamps
        after = [s for s in stamps if 0 <= s.start - found.end() <= STAMP_REACH]
        before = [s for s in stamps if 0 <= found.start() - s.end <= STAMP_REACH]
        if after or before:
            return (after[0] if after else before[-1]).date
    return None


_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["day", "month", "year"],
}


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def parse_date(text: str, *, reference: date | None = None) -> date | None:
    """One date expression ("Selasa (27/1/2026)", "14 Maret 2023") -> date, or None.

    The first expression of a known shape wins; a year-less one needs ``reference`` (it
    takes the year nearest to it). Anything else goes to dateparser, which must find a
    day, month and year.
    """
    mentions = find_dates(text, reference=reference)
    if mentions:
        return mentions[0].date
    settings = (
        {**_DATEPARSER_SETTINGS, "RELATIVE_BASE": _midnight(reference)}
        if reference
        else _DATEPARSER_SETTINGS
    )
    parsed = dateparser.parse(text, languages=["id", "en"], settings=settings)
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return parsed.date()
