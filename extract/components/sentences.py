"""Sentence boundaries fitted to Indonesian news (runs after spaCy's sentencizer).

Headlines and captions end at a line break without a period, so a line break starts a
sentence; the period of an abbreviation the tokenizer split off ("Ir", ".", "Kab", ".")
does not end one, and neither does a period followed by a lowercase word ("S.Fil.,
mengatakan").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.vocab import DataComponent, bare


class NewsSentences(DataComponent):
    data_files = ("officials",)

    def configure(self, data: dict) -> None:
        vocab = data["officials"]
        self.abbreviations = {
            bare(a) for a in vocab["honorifics"] + vocab["degrees"] + vocab["abbreviations"]
        }

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:-1]:
            if (
                token.text == "."
                and bare(doc[token.i - 1].text) in self.abbreviations
                and "\n" not in token.whitespace_
            ):
                following = token.i + 1
                while following < len(doc) - 1 and doc[following].is_punct:
                    following += 1
                doc[following].is_sent_start = False
        for token in doc[1:]:
            if token.is_sent_start and token.text[:1].islower():
                token.is_sent_start = False
        for token in doc[:-1]:
            if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
                doc[token.i + 1].is_sent_start = True
        return doc


@Language.factory(
    "pantau_sentences",
    assigns=["token.is_sent_start"],
    requires=["token.is_sent_start"],
    default_config={},
)
def make_news_sentences(nlp: Language, name: str) -> NewsSentences:
    return NewsSentences(nlp, name)


def sentence_at(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i``; computed once per doc, since ``Token.sent`` walks
    the doc on every call."""
    cached = doc.user_data.get("pantau_sentence_index")
    if cached is None:
        sents = list(doc.sents)
        index = [0] * len(doc)
        for n, sent in enumerate(sents):
            index[sent.start : sent.end] = [n] * len(sent)
        cached = doc.user_data["pantau_sentence_index"] = (sents, index)
    sents, index = cached
    return sents[index[i]]


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, from the same cache as ``sentence_at``."""
    if not len(doc):
        return []
    sentence_at(doc, 0)
    return doc.user_data["pantau_sentence_index"][0]
