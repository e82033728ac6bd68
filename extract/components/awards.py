"""Award facts: which region received a UHC Award, in which category and year, from whom.

Only articles that name the award ("UHC Awards 2026", "penghargaan Universal Health
Coverage", "UHC Madya") are read for facts. In a sentence about the award (it names the
award, "penghargaan", or a category), a region wins when it is:

- the subject of a winning verb: "Kota Binjai berhasil meraih ...";
- what comes after a passive verb, a list cue or "kepada": "kategori Madya diraih
  Kabupaten Ende", "... yakni Kota Kupang dan Kabupaten Sikka";
- what the award is for: "Penghargaan untuk Pemprov Jatim ...";
- an item of a bulleted list of winners: "- Kota Blitar: kategori Utama";
- the region of the person who received it: "diterima oleh Bupati Balangan".

Regions named as venues ("di Jakarta"), datelines ("KUPANG, Kabarnusa.id –"),
neighbours ("seperti Kabupaten Kupang") or in hopes and failures ("belum meraih",
"menargetkan") are not winners. One fact per region and award year.

Writes ``doc._.awards`` (a list of ``extract.result.Award``) and ``doc._.event_date``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.award_dating import article_year, ceremony
from extract.award_history import past_awards
from extract.components.officials import SPANS_KEY as OFFICIALS_KEY
from extract.components.regions import SPANS_KEY as REGIONS_KEY
from extract.components.sentences import sentence_at, sentences
from extract.officials import merge_officials, same_person
from extract.regions import all_regions
from extract.result import Award
from extract.spelling import Speller
from extract.vocab import DataComponent, phrase_matcher

for _attr in ("published", "awards", "event_date"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)

YEAR = re.compile(r"^(19|20)\d\d$")
YEAR_NAME_WORDS = {"tahun", "(", ")", "uhc", "award", "awards", "bpjs", "kesehatan", "ke"}
DATELINE_MARKS = {"–", "-", "—", "--", "---", "|"}
CLAUSE_BREAKS = {";", "sedangkan", "sementara", "adapun"}
CUE_KEYS = (
    "TRIGGER", "NOUN", "WIN", "PASSIVE", "IRREALIS", "RECEIVE", "SUBJECT_RECEIVE",
    "BENEFICIARY", "LIST", "CEREMONY", "GIVE", "STATUS", "UHC", "ANAPHOR", "REFERENT",
    "PREVIOUS_YEAR", "RECEIVE_AFTER", "OBJECT", "NOT_NEGATION", "REPRESENT", "ACCOMPANY",
    "COMPANION",
)
REFERENT_REACH = 4
STATUS_NAMED_REACH = 3  # "Penghargaan Sistem UHC Prioritas" names the award itself
AFTER_RECEIVING_REACH = 6  # "Usai menerima penghargaan tersebut, Bupati X ..."
REPRESENT_GAP = 2
REPRESENT_REACH = 4
DATELINE_REACH = 6
WEB_SUFFIXES = {"id", "com", "co", "net", "org", "news", "go"}
VENUE_PUNCT = {",", "(", ")", "-", "–", "/", "&", "'", "’"}
# The vocabularies whose words the press misspells ("Converage", "Ketegori", "digancar").
SPELLED = ("triggers", "award_nouns", "win_verbs", "passive_verbs", "category_cues")
END_KEYS = {"RECEIVE", "PREVIOUS_YEAR", "RECEIVE_AFTER"}
CATEGORY_CUE_WINDOW = 4
NEAR = 2


@dataclass
class _Block:
    """A list of winners under way, and the category of its current header."""

    category: str | None


@dataclass
class _Winner:
    region: Span
    evidence: Span
    year: int | None
    category: str | None = None
    recipient: Span | None = None
    past: bool = False


class _Sentence:
    """The cue positions inside one sentence."""

    def __init__(self, sent: Span, cues: dict[str, list[int]], categories: dict[int, str]):
        self.span = sent
        self.at = {k: [i for i in v if sent.start <= i < sent.end] for k, v in cues.items()}
        self.categories = {i: c for i, c in categories.items() if sent.start <= i < sent.end}

    @property
    def about_award(self) -> bool:
        return bool(self.at["TRIGGER"] or self.at["NOUN"] or self.categories)


class Awards(DataComponent):
    data_files = ("awards", "regions")

    def configure(self, data: dict) -> None:
        v = data["awards"]
        nlp = self.nlp
        self.cues = phrase_matcher(nlp, {
            "TRIGGER": v["triggers"], "NOUN": v["award_nouns"], "WIN": v["win_verbs"],
            "PASSIVE": v["passive_verbs"], "IRREALIS": v["irrealis"],
            "RECEIVE": v["receive_cues"], "SUBJECT_RECEIVE": v["subject_receive_verbs"],
            "BENEFICIARY": v["beneficiary_cues"], "LIST": v["list_cues"],
            "CEREMONY": v["ceremony_cues"], "GIVE": v["giver_verbs"],
            "STATUS": v["status_phrases"], "UHC": v["uhc_words"], "ANAPHOR": v["anaphors"],
            "REFERENT": v["list_referents"], "PREVIOUS_YEAR": v["previous_year_phrases"],
            "RECEIVE_AFTER": v["receive_after_cues"], "OBJECT": v["award_object_nouns"],
            "NOT_NEGATION": v["not_negations"], "REPRESENT": v["represent_cues"],
            "ACCOMPANY": v["accompany_cues"], "COMPANION": v["companion_cues"],
        }, attr="NORM")
        self.demonstratives = set(v["demonstratives"])
        self.same_award_words = set(v["same_award_words"])
        self.speller = Speller({
            w.lower() for key in SPELLED for phrase in v[key] for w in phrase.split()
        })
        self.history_cues = {w for phrase in v["history_cues"] for w in phrase.split()}
        self.locative = set(v["locative"])
        self.venue_connectors = set(v["venue_connectors"])
        self.list_line_words = set(v["list_line_words"])
        self.quantity_words = set(v["quantity_words"])
        self.bullets = set(v["bullets"])
        self.category_cues = set(v["category_cues"])
        self.category_blockers = set(v["category_blockers"])
        self.categories: dict[str, str] = v["categories"]
        self.category_words = phrase_matcher(nlp, {"CATEGORY": list(self.categories)}, "NORM")
        self.trigger_words = {w.lower() for t in v["triggers"] for w in t.split()}
        self.cue_words = self.trigger_words | {
            w.lower() for key in ("win_verbs", "passive_verbs", "receive_cues", "giver_verbs",
                                  "subject_receive_verbs", "irrealis", "beneficiary_cues")
            for phrase in v[key] for w in phrase.split()
        } | {"tersebut", "itu", "ini"}
        self.regions = all_regions()
        self.office_levels: dict[str, list[str]] = data["regions"]["kind_cues"]
        self.people = nlp.get_pipe("ner") if "ner" in nlp.component_names else None

    def __call__(self, doc: Doc) -> Doc:
        doc._.awards = []
        doc._.event_date = None
        self.speller.correct(doc)
        cues = self._cues(doc)
        if not cues["TRIGGER"]:
            return doc
        award_year = self._award_year(doc, cues["TRIGGER"])
        categories = self._category_tokens(doc)
        officials = doc.spans.get(OFFICIALS_KEY, [])
        in_titles = {i for s in officials for i in range(s.start, s.end)}
        winners: dict[tuple[str, int | None], _Winner] = {}
        recipients: list[tuple[Span, _Sentence, int | None]] = []
        history: list[tuple[list[Span], Span, int, str | None]] = []
        about_uhc = True
        previous: _Sentence | None = None
        block: _Block | None = None
        stated: str | None = None  # the category of the last sentence that named no region
        same: str | None = None  # the category of the last sentence that stated one
        for span in sentences(doc):
            if not span.text.strip():
                continue
            sent = _Sentence(span, cues, categories)
            listed = self._list_line(doc, sent, in_titles) if block is not None else None
            if listed is not None:
                regions, header = listed
                block.category = header or block.category
                for region in regions:
                    self._add(winners, region, span, award_year, block.category)
                continue
            if sent.at["TRIGGER"] or sent.at["UHC"]:
                about_uhc = True
            elif self._names_another_award(doc, sent):
                about_uhc = False
            if not about_uhc or sent.at["STATUS"]:
                previous = block = None
                continue
            if self._announces(sent):
                block = _Block(_only_category(sent))
            elif not (block is not None and span.text.rstrip().endswith(":")):
                block = None
            if not sent.about_award:
                for region in self._list_continued(doc, sent, previous, in_titles):
                    self._add(winners, region, span, award_year, _only_category(previous))
                previous = None
                continue
            year = self._sentence_year(doc, sent) or award_year
            found = self._sentence_winners(doc, sent, in_titles)
            if not found:
                found = self._anaphor_winner(doc, sent, winners)
            inherited = self._refers_back(doc, sent, stated, same)
            if inherited is not None:
                found = [(region, category or inherited) for region, category in found]
            if sent.categories:
                same = _only_category(sent)
                stated = same if not found else None
            verbs = sent.at["WIN"] + sent.at["PASSIVE"] + sent.at["RECEIVE"]
            past = past_awards(span, award_year, sent.categories, self.history_cues,
                               sent.at["PREVIOUS_YEAR"], verbs) if self._states_win(sent) else []
            for p in past:
                history.append(([r for r, _ in found], span, p.year, p.category))
            if not past or self._names_year(sent, award_year):
                for region, category in found:
                    self._add(winners, region, span, year, category)
            recipients += [(r, sent, year) for r in self._recipients(sent, officials)]
            previous = sent if self._states_win(sent) else None
        for regions, span, year, category in history:
            for region in regions or self._primary(doc, winners, span.start):
                self._add(winners, region, span, year, category, past=True)
        for recipient, sent, year in recipients:
            self._attach_recipient(winners, recipient, sent, year)
        self._categories_from_other_sentences(doc, winners, categories)
        held = ceremony(doc, lambda s: self._ceremony_cues(s, cues), self._about_award,
                        award_year) if winners else None
        doc._.event_date = held.event_date if held else None
        fallback_year = (held.day.year if held and held.day else None) or article_year(doc)
        people = merge_officials(
            (s._.person, s._.title) for s in officials if s._.person and s._.title
        )
        doc._.awards = [self._award(w, people) for w in _dated(winners, fallback_year)]
        return doc

    def _refers_back(
        self, doc: Doc, sent: _Sentence, stated: str | None, same: str | None
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

    def _announces(self, sent: _Sentence) -> bool:
        """A sentence that a list of winners may follow: about the award, stating a win
        or opening a list ("Berikut daftar penerimanya:")."""
        return sent.about_award and not sent.at["IRREALIS"] and bool(
            sent.at["WIN"] or sent.at["PASSIVE"] or sent.at["LIST"]
        )

    def _list_line(
        self, doc: Doc, sent: _Sentence, in_titles: set[int]
    ) -> tuple[list[Span], str | None] | None:
        """A line that is nothing but winners: region names with bullets, numbers,
        commas, "dan" and maybe a category header ("Kategori Utama: Kutim, Berau dan
        Kota Bontang", "- PPU", "Kategori Madya:"). Returns its regions and category."""
        regions = [r for r in doc.spans[REGIONS_KEY]
                   if sent.span.start <= r.start < sent.span.end and r.start not in in_titles]
        covered = {i for r in regions for i in range(r.start, r.end)}
        stated = set()
        for token in sent.span:
            if token.i in covered or token.is_space or token.is_punct or token.like_num \
                    or token.text in self.bullets or token.lower_ in self.list_line_words:
                continue
            if token.lower_ in self.categories:
                stated.add(self.categories[token.lower_])
                continue
            return None
        if not regions and not stated:
            return None
        return regions, stated.pop() if len(stated) == 1 else None

    @staticmethod
    def _states_win(sent: _Sentence) -> bool:
        at = sent.at
        return bool(at["WIN"] or at["PASSIVE"] or at["RECEIVE"]) and not at["IRREALIS"]

    @staticmethod
    def _names_year(sent: _Sentence, award_year: int | None) -> bool:
        """Whether a sentence with an earlier award also speaks of the award's own year
        ("pada tahun 2024 ... meraih ..., dan pada tahun 2026 ... kembali meraih")."""
        return award_year is not None and any(t.text == str(award_year) for t in sent.span)

    def _list_continued(
        self, doc: Doc, sent: _Sentence, previous: _Sentence | None, in_titles: set[int]
    ) -> list[Span]:
        """ "Enam daerah tersebut meliputi Kabupaten A, Kota B ...": the sentence after a
        win names the winners it counted, opening with a word for them and a list cue."""
        if previous is None or not sent.at["LIST"]:
            return []
        opening = [
            i for i in sent.at["REFERENT"] if i - sent.span.start <= REFERENT_REACH
            and all(t.like_num or t.lower_ in self.quantity_words for t in doc[sent.span.start:i])
        ]
        if not opening:
            return []
        cue = min(i for i in sent.at["LIST"] if i > opening[0]) \
            if any(i > opening[0] for i in sent.at["LIST"]) else None
        if cue is None:
            return []
        return [
            r for r in doc.spans[REGIONS_KEY]
            if cue < r.start < sent.span.end and r.start not in in_titles
            and not self._locative(doc, r, sent.span)
        ]

    def _anaphor_winner(
        self, doc: Doc, sent: _Sentence, winners: dict
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
        first = next((
            r for r in doc.spans[REGIONS_KEY] if r.start < before
            and not self._dateline(doc, r)
            and not self._locative(doc, r, sentence_at(doc, r.start))
        ), None)
        return [first] if first is not None else []

    def _ceremony_cues(self, sent: Span, cues: dict[str, list[int]]) -> int:
        keys = ("CEREMONY", "TRIGGER", "RECEIVE", "GIVE")
        return sum(1 for k in keys for i in cues[k] if sent.start <= i < sent.end)

    def _about_award(self, sent: Span) -> bool:
        doc = sent.doc
        cues = doc.user_data["pantau_award_cues"]
        return any(sent.start <= i < sent.end for k in ("TRIGGER", "NOUN") for i in cues[k]) \
            or any(sent.start <= i < sent.end for i in doc.user_data["pantau_categories"])

    def _cues(self, doc: Doc) -> dict[str, list[int]]:
        cues: dict[str, list[int]] = {key: [] for key in CUE_KEYS}
        for match_id, start, end in self.cues(doc):
            key = doc.vocab.strings[match_id]
            cues[key].append(end if key in END_KEYS else start)
        cues["TRIGGER"] += self._named_in_words(doc, cues)
        cues["IRREALIS"] = [i for i in cues["IRREALIS"] if i not in set(cues["NOT_NEGATION"])]
        cues["STATUS"] = [
            i for i in cues["STATUS"]
            if not any(0 < i - n <= STATUS_NAMED_REACH for n in cues["OBJECT"])
        ]
        doc.user_data["pantau_award_cues"] = cues
        return cues

    @staticmethod
    def _named_in_words(doc: Doc, cues: dict[str, list[int]]) -> list[int]:
        """ "penghargaan ... dengan predikat capaian Universal Health Coverage (UHC)": the
        award named in a sentence of its own words, a noun for an award given and UHC,
        not in one of the fixed phrases."""
        named = set(cues["TRIGGER"])
        found = []
        for sent in sentences(doc):
            def inside(key: str, sent: Span = sent) -> list[int]:
                return [i for i in cues[key] if sent.start <= i < sent.end]
            uhc = inside("UHC")
            if uhc and inside("OBJECT") and not inside("STATUS") and not named & set(uhc):
                found.append(uhc[0])
        return found

    def _names_another_award(self, doc: Doc, sent: _Sentence) -> bool:
        """ "penghargaan Swasti Saba Wistara": later sentences about "penghargaan itu" are
        about that award, not the UHC one."""
        in_regions = self._region_tokens(doc)
        return any(
            n + 1 < len(doc) and doc[n + 1].text[:1].isupper()
            and doc[n + 1].lower_ not in self.cue_words and n + 1 not in in_regions
            for n in sent.at["NOUN"]
        )

    @staticmethod
    def _region_tokens(doc: Doc) -> set[int]:
        cached = doc.user_data.get("pantau_region_tokens")
        if cached is None:
            cached = doc.user_data["pantau_region_tokens"] = {
                i for r in doc.spans[REGIONS_KEY] for i in range(r.start, r.end)
            }
        return cached

    def _award_year(self, doc: Doc, triggers: list[int]) -> int | None:
        """The year in the award's name ("UHC Awards 2026", "Penghargaan UHC Tahun 2026")."""
        years = Counter(y for t in triggers if (y := self._year_after(doc, t)))
        return years.most_common(1)[0][0] if years else None

    def _year_after(self, doc: Doc, trigger: int) -> int | None:
        for token in doc[trigger + 1: min(trigger + 12, len(doc))]:
            if YEAR.match(token.text):
                return int(token.text)
            if token.norm_ not in self.trigger_words and token.norm_ not in YEAR_NAME_WORDS:
                break
        return None

    def _sentence_year(self, doc: Doc, sent: _Sentence) -> int | None:
        years = [y for t in sent.at["TRIGGER"] if (y := self._year_after(doc, t))]
        return years[0] if years else None

    def _category_tokens(self, doc: Doc) -> dict[int, str]:
        """Tokens naming a category with a cue before them ("kategori Madya", "UHC Utama")."""
        found: dict[int, str] = {}
        for _, start, _end in self.category_words(doc):
            token = doc[start]
            category = self.categories[token.lower_]
            before = [t for t in doc[max(0, token.i - CATEGORY_CUE_WINDOW): token.i]
                      if not t.is_punct and not t.is_space]
            if before and before[-1].lower_ in self.category_blockers:
                continue
            parenthesised = 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" \
                and doc[token.i + 1].text == ")"
            if parenthesised or any(t.norm_ in self.category_cues for t in before):
                found[token.i] = category
        doc.user_data["pantau_categories"] = found
        return found

    def _sentence_winners(
        self, doc: Doc, sent: _Sentence, in_titles: set[int]
    ) -> list[tuple[Span, str | None]]:
        at = sent.at
        award_words = at["TRIGGER"] + at["NOUN"] + list(sent.categories)
        regions = [
            r for r in doc.spans[REGIONS_KEY]
            if sent.span.start <= r.start < sent.span.end and r.start not in in_titles
            and not self._locative(doc, r, sent.span) and not self._dateline(doc, r)
        ]
        located = {n for n in range(1, len(regions)) if _apposition(regions[n - 1], regions[n])}
        located |= {n for n in range(2, len(regions))
                    if n - 1 in located and _apposition(regions[n - 1], regions[n])}
        regions = [r for n, r in enumerate(regions) if n not in located]
        found = []
        for region in regions:
            verb = next((v for v in at["WIN"] if v >= region.end), None)
            if verb is not None and not any(region.end <= i <= verb for i in at["IRREALIS"]) \
                    and any(a > region.start for a in award_words):
                next_subject = min((r.start for r in regions if r.start > verb),
                                   default=sent.span.end)
                after = [i for i in sent.categories if verb < i < next_subject]
                category = sent.categories[min(after)] if after else None
                found.append((region, category or self._category_near(region, sent)))
            elif self._as_object(region, sent) or self._as_beneficiary(region, sent) \
                    or self._as_list_item(doc, region, sent):
                found.append((region, self._category_near(region, sent,
                                                          self._companion(region, sent))))
        return found

    @staticmethod
    def _companion(region: Span, sent: _Sentence) -> bool:
        """ "... meraih kategori Pratama, bersama Provinsi Maluku": a co-recipient named
        after the category, which was stated for the subject, not for it."""
        cues = [i for i in sent.at["LIST"] + sent.at["PASSIVE"] if i < region.start]
        return bool(cues) and max(cues) in sent.at["COMPANION"]

    def _as_object(self, region: Span, sent: _Sentence) -> bool:
        """After "diraih", "yakni", ":" in a sentence where the award was won."""
        at = sent.at
        opened = any(i < region.start for i in at["PASSIVE"] + at["LIST"])
        won = any(i < region.start for i in at["WIN"] + at["PASSIVE"])
        return opened and won and not any(i < region.start for i in at["IRREALIS"])

    def _as_beneficiary(self, region: Span, sent: _Sentence) -> bool:
        """ "Penghargaan untuk Pemprov Jatim ...": the award is for the region."""
        at = sent.at
        return not at["IRREALIS"] and any(
            0 < region.start - b <= NEAR and any(0 < b - a <= NEAR for a in at["NOUN"])
            for b in at["BENEFICIARY"]
        )

    def _as_list_item(self, doc: Doc, region: Span, sent: _Sentence) -> bool:
        """ "- Kota Blitar: kategori Utama": a line of a winners' list."""
        lead = doc[sent.span.start: region.start]
        return bool(sent.categories) and all(
            t.text in self.bullets or t.like_num or t.is_punct or t.is_space for t in lead
        ) and region.end < sent.span.end and doc[region.end].text in {":", "(", "-", "–"}

    def _category_near(
        self, region: Span, sent: _Sentence, only_after: bool = False
    ) -> str | None:
        """ "Kabupaten A (Utama)", else the only category of its clause, else the nearest
        one before it ("kategori Madya diraih Kabupaten Ende"); with ``only_after``, only
        one stated after the region counts."""
        doc = region.doc
        if region.end + 1 < len(doc) and doc[region.end].text == "(" \
                and region.end + 1 in sent.categories:
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
            if token.is_space or (token.is_punct and token.text in VENUE_PUNCT) or \
                    token.text[:1].isupper() or token.like_num or \
                    token.lower_ in self.venue_connectors:
                i -= 1
                continue
            return False
        return False

    @staticmethod
    def _dateline(doc: Doc, region: Span) -> bool:
        """ "KUPANG, Kabarnusa.id –", "Kupang---", "Jakarta,Kompasnews.co.id –" or
        "JAKARTA Pemerintah Kota ...": where the story was filed, at the head of a line."""
        following = doc[region.end: region.end + 1]
        if not following:
            return False
        mark = following[0].text
        if (region.text.isupper() and mark == ",") or mark in DATELINE_MARKS \
                or mark.startswith("--"):
            return True
        sent = sentence_at(doc, region.start)
        if any(not (t.is_punct or t.is_space) for t in doc[sent.start: region.start]):
            return False
        if region.text.isupper() and len(region.text) > 3:
            return True
        ahead = doc[region.end: min(region.end + DATELINE_REACH, sent.end)]
        return mark in {",", "("} and any(
            t.text in DATELINE_MARKS or _outlet(t.text) for t in ahead
        )

    def _recipients(self, sent: _Sentence, officials: list[Span]) -> list[Span]:
        """Who received it: after "diterima (langsung) oleh", after "kepada" in a handing
        over, or the subject of "menerima"; named, or by title alone ("Wali kota terima
        penghargaan ...")."""
        at = sent.at
        handed_over = bool(at["GIVE"] or at["PASSIVE"])
        found: list[Span] = []
        for official in officials:
            if not sent.span.start <= official.start < sent.span.end:
                continue
            received = any(0 <= official.start - e <= 1 for e in at["RECEIVE"])
            given_to = handed_over and any(
                0 < official.start - b <= 1 for b in at["BENEFICIARY"])
            receives = any(0 <= v - official.end <= 1 for v in at["SUBJECT_RECEIVE"])
            after_receiving = any(
                0 < official.start - e <= AFTER_RECEIVING_REACH
                and "," in official.doc[e: official.start].text for e in at["RECEIVE_AFTER"]
            )
            if received or given_to or receives or after_receiving \
                    or self._coordinated(official, found):
                official = self._accompanied(official, sent, officials)
                found.append(self._represented_by(official, sent, officials))
        if not found:
            cue_ends = at["RECEIVE"] + ([b + 1 for b in at["BENEFICIARY"]] if handed_over else [])
            found = self._untitled_recipients(sent.span, cue_ends)
        return found

    @staticmethod
    def _accompanied(official: Span, sent: _Sentence, officials: list[Span]) -> Span:
        """ "Wakil Gubernur X didampingi Sekda Y menerima ...": the one accompanied
        received it, not the one accompanying."""
        cue = next((c for c in sent.at["ACCOMPANY"] if 0 < official.start - c <= 2), None)
        if cue is None:
            return official
        return next((o for o in officials if 0 <= cue - o.end <= 1), official)

    @staticmethod
    def _represented_by(official: Span, sent: _Sentence, officials: list[Span]) -> Span:
        """ "diterima Gubernur X melalui Sekretaris Daerah Y", "Wali Kota, yang diwakili
        oleh Kepala Dinas Z": the one who stood in received it."""
        cue = next((c for c in sent.at["REPRESENT"]
                    if 0 <= c - official.end <= REPRESENT_GAP), None)
        if cue is None:
            return official
        return next((o for o in officials if 0 < o.start - cue <= REPRESENT_REACH), official)

    def _untitled_recipients(self, sent: Span, cue_ends: list[int]) -> list[Span]:
        """ "diterima langsung oleh Yohanes Lado": a person the rules cannot see, found by
        the trained NER, run on this sentence alone."""
        doc = sent.doc
        if self.people is None or not any(
            e < sent.end and doc[e].text[:1].isupper() for e in cue_ends
        ):
            return []
        tagged = self.people(sent.as_doc())
        found = []
        for ent in tagged.ents:
            start, end = sent.start + ent.start, sent.start + ent.end
            if ent.label_ == "PERSON" and start in cue_ends:
                person = Span(doc, start, end, label="PERSON")
                person._.person = person.text.replace("’", "'")
                person._.person_start = start
                found.append(person)
        return found

    @staticmethod
    def _titled(person: Span) -> Span:
        """The titled mention of the same person elsewhere in the article, if any."""
        for official in person.doc.spans.get(OFFICIALS_KEY, []):
            if official._.person and (same_person(person._.person, official._.person)
                                      or same_person(official._.person, person._.person)):
                return official
        return person

    @staticmethod
    def _coordinated(official: Span, recipients: list[Span]) -> bool:
        """ "kepada Bupati Belu, X, dan Bupati Malaka, Y": the next of a list of recipients."""
        if not recipients:
            return False
        between = official.doc[recipients[-1].end: official.start]
        return len(between) <= 2 and all(t.lower_ in {",", "dan", "serta"} for t in between)

    def _add(self, winners, region: Span, sent: Span, year: int | None,
             category: str | None, past: bool = False) -> _Winner:
        key = (region.kb_id_, year)
        winner = winners.get(key)
        if winner is None:
            evidence = sentence_at(region.doc, region.start)
            winner = winners[key] = _Winner(region=region, evidence=evidence, year=year, past=past)
        if winner.category is None:
            winner.category = category
        return winner

    def _attach_recipient(self, winners, recipient: Span, sent: _Sentence, year) -> None:
        code = recipient._.title_region
        same_region = [w for (c, _), w in winners.items() if c == code]
        if code is not None:
            target = next((w for w in same_region if w.year == year), None) or \
                (same_region[0] if same_region else None)
            if target is None:
                region = next(r for r in recipient.doc.spans[REGIONS_KEY]
                              if recipient.start <= r.start < recipient.end)
                target = self._add(winners, region, sent.span, year, None)
        else:
            target = self._by_office(winners, recipient, year)
            if target is None:
                return
        if recipient._.title is None:
            recipient = self._titled(recipient)
        if target.recipient is None or (recipient._.person and not target.recipient._.person):
            target.recipient = recipient

    def _by_office(self, winners: dict, recipient: Span, year: int | None) -> _Winner | None:
        """A recipient whose title names no region ("Wakil Gubernur Deinas Geley"): the
        only winner of that year whose level the office fits, else the only winner."""
        if len(winners) == 1:
            return next(iter(winners.values()))
        title = (recipient._.title or "").lower()
        levels = {kind for kind, words in self.office_levels.items()
                  if any(title.startswith(w) or f" {w}" in title for w in words)}
        fitting = [w for (code, y), w in winners.items() if y == year and not w.past
                   and self.regions[code].level in levels]
        return fitting[0] if len(fitting) == 1 else None

    def _categories_from_other_sentences(
        self, doc: Doc, winners: dict, categories: dict[int, str]
    ) -> None:
        """A winner whose own sentences state no category takes the one stated in the
        other sentences about it (the headline, a later paragraph), when they agree."""
        for (code, _), winner in winners.items():
            if winner.category is not None or winner.past:
                continue
            sents = {sentence_at(doc, r.start) for r in doc.spans[REGIONS_KEY] if r.kb_id_ == code}
            stated = {c for i, c in categories.items() if any(s.start <= i < s.end for s in sents)}
            if len(stated) == 1:
                winner.category = stated.pop()

    def _award(self, w: _Winner, people: list[tuple[str, str]]) -> Award:
        region = self.regions[w.region.kb_id_]
        year = w.year
        recipient = w.recipient
        title = recipient._.title if recipient is not None else None
        name = recipient._.person if recipient is not None else None
        if recipient is not None:
            name, title = _fullest(name, title, people)
        if title and recipient._.title_region is None and not name:
            title = f"{title.title()} {region.base}"
        return Award(
            region_code=region.code,
            region_name=region.name,
            level=region.level,
            category=w.category,
            year=year,
            recipient_name=name,
            recipient_title=title,
            evidence=w.evidence.text.strip(),
        )


def _fullest(
    name: str | None, title: str | None, people: list[tuple[str, str]]
) -> tuple[str | None, str | None]:
    """The recipient as the article names them most fully: "Bupati Lucky" is "Lucky
    Hakim", and "Wakil Wali Kota Mataram" without a name is the one the article names
    elsewhere with that title."""
    for full_name, full_title in people:
        if name and (same_person(name, full_name) or same_person(full_name, name)):
            return full_name, full_title
        if not name and title and full_title.casefold() == title.casefold():
            return full_name, full_title
    return name, title


def _outlet(text: str) -> bool:
    """ "Kompasnews.co.id", "PALAKAT.id", "ANTARA": the outlet's name in a dateline."""
    return (text.isupper() and len(text) > 3) or (
        "." in text.strip(".") and text.split(".")[-1].lower() in WEB_SUFFIXES
    )


def _dated(winners: dict, fallback_year: int | None) -> list[_Winner]:
    """Each winner with its year, the fallback where the text gave none; a fact found
    both with and without a year is one fact."""
    dated: dict[tuple[str, int | None], _Winner] = {}
    for (code, year), winner in winners.items():
        winner.year = year or fallback_year
        kept = dated.setdefault((code, winner.year), winner)
        if kept is not winner:
            kept.category = kept.category or winner.category
            kept.recipient = kept.recipient or winner.recipient
    return list(dated.values())


def _only_category(sent: _Sentence | None) -> str | None:
    stated = set(sent.categories.values()) if sent is not None else set()
    return stated.pop() if len(stated) == 1 else None


def _apposition(previous: Span, region: Span) -> bool:
    """ "Kota Banjar, Jawa Barat" and "Kota Bima, Nusa Tenggara Barat (NTB)": the province
    that locates the region before it, and its short form after it."""
    between = region.doc[previous.end: region.start]
    if len(between) != 1 or between[0].text not in {",", "("}:
        return False
    return previous.kb_id_.startswith(region.kb_id_ + ".") or previous.kb_id_ == region.kb_id_


@Language.factory(
    "pantau_awards",
    assigns=["doc._.awards", "doc._.event_date", "token.norm"],
    requires=["doc.spans", "token.is_sent_start"],
    default_config={},
)
def make_awards(nlp: Language, name: str) -> Awards:
    return Awards(nlp, name)
