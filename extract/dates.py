"""Indonesian dates as the press writes them, parsed with dateparser."""

from __future__ import annotations

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
