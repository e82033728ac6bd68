"""Invented Indonesian regional news pages of real size and shape, for the benchmarks.

Real article pages weigh 50-200 KB (128 KB on average) and the article is a small part of
them: a <head> of meta tags and tracking scripts, inline ad and analytics configuration,
a mega menu, sidebars of popular and latest headlines, a comment section, a footer of
links and HTML comments left by the CMS. ``make_page`` builds that around an invented
article. Relevant pages tell a UHC Award or JKN story; irrelevant ones (sport, markets,
roads, recipes) carry no UHC, JKN or BPJS word anywhere, sidebars included, so they
measure the cheap path. Deterministic for a seed; nothing is read from disk.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

REGIONS = [
    ("Kabupaten", "Lembata"), ("Kabupaten", "Sabu Raijua"), ("Kabupaten", "Belu"),
    ("Kabupaten", "Malaka"), ("Kabupaten", "Nagekeo"), ("Kota", "Kupang"),
    ("Kabupaten", "Sumba Barat Daya"), ("Kabupaten", "Manggarai Timur"),
    ("Kabupaten", "Flores Timur"), ("Kabupaten", "Timor Tengah Selatan"),
]  # fmt: skip
PEOPLE = [
    "Kanis Tuaq", "Paulina Haning", "Vinsen Laka", "Stefanus Dhae", "Lusia Mau",
    "Yosef Lede", "Maria Goreti Lado", "Agustinus Taolin", "Simon Nahak", "Agnes Moi",
]  # fmt: skip
SITES = ["Warta Flobamora", "Kabar Lembata", "Suara Sabu Raijua", "Pos Belu Malaka"]
MENU = ["Beranda", "Daerah", "Politik", "Hukum", "Ekonomi", "Olahraga", "Pendidikan",
        "Wisata", "Opini", "Video", "Foto", "Indeks"]  # fmt: skip
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember"]  # fmt: skip
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

RELEVANT = [
    "{kind} {region} menerima penghargaan Universal Health Coverage (UHC) Award {year} "
    "kategori {category} dari BPJS Kesehatan di Jakarta, {weekday} ({dm}/{year}).",
    "Penghargaan itu diterima langsung oleh Bupati {region}, {person}, setelah cakupan "
    "kepesertaan Jaminan Kesehatan Nasional (JKN) mencapai {number} persen penduduk.",
    "“Capaian ini adalah kerja bersama seluruh perangkat daerah, puskesmas dan kader JKN di "
    "desa-desa,” kata {person} kepada wartawan usai menerima penghargaan.",
    "Kepala BPJS Kesehatan Cabang setempat menyebut keaktifan peserta JKN di {region} naik "
    "menjadi {number} persen berkat pendaftaran keliling sejak awal tahun lalu.",
]
# Filler of both kinds of article: long, ordinary sentences without any keyword.
FILLER = [
    "Pemerintah {kind} {region} menyiapkan anggaran tambahan untuk perbaikan jalan desa "
    "yang rusak akibat hujan deras sepanjang bulan lalu, terutama di wilayah selatan.",
    "Menurut {person}, warga di pulau-pulau kecil masih kesulitan menjangkau pusat "
    "pelayanan karena kapal penyeberangan hanya berlayar dua kali dalam sepekan.",
    "Rapat koordinasi yang digelar di aula kantor bupati itu dihadiri camat, kepala desa "
    "dan tokoh masyarakat dari {number} desa di kecamatan yang berbatasan dengan Timor Leste.",
    "Sejumlah pedagang di pasar tradisional mengeluhkan harga bawang dan cabai yang naik "
    "hampir dua kali lipat menjelang musim tanam, kata {person}.",
    "Ia berharap program ini dapat berjalan berkelanjutan dan tidak berhenti hanya pada "
    "seremoni, sebab masyarakat menunggu hasil yang nyata di lapangan.",
    "Persebata Lembata menang tipis 2-1 atas PSN Ngada dalam lanjutan Liga 3 zona NTT di "
    "Stadion Oepoi, {weekday} ({dm}/{year}) sore, disaksikan ribuan penonton.",
    "Jagung bose dimasak dari jagung putih, kacang merah dan labu kuning hingga lembut, lalu "
    "disajikan hangat bersama sambal lu'at dan ikan kuah asam.",
    "Kepala dinas yang baru dilantik bulan lalu itu mengaku sudah turun ke {number} desa untuk "
    "mendengar langsung keluhan warga soal air bersih, listrik dan sinyal telepon.",
    "Anggota DPRD dari daerah pemilihan setempat meminta pemerintah provinsi ikut menanggung "
    "biaya pembangunan jembatan yang putus diterjang banjir awal tahun ini.",
    "Sementara itu, para petani di lembah yang subur itu berharap harga gabah tidak turun lagi "
    "seperti musim panen sebelumnya, ketika tengkulak membeli jauh di bawah harga pemerintah.",
    "Kegiatan ditutup dengan makan bersama dan tarian adat yang dibawakan pelajar sekolah "
    "menengah, disaksikan ratusan warga yang datang dari kampung-kampung sekitar.",
]
HEADLINES = [
    "Persebata Lembata Menang Tipis atas PSN Ngada",
    "DPRD {region} Bahas APBD Perubahan {year}",
    "Harga Cabai di Pasar {region} Naik Jelang Musim Hujan",
    "Jalan Desa di {region} Rusak Parah, Warga Minta Perbaikan",
    "Resep Jagung Bose Khas Timor yang Gurih dan Mengenyangkan",
    "Festival Tenun Ikat {region} Dibuka Wakil Gubernur",
    "Kapal Penyeberangan ke {region} Batal Berlayar karena Cuaca",
]
RELEVANT_HEADLINES = [
    "{kind} {region} Raih UHC Award Kategori {category} {year}",
    "Cakupan JKN Capai {number} Persen, {region} Terima Penghargaan UHC",
]
WIDGETS = ["Terpopuler", "Terkini", "Pilihan Redaksi"]
COMMENTS = [
    "Mantap, semoga pembangunan di daerah kita makin maju.",
    "Jalan ke kampung kami juga rusak pak, mohon diperhatikan.",
    "Terima kasih infonya, sangat bermanfaat.",
]


def _fill(rng: random.Random) -> dict[str, str]:
    kind, region = rng.choice(REGIONS)
    day = date(2025, 1, 1) + timedelta(days=rng.randrange(380))
    return {
        "kind": kind,
        "region": region,
        "person": rng.choice(PEOPLE),
        "number": str(rng.randrange(20, 99)),
        "category": rng.choice(["Utama", "Madya", "Pratama"]),
        "weekday": WEEKDAYS[day.weekday()],
        "dm": f"{day.day}/{day.month}",
        "year": str(day.year),
        "iso": day.isoformat(),
        "long_date": f"{WEEKDAYS[day.weekday()]}, {day.day} {MONTHS[day.month - 1]} {day.year}",
    }


def _links(rng: random.Random, count: int, cls: str) -> str:
    items = []
    for i in range(count):
        title = rng.choice(HEADLINES).format(**_fill(rng))
        slug = "-".join(title.lower().split()[:6])
        items.append(
            f'<li class="{cls}-item"><a href="/berita/{rng.randrange(10**6)}/{slug}" '
            f'title="{title}"><img src="/img/thumb-{i}.jpg" alt="{title}" loading="lazy" '
            f'width="120" height="80"><span class="{cls}-title">{title}</span></a>'
            f"<time>{i + 1} jam lalu</time></li>"
        )
    return "\n".join(items)


def _script(rng: random.Random, slots: int) -> str:
    """Inline ad and analytics configuration, as real pages carry (several kB each)."""
    config = ",".join(
        f'{{"slot":"div-gpt-ad-{i}","sizes":[[300,250],[728,90],[320,100]],'
        f'"targeting":{{"kanal":"{rng.choice(MENU).lower()}","pos":"{i}"}},'
        f'"refresh":{rng.randrange(30, 90)},"key":"{rng.getrandbits(64):016x}"}}'
        for i in range(slots)
    )
    return (
        "<script>window.googletag=window.googletag||{cmd:[]};var adSlots=["
        + config
        + "];googletag.cmd.push(function(){adSlots.forEach(function(s){googletag.defineSlot("
        "'/21/'+s.slot,s.sizes,s.slot).addService(googletag.pubads());});});</script>"
    )


def _article(rng: random.Random, values: dict[str, str], relevant: bool) -> list[str]:
    paragraphs = [p.format(**values) for p in rng.sample(FILLER, k=rng.randrange(8, 11))]
    if relevant:
        for position, sentence in enumerate(RELEVANT[: rng.randrange(2, 5)]):
            paragraphs.insert(position * 2, sentence.format(**values))
    other = rng.choice(HEADLINES).format(**values)
    paragraphs.insert(2, f"<strong>Baca juga:</strong> <a href='/berita/1'>{other}</a>")
    return paragraphs


def make_page(rng: random.Random, relevant: bool, size: int) -> str:
    """One page of about ``size`` bytes (the sidebars and scripts grow to reach it)."""
    values = _fill(rng)
    headline = rng.choice(RELEVANT_HEADLINES if relevant else HEADLINES).format(**values)
    site = rng.choice(SITES)
    body = "\n".join(f"<p>{p}</p>" for p in _article(rng, values, relevant))
    menu = "".join(
        f'<li class="menu-item"><a href="/kanal/{m.lower()}">{m}</a><ul class="sub-menu">'
        + "".join(f'<li><a href="/kanal/{m.lower()}/{r.lower()}">{r}</a></li>' for _, r in REGIONS)
        + "</ul></li>"
        for m in MENU
    )
    comments = "".join(
        f'<li class="comment"><b>{rng.choice(PEOPLE)}</b><p>{rng.choice(COMMENTS)}</p></li>'
        for _ in range(rng.randrange(2, 8))
    )
    head = f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>{headline} - {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{headline}">
<meta property="og:title" content="{headline}"><meta property="og:site_name" content="{site}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{values["iso"]}T08:15:00+08:00">
<link rel="stylesheet" href="/wp-content/themes/portal/style.css?ver=6.4.2">
<!-- Google Tag Manager --><script async src="https://www.googletagmanager.com/gtm.js"></script>
<!-- End Google Tag Manager -->
</head><body class="single single-post">
<!-- header -->
<header id="masthead"><div class="logo"><a href="/">{site}</a></div>
<div class="date-bar">{values["long_date"]}</div>
<nav id="main-nav"><ul class="menu">{menu}</ul></nav></header>
<div class="breaking-news"><ul>{_links(rng, 8, "breaking")}</ul></div>
<main id="content"><article class="post">
<h1 class="entry-title">{headline}</h1>
<div class="entry-meta"><span class="author">Penulis: {rng.choice(PEOPLE)}</span> |
<span class="posted-on">{values["long_date"]}</span></div>
<div class="share">Bagikan: WhatsApp Facebook Twitter Telegram</div>
<div class="entry-content">
{body}
<p>Editor: {rng.choice(PEOPLE)}</p>
</div>
<div class="tags">Tag: <a href="/tag/{values["region"].lower()}">{values["region"]}</a></div>
<!-- .entry-content -->
<section class="related"><h3>Berita Terkait</h3><ul>{_links(rng, 6, "related")}</ul></section>
<section id="comments"><h3>Komentar</h3><ol>{comments}</ol>
<form action="/wp-comments-post.php"><textarea name="comment"></textarea></form></section>
</article>
"""
    tail = f"""
<footer id="colophon"><ul>{"".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)}
</ul><p>&copy; {values["year"]} {site}. Dilarang mengutip tanpa izin.</p></footer>
<!-- page generated in 0.{rng.randrange(100, 999)} seconds -->
</body></html>"""
    sidebar: list[str] = []
    used = len(head) + len(tail)
    while used < size:
        block = (
            f'<aside class="widget"><h3 class="widget-title">{rng.choice(WIDGETS)}</h3>'
            f"<ul>{_links(rng, 20, 'widget')}</ul></aside>\n{_script(rng, 12)}\n"
            f"<!-- widget cache {rng.getrandbits(32):08x} -->\n"
        )
        sidebar.append(block)
        used += len(block)
    return head + '<div id="sidebar">' + "".join(sidebar) + "</div></main>" + tail


def make_pages(count: int, relevant: bool, seed: int = 14) -> list[bytes]:
    """``count`` pages, each 50-200 KB, as the bytes a crawler would get."""
    rng = random.Random(seed * 2 + relevant)
    return [
        make_page(rng, relevant, rng.randrange(50_000, 200_000)).encode("utf-8")
        for _ in range(count)
    ]
