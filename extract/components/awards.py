"""Award facts: which region received a UHC Award, in which category and year, from whom.

Only articles that name the award ("UHC Awards 2026", "penghargaan Universal Health
Coverage", "UHC Madya", or an award noun with UHC in one sentence) are read for facts.
This module is the spaCy component: it finds the cue words (misspellings read through
extract.spelling), walks the sentences and keeps one fact per region and year. Its rules
live beside it: extract.award_winners (which regions a sentence says won, lists of
winners, venues and datelines), extract.award_recipients (who received it),
extract.award_history (earlier years stated as won) and extract.award_dating (the
ceremony's date and the year of a fact that names none).

Writes ``doc._.awards`` (a list of ``extract.result.Award``) and ``doc._.event_date``.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.award_dating import article_year, ceremony
from extract.award_history import past_awards
from extract.award_recipients import RecipientRules, fullest
from extract.award_types import Block, CueSentence, Winner, only_category
from extract.award_winners import WinnerRules
from extract.components.officials import SPANS_KEY as OFFICIALS_KEY
from extract.components.regions import SPANS_KEY as REGIONS_KEY
from extract.components.sentences import sentence_at, sentences, span_text
from extract.officials import merge_officials
from extract.regions import all_regions
from extract.result import Award
from extract.spelling import Speller
from extract.vocab import DataComponent, phrase_matcher

for _attr in ("published", "awards", "event_date"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)

YEAR = re.compile(r"^(19|20)\d\d$")
YEAR_NAME_WORDS = {"tahun", "(", ")", "uhc", "award", "awards", "bpjs", "kesehatan", "ke"}
CUE_KEYS = (
    "TRIGGER",
    "NOUN",
    "WIN",
    "PASSIVE",
    "IRREALIS",
    "RECEIVE",
    "SUBJECT_RECEIVE",
    "BENEFICIARY",
    "LIST",
    "CEREMONY",
    "GIVE",
    "STATUS",
    "UHC",
    "ANAPHOR",
    "REFERENT",
    "PREVIOUS_YEAR",
    "RECEIVE_AFTER",
    "OBJECT",
    "NOT_NEGATION",
    "REPRESENT",
    "ACCOMPANY",
    "COMPANION",
)
STATUS_NAMED_REACH = 3  # "Penghargaan Sistem UHC Prioritas" names the award itself
# The vocabularies whose words the press misspells ("Converage", "Ketegori", "digancar").
SPELLED = ("triggers", "award_nouns", "win_verbs", "passive_verbs", "category_cues")
END_KEYS = {"RECEIVE", "PREVIOUS_YEAR", "RECEIVE_AFTER"}
CATEGORY_CUE_WINDOW = 4


class Awards(WinnerRules, RecipientRules, DataComponent):
    data_files = ("awards", "regions")

    def configure(self, data: dict) -> None:
        v = data["awards"]
        nlp = self.nlp
        self.cues = phrase_matcher(
            nlp,
            {
                "TRIGGER": v["triggers"],
                "NOUN": v["award_nouns"],
                "WIN": v["win_verbs"],
                "PASSIVE": v["passive_verbs"],
                "IRREALIS": v["irrealis"],
                "RECEIVE": v["receive_cues"],
                "SUBJECT_RECEIVE": v["subject_receive_verbs"],
                "BENEFICIARY": v["beneficiary_cues"],
                "LIST": v["list_cues"],
                "CEREMONY": v["ceremony_cues"],
                "GIVE": v["giver_verbs"],
                "STATUS": v["status_phrases"],
                "UHC": v["uhc_words"],
                "ANAPHOR": v["anaphors"],
                "REFERENT": v["list_referents"],
                "PREVIOUS_YEAR": v["previous_year_phrases"],
                "RECEIVE_AFTER": v["receive_after_cues"],
                "OBJECT": v["award_object_nouns"],
                "NOT_NEGATION": v["not_negations"],
                "REPRESENT": v["represent_cues"],
                "ACCOMPANY": v["accompany_cues"],
                "COMPANION": v["companion_cues"],
            },
            attr="NORM",
        )
        self.demonstratives = set(v["demonstratives"])
        self.same_award_words = set(v["same_award_words"])
        self.speller = Speller(
            {w.lower() for key in SPELLED for phrase in v[key] for w in phrase.split()}
        )
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
        self.cue_words = (
            self.trigger_words
            | {
                w.lower()
                for key in (
                    "win_verbs",
                    "passive_verbs",
                    "receive_cues",
                    "giver_verbs",
                    "subject_receive_verbs",
                    "irrealis",
                    "beneficiary_cues",
                )
                for phrase in v[key]
                for w in phrase.split()
            }
            | set(v["demonstratives"])
            | set(v["generic_award_words"])
        )
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
        winners: dict[tuple[str, int | None], Winner] = {}
        recipients: list[tuple[Span, CueSentence, int | None]] = []
        history: list[tuple[list[Span], Span, int, str | None]] = []
        about_uhc = True
        previous: CueSentence | None = None
        block: Block | None = None
        stated: str | None = None  # the category of the last sentence that named no region
        same: str | None = None  # the category of the last sentence that stated one
        for span in sentences(doc):
            if not span_text(span).strip():
                continue
            sent = CueSentence(span, cues, categories)
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
                block = Block(only_category(sent))
            elif not (block is not None and span_text(span).rstrip().endswith(":")):
                block = None
            if not sent.about_award:
                for region in self._list_continued(doc, sent, previous, in_titles):
                    self._add(winners, region, span, award_year, only_category(previous))
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
                same = only_category(sent)
                stated = same if not found else None
            verbs = sent.at["WIN"] + sent.at["PASSIVE"] + sent.at["RECEIVE"]
            past = (
                past_awards(
                    span,
                    award_year,
                    sent.categories,
                    self.history_cues,
                    sent.at["PREVIOUS_YEAR"],
                    verbs,
                )
                if self._states_win(sent)
                else []
            )
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
        held = (
            ceremony(
                doc,
                lambda s: self._ceremony_cues(s, cues),
                self._about_award,
                award_year,
                lambda at: self._date_of_other_award(doc, cues, at),
            )
            if winners
            else None
        )
        doc._.event_date = held.event_date if held else None
        fallback_year = (held.day.year if held and held.day else None) or article_year(doc)
        people = merge_officials(
            (s._.person, s._.title) for s in officials if s._.person and s._.title
        )
        doc._.awards = [self._award(w, people) for w in _dated(winners, fallback_year)]
        return doc

    def _ceremony_cues(self, sent: Span, cues: dict[str, list[int]]) -> int:
        keys = ("CEREMONY", "TRIGGER", "RECEIVE", "GIVE")
        return sum(1 for k in keys for i in cues[k] if sent.start <= i < sent.end)

    def _about_award(self, sent: Span) -> bool:
        doc = sent.doc
        cues = doc.user_data["pantau_award_cues"]
        return any(sent.start <= i < sent.end for k in ("TRIGGER", "NOUN") for i in cues[k]) or any(
            sent.start <= i < sent.end for i in doc.user_data["pantau_categories"]
        )

    def _cues(self, doc: Doc) -> dict[str, list[int]]:
        cues: dict[str, list[int]] = {key: [] for key in CUE_KEYS}
        for match_id, start, end in self.cues(doc):
            key = doc.vocab.strings[match_id]
            cues[key].append(end if key in END_KEYS else start)
        cues["TRIGGER"] += self._named_in_words(doc, cues)
        cues["IRREALIS"] = [i for i in cues["IRREALIS"] if i not in set(cues["NOT_NEGATION"])]
        cues["STATUS"] = [
            i
            for i in cues["STATUS"]
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

    def _names_another_award(self, doc: Doc, sent: CueSentence) -> bool:
        """ "penghargaan Swasti Saba Wistara": later sentences about "penghargaan itu" are
        about that award, not the UHC one."""
        return any(self._other_award_at(doc, n) for n in sent.at["NOUN"])

    def _other_award_at(self, doc: Doc, noun: int) -> bool:
        """Whether the award noun at ``noun`` names an award other than UHC."""
        return (
            noun + 1 < len(doc)
            and doc[noun + 1].text[:1].isupper()
            and doc[noun + 1].lower_ not in self.cue_words
            and noun + 1 not in self._region_tokens(doc)
        )

    def _date_of_other_award(self, doc: Doc, cues: dict[str, list[int]], at: int) -> bool:
        """A date whose nearest award noun before it, in its sentence, names another
        award, with no UHC trigger between them."""
        sent = sentence_at(doc, at)
        nouns = [n for n in cues["NOUN"] if sent.start <= n < at]
        if not nouns:
            return False
        last = max(nouns)
        return self._other_award_at(doc, last) and not any(last <= t < at for t in cues["TRIGGER"])

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
        for token in doc[trigger + 1 : min(trigger + 12, len(doc))]:
            if YEAR.match(token.text):
                return int(token.text)
            if token.norm_ not in self.trigger_words and token.norm_ not in YEAR_NAME_WORDS:
                break
        return None

    def _sentence_year(self, doc: Doc, sent: CueSentence) -> int | None:
        years = [y for t in sent.at["TRIGGER"] if (y := self._year_after(doc, t))]
        return years[0] if years else None

    def _category_tokens(self, doc: Doc) -> dict[int, str]:
        """Tokens naming a category with a cue before them ("kategori Madya", "UHC Utama")."""
        found: dict[int, str] = {}
        for _, start, _end in self.category_words(doc):
            token = doc[start]
            category = self.categories[token.lower_]
            before = [
                t
                for t in doc[max(0, token.i - CATEGORY_CUE_WINDOW) : token.i]
                if not t.is_punct and not t.is_space
            ]
            if before and before[-1].lower_ in self.category_blockers:
                continue
            parenthesised = (
                0 < token.i < len(doc) - 1
                and doc[token.i - 1].text == "("
                and doc[token.i + 1].text == ")"
            )
            if parenthesised or any(t.norm_ in self.category_cues for t in before):
                found[token.i] = category
        doc.user_data["pantau_categories"] = found
        return found

    def _add(
        self,
        winners,
        region: Span,
        sent: Span,
        year: int | None,
        category: str | None,
        past: bool = False,
    ) -> Winner:
        key = (region.kb_id_, year)
        winner = winners.get(key)
        if winner is None:
            evidence = sentence_at(region.doc, region.start)
            winner = winners[key] = Winner(region=region, evidence=evidence, year=year, past=past)
        if winner.category is None:
            winner.category = category
        return winner

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

    def _award(self, w: Winner, people: list[tuple[str, str]]) -> Award:
        region = self.regions[w.region.kb_id_]
        year = w.year
        recipient = w.recipient
        title = recipient._.title if recipient is not None else None
        name = recipient._.person if recipient is not None else None
        if recipient is not None:
            name, title = fullest(name, title, people)
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
            evidence=span_text(w.evidence).strip(),
        )


def _dated(winners: dict, fallback_year: int | None) -> list[Winner]:
    """Each winner with its year, the fallback where the text gave none; a fact found
    both with and without a year is one fact."""
    dated: dict[tuple[str, int | None], Winner] = {}
    for (code, year), winner in winners.items():
        winner.year = year or fallback_year
        kept = dated.setdefault((code, winner.year), winner)
        if kept is not winner:
            kept.category = kept.category or winner.category
            kept.recipient = kept.recipient or winner.recipient
    return list(dated.values())


@Language.factory(
    "pantau_awards",
    assigns=["doc._.awards", "doc._.event_date", "token.norm"],
    requires=["doc.spans", "token.is_sent_start"],
    default_config={},
)
def make_awards(nlp: Language, name: str) -> Awards:
    return Awards(nlp, name)
