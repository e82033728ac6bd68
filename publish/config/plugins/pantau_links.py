"""Link cells that name a region, an article or a person to their pages.

Datasette links foreign keys on tables by itself, but not in views or canned queries,
where pantau's consolidated answers live; there a journalist should still reach the
region page or the article behind a fact in one click.
"""

from __future__ import annotations

import json

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup

from publish.views import VIEWS

ROW_LINKS = {
    "region_code": "regions",
    "kode_wilayah": "regions",
    "article_id": "articles",
    "artikel_id": "articles",
    "person_id": "people",
}
URL_LIST_COLUMNS = {"evidence_urls", "bukti_artikel"}


def web_url(url: object) -> str | None:
    """The URL if it is http(s), else None: a crawled page may claim a javascript: URL."""
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _link(href: str, text: str) -> Markup:
    return Markup('<a href="{}">{}</a>').format(href, text)


@hookimpl
def render_cell(value, column, table, database, datasette):
    if table is not None and table not in VIEWS:
        return None
    if column in ROW_LINKS and value not in (None, ""):
        href = datasette.urls.row(database, ROW_LINKS[column], tilde_encode(str(value)))
        return _link(href, str(value))
    if column in URL_LIST_COLUMNS and isinstance(value, str) and value.startswith("["):
        try:
            urls = [u for u in json.loads(value) if isinstance(u, str)]
        except ValueError:
            return None
        items = Markup("").join(
            Markup("<li>{}</li>").format(_link(u, u) if web_url(u) else u) for u in urls
        )
        return Markup('<ul class="pantau-urls">{}</ul>').format(items)
    return None


@hookimpl
def prepare_jinja2_environment(env):
    """Templates link to rows whose keys hold dots ("53.71"), which Datasette tilde-encodes,
    and to article URLs, which must be web URLs to be links."""
    env.filters["tilde_encode"] = tilde_encode
    env.filters["web_url"] = web_url
