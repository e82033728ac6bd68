"""Link every REGION mention to its Kemendagri code, deciding shared names from context.

The region ruler marks "Kupang" with the id ``?kupang`` because a Kota and a Kabupaten
share it. The office just before it decides ("Bupati Kupang"); else the article's
unambiguous mentions of either; else the offices the article speaks of; else a fixed
preference (province, then kota, then kabupaten). A name after a place word ("Pulau
Sumbawa", "Bandara Kupang") is that place, not a region, and is dropped.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.datafiles import load_vocab
from extract.region_patterns import AMBIGUOUS, bare_forms
from extract.regions import all_regions
from extract.vocab import DataComponent, phrase_matcher

SPANS_KEY = "regions"


class RegionLinker(DataComponent):
    data_files = ("regions",)

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        """The vocabulary, and the shared names of the region list as they are now."""
        self._load(
            {
                "regions": load_vocab("regions"),
                "shared_names": {
                    AMBIGUOUS + form.lower(): sorted(codes)
                    for form, codes in bare_forms().items()
                    if len(codes) > 1
                },
            }
        )

    def configure(self, data: dict) -> None:
        vocab = data["regions"]
        self.kind_cues: dict[str, list[str]] = vocab["kind_cues"]
        self.default_order: list[str] = vocab["default_order"]
        self.place_words = set(vocab["place_words"])
        self.cue_matcher = phrase_matcher(self.nlp, self.kind_cues)
        self.regions = all_regions()
        self.candidates: dict[str, list[str]] = data["shared_names"]

    def __call__(self, doc: Doc) -> Doc:
        cue_ends: dict[int, str] = {}
        doc_kinds: Counter[str] = Counter()
        for match_id, _start, end in self.cue_matcher(doc):
            kind = doc.vocab.strings[match_id]
            cue_ends[end] = kind
            doc_kinds[kind] += 1
        ents = [
            e
            for e in doc.ents
            if e.label_ == "REGION"
            and e[-1].text[:1].isupper()
            and not (e.start and doc[e.start - 1].text in self.place_words)
        ]
        known = Counter(e.ent_id_ for e in ents if not e.ent_id_.startswith(AMBIGUOUS))
        linked: list[Span] = []
        for ent in ents:
            code = ent.ent_id_
            if code.startswith(AMBIGUOUS):
                code = self._resolve(code, cue_ends.get(ent.start), known, doc_kinds)
            linked.append(Span(doc, ent.start, ent.end, label="REGION", kb_id=code))
        others = [e for e in doc.ents if e.label_ != "REGION"]
        doc.ents = sorted(others + linked, key=lambda s: s.start)
        doc.spans[SPANS_KEY] = linked
        return doc

    def _resolve(
        self, form_id: str, left_kind: str | None, known: Counter[str], doc_kinds: Counter[str]
    ) -> str:
        codes = self.candidates[form_id]
        by_kind = {self.regions[c].level: c for c in codes}
        if left_kind in by_kind:
            return by_kind[left_kind]
        counts = {c: known[c] for c in codes}
        best = max(counts.values())
        leaders = [c for c, n in counts.items() if n == best]
        if best and len(leaders) == 1:
            return leaders[0]
        kind_counts = {k: doc_kinds[k] for k in by_kind}
        best_kind = max(kind_counts.values())
        kind_leaders = [k for k, n in kind_counts.items() if n == best_kind]
        if best_kind and len(kind_leaders) == 1:
            return by_kind[kind_leaders[0]]
        return next(by_kind[k] for k in self.default_order if k in by_kind)


@Language.factory(
    "pantau_region_linker",
    assigns=["doc.ents", "doc.spans"],
    requires=["doc.ents", "token.is_sent_start"],
    default_config={},
)
def make_region_linker(nlp: Language, name: str) -> RegionLinker:
    return RegionLinker(nlp, name)
