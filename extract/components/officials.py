"""Officials: a title ("Kepala Dinas Kesehatan Kota Kupang") and the person holding it.

A title starts with a head word (Bupati, Wali Kota, Kepala, Direktur, Menteri ...), maybe
several ("Penjabat Wali Kota"), and goes on with title words and at most one region,
which ends it. The name follows, after an optional comma and honorifics (dr., Drs.,
H. ...), and stops at punctuation, a lowercase word or a degree (MAP, M.Kes ...).
Title-case headlines name nobody: every word there is capitalised.

Writes ``doc.spans["officials"]``: spans over title, name and trailing degrees, labelled
OFFICIAL, or TITLE when no name follows; ``span._.title``, ``._.person``,
``._.person_start`` and ``._.title_region`` (the code of the region in the title).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract.components.regions import SPANS_KEY as REGIONS_KEY
from extract.components.sentences import sentence_at
from extract.vocab import DataComponent, bare, phrase_matcher

SPANS_KEY = "officials"
MAX_NAME_TOKENS = 5
MIN_ACRONYM, MAX_ACRONYM = 2, 3
DEGREE_SHAPE = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.){1,3}[A-Za-z]{0,4}\.?$")
MAX_PLACE_TOKENS = 8
HEADLINE_CAPITALISED = 0.7

for _attr in ("title", "person", "person_start", "title_region"):
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)


def is_headline(sent: Span) -> bool:
    """A title-case line ending in a word, as headlines and subheads do."""
    tokens = [t for t in sent if not t.is_space]
    if tokens and (tokens[-1].is_punct or tokens[-1].text.endswith(".")):
        return False
    words = [t for t in tokens if t.is_alpha and len(t) > 2]
    if len(words) < 3:
        return False
    return sum(t.text[0].isupper() for t in words) / len(words) >= HEADLINE_CAPITALISED


class Officials(DataComponent):
    data_files = ("officials",)

    def configure(self, data: dict) -> None:
        vocab = data["officials"]
        self.heads = phrase_matcher(self.nlp, {"HEAD": vocab["heads"]})
        self.title_words = set(vocab["title_words"])
        self.connectors = set(vocab["connectors"])
        self.honorifics = {bare(h) for h in vocab["honorifics"]}
        self.degrees = {bare(d) for d in vocab["degrees"]}
        self.stopwords = set(vocab["name_stopwords"])
        self.head_blockers = set(vocab["head_blockers"])
        self.national_heads = {h.lower() for h in vocab["national_heads"]}
        self.name_abbreviations = {bare(a) for a in vocab["abbreviations"]}

    def __call__(self, doc: Doc) -> Doc:
        region_at = {
            i: span for span in doc.spans.get(REGIONS_KEY, []) for i in range(span.start, span.end)
        }
        heads = filter_spans([doc[s:e] for _, s, e in self.heads(doc) if doc[s].text[:1].isupper()])
        head_end = {h.start: h.end for h in heads}
        found: list[Span] = []
        taken_until = -1
        for head in heads:
            if head.start < taken_until or self._blocked(doc, head):
                continue
            span = self._official(doc, head, region_at, head_end)
            found.append(span)
            taken_until = span.end
        doc.spans[SPANS_KEY] = found
        names = [s for s in found if s._.person]
        doc.spans[REGIONS_KEY] = [
            r
            for r in doc.spans.get(REGIONS_KEY, [])
            if not any(n._.person_start <= r.start < n.end for n in names)
        ]
        return doc

    def _blocked(self, doc: Doc, head: Span) -> bool:
        """ "Kantor Camat Oebobo", "Peraturan Wali Kota ...": an office, not a person."""
        return head.start > 0 and doc[head.start - 1].text in self.head_blockers

    def _official(
        self, doc: Doc, head: Span, region_at: dict[int, Span], head_end: dict[int, int]
    ) -> Span:
        sent = sentence_at(doc, head.start)
        title_end, region = self._title_end(doc, head, region_at, head_end)
        i = title_end
        if region is None:
            i = title_end = self._place_before_comma(doc, i, sent.end, region_at)
        if i < sent.end and doc[i].text == ",":
            i += 1
        i = self._skip_honorifics(doc, i, sent.end)
        name_start = i = self._skip_acronyms(doc, i, sent.end, region_at)
        while i < sent.end and i - name_start < MAX_NAME_TOKENS and self._name_continues(doc, i):
            i += 1
        title = " ".join(doc[head.start : title_end].text.split())
        named = i > name_start and not is_headline(sent)
        if named:
            person = " ".join(doc[name_start:i].text.split()).replace("’", "'")
            span = Span(doc, head.start, self._skip_degrees(doc, i, sent.end), label="OFFICIAL")
        else:
            person = None
            span = Span(doc, head.start, title_end, label="TITLE")
        span._.title = title
        span._.person = person
        span._.person_start = name_start if named else None
        span._.title_region = region.kb_id_ if region is not None else None
        return span

    def _title_end(
        self, doc: Doc, head: Span, region_at: dict[int, Span], head_end: dict[int, int]
    ) -> tuple[int, Span | None]:
        """Where the title ends, and the region that ended it if any."""
        sent_end = sentence_at(doc, head.start).end
        region = region_at.get(head.end - 1)
        if region is not None and region.end > head.end:
            return region.end, region
        national = head.text.lower() in self.national_heads
        i = head.end
        while i < sent_end:
            if i in region_at and not (national and self._bare_before_name(doc, region_at[i])):
                return region_at[i].end, region_at[i]
            closed = self._parenthesised(doc, i, sent_end)
            if closed:
                i = closed
            elif i in head_end:
                i = head_end[i]
            elif self._continues_title(doc, i, sent_end):
                i += 1
            else:
                break
        return i, None

    @staticmethod
    def _parenthesised(doc: Doc, i: int, sent_end: int) -> int | None:
        """ "Penjabat (Pj.) Bupati", "Badan Keuangan Daerah (BKD) Seluma": a short form in
        brackets inside a title; returns where it ends."""
        if doc[i].text != "(":
            return None
        for j in range(i + 1, min(i + 4, sent_end)):
            if doc[j].text == ")":
                inner = doc[i + 1 : j]
                return j + 1 if len(inner) and inner[0].text[:1].isupper() else None
        return None

    def _bare_before_name(self, doc: Doc, region: Span) -> bool:
        """ "Wakil Menteri Dalam Negeri Bima Arya Sugiarto": a bare region name followed
        by more name words is a person's first name."""
        return (
            region.text.split()[0] not in {"Kota", "Kabupaten", "Provinsi"}
            and region.end < len(doc)
            and self._is_name_token(doc[region.end])
        )

    def _continues_title(self, doc: Doc, i: int, sent_end: int) -> bool:
        """A title word, or "dan" or a comma between title words."""
        token = doc[i]
        if token.text in self.title_words:
            return True
        return (
            (token.lower_ in self.connectors or token.text == ",")
            and i + 1 < sent_end
            and doc[i + 1].text in self.title_words
        )

    def _place_before_comma(
        self, doc: Doc, i: int, sent_end: int, region_at: dict[int, Span]
    ) -> int:
        """ "Camat Oebobo, Marthen ...": words outside the vocabulary, closed by the comma
        of the apposition with a name after it, still belong to the title."""
        j = i
        while (
            j < sent_end
            and j - i < MAX_PLACE_TOKENS
            and (j in region_at or doc[j].lower_ in self.connectors or self._is_name_token(doc[j]))
        ):
            j += 1
        if j == i or j >= sent_end or doc[j].text != ",":
            return i
        after = self._skip_honorifics(doc, j + 1, sent_end)
        return j if after < sent_end and self._is_name_token(doc[after]) else i

    def _skip_honorifics(self, doc: Doc, i: int, sent_end: int) -> int:
        """Past "Dr. (HC) Drs. H." before a name; a bracketed honorific counts too."""
        while i < sent_end:
            if bare(doc[i].text) in self.honorifics:
                i += 1
            elif (
                doc[i].text == "("
                and i + 2 < sent_end
                and doc[i + 2].text == ")"
                and bare(doc[i + 1].text) in self.honorifics
            ):
                i += 3
            else:
                break
            if i < sent_end and doc[i].text == ".":
                i += 1
        return i

    def _is_degree(self, text: str) -> bool:
        """A listed degree, or one of the same shape: "S.Fil.", "Sp.OG", "M.Kes."."""
        return bare(text) in self.degrees or (
            "." in text[:-1] and DEGREE_SHAPE.match(text) is not None and len(text) > 3
        )

    def _skip_degrees(self, doc: Doc, i: int, sent_end: int) -> int:
        """The end of ", S.E., M.M." after a name, so the span covers them."""
        j = i
        while j < sent_end:
            k = j + 1 if doc[j].text == "," else j
            if k < sent_end and (
                self._is_degree(doc[k].text) or bare(doc[k].text) in self.honorifics
            ):
                j = k + 1
                if j < sent_end and doc[j].text == ".":
                    j += 1
            else:
                break
        return j

    def _skip_acronyms(self, doc: Doc, i: int, sent_end: int, region_at: dict[int, Span]) -> int:
        """ "Plt Kepala BKD Seluma Herman Suyadi", "Gubernur ASR": an office's short form,
        its place or a person's initials before the name are no part of it."""
        skipped = False
        while i < sent_end:
            token = doc[i]
            if MIN_ACRONYM <= len(token) <= MAX_ACRONYM and token.is_alpha and token.is_upper:
                i, skipped = i + 1, True
            elif skipped and i in region_at:
                i = region_at[i].end
            else:
                break
        return self._skip_honorifics(doc, i, sent_end) if skipped else i

    def _name_continues(self, doc: Doc, i: int) -> bool:
        """A name token, or the period of an abbreviated name part ("Muh. Fadli",
        "Moch. Lakotani")."""
        token = doc[i]
        if token.text == "." and i + 1 < len(doc):
            before = doc[i - 1]
            short = len(before) <= 3 or bare(before.text) in self.name_abbreviations
            return short and before.text[:1].isupper() and self._is_name_token(doc[i + 1])
        return self._is_name_token(token)

    def _is_name_token(self, token: Token) -> bool:
        text = token.text
        if not text[:1].isupper() or token.is_space or token.is_punct:
            return False
        if text in self.stopwords or self._is_degree(text):
            return False
        if len(text) == 2 and text.endswith("."):
            return True
        letters = text.replace("’", "").replace("'", "").replace("-", "")
        return letters.isalpha() and not (text.isupper() and len(text) > 3)


@Language.factory(
    "pantau_officials",
    assigns=["doc.spans"],
    requires=["token.is_sent_start", "doc.spans"],
    default_config={},
)
def make_officials(nlp: Language, name: str) -> Officials:
    return Officials(nlp, name)
