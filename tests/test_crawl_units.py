"""The crawler's pure parts (URL keys, page reading, feed and API parsing) and its
failure handling, one pipeline step at a time."""

from datetime import date

import lxml.html
import pytest
from own_loop import run_in_own_loop
from scrapy.http import HtmlResponse, TextResponse, XmlResponse

from crawler import pipelines
from crawler.discovery import feed_entries, feed_links, parse_when, wp_api_root, wp_posts
from crawler.items import ArticlePage
from crawler.pages import (
    _shown_text,
    article_verdict,
    canonical_url,
    first_part_url,
    is_article,
    join_parts,
    looks_like_article_link,
    next_part_url,
    reading_text,
    visible_text,
)
from crawler.pipelines import KeywordFilter
from crawler.urls import clean_url, host, url_key, url_shape
from crawler.warc import WarcArchive, read_archive
from extract.pool import extract_one

BASE = "http://kabar.example"


def html(url: str, body: str, head: str = "", encoding: str = "utf-8") -> HtmlResponse:
    doc = f"<html><head>{head}</head><body>{body}</body></html>"
    return HtmlResponse(url, body=doc.encode(encoding), encoding=encoding)


def test_clean_url_strips_tracking_and_mobile_copies():
    assert clean_url(f"{BASE}/2026/05/uhc/?utm_source=fb&utm_medium=x&id=3#komentar") == (
        f"{BASE}/2026/05/uhc/?id=3"
    )
    assert clean_url(f"{BASE}/2026/05/uhc.html?m=1") == f"{BASE}/2026/05/uhc.html"
    assert clean_url(f"{BASE}/cari?m=kupang") == f"{BASE}/cari?m=kupang"


def test_url_key_folds_amp_slash_and_case():
    key = f"{BASE}/2026/05/sumba-timur-uhc"
    for variant in (
        f"{BASE}/2026/05/sumba-timur-uhc/",
        f"{BASE}/2026/05/sumba-timur-uhc/amp/",
        f"{BASE}/amp/2026/05/sumba-timur-uhc",
        "http://KABAR.example/2026/05/sumba-timur-uhc?amp=1&utm_campaign=wa",
        "https://kabar.example/2026/05/sumba-timur-uhc/",
    ):
        assert url_key(variant) == key
    assert url_key(f"{BASE}/baca/uhc?page=2") != url_key(f"{BASE}/baca/uhc")


def test_host_is_the_lower_case_netloc():
    assert host("http://KABAR.example:8080/Berita?a=1") == "kabar.example:8080"
    assert host("/relatif") == ""


def test_url_shape_groups_endless_series():
    assert url_shape(f"{BASE}/arsip/2026/05/01/") == url_shape(f"{BASE}/arsip/2019/12/31")
    assert url_shape(f"{BASE}/tag/jkn/page/7") == "kabar.example/tag/jkn/page/N?"
    assert url_shape(f"{BASE}/tag/jkn/page/7") != url_shape(f"{BASE}/tag/uhc/page/7")


def test_article_link_guess():
    assert looks_like_article_link(f"{BASE}/2026/05/bupati-terima-uhc-award/")
    assert looks_like_article_link(f"{BASE}/berita/pemkot-raih-penghargaan-uhc.html")
    assert looks_like_article_link(f"{BASE}/read/2026051234/uhc")
    assert not looks_like_article_link(f"{BASE}/kategori/kesehatan-dan-gizi-anak/")
    assert not looks_like_article_link(f"{BASE}/tag/bpjs/page/2")
    assert not looks_like_article_link(f"{BASE}/tentang")


def test_canonical_and_article_detection():
    page = html(
        f"{BASE}/2026/05/x/amp/",
        "<article><h1>Judul</h1></article>",
        head='<link rel="canonical" href="/2026/05/x/"><meta property="og:type" content="article">',
    )
    assert canonical_url(page) == f"{BASE}/2026/05/x/"
    assert is_article(page)
    offsite = html(f"{BASE}/a", "", head='<link rel="canonical" href="http://lain.example/a">')
    assert canonical_url(offsite) == f"{BASE}/a"
    listing = html(
        f"{BASE}/",
        "<article><h1>a</h1></article><article><h1>b</h1></article>",
        head='<meta property="og:type" content="website">',
    )
    assert not is_article(listing)
    jsonld = html(
        f"{BASE}/b.html",
        "<h1>Judul</h1>",
        head='<script type="application/ld+json">{"@type": "NewsArticle"}</script>',
    )
    assert is_article(jsonld)


def test_content_verdict_reads_scrapys_tree_without_changing_it():
    """A page with no declaration is judged on the tree Scrapy parsed: read, not changed
    (link extraction reads it after), and its date is looked for outside nav/aside."""
    body = (
        "<h1>Bupati Terima Penghargaan</h1><div class='isi'>"
        + "<p>Pemerintah kabupaten menerima penghargaan jaminan kesehatan di Jakarta.</p>" * 4
        + "</div>"
    )
    dated = html(f"{BASE}/berita/bupati-terima-penghargaan", f"{body}<p>Kupang, 12 Mei 2026</p>")
    before = lxml.html.tostring(dated.selector.root)
    assert article_verdict(dated) is None
    assert lxml.html.tostring(dated.selector.root) == before
    undated = html(f"{BASE}/berita/lain-lagi", f"{body}<nav>Arsip 12 Mei 2026</nav>")
    assert article_verdict(undated) == "no date"


def test_text_for_the_date_check_is_the_visible_text():
    """Read without dropping anything, the text is the one visible_text gets by dropping
    scripts, styles, nav and aside: a dropped element's tail glued to the text before it
    ("Mei" + "2026", "ekor" + "sesudah" below), comments left out, nested hidden elements
    skipped."""
    page = (
        "<html><head><title>Judul</title><style>p {}</style></head><body>"
        "<div>Kupang, 12 Mei<script>x()</script><script>y()</script>2026 <!-- c -->ekor"
        "<nav>menu <aside>iklan</aside> lagi</nav>sesudah<p>satu <b>dua</b> tiga</p></div>"
        "<aside>samping</aside></body></html>"
    )
    tree = lxml.html.document_fromstring(page)
    assert _shown_text(tree) == visible_text(page)
    assert _shown_text(tree) == "Judul Kupang, 12 Mei2026  ekorsesudah satu  dua  tiga"


def test_one_page_article_is_handed_on_as_it_is():
    page = "<html><body><table><tr><td><p>Isi berita.</p></td></tr></table></body></html>"
    assert join_parts([page]) is page


def test_next_part_by_text_or_page_number():
    page1 = html(
        f"{BASE}/2026/05/jkn/",
        "<p><a href='?page=2'>Halaman Selanjutnya »</a></p><a href='/2026/05/lain/?page=2'>2</a>",
    )
    assert next_part_url(page1) == f"{BASE}/2026/05/jkn/?page=2"
    page2 = html(
        f"{BASE}/2026/05/jkn/?page=2",
        "<a href='/2026/05/jkn/?page=1'>1</a> <a href='/2026/05/jkn/?page=3'>3</a>",
    )
    assert next_part_url(page2) == f"{BASE}/2026/05/jkn/?page=3"
    last = html(f"{BASE}/2026/05/jkn/?page=3", "<a href='/2026/05/jkn/?page=2'>2</a>")
    assert next_part_url(last) is None
    # The words alone lead there: the link's href hides its page number (percent-encoded),
    # its text is spread over child elements, whose pieces are read as separate words.
    for words in ("Halaman <b>Selanjutnya</b>", "<b>Halaman</b>Selanjutnya"):
        spread = html(f"{BASE}/2026/05/jkn/", f"<a href='?page=%32'>{words}</a>")
        assert next_part_url(spread) == f"{BASE}/2026/05/jkn/?page=%32"


def test_join_parts_appends_later_bodies_without_pager():
    one = (
        "<html><body><h1>Judul</h1><div class='entry-content'><p>Paragraf satu.</p>"
        "<p><a href='?page=2'>Halaman selanjutnya</a></p></div><footer>kaki</footer>"
        "</body></html>"
    )
    two = (
        "<html><body><h1>Judul</h1><div class='entry-content'><p>Paragraf dua.</p>"
        "</div></body></html>"
    )
    joined = visible_text(join_parts([one, two]))
    assert "Paragraf satu." in joined and "Paragraf dua." in joined
    assert joined.index("Paragraf satu.") < joined.index("Paragraf dua.") < joined.index("kaki")
    assert "selanjutnya" not in joined
    assert joined.count("Judul") == 1


def test_windows_1252_page_decodes_from_meta_charset():
    body = "<p>\u201cKerja bersama,\u201d kata dr. Andr\u00e9.</p>"
    page = HtmlResponse(
        f"{BASE}/lama.html",
        body=f'<html><head><meta charset="windows-1252"></head><body>{body}</body></html>'.encode(
            "cp1252"
        ),
    )
    assert "\u201cKerja bersama,\u201d kata dr. Andr\u00e9." in visible_text(page.text)


def test_feed_links_and_wp_api_root():
    page = html(
        f"{BASE}/",
        "",
        head=(
            '<link rel="alternate" type="application/rss+xml" href="/feed/">'
            '<link rel="alternate" type="text/html" href="/en/">'
            '<link rel="https://api.w.org/" href="http://kabar.example/wp-json/">'
        ),
    )
    assert feed_links(page) == [f"{BASE}/feed/"]
    assert wp_api_root(page) == f"{BASE}/wp-json/"


def test_rss_and_paged_atom():
    rss = XmlResponse(
        f"{BASE}/feed/",
        body=(
            b"<rss><channel><item><title>a</title><link>http://kabar.example/a-b-c/</link>"
            b"<pubDate>Tue, 12 May 2026 08:00:00 +0700</pubDate></item></channel></rss>"
        ),
    )
    entries, nxt = feed_entries(rss)
    assert [(e.url, e.when) for e in entries] == [(f"{BASE}/a-b-c/", date(2026, 5, 12))]
    assert nxt is None
    atom = XmlResponse(
        f"{BASE}/feeds/posts/default",
        body=(
            b'<feed xmlns="http://www.w3.org/2005/Atom">'
            b'<link rel="next" href="http://kabar.example/feeds/posts/default?start-index=26"/>'
            b"<entry><published>2026-04-30T10:00:00.000+07:00</published>"
            b'<link rel="replies" href="http://kabar.example/x#comment"/>'
            b'<link rel="alternate" href="http://kabar.example/2026/04/x-y-z.html"/></entry>'
            b"</feed>"
        ),
    )
    entries, nxt = feed_entries(atom)
    assert [(e.url, e.when) for e in entries] == [(f"{BASE}/2026/04/x-y-z.html", date(2026, 4, 30))]
    assert nxt == f"{BASE}/feeds/posts/default?start-index=26"


def test_wp_posts_and_total_pages():
    response = TextResponse(
        f"{BASE}/wp-json/wp/v2/posts?search=UHC",
        headers={"X-WP-TotalPages": "3"},
        body=b'[{"link": "http://kabar.example/p-q-r/", "date_gmt": "2026-05-01T01:00:00"},'
        b' {"id": 4}]',
        encoding="utf-8",
    )
    entries, total = wp_posts(response)
    assert [(e.url, e.when) for e in entries] == [(f"{BASE}/p-q-r/", date(2026, 5, 1))]
    assert total == 3
    assert parse_when("bukan tanggal") is None


def test_warc_round_trip_survives_a_truncated_last_record(tmp_path):
    archive = WarcArchive(tmp_path)
    sizes = []
    for n in (1, 2):
        archive.write(
            f"{BASE}/a-b-c/?page={n}",
            200,
            [(b"Content-Type", b"text/html; charset=windows-1252"), (b"Content-Encoding", b"gzip")],
            f"<p>Halaman {n} \u201cUHC\u201d</p>".encode("cp1252"),
            kind="part" if n == 2 else "article",
            site="kabar",
            first=f"{BASE}/a-b-c/?page=1" if n == 2 else None,
            part=n,
        )
        sizes.append(archive.path.stat().st_size)
    archive.close()
    (first, second) = list(read_archive(tmp_path))
    assert (first.kind, first.first, second.kind, second.first, second.part) == (
        "article",
        None,
        "part",
        f"{BASE}/a-b-c/?page=1",
        2,
    )
    assert ("Content-Encoding", "gzip") not in first.headers
    assert HtmlResponse(second.url, body=second.body, headers=second.headers).text == (
        "<p>Halaman 2 \u201cUHC\u201d</p>"
    )
    data = archive.path.read_bytes()
    archive.path.write_bytes(data[: sizes[0] + 60])  # a crawl killed while writing record 2
    assert [p.url for p in read_archive(tmp_path)] == [f"{BASE}/a-b-c/?page=1"]


def test_warc_recorder_writes_its_batches_whole_and_the_last_one_at_close(tmp_path):
    """Responses are archived BATCH_RECORDS at a time; a clean stop writes what is left;
    the meta of a response is read when it arrives (a later page may add to its list)."""
    from scrapy import Request, Spider
    from scrapy.utils.test import get_crawler

    from crawler.extensions import WarcRecorder

    crawler = get_crawler(Spider, {"PANTAU_WARC": True})
    recorder = WarcRecorder.from_crawler(crawler)
    recorder.BATCH_SECONDS = 3600.0
    spider = Spider("kabar")
    spider.db_path = str(tmp_path / "p.db")
    recorder.spider_opened(spider)

    def archived() -> list[tuple[str, str, int]]:
        return [(p.url, p.kind, p.part) for p in read_archive(tmp_path / "p.db.warc")]

    parts: list[str] = []
    for n in range(1, WarcRecorder.BATCH_RECORDS + 2):
        request = Request(f"{BASE}/a-b-c/?page={n}", meta={"pantau_kind": "part"})
        request.meta["pantau_parts"] = parts
        recorder.response_received(html(request.url, f"<p>Halaman {n}</p>"), request, spider)
        parts.append("<p>halaman sebelumnya</p>")
        if n == WarcRecorder.BATCH_RECORDS - 1:
            assert archived() == []
    assert len(archived()) == WarcRecorder.BATCH_RECORDS
    recorder.response_received(
        TextResponse(f"{BASE}/hilang", status=404, body=b"x"), Request(f"{BASE}/hilang"), spider
    )
    recorder.spider_closed(spider)
    assert archived() == [
        (f"{BASE}/a-b-c/?page={n}", "part", n) for n in range(1, WarcRecorder.BATCH_RECORDS + 2)
    ]


def test_seen_marks_are_written_after_the_archive_records_of_their_pages(tmp_path):
    """A URL marked seen is never fetched again, so its page must be in the archive first:
    the archive's batch is written before each batch of marks (a SIGKILL between the two
    loses only pages not yet marked, which the next run fetches again)."""
    from scrapy import Request, Spider
    from scrapy.utils.test import get_crawler

    from crawler.extensions import WarcRecorder
    from crawler.pipelines import _seen_log

    crawler = get_crawler(Spider, {"PANTAU_WARC": True})
    recorder = WarcRecorder.from_crawler(crawler)
    spider = Spider("kabar")
    spider.db_path = str(tmp_path / "p.db")
    recorder.spider_opened(spider)
    request = Request(f"{BASE}/bupati-terima-uhc")
    recorder.response_received(html(request.url, "<p>UHC Award</p>"), request, spider)
    assert list(read_archive(tmp_path / "p.db.warc")) == []
    seen = _seen_log(crawler, spider.db_path)
    seen.mark([url_key(request.url)], site="kabar", outcome="irrelevant", run_id=None)
    seen.flush()
    assert [p.url for p in read_archive(tmp_path / "p.db.warc")] == [request.url]
    seen.close()
    recorder.spider_closed(spider)


def _award_article(n: int, region: str = "Kabupaten Kupang") -> ArticlePage:
    html = (
        f"<html><head><title>UHC Award {n}</title></head><body><article>"
        f"<h1>{region} raih UHC Award {n}</h1><p>{region} menerima UHC Award kategori "
        "Madya dari BPJS Kesehatan di Jakarta. Penghargaan itu diterima bupati.</p>"
        "</article></body></html>"
    )
    return ArticlePage(
        site="s", url=f"https://s.example/{n}", parts=[html], html=html, relevant=True
    )


def test_extract_step_survives_a_dead_worker():
    """A worker killed between two articles (say by the out-of-memory killer) costs nothing:
    the next article is extracted by a new worker."""
    import multiprocessing

    from crawler.pipelines import Extract

    async def two_articles() -> list[ArticlePage]:
        first = await step.process_item(_award_article(1))
        for child in multiprocessing.active_children():
            child.kill()
            child.join()
        return [first, await step.process_item(_award_article(2))]

    step = Extract({}, workers=1)
    step.open_spider()
    try:
        extracted = run_in_own_loop(two_articles())
    finally:
        step.close_spider()
    for done in extracted:
        assert [(a.region_name, a.category) for a in done.result.awards] == [
            ("Kabupaten Kupang", "Madya")
        ]


def test_extract_step_spreads_articles_over_its_workers():
    """PANTAU_EXTRACT_WORKERS=2: articles go to the worker holding fewer, from the first
    ones on (before its pipes are even connected), and each comes back with its own facts."""
    import asyncio

    from crawler.pipelines import Extract

    regions = ["Kabupaten Kupang", "Kota Kupang", "Kabupaten Belu", "Kabupaten Ende"]

    async def four_at_once() -> tuple[list[int], list[ArticlePage]]:
        pages = [_award_article(n, region) for n, region in enumerate(regions)]
        done = asyncio.gather(*(step.process_item(page) for page in pages))
        await asyncio.sleep(0)
        return [worker.load for worker in step._workers], await done

    step = Extract({}, workers=2)
    step.open_spider()
    try:
        loads, extracted = run_in_own_loop(four_at_once())
    finally:
        step.close_spider()
    assert loads == [2, 2]
    assert [[a.region_name for a in done.result.awards] for done in extracted] == [
        [region] for region in regions
    ]


@pytest.mark.parametrize(
    ("body", "sidebar", "relevant"),
    [
        ("Kabupaten Kupang meraih UHC Award.", "Berita lain", True),
        ("Harga cabai naik di Pasar Oebobo.", "Terpopuler: Kupang raih UHC Award", False),
        ("Harga cabai naik di Pasar Oebobo.", "Berita lain", False),
    ],
)
def test_keyword_filter_reads_the_article_body_only(body, sidebar, relevant):
    html = (
        f"<html><head><title>Berita</title></head><body><article><p>{body}</p></article>"
        f"<aside>{sidebar}</aside></body></html>"
    )
    page = ArticlePage(site="s", url="https://s.example/1", parts=[html], html=html)
    assert KeywordFilter({}).process_item(page).relevant is relevant


UNDECLARED_ARTICLE = (
    "<div id='menu'><a href='/'>Beranda</a> <a href='/kanal.php?k=daerah'>Daerah</a></div>"
    "<table><tr><td><font size='4'><b>Puskesmas Buka Layanan Malam</b></font><br>"
    "<font size='1'>27/01/2026 10:15 WITA</font></td></tr><tr><td>"
    "<p>Puskesmas kecamatan membuka layanan malam bagi warga yang bekerja di kebun pada "
    "siang hari. Pelayanan dimulai pukul enam sore.</p><p>Kepala puskesmas menyebut tiga "
    "puluh pasien datang pada malam pertama, kebanyakan untuk memeriksakan tekanan darah.</p>"
    "</td></tr></table>"
)


def test_an_undeclared_article_is_known_by_its_content():
    """No og:type, no JSON-LD, no h1: a title, a date and a main block of running text."""
    page = html(f"{BASE}/berita.php?id=12", UNDECLARED_ARTICLE, "<title>Puskesmas</title>")
    assert article_verdict(page) is None
    undated = html(
        f"{BASE}/tentang.php",
        UNDECLARED_ARTICLE.replace("27/01/2026", "kemarin"),
        "<title>Tentang kami</title>",
    )
    assert article_verdict(undated) == "no date"
    printed = html(
        f"{BASE}/berita.php?id=12&print=1",
        UNDECLARED_ARTICLE,
        '<meta name="robots" content="noindex, nofollow">',
    )
    assert article_verdict(printed) == "noindex"


def test_a_listing_of_whole_posts_is_not_an_article():
    """A classic blog's home page shows whole posts; their headlines link to the posts."""
    post = (
        "<h3 class='post-title'><a href='/2026/01/{0}.html'>Judul {0}</a></h3>"
        "<h2 class='date-header'>Selasa, 27 Januari 2026</h2><div class='post-body'>"
        "<p>{1}</p></div>"
    )
    text = "Warga desa bergotong royong memperbaiki saluran air yang rusak diterjang banjir. " * 3
    home = html(f"{BASE}/", post.format("satu", text) + post.format("dua", text))
    assert article_verdict(home) == "listing (its headlines link to other pages)"
    links = html(f"{BASE}/kanal.php?k=daerah", "<ul><li><a href='/berita.php?id=1'>a</a></li></ul>")
    assert article_verdict(links) == "no main text"


def test_next_part_is_the_same_url_with_the_next_page_number():
    """Joomla's pager "Selanjutnya" leads to the next article on the same /index.php."""
    joomla = html(
        f"{BASE}/index.php?option=com_content&view=article&id=12:uhc&Itemid=101",
        "<a href='/index.php?option=com_content&view=article&id=13:lain&Itemid=101'>"
        "Selanjutnya ></a>",
    )
    assert next_part_url(joomla) is None
    split = html(
        f"{BASE}/index.php?id=12&page=2",
        "<a href='/index.php?id=13&page=3'>3</a> <a href='/index.php?id=12&page=3'>3</a>",
    )
    assert next_part_url(split) == f"{BASE}/index.php?id=12&page=3"
    assert first_part_url(f"{BASE}/berita/9/uhc?page=3") == f"{BASE}/berita/9/uhc"
    assert first_part_url(f"{BASE}/berita/9/uhc") is None
    assert first_part_url(f"{BASE}/berita/9/uhc?page=\u00b2") is None  # "²": a digit, no number


def test_a_long_pager_with_numbered_links_is_dropped_once():
    """The pager's sentence is longer than a pager holder is allowed to be: every link in
    it names the same holder, which used to be dropped again (lxml AssertionError)."""
    pager = (
        "<div class='paging'>Artikel ini terdiri dari 3 halaman. Anda sedang membaca halaman "
        "1. Klik nomor halaman di bawah ini untuk melanjutkan membaca: <a href='?page=1'>1</a> "
        "<a href='?page=2'>2</a> <a href='?page=3'>3</a> <a href='?page=2'>Selanjutnya »</a>"
        "</div>"
    )
    text = "Warga antre sejak pagi untuk mendaftar sebagai peserta jaminan kesehatan daerah."
    one = f"<html><body><div class='isi'><p>Satu. {text}</p>{pager}</div></body></html>"
    two = one.replace("Satu.", "Dua.")
    joined = visible_text(join_parts([one, two]))
    assert " ".join(joined.split()) == f"Satu. {text} Dua. {text}"


def test_joiner_crash_keeps_page_1_with_the_reason(monkeypatch):
    def broken(parts):
        raise AssertionError("detached element")

    monkeypatch.setattr(pipelines, "join_parts", broken)
    item = ArticlePage(site="s", url=f"{BASE}/a", parts=["<p>satu</p>", "<p>dua</p>"])
    assert pipelines.JoinParts().process_item(item) is item
    assert item.html == "<p>satu</p>"
    assert item.problems == ["pages not joined, page 1 kept: AssertionError: detached element"]


def test_extraction_crash_is_an_error_outcome_not_a_lost_page():
    class Broken:
        def extract_record(self, record, keywords=None):
            raise RuntimeError("model missing\nsecond line")

    item = ArticlePage(site="s", url=f"{BASE}/a", parts=["x"], html="x", relevant=True)
    result = extract_one(Broken(), pipelines.Extract._record(item))  # as a worker does
    assert pipelines.Extract({})._judge(item, result) is item
    assert (item.relevant, item.outcome, item.problems) == (
        False,
        "error",
        ["extraction failed: RuntimeError: model missing second line"],
    )


class FakeCrawler:
    """Just what FailureLog touches: the spider's database and sites, signals, stats."""

    def __init__(self, db_path, run_id):
        self.spider = type(
            "Spider", (), {"db_path": str(db_path), "site_for": staticmethod(lambda url: None)}
        )()
        self.signals = type(
            "Signals",
            (),
            {
                "connect": staticmethod(lambda *a: None),
                "send_catch_log": staticmethod(lambda *a: []),
            },
        )()
        self.stats = type(
            "Stats",
            (),
            {
                "get_value": staticmethod(lambda name: run_id),
                "inc_value": staticmethod(lambda *a: None),
            },
        )()


def test_store_records_outcomes_and_problems(tmp_path):
    """Store marks every key with the outcome and logs the item's problems for the run."""
    from store import open_db, start_run

    db_path = tmp_path / "p.db"
    run_id = start_run(open_db(db_path), ["s"])
    crawler = FakeCrawler(db_path, run_id)
    store = pipelines.Store(str(db_path), {"s": 0}, crawler)
    item = ArticlePage(
        site="s",
        url=f"{BASE}/a",
        parts=["x"],
        keys=[url_key(f"{BASE}/a"), url_key(f"{BASE}/a?page=2")],
        outcome="error",
        problems=["extraction failed: RuntimeError: model missing"],
    )
    store.process_item(item)
    assert store.seen is pipelines.FailureLog(crawler).seen  # one ordered log per crawl
    store.close_spider()  # a crawl's marks are written in batches, the last one at its end
    db = open_db(db_path)
    assert sorted(db.execute("SELECT key, outcome, run_id FROM seen_urls").fetchall()) == [
        (f"{BASE}/a", "error", run_id),
        (f"{BASE}/a?page=2", "error", run_id),
    ]
    assert db.execute("SELECT url, reason FROM crawl_errors").fetchall() == [
        (f"{BASE}/a", "extraction failed: RuntimeError: model missing")
    ]


def test_reading_text_leaves_out_link_lists_but_not_linked_words():
    page = (
        "<html><body><h1>Harga Beras Naik</h1><p>Harga beras naik, kata pedagang kepada "
        "petugas <a href='/tag/bpjs'>BPJS Kesehatan</a> yang berbelanja.</p>"
        "<ul><li><a href='/a'>Cakupan JKN Naik</a></li></ul>"
        "<div>Baca juga: <a href='/b'>UHC Award 2026</a></div></body></html>"
    )
    text = " ".join(reading_text(page).split())
    assert text == (
        "Harga Beras Naik Harga beras naik, kata pedagang kepada petugas BPJS Kesehatan "
        "yang berbelanja. Baca juga: UHC Award 2026"
    )


def test_a_page_or_item_that_raises_is_a_recorded_failure(tmp_path):
    """Scrapy's spider_error and item_error signals land in crawl_errors and seen_urls
    ("error": the next run fetches the page again)."""
    from twisted.python.failure import Failure

    from store import open_db, start_run

    db_path = tmp_path / "p.db"
    run_id = start_run(open_db(db_path), ["s"])
    log = pipelines.FailureLog(FakeCrawler(db_path, run_id))
    page = HtmlResponse(f"{BASE}/kanal?hal=2", body=b"<html></html>")
    log.page_crashed(Failure(KeyError("pantau_site")), page, log.crawler.spider)
    item = ArticlePage(site="s", url=f"{BASE}/a", parts=[], keys=[f"{BASE}/a", f"{BASE}/a?page=2"])
    log.item_crashed(item, page, log.crawler.spider, Failure(ValueError("bad\nmore")))
    log.close_spider()
    db = open_db(db_path)
    assert sorted(db.execute("SELECT url, reason FROM crawl_errors").fetchall()) == [
        (f"{BASE}/a", "processing failed: ValueError: bad"),
        (f"{BASE}/kanal?hal=2", "processing failed: KeyError: 'pantau_site'"),
    ]
    assert sorted(db.execute("SELECT key, outcome FROM seen_urls").fetchall()) == [
        (f"{BASE}/a", "error"),
        (f"{BASE}/a?page=2", "error"),
        (f"{BASE}/kanal?hal=2", "error"),
    ]


def test_crawl_requests_name_their_callbacks_for_the_job_dir(tmp_path):
    """A request written to JOBDIR names the spider's callback and errback, and reads back
    as the same methods; a callback that is not the spider's fails as with Scrapy."""
    from scrapy.utils.request import request_from_dict

    from crawler.request import CrawlRequest
    from crawler.spiders.news import NewsSpider

    sites = tmp_path / "SITES.yaml"
    sites.write_text(f"sites:\n- name: kabar\n  url: {BASE}/\n")
    spider = NewsSpider(sites=str(sites), db=str(tmp_path / "p.db"))
    request = spider._request(f"{BASE}/berita/a", spider.parse_page, "article")
    stored = request.to_dict(spider=spider)
    assert (stored["callback"], stored["errback"], stored["_class"]) == (
        "parse_page",
        "on_error",
        "crawler.request.CrawlRequest",
    )
    again = request_from_dict(stored, spider=spider)
    assert (type(again), again.callback, again.errback, again.meta) == (
        CrawlRequest,
        spider.parse_page,
        spider.on_error,
        request.meta,
    )
    with pytest.raises(ValueError, match="is not an instance method"):
        CrawlRequest(f"{BASE}/b", callback=len).to_dict(spider=spider)
