"""SampleNetwork: the four sample news sites, started together, with their ground truth."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import yaml

from samplenet.articles import Article, handwritten_articles, hostile_articles, unseen_handwritten
from samplenet.faults import Faults
from samplenet.generate import (
    AFTER_FIX_NAMES,
    SITE_NAMES,
    UNSEEN_NAMES,
    generated_articles,
    unseen_articles,
)
from samplenet.server import RequestLog, SiteServer
from samplenet.sites.base import Site
from samplenet.sites.blogger import BloggerSite
from samplenet.sites.bloglama import BlogLamaSite
from samplenet.sites.flobamora import FlobamoraSite
from samplenet.sites.kabarsabu import KabarSabuSite
from samplenet.sites.lensantt import LensaNttSite
from samplenet.sites.portal import PortalSite
from samplenet.sites.rusak import RusakSite
from samplenet.sites.static import StaticSite
from samplenet.sites.suarasumba import SuaraSumbaSite
from samplenet.sites.wartalama import WartaLamaSite
from samplenet.sites.wordpress import WordPressSite

SITE_CLASSES: dict[str, type[Site]] = {
    "kabarkupang": WordPressSite,
    "suaraflores": BloggerSite,
    "portalnusantara": PortalSite,
    "warta-timor": StaticSite,
    "rusak": RusakSite,  # faults="hostile" only
    # unseen=True only: templates the crawler was not written against (see README)
    "bloglama": BlogLamaSite,
    "wartalama": WartaLamaSite,
    "suarasumba": SuaraSumbaSite,
    "harianflobamora": FlobamoraSite,
    "lensantt": LensaNttSite,
    "kabarsabu": KabarSabuSite,  # written after the crawler's fix
}


@dataclass(frozen=True)
class SiteInfo:
    name: str
    url: str
    style: str


class SampleNetwork:
    """Imitated Indonesian regional news sites on 127.0.0.1, one port per site.

    Use as a context manager: the servers run in daemon threads while the block runs.
    `scale` > 1 adds 60 generated articles per step (one in six relevant), seeded, so a
    benchmark network is the same every time. `faults` switches the misbehaving pages on;
    `faults="hostile"` also adds the site "rusak" (see sites/rusak.py), whose robots.txt
    and dripping page hold a crawler for `hang_seconds`. `unseen` adds five sites in
    templates the crawler was not built against (UNSEEN_NAMES, data/unseen.yaml) and one
    written after it was fixed for them (AFTER_FIX_NAMES).
    """

    def __init__(
        self,
        scale: int = 1,
        faults: bool | str = True,
        slow_seconds: float = 3.0,
        port: int = 0,
        hang_seconds: float = 60.0,
        unseen: bool = False,
    ) -> None:
        if scale < 1:
            raise ValueError("scale must be at least 1")
        if faults not in (True, False, "hostile"):
            raise ValueError('faults must be True, False or "hostile"')
        hostile = faults == "hostile"
        written = handwritten_articles() + (hostile_articles() if hostile else [])
        taken = {award.region_name for a in written for award in a.awards}
        self.articles: list[Article] = written + generated_articles(scale, taken)
        if unseen:
            taken |= {award.region_name for a in self.articles for award in a.awards}
            self.articles += unseen_handwritten() + unseen_articles(taken)
            taken |= {award.region_name for a in self.articles for award in a.awards}
            self.articles += unseen_articles(taken, AFTER_FIX_NAMES, seed=14)
        self.faults = Faults(bool(faults), slow_seconds, hostile, hang_seconds)
        self.log = RequestLog()
        names = (*SITE_NAMES, "rusak") if hostile else SITE_NAMES
        names = (*names, *UNSEEN_NAMES, *AFTER_FIX_NAMES) if unseen else names
        self._sites: dict[str, Site] = {
            name: SITE_CLASSES[name](
                name,
                [a for a in self.articles if a.site == name or name in a.also_on],
                self.faults,
            )
            for name in names
        }
        self._port = port
        self._servers: list[SiteServer] = []

    def start(self) -> SampleNetwork:
        """Bind and serve every site; on a bind error, stop what started and re-raise."""
        if self._servers:
            return self
        try:
            for offset, site in enumerate(self._sites.values()):
                port = self._port + offset if self._port else 0
                server = SiteServer(site, self.log, port)
                server.start()
                self._servers.append(server)
        except OSError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for server in self._servers:
            server.stop()
        self._servers.clear()

    def __enter__(self) -> SampleNetwork:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def sites(self) -> list[SiteInfo]:
        return [SiteInfo(s.name, s.base_url, s.style) for s in self._sites.values()]

    def site(self, name: str) -> Site:
        return self._sites[name]

    @property
    def requests(self) -> list[tuple[str, str, str]]:
        """(site_name, method, path_with_query) of every request received so far."""
        return self.log.snapshot()

    @property
    def connections(self) -> int:
        """TCP connections the sites have accepted so far."""
        return sum(server.httpd.accepted for server in self._servers)

    def canonical_url(self, article: Article) -> str:
        home = self._sites[article.site]
        return home.url(home.article_path(article))

    def duplicate_urls(self, article: Article) -> list[str]:
        """Every other URL serving the same text: AMP, mobile, syndicated copies ..."""
        home = self._sites[article.site]
        urls = [home.url(p) for p in home.copy_paths(article)]
        for name in article.also_on:
            copy = self._sites[name]
            urls.append(copy.url(copy.article_path(article)))
            urls.extend(copy.url(p) for p in copy.copy_paths(article))
        return urls

    @property
    def truth(self) -> list[dict]:
        """One dict per unique relevant article, with the award facts a careful reader takes."""
        return [
            {
                "site": a.site,
                "canonical_url": self.canonical_url(a),
                "duplicate_urls": self.duplicate_urls(a),
                "title": a.title,
                "published": a.published.date().isoformat(),
                "awards": [award.to_truth() for award in a.awards],
            }
            for a in self.articles
            if a.relevant
        ]

    @property
    def irrelevant_urls(self) -> list[str]:
        return [self.canonical_url(a) for a in self.articles if not a.relevant]

    @property
    def disallowed_paths(self) -> list[tuple[str, str]]:
        """(site_name, path prefix) pairs that robots.txt forbids."""
        return [(s.name, prefix) for s in self._sites.values() for prefix in s.disallowed]

    @property
    def fault_urls(self) -> list[dict[str, str]]:
        """{"site", "kind", "url"} of every misbehaving page, when faults are on.

        Kinds: flaky (503 twice, then the article), slow, redirect_chain (three hops to
        an article), server_error, redirect_loop, truncated, big_page, pdf, not_found;
        with faults="hostile" also robots_timeout, connection_reset, slow_drip, bad_gzip,
        offsite_redirect, huge_body, huge_sitemap, broken_sitemap and broken_html (the
        last two are still readable).
        """
        if not self.faults.enabled:
            return []
        found = [
            {"site": s.name, "kind": kind, "url": s.url(path)}
            for s in self._sites.values()
            for kind, path in s.fault_paths().items()
        ]
        for article in self.articles:
            kind = article.fault if article.fault in ("flaky", "broken_html") else None
            kind = kind or ("slow" if article.slow else None)
            if kind:
                found.append(
                    {"site": article.site, "kind": kind, "url": self.canonical_url(article)}
                )
        return found

    @staticmethod
    def _site_entry(site: Site) -> dict:
        entry: dict = {"name": site.name, "url": site.base_url}
        if isinstance(site, RusakSite):
            entry["sitemaps"] = site.sitemaps()
        return entry

    def write_sites_yaml(self, path: str | Path) -> None:
        """A SITES.yaml for ``pantau crawl --sites``: each site by its home page alone."""
        document = {"sites": [self._site_entry(s) for s in self._sites.values()]}
        Path(path).write_text(
            "# The bundled sample news network (pantau samplenet).\n"
            + yaml.safe_dump(document, sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
