"""Scores of the trained NER on each IndoNLU valid set, and its speed, as numbers and Markdown.

Scoring goes through spaCy's own Corpus reader and ``Language.evaluate`` (the same path as
``spacy evaluate``): each sentence is re-tokenised by the pipeline and its entities compared
with the gold spans, exact match, per label.

    python -m models.ner.evaluate [--model models/ner/model] [--corpus models/ner/corpus]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Corpus

VALID_SETS = {"NERGrit": "nergrit-valid.spacy", "NERP": "nerp-valid.spacy"}
LABEL_ORDER = ("PERSON", "ORG", "LOC")


def score(nlp: Language, docbin_path: Path) -> dict[str, dict[str, float]]:
    """Per-label and overall {"p", "r", "f"} of ``nlp`` on the gold docs of one DocBin."""
    examples = list(Corpus(docbin_path)(nlp))
    scores = nlp.evaluate(examples)
    figures = {
        label: {key: float(value) for key, value in by_label.items()}
        for label, by_label in (scores.get("ents_per_type") or {}).items()
    }
    figures["overall"] = {
        "p": float(scores["ents_p"]),
        "r": float(scores["ents_r"]),
        "f": float(scores["ents_f"]),
    }
    return figures


def valid_texts(nlp: Language, corpus_dir: Path) -> list[str]:
    """The raw sentences of both valid sets, the input of the speed measurement."""
    return [
        example.reference.text
        for name in VALID_SETS.values()
        for example in Corpus(corpus_dir / name)(nlp)
    ]


def words_per_second(nlp: Language, texts: Iterable[str], rounds: int = 3) -> dict[str, float]:
    """Words, and the best words/s over ``rounds`` passes of ``nlp.pipe`` in this one process.

    "cpu" divides by the process's CPU time, "wall" by elapsed time: on a machine shared with
    other jobs the wall figure drops while the CPU figure still says what one core can do.
    """
    texts = list(texts)
    best = {"words": 0.0, "wall": 0.0, "cpu": 0.0}
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        best = {
            "words": words,
            "wall": max(best["wall"], words / wall),
            "cpu": max(best["cpu"], words / cpu),
        }
    return best


def directory_megabytes(path: Path) -> float:
    """Size on disk of a saved pipeline, in MB (10^6 bytes)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def markdown_table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    """One row per valid set and label: precision, recall, F1 in percent."""
    lines = ["| valid set | label | P | R | F1 |", "|---|---|---:|---:|---:|"]
    for corpus, figures in results.items():
        for label in (*LABEL_ORDER, "overall"):
            if label in figures:
                p, r, f = (100 * figures[label][key] for key in ("p", "r", "f"))
                name = f"**{label}**" if label == "overall" else label
                lines.append(f"| {corpus} | {name} | {p:.1f} | {r:.1f} | {f:.1f} |")
    return "\n".join(lines)


def evaluate(model: Path, corpus_dir: Path) -> dict[str, dict[str, dict[str, float]]]:
    """Scores of the saved pipeline on every valid set, keyed by corpus name."""
    nlp = spacy.load(model)
    return {corpus: score(nlp, corpus_dir / name) for corpus, name in VALID_SETS.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=Path("models/ner/model"))
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path("models/ner/corpus"),
        help="folder of the converted .spacy files (models.ner.convert)",
    )
    args = parser.parse_args()
    missing = [
        str(p)
        for p in (args.model, *(args.corpus / n for n in VALID_SETS.values()))
        if not p.exists()
    ]
    if missing:
        raise SystemExit(f"error: not found: {', '.join(missing)}")
    print(markdown_table(evaluate(args.model, args.corpus)))


if __name__ == "__main__":
    main()
