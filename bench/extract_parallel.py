"""How much faster `pantau extract --jobs N` is than one process, on a crawl-sized batch.

Generates PAGES news pages at run time (nothing is written to disk) from the templates
below: a regional portal's shell (menu, "Baca juga" box, footer) around an invented
article, about 15 % of them on UHC Awards or JKN (relevant: the NLP runs) and the rest on
markets, sport, weather and roads (irrelevant: the keyword test stops them early), which
is roughly what a regional site publishes. Runs ``extract.pool.extract_many`` over the
same pages with each job count and prints documents per second, the speed-up over one
process, and whether every run found the same facts. Figures only, no asserts.

    .venv/bin/python bench/extract_parallel.py --pages 5000 --jobs 1 2

Worker start-up (spawning and loading the pipeline, a few seconds) is inside the total
time; "steady" is the rate from the first result to the last. "CPU s" adds up the CPU
time of the caller and its workers: when it stays close to one process's, the work is
split without overhead and the wall-clock speed-up is set by how many cores are free.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import time
from collections.abc import Iterator
from html import escape

from extract.pool import extract_many

SHELL = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{title} - {site}</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{iso}T08:{minute:02d}:00+08:00">
</head><body>
<header><a href="/">{site}</a><nav>{menu}</nav></header>
<main><article>
<h1>{title}</h1>
<div class="meta">Penulis: {author} | {weekday}, {day} {month} {year}</div>
{paragraphs}
<div class="baca-juga"><b>Baca juga:</b> <a href="/berita/{other}">{other_title}</a></div>
</article>
<aside><h3>Terpopuler</h3><ul>{popular}</ul></aside></main>
<footer>&copy; {year} {site}. Dilarang mengutip tanpa izin.</footer>
</body></html>"""

SITES = ["Warta Flobamora", "Kabar Lembata", "Suara Sabu Raijua", "Pos Belu Malaka"]
MENU = ["Beranda", "Daerah", "Politik", "Ekonomi", "Olahraga", "Kesehatan", "Opini"]
AUTHORS = ["Yulius Nanga", "Maria Lobo", "Kornelis Tefa", "Agnes Bere", "Daniel Kaho"]
REGIONS = [
    ("Kabupaten", "Lembata"), ("Kabupaten", "Sabu Raijua"), ("Kabupaten", "Belu"),
    ("Kabupaten", "Malaka"), ("Kabupaten", "Nagekeo"), ("Kota", "Kupang"),
    ("Kabupaten", "Sumba Barat Daya"), ("Kabupaten", "Manggarai Timur"),
]  # fmt: skip
HEADS = ["Bupati", "Wakil Bupati", "Sekretaris Daerah"]
PEOPLE = ["Kanis Tuaq", "Paulina Haning", "Vinsen Laka", "Stefanus Dhae", "Lusia Mau"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]  # fmt: skip
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

AWARD = [
    "{kind} {region} kembali meraih penghargaan Universal Health Coverage (UHC) Award "
    "kategori {category} tahun {year} dari BPJS Kesehatan.",
    "Penghargaan diterima langsung oleh {head} {region}, {person}, dalam acara di Jakarta, "
    "{weekday} ({day}/{month_no}/{year}).",
    "Menurut {person}, capaian kepesertaan JKN di {region} sudah melewati 98 persen "
    "penduduk, dengan {number} ribu jiwa ditanggung pemerintah daerah.",
]
JKN = [
    "BPJS Kesehatan Cabang Kupang menggelar sosialisasi program JKN di {kind} {region}.",
    "Warga diminta memastikan kartu JKN aktif sebelum berobat ke puskesmas, kata {person}.",
    "Hingga {month} {year} tercatat {number} ribu peserta mandiri menunggak iuran.",
]
OTHER = {
    "pasar": [
        "Harga cabai di pasar {region} naik menjadi Rp{number} ribu per kilogram.",
        "Pedagang mengeluhkan sepinya pembeli menjelang musim hujan, ujar {person}.",
        "Dinas Perdagangan {kind} {region} berjanji menggelar operasi pasar pekan depan.",
    ],
    "bola": [
        "Persatuan sepak bola {region} menang 2-1 atas tamunya di Stadion Oepoi.",
        "Pelatih {person} memuji semangat pemain muda yang baru pertama kali tampil.",
        "Laga berikutnya digelar {weekday} ({day}/{month_no}/{year}) sore.",
    ],
    "cuaca": [
        "BMKG memperkirakan hujan lebat mengguyur {region} dalam tiga hari ke depan.",
        "Nelayan diimbau tidak melaut karena gelombang bisa mencapai {number} meter.",
        "Warga di bantaran kali diminta waspada banjir, kata {person}.",
    ],
    "jalan": [
        "Ruas jalan provinsi di {kind} {region} rusak parah sepanjang {number} kilometer.",
        "Anggota DPRD {person} meminta perbaikan dianggarkan tahun {year}.",
        "Sopir angkutan pedesaan mengaku harus memutar sejauh dua jam.",
    ],
}
BACKGROUND = [sentence for sentences in OTHER.values() for sentence in sentences]


def _page(rng: random.Random, number: int, relevant_share: float) -> dict:
    kind, region = rng.choice(REGIONS)
    year, month_no, day = rng.choice([2024, 2025, 2026]), rng.randint(1, 12), rng.randint(1, 28)
    values = {
        "kind": kind,
        "region": region,
        "year": year,
        "day": day,
        "month_no": month_no,
        "month": MONTHS[month_no - 1],
        "weekday": rng.choice(WEEKDAYS),
        "person": rng.choice(PEOPLE),
        "head": rng.choice(HEADS),
        "number": rng.randint(2, 90),
        "category": rng.choice(["Utama", "Madya", "Pratama"]),
    }
    if rng.random() < relevant_share:
        sentences = AWARD if rng.random() < 0.5 else JKN
        title = f"{kind} {region}: kabar JKN dan UHC {year}"
    else:
        topic = rng.choice(sorted(OTHER))
        sentences = OTHER[topic]
        title = f"{topic.capitalize()} di {region} jadi perbincangan warga"
    filler = rng.sample(BACKGROUND, 4)  # long articles, mostly background
    paragraphs = [s.format(**values) for s in [*sentences, *filler]]
    html = SHELL.format(
        title=escape(title),
        site=rng.choice(SITES),
        iso=f"{year}-{month_no:02d}-{day:02d}",
        minute=number % 60,
        menu="".join(f"<a href='/{m.lower()}'>{m}</a>" for m in MENU),
        author=rng.choice(AUTHORS),
        weekday=values["weekday"],
        day=day,
        month=values["month"],
        year=year,
        paragraphs="\n".join(f"<p>{escape(p)}</p>" for p in paragraphs),
        other=number + 1,
        other_title="Jadwal kapal feri pekan ini berubah",
        popular="".join(f"<li><a href='/b/{number - i}'>Berita {i}</a></li>" for i in range(5)),
    )
    return {"id": number, "url": f"https://warta.example/berita/{number}", "html": html}


def pages(count: int, relevant_share: float, seed: int = 7) -> Iterator[dict]:
    """The same ``count`` pages for every run (seeded), generated as they are consumed."""
    rng = random.Random(seed)
    for number in range(count):
        yield _page(rng, number, relevant_share)


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(count: int, jobs: int, relevant_share: float) -> dict:
    cpu = _cpu_seconds()
    started = time.perf_counter()
    first = None
    relevant = facts = 0
    for result in extract_many(pages(count, relevant_share), jobs):
        first = first or time.perf_counter()
        relevant += result.relevant
        facts += len(result.awards)
    ended = time.perf_counter()
    return {
        "jobs": jobs,
        "seconds": ended - started,
        "rate": count / (ended - started),
        "steady": (count - 1) / (ended - first) if count > 1 else float("nan"),
        "relevant": relevant,
        "facts": facts,
        "cpu": _cpu_seconds() - cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--relevant", type=float, default=0.15, help="share of UHC/JKN pages")
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{args.pages} pages, {args.relevant:.0%} about UHC/JKN; {os.cpu_count()} CPUs, "
        f"load average {load} (other work on the machine caps the speed-up)"
    )
    print(
        f"{'jobs':>4} {'seconds':>8} {'docs/s':>8} {'steady':>8} {'speed-up':>8} "
        f"{'CPU s':>7}  facts"
    )
    base = None
    for jobs in args.jobs:
        r = run(args.pages, jobs, args.relevant)
        base = base or r["rate"]
        print(
            f"{jobs:>4} {r['seconds']:>8.1f} {r['rate']:>8.1f} {r['steady']:>8.1f} "
            f"{r['rate'] / base:>7.2f}x {r['cpu']:>7.1f}  "
            f"{r['relevant']} relevant, {r['facts']} award facts"
        )


if __name__ == "__main__":
    main()
