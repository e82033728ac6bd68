"""Sentence boundaries fitted to Indonesian news (runs after spaCy's sentencizer).

Headlines and captions end at a line break without a period, so a line break starts a
sentence; the period of an abbreviation the tokenizer split off ("Ir", ".", "Kab", ".")
does not end one, and neither does a period followed by a lowercase word ("S.Fil.,
mengatakan").
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.vocab import DataComponent, bare

TEXT_KEY = "pantau_text"


class NewsSentences(DataComponent):
    """Reads the doc's token arrays and builds a Token only where a boundary changes: a
    Token object per token (three passes over every token) cost more than the rest of
    the component."""

    data_files = ("officials",)

    def configure(self, data: dict) -> None:
        vocab = data["officials"]
        self.abbreviations = {
            bare(a) for a in vocab["honorifics"] + vocab["degrees"] + vocab["abbreviations"]
        }

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2:
            return doc
        strings = doc.vocab.strings
        array = doc.to_array([ORTH, IS_PUNCT, IS_SPACE, SENT_START])
        orth, punct, space, start = (array[:, n] for n in range(4))
        last = len(doc) - 1
        for i in numpy.nonzero(orth[1:last] == numpy.uint64(strings["."]))[0] + 1:
            if bare(strings[int(orth[i - 1])]) in self.abbreviations:
                following = i + 1
                while following < last and punct[following]:
                    following += 1
                doc[int(following)].is_sent_start = False
        for i in numpy.nonzero(start[1:] == 1)[0] + 1:
            if strings[int(orth[i])][:1].islower():
                doc[int(i)].is_sent_start = False
        for i in numpy.nonzero(space[:last])[0]:
            if "\n" in strings[int(orth[i])]:
                doc[int(i) + 1].is_sent_start = True
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


def doc_text(doc: Doc) -> str:
    """The doc's text, joined once: ``Doc.text`` builds a Token per token at every call.
    The engine stores the string it tokenized here, which is the same text."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text`` cut from the doc's text by its character offsets."""
    return doc_text(span.doc)[span.start_char : span.end_char]
