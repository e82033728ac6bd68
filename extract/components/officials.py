"""Officials: a title ("Kepala Dinas Kesehatan Kota Kupang") and the person holding it.

A title starts with a head word (Bupati, Wali Kota, Kepala, Direktur, Menteri ...) and
goes on with title words and at most one region, which ends it. The name follows, after
an optional comma and honorifics (dr., Drs., H. ...), and stops at punctuation, a
lowercase word or a degree (MAP, M.Kes ...). Writes ``doc.spans["officials"]``: spans
over title and name, labelled OFFICIAL, or TITLE when no name follows.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from extract.components.regions import SPANS_KEY as REGIONS_KEY
from extract.vocab import load_vocab, phrase_matcher

SPANS_KEY = "officials"
MAX_NAME_TOKENS = 5

for _attr in ("title", "person", "person_start", "title_region"):
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)


def _bare(text: str) -> str:
    return text.replace(".", "").casefold()


class Officials:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        vocab = load_vocab("officials")
        self.heads = phrase_matcher(nlp, {"HEAD": vocab["heads"]})
        self.title_words = set(vocab["title_words"])
        self.connectors = set(vocab["connectors"])
        self.honorifics = {_bare(h) for h in vocab["honorifics"]}
        self.degrees = {_bare(d) for d in vocab["degrees"]}
        self.stopwords = set(vocab["name_stopwords"])

    def __call__(self, doc: Doc) -> Doc:
        region_at = {
            i: span for span in doc.spans.get(REGIONS_KEY, []) for i in range(span.start, span.end)
        }
        heads = filter_spans(
            [doc[s:e] for _, s, e in self.heads(doc) if doc[s].text[:1].isupper()]
        )
        found: list[Span] = []
        taken_until = -1
        for head in heads:
            if head.start < taken_until:
                continue
            span = self._official(doc, head, region_at)
            found.append(span)
            taken_until = span.end
        doc.spans[SPANS_KEY] = found
        names = [s for s in found if s._.person]
        doc.spans[REGIONS_KEY] = [
            r for r in doc.spans.get(REGIONS_KEY, [])
            if not any(n._.person_start <= r.start < n.end for n in names)
        ]
        return doc

    def _official(self, doc: Doc, head: Span, region_at: dict[int, Span]) -> Span:
        sent_end = head.sent.end
        i = head.end
        region = region_at.get(head.end - 1)
        if region is not None and region.end > head.end:
            i = region.end
        else:
            region = None
        while region is None and i < sent_end:
            if i in region_at:
                region = region_at[i]
                i = region.end
                break
            if not self._continues_title(doc, i, sent_end):
                break
            i += 1
        title_end = i
        if i < sent_end and doc[i].text == ",":
            i += 1
        while i < sent_end and _bare(doc[i].text) in self.honorifics:
            i += 1
        name_start = i
        while (i < sent_end and i - name_start < MAX_NAME_TOKENS
               and self._is_name_token(doc[i])):
            i += 1
        title = " ".join(doc[head.start:title_end].text.split())
        if i == name_start:
            span = Span(doc, head.start, title_end, label="TITLE")
            person = None
        else:
            span = Span(doc, head.start, i, label="OFFICIAL")
            person = " ".join(doc[name_start:i].text.split()).replace("’", "'")
        span._.title = title
        span._.person = person
        span._.person_start = name_start if person else None
        span._.title_region = region.kb_id_ if region is not None else None
        return span

    def _continues_title(self, doc: Doc, i: int, sent_end: int) -> bool:
        """A title word, or "dan" between two title words."""
        token = doc[i]
        if token.text in self.title_words:
            return True
        return (token.lower_ in self.connectors and i + 1 < sent_end
                and doc[i + 1].text in self.title_words)

    def _is_name_token(self, token: Token) -> bool:
        text = token.text
        if not text[:1].isupper() or token.is_space or token.is_punct:
            return False
        if text in self.stopwords or _bare(text) in self.degrees:
            return False
        if len(text) == 2 and text.endswith("."):
            return True
        letters = text.replace("’", "").replace("'", "").replace("-", "")
        return letters.isalpha() and not (text.isupper() and len(text) > 3)


@Language.factory("pantau_officials")
def make_officials(nlp: Language, name: str) -> Officials:
    return Officials(nlp, name)
