"""Award facts: which region received a UHC Award, in which category and year, from whom.

A region wins when a sentence about the award makes it the one that receives: the subject
before a winning verb ("Kota Binjai berhasil meraih ..."), the one it is given to
("diberikan kepada Pemkab Sikka"), an item of a winners' list ("... yakni Kabupaten A,
Kota B"), or the region of the person who received it ("diterima oleh Bupati Balangan").
Regions named as venues ("di Jakarta"), neighbours ("seperti Kabupaten Kupang") or in
hopes and failures ("belum meraih", "menargetkan") are not winners.

Writes ``doc._.awards`` (a list of ``extract.result.Award``) and ``doc._.event_date``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.components.officials import SPANS_KEY as OFFICIALS_KEY
from extract.components.regions import SPANS_KEY as REGIONS_KEY
from extract.dates import find_dates
from extract.regions import all_regions
from extract.result import Award
from extract.vocab import load_vocab, phrase_matcher

for _attr in ("published", "awards", "event_date"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)

YEAR = re.compile(r"^(19|20)\d\d$")
YEAR_WINDOW = 4
CATEGORY_CUE_WINDOW = 4
CLAUSE_BREAKS = {";", "sedangkan", "sementara", "adapun"}


@dataclass
class _Winner:
    region: Span
    sentence: Span
    category: str | None = None
    year: int | None = None
    recipient: Span | None = None
    sentences: list[Span] = field(default_factory=list)


class Awards:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        v = load_vocab("awards")
        self.cues = phrase_matcher(nlp, {
            "TRIGGER": v["triggers"], "NOUN": v["award_nouns"], "WIN": v["win_verbs"],
            "PASSIVE": v["passive_verbs"], "IRREALIS": v["irrealis"],
            "RECEIVE": v["receive_cues"], "SUBJECT_RECEIVE": v["subject_receive_verbs"],
            "BENEFICIARY": v["beneficiary_cues"], "LIST": v["list_cues"],
            "CEREMONY": v["ceremony_cues"],
        })
        self.locative = set(v["locative"])
        self.category_cues = set(v["category_cues"])
        self.category_blockers = set(v["category_blockers"])
        self.categories: dict[str, str] = v["categories"]
        self.regions = all_regions()

    def __call__(self, doc: Doc) -> Doc:
        cues = self._cues(doc)
        doc._.awards = []
        doc._.event_date = None
        if not cues["TRIGGER"]:
            return doc
        award_year = self._award_year(doc, cues["TRIGGER"])
        categories = self._category_tokens(doc)
        officials = [s for s in doc.spans.get(OFFICIALS_KEY, []) if s._.person]
        title_tokens = {i for s in doc.spans.get(OFFICIALS_KEY, []) for i in range(s.start, s.end)}
        winners: dict[str, _Winner] = {}
        for sent in doc.sents:
            kinds = {k for k, positions in cues.items() for i in positions
                     if sent.start <= i < sent.end}
            if "TRIGGER" not in kinds and "NOUN" not in kinds:
                continue
            for region in self._sentence_winners(doc, sent, cues, title_tokens):
                self._add(winners, region, sent, categories, award_year, cues)
            recipient = self._recipient(doc, sent, cues, officials)
            if recipient is not None:
                self._attach_recipient(winners, recipient, sent, kinds, categories,
                                       award_year, cues)
        self._doc_level_categories(doc, winners, categories)
        event_date = self._event_date(doc, cues, award_year, bool(winners))
        doc._.event_date = event_date
        doc._.awards = [self._award(w, award_year, event_date, doc) for w in winners.values()]
        return doc

    def _cues(self, doc: Doc) -> dict[str, list[int]]:
        cues: dict[str, list[int]] = {key: [] for key in (
            "TRIGGER", "NOUN", "WIN", "PASSIVE", "IRREALIS", "RECEIVE", "SUBJECT_RECEIVE",
            "BENEFICIARY", "LIST", "CEREMONY")}
        for match_id, start, end in self.cues(doc):
            key = doc.vocab.strings[match_id]
            cues[key].append(start if key != "RECEIVE" else end)
        return cues

    def _award_year(self, doc: Doc, triggers: list[int]) -> int | None:
        """The year in the award's name ("UHC Awards 2026", "Penghargaan UHC Tahun 2026")."""
        years = Counter(y for t in triggers if (y := self._year_after(doc, t)))
        return years.most_common(1)[0][0] if years else None

    def _year_after(self, doc: Doc, start: int) -> int | None:
        for token in doc[start: min(start + YEAR_WINDOW + 3, len(doc))]:
            if YEAR.match(token.text):
                return int(token.text)
            if token.is_sent_start and token.i > start:
                break
        return None

    def _category_tokens(self, doc: Doc) -> dict[int, str]:
        """Tokens naming a category with a cue before them ("kategori Madya", "UHC Utama")."""
        found: dict[int, str] = {}
        for token in doc:
            category = self.categories.get(token.lower_)
            if category is None:
                continue
            before = [t for t in doc[max(0, token.i - CATEGORY_CUE_WINDOW): token.i]
                      if not t.is_punct and not t.is_space]
            if before and before[-1].lower_ in self.category_blockers:
                continue
            if any(t.lower_ in self.category_cues for t in before) or self._in_parens(token):
                found[token.i] = category
        return found

    @staticmethod
    def _in_parens(token) -> bool:
        doc = token.doc
        return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and \
            doc[token.i + 1].text == ")"

    def _sentence_winners(
        self, doc: Doc, sent: Span, cues: dict[str, list[int]], title_tokens: set[int]
    ) -> list[Span]:
        def inside(key: str) -> list[int]:
            return [i for i in cues[key] if sent.start <= i < sent.end]

        wins, passives, lists = inside("WIN"), inside("PASSIVE"), inside("LIST")
        beneficiaries = inside("BENEFICIARY")
        award_words = inside("TRIGGER") + inside("NOUN")
        irrealis = inside("IRREALIS")
        found: list[Span] = []
        for region in doc.spans[REGIONS_KEY]:
            if not (sent.start <= region.start < sent.end) or region.start in title_tokens:
                continue
            if self._locative(doc, region, sent):
                continue
            later_win = [v for v in wins if v >= region.end]
            as_subject = any(
                not any(region.end <= n <= v for n in irrealis)
                and any(a > region.start for a in award_words)
                for v in later_win[:1]
            )
            earlier = [v for v in passives + lists + beneficiaries if v < region.start]
            as_object = bool(earlier) and any(w < region.start for w in wins + passives) \
                and not any(n < region.start for n in irrealis)
            if as_subject or as_object:
                found.append(region)
        return found

    def _locative(self, doc: Doc, region: Span, sent: Span) -> bool:
        """Whether a region is a place named by a preposition: "di JIExpo Kemayoran, Jakarta"."""
        i = region.start - 1
        while i >= sent.start:
            token = doc[i]
            if token.lower_ in self.locative:
                return True
            if token.is_space or (token.is_punct and token.text in ",()") or \
                    token.text[:1].isupper() or token.like_num:
                i -= 1
                continue
            return False
        return False

    def _recipient(
        self, doc: Doc, sent: Span, cues: dict[str, list[int]], officials: list[Span]
    ) -> Span | None:
        """The official who received it: after "diterima (langsung) oleh", or the subject
        of "menerima"."""
        ends = [e for e in cues["RECEIVE"] if sent.start <= e < sent.end]
        for official in officials:
            if not (sent.start <= official.start < sent.end):
                continue
            if any(0 <= official.start - e <= 1 for e in ends):
                return official
            verbs = [v for v in cues["SUBJECT_RECEIVE"] if sent.start <= v < sent.end]
            if any(0 <= v - official.end <= 3 for v in verbs):
                return official
        return None

    def _add(self, winners, region, sent, categories, award_year, cues) -> _Winner:
        code = region.kb_id_
        winner = winners.get(code)
        if winner is None:
            winner = winners[code] = _Winner(region=region, sentence=sent)
        winner.sentences.append(sent)
        if winner.category is None:
            winner.category = self._category_for(region, sent, categories)
        if winner.year is None:
            winner.year = self._sentence_year(sent, cues) or award_year
        return winner

    def _attach_recipient(self, winners, recipient, sent, kinds, categories, award_year, cues):
        code = recipient._.title_region
        region_level = self.regions[code].level if code else None
        if code in winners:
            target = winners[code]
        elif code and region_level and "TRIGGER" in kinds and not winners:
            region = next(r for r in doc_regions(sent) if r.kb_id_ == code)
            target = self._add(winners, region, sent, categories, award_year, cues)
        elif len(winners) == 1 and code is None:
            target = next(iter(winners.values()))
        else:
            return
        if target.recipient is None:
            target.recipient = recipient
            target.sentences.append(sent)

    def _category_for(self, region: Span, sent: Span, categories: dict[int, str]) -> str | None:
        doc = sent.doc
        after = region.end
        if after + 2 < len(doc) and doc[after].text == "(" and after + 1 in categories:
            return categories[after + 1]
        clause = self._clause(region, sent)
        in_clause = [(i, c) for i, c in categories.items() if clause[0] <= i < clause[1]]
        if len({c for _, c in in_clause}) == 1:
            return in_clause[0][1]
        before = [(i, c) for i, c in in_clause if i < region.start]
        if before:
            return max(before)[1]
        return None

    def _clause(self, region: Span, sent: Span) -> tuple[int, int]:
        start, end = sent.start, sent.end
        for token in sent:
            if token.lower_ in CLAUSE_BREAKS:
                if token.i < region.start:
                    start = token.i
                elif token.i >= region.end:
                    end = token.i
                    break
        return start, end

    def _sentence_year(self, sent: Span, cues: dict[str, list[int]]) -> int | None:
        for t in cues["TRIGGER"]:
            if sent.start <= t < sent.end and (year := self._year_after(sent.doc, t)):
                return year
        return None

    def _doc_level_categories(self, doc: Doc, winners: dict[str, _Winner],
                              categories: dict[int, str]) -> None:
        """A winner whose own sentences state no category takes the one stated in the
        other sentences about it (the headline, a later paragraph), when they agree."""
        for code, winner in winners.items():
            if winner.category is not None:
                continue
            stated = set()
            for sent in doc.sents:
                if any(r.kb_id_ == code for r in doc_regions(sent)):
                    stated |= {c for i, c in categories.items() if sent.start <= i < sent.end}
            if len(stated) == 1:
                winner.category = stated.pop()

    def _event_date(self, doc: Doc, cues, award_year: int | None, has_winners: bool):
        published: date | None = doc._.published
        reference = award_year or (published.year if published else None)
        ceremony = set(cues["CEREMONY"]) | set(cues["TRIGGER"]) | set(cues["RECEIVE"])
        best, best_score = None, 0
        for mention in find_dates(doc.text, reference_year=reference):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            sent = span.sent
            score = sum(2 for i in ceremony if sent.start <= i < sent.end and i != span.start)
            if reference and mention.date.year == reference:
                score += 2
            elif mention.has_year and reference and abs(mention.date.year - reference) > 1:
                score -= 4
            if score > best_score:
                best, best_score = mention.date, score
        return best if has_winners or best_score >= 4 else None

    def _award(self, w: _Winner, award_year, event_date, doc) -> Award:
        region = self.regions[w.region.kb_id_]
        year = w.year or award_year or (event_date.year if event_date else None)
        if year is None and doc._.published:
            year = doc._.published.year
        recipient = w.recipient
        return Award(
            region_code=region.code,
            region_name=region.name,
            level=region.level,
            category=w.category,
            year=year,
            recipient_name=recipient._.person if recipient is not None else None,
            recipient_title=recipient._.title if recipient is not None else None,
            evidence=w.sentence.text.strip(),
        )


def doc_regions(sent: Span) -> list[Span]:
    """The linked region mentions inside one sentence."""
    return [r for r in sent.doc.spans[REGIONS_KEY] if sent.start <= r.start < sent.end]


@Language.factory("pantau_awards")
def make_awards(nlp: Language, name: str) -> Awards:
    return Awards(nlp, name)
