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
from spacy.ml.models.tok2vec import MultiHashEmbed
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Maxout, Model, chain, concatenate, with_array
from thinc.types import Floats2d


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


@registry.architectures("pantau.LexiconHashEmbed.v1")
def lexicon_hash_embed(
    width: int, attrs: list[str], rows: list[int]
) -> Model[list[Doc], list[Floats2d]]:
    """``spacy.MultiHashEmbed.v2`` (no static vectors) joined with ``lexicon_features``,
    mixed back to ``width`` by one Maxout layer."""
    return chain(
        concatenate(
            MultiHashEmbed(width, attrs, rows, include_static_vectors=False),
            lexicon_features(),
        ),
        with_array(Maxout(width, nP=3, dropout=0.0, normalize=True)),
    )
