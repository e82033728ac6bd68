"""The NER's table of word facts: how names and frequencies become rows, and how the
embedding layer finds a word's row whatever its case."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.vectors import Vectors

from extract.ner_lexicon import lexicon_features, lexicon_hash_embed, word_dropout
from models.ner.lexicon import FEATURES, WORST_RANK, feature_table, name_scores, rank_score

FIRST = {
    "Ketut": {"rank": {"ID": 1}, "country": {"ID": 0.5, "MY": 0.5}},
    "KETUT": {"rank": {"ID": 20}, "country": {"ID": 0.9}},
    "Thomas": {"rank": {"US": 1, "GB": 3}, "country": {"US": 1.0}},
    "Zebulon": {"rank": {"US": 5_000}, "country": {"US": 1.0}},  # too rare outside Indonesia
    "Dewi Sri": {"rank": {"ID": 3}, "country": {"ID": 1.0}},  # two words: not a token
    "Unranked": {"rank": {}, "country": {"US": 1.0}},
}
LAST = {"Widodo": {"rank": {"ID": 1}, "country": {"ID": 1.0}}}
ZIPF = {("yang", "id"): 8.0, ("the", "en"): 4.0}


def zipf(word: str, lang: str) -> float:
    return ZIPF.get((word, lang), 0.0)


def test_rank_score_falls_with_log_rank_from_one_to_zero():
    assert rank_score(1) == 1.0
    assert rank_score(WORST_RANK) == 0.0
    assert rank_score(WORST_RANK * 10) == 0.0
    assert rank_score(None) == 0.0
    assert rank_score(10) > rank_score(100) > 0.0


def test_name_scores_keep_single_words_lower_cased_best_of_case_variants():
    scores = name_scores(FIRST)
    assert sorted(scores) == ["ketut", "thomas"]
    assert scores["ketut"] == (1.0, 1.0, 0.9)
    assert scores["thomas"] == (0.0, 1.0, 0.0)


def test_feature_table_rows_follow_FEATURES():
    words, rows = feature_table(FIRST, LAST, zipf, ["Yang", "the"])
    assert words == ["ketut", "the", "thomas", "widodo", "yang"]
    assert rows.dtype == numpy.float32 and rows.shape == (5, len(FEATURES))
    table = dict(zip(words, rows.tolist(), strict=True))
    assert table["ketut"] == pytest.approx([1, 1, 0, 1, 0, 0.9, 0, 0])
    assert table["widodo"] == pytest.approx([1, 0, 1, 0, 1, 1, 0, 0])
    assert table["yang"] == pytest.approx([1, 0, 0, 0, 0, 0, 1, 0])
    assert table["the"] == pytest.approx([1, 0, 0, 0, 0, 0, 0, 0.5])


@pytest.fixture
def nlp():
    nlp = spacy.blank("id")
    words, rows = feature_table(FIRST, LAST, zipf, ["yang"])
    keys = [nlp.vocab.strings.add(word) for word in words]
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=rows, keys=keys)
    return nlp


def test_lexicon_features_find_rows_by_lower_cased_form_zeros_elsewhere(nlp):
    doc = nlp("KETUT dan Ketut yang")
    (found,) = lexicon_features().predict([doc])
    assert found.shape == (4, len(FEATURES))
    assert found[0].tolist() == found[2].tolist() == pytest.approx([1, 1, 0, 1, 0, 0.9, 0, 0])
    assert found[1].tolist() == [0.0] * len(FEATURES)
    assert found[3][0] == 1.0


def test_lexicon_hash_embed_gives_one_width_row_per_token_and_learns(nlp):
    docs = [nlp("Menurut Ketut, program berjalan."), nlp("")]
    model = lexicon_hash_embed(
        32, ["NORM", "PREFIX", "SUFFIX", "SHAPE"], [100, 50, 50, 20], word_dropout=0.2
    )
    model.initialize(X=docs)
    rows, backprop = model.begin_update(docs)
    assert [r.shape for r in rows] == [(6, 32), (0, 32)]
    assert backprop([numpy.ones_like(r) for r in rows]) == []


def test_word_dropout_changes_only_norm_ids_and_only_while_training():
    ids = numpy.arange(2000, dtype="uint64").reshape(1000, 2)
    layer = word_dropout(0.25)
    (kept,) = layer.predict([ids])
    assert kept.tolist() == ids.tolist()
    (dropped,), backprop = layer.begin_update([ids])
    changed = dropped[:, 0] != ids[:, 0]
    assert 150 < changed.sum() < 350
    assert dropped[:, 1].tolist() == ids[:, 1].tolist()
    assert ids.tolist() == numpy.arange(2000).reshape(1000, 2).tolist()  # input untouched
    assert backprop(["gradient"]) == ["gradient"]


def test_lexicon_hash_embed_wants_one_row_count_per_attribute():
    with pytest.raises(ValueError, match="one row count per attribute"):
        lexicon_hash_embed(32, ["NORM", "PREFIX"], [100], word_dropout=0.0)
