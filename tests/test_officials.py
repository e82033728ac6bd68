"""Officials: the title as written, the name without honorifics or degrees, once per person."""

import pytest

from extract.officials import merge_officials


def officials(extract_text, text: str) -> list[tuple[str, str]]:
    return [(o["name"], o["title"]) for o in extract_text(f"Berita JKN\n{text}")["officials"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bupati Ende, Drs. H. Yosef Seda, MAP, membuka acara.", ("Yosef Seda", "Bupati Ende")),
        (
            "Kepala Dinas Kesehatan Kota Kupang, drg. Maria Lero, M.Kes, hadir.",
            ("Maria Lero", "Kepala Dinas Kesehatan Kota Kupang"),
        ),
        (
            "Wakil Gubernur NTB, Hj. Siti Aminah, S.E., M.M. hadir.",
            ("Siti Aminah", "Wakil Gubernur NTB"),
        ),
        (
            "Acara dibuka Wali Kota Bekasi Tri Hartono yang didampingi istri.",
            ("Tri Hartono", "Wali Kota Bekasi"),
        ),
        (
            "Direktur Utama BPJS Kesehatan, Prof. dr. Hendra Saputra, Ph.D, memberi sambutan.",
            ("Hendra Saputra", "Direktur Utama BPJS Kesehatan"),
        ),
        (
            "Menteri Dalam Negeri Yusuf Rahman dan Menteri Kesehatan Budi Wirawan hadir.",
            ("Yusuf Rahman", "Menteri Dalam Negeri"),
        ),
        (
            "Kepala Cabang BPJS Kesehatan Kupang, Ir. Ns. Agustina Bria, S.Kep, menjelaskan.",
            ("Agustina Bria", "Kepala Cabang BPJS Kesehatan Kupang"),
        ),
        (
            "Sekda Kabupaten Sikka, Dra. Hj. Rosa Mbete, M.Si, mewakili Bupati.",
            ("Rosa Mbete", "Sekda Kabupaten Sikka"),
        ),
        ("Camat Oebobo, Jefri Mas’ud, hadir.", ("Jefri Mas'ud", "Camat Oebobo")),
        (
            "Plt Kepala Badan Keuangan Daerah (BKD) Kabupaten Ende Markus Wangge hadir.",
            ("Markus Wangge", "Plt Kepala Badan Keuangan Daerah (BKD) Kabupaten Ende"),
        ),
        (
            "Menteri Koordinator Bidang Pemberdayaan Masyarakat, Dr. (HC) Drs. Rahmat Saleh, "
            "memberi sambutan.",
            ("Rahmat Saleh", "Menteri Koordinator Bidang Pemberdayaan Masyarakat"),
        ),
        (
            "Gubernur Sultra Mayjen TNI (Purn) La Ode Karim hadir.",
            ("La Ode Karim", "Gubernur Sultra"),
        ),
        (
            "Wakil Menteri Dalam Negeri Bima Wicaksono membuka acara.",
            ("Bima Wicaksono", "Wakil Menteri Dalam Negeri"),
        ),
    ],
)
def test_title_and_name_without_honorifics(extract_text, text, expected):
    assert officials(extract_text, text)[0] == expected


def test_a_title_without_a_name_is_no_official(extract_text):
    text = "Peraturan Wali Kota Kupang Nomor 18 Tahun 2025 mengatur kartu BPJS. Wali Kota hadir."
    assert officials(extract_text, text) == []


def test_a_name_stops_at_the_end_of_a_headline_line(extract_text):
    text = "Penghargaan Diterima Langsung Bupati Ende\nPenghargaan itu diterima di Jakarta."
    assert officials(extract_text, text) == []


def test_the_same_person_is_listed_once_with_fullest_name_and_title():
    merged = merge_officials(
        [
            ("Ghufron Mukti", "Direktur BPJS Kesehatan"),
            ("Ali Ghufron Mukti", "Direktur Utama BPJS Kesehatan"),
            ("Abdul Hadi", "Bupati Balangan"),
        ]
    )
    assert merged == [
        ("Ali Ghufron Mukti", "Direktur Utama BPJS Kesehatan"),
        ("Abdul Hadi", "Bupati Balangan"),
    ]
