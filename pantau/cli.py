"""The ``pantau`` command: extract, crawl, re-extract and publish UHC Award facts."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from pantau import __version__

EXIT_BAD_INPUT = 2


def fail(message: str) -> None:
    """Print a one-line error and remember that the run saw bad input."""
    click.echo(f"pantau: {message}", err=True)
    click.get_current_context().meta["pantau_bad_input"] = True


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pantau")
def cli() -> None:
    """Monitor Indonesian regional news for BPJS Kesehatan UHC Award facts.

    \b
    Which region won which UHC Award (Utama, Madya, Pratama), in which year, who
    received it, when, and which outlets reported it: pantau crawls the sites you
    follow, extracts the facts with a spaCy pipeline and publishes them with Datasette.
    """


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    help="Write JSON lines here instead of standard output.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Extract in N worker processes (each loads the pipeline once); output order is kept.",
)
def extract(inputs: tuple[str, ...], output: str, jobs: int) -> None:
    """Extract award facts from articles given as JSON lines, HTML or text files.

    \b
    INPUTS are .jsonl files (one object per line with "html" or "text", and
    optionally "id", "url", "published"), .html/.htm files, .txt files (one
    article's text each, UTF-8), or - for standard input. With no INPUTS,
    standard input is read.

    One JSON object is written per document, in input order. A bad line or file
    is reported on stderr and skipped; the exit status is then 2.

    \b
    Example:
        pantau extract articles.jsonl -o facts.jsonl
        pantau extract --jobs 2 crawl-dump.jsonl -o facts.jsonl
        cat page.html | jq -Rs '{html: .}' -c | pantau extract -
    """
    from extract.inputs import read_inputs
    from extract.pool import extract_many
    from extract.result import Result

    with click.open_file(output, "w", encoding="utf-8") as out:
        for item in extract_many(read_inputs(inputs), jobs):
            if not isinstance(item, Result):
                fail(str(item))
                continue
            out.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
            out.flush()


@cli.command()
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The pantau database to publish (made by pantau crawl).",
)
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
def serve(db_path: Path, port: int) -> None:
    """Publish a pantau database with Datasette on http://127.0.0.1:PORT/.

    \b
    Read-only: browse facts by region, year and category, run the canned
    queries (winners by year and province, coverage per outlet, officials,
    disagreements between sources), see the map of award regions and
    subscribe to the Atom feed of new award facts. Stop with Ctrl-C.

    \b
    Example:
        pantau serve --db data/pantau.db --port 8001
    """
    from publish.serve import ServeError, serve_database

    try:
        serve_database(db_path, port)
    except ServeError as exc:
        raise click.ClickException(str(exc)) from None


@cli.command()
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The pantau database to export (made by pantau crawl).",
)
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory to write the data package into (created if missing).",
)
def export(db_path: Path, out_dir: Path) -> None:
    """Write a pantau database as a Frictionless Data Package, and validate it.

    \b
    OUT gets datapackage.json (table schemas with primary and foreign keys,
    licences, sources), one CSV per published table (article texts left out:
    they belong to their outlets), README.md (how the data was made and how
    accurate it is), CITATION.cff, and Parquet copies when pyarrow is installed.
    The same package is served as /-/pantau/export.zip by pantau serve.

    \b
    Example:
        pantau export --db data/pantau.db --out dist/pantau-data
    """
    from publish.export import ExportError, export_package, validate
    from publish.serve import ServeError, prepare

    try:
        prepare(db_path)
        descriptor = export_package(db_path, out_dir)
        validate(descriptor)
    except (ServeError, ExportError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"pantau: wrote a valid data package: {descriptor}", err=True)


@cli.command()
@click.option(
    "--sites",
    "sites_file",
    required=True,
    type=click.Path(dir_okay=False),
    help="SITES.yaml: the sites to crawl (name and home page each).",
)
@click.option(
    "--db",
    required=True,
    type=click.Path(dir_okay=False),
    help="SQLite database to fill (created if missing).",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Leave out articles published before YYYY-MM-DD (dated sitemaps, "
    "feeds and the WP API keep them from even being fetched).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="At most N pages per site (0: no cap).",
)
@click.option(
    "-s",
    "--set",
    "overrides",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy setting of crawler/settings.py, e.g. -s DOWNLOAD_DELAY=0.",
)
@click.option(
    "--redis",
    "redis_url",
    metavar="URL",
    default=None,
    help="Share the frontier with other workers through this Redis "
    "(redis://HOST:6379/0): each page is fetched by one worker only.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log every request (Scrapy INFO log).")
def crawl(
    sites_file: str,
    db: str,
    since: Any,
    max_pages: int,
    overrides: tuple[str, ...],
    redis_url: str | None,
    verbose: bool,
) -> None:
    """Crawl news sites and store every relevant article and its award facts.

    \b
    Each site is given by its home page; pantau discovers its sitemaps (robots.txt),
    RSS/Atom feeds, WordPress REST API or, failing those, its category pages. The crawl
    obeys robots.txt, stores each relevant article once however many URLs lead to it,
    archives raw pages in DB.warc/ and is incremental: a second run fetches only new
    articles. A crawl stopped with Ctrl-C (exit status 130) resumes where it stopped
    (state in DB.jobdir/); one killed outright starts again without losing or
    duplicating anything. An unreachable site is logged and skipped (crawl_errors);
    the exit status is still 0. A SITES.yaml entry may add feeds:, sitemaps:,
    start_urls: and keywords: (relevance words replacing the defaults) to name and url.
    A top-level searches: list asks GDELT or Google News for articles from outlets
    nobody listed (see README: Discovery by search).

    \b
    With --redis, start several workers on any machines and one pantau store: the
    workers share the sites' request queue and seen-request set, push what they find
    to Redis for pantau store to write, and stop when the queue is empty. A worker's
    own --db then keeps only its run log and page archive.

    \b
    Example:
        pantau crawl --sites SITES.yaml --db data/pantau.db --since 2026-01-01
    """
    from crawler.run import run_crawl, setting_problem, site_summaries
    from crawler.search import load_searches
    from crawler.sites import SitesError, load_sites

    try:
        load_sites(sites_file)
        load_searches(sites_file)
    except SitesError as exc:
        raise click.ClickException(str(exc)) from None
    check_db(db)
    settings: dict[str, Any] = {"LOG_LEVEL": "INFO" if verbose else "WARNING"}
    if redis_url:
        from crawler.distributed import check_redis, redis_settings

        problem = check_redis(redis_url)
        if problem:
            raise click.ClickException(problem)
        settings.update(redis_settings(redis_url))
    for override in overrides:
        name, sep, value = override.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"expected NAME=VALUE, got {override!r}", param_hint="-s")
        problem = setting_problem(name, value)
        if problem:
            raise click.BadParameter(problem, param_hint="-s")
        settings[name] = value
    run = run_crawl(
        sites_file,
        db,
        since=since.date().isoformat() if since else None,
        max_pages=max_pages,
        settings=settings,
    )
    if run.get("id") is not None:
        for line in site_summaries(db, run["id"]):
            click.echo(f"  {line}", err=True)
    click.echo(
        f"crawl {run.get('status', '?')}: {run.get('pages', 0)} pages, "
        f"{run.get('articles', 0)} articles, {run.get('facts', 0)} award facts, "
        f"{run.get('errors', 0)} errors (details: crawl_errors, run {run.get('id')})",
        err=True,
    )
    if run.get("status") != "finished":
        click.echo("pantau: run the same command again to resume", err=True)
        sys.exit(130)


@cli.command()
@click.option(
    "--redis",
    "redis_url",
    required=True,
    metavar="URL",
    help="The Redis that pantau crawl --redis workers push their items to.",
)
@click.option(
    "--db",
    required=True,
    type=click.Path(dir_okay=False),
    help="The one SQLite database to write (created if missing).",
)
@click.option(
    "--drain",
    is_flag=True,
    help="Stop once the queue is empty instead of waiting for more.",
)
def store(redis_url: str, db: str, drain: bool) -> None:
    """Write the items crawl workers pushed to Redis into one database.

    \b
    Workers started with pantau crawl --redis URL, on any number of machines, push
    each article with its facts and URLs to a Redis list; this is the one process
    that writes them into DB (the database pantau serve publishes). An item is
    removed from Redis only after it is committed to DB: a writer killed at any
    point loses nothing, and the next one finishes what it had taken. Stop with
    Ctrl-C, or use --drain to stop when the queue is empty.

    \b
    Example:
        pantau store --redis redis://10.0.0.5:6379/0 --db data/pantau.db
    """
    import redis

    from crawler.distributed import check_redis
    from crawler.writer import Writer

    problem = check_redis(redis_url)
    if problem:
        raise click.ClickException(problem)
    check_db(db)
    writer = Writer(redis.Redis.from_url(redis_url), db)
    try:
        counts = writer.run(drain=drain)
    except redis.RedisError as exc:
        raise click.ClickException(f"lost Redis at {redis_url}: {exc}") from None
    click.echo(
        f"store: {counts['messages']} items, {counts['articles']} articles, "
        f"{counts['facts']} award facts, {counts['errors']} errors",
        err=True,
    )
    if counts["unreadable"]:
        fail(f"{counts['unreadable']} unreadable item(s) set aside in pantau:items:unreadable")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--into",
    required=True,
    type=click.Path(dir_okay=False),
    help="The database to merge into (created if missing).",
)
def merge(inputs: tuple[str, ...], into: str) -> None:
    """Merge pantau databases made apart into one.

    \b
    Each article is stored once in INTO, folded by canonical URL and by text
    fingerprint (the same story syndicated to several outlets), with every URL
    that led to it; where inputs disagree on an article's facts, the newest
    extraction wins. Sites and handled URLs are merged too. The inputs are only
    read; merging the same inputs again changes nothing.

    \b
    Example:
        pantau merge jakarta.db makassar.db --into data/pantau.db
    """
    from store.merge import MergeError
    from store.merge import merge as run_merge

    try:
        counts = run_merge(inputs, into)
    except MergeError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"merge: {counts['articles read']} articles read from {len(inputs)} databases; "
        f"{into} holds {counts['articles']} articles, {counts['facts']} award facts",
        err=True,
    )


def check_db(db: str) -> None:
    """A --db that exists must be a SQLite database (not, say, the SITES.yaml)."""
    import sqlite3

    from store import open_db

    try:
        open_db(db).close()
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(f"{db}: not a pantau database ({exc})") from None


@cli.command()
@click.option(
    "--db",
    required=True,
    type=click.Path(dir_okay=False, exists=True),
    help="Database whose DB.warc/ archive is re-read.",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Only articles published on or after YYYY-MM-DD, as with crawl --since.",
)
def reextract(db: str, since: Any) -> None:
    """Rebuild articles and facts from the raw-page archive, without crawling.

    \b
    Runs the keyword filter and the current extractor over every article page archived
    in DB.warc/ by earlier crawls, and updates the stored articles and their facts.
    Use it after the extractor improved.
    """
    from crawler.reextract import reextract as run_reextract
    from crawler.warc import warc_dir_for

    check_db(db)
    if not warc_dir_for(db).is_dir():
        raise click.ClickException(f"{warc_dir_for(db)}: no archive (crawl first)")
    counts = run_reextract(db, since.date() if since else None)
    click.echo(
        f"reextract: {counts['pages']} archived pages, {counts['articles']} articles, "
        f"{counts['facts']} award facts",
        err=True,
    )


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65532),
    default=0,
    show_default=True,
    help="First port; the four sites take PORT..PORT+3. 0 picks free ports.",
)
@click.option(
    "--write-sites",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write a SITES.yaml pointing at the running sites, for pantau crawl --sites.",
)
@click.option(
    "--scale",
    type=click.IntRange(1, 1000),
    default=1,
    show_default=True,
    help="Size of the network: each step above 1 adds 60 generated articles.",
)
@click.option(
    "--faults/--no-faults",
    default=True,
    show_default=True,
    help="Serve the misbehaving pages (503s, loops, truncated bodies ...).",
)
def samplenet(port: int, write_sites: str | None, scale: int, faults: bool) -> None:
    """Serve the bundled sample news network on 127.0.0.1 until Ctrl-C.

    \b
    Four imitated Indonesian news sites, each on its own port:
      kabarkupang      WordPress: RSS feed, REST API, sitemaps, AMP copies
      suaraflores      Blogger: paged Atom feed, ?m=1 mobile copies
      portalnusantara  portal: news sitemap, paged articles, endless calendar
      warta-timor      old static site in windows-1252, category pages only

    \b
    Example:
        pantau samplenet --write-sites sites.yaml &
        pantau crawl --sites sites.yaml --db data/pantau.db
    """
    import time

    from samplenet import SampleNetwork

    network = SampleNetwork(scale=scale, faults=faults, port=port)
    try:
        network.start()
    except OSError as exc:
        raise click.ClickException(
            f"cannot listen on 127.0.0.1 port {port}: {exc.strerror}"
        ) from None
    with network as net:
        try:
            for site in net.sites:
                click.echo(f"{site.name:<16} {site.style:<10} {site.url}")
            if write_sites:
                try:
                    net.write_sites_yaml(write_sites)
                except OSError as exc:
                    raise click.ClickException(
                        f"cannot write sites file {write_sites}: {exc.strerror}"
                    ) from None
                click.echo(f"sites file: {write_sites}")
            click.echo("Serving; Ctrl-C to stop.")
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            click.echo("Stopped.")


@cli.command()
@click.option(
    "--db",
    "db_path",
    default="data/pantau.db",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Demo database, rebuilt on every run.",
)
@click.option("--port", default=8001, show_default=True, help="Datasette's port.")
def demo(db_path: Path, port: int) -> None:
    """Crawl the bundled sample news network and serve the result (make demo).

    \b
    Starts four sample news sites on 127.0.0.1 (WordPress, Blogger, a big
    portal and an old static site, with faults such as 503s, redirect loops
    and an 8 MB page), crawls them with the real crawler into DB, and serves
    DB with Datasette on http://127.0.0.1:PORT/ until Ctrl-C.
    """
    from pantau.demo import run_demo
    from publish.serve import ServeError

    try:
        run_demo(db_path, port)
    except ServeError as exc:
        raise click.ClickException(str(exc)) from None


def main() -> None:
    """Console entry point: turns bad input into exit status 2, never a traceback."""
    ctx_meta: dict = {}
    try:
        with cli.make_context("pantau", sys.argv[1:]) as ctx:
            ctx_meta = ctx.meta
            cli.invoke(ctx)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_BAD_INPUT)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`pantau extract ... | head`): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
    sys.exit(EXIT_BAD_INPUT if ctx_meta.get("pantau_bad_input") else 0)
