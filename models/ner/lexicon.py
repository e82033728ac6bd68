"""A small static-vectors table of word facts for the NER: is this word a known name, and how
common is it as an ordinary word?

Why: NERP is entirely lower-cased, so capitalisation cannot tell "ketut" (a Balinese first
name) from "ribet" (fuss), and 14 % of its valid persons never occur in training. Name lists
and word frequencies that ship with pip packages answer exactly that question for words the
training data never showed. Each word gets eight numbers (``FEATURES``) instead of a learned
embedding; the tok2vec reads them through ``extract.ner_lexicon``, keyed on NORM (the
lower-cased form), so cased news and lower-cased NERP look the same words up. The table is
saved inside the trained model: nothing here is needed at run time.

Sources (facts, not code): names-dataset (MIT; first and last names with their popularity
rank in 105 countries, from a large social-network dump) and wordfreq (Apache-2.0 code,
CC BY-SA data; Indonesian and English word frequencies).

    python -m models.ner.lexicon --out models/ner/corpus/lexicon
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import numpy
import spacy
from spacy.strings import hash_string
from spacy.vectors import Vectors

FEATURES = (
    "known",  # 1 for every word of the table, so a missing word (all zeros) is told apart
    "id_first",  # popularity as a first name in Indonesia (0 = not a ranked name there)
    "id_last",  # ... as a last name in Indonesia
    "any_first",  # best popularity as a first name in any country
    "any_last",  # ... as a last name in any country
    "id_share",  # share of the name's bearers who live in Indonesia
    "zipf_id",  # frequency as an Indonesian word (Zipf scale / 8)
    "zipf_en",  # frequency as an English word (Zipf scale / 8)
)

# Names-dataset ranks go up to about 20,000 per country. A name ranked this low or better
# anywhere, ranked at all in Indonesia, or borne in Indonesia by at least KEEP_ID_SHARE of its
# bearers enters the table; the rest of the long tail would cost megabytes of model for names
# seen a handful of times.
WORST_RANK = 20_000
KEEP_RANK = 2_000
KEEP_ID_SHARE = 0.1
# Words at least this frequent (Zipf) in Indonesian or English enter the table.
KEEP_ZIPF = 3.0

NameEntry = Mapping[str, Mapping[str, float]]  # {"rank": {"ID": 25, ...}, "country": {...}}


def rank_score(rank: float | None) -> float:
    """1.0 for the most popular name, falling with log rank to 0.0 at ``WORST_RANK``."""
    if not rank:
        return 0.0
    return max(0.0, 1.0 - math.log(rank) / math.log(WORST_RANK))


def name_scores(names: Mapping[str, NameEntry]) -> dict[str, tuple[float, float, float]]:
    """Lower-cased single-word name -> (Indonesian score, best score anywhere, Indonesian share).

    Names that are not ranked in Indonesia, not within ``KEEP_RANK`` somewhere and rarely
    Indonesian (``KEEP_ID_SHARE``) are left out; case variants ("Indah", "INDAH") keep the
    best of each figure.
    """
    scores: dict[str, tuple[float, float, float]] = {}
    for name, entry in names.items():
        if " " in name:
            continue
        ranks = entry.get("rank") or {}
        share = float((entry.get("country") or {}).get("ID") or 0.0)
        best = min(ranks.values(), default=None)
        well_ranked = best is not None and best <= KEEP_RANK
        if "ID" not in ranks and not well_ranked and share < KEEP_ID_SHARE:
            continue
        word = name.lower()
        new = (rank_score(ranks.get("ID")), rank_score(best), share)
        old = scores.get(word, (0.0, 0.0, 0.0))
        scores[word] = tuple(max(a, b) for a, b in zip(old, new, strict=True))
    return scores


def feature_table(
    first: Mapping[str, NameEntry],
    last: Mapping[str, NameEntry],
    zipf: Callable[[str, str], float],
    common_words: Iterable[str],
) -> tuple[list[str], numpy.ndarray]:
    """The words of the table (sorted) and their ``FEATURES`` rows, float32."""
    first_scores, last_scores = name_scores(first), name_scores(last)
    words = sorted(set(first_scores) | set(last_scores) | {w.lower() for w in common_words})
    rows = numpy.zeros((len(words), len(FEATURES)), dtype="float32")
    for i, word in enumerate(words):
        f_id, f_any, f_share = first_scores.get(word, (0.0, 0.0, 0.0))
        l_id, l_any, l_share = last_scores.get(word, (0.0, 0.0, 0.0))
        rows[i] = (
            1.0,
            f_id,
            l_id,
            f_any,
            l_any,
            max(f_share, l_share),
            zipf(word, "id") / 8,
            zipf(word, "en") / 8,
        )
    return words, rows


def build(out: Path) -> Path:
    """Write the table as a blank Indonesian pipeline whose vectors [initialize] can load."""
    import wordfreq
    from names_dataset import NameDataset

    dataset = NameDataset()
    common = [
        word
        for lang in ("id", "en")
        for word in wordfreq.top_n_list(lang, 1_000_000)
        if wordfreq.zipf_frequency(word, lang) >= KEEP_ZIPF
    ]
    words, rows = feature_table(
        dataset.first_names, dataset.last_names, wordfreq.zipf_frequency, common
    )
    nlp = spacy.blank("id")
    # Keys are the words' hashes, not entries of the string store: the layer looks rows up by
    # hash, and a store of every listed name would add megabytes to the model for nothing.
    keys = [hash_string(word) for word in words]
    # Half precision halves the table on disk; the features need no more than three digits.
    data = rows.astype("float16")
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=data, keys=keys)
    nlp.to_disk(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "corpus" / "lexicon")
    args = parser.parse_args()
    path = build(args.out)
    print(f"lexicon: {path}")


if __name__ == "__main__":
    main()
