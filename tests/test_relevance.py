"""Relevance: the cheap keyword test that decides which articles are analysed."""

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
