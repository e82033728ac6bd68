"""``make demo``: the bundled sample news network, crawled for real, then served.

Everything a new user needs to see pantau work end to end, offline: the sample sites stay
up while Datasette serves, so every evidence link opens its article. The demo database
is rebuilt on every run: the sample sites get new ports each time, so an old database
would hold the same articles under dead URLs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from crawler.jobdir import jobdir_for
from crawler.run import run_crawl
from crawler.warc import warc_dir_for
from publish.serve import check_port, serve_database
from samplenet import SampleNetwork
from samplenet.preset import LOCAL_CRAWL


def _remove_database(db_path: Path) -> None:
    for path in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        path.unlink(missing_ok=True)
    for folder in (jobdir_for(db_path), warc_dir_for(db_path)):
        shutil.rmtree(folder, ignore_errors=True)


def run_demo(db_path: Path, port: int) -> None:
    """Start the sample network, crawl it into ``db_path``, then serve until Ctrl-C."""
    check_port(port)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _remove_database(db_path)
    with SampleNetwork(faults=True) as network:
        sites = db_path.with_name("sample-sites.yaml")
        network.write_sites_yaml(sites)
        click.echo(f"pantau demo: {len(network.sites)} sample news sites on 127.0.0.1:", err=True)
        for site in network.sites:
            click.echo(f"  {site.name:<16} {site.style:<10} {site.url}", err=True)
        run = run_crawl(sites, db_path, settings={**LOCAL_CRAWL, "LOG_LEVEL": "WARNING"})
        click.echo(
            f"pantau demo: crawled {run.get('pages', 0)} pages, stored {run.get('articles', 0)} "
            f"articles with {run.get('facts', 0)} award facts; {run.get('errors', 0)} pages "
            "failed on purpose (the network serves faults)",
            err=True,
        )
        serve_database(db_path, port)
