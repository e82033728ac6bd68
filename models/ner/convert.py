"""IndoNLU NER (NERGrit, NERP) in CoNLL-style BIO -> spaCy DocBin files with PERSON/ORG/LOC.

Why a converter of our own: the two corpora use different label sets (NERGrit: PERSON, PLACE,
ORGANISATION; NERP: PPL, PLC, IND, EVT, FNB) and come pre-tokenised without spacing. We map
both onto the three labels pantau needs and restore plausible spacing ("Kupang," not
"Kupang ,") so that ``spacy train`` re-tokenises each sentence with the Indonesian tokenizer
and learns on the tokens it will see at run time (the gold tokens are kept as the reference
and spaCy aligns the two).

    python -m models.ner.convert --data DIR --out models/ner/corpus
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training.iob_utils import biluo_tags_to_spans, iob_to_biluo

# Folder of each corpus inside the IndoNLU data directory.
CORPORA = {"nergrit": "nergrit_ner-grit", "nerp": "nerp_ner-prosa"}

# Dataset label -> pantau label. Labels absent here (NERP's EVT and FNB) become "O": pantau
# has no use for events or food, and NERGrit leaves them unannotated too, so "O" keeps the two
# corpora consistent (see models/README.md).
LABELS = {
    "PERSON": "PERSON",
    "PPL": "PERSON",
    "ORGANISATION": "ORG",
    "IND": "ORG",
    "PLACE": "LOC",
    "PLC": "LOC",
}

NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "}", "%", "...", "'s", "”", "’"}
NO_SPACE_AFTER = {"(", "[", "{", "“", "‘", "$"}
QUOTES = {'"', "'", "`", "''", "``"}


def read_conll(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences of (tokens, BIO tags) from one tab-separated file, blank line between them."""
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            token, sep, tag = line.rpartition("\t")
            if not sep or not token.strip():
                raise ValueError(f"{path}:{lineno}: expected 'token<TAB>tag', got {line!r}")
            words.append(token.strip())
            tags.append(tag.strip())
    if words:
        yield words, tags


def map_tags(tags: list[str]) -> list[str]:
    """Dataset BIO tags -> pantau BIO tags; repairs an I- that does not continue its entity."""
    mapped: list[str] = []
    for tag in tags:
        prefix, _, label = tag.partition("-")
        new_label = LABELS.get(label)
        if prefix not in {"B", "I"} or new_label is None:
            mapped.append("O")
            continue
        previous = mapped[-1] if mapped else "O"
        continues = previous != "O" and previous[2:] == new_label
        mapped.append(f"{'I' if prefix == 'I' and continues else 'B'}-{new_label}")
    return mapped


def guess_spaces(words: list[str]) -> list[bool]:
    """Whether each token is followed by a space, as a writer would have typed the sentence."""
    spaces = [True] * len(words)
    open_quote = False
    for i, word in enumerate(words):
        if word in QUOTES:
            if open_quote:
                if i > 0:
                    spaces[i - 1] = False
            else:
                spaces[i] = False
            open_quote = not open_quote
        if word in NO_SPACE_BEFORE and i > 0:
            spaces[i - 1] = False
        if word in NO_SPACE_AFTER:
            spaces[i] = False
        if (
            word == "-"
            and 0 < i < len(words) - 1
            and words[i - 1][-1:].isalnum()
            and words[i + 1][:1].isalnum()
        ):
            spaces[i - 1] = False
            spaces[i] = False
    spaces[-1] = False
    return spaces


def make_doc(vocab: spacy.Vocab, words: list[str], tags: list[str]) -> Doc:
    """One reference Doc: the dataset's own tokens, guessed spacing, pantau entity spans."""
    doc = Doc(vocab, words=words, spaces=guess_spaces(words))
    doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(map_tags(tags)))
    return doc


def read_docs(path: Path, vocab: spacy.Vocab) -> list[Doc]:
    """All sentences of one dataset file as reference Docs."""
    return [make_doc(vocab, words, tags) for words, tags in read_conll(path)]


def convert(data_dir: Path, out_dir: Path) -> dict[str, int]:
    """Write train.spacy / dev.spacy (both corpora) and <corpus>-valid.spacy; return doc counts."""
    missing = [
        str(data_dir / folder / f"{split}.txt")
        for folder in CORPORA.values()
        for split in ("train", "valid")
        if not (data_dir / folder / f"{split}.txt").is_file()
    ]
    if missing:
        raise FileNotFoundError(f"IndoNLU NER data not found: {', '.join(missing)}")
    vocab = spacy.blank("id").vocab
    out_dir.mkdir(parents=True, exist_ok=True)
    merged: dict[str, list[Doc]] = {"train": [], "dev": []}
    counts: dict[str, int] = {}
    for name, folder in CORPORA.items():
        for split, merged_name in (("train", "train"), ("valid", "dev")):
            docs = read_docs(data_dir / folder / f"{split}.txt", vocab)
            counts[f"{name}-{split}"] = len(docs)
            merged[merged_name].extend(docs)
            if split == "valid":
                DocBin(docs=docs, store_user_data=False).to_disk(out_dir / f"{name}-valid.spacy")
    for merged_name, docs in merged.items():
        DocBin(docs=docs, store_user_data=False).to_disk(out_dir / f"{merged_name}.spacy")
        counts[merged_name] = len(docs)
    return counts


def argument_parser(description: str) -> argparse.ArgumentParser:
    """A command-line parser with the --data option of every step of the recipe."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--data",
        type=Path,
        required=True,
        help="IndoNLU NER folder holding nergrit_ner-grit/ and nerp_ner-prosa/",
    )
    return parser


def convert_or_exit(data_dir: Path, out_dir: Path) -> dict[str, int]:
    """``convert``, turning missing or malformed data into a one-line error and exit."""
    try:
        counts = convert(data_dir, out_dir)
    except (FileNotFoundError, ValueError) as error:
        raise SystemExit(f"error: {error}") from None
    print(", ".join(f"{name}: {count} sentences" for name, count in counts.items()))
    return counts


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=Path("models/ner/corpus"), help="where the .spacy files go"
    )
    args = parser.parse_args()
    convert_or_exit(args.data, args.out)


if __name__ == "__main__":
    main()
