"""Regions: the whole Kemendagri list, every press form, shared names decided by context."""

import pytest

from extract.region_patterns import bare_forms
from extract.regions import all_regions


def linked(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(span.text, span.kb_id_) for span in doc.spans["regions"]]


def test_the_list_has_38_provinces_and_514_kabupaten_kota():
    levels = [r.level for r in all_regions().values()]
    assert levels.count("provinsi") == 38
    assert levels.count("kabupaten") + levels.count("kota") == 514


def test_shared_names_are_found_from_the_data():
    shared = {form for form, codes in bare_forms().items() if len(codes) > 1}
    assert {"Kupang", "Bekasi", "Bogor", "Malang", "Sorong", "Tangerang", "Madiun"} <= shared
    assert bare_forms()["Kupang"] == {"53.01", "53.71"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pemerintah Kabupaten Balangan rapat.", ("Pemerintah Kabupaten Balangan", "63.11")),
        ("Kab. Sikka menggelar rapat.", ("Kab. Sikka", "53.07")),
        ("Pemkab Ende menggelar rapat.", ("Pemkab Ende", "53.08")),
        ("Pemkot Binjai menggelar rapat.", ("Pemkot Binjai", "12.75")),
        ("Warga kota Balikpapan antre.", ("kota Balikpapan", "64.71")),
        ("Pemprov NTT menggelar rapat.", ("Pemprov NTT", "53")),
        ("Provinsi Kalimantan Selatan menggelar rapat.", ("Provinsi Kalimantan Selatan", "63")),
        ("Rapat digelar di Kalsel.", ("Kalsel", "63")),
        ("Rapat digelar di Jatim.", ("Jatim", "35")),
        ("Rapat digelar di Balangan.", ("Balangan", "63.11")),
    ],
)
def test_each_press_form_links_to_its_code(nlp, text, expected):
    assert linked(nlp, text) == [expected]


def test_office_before_a_shared_name_decides_it(nlp):
    assert linked(nlp, "Bupati Kupang membuka acara.") == [("Kupang", "53.01")]
    assert linked(nlp, "Walikota Bekasi membuka acara.") == [("Bekasi", "32.75")]
    assert linked(nlp, "Gubernur Gorontalo membuka acara.") == [("Gorontalo", "75")]


def test_shared_name_takes_the_kind_the_article_names_explicitly(nlp):
    text = "Pemkab Malang menggelar rapat. Malang menjadi tuan rumah."
    assert linked(nlp, text) == [("Pemkab Malang", "35.07"), ("Malang", "35.07")]


def test_shared_name_follows_the_offices_the_article_speaks_of(nlp):
    assert linked(nlp, "Sorong bersiap. Bupati menyampaikan rencana.") == [("Sorong", "96.01")]


def test_shared_name_without_any_context_means_the_kota(nlp):
    assert linked(nlp, "Tangerang bersiap.") == [("Tangerang", "36.71")]


def test_a_person_named_like_a_region_is_not_a_region(nlp):
    doc = nlp("Wali Kota Bogor, Bima Arya, membuka acara.")
    assert [(s.text, s.kb_id_) for s in doc.spans["regions"]] == [("Kota Bogor", "32.71")]
