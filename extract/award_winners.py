"""Which regions a sentence says won: the rules of the awards component.

Subject of a winning verb, object after a passive verb or a list cue, beneficiary of the
award, item of a list of winners (on one line or under category headers), the region
the article is about when a sentence says "daerah ini meraih"; never a venue, a dateline
or the province that only locates a winner.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extract.award_types import CueSentence
from extract.components.regions import SPANS_KEY as REGIONS_KEY
from extract.components.sentences import sentence_at

DATELINE_MARKS = {"–", "-", "—", "--", "---", "|"}
CLAUSE_BREAKS = {";", "sedangkan", "sementara", "adapun"}
REFERENT_REACH = 4
DATELINE_REACH = 6
WEB_SUFFIXES = {"id", "com", "co", "net", "org", "news", "go"}
VENUE_PUNCT = {",", "(", ")", "-", "–", "/", "&", "'", "’"}
NEAR = 2


class WinnerRules:
    """Mixed into the awards component, whose vocabulary (``configure``) they read."""

    def _refers_back(
        self, doc: Doc, sent: CueSentence, stated: str | None, same: str | None
    ) -> str | None:
        """The category a sentence takes from the ones before it: "juga menerima predikat
        serupa" takes the last one stated; "Penghargaan tersebut diberikan kepada ..." the
        one stated for regions not yet named ("sejumlah kabupaten ... kategori Madya")."""
        if sent.categories:
            return None
        after = {doc[n + 1].lower_ for n in sent.at["NOUN"] if n + 1 < len(doc)}
        if after & self.same_award_words:
            return same
        return stated if after & self.demonstratives else None

    def _announces(self, sent: CueSentence) -> bool:
        """A sentence that a list of winners may follow: about the award, stating a win
        or opening a list ("Berikut daftar penerimanya:")."""
        return (
            sent.about_award
            and not sent.at["IRREALIS"]
            and bool(sent.at["WIN"] or sent.at["PASSIVE"] or sent.at["LIST"])
        )

    def _list_line(
        self, doc: Doc, sent: CueSentence, in_titles: set[int]
    ) -> tuple[list[Span], str | None] | None:
        """A line that is nothing but winners: region names with bullets, numbers,
        commas, "dan" and maybe a category header ("Kategori Utama: Kutim, Berau dan
        Kota Bontang", "- PPU", "Kategori Madya:"). Returns its regions and category."""
        regions = [
            r
            for r in doc.spans[REGIONS_KEY]
            if sent.span.start <= r.start < sent.span.end and r.start not in in_titles
        ]
        covered = {i for r in regions for i in range(r.start, r.end)}
        stated = set()
        for token in sent.span:
            if (
                token.i in covered
                or token.is_space
                or token.is_punct
                or token.like_num
                or token.text in self.bullets
                or token.lower_ in self.list_line_words
            ):
                continue
            if token.lower_ in self.categories:
                stated.add(self.categories[token.lower_])
                continue
            return None
        if not regions and not stated:
            return None
        return regions, stated.pop() if len(stated) == 1 else None

    @staticmethod
    def _states_win(sent: CueSentence) -> bool:
        at = sent.at
        return bool(at["WIN"] or at["PASSIVE"] or at["RECEIVE"]) and not at["IRREALIS"]

    @staticmethod
    def _names_year(sent: CueSentence, award_year: int | None) -> bool:
        """Whether a sentence with an earlier award also speaks of the award's own year
        ("pada tahun 2024 ... meraih ..., dan pada tahun 2026 ... kembali meraih")."""
        return award_year is not None and any(t.text == str(award_year) for t in sent.span)

    def _list_continued(
        self, doc: Doc, sent: CueSentence, previous: CueSentence | None, in_titles: set[int]
    ) -> list[Span]:
        """ "Enam daerah tersebut meliputi Kabupaten A, Kota B ...": the sentence after a
        win names the winners it counted, opening with a word for them and a list cue."""
        if previous is None or not sent.at["LIST"]:
            return []
        opening = [
            i
            for i in sent.at["REFERENT"]
            if i - sent.span.start <= REFERENT_REACH
            and all(t.like_num or t.lower_ in self.quantity_words for t in doc[sent.span.start : i])
        ]
        if not opening:
            return []
        cue = (
            min(i for i in sent.at["LIST"] if i > opening[0])
            if any(i > opening[0] for i in sent.at["LIST"])
            else None
        )
        if cue is None:
            return []
        return [
            r
            for r in doc.spans[REGIONS_KEY]
            if cue < r.start < sent.span.end
            and r.start not in in_titles
            and not self._locative(doc, r, sent.span)
        ]

    def _anaphor_winner(
        self, doc: Doc, sent: CueSentence, winners: dict
    ) -> list[tuple[Span, str | None]]:
        """ "daerah ini meraih ... Kategori Pratama": the region the article is about."""
        at = sent.at
        subject = [a for a in at["ANAPHOR"] if any(v > a for v in at["WIN"])]
        if not subject or at["IRREALIS"]:
            return []
        verb = min(v for v in at["WIN"] if v > subject[0])
        after = sorted(i for i in sent.categories if i > verb)
        category = sent.categories[after[0]] if after else None
        return [(region, category) for region in self._primary(doc, winners, sent.span.start)]

    def _primary(self, doc: Doc, winners: dict, before: int) -> list[Span]:
        """The article's own region: its only winner so far; with none yet, the first
        region it names that is neither a dateline nor a place of something else."""
        codes = {code for code, _ in winners}
        if len(codes) == 1:
            return [next(iter(winners.values())).region]
        if codes:
            return []
        first = next(
            (
                r
                for r in doc.spans[REGIONS_KEY]
                if r.start < before
                and not self._dateline(doc, r)
                and not self._locative(doc, r, sentence_at(doc, r.start))
            ),
            None,
        )
        return [first] if first is not None else []

    def _sentence_winners(
        self, doc: Doc, sent: CueSentence, in_titles: set[int]
    ) -> list[tuple[Span, str | None]]:
        at = sent.at
        award_words = at["TRIGGER"] + at["NOUN"] + list(sent.categories)
        regions = [
            r
            for r in doc.spans[REGIONS_KEY]
            if sent.span.start <= r.start < sent.span.end
            and r.start not in in_titles
            and not self._locative(doc, r, sent.span)
            and not self._dateline(doc, r)
        ]
        located = {n for n in range(1, len(regions)) if _apposition(regions[n - 1], regions[n])}
        located |= {
            n
            for n in range(2, len(regions))
            if n - 1 in located and _apposition(regions[n - 1], regions[n])
        }
        regions = [r for n, r in enumerate(regions) if n not in located]
        found = []
        for region in regions:
            verb = next((v for v in at["WIN"] if v >= region.end), None)
            if (
                verb is not None
                and not any(region.end <= i <= verb for i in at["IRREALIS"])
                and any(a > region.start for a in award_words)
            ):
                next_subject = min(
                    (r.start for r in regions if r.start > verb), default=sent.span.end
                )
                after = [i for i in sent.categories if verb < i < next_subject]
                category = sent.categories[min(after)] if after else None
                found.append((region, category or self._category_near(region, sent)))
            elif (
                self._as_object(region, sent)
                or self._as_beneficiary(region, sent)
                or self._as_list_item(doc, region, sent)
            ):
                found.append(
                    (region, self._category_near(region, sent, self._companion(region, sent)))
                )
        return found

    @staticmethod
    def _companion(region: Span, sent: CueSentence) -> bool:
        """ "... meraih kategori Pratama, bersama Provinsi Maluku": a co-recipient named
        after the category, which was stated for the subject, not for it."""
        cues = [i for i in sent.at["LIST"] + sent.at["PASSIVE"] if i < region.start]
        return bool(cues) and max(cues) in sent.at["COMPANION"]

    def _as_object(self, region: Span, sent: CueSentence) -> bool:
        """After "diraih", "yakni", ":" in a sentence where the award was won."""
        at = sent.at
        opened = any(i < region.start for i in at["PASSIVE"] + at["LIST"])
        won = any(i < region.start for i in at["WIN"] + at["PASSIVE"])
        return opened and won and not any(i < region.start for i in at["IRREALIS"])

    def _as_beneficiary(self, region: Span, sent: CueSentence) -> bool:
        """ "Penghargaan untuk Pemprov Jatim ...": the award is for the region."""
        at = sent.at
        return not at["IRREALIS"] and any(
            0 < region.start - b <= NEAR and any(0 < b - a <= NEAR for a in at["NOUN"])
            for b in at["BENEFICIARY"]
        )

    def _as_list_item(self, doc: Doc, region: Span, sent: CueSentence) -> bool:
        """ "- Kota Blitar: kategori Utama": a line of a winners' list."""
        lead = doc[sent.span.start : region.start]
        return (
            bool(sent.categories)
            and all(t.text in self.bullets or t.like_num or t.is_punct or t.is_space for t in lead)
            and region.end < sent.span.end
            and doc[region.end].text in {":", "(", "-", "–"}
        )

    def _category_near(
        self, region: Span, sent: CueSentence, only_after: bool = False
    ) -> str | None:
        """ "Kabupaten A (Utama)", else the only category of its clause, else the nearest
        one before it ("kategori Madya diraih Kabupaten Ende"); with ``only_after``, only
        one stated after the region counts."""
        doc = region.doc
        if (
            region.end + 1 < len(doc)
            and doc[region.end].text == "("
            and region.end + 1 in sent.categories
        ):
            return sent.categories[region.end + 1]
        start, end = self._clause(region, sent.span)
        if only_after:
            start = region.end
        in_clause = sorted((i, c) for i, c in sent.categories.items() if start <= i < end)
        if len({c for _, c in in_clause}) == 1:
            return in_clause[0][1]
        before = [c for i, c in in_clause if i < region.start]
        if before:
            return before[-1]
        after = [c for i, c in in_clause if i >= region.end]
        return after[0] if after else None

    @staticmethod
    def _clause(region: Span, sent: Span) -> tuple[int, int]:
        start, end = sent.start, sent.end
        for token in sent:
            if token.lower_ in CLAUSE_BREAKS:
                if token.i < region.start:
                    start = token.i
                elif token.i >= region.end:
                    end = token.i
                    break
        return start, end

    def _locative(self, doc: Doc, region: Span, sent: Span) -> bool:
        """A place named by a preposition: "di JIExpo Kemayoran, Jakarta", "seperti X";
        the venue's own name may hold dashes and English words ("JI-EXPO Convention
        Centre and Theatre")."""
        i = region.start - 1
        while i >= sent.start:
            token = doc[i]
            if token.lower_ in self.locative:
                return True
            if (
                token.is_space
                or (token.is_punct and token.text in VENUE_PUNCT)
                or token.text[:1].isupper()
                or token.like_num
                or token.lower_ in self.venue_connectors
            ):
                i -= 1
                continue
            return False
        return False

    @staticmethod
    def _dateline(doc: Doc, region: Span) -> bool:
        """ "KUPANG, Kabarnusa.id –", "Kupang---", "Jakarta,Kompasnews.co.id –" or
        "JAKARTA Pemerintah Kota ...": where the story was filed, at the head of a line."""
        following = doc[region.end : region.end + 1]
        if not following:
            return False
        mark = following[0].text
        if (
            (region.text.isupper() and mark == ",")
            or mark in DATELINE_MARKS
            or mark.startswith("--")
        ):
            return True
        sent = sentence_at(doc, region.start)
        if any(not (t.is_punct or t.is_space) for t in doc[sent.start : region.start]):
            return False
        if region.text.isupper() and len(region.text) > 3:
            return True
        ahead = doc[region.end : min(region.end + DATELINE_REACH, sent.end)]
        return mark in {",", "("} and any(
            t.text in DATELINE_MARKS or _outlet(t.text) for t in ahead
        )


def _outlet(text: str) -> bool:
    """ "Kompasnews.co.id", "PALAKAT.id", "ANTARA": the outlet's name in a dateline."""
    return (text.isupper() and len(text) > 3) or (
        "." in text.strip(".") and text.split(".")[-1].lower() in WEB_SUFFIXES
    )


def _apposition(previous: Span, region: Span) -> bool:
    """ "Kota Banjar, Jawa Barat" and "Kota Bima, Nusa Tenggara Barat (NTB)": the province
    that locates the region before it, and its short form after it."""
    between = region.doc[previous.end : region.start]
    if len(between) != 1 or between[0].text not in {",", "("}:
        return False
    return previous.kb_id_.startswith(region.kb_id_ + ".") or previous.kb_id_ == region.kb_id_
