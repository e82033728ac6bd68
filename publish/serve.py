"""Serve a pantau database with Datasette, read-only, with pantau's metadata and pages.

The database is always published under the name "pantau", whatever its file is called,
so the canned queries, templates (row-pantau-regions.html) and links in metadata.yml
hold for every database. Datasette opens a file database read-only (mode=ro) for
queries and pantau registers no plugin that writes, so the server cannot change data.
"""

from __future__ import annotations

import json
import logging
import socket
import sqlite3
from contextlib import closing
from pathlib import Path

import click
import yaml
from datasette.app import Datasette
from datasette.database import Database

import store
from publish.views import ensure_views

DB_NAME = "pantau"
HOST = "127.0.0.1"
CONFIG_DIR = Path(__file__).resolve().parent / "config"
STATIC_MOUNT = "pantau-static"

log = logging.getLogger(__name__)


class ServeError(Exception):
    """A database that cannot be served, with a one-line reason."""


def prepare(db_path: Path) -> None:
    """Check the file is a pantau database and bring its published views up to date."""
    if not db_path.is_file():
        raise ServeError(f"{db_path}: no such database file")
    try:
        with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
            tables = {
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
    except sqlite3.DatabaseError as exc:
        raise ServeError(f"{db_path}: not a pantau database ({exc})") from None
    if tables and "articles" not in tables:
        # Someone else's SQLite file: serving it would add pantau's tables to it.
        raise ServeError(f"{db_path}: not a pantau database (no articles table)")
    db = store.open_db(db_path)
    try:
        ensure_views(db)
    except sqlite3.OperationalError as exc:
        # A read-only copy still serves; its views are whatever it was published with.
        log.warning("%s: views not refreshed (%s)", db_path, exc)
    finally:
        db.close()


def make_datasette(db_path: Path) -> Datasette:
    """A Datasette instance publishing ``db_path`` as "pantau" with pantau's config."""
    metadata = yaml.safe_load((CONFIG_DIR / "metadata.yml").read_text(encoding="utf-8"))
    settings = json.loads((CONFIG_DIR / "settings.json").read_text(encoding="utf-8"))
    ds = Datasette(
        [],
        metadata=metadata,
        settings=settings,
        template_dir=str(CONFIG_DIR / "templates"),
        plugins_dir=str(CONFIG_DIR / "plugins"),
        static_mounts=[(STATIC_MOUNT, str(CONFIG_DIR / "static"))],
    )
    ds.remove_database("_memory")
    ds.add_database(Database(ds, path=str(db_path), is_mutable=True), name=DB_NAME)
    return ds


def check_port(port: int, host: str = HOST) -> None:
    """Fail with one line now, rather than with the server's log later, if the port is taken."""
    try:
        with socket.socket() as probe:
            probe.bind((host, port))
    except OSError as exc:
        raise ServeError(f"cannot listen on {host} port {port}: {exc.strerror}") from None


def serve_database(db_path: Path, port: int) -> None:
    """Check, refresh and publish ``db_path`` on 127.0.0.1:``port`` until interrupted."""
    check_port(port)
    prepare(db_path)
    click.echo(f"pantau: serving {db_path} on http://{HOST}:{port}/ (Ctrl-C to stop)", err=True)
    run(make_datasette(db_path), port)


def run(ds: Datasette, port: int, host: str = HOST) -> None:
    """Serve until interrupted."""
    import uvicorn

    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
