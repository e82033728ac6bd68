"""Indonesian dates as the press writes them, parsed with dateparser."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import dateparser

_SETTINGS = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}


def parse_date(text: str, *, reference: date | None = None) -> date | None:
    """One date expression ("Selasa (27/1/2026)", "14 Maret 2023") -> date, or None."""
    settings = dict(_SETTINGS)
    if reference:
        settings["RELATIVE_BASE"] = reference
    parsed = dateparser.parse(text, languages=["id", "en"], settings=settings)
    return parsed.date() if parsed else None


_MONTHS = {
    "januari": 1, "februari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "september": 9, "oktober": 10, "november": 11, "desember": 12,
}
_NUMERIC = re.compile(r"\b(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?\b")
_WORDS = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    date: date
    has_year: bool


def find_dates(text: str, reference_year: int | None = None) -> list[DateMention]:
    """Every day-month(-year) date in a text; a missing year is taken from reference_year."""
    found = []
    for m in _NUMERIC.finditer(text):
        day, month, year = int(m[1]), int(m[2]), m[3]
        y = int(year) if year else reference_year
        if y is None:
            continue
        try:
            found.append(DateMention(m.start(), m.end(), m[0], date(y, month, day), bool(year)))
        except ValueError:
            continue
    for m in _WORDS.finditer(text):
        try:
            d = date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        except ValueError:
            continue
        found.append(DateMention(m.start(), m.end(), m[0], d, True))
    return sorted(found, key=lambda d: d.start)
