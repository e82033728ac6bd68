"""A small pantau database for the publishing tests, written by hand.

Three NTT outlets and one Kalimantan Selatan outlet, 2024-2026. The traps: outlets that
disagree on Kota Kupang's 2026 category, a fact without a category, a province-level
award, the head of BPJS Kesehatan named "Ali Ghufron Mukti" and "Ghufron Mukti", a
"Mukti" with another title who is someone else, an article that is not about the award,
and an article whose text carries a <script> tag.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from own_loop import run_in_own_loop

import store
from extract.regions import all_regions
from extract.result import Award, Official, RegionMention, Result
from publish.views import ensure_views

SCRIPT = "<script>alert(1)</script>"

URLS = {
    1: "https://kabarkupang.example/2024/07/kota-kupang-terima-uhc-award-madya",
    2: "https://kabarkupang.example/2026/03/kota-kupang-raih-uhc-award-utama",
    3: "https://flobamoranews.example/berita/dua-daerah-ntt-borong-uhc-award",
    4: "https://suarantt.example/read/pemkot-kupang-dapat-penghargaan-uhc",
    5: "https://banuakalsel.example/2025/08/balangan-sabet-uhc-award-madya",
    6: "https://banuakalsel.example/2026/02/balangan-naik-kelas-uhc-utama",
    7: "https://suarantt.example/read/bpjs-kesehatan-perluas-kepesertaan-jkn",
}

DIRUT = "Direktur Utama BPJS Kesehatan"


def _award(
    code: str,
    year: int,
    category: str | None,
    evidence: str,
    recipient: str | None = None,
    title: str | None = None,
) -> Award:
    region = all_regions()[code]
    return Award(code, region.name, region.level, category, year, recipient, title, evidence)


def _mention(code: str, mentions: int) -> RegionMention:
    region = all_regions()[code]
    return RegionMention(code, region.name, region.level, mentions)


def articles() -> list[tuple[str, Result]]:
    """(site, result) in the order they are stored: article ids 1..7."""
    kupang_2024 = (
        "Pemerintah Kota Kupang menerima UHC Award kategori Madya dari BPJS Kesehatan "
        "di Jakarta, Selasa (9/7/2024)."
    )
    kupang_2026 = "Kota Kupang meraih UHC Award 2026 kategori Utama."
    ntt_2026 = (
        "Kota Kupang dan Kabupaten Sikka sama-sama membawa pulang UHC Award 2026; "
        "Sikka masuk kategori Pratama."
    )
    kupang_madya = "Pemkot Kupang dapat penghargaan UHC kategori Madya tahun 2026."
    sikka_tanpa = "Kabupaten Sikka juga tercatat menerima penghargaan UHC tahun ini."
    balangan_2025 = "Kabupaten Balangan menyabet UHC Award 2025 kategori Madya."
    kalsel_2025 = "Provinsi Kalimantan Selatan sendiri meraih kategori Utama."
    balangan_2026 = "Tahun 2026 Balangan naik kelas ke kategori Utama."
    return [
        (
            "kabarkupang",
            Result(
                id=1,
                url=URLS[1],
                title="Kota Kupang Terima UHC Award Madya",
                published=date(2024, 7, 15),
                relevant=True,
                event_date=date(2024, 7, 9),
                text=kupang_2024 + " Wali Kota Kupang Yohanes Bria menerima langsung piagamnya.",
                awards=[
                    _award("53.71", 2024, "Madya", kupang_2024, "Yohanes Bria", "Wali Kota Kupang")
                ],
                officials=[Official("Yohanes Bria", "Wali Kota Kupang")],
                regions=[_mention("53.71", 3)],
            ),
        ),
        (
            "kabarkupang",
            Result(
                id=2,
                url=URLS[2],
                title="Kota Kupang Raih UHC Award Kategori Utama",
                published=date(2026, 3, 10),
                relevant=True,
                event_date=date(2026, 3, 9),
                text=kupang_2026 + " Direktur Utama BPJS Kesehatan Ali Ghufron Mukti "
                "menyerahkan penghargaan kepada Wali Kota Yohanes Bria.",
                awards=[
                    _award("53.71", 2026, "Utama", kupang_2026, "Yohanes Bria", "Wali Kota Kupang")
                ],
                officials=[
                    Official("Ali Ghufron Mukti", DIRUT),
                    Official("Yohanes Bria", "Wali Kota Kupang"),
                ],
                regions=[_mention("53.71", 2)],
            ),
        ),
        (
            "flobamoranews",
            Result(
                id=3,
                url=URLS[3],
                title="Dua Daerah di NTT Borong UHC Award",
                published=date(2026, 3, 11),
                relevant=True,
                event_date=date(2026, 3, 9),
                text=ntt_2026 + " Ghufron Mukti memuji Bupati Sikka Petrus Wado.",
                awards=[
                    _award("53.71", 2026, "Utama", ntt_2026),
                    _award("53.07", 2026, "Pratama", ntt_2026, "Petrus Wado", "Bupati Sikka"),
                ],
                officials=[
                    Official("Ghufron Mukti", DIRUT),
                    Official("Petrus Wado", "Bupati Sikka"),
                ],
                regions=[_mention("53.71", 1), _mention("53.07", 2)],
            ),
        ),
        (
            "suarantt",
            Result(
                id=4,
                url=URLS[4],
                title="Pemkot Kupang Dapat Penghargaan UHC",
                published=date(2026, 3, 12),
                relevant=True,
                event_date=None,
                text=kupang_madya
                + " "
                + sikka_tanpa
                + " Kepala Puskesmas Oebobo, Mukti, menyambut baik kabar itu.",
                awards=[
                    _award(
                        "53.71", 2026, "Madya", kupang_madya, "Yohanes Bria", "Wali Kota Kupang"
                    ),
                    _award("53.07", 2026, None, sikka_tanpa),
                ],
                officials=[Official("Mukti", "Kepala Puskesmas Oebobo")],
                regions=[_mention("53.71", 2), _mention("53.07", 1)],
            ),
        ),
        (
            "banuakalsel",
            Result(
                id=5,
                url=URLS[5],
                title="Balangan Sabet UHC Award Madya",
                published=date(2025, 8, 5),
                relevant=True,
                event_date=date(2025, 8, 4),
                text=balangan_2025 + " " + kalsel_2025 + " Bupati Balangan Rahmat Hidayat "
                "bersyukur.",
                awards=[
                    _award(
                        "63.11", 2025, "Madya", balangan_2025, "Rahmat Hidayat", "Bupati Balangan"
                    ),
                    _award("63", 2025, "Utama", kalsel_2025),
                ],
                officials=[Official("Rahmat Hidayat", "Bupati Balangan")],
                regions=[_mention("63.11", 2), _mention("63", 1)],
            ),
        ),
        (
            "banuakalsel",
            Result(
                id=6,
                url=URLS[6],
                title="Balangan Naik Kelas, Kini UHC Award Utama",
                published=date(2026, 2, 20),
                relevant=True,
                event_date=date(2026, 2, 18),
                text=balangan_2026 + " " + SCRIPT + " Warga menyambut dengan syukuran.",
                awards=[
                    _award(
                        "63.11", 2026, "Utama", balangan_2026, "Rahmat Hidayat", "Bupati Balangan"
                    )
                ],
                officials=[Official("Rahmat Hidayat", "Bupati Balangan")],
                regions=[_mention("63.11", 1)],
            ),
        ),
        (
            "suarantt",
            Result(
                id=7,
                url=URLS[7],
                title="BPJS Kesehatan Perluas Kepesertaan JKN",
                published=date(2026, 1, 5),
                relevant=False,
                event_date=None,
                text="Direktur Utama BPJS Kesehatan Ali Ghufron Mukti mengajak warga NTT "
                "mendaftar JKN.",
                officials=[Official("Ali Ghufron Mukti", DIRUT)],
                regions=[_mention("53", 1)],
            ),
        ),
    ]


def build(path: Path) -> Path:
    """Store the sample articles in a new pantau database at ``path`` and publish it."""
    db = store.open_db(path)
    for site, result in articles():
        store.save_result(db, result, url=result.url, site=site)
    ensure_views(db)
    db.close()
    return path


def get(ds, path: str, **headers: str):
    """Datasette's async client, run in a loop of its own (``run_in_own_loop``)."""
    return run_in_own_loop(ds.client.get(path, headers=headers))
