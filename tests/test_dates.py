"""Indonesian date expressions -> exact dates; find_dates gives exact offsets."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.dates import DateMention, find_dates, find_stamps, parse_date, stamp_near


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Selasa (27/1/2026)", date(2026, 1, 27)),
        ("14 Maret 2023", date(2023, 3, 14)),
        ("Selasa, 14 Maret 2023", date(2023, 3, 14)),
        ("27/01/2026 14:05 WIB", date(2026, 1, 27)),
        ("Senin, 26 Januari 2026", date(2026, 1, 26)),
        ("01-08-2025", date(2025, 8, 1)),
        ("26 Jan 2026", date(2026, 1, 26)),
        ("Jumat (1/8/2028)", date(2028, 8, 1)),
        ("Jum'at (1/8/25)", date(2025, 8, 1)),
        ("Rabu, 3 Desember 2025 | 10:30 WITA", date(2025, 12, 3)),
        ("Kupangnews.id 01-08-2025 || 21:01:27", date(2025, 8, 1)),
        ("2026-01-27T14:05:00+07:00", date(2026, 1, 27)),
        ("17 Agt 2025", date(2025, 8, 17)),
        ("5 Pebruari 2024", date(2024, 2, 5)),
        ("January 26, 2026", date(2026, 1, 26)),
    ],
)
def test_parse_date_formats(text, expected):
    assert parse_date(text) == expected


def test_day_month_without_year_takes_the_reference_year():
    assert parse_date("Selasa (27/1)", reference=date(2026, 2, 3)) == date(2026, 1, 27)
    assert parse_date("14 Maret", reference=date(2023, 3, 20)) == date(2023, 3, 14)


def test_day_month_without_year_takes_the_year_nearest_the_reference():
    assert parse_date("Senin (29/12)", reference=date(2026, 1, 3)) == date(2025, 12, 29)
    assert parse_date("Senin (5/1)", reference=date(2025, 12, 30)) == date(2026, 1, 5)


def test_day_month_without_year_and_without_reference_is_unknown():
    assert parse_date("Selasa (27/1)") is None


@pytest.mark.parametrize(
    "text",
    ["", "garbage", "bukan tanggal", "32/13/2025", "31/02/2026", "skor (2/1)", "Rp 1.250.000"],
)
def test_garbage_is_none(text):
    assert parse_date(text) is None


def test_find_dates_offsets_and_values():
    text = "Kupang, Senin (26/1/2026) - Acara puncak Selasa (27/1) dan 14 Maret 2023 lalu."
    assert find_dates(text, reference_year=2026) == [
        DateMention(8, 25, "Senin (26/1/2026)", date(2026, 1, 26), True, 0),
        DateMention(41, 54, "Selasa (27/1)", date(2026, 1, 27), False, 1),
        DateMention(59, 72, "14 Maret 2023", date(2023, 3, 14), True, None),
    ]
    for mention in find_dates(text, reference_year=2026):
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "day", "weekday"),
    [
        ("Senin (27/1/2026)", date(2026, 1, 27), 0),
        ("Selasa, 27, Januari 2026", date(2026, 1, 27), 1),
        ("Jumat, 3 April 2026", date(2026, 4, 3), 4),
        ("Jum'at (3/4/2026)", date(2026, 4, 3), 4),
        ("tanggal 27 Januari 2026", date(2026, 1, 27), None),
    ],
)
def test_the_written_weekday_is_kept_to_check_against_the_date(text, day, weekday):
    (mention,) = find_dates(text)
    assert (mention.date, mention.weekday) == (day, weekday)


def test_find_dates_without_reference_leaves_year_less_mentions_out():
    text = "Digelar Sabtu (31/1) di Ende, Senin, 2 Februari 2026 ditutup."
    assert find_dates(text) == [
        DateMention(30, 52, "Senin, 2 Februari 2026", date(2026, 2, 2), True, 0)
    ]


def test_find_dates_skips_impossible_dates_and_numbers():
    text = "Tanggal 32/13/2025 tidak ada, 29/2/2025 juga; iuran Rp1.250.000 dan 30/4/2025 sah."
    assert [m.date for m in find_dates(text)] == [date(2025, 4, 30)]


def test_find_dates_in_running_text_with_weekday_and_time():
    text = "Diperbarui 27/01/2026 14:05 WIB. Senin, 26 Januari 2026, bupati hadir."
    mentions = find_dates(text)
    assert [(m.text, m.date) for m in mentions] == [
        ("27/01/2026", date(2026, 1, 27)),
        ("Senin, 26 Januari 2026", date(2026, 1, 26)),
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789/-.() SelnJumatMrcpiDsb,", max_size=80))
def test_find_dates_offsets_always_point_at_the_match(text):
    for mention in find_dates(text, reference_year=2026):
        assert text[mention.start : mention.end] == mention.text
        assert mention.date.year >= 1900


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30/01/2026 11:00 WITA", date(2026, 1, 30)),
        ("01/02/2026 08:15 WIB", date(2026, 2, 1)),  # day first: 1 February, not 2 January
        ("12/11/2025 19.30 WIT", date(2025, 11, 12)),
        ("Jumat, 30/01/2026 - 11:00:42 WITA", date(2026, 1, 30)),
        ("Rabu, 3 Desember 2025 | 10:30 WITA", date(2025, 12, 3)),
        ("5-2-2026, pukul 07:05 WIB", date(2026, 2, 5)),
        ("30/01/2026 11:00", date(2026, 1, 30)),
    ],
)
def test_a_stamp_is_a_full_date_with_a_clock_time(text, expected):
    (stamp,) = find_stamps(text)
    assert (stamp.date, stamp.start, stamp.text) == (expected, 0, text)


@pytest.mark.parametrize(
    "text",
    [
        "30/01/2026",  # no time: a date, not a stamp
        "Selasa (27/1) 10:00 WITA",  # no year
        "01/13/2026 09:00 WIB",  # month first is not Indonesian: no 13th month
        "30/01/2026 pukul 25:00 WIB",  # no such hour
        "iuran 30/01/2026 11",  # a number after the date is no time
    ],
)
def test_not_a_stamp(text):
    assert find_stamps(text) == []


HEADLINE = "Warga Rote Keluhkan Kartu JKN Tidak Aktif"


def test_the_stamp_after_the_headline_wins_over_the_sidebar_stamps():
    text = (
        "KANAL\nEkonomi\nTERKINI\nHarga Beras Turun 29/01/2026 09:15 WITA\n"
        f"{HEADLINE}\n30/01/2026 11:00 WITA | Yakobus Ndun\n"
        "Warga mengeluhkan kartu yang tidak aktif. Pendaftaran dibuka 02/02/2026 08:00 WITA."
    )
    assert stamp_near(text, HEADLINE) == date(2026, 1, 30)


def test_a_stamp_written_just_before_the_headline_counts():
    text = f"Beranda > Kesehatan\n01/02/2026 08:15 WIB\n{HEADLINE}\nIsi berita tanpa tanggal."
    assert stamp_near(text, HEADLINE) == date(2026, 2, 1)


def test_headline_spacing_differs_from_the_title():
    text = "Menu\nWarga Rote Keluhkan\n  Kartu JKN Tidak   Aktif\n30/01/2026 11:00 WITA"
    assert stamp_near(text, HEADLINE) == date(2026, 1, 30)


FAR = "Warga mengeluhkan kartu yang tidak aktif sejak awal tahun. " * 8


@pytest.mark.parametrize(
    "text",
    [
        f"{HEADLINE}\n{FAR}\nTERKINI\nHarga Beras Turun 29/01/2026 09:15 WITA",  # too far
        "Harga Beras Turun 29/01/2026 09:15 WITA\nJudul lain tanpa tanggal",  # no headline
        f"{HEADLINE}\nDitulis 30/01/2026 oleh Yakobus Ndun",  # a date without a time
    ],
)
def test_no_stamp_near_the_headline(text):
    assert stamp_near(text, HEADLINE) is None


def test_a_headline_of_one_or_two_words_is_not_looked_for():
    """A sidebar box titled "Pengumuman" stands next to another story's stamp."""
    text = "Menu\nPengumuman\n29/01/2026 09:15 WITA\nDua Kata\n30/01/2026 11:00 WITA"
    assert (stamp_near(text, "Pengumuman"), stamp_near(text, "Dua Kata")) == (None, None)
