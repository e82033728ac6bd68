"""lensantt: a site whose only listing is its date archive.

No feed, no sitemap, no category pages. The home page shows the newest day's stories
and a calendar of the current month; /arsip/YYYY/MM/ lists a month's stories with its
calendar and links to the months before and after, /arsip/YYYY/MM/DD/ a day's stories
with links to the day before and after. Both answer for any date, empty or not: an
endless calendar in both directions. Dates are printed only in the text ("Selasa,
27 Januari 2026 | 10:15 WITA" under the h1); no meta tags.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from html import escape

from samplenet.articles import Article
from samplenet.render import (
    MONTHS,
    Response,
    html_page,
    link_list,
    paragraphs_html,
    render,
    tanggal,
    tanggal_jam,
)
from samplenet.sites.base import Site

FIRST_YEAR, LAST_YEAR = 1990, 2100


class LensaNttSite(Site):
    style = "date-archive"
    disallowed = ("/cari",)
    robots_template = "robots_lensantt.txt"

    def article_path(self, article: Article) -> str:
        return f"/baca/{article.slug}"

    def route(self, path: str, query: dict[str, str]) -> Response | None:
        parts = [p for p in path.split("/") if p]
        if path == "/":
            return self.home()
        if len(parts) == 2 and parts[0] == "baca" and parts[1] in self.by_slug:
            return self.article(self.by_slug[parts[1]])
        numbers = [int(p) for p in parts[1:] if p.isdigit()]
        if parts[:1] != ["arsip"] or len(numbers) != len(parts) - 1 or not path.endswith("/"):
            return None
        try:
            if len(numbers) == 2 and FIRST_YEAR <= numbers[0] <= LAST_YEAR:
                return self.month(date(numbers[0], numbers[1], 1))
            if len(numbers) == 3 and FIRST_YEAR <= numbers[0] <= LAST_YEAR:
                return self.day(date(*numbers))
        except ValueError:
            return None
        return None

    def on(self, day: date) -> list[Article]:
        return [a for a in self.articles if a.published.date() == day]

    def calendar(self, first: date) -> str:
        days = {
            a.published.day for a in self.articles if a.published.date().replace(day=1) == first
        }
        cells = []
        for number in range(1, calendar.monthrange(first.year, first.month)[1] + 1):
            cells.append(
                f'<a href="/arsip/{first:%Y/%m}/{number:02d}/">{number}</a>'
                if number in days
                else str(number)
            )
        heading = f"{MONTHS[first.month - 1]} {first.year}"
        return f'<div class="kalender"><b>{heading}</b><br>{" ".join(cells)}</div>'

    def page(self, title: str, main: str, month: date) -> Response:
        return html_page(
            render(
                "lensantt_page.html", title=escape(title), main=main, calendar=self.calendar(month)
            )
        )

    def items(self, articles: list[Article]) -> str:
        if not articles:
            return "<p>Tidak ada berita pada tanggal ini.</p>"
        return link_list([(self.article_path(a), a.title) for a in articles], css="arsip")

    def home(self) -> Response:
        newest = self.articles[0].published.date()
        first = newest.replace(day=1)
        before = (first - timedelta(days=1)).replace(day=1)
        main = (
            f"<h2>Berita {tanggal(self.articles[0].published)}</h2>{self.items(self.on(newest))}"
            f'<p><a href="/arsip/{before:%Y/%m}/">« {MONTHS[before.month - 1]} {before.year}</a>'
            f' | <a href="/arsip/{newest:%Y/%m/%d}/">Arsip hari ini</a></p>'
        )
        return self.page("Lensa NTT - Berita Nusa Tenggara Timur", main, first)

    def month(self, first: date) -> Response:
        before = (first - timedelta(days=1)).replace(day=1)
        after = (first + timedelta(days=32)).replace(day=1)
        posts = [a for a in self.articles if a.published.date().replace(day=1) == first]
        main = (
            f"<h2>Arsip {MONTHS[first.month - 1]} {first.year}</h2>{self.items(posts)}"
            f'<p><a href="/arsip/{before:%Y/%m}/">« {MONTHS[before.month - 1]} {before.year}</a>'
            f' | <a href="/arsip/{after:%Y/%m}/">{MONTHS[after.month - 1]} {after.year} »</a></p>'
        )
        return self.page(f"Arsip {MONTHS[first.month - 1]} {first.year} - Lensa NTT", main, first)

    def day(self, day: date) -> Response:
        before, after = day - timedelta(days=1), day + timedelta(days=1)
        main = (
            f"<h2>Arsip {day.day} {MONTHS[day.month - 1]} {day.year}</h2>{self.items(self.on(day))}"
            f'<p><a href="/arsip/{before:%Y/%m/%d}/">« Hari sebelumnya</a> | '
            f'<a href="/arsip/{after:%Y/%m/%d}/">Hari berikutnya »</a></p>'
        )
        return self.page(f"Arsip {day:%d/%m/%Y} - Lensa NTT", main, day.replace(day=1))

    def article(self, article: Article) -> Response:
        main = (
            f"<h1>{escape(article.title)}</h1>\n"
            f'<div class="tanggal">{tanggal_jam(article.published)} | '
            f"{escape(article.author)}</div>\n"
            f'<div class="isi">{paragraphs_html(article.paragraphs)}</div>\n'
            f'<p><a href="/arsip/{article.published:%Y/%m/%d}/">Berita lain hari ini</a></p>'
        )
        return self.page(
            f"{article.title} - Lensa NTT", main, article.published.date().replace(day=1)
        )
