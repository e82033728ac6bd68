"""The NER's embedding: spaCy's hashed word features plus a looked-up table of word facts.

Why not spaCy's own ``include_static_vectors``: its ``StaticVectors`` looks words up by the
vectors table's ``attr``, which spaCy saves only for floret tables; a plain table comes back
keyed on ORTH, so "Ketut" in cased news would miss the lower-cased "ketut" row that NERP
taught. This layer always looks up NORM (the lower-cased form). The table itself is built at
training time by ``models/ner/lexicon.py`` and travels inside the model's vocab.

Registered as spaCy architectures (entry points in pyproject.toml), so ``spacy.load`` of the
trained model needs only pantau installed.
"""

from __future__ import annotations

from spacy.attrs import NORM
from spacy.ml.featureextractor import FeatureExtractor
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Floats2d, Ints2d


@registry.architectures("pantau.LexiconFeatures.v1")
def lexicon_features() -> Model[list[Doc], list[Floats2d]]:
    """Each token's row of the vocab's vectors table, found by NORM; zeros for other words.

    The rows are fixed facts, not weights: nothing is learned here, the next layer weighs them.
    """
    return Model("lexicon_features", _lexicon_forward)


def _lexicon_forward(
    model: Model[list[Doc], list[Floats2d]], docs: list[Doc], is_train: bool
) -> tuple[list[Floats2d], object]:
    rows_out: list[Floats2d] = []
    for doc in docs:
        table = doc.vocab.vectors
        width = table.shape[1]
        if not len(doc) or not width:
            rows_out.append(model.ops.alloc2f(len(doc), width))
            continue
        rows = table.find(keys=doc.to_array(NORM))
        found = model.ops.asarray(table.data)[rows]
        found[rows < 0] = 0.0
        rows_out.append(model.ops.asarray2f(found))
    return rows_out, lambda d_rows: []


def word_dropout(rate: float, column: int = 0) -> Model[list[Ints2d], list[Ints2d]]:
    """While training, give a random ``rate`` of tokens a random id in ``column`` (NORM).

    Why: the model learns most of its training names by heart through their NORM rows, and so
    leans on them; a dropped token reads as a word never seen, whose row is whatever its hash
    hits, which is what every unseen name at run time looks like. The model must then also
    read names from the lexicon, the affixes, the shape and the context. Does nothing outside
    training.
    """
    return Model("word_dropout", _word_dropout_forward, attrs={"rate": rate, "column": column})


def _word_dropout_forward(
    model: Model[list[Ints2d], list[Ints2d]], features: list[Ints2d], is_train: bool
) -> tuple[list[Ints2d], object]:
    rate, column = model.attrs["rate"], model.attrs["column"]
    if not is_train or rate <= 0.0:
        return features, lambda d_features: d_features
    xp = model.ops.xp
    dropped = []
    for ids in features:
        ids = ids.copy()
        hit = xp.random.random_sample(len(ids)) < rate
        ids[hit, column] = xp.random.randint(1, 2**63, size=int(hit.sum()), dtype="uint64")
        dropped.append(ids)
    return dropped, lambda d_features: d_features


def hashed_features(
    width: int, attrs: list[str], rows: list[int], dropout: float
) -> Model[list[Doc], list[Floats2d]]:
    """``spacy.MultiHashEmbed.v2`` without static vectors, plus ``word_dropout`` between the
    feature extractor and the hash tables (the first attribute is the one dropped)."""
    tables = [
        HashEmbed(width, n_rows, column=i, seed=8 + i, dropout=0.0) for i, n_rows in enumerate(rows)
    ]
    return chain(
        FeatureExtractor(attrs),
        word_dropout(dropout),
        list2ragged(),
        with_array(concatenate(*tables)),
        with_array(Maxout(width, width * len(tables), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )


@registry.architectures("pantau.LexiconHashEmbed.v2")
def lexicon_hash_embed(
    width: int, attrs: list[str], rows: list[int], word_dropout: float
) -> Model[list[Doc], list[Floats2d]]:
    """``hashed_features`` joined with ``lexicon_features``, mixed back to ``width`` by one
    Maxout layer."""
    if len(rows) != len(attrs):
        raise ValueError(f"one row count per attribute: {len(rows)} rows, {len(attrs)} attrs")
    return chain(
        concatenate(hashed_features(width, attrs, rows, word_dropout), lexicon_features()),
        with_array(Maxout(width, nP=3, dropout=0.0, normalize=True)),
    )
