"""pantau's extraction stage: from an article's HTML or text to UHC Award facts.

Usable alone: ``Extractor().extract_record({"html": page})`` (extract/engine.py).
"""
