"""Rebuild models/pantau-id from the project's data: ``python -m models.build``."""

from __future__ import annotations

import shutil

from extract.pipeline import MODEL_DIR, build_pipeline


def main() -> None:
    """Build, then replace the saved pipeline whole: ``to_disk`` alone would leave the
    folder of a component that is no longer in the pipeline behind."""
    nlp = build_pipeline()
    shutil.rmtree(MODEL_DIR, ignore_errors=True)
    nlp.to_disk(MODEL_DIR)
    print(f"saved {', '.join(nlp.pipe_names)} to {MODEL_DIR}")


if __name__ == "__main__":
    main()
