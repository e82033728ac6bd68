"""The sample news network serves what its ground truth says, faults included."""

from __future__ import annotations

import http.client
import json
import re
import signal
import socket
import struct
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
import yaml
from lxml import html as lxml_html

from samplenet import SampleNetwork
from samplenet.generate import AFTER_FIX_NAMES, EXTRA_PER_SCALE, FILLER_AT_SCALE_1, UNSEEN_NAMES

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One request, no redirect following: status, headers, body."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""))
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def fetch_ok(url: str) -> bytes:
    """GET with the retries a polite crawler makes for a 503."""
    for _ in range(4):
        status, _, body = fetch(url)
        if status != 503:
            assert status == 200, url
            return body
    raise AssertionError(f"still 503: {url}")


def page_text(body: bytes) -> str:
    return lxml_html.fromstring(body).text_content()


@pytest.fixture(scope="module")
def net():
    with SampleNetwork(slow_seconds=0.3) as network:
        yield network


def site_url(net: SampleNetwork, name: str) -> str:
    return next(s.url for s in net.sites if s.name == name)


def test_four_sites_on_loopback_each_on_its_own_port(net):
    assert [(s.name, s.style) for s in net.sites] == [
        ("kabarkupang", "wordpress"),
        ("suaraflores", "blogger"),
        ("portalnusantara", "portal"),
        ("warta-timor", "static"),
    ]
    ports = {urlsplit(s.url).port for s in net.sites}
    assert len(ports) == 4
    assert all(s.url.startswith("http://127.0.0.1:") and s.url.endswith("/") for s in net.sites)


def test_sites_yaml_follows_the_contract(net, tmp_path):
    path = tmp_path / "sites.yaml"
    net.write_sites_yaml(path)
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert document == {"sites": [{"name": s.name, "url": s.url} for s in net.sites]}


def test_truth_counts_and_dates():
    network = SampleNetwork()
    assert len(network.truth) == 15
    assert len(network.irrelevant_urls) == 16 + FILLER_AT_SCALE_1
    years = {t["published"][:4] for t in network.truth}
    assert years == {"2025", "2026"}
    several = max(network.truth, key=lambda t: len(t["awards"]))
    assert len(several["awards"]) == 10
    kota = {
        "region_code": "53.71",
        "year": 2026,
        "category": "Utama",
        "recipient_name": "Yohanes Benyamin Daga",
    }
    assert kota in [a for t in network.truth for a in t["awards"]]
    assert {a["region_code"] for t in network.truth for a in t["awards"]} >= {"53.01", "53.71"}


def test_wordpress_home_feed_and_sitemaps(net):
    base = site_url(net, "kabarkupang")
    home = fetch(base)[2].decode()
    assert (
        f'type="application/rss+xml" title="Kabar Kupang &raquo; Feed" href="{base}feed/"' in home
    )
    assert f'<link rel="https://api.w.org/" href="{base}wp-json/">' in home
    assert "utm_source=beranda" in home
    status, headers, body = fetch(base + "feed/")
    assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(body).findall("./channel/item")
    assert len(items) == 10
    assert all(re.match(r"\w{3}, \d\d \w{3} \d{4} ", i.findtext("pubDate")) for i in items)
    robots = fetch(base + "robots.txt")[2].decode()
    assert f"Sitemap: {base}sitemap_index.xml" in robots
    index = ET.fromstring(fetch(base + "sitemap_index.xml")[2])
    locs = [loc.text for loc in index.iter(f"{SM}loc")]
    post_urls = []
    for loc in locs:
        urlset = ET.fromstring(fetch(loc)[2])
        for url in urlset.findall(f"{SM}url"):
            if "post-sitemap" in loc:
                assert url.findtext(f"{SM}lastmod")
            post_urls.append(url.findtext(f"{SM}loc"))
    site = net.site("kabarkupang")
    expected = {site.url(site.article_path(a)) for a in site.articles}
    assert expected <= set(post_urls)


def test_wordpress_api_pages_and_search(net):
    base = site_url(net, "kabarkupang")
    total = len(net.site("kabarkupang").articles)
    status, headers, body = fetch(base + "wp-json/wp/v2/posts?per_page=5&page=2")
    assert status == 200
    assert headers["X-WP-Total"] == str(total)
    assert headers["X-WP-TotalPages"] == str(-(-total // 5))
    posts = json.loads(body)
    assert len(posts) == 5
    assert {"link", "date", "title", "content"} <= set(posts[0])
    assert posts[0]["title"]["rendered"] and posts[0]["content"]["rendered"].startswith("<p>")
    status, headers, _ = fetch(base + f"wp-json/wp/v2/posts?per_page=5&page={total}")
    assert status == 400
    found = json.loads(fetch(base + "wp-json/wp/v2/posts?search=UHC+Awards")[2])
    assert found and all(
        "uhc awards" in (p["title"]["rendered"] + p["content"]["rendered"]).lower() for p in found
    )


def test_wordpress_amp_copy_points_to_canonical(net):
    truth = next(t for t in net.truth if "kabupaten-kupang" in t["canonical_url"])
    amp = truth["duplicate_urls"][0]
    assert amp.endswith("/amp/")
    body = fetch(amp)[2].decode()
    assert f'<link rel="canonical" href="{truth["canonical_url"]}">' in body


def test_blogger_atom_feed_pages_through_every_post(net):
    base = site_url(net, "suaraflores")
    url = base + "feeds/posts/default"
    seen, pages = [], 0
    while url and pages < 20:
        feed = ET.fromstring(fetch(url)[2])
        seen += [
            e.find(f"{ATOM}link[@rel='alternate']").get("href")
            for e in feed.findall(f"{ATOM}entry")
        ]
        nxt = feed.find(f"{ATOM}link[@rel='next']")
        url = nxt.get("href") if nxt is not None else None
        pages += 1
    site = net.site("suaraflores")
    assert pages == -(-len(site.articles) // 10) and pages > 1
    assert seen == [site.url(site.article_path(a)) for a in site.articles]
    assert re.search(r"/\d{4}/\d\d/[a-z0-9-]+\.html$", seen[0])


def test_blogger_mobile_copy_points_to_canonical(net):
    site = net.site("suaraflores")
    article = site.articles[0]
    canonical = site.url(site.article_path(article))
    body = fetch(canonical + "?m=1")[2].decode()
    assert f'<link rel="canonical" href="{canonical}">' in body
    assert 'class="mobile"' in body


def test_portal_robots_news_sitemap_and_paged_articles(net):
    base = site_url(net, "portalnusantara")
    robots = fetch(base + "robots.txt")[2].decode()
    assert "Disallow: /search\n" in robots and "Disallow: /admin/\n" in robots
    sitemaps = re.findall(r"Sitemap: (\S+)", robots)
    assert sitemaps == [base + "sitemap-news.xml", base + "sitemap.xml"]
    news = ET.fromstring(fetch(sitemaps[0])[2])
    dates = [d.text for d in news.iter(f"{NEWS}publication_date")]
    assert dates and all(re.match(r"\d{4}-\d\d-\d\dT", d) for d in dates)
    assert ET.fromstring(fetch(sitemaps[1])[2]).tag == f"{SM}sitemapindex"
    truth = next(t for t in net.truth if "kota-bima" in t["canonical_url"])
    first = fetch(truth["canonical_url"])[2].decode()
    assert "Halaman selanjutnya" in first and "?page=2" in first
    second = page_text(fetch(truth["canonical_url"] + "?page=2")[2])
    assert "Ahmad Fauzan menambahkan" in second
    assert "Ahmad Fauzan menambahkan" not in page_text(first.encode())
    assert fetch(truth["canonical_url"] + "?page=3")[0] == 404


def test_portal_traps_never_end(net):
    base = site_url(net, "portalnusantara")
    body = fetch(base + "arsip/1987/03/14")[2].decode()
    assert f'href="{base}arsip/1987/03/13"' in body and f'href="{base}arsip/1987/03/15"' in body
    tag = fetch(base + "tag/uhc-awards?page=500")[2].decode()
    assert "?page=501" in tag and "Tidak ada berita lagi" in tag


def test_static_site_windows_1252_and_slash_twins(net):
    base = site_url(net, "warta-timor")
    assert fetch(base + "robots.txt")[0] == 404
    assert fetch(base + "sitemap.xml")[0] == 404
    truth = next(t for t in net.truth if "tts-raih" in t["canonical_url"])
    _, headers, body = fetch(truth["canonical_url"])
    assert headers["Content-Type"] == "text/html"
    assert b'<meta charset="windows-1252">' in body
    assert b"Ren\xe9 Nope" in body and b"\x93Ini kabar baik" in body
    twin = next(t for t in net.truth if t["duplicate_urls"] and t["site"] == "warta-timor")
    assert twin["duplicate_urls"] == [twin["canonical_url"].rstrip("/")]
    assert fetch(twin["canonical_url"])[2] == fetch(twin["duplicate_urls"][0])[2]
    home = fetch(base)[2].decode("cp1252")
    assert urlsplit(twin["canonical_url"]).path.rstrip("/") + "?utm_source=beranda" in home
    listing = fetch(base + "kategori/kesehatan/")[2].decode("cp1252")
    assert "/kategori/kesehatan/page/2/" in listing and "utm_source=kategori" in listing


def test_flaky_article_fails_twice_then_serves():
    with SampleNetwork() as network:
        url = next(f["url"] for f in network.fault_urls if f["kind"] == "flaky")
        assert [fetch(url)[0] for _ in range(3)] == [503, 503, 200]


def test_faults_behave_as_named(net):
    faults = {f["kind"]: f["url"] for f in net.fault_urls}
    status, headers, _ = fetch(faults["redirect_chain"])
    hops = 0
    url = faults["redirect_chain"]
    while status in (301, 302) and hops < 10:
        url = (
            urlsplit(url)._replace(path=headers["Location"], query="").geturl()
            if headers["Location"].startswith("/")
            else headers["Location"]
        )
        status, headers, _ = fetch(url)
        hops += 1
    target = next(t for t in net.truth if "kabupaten-kupang" in t["canonical_url"])
    assert (hops, status, url) == (3, 200, target["canonical_url"])

    status, headers, _ = fetch(faults["redirect_loop"])
    back = fetch(headers["Location"])[1]["Location"]
    assert status == 301 and back == faults["redirect_loop"]
    assert [fetch(faults["server_error"])[0] for _ in range(3)] == [500, 500, 500]
    status, headers, body = fetch(faults["pdf"])
    assert faults["pdf"].endswith(".html") and headers["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF")
    status, headers, _ = fetch(faults["big_page"], "HEAD")
    assert int(headers["Content-Length"]) >= 8 * 1024 * 1024
    assert fetch(faults["not_found"])[0] == 404
    with pytest.raises(http.client.IncompleteRead):
        fetch(faults["truncated"])
    started = time.monotonic()
    assert fetch(faults["slow"])[0] == 200
    assert time.monotonic() - started >= 0.3


def test_fault_pages_are_linked_from_listings(net):
    for fault in net.fault_urls:
        if fault["kind"] in ("flaky", "slow"):
            continue
        home = fetch(site_url(net, fault["site"]))[2].decode("cp1252", errors="replace")
        assert urlsplit(fault["url"]).path in home, fault


def test_without_faults_every_page_is_plain():
    with SampleNetwork(faults=False) as network:
        assert network.fault_urls == []
        flaky = network.canonical_url(next(a for a in network.articles if a.fault == "flaky"))
        assert fetch(flaky)[0] == 200
        home = fetch(next(s.url for s in network.sites if s.name == "suaraflores"))[2]
        assert b"tautan-lama" not in home


def test_truth_matches_what_is_served(net):
    by_url = {net.canonical_url(a): a for a in net.articles}
    for entry in net.truth:
        body = fetch_ok(entry["canonical_url"])
        page = body.decode("cp1252" if entry["site"] == "warta-timor" else "utf-8")
        assert f'content="{entry["published"]}T' in page, entry["canonical_url"]
        text = page_text(body)
        for url in (entry["canonical_url"] + "?page=2", entry["canonical_url"] + "?page=3"):
            if entry["site"] == "portalnusantara" and fetch(url)[0] == 200:
                text += page_text(fetch(url)[2])
        assert entry["title"] in text
        for award in entry["awards"]:
            assert award["category"] in text and str(award["year"]) in text
            if award["recipient_name"]:
                assert award["recipient_name"] in text
        article = by_url[entry["canonical_url"]]
        assert all(paragraph in text for paragraph in article.paragraphs)
        for copy in entry["duplicate_urls"]:
            copy_text = page_text(fetch_ok(copy))
            assert entry["title"] in copy_text and article.paragraphs[0] in copy_text, copy


def test_syndicated_copy_has_identical_text(net):
    entry = next(t for t in net.truth if "manggarai-pertahankan" in t["canonical_url"])
    copy = next(
        u
        for u in entry["duplicate_urls"]
        if "suaraflores" not in u and "amp" not in u and u.endswith(".html")
    )
    original = lxml_html.fromstring(fetch(entry["canonical_url"])[2])
    syndicated = lxml_html.fromstring(fetch(copy)[2])
    paragraphs = [p.text_content() for p in original.cssselect(".entry-content > p")]
    assert paragraphs == [p.text_content() for p in syndicated.cssselect(".post-body > p")]


BODY_PARAGRAPHS = {
    "kabarkupang": ".entry-content > p",
    "suaraflores": ".post-body > p",
    "portalnusantara": ".detail__body-text > p",
    "warta-timor": ".isi > p",
}


def test_irrelevant_articles_never_mention_uhc_or_jkn(net):
    by_url = {net.canonical_url(a): a for a in net.articles}
    for url in net.irrelevant_urls:
        site = by_url[url].site
        paragraphs = lxml_html.fromstring(fetch_ok(url)).cssselect(BODY_PARAGRAPHS[site])
        text = " ".join(
            p.text_content() for p in paragraphs if not p.text_content().startswith("Baca juga")
        )
        assert text and "UHC" not in text and "JKN" not in text, url


def test_requests_are_logged_with_query(net):
    base = site_url(net, "portalnusantara")
    fetch(base + "search?q=uhc")
    assert ("portalnusantara", "GET", "/search?q=uhc") in net.requests
    assert ("portalnusantara", "/search") in net.disallowed_paths


def test_larger_scale_is_deterministic_and_consistent():
    first, second = SampleNetwork(scale=3), SampleNetwork(scale=3)
    assert len(first.articles) == 15 + 16 + FILLER_AT_SCALE_1 + 2 * EXTRA_PER_SCALE
    assert [a.title for a in first.articles] == [a.title for a in second.articles]
    generated = [a for a in first.articles[31:] if a.relevant]
    assert len(generated) == 20
    facts: dict[tuple[str, int], str] = {}
    for article in generated:
        award = article.awards[0]
        assert award.region_name in article.text and award.recipient_name in article.text
        assert facts.setdefault((award.region_code, award.year), award.category) == award.category


def test_hanging_up_on_the_big_page_is_quiet(net, capfd):
    url = urlsplit(next(f["url"] for f in net.fault_urls if f["kind"] == "big_page"))
    with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
        sock.sendall(f"GET {url.path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        sock.recv(65536)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    time.sleep(0.3)
    assert fetch(site_url(net, "portalnusantara"))[0] == 200
    assert "Traceback" not in capfd.readouterr().err


def test_samplenet_command_serves_until_ctrl_c(tmp_path):
    sites = tmp_path / "sites.yaml"
    command = [
        sys.executable,
        "-c",
        "from pantau.cli import main; main()",
        "samplenet",
        "--write-sites",
        str(sites),
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):
            if sites.exists() and "sites:" in sites.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)
        listed = yaml.safe_load(sites.read_text(encoding="utf-8"))["sites"]
        assert [s["name"] for s in listed] == [
            "kabarkupang",
            "suaraflores",
            "portalnusantara",
            "warta-timor",
        ]
        assert fetch(listed[0]["url"] + "feed/")[0] == 200
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "Stopped." in out and "Traceback" not in err


def test_samplenet_command_names_an_unwritable_sites_file(tmp_path):
    target = tmp_path / "missing" / "sites.yaml"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pantau.cli import main; main()",
            "samplenet",
            "--write-sites",
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: cannot write sites file {target}: No such file or directory"
    ]


def test_samplenet_command_names_a_busy_port():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "from pantau.cli import main; main()",
                "samplenet",
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        f"cannot listen on 127.0.0.1 port {port}: Address already in use"
    )


def test_sites_count_the_connections_they_accept():
    with SampleNetwork(scale=1, faults=False) as net:
        url = net.sites[0].url
        host, port = url.split("//")[1].rstrip("/").split(":")
        for _ in range(2):
            connection = http.client.HTTPConnection(host, int(port), timeout=5)
            for _ in range(3):  # keep-alive: three requests, one connection
                connection.request("GET", "/")
                connection.getresponse().read()
            connection.close()
        assert (net.connections, len(net.requests)) == (2, 6)


@pytest.fixture(scope="module")
def unseen():
    with SampleNetwork(scale=1, faults=True, unseen=True) as network:
        yield network


def test_unseen_sites_are_added_only_on_request(net, unseen):
    """The default network keeps its four sites; unseen=True adds five templates the
    crawler was not built against and one written after its fix, with relevant stories
    on each."""
    assert [s.name for s in net.sites] == [
        "kabarkupang",
        "suaraflores",
        "portalnusantara",
        "warta-timor",
    ]
    relevant = {}
    for truth in unseen.truth:
        relevant[truth["site"]] = relevant.get(truth["site"], 0) + 1
    assert {s.name: s.style for s in unseen.sites[4:]} == {
        "bloglama": "blogger-classic",
        "wartalama": "table-1252",
        "suarasumba": "joomla",
        "harianflobamora": "split-portal",
        "lensantt": "date-archive",
        "kabarsabu": "drupal",
    }
    assert {name: relevant[name] for name in (*UNSEEN_NAMES, *AFTER_FIX_NAMES)} == {
        "bloglama": 5,
        "wartalama": 5,
        "suarasumba": 4,
        "harianflobamora": 6,
        "lensantt": 4,
        "kabarsabu": 4,
    }


def test_unseen_templates_carry_their_traps(unseen):
    site = {s.name: s.url.rstrip("/") for s in unseen.sites}
    status, headers, body = fetch(site["wartalama"] + "/robots.txt")
    assert status == 404
    status, headers, body = fetch(site["wartalama"] + "/berita.php?id=1212")
    assert headers["Content-Type"] == "text/html"
    assert "“Saya baru tahu".encode("cp1252") in body
    status, _, body = fetch(site["bloglama"] + "/")
    page = body.decode()
    assert "og:type" not in page and "ld+json" not in page and "canonical" not in page
    joomla = unseen.site("suarasumba")
    first = joomla.articles[-1]
    _, _, body = fetch(site["suarasumba"] + joomla.article_path(first))
    nav = lxml_html.fromstring(body).xpath('//li[@class="next"]/a/@href')
    assert nav == [joomla.article_path(joomla.articles[-2])]  # "Selanjutnya": next article
    portal = unseen.site("harianflobamora")
    (empty,) = [f["url"] for f in unseen.fault_urls if f["kind"] == "empty_part"]
    assert fetch(empty)[2] == b""
    split = next(a for a in portal.articles if a.slug.startswith("setelah-antrean"))
    _, _, body = fetch(site["harianflobamora"] + portal.article_path(split) + "?page=3")
    assert [p.text for p in lxml_html.fromstring(body).xpath('//div[@class="detail-text"]/p')] == (
        split.paragraphs[4:]
    )
    for path in ("/arsip/1999/12/31/", "/arsip/2099/01/"):
        assert fetch(site["lensantt"] + path)[0] == 200  # an endless calendar
