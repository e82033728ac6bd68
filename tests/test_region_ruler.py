"""The region ruler finds what spaCy's EntityRuler found with one phrase per prefix and name."""

import pytest
import spacy

from extract.region_patterns import region_forms

# Traps: prefixes next to names of other levels, excluded bare names with and without their
# kind, two names overlapping ("Kota Padang Lawas": "Kota Padang" or "Padang Lawas"),
# lower case, the press's abbreviations, a name right after another.
TEXTS = [
    "Wali Kota Batu dan Bupati Batu Bara hadir; Batu terasa dingin. Puncak acara di Kab. Puncak.",
    "Pemerintah Kab. Kupang, Pemkot Kupang, Kupang dan Pemprov NTT menerima UHC Award.",
    "Kota Padang Lawas? Kabupaten Padang Lawas Utara, Padanglawas, Labuhan Batu, Bau-Bau.",
    "PEMERINTAH KOTA SURABAYA dan pemerintah kabupaten bandung barat; Kota Administrasi "
    "Jakarta Selatan, Provinsi DKI Jakarta, Prov. Jatim, Kabupaten Kota Baru Kotabaru.",
    "Pemkab Ende Sikka Kab Sikka Pemko Binjai Kabupaten Kabupaten Kupang Kota Kota Bekasi.",
]


def ents(doc):
    return [(e.start, e.end, e.label_, e.ent_id_) for e in doc.ents]


@pytest.fixture(scope="module")
def entity_ruler(nlp):
    """spaCy's EntityRuler with every prefix-and-name phrase spelled out, as pantau had it."""
    forms = region_forms()
    patterns = []
    for form, ids in forms["names"].items():
        for level, region_id in ids.items():
            phrases = (
                [form] if level == "bare" else [f"{p} {form}" for p in forms["prefixes"][level]]
            )
            patterns += [{"label": "REGION", "id": region_id, "pattern": p} for p in phrases]
    ruler_nlp = spacy.blank("id")
    ruler_nlp.tokenizer = nlp.tokenizer
    ruler = ruler_nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(patterns)
    return ruler_nlp


@pytest.mark.parametrize("text", TEXTS)
def test_same_entities_as_the_entity_ruler_with_every_phrase(nlp, entity_ruler, text):
    ruler = nlp.get_pipe("pantau_region_ruler")
    assert ents(ruler(nlp.make_doc(text))) == ents(entity_ruler(text))


def test_a_name_excluded_alone_is_found_after_its_kind(nlp):
    doc = nlp.get_pipe("pantau_region_ruler")(nlp.make_doc("Kota Batu, bukan Batu."))
    assert ents(doc) == [(0, 2, "REGION", "35.79")]


def test_the_longest_then_leftmost_mention_wins(nlp):
    doc = nlp.get_pipe("pantau_region_ruler")(nlp.make_doc("di Kota Padang Lawas Utara"))
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("Padang Lawas Utara", "12.20")]
    doc = nlp.get_pipe("pantau_region_ruler")(nlp.make_doc("di Kota Padang Lawas"))
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("Kota Padang", "13.71")]
