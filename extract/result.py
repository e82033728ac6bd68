"""The result of extracting one document: the JSON object `pantau extract` prints
(README, "Extract facts from articles").

Plain dataclasses so every stage (CLI, crawler, store) shares one definition of a fact.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass
class Award:
    region_code: str
    region_name: str
    level: str
    category: str | None
    year: int | None
    recipient_name: str | None
    recipient_title: str | None
    evidence: str


@dataclass
class Official:
    name: str
    title: str


@dataclass
class RegionMention:
    code: str
    name: str
    level: str
    mentions: int


@dataclass
class Result:
    id: Any
    url: str | None
    title: str | None
    published: date | None
    relevant: bool
    event_date: date | None
    text: str = ""
    author: str | None = None
    sitename: str | None = None
    awards: list[Award] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    regions: list[RegionMention] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The object `pantau extract` prints: dates as ISO strings, no cleaned text."""
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "relevant": self.relevant,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "awards": [asdict(a) for a in self.awards],
            "officials": [asdict(o) for o in self.officials],
            "regions": [asdict(r) for r in self.regions],
        }
