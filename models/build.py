"""Rebuild models/pantau-id from the project's data: ``python -m models.build``."""

from __future__ import annotations

from extract.pipeline import MODEL_DIR, build_pipeline


def main() -> None:
    nlp = build_pipeline()
    nlp.to_disk(MODEL_DIR)
    print(f"saved {', '.join(nlp.pipe_names)} to {MODEL_DIR}")


if __name__ == "__main__":
    main()
