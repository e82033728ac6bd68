"""Speed of pantau's NER: words per second with ``nlp.pipe`` on one core.

Input: the sentences of both IndoNLU valid sets, converted by ``python -m models.ner.convert``
(models/ner/corpus). Goal: at least 10,000 words/s. Prints figures; asserts nothing.

    python bench/ner_speed.py [--model models/ner/model] [--corpus models/ner/corpus]
"""

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.ner import load_ner  # noqa: E402
from models.ner.evaluate import directory_megabytes, valid_texts, words_per_second  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "ner" / "model")
    parser.add_argument("--corpus", type=Path, default=ROOT / "models" / "ner" / "corpus")
    args = parser.parse_args()
    if not (args.corpus / "nerp-valid.spacy").is_file():
        raise SystemExit(
            f"error: no converted valid sets in {args.corpus} (run `python -m models.ner.convert`)"
        )
    nlp = load_ner(args.model)
    texts = valid_texts(nlp, args.corpus)
    speed = words_per_second(nlp, texts)
    print(f"model: {args.model} ({directory_megabytes(args.model):.1f} MB)")
    print(f"texts: {len(texts)}, words: {speed['words']:.0f}")
    print(
        f"speed: {speed['cpu']:,.0f} words per CPU-second, {speed['wall']:,.0f} words/s wall "
        "(nlp.pipe, one thread, best of 3)"
    )


if __name__ == "__main__":
    main()
