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
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.components.officials import SPANS_KEY as OFFICIALS_KEY
from extract.components.regions import SPANS_KEY as REGIONS_KEY
from extract.components.sentences import sentence_at, sentences
from extract.dates import find_dates
from extract.officials import same_person
from extract.regions import all_regions
from extract.result import Award
from extract.vocab import load_vocab, phrase_matcher

for _attr in ("published", "awards", "event_date"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)

YEAR = re.compile(r"^(19|20)\d\d$")
YEAR_NAME_WORDS = {"tahun", "(", ")", "uhc", "award", "awards", "bpjs", "kesehatan", "ke"}
DATELINE_MARKS = {"–", "-", "—", "--", "---", "|"}
CLAUSE_BREAKS = {";", "sedangkan", "sementara", "adapun"}
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
)
CATEGORY_CUE_WINDOW = 4
NEAR = 2


@dataclass
class _Winner:
    region: Span
    evidence: Span
    year: int | None
    category: str | None = None
    recipient: Span | None = None


class _Sentence:
    """The cue positions inside one sentence."""

    def __init__(self, sent: Span, cues: dict[str, list[int]], categories: dict[int, str]):
        self.span = sent
        self.at = {k: [i for i in v if sent.start <= i < sent.end] for k, v in cues.items()}
        self.categories = {i: c for i, c in categories.items() if sent.start <= i < sent.end}

    @property
    def about_award(self) -> bool:
        return bool(self.at["TRIGGER"] or self.at["NOUN"] or self.categories)


class Awards:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        v = load_vocab("awards")
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
            },
        )
        self.locative = set(v["locative"])
        self.bullets = set(v["bullets"])
        self.category_cues = set(v["category_cues"])
        self.category_blockers = set(v["category_blockers"])
        self.categories: dict[str, str] = v["categories"]
        self.category_words = phrase_matcher(nlp, {"CATEGORY": list(self.categories)})
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
            | {"tersebut", "itu", "ini"}
        )
        self.regions = all_regions()
        self.people = nlp.get_pipe("ner") if "ner" in nlp.component_names else None

    def __call__(self, doc: Doc) -> Doc:
        doc._.awards = []
        doc._.event_date = None
        cues = self._cues(doc)
        if not cues["TRIGGER"]:
            return doc
        award_year = self._award_year(doc, cues["TRIGGER"])
        categories = self._category_tokens(doc)
        officials = doc.spans.get(OFFICIALS_KEY, [])
        in_titles = {i for s in officials for i in range(s.start, s.end)}
        winners: dict[tuple[str, int | None], _Winner] = {}
        recipients: list[tuple[Span, _Sentence, int | None]] = []
        about_uhc = True
        for span in sentences(doc):
            sent = _Sentence(span, cues, categories)
            if sent.at["TRIGGER"]:
                about_uhc = True
            elif self._names_another_award(doc, sent):
                about_uhc = False
            if not sent.about_award or not about_uhc:
                continue
            year = self._sentence_year(doc, sent) or award_year
            for region, category in self._sentence_winners(doc, sent, in_titles):
                self._add(winners, region, span, year, category)
            recipients += [(r, sent, year) for r in self._recipients(sent, officials)]
        for recipient, sent, year in recipients:
            self._attach_recipient(winners, recipient, sent, year)
        self._categories_from_other_sentences(doc, winners, categories)
        event_date = self._event_date(doc, cues, award_year) if winners else None
        doc._.event_date = event_date
        doc._.awards = [self._award(w, event_date, doc) for w in winners.values()]
        return doc

    def _cues(self, doc: Doc) -> dict[str, list[int]]:
        cues: dict[str, list[int]] = {key: [] for key in CUE_KEYS}
        for match_id, start, end in self.cues(doc):
            key = doc.vocab.strings[match_id]
            cues[key].append(end if key == "RECEIVE" else start)
        return cues

    def _names_another_award(self, doc: Doc, sent: _Sentence) -> bool:
        """ "penghargaan Swasti Saba Wistara": later sentences about "penghargaan itu" are
        about that award, not the UHC one."""
        in_regions = self._region_tokens(doc)
        return any(
            n + 1 < len(doc)
            and doc[n + 1].text[:1].isupper()
            and doc[n + 1].lower_ not in self.cue_words
            and n + 1 not in in_regions
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
        for token in doc[trigger + 1 : min(trigger + 12, len(doc))]:
            if YEAR.match(token.text):
                return int(token.text)
            if token.lower_ not in self.trigger_words and token.lower_ not in YEAR_NAME_WORDS:
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
            if parenthesised or any(t.lower_ in self.category_cues for t in before):
                found[token.i] = category
        return found

    def _sentence_winners(
        self, doc: Doc, sent: _Sentence, in_titles: set[int]
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
        regions = [r for n, r in enumerate(regions) if not (n and _apposition(regions[n - 1], r))]
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
                found.append((region, self._category_near(region, sent)))
        return found

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
        lead = doc[sent.span.start : region.start]
        return (
            bool(sent.categories)
            and all(t.text in self.bullets or t.like_num or t.is_punct or t.is_space for t in lead)
            and region.end < sent.span.end
            and doc[region.end].text in {":", "(", "-", "–"}
        )

    def _category_near(self, region: Span, sent: _Sentence) -> str | None:
        """ "Kabupaten A (Utama)", else the only category of its clause, else the nearest
        one before it ("kategori Madya diraih Kabupaten Ende")."""
        doc = region.doc
        if (
            region.end + 1 < len(doc)
            and doc[region.end].text == "("
            and region.end + 1 in sent.categories
        ):
            return sent.categories[region.end + 1]
        start, end = self._clause(region, sent.span)
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
        """A place named by a preposition: "di JIExpo Kemayoran, Jakarta", "seperti X"."""
        i = region.start - 1
        while i >= sent.start:
            token = doc[i]
            if token.lower_ in self.locative:
                return True
            if (
                token.is_space
                or (token.is_punct and token.text in ",()")
                or token.text[:1].isupper()
                or token.like_num
            ):
                i -= 1
                continue
            return False
        return False

    @staticmethod
    def _dateline(doc: Doc, region: Span) -> bool:
        """ "KUPANG, Kabarnusa.id –" or "Kupang---": where the story was filed."""
        following = doc[region.end : region.end + 1]
        if not following:
            return False
        mark = following[0].text
        return (
            (region.text.isupper() and mark == ",")
            or mark in DATELINE_MARKS
            or mark.startswith("--")
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
            given_to = handed_over and any(0 < official.start - b <= 1 for b in at["BENEFICIARY"])
            receives = any(0 <= v - official.end <= 1 for v in at["SUBJECT_RECEIVE"])
            if received or given_to or receives or self._coordinated(official, found):
                found.append(official)
        if not found:
            cue_ends = at["RECEIVE"] + ([b + 1 for b in at["BENEFICIARY"]] if handed_over else [])
            found = self._untitled_recipients(sent.span, cue_ends)
        return found

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
            if official._.person and (
                same_person(person._.person, official._.person)
                or same_person(official._.person, person._.person)
            ):
                return official
        return person

    @staticmethod
    def _coordinated(official: Span, recipients: list[Span]) -> bool:
        """ "kepada Bupati Belu, X, dan Bupati Malaka, Y": the next of a list of recipients."""
        if not recipients:
            return False
        between = official.doc[recipients[-1].end : official.start]
        return len(between) <= 2 and all(t.lower_ in {",", "dan", "serta"} for t in between)

    def _add(
        self, winners, region: Span, sent: Span, year: int | None, category: str | None
    ) -> _Winner:
        key = (region.kb_id_, year)
        winner = winners.get(key)
        if winner is None:
            winner = winners[key] = _Winner(region=region, evidence=sent, year=year)
        if winner.category is None:
            winner.category = category
        return winner

    def _attach_recipient(self, winners, recipient: Span, sent: _Sentence, year) -> None:
        code = recipient._.title_region
        same_region = [w for (c, _), w in winners.items() if c == code]
        if code is not None:
            target = next((w for w in same_region if w.year == year), None) or (
                same_region[0] if same_region else None
            )
            if target is None:
                region = next(
                    r
                    for r in recipient.doc.spans[REGIONS_KEY]
                    if recipient.start <= r.start < recipient.end
                )
                target = self._add(winners, region, sent.span, year, None)
        elif len(winners) == 1:
            target = next(iter(winners.values()))
        else:
            return
        if recipient._.title is None:
            recipient = self._titled(recipient)
        if target.recipient is None or (recipient._.person and not target.recipient._.person):
            target.recipient = recipient

    def _categories_from_other_sentences(
        self, doc: Doc, winners: dict, categories: dict[int, str]
    ) -> None:
        """A winner whose own sentences state no category takes the one stated in the
        other sentences about it (the headline, a later paragraph), when they agree."""
        for (code, _), winner in winners.items():
            if winner.category is not None:
                continue
            sents = {sentence_at(doc, r.start) for r in doc.spans[REGIONS_KEY] if r.kb_id_ == code}
            stated = {c for i, c in categories.items() if any(s.start <= i < s.end for s in sents)}
            if len(stated) == 1:
                winner.category = stated.pop()

    def _event_date(self, doc: Doc, cues: dict[str, list[int]], award_year: int | None):
        """The ceremony: the date in the sentence with most ceremony words. A year far
        from the award's ("(27/1/2062)" for UHC Awards 2026) is a typo for the award's."""
        published: date | None = doc._.published
        reference = award_year or (published.year if published else None)
        ceremony = cues["CEREMONY"] + cues["TRIGGER"] + cues["RECEIVE"]
        best, best_score = None, 0
        for mention in find_dates(doc.text, reference_year=reference):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            sent = sentence_at(doc, span.start)
            found: date | None = mention.date
            score = 2 * sum(1 for i in ceremony if sent.start <= i < sent.end)
            if reference and mention.has_year and abs(found.year - reference) > 1:
                found = _with_year(found, reference)
            if found is not None and score > best_score:
                best, best_score = found, score
        return best

    def _award(self, w: _Winner, event_date: date | None, doc: Doc) -> Award:
        region = self.regions[w.region.kb_id_]
        year = w.year or (event_date.year if event_date else None)
        if year is None and doc._.published:
            year = doc._.published.year
        recipient = w.recipient
        title = recipient._.title if recipient is not None else None
        if title and recipient._.title_region is None and not recipient._.person:
            title = f"{title.title()} {region.base}"
        return Award(
            region_code=region.code,
            region_name=region.name,
            level=region.level,
            category=w.category,
            year=year,
            recipient_name=recipient._.person if recipient is not None else None,
            recipient_title=title,
            evidence=w.evidence.text.strip(),
        )


def _apposition(previous: Span, region: Span) -> bool:
    """ "Kota Banjar, Jawa Barat": the province that locates the region before it."""
    return (
        region.start == previous.end + 1
        and region.doc[previous.end].text == ","
        and previous.kb_id_.startswith(region.kb_id_ + ".")
    )


def _with_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:
        return None


@Language.factory("pantau_awards")
def make_awards(nlp: Language, name: str) -> Awards:
    return Awards(nlp, name)
