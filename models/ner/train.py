"""Re-train pantau's NER end to end: convert the data, ``spacy train``, keep model-best, score.

    python -m models.ner.train --data DIR [--max-steps N]

Steps: IndoNLU BIO files -> models/ner/corpus/*.spacy (models.ner.convert); the table of
word facts from name lists and word frequencies -> models/ner/corpus/lexicon
(models.ner.lexicon); spaCy's own trainer with models/ner/config.cfg ->
models/ner/training/; its model-best replaces models/ner/model/; the figures (per-label
P/R/F1 on both valid sets, size, words/s) are rewritten between the markers of
models/README.md. The data stays outside the repository.
"""

from __future__ import annotations

import os

# One core is the budget on a shared machine (and the target of the speed goal); set before
# numpy is first imported, or it has no effect.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import shutil
from importlib.metadata import version
from pathlib import Path

import spacy
import srsly
from spacy.cli.train import train

import extract.ner_lexicon  # noqa: F401  (registers the embedding architecture of config.cfg)
from models.ner.convert import argument_parser, convert_or_exit
from models.ner.evaluate import (
    directory_megabytes,
    evaluate,
    markdown_table,
    valid_texts,
    words_per_second,
)
from models.ner.lexicon import build as build_lexicon

HERE = Path(__file__).resolve().parent
README = HERE.parent / "README.md"
START, END = "<!-- ner-figures:start -->", "<!-- ner-figures:end -->"


def figures_markdown(model: Path, corpus_dir: Path) -> str:
    """The generated README block: accuracy table, size, speed on one core."""
    table = markdown_table(evaluate(model, corpus_dir))
    nlp = spacy.load(model)
    speed = words_per_second(nlp, valid_texts(nlp, corpus_dir))
    return (
        f"{table}\n\nModel size on disk: {directory_megabytes(model):.1f} MB. "
        f"Speed: {speed['cpu']:,.0f} words per CPU-second ({speed['wall']:,.0f} words/s "
        f"wall-clock on a shared machine) with `nlp.pipe` in one thread over the "
        f"{speed['words']:,.0f} words of both valid sets (best of 3; `bench/ner_speed.py`)."
    )


def describe(model: Path) -> None:
    """Name, licence and sources in meta.json; no machine-specific data paths in config.cfg."""
    meta = srsly.read_json(model / "meta.json")
    meta.update(
        {
            "name": "pantau_ner",
            "version": version("pantau"),
            "description": "pantau's Indonesian NER (PERSON, ORG, LOC) trained on IndoNLU "
            "NERGrit + NERP; recipe in models/ner, figures in models/README.md",
            "license": "Apache-2.0 AND CC-BY-SA-4.0",
            "sources": [
                {
                    "name": "IndoNLU NERGrit and NERP (IndoNLP/indonlu, Wilie et al. 2020)",
                    "license": "Apache-2.0",
                },
                {
                    "name": "names-dataset (philipperemy): name popularity ranks, in the "
                    "lexicon table of the vocab",
                    "license": "MIT",
                },
                {
                    "name": "wordfreq (rspeer): Indonesian and English word frequencies, in the "
                    "lexicon table of the vocab",
                    "license": "Apache-2.0 (code), CC-BY-SA-4.0 (data)",
                },
            ],
        }
    )
    srsly.write_json(model / "meta.json", meta)
    config = spacy.util.load_config(model / "config.cfg", interpolate=False)
    config["paths"].update({"train": None, "dev": None, "vectors": None})
    config.to_disk(model / "config.cfg")


def write_figures(readme: Path, block: str) -> None:
    """Replace the text between the figure markers of ``readme`` (append them if absent)."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    generated = f"{START}\n{block}\n{END}"
    if START in text and END in text:
        head, _, rest = text.partition(START)
        _, _, tail = rest.partition(END)
        text = f"{head}{generated}{tail}"
    else:
        text = f"{text.rstrip()}\n\n{generated}\n"
    readme.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument(
        "--max-steps",
        type=int,
        default=None,
        help="override training.max_steps of config.cfg (quick trial runs)",
    )
    args = parser.parse_args()
    corpus, training, model = HERE / "corpus", HERE / "training", HERE / "model"
    convert_or_exit(args.data, corpus)
    lexicon = build_lexicon(corpus / "lexicon")
    overrides = {
        "paths.train": str(corpus / "train.spacy"),
        "paths.dev": str(corpus / "dev.spacy"),
        "paths.vectors": str(lexicon),
    }
    if args.max_steps is not None:
        overrides["training.max_steps"] = args.max_steps
    shutil.rmtree(training, ignore_errors=True)
    train(HERE / "config.cfg", training, use_gpu=-1, overrides=overrides)
    shutil.rmtree(model, ignore_errors=True)
    shutil.copytree(training / "model-best", model)
    describe(model)
    write_figures(README, figures_markdown(model, corpus))
    print(f"model: {model}; figures written to {README}")


if __name__ == "__main__":
    main()
