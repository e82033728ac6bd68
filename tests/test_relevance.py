"""Relevance: the cheap keyword test that decides which articles are analysed."""

import re

import pytest

from extract.relevance import is_relevant, keyword_pattern


@pytest.mark.parametrize(
    ("text", "relevant"),
    [
        ("Pemkab Ende meraih UHC Awards 2026.", True),
        ("Warga ditanya mana kartu BPJS saat ke IGD.", True),
        ("Peserta JKN-KIS antre di puskesmas.", True),
        ("BPJS Ketenagakerjaan Kupang membayar klaim jaminan hari tua.", False),
        ("Klaim BPJS TK naik, sementara BPJS Kesehatan menambah kantor.", True),
        ("Harga cabai naik di Pasar Oebobo.", False),
    ],
)
def test_default_keywords(text, relevant):
    assert is_relevant(text) is relevant


def test_a_site_can_bring_its_own_keywords():
    pattern = keyword_pattern(["Jamkesda"])
    assert is_relevant("Program Jamkesda diperluas.", pattern)
    assert not is_relevant("Program JKN diperluas.", pattern)


@pytest.mark.parametrize(
    ("text", "relevant"),
    [
        ("pemkab ende raih uhc awards", True),
        ("Kartu jkn-kis warga", True),
        # the words are there, but not as whole words: the regular expression decides
        ("Lomba MUHC dan BPJSX digelar.", False),
    ],
)
def test_the_substring_check_only_lets_the_pattern_decide(text, relevant):
    assert is_relevant(text) is relevant


def test_a_pattern_not_made_by_keyword_pattern_still_works():
    assert is_relevant("Program Jamkesda diperluas.", re.compile("jamkesda", re.IGNORECASE))


def test_site_keywords_reach_the_extractor(extractor):
    page = (
        b"<html><head><title>Jamkesda Diperluas</title></head><body><article>"
        b"<h1>Jamkesda Diperluas</h1><p>Program Jamkesda Kabupaten Kupang kini menanggung "
        b"seribu warga miskin yang belum terdaftar di program lain.</p></article></body></html>"
    )
    record = {"id": "p", "html": page}
    site = keyword_pattern(["Jamkesda"])
    assert (
        extractor.extract_record(record).relevant,
        extractor.extract_record(record, site).relevant,
    ) == (
        False,
        True,
    )
