"""The ``pantau`` command: extract, crawl, re-extract and publish UHC Award facts."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

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
    "-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-",
    help="Write JSON lines here instead of standard output.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
    help="Extract in N worker processes (each loads the pipeline once); output order is kept.",
)
def extract(inputs: tuple[str, ...], output: str, jobs: int) -> None:
    """Extract award facts from articles given as JSON lines or HTML files.

    \b
    INPUTS are .jsonl files (one object per line with "html" or "text", and
    optionally "id", "url", "published"), .html/.htm files, or - for standard
    input. With no INPUTS, standard input is read.

    One JSON object is written per document, in input order. A bad line or file
    is reported on stderr and skipped; the exit status is then 2.

    \b
    Example:
        pantau extract articles.jsonl -o facts.jsonl
        pantau extract --jobs 2 crawl-dump.jsonl -o facts.jsonl
        cat page.html | jq -Rs '{html: .}' -c | pantau extract -
    """
    from extract.result import Result
    from pantau.inputs import read_inputs
    from pantau.parallel import extract_many

    with click.open_file(output, "w", encoding="utf-8") as out:
        for item in extract_many(read_inputs(inputs), jobs):
            if not isinstance(item, Result):
                fail(str(item))
                continue
            out.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
            out.flush()


@cli.command()
@click.option(
    "--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
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
    from pantau.serve import HOST, ServeError, check_port, make_datasette, prepare, run

    try:
        check_port(port)
        prepare(db_path)
    except ServeError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"pantau: serving {db_path} on http://{HOST}:{port}/ (Ctrl-C to stop)", err=True)
    run(make_datasette(db_path), port)


@cli.command()
@click.option(
    "--port", type=click.IntRange(0, 65532), default=0, show_default=True,
    help="First port; the four sites take PORT..PORT+3. 0 picks free ports.",
)
@click.option(
    "--write-sites", type=click.Path(dir_okay=False), default=None,
    help="Write a SITES.yaml pointing at the running sites, for pantau crawl --sites.",
)
@click.option(
    "--scale", type=click.IntRange(1, 1000), default=1, show_default=True,
    help="Size of the network: each step above 1 adds 60 generated articles.",
)
@click.option("--faults/--no-faults", default=True, show_default=True,
              help="Serve the misbehaving pages (503s, loops, truncated bodies ...).")
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

    from pantau.samplenet import SampleNetwork

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
