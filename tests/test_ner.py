"""The trained NER under models/ner/model: loads, can be sourced alone, finds clear names.

The sentences are written for these tests (not taken from any corpus or seed); only cases
the model gets right with a margin are asserted, one behaviour each.
"""

import pytest
import spacy

from extract.ner import DEFAULT_MODEL, add_ner, load_ner


@pytest.fixture(scope="module")
def nlp():
    return load_ner()


def ents(nlp, text):
    return [(ent.text, ent.label_) for ent in nlp(text).ents]


def test_loads_as_a_plain_spacy_pipeline_with_three_labels(nlp):
    assert nlp.lang == "id"
    assert nlp.pipe_names == ["ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG", "LOC"}


def test_same_pipeline_as_spacy_load_of_the_committed_model(nlp):
    assert DEFAULT_MODEL.parts[-3:] == ("models", "ner", "model")
    direct = spacy.load(DEFAULT_MODEL)
    text = "Menurut Yohanes, program itu berjalan baik."
    assert ents(direct, text) == ents(nlp, text)


def test_ner_sourced_alone_into_another_pipeline_gives_the_same_entities(nlp):
    other = spacy.blank("id")
    other.add_pipe("sentencizer")
    add_ner(other, name="ner_stat")
    assert other.pipe_names == ["sentencizer", "ner_stat"]
    text = '"Kami bersyukur," kata Retno saat ditemui di Jakarta, Selasa (12/3/2026).'
    assert ents(other, text) == ents(nlp, text) == [("Retno", "PERSON"), ("Jakarta", "LOC")]


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no trained NER pipeline at"):
        load_ner(tmp_path / "tidak-ada")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Menurut Yohanes, program itu berjalan baik.", [("Yohanes", "PERSON")]),
        ("Menurut Ghufron, kasus itu masih diselidiki.", [("Ghufron", "PERSON")]),
        (
            "Maria Goreti Lanang mengaku puas dengan layanan rumah sakit.",
            [("Maria Goreti Lanang", "PERSON")],
        ),
        (
            "Dalam kunjungan ke Labuan Bajo, Presiden Joko Widodo meninjau rumah sakit baru.",
            [("Labuan Bajo", "LOC"), ("Joko Widodo", "PERSON")],
        ),
        (
            "Warga Desa Oelnasi di Kabupaten Kupang kini bisa berobat gratis.",
            [("Desa Oelnasi", "LOC"), ("Kabupaten Kupang", "LOC")],
        ),
        (
            "Universitas Nusa Cendana bekerja sama dengan rumah sakit daerah.",
            [("Universitas Nusa Cendana", "ORG")],
        ),
        ("menurut ghufron, kasus itu masih diselidiki.", [("ghufron", "PERSON")]),
    ],
)
def test_clear_names_without_a_title(nlp, text, expected):
    assert ents(nlp, text) == expected


def test_sentence_without_names_has_no_entities(nlp):
    assert ents(nlp, "Cakupan kepesertaan sudah mencapai 98 persen pada tahun ini.") == []


def test_hospitals_are_places_as_in_the_training_data(nlp):
    # IndoNLU tags "rsud ..." as a place; the rules, not this model, make hospitals ORG.
    assert ents(nlp, "Pasien dirujuk ke RSUD S.K. Lerik.") == [("RSUD S.K. Lerik", "LOC")]


def test_sourced_before_the_rule_pipeline_leaves_regions_and_officials_alone():
    from extract.components.officials import SPANS_KEY as OFFICIALS
    from extract.pipeline import MODEL_DIR

    text = 'Bupati Balangan Abdul Hadi menerima penghargaan. "Kami bersyukur," kata Retno.'
    rules = spacy.load(MODEL_DIR)
    both = spacy.load(MODEL_DIR)
    add_ner(both, name="ner_stat", before="pantau_region_ruler")
    alone, combined = rules(text), both(text)
    assert {key: [s.text for s in group] for key, group in combined.spans.items()} == {
        key: [s.text for s in group] for key, group in alone.spans.items()
    }
    assert [span.text for span in combined.spans[OFFICIALS]] == ["Bupati Balangan Abdul Hadi"]
    assert ("Retno", "PERSON") in [(e.text, e.label_) for e in combined.ents]
