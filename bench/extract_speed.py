"""How fast `pantau extract` turns HTML into results, against trafilatura alone.

Builds a few hundred pages at run time from the site shells in bench/pages/ (WordPress,
Blogger, big portal) filled with invented articles: UHC/JKN stories (relevant) and sport,
politics and recipes (irrelevant). Prints documents per second for:

- trafilatura alone: ``bare_extraction(html, with_metadata=True)`` with its defaults, and
  with the options pantau uses (no comments, no tables, precision);
- ``clean_html`` alone (trafilatura plus pantau's boilerplate, title and date work);
- the whole path, ``Extractor().extract_record({"html": ...})``, on all pages and on
  relevant and irrelevant pages separately;

and the ratio whole/trafilatura. Goals: ratio >= 0.8; irrelevant pages far cheaper than
relevant ones (the engine skips the NLP for them). Figures only, no asserts.

    .venv/bin/python bench/extract_speed.py [--pages 300] [--rounds 2] [--relevant-every 3]

On a real regional site far fewer than a third of the pages are about UHC/JKN; try
``--relevant-every 10`` for a mix closer to a crawl.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from string import Template

import trafilatura

from extract.clean import EXTRACTION_OPTIONS, clean_html
from extract.engine import Extractor

SHELLS = {
    p.stem: Template(p.read_text(encoding="utf-8"))
    for p in (Path(__file__).parent / "pages").glob("*.html")
}

REGIONS = [
    ("Kupang", "Kabupaten"), ("Belu", "Kabupaten"), ("Malaka", "Kabupaten"),
    ("Ende", "Kabupaten"), ("Sikka", "Kabupaten"), ("Ngada", "Kabupaten"),
    ("Lembata", "Kabupaten"), ("Alor", "Kabupaten"), ("Sumba Timur", "Kabupaten"),
    ("Manggarai Barat", "Kabupaten"), ("Kupang", "Kota"), ("Rote Ndao", "Kabupaten"),
    ("Flores Timur", "Kabupaten"), ("Timor Tengah Selatan", "Kabupaten"),
]  # fmt: skip
PEOPLE = [
    "Yosef Lede", "Maria Goreti Lado", "Agustinus Taolin", "Simon Nahak", "Emilianus Wea",
    "Theresia Nenabu", "Paskalis Tapobali", "Agnes Moi", "Robert Amalo", "Fransiska Wula",
    "Ignasius Kunda", "Yohanes Ama Kelen", "Umbu Lili Pekuwali", "Petrus Bria Seran",
]  # fmt: skip
MENU = ["Daerah", "Politik", "Hukum", "Ekonomi", "Olahraga", "Kesehatan", "Opini", "Video"]
SITES = ["Kabar Flobamora", "PortalNTT.com", "Suara Sumba Timur", "Timor Daily", "Sikka News"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]  # fmt: skip
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

# Paragraph templates ($region, $kind, $person, $number, $category, $weekday, $dm, $year).
RELEVANT = [
    "$kind $region menerima penghargaan Universal Health Coverage (UHC) Award $year kategori "
    "$category dari BPJS Kesehatan di Jakarta, $weekday ($dm/$year).",
    "Penghargaan itu diterima langsung oleh Bupati $region, $person, setelah cakupan kepesertaan "
    "Jaminan Kesehatan Nasional (JKN) mencapai $number persen dari jumlah penduduk.",
    "“Capaian ini adalah kerja bersama seluruh perangkat daerah, puskesmas dan kader JKN di "
    "desa-desa,” kata $person kepada wartawan usai menerima penghargaan.",
    "Kepala BPJS Kesehatan Cabang setempat menyebut keaktifan peserta JKN di $region naik "
    "menjadi $number persen berkat pendaftaran keliling sejak awal tahun lalu.",
    "Pemerintah $kind $region menanggung iuran lebih dari $number ribu warga yang belum "
    "terdaftar sebagai peserta penerima bantuan iuran dari pemerintah pusat.",
    "Menurut dinas kesehatan, masih ada warga di pulau-pulau kecil yang belum memiliki kartu "
    "JKN karena belum tercatat dalam data kependudukan.",
    "Wakil Bupati $region, $person, meminta kepala desa mendata warga yang menunggak iuran "
    "agar kepesertaannya bisa diaktifkan kembali sebelum akhir $year.",
]
IRRELEVANT = [
    # sport
    "Persebata Lembata menang tipis 2-1 atas PSN Ngada dalam lanjutan Liga 3 zona NTT di "
    "Stadion Oepoi, $weekday ($dm/$year) sore.",
    "Pelatih $person mengaku puas dengan permainan anak asuhnya meski sempat tertinggal lebih "
    "dulu pada menit ke-$number.",
    "“Kami bermain disiplin dan sabar menunggu peluang,” ujar $person seusai laga.",
    # politics
    "DPRD $kind $region menggelar rapat paripurna pembahasan rancangan APBD Perubahan, "
    "$weekday ($dm/$year), yang dihadiri $number anggota dewan.",
    "Ketua fraksi, $person, meminta pemerintah daerah memprioritaskan perbaikan jalan desa dan "
    "jaringan air bersih di wilayah selatan.",
    "Sidang sempat diskors selama satu jam karena perbedaan pendapat soal pinjaman daerah.",
    # recipe
    "Jagung bose adalah makanan khas Timor yang dimasak dari jagung putih, kacang merah dan "
    "labu kuning hingga lembut.",
    "Rendam $number gram jagung putih semalaman, lalu rebus bersama kacang merah dengan api "
    "kecil selama dua jam.",
    "Masukkan labu, santan dan sedikit garam, aduk perlahan agar santan tidak pecah, lalu "
    "sajikan hangat bersama sambal lu'at.",
]
HEADLINES_RELEVANT = [
    "$kind $region Raih UHC Award Kategori $category $year",
    "Cakupan JKN Capai $number Persen, $region Terima Penghargaan UHC",
]
HEADLINES_IRRELEVANT = [
    "Persebata Lembata Menang Tipis atas PSN Ngada",
    "DPRD $region Bahas APBD Perubahan $year",
    "Resep Jagung Bose Khas Timor yang Gurih dan Mengenyangkan",
]


def _links(rng: random.Random, count: int) -> str:
    titles = [Template(t).substitute(_fill(rng)) for t in HEADLINES_IRRELEVANT + HEADLINES_RELEVANT]
    return "".join(f'<li><a href="/berita/{i}">{rng.choice(titles)}</a></li>' for i in range(count))


def _fill(rng: random.Random) -> dict[str, str]:
    region, kind = rng.choice(REGIONS)
    day = date(2025, 1, 1) + timedelta(days=rng.randrange(380))
    weekday = WEEKDAYS[day.weekday()]
    return {
        "region": region,
        "kind": kind,
        "person": rng.choice(PEOPLE),
        "number": str(rng.randrange(20, 99)),
        "category": rng.choice(["Utama", "Madya", "Pratama"]),
        "weekday": weekday,
        "dm": f"{day.day}/{day.month}",
        "year": str(day.year),
        "iso": day.isoformat(),
        "date_id": f"{weekday}, {day.day} {MONTHS[day.month - 1]} {day.year}",
    }


def _script_blob(rng: random.Random) -> str:
    """The inline tracking/ads configuration real pages carry (a few kB of JSON)."""
    slots = [
        f'{{"slot":"div-gpt-{i}","sizes":[[300,250],[728,90]],"k":"{rng.random():.8f}"}}'
        for i in range(60)
    ]
    return "var adSlots=[" + ",".join(slots) + "];"  # fmt: skip


def make_page(rng: random.Random, relevant: bool, shell: str) -> str:
    """One invented article in one site shell, with the in-body boilerplate real pages have."""
    values = _fill(rng)
    pool = RELEVANT if relevant else IRRELEVANT
    paragraphs = [Template(p).substitute(values) for p in rng.sample(pool, k=min(len(pool), 7))]
    other = Template(rng.choice(HEADLINES_IRRELEVANT)).substitute(values)
    paragraphs.insert(2, f"Baca juga: <a href='/berita/x'>{other}</a>")
    headline = Template(rng.choice(HEADLINES_RELEVANT if relevant else HEADLINES_IRRELEVANT))
    topic_tags = ("UHC", "JKN") if relevant else rng.sample(MENU, k=2)
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    related = f"<div class='terkait'><h3>Berita Terkait</h3><ul>{_links(rng, 3)}</ul></div>"
    values.update(
        title=headline.substitute(values),
        site=rng.choice(SITES),
        author=rng.choice(PEOPLE),
        editor=rng.choice(PEOPLE),
        today_line=values["date_id"],
        body=body,
        body_br="<br /><br />\n".join(paragraphs),
        body_related=body + related,
        tags=", ".join(f"<a href='/tag/{t}'>{t}</a>" for t in (*topic_tags, values["region"])),
        menu="".join(f"<li><a href='/kanal/{m}'>{m}</a></li>" for m in MENU),
        related=_links(rng, 4),
        popular=_links(rng, 10),
        latest=_links(rng, 30),
        blob=_script_blob(rng),
    )
    return SHELLS[shell].substitute(values)


def make_pages(count: int, every: int = 3, seed: int = 7) -> list[tuple[bool, str]]:
    """``count`` pages, one in ``every`` relevant, round-robin over the shells."""
    rng = random.Random(seed)
    shells = sorted(SHELLS)
    flags = [i % every == 0 for i in range(count)]
    return [(rel, make_page(rng, rel, shells[i % len(shells)])) for i, rel in enumerate(flags)]


def docs_per_second(fn: Callable[[bytes], object], pages: list[bytes], rounds: int) -> float:
    """CPU time of this process, best of ``rounds`` passes: the machine is shared, and wall
    time would measure the neighbours."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for page in pages:
            fn(page)
        best = min(best, time.process_time() - start)
    return len(pages) / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--relevant-every", type=int, default=3, metavar="N")
    args = parser.parse_args()

    pages = make_pages(args.pages, args.relevant_every)
    every = [html.encode("utf-8") for _, html in pages]
    relevant = [html.encode("utf-8") for rel, html in pages if rel]
    irrelevant = [html.encode("utf-8") for rel, html in pages if not rel]
    extractor = Extractor()
    whole = lambda html: extractor.extract_record({"html": html})  # noqa: E731
    for page in every[:5]:
        whole(page)
    hits = sum(extractor.extract_record({"html": p}).relevant for p in relevant)
    misses = sum(extractor.extract_record({"html": p}).relevant for p in irrelevant)
    size = sum(map(len, every)) // len(every)
    print(f"{len(every)} pages ({len(relevant)} relevant, {len(irrelevant)} irrelevant), "
          f"avg {size} bytes; the engine marks relevant {hits}/{len(relevant)} relevant "
          f"and {misses}/{len(irrelevant)} irrelevant pages")  # fmt: skip

    rows = {
        "trafilatura alone, defaults": lambda h: trafilatura.bare_extraction(h, with_metadata=True),
        "trafilatura alone, pantau's options": lambda h: trafilatura.bare_extraction(
            h, **EXTRACTION_OPTIONS
        ),
        "clean_html alone": clean_html,
        "whole extract, all pages": whole,
    }
    rates = {name: docs_per_second(fn, every, args.rounds) for name, fn in rows.items()}
    rates["whole extract, relevant pages"] = docs_per_second(whole, relevant, args.rounds)
    rates["whole extract, irrelevant pages"] = docs_per_second(whole, irrelevant, args.rounds)
    for name, rate in rates.items():
        print(f"{name:40s} {rate:8.1f} docs/s")
    base = rates["trafilatura alone, defaults"]
    print(f"whole / trafilatura defaults:        {rates['whole extract, all pages'] / base:.2f}x")
    same = rates["trafilatura alone, pantau's options"]
    print(f"whole / trafilatura pantau's options: {rates['whole extract, all pages'] / same:.2f}x")
    print(
        "irrelevant / relevant speed:          "
        f"{rates['whole extract, irrelevant pages'] / rates['whole extract, relevant pages']:.2f}x"
    )


if __name__ == "__main__":
    main()
